import { engineModuleUrl } from './locate.js';
import type { RunOutcome, ScriptHost } from './worker.js';
import { FUNCTION_CALL_CHUNK, linkLibraryStore, STORE_SPEC } from './store.js';
import { acquireWorker, type LuaWorker, REDIS_PROPS, releaseWorker, startWorkerEarly, WARM_UP_SCRIPT } from './worker.js';
import type { ErrorMeta, WireValue } from './wire.js';

/**
 * The inline engine: a second Lua engine on the main thread, which runs the scripts that
 * are safe to run there, so that a script and each of its redis.call cost no thread
 * hand-off (about 5 µs each here, four for a script with one call).
 *
 * A script on the main thread cannot be interrupted: only the worker lets the event loop
 * serve BUSY and SCRIPT KILL while a script runs. So the inline engine runs a script only
 * for a bounded time: an instruction budget (INLINE_FUEL, checked by the engine's fuel
 * hook), and busy-reply-threshold (checked at each redis.call). A script that ends within
 * both ends there. One that does not moves to a worker, which runs it again from the start
 * while the commands the inline run already made are not made again: their replies are
 * played back in order (the script is deterministic: same arguments, same replies, same
 * path), and the commands after them run as usual. From then on it is an ordinary worker
 * script (BUSY past the threshold, SCRIPT KILL ...).
 *
 * The budget can only stop a script that cannot catch the fuel error: scripts that name
 * pcall (other than redis.pcall), xpcall, coroutine, load or loadstring (load catches
 * errors raised while it reads), or _G (through which those are reachable) always run on a
 * worker.
 *
 * The inline engine loads in the background (lua-redis-wasm loads asynchronously) from the
 * first script of the process on; scripts run on workers until it is ready.
 */

/** Lua instructions a script may run inline (about 150 M a second here): about 15 ms. */
const INLINE_FUEL = 2_000_000;

/** Names through which a script could catch the fuel error. */
const CATCHES = /\bxpcall\b|\bcoroutine\b|\b_G\b|\bload(?:string)?\b|(?<!\.\s*)\bpcall\b/;

const eligibleCache = new Map<string, boolean>();
/** Where a script's own code starts and ends in its chunk (env.ts's wrapScript). */
const SCRIPT_BODY = '((function(...) ';
const SCRIPT_END = '\nend)(...))';
const chunkBuffers = new Map<string, Buffer>();

/**
 * Whether a script may run inline: its own code names nothing that could catch the fuel
 * error. The environment's prefix (env.ts) and a function's wrapper (sandbox.ts) use pcall
 * and loadstring only where no Lua instruction runs inside (error(), compiling a string),
 * so only the script's code is tested: the chunk from SCRIPT_BODY on, or `code` (a
 * library's code, which a function's chunk compiles).
 */
function eligible(chunk: string, code: string | undefined): boolean {
  const key = code ?? chunk;
  let ok = eligibleCache.get(key);
  if (ok === undefined) {
    if (eligibleCache.size >= 10_000) eligibleCache.clear();
    const body = chunk.indexOf(SCRIPT_BODY);
    ok = !CATCHES.test(code ?? (body < 0 ? chunk : chunk.slice(body)));
    eligibleCache.set(key, ok);
  }
  return ok;
}

function chunkBuffer(chunk: string): Buffer {
  let b = chunkBuffers.get(chunk);
  if (b === undefined) {
    if (chunkBuffers.size >= 1_000) chunkBuffers.clear();
    b = Buffer.from(chunk, 'latin1');
    chunkBuffers.set(chunk, b);
  }
  return b;
}

/** lua-redis-wasm's values (Buffers for strings). */
type EngineValue =
  | null
  | number
  | bigint
  | boolean
  | Buffer
  | { ok: Buffer }
  | { err: Buffer; code?: Buffer; meta?: ErrorMeta }
  | { double: number }
  | { big_number: Buffer }
  | { verbatim_string: { format: Buffer; string: Buffer } }
  | { map: Array<[EngineValue, EngineValue]> }
  | { set: EngineValue[] }
  | EngineValue[];

interface Engine {
  evalWithArgs(script: Buffer, keys: Buffer[], args: Buffer[]): EngineValue;
}

/** lua-redis-wasm 1.5's LuaEngine internals that evalRaw uses (checked before use). */
interface EngineInternals {
  exports?: { _alloc(n: number): number; _free_mem(p: number): void; _set_limits?(fuel: number, reply: number, arg: number): void; HEAPU8: Uint8Array };
  callEvalWithArgs?(scriptPtr: number, scriptLen: number, argsPtr: number, argsLen: number, keyCount: number): unknown;
  decodeResult?(result: unknown, sha: string): EngineValue;
}

type Latin1Buffer = Buffer & { latin1Write(s: string, offset: number, length: number): number };
let blob = Buffer.allocUnsafe(64 * 1024) as Latin1Buffer;

/** KEYS and ARGV in the engine's argument format (u32 count, u32 length + bytes each), in a reused buffer. */
function argumentBlob(keys: readonly string[], args: readonly string[]): Buffer {
  let size = 4;
  for (const k of keys) size += 4 + k.length;
  for (const a of args) size += 4 + a.length;
  if (size > blob.length) blob = Buffer.allocUnsafe(Math.max(size, blob.length * 2)) as Latin1Buffer;
  blob.writeUInt32LE(keys.length + args.length, 0);
  let at = 4;
  for (const list of [keys, args]) {
    for (const s of list) {
      blob.writeUInt32LE(s.length, at);
      at += 4;
      if (s.length > 0) at += blob.latin1Write(s, at, s.length);
    }
  }
  return blob.subarray(0, at);
}

/**
 * engine.evalWithArgs without the SHA-1 of the script it computes in JavaScript on every
 * run, for error metadata the host does not read (0.2 ms for a 20 KB script), and with the
 * arguments encoded once. It uses lua-redis-wasm 1.5's internals when they are there.
 */
function evalRaw(lua: Engine, script: Buffer, keys: readonly string[], args: readonly string[]): EngineValue {
  const e = lua as Engine & EngineInternals;
  const ex = e.exports;
  if (ex !== undefined && typeof ex._alloc === 'function' && typeof e.callEvalWithArgs === 'function' && typeof e.decodeResult === 'function') {
    const argv = argumentBlob(keys, args);
    const scriptPtr = ex._alloc(script.length);
    const argsPtr = ex._alloc(argv.length);
    ex.HEAPU8.set(script, scriptPtr);
    ex.HEAPU8.set(argv, argsPtr);
    const result = e.callEvalWithArgs(scriptPtr, script.length, argsPtr, argv.length, keys.length);
    ex._free_mem(scriptPtr);
    ex._free_mem(argsPtr);
    return e.decodeResult(result, '');
  }
  return lua.evalWithArgs(script, keys.map(latin1), args.map(latin1));
}

/** What a run asks of the engine's callbacks. */
interface InlineRun {
  call(args: Buffer[], pcall: boolean): EngineValue;
  log(level: number, message: Buffer): void;
  setResp(version: number): void;
}

let engine: Engine | undefined;
let loading = false;

/** The function libraries installed in the inline engine's store (functions/engine.ts), when it has one. */
export interface InlineLibraries {
  readonly installed: Set<string>;
  /** Library ids to drop from the store with the next call run here. */
  readonly drops: string[];
}
let libraries: InlineLibraries | undefined;
/** The run the engine's callbacks serve (one at a time: commands from scripts never run scripts). */
let current: InlineRun | undefined;
let ignoreSetResp = 0;

const NO_RUN: InlineRun = {
  call: () => ({ err: Buffer.from('ERR no script is running') }),
  log() {},
  setResp() {},
};

/** Starts loading the inline engine (once; it is ready some event-loop turns later). */
function startLoading(): void {
  if (loading || engine !== undefined) return;
  loading = true;
  (import(engineModuleUrl()) as Promise<typeof import('lua-redis-wasm')>)
    .then(async ({ load }) => {
      const mod = await load({ profile: 'redis-7.0', limits: { maxFuel: INLINE_FUEL }, redisProps: REDIS_PROPS });
      engine = mod.create({
        redisCall: (args: Buffer[]) => (current ?? NO_RUN).call(args, false) as never,
        redisPcall: (args: Buffer[]) => (current ?? NO_RUN).call(args, true) as never,
        log: (level: number, message: Buffer) => (current ?? NO_RUN).log(level, message),
        onSetResp: (v: number) => {
          if (ignoreSetResp > 0) ignoreSetResp--;
          else (current ?? NO_RUN).setResp(v);
        },
      }) as unknown as Engine;
      // The engine's WebAssembly functions compile on their first call: do that now.
      engine.evalWithArgs(WARM_UP, [], []);
      libraries = linkLibraryStore(engine, STORE_SPEC) ? { installed: new Set(), drops: [] } : undefined;
    })
    .catch(() => {
      // Scripts keep running on workers.
    })
    .finally(() => {
      loading = false;
    });
}

const FUEL_ERROR = 'Script killed by fuel limit';

const WARM_UP = Buffer.from(WARM_UP_SCRIPT, 'latin1');

/** A redis.call the inline run made: its arguments and the reply the script got. */
type Recorded = [args: string[], pcall: boolean, reply: WireValue];

/**
 * Runs a script: inline when it can (and `inline`), else (or when it outgrows the inline
 * budget) on a worker (`on`, when given). Returns its outcome when it ended within `limitMs`, or the worker still running
 * it (serve it with continueAsync, then release the worker).
 */
export function startScript(
  chunk: string,
  keys: string[],
  args: string[],
  host: ScriptHost,
  limitMs: number,
  code?: string,
  on?: LuaWorker,
  inline = true,
): { outcome: RunOutcome; worker?: undefined } | { outcome?: undefined; worker: LuaWorker } {
  const startedAt = performance.now();
  let record: Recorded[] = [];
  if (inline && engine !== undefined && current === undefined && eligible(chunk, code)) {
    const inline = runInline(engine, chunk, keys, args, host, startedAt + limitMs);
    if (inline.outcome !== undefined) return { outcome: inline.outcome };
    record = inline.record;
    // Replayed on a worker from the start, with the script's protocol back to RESP2.
    host.setResp(2);
  } else startLoading();
  const worker = on ?? acquireWorker();
  const outcome = worker.run(chunk, keys, args, record.length === 0 ? host : replayHost(host, record, worker), Math.max(0, limitMs - (performance.now() - startedAt)));
  if (outcome === undefined) return { worker };
  releaseWorker(worker);
  return { outcome };
}

/** The inline run: its outcome, or the calls it made before it had to move to a worker. */
function runInline(
  lua: Engine,
  chunk: string,
  keys: string[],
  args: string[],
  host: ScriptHost,
  deadline: number,
): { outcome: RunOutcome; record?: undefined } | { outcome?: undefined; record: Recorded[]; fuelLine: number | undefined } {
  const record: Recorded[] = [];
  let moving = false;
  current = {
    call(argv: Buffer[], pcall: boolean): EngineValue {
      if (moving || performance.now() > deadline) {
        // Past busy-reply-threshold: stop here (nothing more runs), go on on a worker.
        moving = true;
        return { err: Buffer.from('ERR the script moves to a worker') };
      }
      const strings = new Array<string>(argv.length);
      for (let i = 0; i < argv.length; i++) strings[i] = (argv[i] as Buffer).toString('latin1');
      const reply = host.call(strings, pcall);
      record.push([strings, pcall, reply]);
      return toEngine(reply);
    },
    log: (level, message) => host.log(level, message.toString('latin1')),
    setResp: (v) => host.setResp(v),
  };
  ignoreSetResp = 1;
  let result: EngineValue;
  try {
    result = evalRaw(lua, chunkBuffer(chunk), keys, args);
  } catch (e) {
    // A trap leaves the engine unusable: load another, run this script on a worker.
    engine = undefined;
    libraries = undefined;
    moving = true;
    result = null;
    void e;
  } finally {
    current = undefined;
    ignoreSetResp = 0;
  }
  if (!moving && !isFuelError(result)) return { outcome: { r: fromEngine(result) } };
  return { record, fuelLine: !moving && isFuelError(result) ? (result as { meta: ErrorMeta }).meta.line : undefined };
}

/**
 * The line a killed script was on, as Redis's kill error names it. A worker stopped with
 * terminate() cannot say where it was, so the script runs again here, inline, from the
 * start: every host call is answered with the reply the killed run got (in order; past
 * them, an error that redis.call raises at its own line), until the inline budget stops
 * it, at a line of the loop it was busy in: for an EVAL, at the script's 2,000,000th Lua
 * instruction (alignKillBudget), where Redis's count hook (every 100,000) could have
 * raised the kill. Undefined when that is not possible: the inline engine is not loaded or
 * busy, or the script could catch the budget's error (it could then run on here for ever).
 */
export function killedLine(chunk: string, keys: string[], args: string[], replies: readonly WireValue[], code?: string, fn?: FunctionReplay): number | undefined {
  if (engine === undefined || current !== undefined || !eligible(chunk, code)) return undefined;
  if (fn !== undefined) {
    const line = killedFunctionLine(engine, fn, keys, replies);
    if (line !== undefined) return line;
  }
  let next = 0;
  const replay: ScriptHost = {
    call: () => (next < replies.length ? (replies[next++] as WireValue) : { err: 'ERR Script killed by user' }),
    log() {},
    setResp() {},
  };
  const lua = engine;
  const aligned = alignKillBudget(lua, chunk);
  let run: ReturnType<typeof runInline>;
  try {
    run = runInline(lua, chunk, keys, args, replay, Number.POSITIVE_INFINITY);
  } finally {
    if (aligned) setFuel(lua, INLINE_FUEL);
  }
  if (run.outcome === undefined) return run.fuelLine;
  const r = run.outcome.r;
  return r !== null && typeof r === 'object' && !Array.isArray(r) && 'err' in r && r.meta !== undefined ? r.meta.line : undefined;
}

/** The engine's instruction budget (set_limits; its reply and argument limits stay off, as loaded). */
function setFuel(lua: Engine, fuel: number): boolean {
  const set = (lua as Engine & EngineInternals).exports?._set_limits;
  if (typeof set !== 'function') return false;
  set(fuel, 0, 0);
  return true;
}

/** The engine's count hook fires every FUEL_STEP Lua instructions (its FUEL_HOOK_STEP), taking that much of the budget. */
const FUEL_STEP = 1000;
/**
 * Where the kill replay of an EVAL stops: the script's 2,000,000th instruction, a point of
 * Redis's count hook (luaMaskCountHook, which raises the kill), which fires every 100,000
 * instructions from the script's start.
 */
const KILL_AT = 2_000_000;
/** A chunk of FUEL_STEP lines of one instruction each (LOADK): the n-th instruction of its body is on its line n. */
const CALIBRATION_BODY = ['local __fr_k = 0', ...Array.from({ length: FUEL_STEP - 1 }, () => '__fr_k = 1')].join('\n');
const ALIGN = Buffer.from('while true do end', 'latin1');

/**
 * Sets the budget of the kill replay of an EVAL's chunk so that it ends at the script's
 * 2,000,000th instruction, where Redis's count hook fires (every 100,000 from the
 * script's start): a loop whose length divides that many then stops on the line Redis
 * names on every kill. The engine's hook fires every 1,000 instructions with a phase
 * carried over from run to run; a run ended by the budget leaves it at 0. So: a run that
 * the budget ends at once (phase 0); the chunk with its script replaced by
 * CALIBRATION_BODY, ended by a 1,000 budget: the line it ends on says how many
 * instructions run before the script (the prefix's), X; a run of 1,000 - X instructions,
 * so that the replay's hooks fall on the script's multiples of 1,000. Whether it did
 * (false: not an EVAL's chunk, or the engine lacks set_limits; the budget is then left).
 */
function alignKillBudget(lua: Engine, chunk: string): boolean {
  const body = chunk.indexOf(SCRIPT_BODY);
  const end = chunk.lastIndexOf(SCRIPT_END);
  if (body < 0 || end < body || !setFuel(lua, FUEL_STEP)) return false;
  evalRaw(lua, ALIGN, [], []);
  const calibration = evalRaw(lua, Buffer.from(chunk.slice(0, body + SCRIPT_BODY.length) + CALIBRATION_BODY + chunk.slice(end), 'latin1'), [], []);
  if (consumeToAlign(lua, calibration)) return true;
  setFuel(lua, INLINE_FUEL);
  return false;
}

/**
 * After a calibration run (ended by a budget of 1,000 on CALIBRATION_BODY's line n, so
 * that 1,000 - n instructions ran before it), runs 1,000 - that many instructions and sets
 * the budget that stops the next run at its script's KILL_AT-th instruction. False when
 * the line says nothing (line 1 holds what runs before the body too).
 */
function consumeToAlign(lua: Engine, calibration: EngineValue): boolean {
  const line = isFuelError(calibration) ? (calibration as { meta: ErrorMeta }).meta.line : 0;
  if (line <= 1) return false;
  const consume = line % FUEL_STEP;
  // A chunk runs its lines and a final RETURN: `consume` instructions.
  if (consume === 1) evalRaw(lua, Buffer.alloc(0), [], []);
  else if (consume > 1) evalRaw(lua, Buffer.from(['local a = 0', ...Array.from({ length: consume - 2 }, () => 'a = 1')].join('\n'), 'latin1'), [], []);
  // The first hook falls on the last instruction before the script, then on its multiples of 1,000.
  setFuel(lua, FUEL_STEP + KILL_AT);
  return true;
}

/** What replays a killed function through the inline engine's store (functions/engine.ts): its library installed there, then called. */
export interface FunctionReplay {
  /** The library's install chunk, id and runnable code (its ARGV). */
  readonly install: string;
  readonly id: string;
  readonly runnable: string;
  /** The function's name and arguments. */
  readonly name: string;
  readonly args: string[];
  /** Runnable code of a library registering `name` with this body (the calibration, see alignKillBudget). */
  calibration(body: string): string;
}

const CALIBRATION_ID = '\0fr-calibration';

/**
 * killedLine for a function: its library installed on the inline engine (fresh, as it
 * loaded), the function called through the store as FCALL calls it, stopped at its
 * 2,000,000th instruction as an EVAL's replay is (alignKillBudget; here the instructions
 * run before the function are the store's dispatch, counted with a calibration library
 * installed by the library's own install chunk). Undefined when that cannot be done (no
 * store, set_limits, or the install ran past the budget).
 */
function killedFunctionLine(lua: Engine, fn: FunctionReplay, keys: string[], replies: readonly WireValue[]): number | undefined {
  if (libraries === undefined || !setFuel(lua, INLINE_FUEL)) return undefined;
  if (!libraries.installed.has(fn.id)) {
    if (!installInline(fn.install, [fn.id, fn.runnable])) return undefined;
    libraries.installed.add(fn.id);
  }
  if (!installInline(fn.install, [CALIBRATION_ID, fn.calibration(CALIBRATION_BODY)])) return undefined;
  const call = Buffer.from(FUNCTION_CALL_CHUNK, 'latin1');
  setFuel(lua, FUEL_STEP);
  evalRaw(lua, ALIGN, [], []);
  const calibration = evalRaw(lua, call, [], ['0', fn.name, CALIBRATION_ID]);
  const aligned = consumeToAlign(lua, calibration);
  if (!aligned) {
    setFuel(lua, INLINE_FUEL);
    return undefined;
  }
  let next = 0;
  const replay: ScriptHost = {
    call: () => (next < replies.length ? (replies[next++] as WireValue) : { err: 'ERR Script killed by user' }),
    log() {},
    setResp() {},
  };
  let run: ReturnType<typeof runInline>;
  try {
    run = runInline(lua, FUNCTION_CALL_CHUNK, keys, [...fn.args, '0', fn.name, fn.id], replay, Number.POSITIVE_INFINITY);
  } finally {
    setFuel(lua, INLINE_FUEL);
  }
  return run.outcome === undefined ? run.fuelLine : undefined;
}

function isFuelError(v: EngineValue): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v) && 'err' in v && v.meta !== undefined && v.err.includes(FUEL_ERROR);
}

/**
 * A host that gives the recorded replies to the script's first calls (their commands ran
 * in the inline run), then serves the rest. A script that does not make the same calls
 * again cannot go on: its worker is stopped, and the script fails.
 */
function replayHost(live: ScriptHost, record: Recorded[], worker: LuaWorker): ScriptHost {
  let next = 0;
  return {
    call(args: string[], pcall: boolean): WireValue {
      if (next >= record.length) return live.call(args, pcall);
      const [recorded, recordedPcall, reply] = record[next++] as Recorded;
      if (pcall !== recordedPcall || args.length !== recorded.length || args.some((a, i) => a !== recorded[i])) {
        worker.terminate('the script made other calls when it was run again on a worker');
        return null;
      }
      return reply;
    },
    log: (level, message) => live.log(level, message),
    setResp: (v) => live.setResp(v),
  };
}

const latin1 = (s: string): Buffer => Buffer.from(s, 'latin1');

function toEngine(v: WireValue): EngineValue {
  switch (typeof v) {
    case 'string':
      return Buffer.from(v, 'latin1');
    case 'number':
    case 'bigint':
    case 'boolean':
      return v;
  }
  if (v === null) return null;
  if (Array.isArray(v)) return v.map(toEngine);
  if ('err' in v) return { err: latin1(v.code !== undefined ? `${v.code} ${v.err}` : v.err) };
  if ('ok' in v) return { ok: latin1(v.ok) };
  if ('double' in v) return { double: v.double };
  if ('map' in v) return { map: v.map.map(([a, b]) => [toEngine(a), toEngine(b)]) };
  if ('set' in v) return { set: v.set.map(toEngine) };
  if ('big_number' in v) return { big_number: latin1(v.big_number) };
  if ('verbatim_string' in v) return { verbatim_string: { format: latin1(v.verbatim_string.format), string: latin1(v.verbatim_string.string) } };
  return null;
}

function fromEngine(v: EngineValue): WireValue {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return v;
  }
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');
  if (Array.isArray(v)) return v.map(fromEngine);
  if ('err' in v) {
    const out: { err: string; code?: string; meta?: ErrorMeta } = { err: v.err.toString('latin1') };
    if (v.code !== undefined) out.code = v.code.toString('latin1');
    if (v.meta !== undefined) out.meta = v.meta;
    return out;
  }
  if ('ok' in v) return { ok: v.ok.toString('latin1') };
  if ('double' in v) return { double: v.double };
  if ('map' in v) return { map: v.map.map(([a, b]) => [fromEngine(a), fromEngine(b)]) };
  if ('set' in v) return { set: v.set.map(fromEngine) };
  if ('big_number' in v) return { big_number: v.big_number.toString('latin1') };
  if ('verbatim_string' in v) return { verbatim_string: { format: v.verbatim_string.format.toString('latin1'), string: v.verbatim_string.string.toString('latin1') } };
  return null;
}

/**
 * The libraries of the inline engine's store, when a script of `code` would run inline
 * now (the engine is loaded, has a store, and is not running a script; `code` names
 * nothing that could catch the budget's error).
 */
export function inlineLibraries(code: string): InlineLibraries | undefined {
  return engine !== undefined && current === undefined && libraries !== undefined && eligible(code, code) ? libraries : undefined;
}

/** Libraries of the inline engine's store to drop with its next call (a server closed). */
export function dropInlineLibraries(ids: Iterable<string>): void {
  if (libraries === undefined) return;
  for (const id of ids) {
    if (libraries.installed.delete(id)) libraries.drops.push(id);
  }
}

/** Runs an install chunk on the inline engine (nothing to call, nothing logged): whether it answered 1. */
export function installInline(chunk: string, args: string[]): boolean {
  if (engine === undefined || current !== undefined) return false;
  const quiet: ScriptHost = { call: () => null, log() {}, setResp() {} };
  const run = runInline(engine, chunk, [], args, quiet, Number.POSITIVE_INFINITY);
  return run.outcome !== undefined && run.outcome.r === 1;
}

/** Whether the inline engine is loaded (tests, benchmarks). */
export function inlineEngineReady(): boolean {
  return engine !== undefined;
}

/** Loads the inline engine now; resolves when it is ready (or failed to load). */
export async function loadInlineEngine(): Promise<boolean> {
  startLoading();
  while (loading) await new Promise((r) => setTimeout(r, 1));
  return engine !== undefined;
}

/**
 * Loads the Lua engines ahead of the first script, in the background: a worker thread and
 * the inline engine. A server process that will run scripts (fakeredis-server) calls it at
 * start, so its first EVAL costs what the next ones do; nothing else needs it (the first
 * script of a process loads them, about 80 ms here). Resolves when both are ready.
 */
export async function preloadLuaEngine(): Promise<void> {
  await Promise.all([startWorkerEarly(), loadInlineEngine()]);
}
