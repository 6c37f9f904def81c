import type { CommandHandler } from '../../dispatch/mixin.js';
import { NO_REPLY } from '../../reply.js';
import { ERR_DISCARD_WITHOUT_MULTI, ERR_EXEC_WITHOUT_MULTI, ERR_EXECABORT, ERR_MULTI_NESTED } from '../../errors/index.js';
import { NULL_ARRAY, OK, PushReply, type Reply } from '../../reply.js';
import type { Client } from '../../client.js';
import { isWatchedKeyExpired } from './watch.js';
import { aclCheckQueuedCommand } from '../../acl/check.js';

/** MULTI: later commands are queued by the dispatcher until EXEC or DISCARD. */
export const MULTI: CommandHandler = (client) => {
  if (client.multi !== undefined) throw ERR_MULTI_NESTED;
  client.multi = { queue: [], flags: new Set(), aborted: false };
  client.multiStateKept = true;
  return OK;
};

/** DISCARD: drops the queue and the WATCHed keys. */
export const DISCARD: CommandHandler = (client) => {
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
export const EXEC: CommandHandler = (client) => {
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
  // EXEC's own reply is written under the reply mode it started with; a CLIENT REPLY run
  // inside the transaction applies after it.
  const mode = client.replyMode;
  client.inExec = true;
  client.execReplies = replies;
  try {
    for (const { entry, argv } of transaction.queue) {
      // The ACL rules may have changed since the command was queued.
      const denied = aclCheckQueuedCommand(client, entry, argv);
      if (denied !== undefined) {
        server.recordError(denied);
        replies.push(denied);
        continue;
      }
      const reply = server.invoke(client, entry, argv);
      if (reply !== undefined) replies.push(reply);
    }
  } finally {
    client.inExec = false;
    client.execReplies = undefined;
    client.discardTransaction();
  }
  // The direct API (no connection) gets every reply as one value.
  if (client.transport === undefined) return replies;
  const modeAfter = client.replyMode;
  client.replyMode = mode;
  writeExecReplies(client, replies, transaction.queue.length);
  if (modeAfter !== mode) client.replyMode = modeAfter;
  return NO_REPLY;
};

/**
 * EXEC's array counts commands: (UN)SUBSCRIBE of several channels, and Redis 7.0's
 * messages to this very client, add replies of their own that follow it on the
 * connection. Silenced by CLIENT REPLY OFF or SKIP, only the pushes get through.
 */
function writeExecReplies(client: Client, replies: Reply[], commands: number): void {
  if (client.replyMode === 'on') {
    client.reply(replies.length <= commands ? replies : replies.slice(0, commands));
    for (const extra of replies.slice(commands)) client.reply(extra);
    return;
  }
  for (const reply of replies) if (reply instanceof PushReply) client.push(reply);
  if (client.replyMode === 'skip') client.replyMode = 'on';
}
