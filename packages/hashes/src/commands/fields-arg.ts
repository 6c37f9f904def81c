import { type Bytes, type ErrorReply, errInvalidExpireTime, isToken, parseInt64, tryParseInt64 } from '@fakeredis/core';
import { ERR_EXPIRE_TIME_NEGATIVE, ERR_FIELDS_ARGUMENT_MISSING, ERR_NUMFIELDS_MISMATCH } from '../errors.js';

/** Field TTLs are limited to 2^46-1 ms (EB_EXPIRE_TIME_MAX >> 2, redis#13331). */
export const HFE_MAX_ABS_TIME_MSEC = 2 ** 46 - 1;

/**
 * An expiry argument as parseExpireTime reads it: an int64, not negative, within the
 * field TTL limit once scaled to ms and added to `basetime` (now, for relative times).
 */
export function parseExpireTime(arg: Bytes, unitSeconds: boolean, basetime: number, command: string): number {
  const value = parseInt64(arg);
  if (value < 0n) throw ERR_EXPIRE_TIME_NEGATIVE;
  let ms = value;
  if (unitSeconds) {
    if (value > BigInt(Math.floor(HFE_MAX_ABS_TIME_MSEC / 1000))) throw errInvalidExpireTime(command);
    ms = value * 1000n;
  }
  if (ms > BigInt(HFE_MAX_ABS_TIME_MSEC - basetime)) throw errInvalidExpireTime(command);
  return Number(ms) + basetime;
}

/**
 * "FIELDS numfields field ...": the keyword at `at`, a positive count after it (else
 * `countError`) and exactly that many fields to the end. Returns the first field's index.
 */
export function parseFieldsBlock(argv: readonly Bytes[], at: number, countError: ErrorReply): { first: number; count: number } {
  if (!isToken(argv[at], 'FIELDS')) throw ERR_FIELDS_ARGUMENT_MISSING;
  const countArg = argv[at + 1];
  const count = countArg === undefined ? undefined : tryParseInt64(countArg);
  if (count === undefined || count < 1n) throw countError;
  if (count !== BigInt(argv.length - at - 2)) throw ERR_NUMFIELDS_MISMATCH;
  return { first: at + 2, count: Number(count) };
}
