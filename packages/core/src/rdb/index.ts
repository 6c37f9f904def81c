export * from './format.js';
export { Crc64, crc64 } from './crc64.js';
export { lzfCompress, lzfDecompress } from './lzf.js';
export { RdbWriter, canonicalInt32 } from './writer.js';
export { RdbReader } from './reader.js';
export { ListpackWriter, encodeListpack, decodeListpack, lpStringToInt64, encodeIntset, decodeIntset } from './listpack.js';
export { RdbEmptyKeyError, rdbSaveValue, rdbLoadValue } from './objects.js';
export { createDumpPayload, verifyDumpPayload, loadDumpPayload, serverRdbVersion } from './payload.js';
export { installRdbSection, rdbSaveToBuffer, rdbParse, rdbApply, type RdbSection, type LoadedRdb } from './file.js';
