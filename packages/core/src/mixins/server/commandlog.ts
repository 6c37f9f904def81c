import type { Bytes } from '../../bytes.js';

import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import type { CommandEntry } from '../../dispatch/table.js';
import { ERR_COMMANDLOG_TYPE, ERR_SLOWLOG_COUNT } from '../../errors/index.js';
import { tryParseInt64 } from '../../numbers.js';
import { OK, type Reply } from '../../reply.js';
import { addHook, defineModuleState, type FakeServer } from '../../server.js';
import { commandlogRules } from '../../profile-valkey.js';
import { helpReply } from '../help.js';

/**
 * The slow log (slowlog.c) and Valkey 8.1's command log (commandlog.c), whose `slow` type
 * SLOWLOG reads: every handler call is timed (the commandCalled hook, performance.now)
 * and logged when it took at least `slowlog-log-slower-than` µs (negative: off), newest
 * first, at most `slowlog-max-len` entries. Valkey 8.1 also logs a command whose request
 * (`large-request`) or reply (`large-reply`) has at least the configured bytes. Arguments
 * are cut as Redis cuts them: 32 at most (the last says how many more), strings over 128
 * bytes with "... (N more bytes)".
 */

const MAX_ARGC = 32;
const MAX_STRING = 128;

export type CommandlogType = 'slow' | 'large-request' | 'large-reply';

interface CommandlogEntry {
  readonly id: number;
  readonly time: number;
  /** µs for `slow`, bytes for the others. */
  readonly value: number;
  readonly argv: Bytes[];
  readonly peer: string;
  readonly name: Bytes;
}

interface CommandlogList {
  readonly entries: CommandlogEntry[];
  nextId: number;
}

/** Each type's threshold and length parameters (the slow log's old names are aliases on Valkey 8.1+). */
const PARAMETERS: Readonly<Record<CommandlogType, readonly [threshold: string, maxLen: string]>> = {
  slow: ['slowlog-log-slower-than', 'slowlog-max-len'],
  'large-request': ['commandlog-request-larger-than', 'commandlog-large-request-max-len'],
  'large-reply': ['commandlog-reply-larger-than', 'commandlog-large-reply-max-len'],
};

const commandlogState = defineModuleState('core:commandlog', (): Record<CommandlogType, CommandlogList> => ({
  slow: { entries: [], nextId: 0 },
  'large-request': { entries: [], nextId: 0 },
  'large-reply': { entries: [], nextId: 0 },
}));

/** A type's entries, newest first. */
export function commandlogEntries(server: FakeServer, type: CommandlogType): CommandlogEntry[] {
  return server.moduleState(commandlogState)[type].entries;
}

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

/**
 * The bytes of a request (networking.c's net_input_bytes_curr_cmd): as a multibulk, or as an
 * inline line, its arguments one space apart and CRLF.
 */
function requestBytes(argv: readonly Bytes[], inline: boolean): number {
  if (inline) {
    let bytes = argv.length + 1;
    for (const arg of argv) bytes += arg.length;
    return bytes;
  }
  let bytes = String(argv.length).length + 3;
  for (const arg of argv) bytes += String(arg.length).length + 3 + arg.length + 2;
  return bytes;
}

/**
 * The reply bytes a command has added for its client when it is logged (net_output_bytes_curr_cmd):
 * its reply; inside EXEC, the transaction's array header and every reply so far with it. A
 * script's command counts its own reply on Valkey 9.1 (the script's client is measured), none
 * before (its caller's reply is not written yet).
 */
function replyBytes(client: Client, reply: Reply | undefined): number {
  if (reply === undefined || (client.isScript && !commandlogRules(client.server.profile).measuresScriptClient)) return 0;
  const encoder = client.server.encoder;
  let bytes = encoder.encode(reply, client.protocol).length;
  const held = client.isScript ? undefined : client.execReplies;
  if (held !== undefined) {
    bytes += `*${client.multi?.queue.length ?? 0}\r\n`.length;
    for (const earlier of held) bytes += encoder.encode(earlier, client.protocol).length;
  }
  return bytes;
}

/** The request bytes a command is logged with: its client's (none for a script's on 9.1), or the script's caller's (EVAL's). */
function requestBytesOf(server: FakeServer, client: Client, caller: Client, argv: readonly Bytes[]): number {
  if (client.isScript && commandlogRules(server.profile).measuresScriptClient) return 0;
  return caller.argv === undefined ? requestBytes(argv, false) : requestBytes(caller.argv, caller.requestInline);
}

/** commandlogPushEntryIfNeeded. */
function push(server: FakeServer, type: CommandlogType, caller: Client, argv: readonly Bytes[], value: () => number): void {
  const [thresholdName, maxLenName] = PARAMETERS[type];
  const threshold = server.config.getNumber(thresholdName);
  const max = server.config.getNumber(maxLenName);
  // Valkey 8.0+ leaves a log of max-len 0 as it is; Redis empties it.
  if (threshold < 0 || (max === 0 && commandlogRules(server.profile).offAtMaxLenZero)) return;
  const list = server.moduleState(commandlogState)[type];
  const measured = value();
  if (measured >= threshold) {
    list.entries.unshift({
      id: list.nextId++, time: Math.floor(server.clock.now() / 1000), value: measured, argv: entryArgv(argv), peer: peerId(caller), name: caller.name,
    });
  }
  if (list.entries.length > max) list.entries.length = Math.max(0, max);
}

/** slowlogPushCurrentCommand / commandlogPushCurrentCommand, for the commandCalled hook. */
function record(server: FakeServer, sized: boolean, client: Client, entry: CommandEntry, argv: readonly Bytes[], duration: number, reply: Reply | undefined): void {
  const flags = entry.flags;
  const parentFlags = entry.parent?.flags;
  if (flags.has('skip_slowlog') || flags.has('skip_commandlog') || parentFlags?.has('skip_slowlog') === true || parentFlags?.has('skip_commandlog') === true) return;
  // A client that blocked is logged by Redis when it is unblocked; the fake does not log it.
  if (client.blocked !== undefined) return;
  // A script's commands are logged with its caller's address and name (scriptGetCaller).
  const caller = client.isScript ? (server.currentClient ?? client) : client;
  push(server, 'slow', caller, argv, () => duration);
  if (!sized) return;
  // The request read is the caller's (EXEC's), as the client sent it.
  push(server, 'large-request', caller, argv, () => requestBytesOf(server, client, caller, argv));
  push(server, 'large-reply', caller, argv, () => replyBytes(client, reply));
}

/** Installs the logs' hook on a server (ServerCommands.install). */
export function installCommandlog(server: FakeServer): void {
  // The large-request and large-reply logs exist where their parameters do (Valkey 8.1+): known once, not per command.
  const sized = server.config.lookup(PARAMETERS['large-request'][0]) !== undefined;
  addHook(server, 'commandCalled', (client, entry, argv, duration, reply) => record(server, sized, client, entry, argv, duration, reply));
}

/** The entries GET answers: `count` of them (negative: all). */
export function commandlogReply(server: FakeServer, type: CommandlogType, count: number): Reply {
  const entries = commandlogEntries(server, type);
  return (count < 0 ? entries : entries.slice(0, count)).map((e): Reply => [e.id, e.time, e.value, e.argv, e.peer as Bytes, e.name]);
}

/** A GET count: -1 or more (getRangeLongFromObjectOrReply), or undefined. */
export function commandlogCount(arg: Bytes): number | undefined {
  const n = tryParseInt64(arg);
  return n === undefined || n < -1n ? undefined : Number(n);
}

function typeOf(arg: Bytes): CommandlogType {
  const type = arg.toLowerCase();
  if (type === 'slow' || type === 'large-request' || type === 'large-reply') return type;
  throw ERR_COMMANDLOG_TYPE;
}

export const COMMANDLOG_GET: CommandHandler = (client, argv) => {
  const count = commandlogCount(argv[2] as Bytes);
  if (count === undefined) return ERR_SLOWLOG_COUNT;
  return commandlogReply(client.server, typeOf(argv[3] as Bytes), count);
};

export const COMMANDLOG_LEN: CommandHandler = (client, argv) => commandlogEntries(client.server, typeOf(argv[2] as Bytes)).length;

export const COMMANDLOG_RESET: CommandHandler = (client, argv) => {
  commandlogEntries(client.server, typeOf(argv[2] as Bytes)).length = 0;
  return OK;
};

export const COMMANDLOG_HELP: CommandHandler = (client) =>
  helpReply(client.server, 'COMMANDLOG', [
    'GET <count> <type>',
    '    Return top <count> entries of the specified <type> from the commandlog (-1 mean all).',
    '    Entries are made of:',
    '    id, timestamp,',
    '        time in microseconds for type of slow,',
    '        or size in bytes for type of large-request,',
    '        or size in bytes for type of large-reply',
    '    arguments array, client IP and port,',
    '    client name',
    'LEN <type>',
    '    Return the length of the specified type of commandlog.',
    'RESET <type>',
    '    Reset the specified type of commandlog.',
  ]);
