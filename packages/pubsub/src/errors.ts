import { ErrorReply } from '@fakeredis/core';

/**
 * SSUBSCRIBE inside MULTI: EXEC runs it as a client that must get one reply per command
 * (CLIENT_DENY_BLOCKING). SUBSCRIBE and PSUBSCRIBE are let through there for backward
 * compatibility; scripts never reach them (noscript).
 */
export const ERR_SSUBSCRIBE_DENY_BLOCKING = new ErrorReply("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
