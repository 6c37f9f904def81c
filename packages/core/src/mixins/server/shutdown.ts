import type { CommandHandler } from '../../dispatch/mixin.js';
import { NO_REPLY } from '../../reply.js';
import { ERR_NO_SHUTDOWN_IN_PROGRESS, ERR_SYNTAX } from '../../errors/index.js';
import { ErrorReply } from '../../reply.js';
import { saveOnShutdown } from './persistence.js';

const ERR_SHUTDOWN_FAILED = new ErrorReply('ERR Errors trying to SHUTDOWN. Check logs.');

/**
 * SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]. The fake has no replicas to wait for; it
 * saves the RDB file with SAVE, or by default when persistence is enabled with save
 * points (persistence.ts), then stops the server at once: server.close()
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
  // prepareForShutdown's save: refused unless FORCE when it fails.
  if (!saveOnShutdown(client.server, { save: flags.has('save'), nosave: flags.has('nosave'), force: flags.has('force') }) && !flags.has('force')) {
    return ERR_SHUTDOWN_FAILED;
  }
  client.closing = true;
  client.server.close();
  return NO_REPLY;
};
