import {
  aclCheckScriptCall,
  aclUserCanRun,
  type Bytes,
  type Client,
  clientTracking,
  type CommandEntry,
  diskWriteError,
  noReplicasError,
  ErrorReply,
  PROPAGATE_ALL,
  replicaIsStale,
  replicaRefusesWrites,
  formatDouble,
  type HandlerResult,
  LookupFailure,
  NO_REPLY,
  NOT_SERVED,
  type Reply,
  scriptOomError,
  trackingRememberKeys,
} from '@fakeredis/core';
import { type FunctionReplay, inlineEngineReady, killedLine, loadInlineEngine, startScript } from './engine/inline.js';
import { acquireWorker, type LuaWorker, releaseWorker, type RunOutcome, type ScriptHost } from './engine/worker.js';
import { replyToWire, ScriptAbort, type WireValue, wireToReply } from './engine/wire.js';
import { COMPILE_CHECK, HOST_CALL, luaProfile, NULL_MARKER, NUMBER_MARKER } from './env.js';
import {
  READONLY_REPLICA,
  CALL_ON_STALE_REPLICA,
  CALL_WRITE_IN_READONLY,
  errBusyEval,
  errBusyFunction,
  globalRead,
  scriptTexts,
} from './errors.js';
import { type RunningScript, scriptingState } from './state.js';

/** (double)(LLONG_MAX / 2), double2ll's bound. */
const LLONG_HALF = 2 ** 62;

const NULL_STATUS: WireValue = { ok: NULL_MARKER };

/** Replies kept for finding a killed script's line; a script that got more is reported on line 1. */
const MAX_RECORDED_REPLIES = 100_000;

/** One script run: what to run, for whom, and under which rules. */
export interface ScriptRun {
  readonly client: Client;
  /** The Lua chunk to run (the environment's prefix and the script). */
  readonly chunk: string;
  readonly keys: Bytes[];
  readonly args: Bytes[];
  /** Write commands are refused (EVAL_RO, FCALL_RO, the no-writes flag). */
  readonly readOnly: boolean;
  /** The allow-oom flag of a script with a shebang, or of a function: no command is refused over maxmemory. */
  readonly allowOom?: boolean;
  /** The allow-cross-slot-keys flag (a script without shebang has it): for the server's scriptCallCheck hooks. */
  readonly allowCrossSlot?: boolean;
  /** EVAL / EVALSHA (SCRIPT KILL applies), or a function (FUNCTION KILL). */
  readonly isEval: boolean;
  /** How errors name the script: its sha1, or the function's name. */
  readonly name: string;
  /** The chunk name errors show: user_script, or user_function. */
  readonly source: string;
  /** The user's code when the chunk does not hold it (a function's library, passed in ARGV): what the inline engine checks. */
  readonly code?: string;
  /** The caller's command (FUNCTION STATS shows it while the script runs). */
  readonly argv?: readonly Bytes[];
  /** The worker to run on (a function on its functions engine) when not inline. */
  readonly worker?: LuaWorker;
  /** It may run inline (false: a function whose library keeps state, which lives on its worker). */
  readonly inline?: boolean;
  /** What finds a killed script's line (killedLine), when not the chunk and ARGV above: a chunk that runs where nothing is kept (made when needed). */
  readonly locate?: () => { readonly chunk: string; readonly args: Bytes[]; readonly fn?: FunctionReplay };
  /** Replies carry the null marker (the script's call sites turn it back into nil), when the chunk does not say. */
  readonly nullMarkers?: boolean;
}

/**
 * scriptPrepareForRun's disk-error check of a script with declared flags that may write,
 * made before the *_ro check. As with the OOM check below, the dispatcher refuses such a
 * script first; this one answers when its flags were not known as the command came.
 */
export function scriptStartsMisconf(server: Client['server'], noWrites: boolean): boolean {
  return !noWrites && diskWriteError(server) !== undefined;
}

/**
 * scriptPrepareForRun's first check of a script with declared flags that may write: not on
 * a read-only replica (its master's client aside). The dispatcher refuses such a script
 * first (READONLY You can't write ...); this one answers when its flags were not known as
 * the command came.
 */
export function scriptStartsReadonly(client: Client, noWrites: boolean): boolean {
  return !noWrites && replicaRefusesWrites(client.server, client);
}

/**
 * scriptPrepareForRun's OOM check of a script with declared flags, made after the *_ro
 * check. The dispatcher refuses such a script by its flags first; this one answers when
 * its flags were not known as the command came (an EVALSHA queued in MULTI before its
 * script was loaded).
 */
export function scriptStartsOom(server: Client['server'], noWrites: boolean, allowOom: boolean): boolean {
  return !noWrites && !allowOom && server.maxmemory !== 0 && server.preCommandOomState;
}

const compileCache = new Map<string, string | null>();

/**
 * Compiles `code` as Redis does before it caches a script: the Lua error message, or
 * undefined when it compiles. Results are kept for the process (compiling is deterministic).
 */
export function compileError(code: string): string | undefined {
  const known = compileCache.get(code);
  if (known !== undefined) return known ?? undefined;
  const worker = acquireWorker();
  const outcome = worker.run(COMPILE_CHECK, [], [code], { call: () => null, log() {}, setResp() {} }, Number.POSITIVE_INFINITY);
  releaseWorker(worker);
  const message = outcome !== undefined && typeof outcome.r === 'string' ? outcome.r : null;
  if (compileCache.size > 10_000) compileCache.clear();
  compileCache.set(code, message);
  return message ?? undefined;
}

/**
 * Runs a script for `client` (Redis's scriptPrepareForRun + luaCallFunction). Its commands
 * run as the server's lua client, with Redis's rules for commands called from scripts. It
 * is served synchronously up to busy-reply-threshold; a script still running then goes on
 * in the background while other clients get BUSY, and its caller gets the reply when it
 * ends or is killed. Clients that may not wait (the direct API, EXEC) wait for the end.
 */
export function runScript(run: ScriptRun): HandlerResult {
  const { client } = run;
  const server = client.server;
  const state = scriptingState(server);
  const lua = state.scriptClient();
  lua.db = client.db;
  lua.protocol = 2;
  lua.multi = undefined;
  let resp: 2 | 3 = 2;
  /** redis.set_repl: where the commands called from now on propagate (run_ctx->repl_flags). */
  let replTargets = PROPAGATE_ALL;
  let running: RunningScript | undefined;
  let wrote = false;
  const doubleFormat = server.profile.doubleFormat;
  const texts = scriptTexts(server.profile);
  const integerArguments = luaProfile(server.profile).integerArguments;
  // The script's call sites turn the null marker back into nil (env.ts's NULL_REPLIES).
  const nullMarkers = run.nullMarkers ?? run.chunk.includes('__fr_v =');
  /**
   * Errors of commands the script called, already counted in errorstats (Redis marks the
   * Lua error table with ignore_error_stats_update): when the script ends with one of
   * them (raised by redis.call, or returned from redis.pcall), it is not counted again.
   */
  const counted = new Set<string>();

  /** scriptCall's refusals: counted as the lua client's error, and as a rejected call of the command. */
  const rejected = (message: string, entry: CommandEntry | undefined): WireValue => {
    server.recordError(new ErrorReply(message));
    if (entry !== undefined) entry.stats.rejectedCalls++;
    counted.add(message);
    return { err: message };
  };

  /**
   * The replies the script got, in order (its commands' and the environment's host calls),
   * so that a killed script can be run again to find the line it was on (killedLine).
   */
  const replies: WireValue[] = [];
  let tooManyReplies = false;
  const host: ScriptHost = {
    call(args: string[]): WireValue {
      const reply = serve(args);
      if (replies.length < MAX_RECORDED_REPLIES) replies.push(reply);
      else tooManyReplies = true;
      return reply;
    },
    log(level, message) {
      serverLog(server, level, message);
    },
    setResp(version) {
      resp = version === 3 ? 3 : 2;
      lua.protocol = resp;
    },
  };

  function serve(args: string[]): WireValue {
    if (args.length === 0) return { err: texts.callNoArgs };
    if (args[0] === HOST_CALL) return hostCall(args);
    if (doubleFormat === 'shortest') args = numberArguments(args, integerArguments);
    const argv = args as Bytes[];
    const found = server.commands.lookup(argv);
    if (found instanceof LookupFailure) {
      // Valkey 9 answers a container's unknown subcommand as processCommand does.
      if (texts.subcommandErrors && found.entry === undefined && found.error.message.startsWith('ERR unknown subcommand')) return rejected(found.error.message, undefined);
      return rejected(found.entry !== undefined ? texts.callWrongArity : texts.callUnknownCommand, found.entry);
    }
    const entry: CommandEntry = found;
    if (entry.flags.has('noscript')) return rejected(texts.callNotAllowed, entry);
    // scriptVerifyAllowStale: with the link down and no stale data served, only `stale` commands.
    if (!entry.flags.has('stale') && replicaIsStale(server)) return rejected(CALL_ON_STALE_REPLICA, entry);
    // scriptVerifyACL: the caller's user, for each command (logged with context lua).
    const denied = aclCheckScriptCall(client, run.argv ?? [], entry, argv);
    if (denied !== undefined) return rejected(`ERR ${denied}`, entry);
    // scriptVerifyWriteCommandAllow: once the script has written, it is not failed on the server's state.
    if (entry.isWrite) {
      if (run.readOnly) return rejected(CALL_WRITE_IN_READONLY, entry);
      if (!wrote) {
        // A read-only replica refuses the write (unless the script runs for its master).
        if (replicaRefusesWrites(server, client)) return rejected(READONLY_REPLICA, entry);
        // MISCONF after a failed save refuses it.
        const diskError = diskWriteError(server);
        if (diskError !== undefined) return rejected(diskError.message, entry);
        // ... and NOREPLICAS while too few replicas are good (min-replicas-to-write).
        const noReplicas = noReplicasError(server);
        if (noReplicas !== undefined) return rejected(noReplicas.message, entry);
      }
    }
    // scriptVerifyOOM: a script that started over maxmemory may not grow it until it has written.
    const oom = scriptOomError(server, entry, run.allowOom === true, wrote);
    if (oom !== undefined) return rejected(oom.message, entry);
    if (entry.isWrite) {
      wrote = true;
      if (running !== undefined) running.wrote = true;
    }
    // Other modules' checks (scriptVerifyClusterState in cluster mode), after the write is marked as Redis marks it.
    const checks = server.hooks.scriptCallCheck;
    if (checks !== undefined) {
      for (const check of checks) {
        const refusal = check(client, entry, argv, run.allowCrossSlot === true);
        if (refusal !== undefined) return rejected(refusal, entry);
      }
    }
    // call() with the script's CMD_CALL_PROPAGATE flags: what the command propagates goes where redis.set_repl said.
    const propagator = server.propagator;
    if (propagator !== undefined) propagator.callTargets = replTargets;
    const reply = server.invoke(lua, entry, argv);
    if (propagator !== undefined) propagator.callTargets = PROPAGATE_ALL;
    // call(): a read command a script runs has its caller (when tracking) remember the keys
    // the script declared, as if the caller had read them; from Redis 7.2 the keys it read.
    if (entry.flags.has('readonly') && clientTracking(client) !== undefined) {
      if (server.profile.trackingScriptReadKeys) trackingRememberKeys(client, entry, argv);
      else rememberCallerKeys();
    }
    // Served from the event loop (a busy script): deliver what the command produced.
    if (running !== undefined) server.beforeSleep();
    // invoke counted it in errorstats: the script's own error reply will not count it again.
    if (reply instanceof ErrorReply) counted.add(reply.message);
    return replyToWire(reply === undefined ? null : reply, resp, doubleFormat, resp === 3 && nullMarkers ? NULL_STATUS : null);
  }

  /** trackingRememberKeys for the caller: the keys of its EVAL or FCALL. */
  function rememberCallerKeys(): void {
    if (run.argv === undefined) return;
    const caller = server.commands.lookup(run.argv as Bytes[]);
    if (!(caller instanceof LookupFailure)) trackingRememberKeys(client, caller, run.argv);
  }

  /** The environment's own requests (see env.ts). */
  function hostCall(args: string[]): WireValue {
    switch (args[1]) {
      case 'random':
        return state.rand.next();
      case 'randomseed':
        state.rand.seed(Number(args[2]));
        return null;
      case 'log':
        serverLog(server, Number(args[2]), args[3] ?? '');
        return null;
      case 'clock': {
        // os.clock(): the process's CPU time in seconds, as clock() / CLOCKS_PER_SEC.
        const { user, system } = process.cpuUsage();
        return { double: (user + system) / 1e6 };
      }
      case 'setresp':
        host.setResp(Number(args[2]));
        return null;
      case 'set_repl':
        replTargets = Number(args[2]);
        return null;
      case 'acl': {
        if (args.length < 3) return { err: texts.callNoArgs };
        const found = server.commands.lookup(args.slice(2) as Bytes[]);
        // An arity error still names a command: ACL checks only the command (and subcommand).
        if (found instanceof LookupFailure && found.entry === undefined) return { err: texts.aclCheckInvalid };
        const entry = found instanceof LookupFailure ? (found.entry as CommandEntry) : found;
        return aclUserCanRun(client, entry, args.slice(2) as Bytes[]) ? 1 : 0;
      }
      default:
        return { err: texts.callUnknownCommand };
    }
  }

  const finish = (outcome: RunOutcome, killed: boolean): Reply => {
    if (killed) return scriptError(run, texts.killed(run.source === 'user_function'), killLine ?? 1);
    if (outcome.trap !== undefined) return new ErrorReply(`ERR internal error in fakeredis: the Lua engine failed (${outcome.trap})`);
    const reply = wireToReply(outcome.r ?? null, resp, doubleFormat);
    if (reply instanceof ScriptAbort) {
      const { meta } = reply;
      if (meta.kind === 'global-read') return scriptError(run, globalRead(meta.line, meta.name ?? '?', run.source), meta.line);
      if (meta.kind === 'command-arg-type') return scriptError(run, scriptTexts(run.client.server.profile).argType, meta.line);
      const marked = decodeMarkedError(reply.message);
      if (marked !== undefined) {
        const error = scriptError(run, marked.message, marked.line ?? meta.line);
        error.statsCounted = counted.has(marked.message);
        return error;
      }
      const message = reply.message.replace(/\0+$/, '');
      const error = scriptError(run, message.replace(LINE_MARKER, ''), errorLine(run, message, meta.line));
      error.statsCounted = counted.has(message);
      return error;
    }
    if (reply instanceof ErrorReply && counted.has(reply.message)) reply.statsCounted = true;
    return reply;
  };

  const startedAt = performance.now();
  const mayWait = !client.denyBlocking && client.transport !== undefined;
  // busy-reply-threshold 0 turns the busy state off: Redis then sets no hook and the script
  // holds the server to its end.
  const threshold = server.config.getNumber('busy-reply-threshold');
  const limit = mayWait && threshold > 0 ? threshold : Number.POSITIVE_INFINITY;
  const started = startScript(run.chunk, run.keys, run.args, host, limit, run.code, run.worker, run.inline ?? true);
  if (started.outcome !== undefined) return finish(started.outcome, false);
  const { worker } = started;

  // Past the threshold: the server is busy until the script ends or is killed.
  let killed = false;
  let killLine: number | undefined;
  running = {
    client,
    isEval: run.isEval,
    name: run.name,
    argv: run.argv ?? [],
    startedAt,
    worker,
    wrote,
    kill() {
      killed = true;
      worker.terminate();
      server.log('warning', 'Lua script killed by user with SCRIPT KILL.');
      const locate = (): void => {
        if (tooManyReplies) return;
        const where = run.locate?.() ?? { chunk: run.chunk, args: run.args };
        killLine = killedLine(where.chunk, run.keys, where.args, replies, run.code, where.fn);
      };
      if (inlineEngineReady()) {
        locate();
        // Runs inside SCRIPT KILL / FUNCTION KILL, whose client flushes the replies.
        end({}, false);
        return;
      }
      // The inline engine that finds the line is still loading (it started with the
      // process's first script): the server is free now, the caller's error follows.
      end({}, false, false);
      void loadInlineEngine().then(() => {
        if (server.closed) return;
        locate();
        server.blocking.unblock(client, finish({}, true));
        server.beforeSleep();
      });
    },
  };
  state.running = running;
  server.busy = { error: run.isEval ? errBusyEval(server) : errBusyFunction(server) };
  server.blocking.block(client, { keys: [], valueTypes: [], deadline: 0, serve: () => NOT_SERVED });
  let ended = false;
  const end = (result: RunOutcome, flush = true, reply = true): void => {
    if (ended) return;
    ended = true;
    state.running = undefined;
    server.busy = undefined;
    releaseWorker(worker);
    if (server.closed || !reply) return;
    server.blocking.unblock(client, finish(result, killed));
    if (flush) server.beforeSleep();
  };
  worker.continueAsync((result) => end(result));
  return NO_REPLY;
}

/**
 * The line an error is reported on. The engine gives the line of the error() call; an
 * error a function's sandbox raises (sandbox.ts) is called from the wrapper's line 1,
 * which no library code is on (its line 1 is the header): its message names the line.
 */
function errorLine(run: ScriptRun, message: string, line: number): number {
  if (line !== 1 || run.source !== 'user_function') return line;
  const m = /^[A-Z]+ user_function:(\d+): /.exec(message) ?? LINE_MARKER.exec(message);
  return m === null ? line : Number(m[1]);
}

/**
 * An error the environment raised with a marker (env.ts): `\x01fr-err:` is followed by an
 * error table's `err`, used as it is; `\x01fr-pos:` leaves Lua's message with its position;
 * `\x01fr-at:<line>\x01` (error() of a string) names the line. The line is otherwise the
 * position's (the caller of the shim), when Lua gave one.
 */
function decodeMarkedError(text: string): { message: string; line: number | undefined } | undefined {
  const at = /\x01fr-at:(\d*)\x01/.exec(text);
  if (at !== null) {
    return { message: (text.slice(0, at.index) + text.slice(at.index + at[0].length)).replace(/\0+$/, ''), line: at[1] === '' ? undefined : Number(at[1]) };
  }
  const m = /^ERR (user_(?:script|function):(\d+): )?\x01fr-(err|pos):/.exec(text);
  if (m === null) return undefined;
  const line = m[2] === undefined ? undefined : Number(m[2]);
  const rest = text.slice(m[0].length).replace(/\0+$/, '');
  return { message: m[3] === 'err' ? rest : `ERR ${m[1] ?? ''}${rest}`, line };
}

/**
 * Numbers the script passed (marked by env.ts's __fr_n as their "%.17g" text) written as
 * fpconv_dtoa writes them (Redis 7.2+); a copy, as the inline engine records the arguments.
 */
function numberArguments(args: string[], integers: boolean): string[] {
  let out = args;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.charCodeAt(0) !== 0 || !a.startsWith(NUMBER_MARKER)) continue;
    if (out === args) out = args.slice();
    const text = a.slice(NUMBER_MARKER.length);
    const n = Number(text);
    // fpconv_dtoa writes the sign, then inf or nan, as "%.17g" does. Valkey first tries
    // double2ll (an integral value within +-LLONG_MAX/2 is written as an integer, -0 as 0).
    if (/^-?(inf|nan)$/.test(text)) out[i] = text;
    else if (integers && Number.isInteger(n) && Math.abs(n) <= LLONG_HALF) out[i] = BigInt(n).toString();
    else out[i] = formatDouble(n, 'shortest');
  }
  return out;
}

const LOG_LEVELS = ['debug', 'verbose', 'notice', 'warning'] as const;

/**
 * redis.log: a line in the server's log at Redis's level (LOG_DEBUG 0 ... LOG_WARNING 3),
 * as printf's %s writes it, unless `loglevel` is above it (luaLogCommand's verbosity check).
 */
export function serverLog(server: Client['server'], level: number, message: string): void {
  const name = LOG_LEVELS[level];
  if (name === undefined || level < LOG_LEVELS.indexOf(server.config.get('loglevel') as (typeof LOG_LEVELS)[number])) return;
  const nul = message.indexOf('\0');
  server.log(name, nul < 0 ? message : message.slice(0, nul));
}

/** A line the sandbox appends to an error it raises without a position (sandbox.ts). */
const LINE_MARKER = /\x01fr-line:(\d+)$/;

/** An error that ended a script, as Redis 7.0 decorates it (Valkey 9 without the script's name). */
function scriptError(run: ScriptRun, message: string, line: number): ErrorReply {
  if (!scriptTexts(run.client.server.profile).named) return new ErrorReply(`${message} script: on @${run.source}:${line}.`);
  return new ErrorReply(`${message} script: ${run.name}, on @${run.source}:${line}.`);
}
