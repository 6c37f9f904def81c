import {
  addLongDouble,
  type Bytes,
  type CommandHandler,
  ERR_INCR_NAN_OR_INFINITY,
  ERR_NOT_FLOAT,
  ERR_OVERFLOW,
  formatLongDoubleHuman,
  int64Reply,
  INT64_MAX,
  INT64_MIN,
  parseInt64,
  parseLongDouble,
  tryParseInt64,
} from '@fakeredis/core';
import { ERR_HASH_VALUE_NOT_FLOAT, ERR_HASH_VALUE_NOT_INTEGER, ERR_VALUE_NAN_OR_INFINITY } from '../errors.js';
import { setField } from '../value/encoding.js';
import { hashType } from '../value/hash-value.js';
import { currentValue } from './field-access.js';

/** HINCRBY key field increment: int64 arithmetic; the field keeps its TTL. */
export const HINCRBY: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const field = argv[2] as Bytes;
  const increment = parseInt64(argv[3] as Bytes);
  const { hash, value } = currentValue(client, key, field);
  let current = 0n;
  if (value !== undefined) {
    const parsed = tryParseInt64(value);
    if (parsed === undefined) throw ERR_HASH_VALUE_NOT_INTEGER;
    current = parsed;
  }
  const result = current + increment;
  if (result > INT64_MAX || result < INT64_MIN) throw ERR_OVERFLOW;
  setField(client.server, hash, field, String(result) as Bytes, true);
  client.db.signalModifiedKey(key);
  hashType.notify(client.db, 'hincrby', key);
  // One change, a created hash included (server.dirty++).
  client.server.addDirty(1);
  return int64Reply(result);
};

/**
 * HINCRBYFLOAT key field increment: x87 long double arithmetic, the result written as
 * Redis's human-friendly "%.17Lf"; the field keeps its TTL.
 */
export const HINCRBYFLOAT: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const field = argv[2] as Bytes;
  const increment = parseLongDouble(argv[3] as Bytes);
  if (increment === undefined) throw ERR_NOT_FLOAT;
  if (increment.kind !== 'finite') throw ERR_VALUE_NAN_OR_INFINITY;
  const { hash, value } = currentValue(client, key, field);
  let sum = increment;
  if (value !== undefined) {
    const current = parseLongDouble(value);
    if (current === undefined) throw ERR_HASH_VALUE_NOT_FLOAT;
    sum = addLongDouble(current, increment);
  }
  if (sum.kind !== 'finite') throw ERR_INCR_NAN_OR_INFINITY;
  const text = formatLongDoubleHuman(sum) as Bytes;
  setField(client.server, hash, field, text, true);
  client.db.signalModifiedKey(key);
  hashType.notify(client.db, 'hincrbyfloat', key);
  client.server.addDirty(1);
  return text;
};
