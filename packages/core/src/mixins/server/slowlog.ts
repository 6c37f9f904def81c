import type { Bytes } from '../../bytes.js';

import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_SLOWLOG_COUNT, errSubcommandSyntax } from '../../errors/index.js';
import { OK } from '../../reply.js';
import { helpReply } from '../help.js';
import { commandlogCount, commandlogEntries, commandlogReply } from './commandlog.js';

/** SLOWLOG (slowlog.c): the command log's `slow` entries (commandlog.ts records them). */

export const SLOWLOG_GET: CommandHandler = (client, argv) => {
  if (argv.length > 3) return errSubcommandSyntax(argv[1] as Bytes, 'SLOWLOG');
  const count = argv.length === 3 ? commandlogCount(argv[2] as Bytes) : 10;
  if (count === undefined) return ERR_SLOWLOG_COUNT;
  return commandlogReply(client.server, 'slow', count);
};

export const SLOWLOG_LEN: CommandHandler = (client) => commandlogEntries(client.server, 'slow').length;

export const SLOWLOG_RESET: CommandHandler = (client) => {
  commandlogEntries(client.server, 'slow').length = 0;
  return OK;
};

export const SLOWLOG_HELP: CommandHandler = (client) =>
  helpReply(client.server, 'SLOWLOG', [
    'GET [<count>]',
    '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
    '    Entries are made of:',
    '    id, timestamp, time in microseconds, arguments array, client IP and port,',
    '    client name',
    'LEN',
    '    Return the length of the slowlog.',
    'RESET',
    '    Reset the slowlog.',
  ]);
