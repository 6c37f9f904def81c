import { ErrorReply } from '@fakeredis/core';
/** Errors of the sorted set commands (t_zset.c), spelled as Redis 7.0 spells them. */

export const ERR_ZADD_XX_NX = new ErrorReply('ERR XX and NX options at the same time are not compatible');
export const ERR_ZADD_GT_LT_NX = new ErrorReply('ERR GT, LT, and/or NX options at the same time are not compatible');
export const ERR_ZADD_INCR_PAIR = new ErrorReply('ERR INCR option supports a single increment-element pair');
/** ZINCRBY / ZADD INCR reaching NaN (inf + -inf). */
export const ERR_SCORE_NAN = new ErrorReply('ERR resulting score is not a number (NaN)');
/** A ZRANGEBYSCORE / ZCOUNT / ZREMRANGEBYSCORE bound that strtod rejects. */
export const ERR_MIN_MAX_NOT_FLOAT = new ErrorReply('ERR min or max is not a float');
/** A lex bound that does not start with '[', '(' or is not exactly '-' or '+'. */
export const ERR_MIN_MAX_NOT_LEX = new ErrorReply('ERR min or max not valid string range item');
export const ERR_ZRANGE_LIMIT = new ErrorReply(
  'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
);
export const ERR_ZRANGE_BYLEX_WITHSCORES = new ErrorReply(
  'ERR syntax error, WITHSCORES not supported in combination with BYLEX',
);
export const ERR_WEIGHT_NOT_FLOAT = new ErrorReply('ERR weight value is not a float');
// ZMPOP's numkeys and COUNT errors are ERR_NUMKEYS_NOT_POSITIVE (sets.ts) and ERR_COUNT_NOT_POSITIVE (lists.ts).

/** ZUNION, ZINTER, ZDIFF (and their STORE forms), ZINTERCARD: numkeys below 1. */
export function errAtLeastOneInputKey(command: string): ErrorReply {
  return new ErrorReply(`ERR at least 1 input key is needed for '${command}' command`);
}
