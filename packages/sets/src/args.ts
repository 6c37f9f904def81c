import { type Bytes, type ErrorReply, tryParseInt64 } from '@fakeredis/core';

/**
 * getPositiveLongFromObjectOrReply with a message: a long that is not negative, else
 * `error` (which Redis also sends for a non-integer when the command names its own).
 */
export function parsePositiveLong(arg: Bytes, error: ErrorReply): number {
  const value = tryParseInt64(arg);
  if (value === undefined || value < 0n) throw error;
  return Number(value);
}

/** getRangeLongFromObjectOrReply with its own message for both failures. */
export function parseLongInRange(arg: Bytes, min: bigint, max: bigint, error: ErrorReply): number {
  const value = tryParseInt64(arg);
  if (value === undefined || value < min || value > max) throw error;
  return Number(value);
}
