import {
  type Bytes,
  type Client,
  type Database,
  ERR_HLL_WRONGTYPE,
  MutableString,
  type RedisValue,
} from '@fakeredis/core';
import { asString, replaceValueSilently } from '../value.js';
import { HllData, isValidHll } from './hll.js';

/**
 * A working copy of the HLL held by a value (isHLLObjectOrReply): WRONGTYPE for other
 * types, Redis's "not a valid HyperLogLog string value" for strings that are not one.
 */
export function hllFromValue(value: RedisValue): HllData {
  const s = asString(value);
  const bytes = typeof s === 'string' ? Buffer.from(s, 'latin1') : s.view();
  if (!isValidHll(bytes)) throw ERR_HLL_WRONGTYPE;
  return HllData.copyOf(bytes);
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
