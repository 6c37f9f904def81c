import { type CommandHandler, NO_REPLY } from '../../commands/mixin.js';
import { ERR_DISCARD_WITHOUT_MULTI, ERR_EXEC_WITHOUT_MULTI, ERR_EXECABORT, ERR_MULTI_NESTED } from '../../errors/index.js';
import { NULL_ARRAY, OK, type Reply } from '../../reply.js';
import { isWatchedKeyExpired } from './watch.js';

/** MULTI: later commands are queued by the dispatcher until EXEC or DISCARD. */
export const multi: CommandHandler = (client) => {
  if (client.multi !== undefined) throw ERR_MULTI_NESTED;
  client.multi = { queue: [], aborted: false };
  return OK;
};

/** DISCARD: drops the queue and the WATCHed keys. */
export const discard: CommandHandler = (client) => {
  if (client.multi === undefined) throw ERR_DISCARD_WITHOUT_MULTI;
  client.discardTransaction();
  return OK;
};

/**
 * EXEC: EXECABORT if a command was rejected while queueing, a null array if a WATCHed
 * key was touched or has expired since, else each queued command's reply in order
 * (errors included: a failing command does not stop the others). The commands run with
 * the transaction still open (CLIENT LIST shows it) and the WATCHed keys already
 * forgotten, so the transaction's own writes touch nothing.
 */
export const exec: CommandHandler = (client) => {
  const transaction = client.multi;
  if (transaction === undefined) throw ERR_EXEC_WITHOUT_MULTI;
  if (isWatchedKeyExpired(client)) client.watchDirty = true;
  if (transaction.aborted) {
    client.discardTransaction();
    return ERR_EXECABORT;
  }
  if (client.watchDirty) {
    client.discardTransaction();
    return NULL_ARRAY;
  }
  client.unwatchAll();
  const server = client.server;
  const replies: Reply[] = [];
  client.inExec = true;
  client.execReplies = replies;
  try {
    for (const { entry, argv } of transaction.queue) {
      const reply = server.invoke(client, entry, argv);
      if (reply !== undefined) replies.push(reply);
    }
  } finally {
    client.inExec = false;
    client.execReplies = undefined;
    client.discardTransaction();
  }
  // (UN)SUBSCRIBE of several channels, and Redis 7.0's messages to this very client, add
  // replies of their own: Redis's array still counts commands, and the rest follow it on
  // the connection. The direct API (no connection, one value back) gets them all.
  const commands = transaction.queue.length;
  if (replies.length <= commands || client.transport === undefined) return replies;
  client.reply(replies.slice(0, commands));
  for (const extra of replies.slice(commands)) client.reply(extra);
  return NO_REPLY;
};
