import { ErrorReply } from '../reply.js';

/** Errors of blocking commands' timeouts and of CLIENT UNBLOCK, spelled as Redis 7.0 does. */

export const ERR_TIMEOUT_NOT_INTEGER = new ErrorReply('ERR timeout is not an integer or out of range');
/** Redis 7.2 checks for overflow; 7.0 wraps instead. */
export const ERR_TIMEOUT_OUT_OF_RANGE = new ErrorReply('ERR timeout is out of range');
export const ERR_UNBLOCK_REASON = new ErrorReply('ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR');
/** What a client unblocked by CLIENT UNBLOCK ... ERROR receives. */
export const ERR_UNBLOCKED = new ErrorReply('UNBLOCKED client unblocked via CLIENT UNBLOCK');
