import type { Bytes } from '../../bytes.js';

import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import type { CommandEntry } from '../../dispatch/table.js';
import { ERR_SLOWLOG_COUNT, errSubcommandSyntax } from '../../errors/index.js';
import { tryParseInt64 } from '../../numbers.js';
import { OK, type Reply } from '../../reply.js';
import { addHook, defineModuleState, type FakeServer } from '../../server.js';
import { helpReply } from '../help.js';

/**
 * SLOWLOG (slowlog.c): every handler call is timed (the commandCalled hook, performance.now)
 * and logged when it took at least `slowlog-log-slower-than` µs (negative: off), newest
 * first, at most `slowlog-max-len` entries. Arguments are cut as Redis cuts them: 32 at
 * most (the last says how many more), strings over 128 bytes with "... (N more bytes)".
 */

const MAX_ARGC = 32;
const MAX_STRING = 128;

interface SlowlogEntry {
  readonly id: number;
  readonly time: number;
  readonly duration: number;
  readonly argv: Bytes[];
  readonly peer: string;
  readonly name: Bytes;
}

const slowlogState = defineModuleState('core:slowlog', () => ({ entries: [] as SlowlogEntry[], nextId: 0 }));

function peerId(client: Client): string {
  return client.transport?.remoteAddress ?? '?:0';
}

function entryArgv(argv: readonly Bytes[]): Bytes[] {
  const argc = Math.min(argv.length, MAX_ARGC);
  const out: Bytes[] = [];
  for (let j = 0; j < argc; j++) {
    if (argc !== argv.length && j === argc - 1) {
      out.push(`... (${argv.length - argc + 1} more arguments)` as Bytes);
    } else {
      const arg = argv[j] as Bytes;
      out.push(arg.length > MAX_STRING ? (`${arg.slice(0, MAX_STRING)}... (${arg.length - MAX_STRING} more bytes)` as Bytes) : arg);
    }
  }
  return out;
}

/** slowlogPushEntryIfNeeded, for the commandCalled hook. */
function record(server: FakeServer, client: Client, entry: CommandEntry, argv: readonly Bytes[], duration: number): void {
  const threshold = server.config.getNumber('slowlog-log-slower-than');
  if (threshold < 0) return;
  if (entry.flags.has('skip_slowlog') || (entry.parent?.flags.has('skip_slowlog') ?? false)) return;
  // A client that blocked is logged by Redis when it is unblocked; the fake does not log it.
  if (client.blocked !== undefined) return;
  const state = server.moduleState(slowlogState);
  if (duration >= threshold) {
    state.entries.unshift({
      id: state.nextId++, time: Math.floor(server.clock.now() / 1000), duration, argv: entryArgv(argv), peer: peerId(client), name: client.name,
    });
  }
  const max = server.config.getNumber('slowlog-max-len');
  if (state.entries.length > max) state.entries.length = Math.max(0, max);
}

/** Installs the slowlog's hook on a server (ServerCommands.install). */
export function installSlowlog(server: FakeServer): void {
  addHook(server, 'commandCalled', (client, entry, argv, duration) => record(server, client, entry, argv, duration));
}

export const SLOWLOG_GET: CommandHandler = (client, argv) => {
  const entries = client.server.moduleState(slowlogState).entries;
  if (argv.length > 3) return errSubcommandSyntax(argv[1] as Bytes, 'SLOWLOG');
  let count = 10;
  if (argv.length === 3) {
    const n = tryParseInt64(argv[2] as Bytes);
    if (n === undefined || n < -1n) return ERR_SLOWLOG_COUNT;
    count = n === -1n ? entries.length : Number(n);
  }
  return entries.slice(0, count).map((e): Reply => [e.id, e.time, e.duration, e.argv, e.peer as Bytes, e.name]);
};

export const SLOWLOG_LEN: CommandHandler = (client) => client.server.moduleState(slowlogState).entries.length;

export const SLOWLOG_RESET: CommandHandler = (client) => {
  client.server.moduleState(slowlogState).entries.length = 0;
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
