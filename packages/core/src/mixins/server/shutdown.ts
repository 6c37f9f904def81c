import type { CommandHandler } from '../../dispatch/mixin.js';
import { NO_REPLY } from '../../reply.js';
import { ERR_NO_SHUTDOWN_IN_PROGRESS, ERR_SYNTAX } from '../../errors/index.js';

/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. The fake has no replicas to wait for and
 * nothing to persist, so a valid SHUTDOWN stops the server at once: server.close()
 * disconnects every client (the sender gets no reply, as from Redis) and runs the
 * onClose listeners (the CLI exits on them).
 */
export const SHUTDOWN: CommandHandler = (client, argv) => {
  const flags = new Set<string>();
  let abort = false;
  for (const arg of argv.slice(1)) {
    const option = arg.toLowerCase();
    if (option === 'abort') abort = true;
    else if (option === 'nosave' || option === 'save' || option === 'now' || option === 'force') flags.add(option);
    else return ERR_SYNTAX;
  }
  if ((abort && flags.size > 0) || (flags.has('save') && flags.has('nosave'))) return ERR_SYNTAX;
  // No shutdown ever waits (there are no replicas), so there is none to abort.
  if (abort) return ERR_NO_SHUTDOWN_IN_PROGRESS;
  client.closing = true;
  client.server.close();
  return NO_REPLY;
};
