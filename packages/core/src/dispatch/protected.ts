import type { Client } from '../client.js';
import type { CommandEntry } from './table.js';
import { ERR_DEBUG_NOT_ALLOWED, errProtectedCommand } from '../errors/index.js';
import type { ErrorReply } from '../reply.js';
import type { FakeServer } from '../server.js';
import { isLocalClient } from '../client.js';

const ERR_MODULE_NOT_ALLOWED = errProtectedCommand('MODULE', 'enable-module-command');

/**
 * processCommand's check of PROTECTED commands, right after lookup: DEBUG needs
 * enable-debug-command and the MODULE subcommands flagged PROTECTED need
 * enable-module-command to be "yes", or "local" for a local client. Undefined when the
 * command may run.
 */
export function protectedCommandError(server: FakeServer, client: Client, entry: CommandEntry): ErrorReply | undefined {
  if (!entry.flags.has('protected')) return undefined;
  const command = (entry.parent ?? entry).fullName;
  const [option, error] =
    command === 'debug'
      ? ['enable-debug-command', ERR_DEBUG_NOT_ALLOWED]
      : command === 'module'
        ? ['enable-module-command', ERR_MODULE_NOT_ALLOWED]
        : [undefined, undefined];
  if (option === undefined) return undefined;
  const setting = server.config.get(option);
  if (setting === 'yes' || (setting === 'local' && isLocalClient(client))) return undefined;
  return error;
}
