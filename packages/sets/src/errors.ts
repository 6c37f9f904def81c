import { ErrorReply } from '@fakeredis/core';
/** Errors of the set commands (t_set.c), spelled as Redis 7.0 spells them. */

export const ERR_NUMKEYS_OVER_ARGS = new ErrorReply("ERR Number of keys can't be greater than number of args");
