import { type Bytes, type Client, type Database, MutableString } from '@fakeredis/core';
import { ERR_HLL_WRONGTYPE } from '../errors.js';
import { replaceValueSilently, stringBuffer, stringType, type StringValue } from '../value.js';
import { HllData, isValidHll } from './hll.js';

/**
 * HyperLogLogs are strings (raw MutableStrings once written, as Redis's HLL objects are
 * raw sds strings): TYPE says "string" and GET returns Redis's bytes. These read one
 * through the string type's lookups, then check it is an HLL.
 */

/**
 * A working copy of the HLL held by a string (isHLLObjectOrReply): Redis's "not a valid
 * HyperLogLog string value" for strings that are not one.
 */
function hllOf(value: StringValue): HllData {
  const bytes = stringBuffer(value);
  if (!isValidHll(bytes)) throw ERR_HLL_WRONGTYPE;
  return HllData.copyOf(bytes);
}

/** lookupKeyRead + isHLLObjectOrReply: undefined when absent, WRONGTYPE for other types. */
export function readHll(client: Client, key: Bytes): HllData | undefined {
  const value = stringType.read(client, key);
  return value === undefined ? undefined : hllOf(value);
}

/** lookupKeyWrite + isHLLObjectOrReply. */
export function writeHll(db: Database, key: Bytes): HllData | undefined {
  const value = stringType.write(db, key);
  return value === undefined ? undefined : hllOf(value);
}

/**
 * Writes an HLL back to an existing key as a raw string, silently: Redis edits it in
 * place after unsharing it, and signals only when the registers changed.
 */
export function storeHll(db: Database, key: Bytes, data: HllData): void {
  replaceValueSilently(db, key, new MutableString(data.view()));
}

/** hll-sparse-max-bytes: the size past which a sparse HLL is promoted to dense. */
export function sparseMaxBytes(client: Client): number {
  return client.server.config.getNumber('hll-sparse-max-bytes');
}
