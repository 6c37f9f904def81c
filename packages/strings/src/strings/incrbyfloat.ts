import {
  addLongDouble,
  type Bytes,
  type CommandHandler,
  ERR_INCR_NAN_OR_INFINITY,
  ERR_NOT_FLOAT,
  formatLongDoubleHuman,
  type LongDouble,
  parseLongDouble,
  roundToLongDouble,
  tryParseInt64,
} from '@fakeredis/core';
import { stringBytes, stringType } from '../value.js';
import { EmbeddedString } from './embedded-string.js';

const ZERO: LongDouble = roundToLongDouble(false, 0n, 0);

/** Longer strings are never valid floats to Redis (MAX_LONG_DOUBLE_CHARS). */
const MAX_FLOAT_TEXT = 5 * 1024;

/**
 * INCRBYFLOAT key increment: long double arithmetic, the result written in Redis's
 * human-friendly "%.17Lf" form and stored as a new embstr/raw string (TTL kept).
 */
export const INCRBYFLOAT: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const db = client.db;
  const current = stringType.write(db, key);
  let value = ZERO;
  if (current !== undefined) {
    const parsed = current.length >= MAX_FLOAT_TEXT ? undefined : parseLongDouble(stringBytes(current));
    if (parsed === undefined) throw ERR_NOT_FLOAT;
    value = parsed;
  }
  const increment = parseLongDouble(argv[2] as Bytes);
  if (increment === undefined) throw ERR_NOT_FLOAT;
  const sum = addLongDouble(value, increment);
  if (sum.kind !== 'finite') throw ERR_INCR_NAN_OR_INFINITY;
  const text = formatLongDoubleHuman(sum) as Bytes;
  // Integer-looking text would read back as "int" encoded; Redis made it embstr.
  const stored = text.length <= 20 && tryParseInt64(text) !== undefined ? new EmbeddedString(text) : text;
  if (current === undefined) db.add(key, stored);
  else db.set(key, stored, true);
  stringType.notify(db, 'incrbyfloat', key);
  return text;
};
