import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import {
  AREA_BYTES,
  CALL,
  DONE,
  E_LOG,
  E_SETRESP,
  FATAL,
  HEADER_BYTES,
  PCALL,
  PORT,
  READY,
  Reader,
  REPLY,
  RUN,
  RUN_FORGET_SCRIPTS,
  RUN_QUIET_SETRESP,
  RUN_WITH_SCRIPT,
  TRAP,
  Writer,
} from './channel.js';
import { engineEntries } from './locate.js';
import { STORE_SPEC } from './store.js';
import { WORKER_SOURCE } from './worker-source.js';
import type { WireValue } from './wire.js';

/** What a running script asks of the host; `call` answers redis.call / redis.pcall. */
export interface ScriptHost {
  call(args: string[], pcall: boolean): WireValue;
  log(level: number, message: string): void;
  setResp(version: number): void;
}

/** How a script ended: its value (wire form), or a trap of the engine. */
export type RunOutcome = { r?: WireValue; trap?: string };

/** Properties of the `redis` table the engine sets up (Redis 7.0's constants). */
export const REDIS_PROPS = {
  REDIS_VERSION: { value: '7.0.15' },
  REDIS_VERSION_NUM: { value: 0x07000f },
  REPL_NONE: { value: 0 },
  REPL_AOF: { value: 1 },
  REPL_SLAVE: { value: 2 },
  REPL_REPLICA: { value: 2 },
  REPL_ALL: { value: 3 },
};

/** A script run once by a new engine, so that its first real script does not compile the engine's code. */
export const WARM_UP_SCRIPT =
  'local t = {} for i = 1, 50 do t[i] = tostring(i * 1.5) .. "x" end local s = table.concat(t, ",") ' +
  'local m = {} for w in string.gmatch(s, "[^,]+") do m[w] = #w end ' +
  'return {#s, string.sub(s, 1, 5), cjson.encode({a = 1}), cmsgpack.unpack(cmsgpack.pack(1)), {ok = "x"}, 1.5}';

/** How long to wait for a new worker to load the engine before giving up. */
const START_TIMEOUT_MS = 30_000;

/**
 * The waiting side sleeps in Atomics.wait at once. Polling the counter first (a few µs)
 * saves the wake-up of a sleeping thread (about 5 µs here, twice per redis.call) when a
 * CPU is free, and was measured here: 1,000 redis.call went from 14 ms to 2.5 ms on an idle
 * machine, but from 14 ms to 25–38 ms with the two CPUs shared with other work (the
 * polling thread takes the CPU the other one needs), which is how test runners use a
 * machine. Scripts that can run inline (inline.ts) cross no thread at all.
 */

/** Script ids: the same script text gets the same id, so a worker keeps it between runs. */
const scriptIds = new Map<string, number>();
let nextScriptId = 1;

function scriptId(script: string): number {
  let id = scriptIds.get(script);
  if (id === undefined) {
    if (scriptIds.size >= 10_000) scriptIds.clear();
    id = nextScriptId++;
    scriptIds.set(script, id);
  }
  return id;
}

/** A worker forgets its cached scripts past this many bytes of them. */
const WORKER_SCRIPT_BYTES = 64 << 20;

/**
 * One worker thread holding one Lua engine. The main thread runs a script on it and waits
 * synchronously (Atomics.wait), answering the script's redis.call requests as they come,
 * up to a time limit; past it the script goes on and `continueAsync` serves it from the
 * event loop. `terminate` ends it at once (SCRIPT KILL, a server closing).
 */
export class LuaWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly shared = new SharedArrayBuffer(HEADER_BYTES + AREA_BYTES);
  private readonly signal = new Int32Array(this.shared, 0, 4);
  private readonly writer: Writer;
  private readonly reader: Reader;
  /** Messages of the worker taken so far (its counter's value when nothing is pending). */
  private seen = 0;
  private host: ScriptHost | undefined;
  private terminated = false;
  /** Why the worker was stopped while a script ran (the script's trap). */
  private exitReason = 'the Lua worker exited';
  /** Script ids this worker has cached, and their bytes. */
  private readonly known = new Set<number>();
  private knownBytes = 0;
  /** A script is running (sync or async). */
  running = false;
  /** Its engine has the function libraries' store (store.ts). */
  libraryStore = false;
  /** A functions engine (functions/engine.ts): never given to the idle pool. */
  functionsHome = false;
  /** Library ids to drop from its store with the next call (functions/engine.ts). */
  readonly drops: string[] = [];

  /** Starts a worker; unless `wait` is false, waits until its engine is loaded (throws if it fails). */
  constructor(wait = true) {
    const area = Buffer.from(this.shared, HEADER_BYTES, AREA_BYTES);
    this.writer = new Writer(area);
    this.reader = new Reader(area);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // The worker runs only this code: none of the parent's flags (--input-type=module
      // would make it ESM) or preloaded modules (test runners' loaders).
      execArgv: [],
      workerData: { port: port2, shared: this.shared, enginePath: engineEntries().cjs, redisProps: REDIS_PROPS, warmUp: WARM_UP_SCRIPT, store: STORE_SPEC },
      transferList: [port2],
    });
    this.worker.unref();
    this.port.unref();
    this.worker.on('error', () => (this.terminated = true));
    this.worker.on('exit', () => (this.terminated = true));
    if (wait) this.ready();
  }

  private started = false;

  /** Resolves once the worker has posted its first message (its engine is loaded, or failed to). */
  async posted(): Promise<void> {
    // A pending waitAsync does not keep the process alive; the worker does while ref'd.
    this.worker.ref();
    try {
      while (!this.started && !this.terminated && Atomics.load(this.signal, 0) === this.seen) {
        const waiter = (Atomics as unknown as AtomicsWaitAsync).waitAsync(this.signal, 0, this.seen, 1000);
        if (waiter.async) await waiter.value;
      }
    } finally {
      if (!this.running) this.worker.unref();
    }
  }

  /** Waits until the worker's engine is loaded (once); throws if it does not load. */
  ready(): void {
    if (this.started) return;
    const kind = this.wait(START_TIMEOUT_MS) ? this.take() : undefined;
    if (kind !== READY) {
      const reason = kind === FATAL ? `: ${this.text()}` : '';
      this.terminate();
      throw new Error(`the Lua engine did not start${reason}`);
    }
    this.libraryStore = this.reader.u8() === 1;
    this.started = true;
  }

  get alive(): boolean {
    return !this.terminated;
  }

  /** Waits until the worker has posted a message, up to `timeoutMs`; false on timeout. */
  private wait(timeoutMs: number): boolean {
    const signal = this.signal;
    const seen = this.seen;
    if (Atomics.load(signal, 0) !== seen) return true;
    const until = performance.now() + timeoutMs;
    for (;;) {
      if (this.terminated) return false;
      const left = until - performance.now();
      if (left <= 0) return false;
      Atomics.wait(signal, 0, seen, left);
      if (Atomics.load(signal, 0) !== seen) return true;
    }
  }

  /** Takes the worker's next message: its kind, with the reader at its body. */
  private take(): number {
    this.seen++;
    const reader = this.reader;
    reader.begin();
    const kind = reader.u8();
    if (kind !== PORT) return kind;
    const m = receiveMessageOnPort(this.port);
    reader.begin(m?.message as ArrayBuffer);
    return reader.u8();
  }

  /** A text body (TRAP, FATAL), sent as UTF-8. */
  private text(): string {
    return Buffer.from(this.reader.str(), 'latin1').toString('utf8');
  }

  /** Writes a message with `write` and hands it to the worker. */
  private post(write: (w: Writer) => void): void {
    const writer = this.writer;
    try {
      writer.begin();
      write(writer);
    } catch (e) {
      if (!Writer.isOverflow(e)) throw e;
      writer.beginOwn();
      write(writer);
      const own = writer.own();
      this.port.postMessage(own, [own]);
      writer.begin();
      writer.u8(PORT);
    }
    Atomics.add(this.signal, 1, 1);
    Atomics.notify(this.signal, 1);
  }

  /**
   * Starts a script and serves it synchronously for at most `limitMs`. Returns its outcome,
   * or undefined if it is still running then (serve the rest with `continueAsync`).
   */
  run(script: string, keys: string[], args: string[], host: ScriptHost, limitMs: number): RunOutcome | undefined {
    this.running = true;
    this.host = host;
    const id = scriptId(script);
    let flags = RUN_QUIET_SETRESP;
    if (!this.known.has(id)) {
      flags |= RUN_WITH_SCRIPT;
      if (this.knownBytes + script.length > WORKER_SCRIPT_BYTES) {
        flags |= RUN_FORGET_SCRIPTS;
        this.known.clear();
        this.knownBytes = 0;
      }
      this.known.add(id);
      this.knownBytes += script.length;
    }
    this.post((w) => {
      w.u8(RUN);
      w.u8(flags);
      w.u32(id);
      if (flags & RUN_WITH_SCRIPT) w.str(script);
      w.keysAndArgs(keys, args);
    });
    let until = Number.NaN;
    for (;;) {
      if (Atomics.load(this.signal, 0) === this.seen) {
        if (Number.isNaN(until)) until = performance.now() + limitMs;
        if (!this.wait(Math.max(0, until - performance.now()))) {
          if (this.terminated) return this.finish({ trap: this.exitReason });
          return undefined;
        }
      }
      const outcome = this.handle(this.take());
      if (outcome !== undefined) return outcome;
    }
  }

  /** Serves a script past its synchronous time from the event loop, then calls `done`. */
  continueAsync(done: (outcome: RunOutcome) => void): void {
    this.worker.ref();
    const pump = (): void => {
      if (this.terminated) return;
      while (Atomics.load(this.signal, 0) !== this.seen) {
        const outcome = this.handle(this.take());
        if (outcome !== undefined) {
          this.worker.unref();
          done(outcome);
          return;
        }
        if (this.terminated) {
          // Stopped by the host while serving a call (a replay that went another way).
          done(this.finish({ trap: this.exitReason }));
          return;
        }
      }
      // A message posted since the counter was read makes the wait return at once.
      const waiter = (Atomics as unknown as AtomicsWaitAsync).waitAsync(this.signal, 0, this.seen);
      if (waiter.async) void waiter.value.then(pump);
      else setImmediate(pump);
    };
    pump();
  }

  /** Handles one message of the worker (the reader at its body); the outcome when the script ended. */
  private handle(kind: number): RunOutcome | undefined {
    const host = this.host as ScriptHost;
    const reader = this.reader;
    switch (kind) {
      case CALL:
      case PCALL: {
        this.events(host);
        const args = reader.strings();
        let r: WireValue;
        try {
          r = host.call(args, kind === PCALL);
        } catch (e) {
          r = { err: `ERR internal error in fakeredis: ${e instanceof Error ? e.message : String(e)}` };
        }
        if (this.terminated) return undefined;
        this.post((w) => {
          w.u8(REPLY);
          w.value(r);
        });
        return undefined;
      }
      case DONE: {
        this.events(host);
        return this.finish({ r: reader.value() });
      }
      case TRAP: {
        // The worker stops after a trap: it is not given another script.
        const trap = this.text();
        this.terminate();
        return this.finish({ trap });
      }
      case FATAL: {
        const trap = this.text();
        this.terminate();
        return this.finish({ trap });
      }
      default:
        this.terminate();
        return this.finish({ trap: `unexpected message ${kind} from the Lua worker` });
    }
  }

  /** The redis.log and redis.setresp calls made since the worker's last message. */
  private events(host: ScriptHost): void {
    const reader = this.reader;
    for (let n = reader.u32(); n > 0; n--) {
      const type = reader.u8();
      if (type === E_LOG) {
        const level = reader.u32();
        host.log(level, reader.str());
      } else if (type === E_SETRESP) host.setResp(reader.u32());
    }
  }

  private finish(outcome: RunOutcome): RunOutcome {
    this.running = false;
    this.host = undefined;
    return outcome;
  }

  /** Stops the worker at once (a running script dies with it, its trap saying `reason`). */
  terminate(reason?: string): void {
    if (this.terminated) return;
    if (reason !== undefined) this.exitReason = reason;
    this.terminated = true;
    this.running = false;
    this.port.close();
    void this.worker.terminate();
  }
}

/** Atomics.waitAsync (Node 16+; in TypeScript's lib from ES2024). */
interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number, timeoutMs?: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** Idle workers, shared by every server of the process (an EVAL leaves no state in the engine; function libraries live on functions workers). */
const idle: LuaWorker[] = [];

/** A worker to run a script on: an idle one, or a new one (loaded synchronously). */
export function acquireWorker(): LuaWorker {
  for (;;) {
    const worker = idle.pop();
    if (worker === undefined) break;
    if (worker.alive) return worker;
  }
  const early = starting;
  starting = undefined;
  if (early !== undefined && early.alive) {
    early.ready();
    return early;
  }
  return new LuaWorker();
}

/** A worker started ahead of need (preloadLuaEngine), not yet waited for. */
let starting: LuaWorker | undefined;

/** Starts a worker in the background, unless one is idle or starting; resolves when it is loaded. */
export function startWorkerEarly(): Promise<void> {
  if (starting === undefined && !idle.some((w) => w.alive)) starting = new LuaWorker(false);
  return starting?.posted() ?? Promise.resolve();
}

/** Gives a worker back after a script. */
export function releaseWorker(worker: LuaWorker): void {
  if (worker.alive && !worker.running && !worker.functionsHome) idle.push(worker);
}

/**
 * Workers that keep function libraries (functions/engine.ts), apart from the pool so that
 * SCRIPT KILL of an EVAL never ends them (Redis keeps functions in a Lua state of their own).
 */
const homes: LuaWorker[] = [];

/** A functions worker free to run a function now: one that is, or a new one (from the pool). */
export function functionsWorker(): LuaWorker {
  for (let i = homes.length - 1; i >= 0; i--) {
    const worker = homes[i] as LuaWorker;
    if (!worker.alive) homes.splice(i, 1);
    else if (!worker.running) return worker;
  }
  const worker = acquireWorker();
  worker.functionsHome = true;
  homes.push(worker);
  return worker;
}

/** Stops every idle worker (they are unref'd, so a process exits without this). */
export function closeLuaWorkers(): void {
  starting?.terminate();
  starting = undefined;
  for (const worker of idle.splice(0)) worker.terminate();
  for (const worker of homes.filter((w) => !w.running)) {
    worker.terminate();
    homes.splice(homes.indexOf(worker), 1);
  }
}
