import { ErrorReply } from '../reply.js';

/** Errors of the set commands (t_set.c), spelled as Redis 7.0 spells them. */

/** SINTERCARD's numkeys: not an integer, or below 1 (getRangeLongFromObjectOrReply's own message). */
export const ERR_NUMKEYS_NOT_POSITIVE = new ErrorReply('ERR numkeys should be greater than 0');
export const ERR_NUMKEYS_OVER_ARGS = new ErrorReply("ERR Number of keys can't be greater than number of args");
/** SINTERCARD's LIMIT: not an integer, or negative. */
export const ERR_LIMIT_NEGATIVE = new ErrorReply("ERR LIMIT can't be negative");

/** getRangeLongFromObjectOrReply's range error (Redis's own wording, "must between"). */
export function errValueMustBetween(min: bigint, max: bigint): ErrorReply {
  return new ErrorReply(`ERR value is out of range, value must between ${min} and ${max}`);
}
