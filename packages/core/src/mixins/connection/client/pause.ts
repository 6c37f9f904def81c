import type { Bytes } from '../../../bytes.js';
import { parseBlockTimeout } from '../../../blocking/timeout.js';
import type { CommandHandler } from '../../../dispatch/mixin.js';
import { ERR_PAUSE_MODE, errSubcommandSyntax } from '../../../errors/index.js';
import { isToken } from '../../../bytes.js';
import { OK } from '../../../reply.js';

/**
 * CLIENT PAUSE timeout [WRITE|ALL] and CLIENT UNPAUSE (pauseClients / unpauseClients of
 * the CLIENT command's purpose). While a pause holds, the dispatcher postpones the commands
 * it covers (server.pausedFor), expiry and eviction stop, and the postponed clients run
 * again in order when it ends: at its end time on the server clock, or at UNPAUSE.
 */
export const CLIENT_PAUSE: CommandHandler = (client, argv) => {
  if (argv.length > 4) throw errSubcommandSyntax(argv[1] as Bytes, 'CLIENT');
  let type: 'write' | 'all' = 'all';
  const mode = argv[3];
  if (mode !== undefined) {
    if (isToken(mode, 'WRITE')) type = 'write';
    else if (!isToken(mode, 'ALL')) throw ERR_PAUSE_MODE;
  }
  const end = parseBlockTimeout(client, argv[2] as Bytes, 'milliseconds');
  client.server.pauseClients(end, type);
  return OK;
};

export const CLIENT_UNPAUSE: CommandHandler = (client) => {
  client.server.unpauseClients();
  return OK;
};
