import {
  type Bytes,
  type Client,
  type CommandHandler,
  ERR_NOT_INTEGER,
  ERR_OVERFLOW,
  INT64_MAX,
  INT64_MIN,
  int64Reply,
  tryParseInt64,
  tryParseInteger,
} from '@fakeredis/core';
import { ERR_DECREMENT_OVERFLOW } from '../errors.js';
import { stringBytes, stringType } from '../value.js';

/** An int64 argument or stored value: a number when short enough to be exact, else a bigint. */
function parseInt64Value(s: string): number | bigint | undefined {
  if (s.length <= 15) return tryParseInteger(s);
  return tryParseInt64(s);
}

/** Redis's incrDecrCommand: int64 arithmetic with overflow detection; stored as an integer. */
function incrDecr(client: Client, key: Bytes, incr: number | bigint): number | bigint {
  const db = client.db;
  const current = stringType.write(db, key);
  let value: number | bigint = 0;
  if (current !== undefined) {
    const parsed = current.length > 20 ? undefined : parseInt64Value(stringBytes(current));
    if (parsed === undefined) throw ERR_NOT_INTEGER;
    value = parsed;
  }
  let result: number | bigint;
  if (typeof value === 'number' && typeof incr === 'number' && Math.abs(incr) < 2 ** 52) {
    // Both below 10^15 in magnitude: the sum is exact and far from int64 limits.
    result = value + incr;
  } else {
    const v = BigInt(value);
    const i = BigInt(incr);
    if ((i < 0n && v < 0n && i < INT64_MIN - v) || (i > 0n && v > 0n && i > INT64_MAX - v)) throw ERR_OVERFLOW;
    result = int64Reply(v + i);
  }
  const text = String(result) as Bytes;
  if (current === undefined) db.add(key, text);
  else db.set(key, text, true);
  stringType.notify(db, 'incrby', key);
  return result;
}

function parseIncrement(arg: Bytes): number | bigint {
  const parsed = parseInt64Value(arg);
  if (parsed === undefined) throw ERR_NOT_INTEGER;
  return parsed;
}

/** INCR key */
export const INCR: CommandHandler = (client, argv) => incrDecr(client, argv[1] as Bytes, 1);

/** DECR key */
export const DECR: CommandHandler = (client, argv) => incrDecr(client, argv[1] as Bytes, -1);

/** INCRBY key increment */
export const INCRBY: CommandHandler = (client, argv) => incrDecr(client, argv[1] as Bytes, parseIncrement(argv[2] as Bytes));

/** DECRBY key decrement */
export const DECRBY: CommandHandler = (client, argv) => {
  const decrement = parseIncrement(argv[2] as Bytes);
  if (typeof decrement === 'bigint') {
    // Negating INT64_MIN would overflow.
    if (decrement === INT64_MIN) throw ERR_DECREMENT_OVERFLOW;
    return incrDecr(client, argv[1] as Bytes, -decrement);
  }
  return incrDecr(client, argv[1] as Bytes, -decrement);
};
