import type { Bytes } from '../../../bytes.js';
import type { CommandHandler } from '../../../dispatch/mixin.js';
import { ERR_UNBLOCKED, ERR_UNBLOCK_REASON, errSubcommandSyntax } from '../../../errors/index.js';
import { parseInt64 } from '../../../numbers.js';
import { isToken } from '../../../bytes.js';

/**
 * CLIENT UNBLOCK id [TIMEOUT|ERROR]: ends another client's blocking command as if it had
 * timed out, or with an UNBLOCKED error. 1 if that client was blocked, else 0.
 */
export const CLIENT_UNBLOCK: CommandHandler = (client, argv) => {
  if (argv.length > 4) throw errSubcommandSyntax(argv[1] as Bytes, 'CLIENT');
  let withError = false;
  const reason = argv[3];
  if (reason !== undefined) {
    if (isToken(reason, 'ERROR')) withError = true;
    else if (!isToken(reason, 'TIMEOUT')) throw ERR_UNBLOCK_REASON;
  }
  const id = parseInt64(argv[2] as Bytes);
  const target = id > 0n && id <= BigInt(Number.MAX_SAFE_INTEGER) ? client.server.clients.get(Number(id)) : undefined;
  if (target?.blocked === undefined) return 0;
  const server = client.server;
  const blocking = server.blocking;
  if (server.postponedClients.has(target)) {
    // A client CLIENT PAUSE postponed: Redis crashes on TIMEOUT (serverPanic); the fake leaves
    // it waiting. ERROR sends the error; Redis 7.0 then runs the command again (it may wait
    // again), 7.2 drops it.
    if (!withError) return 0;
    server.postponedClients.delete(target);
    if (server.versionAtLeast('7.2.0')) target.pendingCommand = undefined;
  }
  // Redis counts the unblocked command as failed either way, and CLIENT UNBLOCK itself as
  // failed when it sent an error (to the other client) while it ran.
  if (withError) {
    blocking.unblock(target, ERR_UNBLOCKED);
    const self = server.commands.getByFullName('client|unblock');
    if (self !== undefined) self.stats.failedCalls++;
  } else {
    blocking.timeOut(target, true);
  }
  return 1;
};
