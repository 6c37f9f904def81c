import {
  type Bytes,
  type Client,
  type CommandHandler,
  ErrorReply,
  errSubcommandSyntax,
  helpReply,
  LAZYFREE_THRESHOLD,
  MapReply,
  matchGlob,
  OK,
  type Reply,
  SetReply,
  replicaIsStale,
  SimpleString,
  tryParseInt64,
} from '@fakeredis/core';
import { killScript } from '../commands/script.js';
import {
  ERR_BAD_NUMKEYS,
  errBusyEval,
  ERR_DUMP_PAYLOAD,
  ERR_FUNCTION_CODE_MISSING,
  ERR_FUNCTION_FLUSH_OPTION,
  ERR_FUNCTION_NOT_FOUND,
  ERR_LIBRARY_NAME_ARGUMENT,
  ERR_LIBRARY_NOT_FOUND,
  ERR_NO_CLUSTER_FLAG,
  ERR_NUMKEYS_NEGATIVE,
  ERR_NUMKEYS_TOO_MANY,
  ERR_RESTORE_POLICY,
  errScriptMisconf,
  ERR_SCRIPT_OOM,
  ERR_SCRIPT_MASTERDOWN,
  ERR_SCRIPT_READONLY,
  ERR_WRITE_FLAG_RO,
  errUnknownArgument,
  errUnknownOption,
} from '../errors.js';
import { runScript, scriptStartsMisconf, scriptStartsOom, scriptStartsReadonly } from '../run.js';
import { scriptingState } from '../state.js';
import { prepareFunctionCall } from './engine.js';
import { createLibrary, LOAD_TIMEOUT_MS } from './library.js';
import { calibrationCode } from './sandbox.js';
import { dumpLibraries, rdbVersion, restoreLibraries } from './persistence.js';
import { FLAG_ALLOW_CROSS_SLOT_KEYS, FLAG_ALLOW_OOM, FLAG_ALLOW_STALE, FLAG_NO_CLUSTER, FLAG_NO_WRITES, FUNCTION_FLAGS, functionsState, type Library } from './state.js';

/** A C string: Redis prints arguments with %s, which stops at a NUL. */
const cString = (s: string): string => {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
};

/** FUNCTION LOAD [REPLACE] code: creates the library; replies its name. */
export const FUNCTION_LOAD: CommandHandler = (client, argv) => {
  let replace = false;
  let pos = 2;
  while (pos < argv.length - 1) {
    const arg = argv[pos++] as string;
    if (arg.toLowerCase() === 'replace') {
      replace = true;
      continue;
    }
    throw errUnknownOption(cString(arg));
  }
  if (pos >= argv.length) throw ERR_FUNCTION_CODE_MISSING;
  const state = functionsState(client.server);
  const library = createLibrary(argv[pos] as string, replace, state.current, LOAD_TIMEOUT_MS, client.server);
  state.noteLoaded(library);
  // The libraries are data (server.dirty++): saved by save points, as keys are.
  client.server.addDirty(1);
  return library.name as Bytes;
};

/** FUNCTION DELETE library-name. */
export const FUNCTION_DELETE: CommandHandler = (client, argv) => {
  const ctx = functionsState(client.server).current;
  const library = ctx.libraries.get(argv[2] as string);
  if (library === undefined) throw ERR_LIBRARY_NOT_FOUND;
  ctx.unlink(library);
  client.server.addDirty(1);
  return OK;
};

/** FUNCTION FLUSH [ASYNC|SYNC]. */
export const FUNCTION_FLUSH: CommandHandler = (client, argv) => {
  if (argv.length > 3) throw errSubcommandSyntax(argv[1] as string, (argv[0] as string).toUpperCase());
  const server = client.server;
  let async = server.config.getBoolean('lazyfree-lazy-user-flush');
  if (argv.length === 3) {
    const mode = (argv[2] as string).toLowerCase();
    if (mode !== 'sync' && mode !== 'async') throw ERR_FUNCTION_FLUSH_OPTION;
    async = mode === 'async';
  }
  const ctx = functionsState(server).current;
  // freeFunctionsAsync: more than LAZYFREE_THRESHOLD functions are freed in the background;
  // from Redis 7.4 with the engines' dict, counting its one engine too (Valkey 8.0 does not).
  if (async && ctx.functions.size > LAZYFREE_THRESHOLD) server.lazyfreedObjects += ctx.functions.size + (server.profile.serverType === 'redis' && server.versionAtLeast('7.4.0') ? 1 : 0);
  ctx.clear();
  server.addDirty(1);
  return OK;
};

/** FUNCTION KILL: stops a running function that has not written (scriptKill). */
export const FUNCTION_KILL: CommandHandler = (client) => killScript(client, false);

/** FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]. */
export const FUNCTION_LIST: CommandHandler = (client, argv) => {
  let withCode = false;
  let pattern: Bytes | undefined;
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] as string;
    const lower = arg.toLowerCase();
    if (!withCode && lower === 'withcode') {
      withCode = true;
      continue;
    }
    if (pattern === undefined && lower === 'libraryname') {
      if (i >= argv.length - 1) throw ERR_LIBRARY_NAME_ARGUMENT;
      pattern = argv[++i] as Bytes;
      continue;
    }
    throw errUnknownArgument(cString(arg));
  }
  const reply: Reply[] = [];
  for (const library of functionsState(client.server).current.libraries.values()) {
    if (pattern !== undefined && !matchGlob(pattern, library.name as Bytes, true)) continue;
    reply.push(describeLibrary(library, withCode));
  }
  return reply;
};

function describeLibrary(library: Library, withCode: boolean): MapReply {
  const functions = [...library.functions.values()].map(
    (fn) =>
      new MapReply([
        ['name' as Bytes, fn.name as Bytes],
        ['description' as Bytes, fn.description === undefined ? null : (fn.description as Bytes)],
        ['flags' as Bytes, new SetReply(FUNCTION_FLAGS.filter((f) => (fn.flags & f.bit) !== 0).map((f) => new SimpleString(f.name)))],
      ]),
  );
  const entries: Array<[Reply, Reply]> = [
    ['library_name' as Bytes, library.name as Bytes],
    ['engine' as Bytes, 'LUA' as Bytes],
    ['functions' as Bytes, functions],
  ];
  if (withCode) entries.push(['library_code' as Bytes, library.payload as Bytes]);
  return new MapReply(entries);
}

/** FUNCTION STATS: the running function, if any, and the engine's counts. */
export const FUNCTION_STATS: CommandHandler = (client) => {
  const running = scriptingState(client.server).running;
  if (running !== undefined && running.isEval) throw errBusyEval(client.server);
  const ctx = functionsState(client.server).current;
  const runningScript =
    running === undefined
      ? null
      : new MapReply([
          ['name' as Bytes, running.name as Bytes],
          ['command' as Bytes, [...running.argv]],
          ['duration_ms' as Bytes, Math.floor(performance.now() - running.startedAt)],
        ]);
  return new MapReply([
    ['running_script' as Bytes, runningScript],
    [
      'engines' as Bytes,
      new MapReply([
        [
          'LUA' as Bytes,
          new MapReply([
            ['libraries_count' as Bytes, ctx.libraries.size],
            ['functions_count' as Bytes, ctx.functionCount],
          ]),
        ],
      ]),
    ],
  ]);
};

/** FUNCTION DUMP: the libraries as Redis's payload (RDB function opcodes, version, CRC64). */
export const FUNCTION_DUMP: CommandHandler = (client) => {
  const server = client.server;
  const payload = dumpLibraries(functionsState(server).current, server.config.get('rdbcompression') !== 'no', rdbVersion(server));
  return Buffer.from(payload).toString('latin1') as Bytes;
};

/** FUNCTION RESTORE payload [FLUSH|APPEND|REPLACE]. */
export const FUNCTION_RESTORE: CommandHandler = (client, argv) => {
  if (argv.length > 4) throw errSubcommandSyntax(argv[1] as string, (argv[0] as string).toUpperCase());
  let policy: 'flush' | 'append' | 'replace' = 'append';
  if (argv.length === 4) {
    const given = (argv[3] as string).toLowerCase();
    if (given !== 'flush' && given !== 'append' && given !== 'replace') throw ERR_RESTORE_POLICY;
    policy = given;
  }
  const state = functionsState(client.server);
  const payload = Buffer.from(argv[2] as string, 'latin1');
  const restored = restoreLibraries(state, payload, policy);
  if (restored === undefined) throw ERR_DUMP_PAYLOAD;
  client.server.addDirty(1);
  return OK;
};

const FUNCTION_HELP_LINES = [
  'LOAD [REPLACE] <FUNCTION CODE>',
  '    Create a new library with the given library name and code.',
  'DELETE <LIBRARY NAME>',
  '    Delete the given library.',
  'LIST [LIBRARYNAME PATTERN] [WITHCODE]',
  '    Return general information on all the libraries:',
  '    * Library name',
  '    * The engine used to run the Library',
  '    * Library description',
  '    * Functions list',
  '    * Library code (if WITHCODE is given)',
  '    It also possible to get only function that matches a pattern using LIBRARYNAME argument.',
  'STATS',
  '    Return information about the current function running:',
  '    * Function name',
  '    * Command used to run the function',
  '    * Duration in MS that the function is running',
  '    If no function is running, return nil',
  '    In addition, returns a list of available engines.',
  'KILL',
  '    Kill the current running function.',
  'FLUSH [ASYNC|SYNC]',
  '    Delete all the libraries.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the libraries.',
  '    * SYNC: Synchronously flush the libraries.',
  'DUMP',
  '    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command',
  'RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]',
  '    Restore the libraries represented by the given payload, it is possible to give a restore policy to',
  '    control how to handle existing libraries (default APPEND):',
  '    * FLUSH: delete all existing libraries.',
  '    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.',
  '    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old',
  '      libraries with the new libraries (notice that even on this option there is a chance of failure',
  '      in case of functions name collision with another library).',
];

/** Valkey 8.0 leaves out LIST's "Library description" line (a library has none to list). */
const VALKEY_FUNCTION_HELP_LINES = FUNCTION_HELP_LINES.filter((line) => line !== '    * Library description');

export const FUNCTION_HELP: CommandHandler = (client) =>
  helpReply(client.server, 'FUNCTION', client.server.profile.serverType === 'valkey' ? VALKEY_FUNCTION_HELP_LINES : FUNCTION_HELP_LINES);

/** FCALL and FCALL_RO (fcallCommandGeneric). */
function fcallGeneric(ro: boolean): CommandHandler {
  return (client: Client, argv: Bytes[]) => {
    // FCALL is flagged skip_monitor: it shows itself before the commands its function runs.
    client.server.feedMonitors(client, argv);
    const fn = functionsState(client.server).current.functions.get((argv[1] as string).toLowerCase());
    if (fn === undefined) throw ERR_FUNCTION_NOT_FOUND;
    const parsed = tryParseInt64(argv[2] as string);
    if (parsed === undefined) throw ERR_BAD_NUMKEYS;
    if (parsed > BigInt(argv.length - 3)) throw ERR_NUMKEYS_TOO_MANY;
    if (parsed < 0n) throw ERR_NUMKEYS_NEGATIVE;
    const numkeys = Number(parsed);
    if ((fn.flags & FLAG_NO_CLUSTER) !== 0 && client.server.config.getBoolean('cluster-enabled')) throw ERR_NO_CLUSTER_FLAG;
    if ((fn.flags & FLAG_ALLOW_STALE) === 0 && replicaIsStale(client.server)) throw ERR_SCRIPT_MASTERDOWN;
    const noWrites = (fn.flags & FLAG_NO_WRITES) !== 0;
    if (scriptStartsReadonly(client, noWrites)) throw ERR_SCRIPT_READONLY;
    if (scriptStartsMisconf(client.server, noWrites)) throw errScriptMisconf(client.server);
    if (ro && !noWrites) throw ERR_WRITE_FLAG_RO;
    const allowOom = (fn.flags & FLAG_ALLOW_OOM) !== 0;
    if (scriptStartsOom(client.server, noWrites, allowOom)) throw ERR_SCRIPT_OOM;
    const library = fn.library;
    const fnArgs = argv.slice(3 + numkeys);
    // The stateless chunk: where the library is not kept, and what finds a killed function's line.
    const stateless = () => ({
      chunk: library.chunk,
      args: [library.runnable as Bytes, 'call' as Bytes, fn.name as Bytes, ...fnArgs],
      // A killed function's line: replayed through the inline engine's store (engine/inline.ts).
      fn: { install: library.install, id: library.id, runnable: library.runnable, name: fn.name, args: fnArgs, calibration: (body: string) => calibrationCode(library.mode, fn.name, body) },
    });
    const kept = prepareFunctionCall(client.server, fn, fnArgs);
    if (kept instanceof ErrorReply) throw kept;
    const call = kept ?? stateless();
    return runScript({
      client,
      chunk: call.chunk,
      keys: argv.slice(3, 3 + numkeys),
      args: call.args,
      worker: kept?.worker,
      inline: kept?.inline ?? true,
      locate: stateless,
      nullMarkers: library.nullMarkers,
      code: library.payload,
      readOnly: ro || noWrites,
      allowOom,
      allowCrossSlot: (fn.flags & FLAG_ALLOW_CROSS_SLOT_KEYS) !== 0,
      isEval: false,
      name: fn.name,
      source: 'user_function',
      argv,
    });
  };
}

export const FCALL = fcallGeneric(false);
export const FCALL_RO = fcallGeneric(true);
