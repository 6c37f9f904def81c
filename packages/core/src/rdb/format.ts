/** Redis's RDB constants (rdb.h): value type bytes, opcodes, length and string encodings. */

export const RDB_TYPE_STRING = 0;
export const RDB_TYPE_LIST = 1;
export const RDB_TYPE_SET = 2;
export const RDB_TYPE_ZSET = 3;
export const RDB_TYPE_HASH = 4;
export const RDB_TYPE_ZSET_2 = 5;
export const RDB_TYPE_MODULE_2 = 7;
/** What follows a module value's body in RDB_TYPE_MODULE_2 (RDB_MODULE_OPCODE_EOF). */
export const RDB_MODULE_OPCODE_EOF = 0;
export const RDB_TYPE_HASH_ZIPMAP = 9;
export const RDB_TYPE_LIST_ZIPLIST = 10;
export const RDB_TYPE_SET_INTSET = 11;
export const RDB_TYPE_ZSET_ZIPLIST = 12;
export const RDB_TYPE_HASH_ZIPLIST = 13;
export const RDB_TYPE_LIST_QUICKLIST = 14;
export const RDB_TYPE_STREAM_LISTPACKS = 15;
export const RDB_TYPE_HASH_LISTPACK = 16;
export const RDB_TYPE_ZSET_LISTPACK = 17;
export const RDB_TYPE_LIST_QUICKLIST_2 = 18;
export const RDB_TYPE_STREAM_LISTPACKS_2 = 19;
export const RDB_TYPE_SET_LISTPACK = 20;
export const RDB_TYPE_STREAM_LISTPACKS_3 = 21;
export const RDB_TYPE_HASH_METADATA = 24;
export const RDB_TYPE_HASH_LISTPACK_EX = 25;
/** Redis 8.6: a stream with its idempotent producers. */
export const RDB_TYPE_STREAM_LISTPACKS_4 = 26;

export const RDB_OPCODE_FUNCTION2 = 245;
export const RDB_OPCODE_FUNCTION_PRE_GA = 246;
export const RDB_OPCODE_MODULE_AUX = 247;
export const RDB_OPCODE_IDLE = 248;
export const RDB_OPCODE_FREQ = 249;
export const RDB_OPCODE_AUX = 250;
export const RDB_OPCODE_RESIZEDB = 251;
export const RDB_OPCODE_EXPIRETIME_MS = 252;
export const RDB_OPCODE_EXPIRETIME = 253;
export const RDB_OPCODE_SELECTDB = 254;
export const RDB_OPCODE_EOF = 255;

export const RDB_6BITLEN = 0;
export const RDB_14BITLEN = 1;
export const RDB_32BITLEN = 0x80;
export const RDB_64BITLEN = 0x81;
export const RDB_ENCVAL = 3;
export const RDB_ENC_INT8 = 0;
export const RDB_ENC_INT16 = 1;
export const RDB_ENC_INT32 = 2;
export const RDB_ENC_LZF = 3;

/** quicklist node containers (QUICKLIST_NODE_CONTAINER_*). */
export const QUICKLIST_NODE_CONTAINER_PLAIN = 1;
export const QUICKLIST_NODE_CONTAINER_PACKED = 2;

/** rdbIsObjectType of the newest format this code knows. */
export function rdbIsObjectType(t: number): boolean {
  return (t >= 0 && t <= 7) || (t >= 9 && t <= 26);
}

/**
 * RDB_VERSION of the emulated server: 10 for 7.0, 11 for 7.2, 12 for 7.4 and 8.0, 13 from 8.6
 * (8.6.3's; what 8.2 and 8.4 write is not known here, they keep 12).
 * Payloads and files of a newer version are refused, as Redis refuses them.
 */
export function rdbVersionFor(version: string): number {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major > 8 || (major === 8 && minor >= 6)) return 13;
  if (major > 7 || (major === 7 && minor >= 4)) return 12;
  if (major === 7 && minor >= 2) return 11;
  return 10;
}

/**
 * A payload or file Redis cannot load: `message` is the reason rdbReportCorruptRDB would
 * log. RESTORE answers "Bad data format" for any of them.
 */
export class RdbError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RdbError';
  }
}

const MODULE_TYPE_NAME_CHARSET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * moduleTypeEncodeId: a module data type's 64-bit id, nine 6-bit characters of its name
 * then its 10-bit encoding version; undefined for a name or version Redis refuses.
 */
export function moduleTypeEncodeId(name: string, encodingVersion: number): bigint | undefined {
  if (name.length !== 9 || !Number.isInteger(encodingVersion) || encodingVersion < 0 || encodingVersion > 1023) return undefined;
  let id = 0n;
  for (const c of name) {
    const pos = MODULE_TYPE_NAME_CHARSET.indexOf(c);
    if (pos < 0) return undefined;
    id = (id << 6n) | BigInt(pos);
  }
  return (id << 10n) | BigInt(encodingVersion);
}

/** moduleTypeNameByID: the type name an id carries (its encoding version left out). */
export function moduleTypeNameByID(id: bigint): string {
  let name = '';
  for (let rest = id >> 10n, j = 0; j < 9; j++, rest >>= 6n) name = (MODULE_TYPE_NAME_CHARSET[Number(rest & 63n)] as string) + name;
  return name;
}
