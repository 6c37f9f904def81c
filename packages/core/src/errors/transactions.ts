import { ErrorReply } from '../reply.js';

/**
 * EXEC rejected before it runs (wrong arity, NOAUTH, subscribed context): Redis discards
 * the transaction and names the reason, without the "ERR " of the original error.
 */
export function errExecAbortBecause(reason: ErrorReply): ErrorReply {
  const text = reason.message.startsWith('ERR ') ? reason.message.slice(4) : reason.message;
  return new ErrorReply(`EXECABORT Transaction discarded because of: ${text}`);
}
