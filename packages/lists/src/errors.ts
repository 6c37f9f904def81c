import { ErrorReply } from '@fakeredis/core';
/** Errors of the list commands (t_list.c), spelled as Redis 7.0 spells them. */

/** LSET past either end. */
export const ERR_INDEX_OUT_OF_RANGE = new ErrorReply('ERR index out of range');
/** LPOS RANK 0. */
export const ERR_RANK_ZERO = new ErrorReply(
  "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
);
/** LPOS COUNT: not an integer, or negative. */
export const ERR_COUNT_NEGATIVE = new ErrorReply("ERR COUNT can't be negative");
/** LPOS MAXLEN: not an integer, or negative. */
export const ERR_MAXLEN_NEGATIVE = new ErrorReply("ERR MAXLEN can't be negative");
// LMPOP / BLMPOP's numkeys and COUNT errors are core's ERR_NUMKEYS_NOT_POSITIVE and ERR_COUNT_NOT_POSITIVE (shared with ZMPOP).
