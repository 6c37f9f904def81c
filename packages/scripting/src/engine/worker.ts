import { createRequire } from 'node:module';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { WORKER_SOURCE } from './worker-source.js';
import type { WireValue } from './wire.js';

/** A message from the worker thread. */
export type WorkerMessage =
  | { t: 'ready' }
  | { t: 'fatal'; message: string }
  | { t: 'call' | 'pcall'; args: string[] }
  | { t: 'log'; level: number; message: string }
  | { t: 'setresp'; v: number }
  | { t: 'done'; r?: WireValue; trap?: string };

/** What a running script asks of the host; `call` answers redis.call / redis.pcall. */
export interface ScriptHost {
  call(args: string[], pcall: boolean): WireValue;
  log(level: number, message: string): void;
  setResp(version: number): void;
}

/** How a script ended: its value (wire form), or a trap of the engine. */
export type RunOutcome = { r?: WireValue; trap?: string };

/** Properties of the `redis` table the engine sets up (Redis 7.0's constants). */
const REDIS_PROPS = {
  REDIS_VERSION: { value: '7.0.15' },
  REDIS_VERSION_NUM: { value: 0x07000f },
  REPL_NONE: { value: 0 },
  REPL_AOF: { value: 1 },
  REPL_SLAVE: { value: 2 },
  REPL_REPLICA: { value: 2 },
  REPL_ALL: { value: 3 },
};

let enginePath: string | undefined;

/** lua-redis-wasm's CommonJS entry, which the worker requires. */
function resolveEngine(): string {
  if (enginePath === undefined) {
    const here = typeof __filename === 'string' ? __filename : import.meta.url;
    enginePath = createRequire(here).resolve('lua-redis-wasm');
  }
  return enginePath;
}

/** How long to wait for a new worker to load the engine before giving up. */
const START_TIMEOUT_MS = 30_000;

/**
 * One worker thread holding one Lua engine. The main thread runs a script on it and waits
 * synchronously (Atomics.wait), answering the script's redis.call requests as they come,
 * up to a time limit; past it the script goes on and `continueAsync` serves it from the
 * event loop. `terminate` ends it at once (SCRIPT KILL, a server closing).
 */
export class LuaWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private seen = 0;
  private host: ScriptHost | undefined;
  private terminated = false;
  /** A script is running (sync or async). */
  running = false;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, signal: this.signal.buffer, enginePath: resolveEngine(), redisProps: REDIS_PROPS },
      transferList: [port2],
    });
    this.worker.unref();
    this.port.unref();
    this.worker.on('error', () => (this.terminated = true));
    this.worker.on('exit', () => (this.terminated = true));
    const first = this.receive(START_TIMEOUT_MS);
    if (first === undefined || first.t !== 'ready') {
      this.terminate();
      throw new Error(`the Lua engine did not start${first?.t === 'fatal' ? `: ${first.message}` : ''}`);
    }
  }

  get alive(): boolean {
    return !this.terminated;
  }

  /** The next message, waiting up to `timeoutMs`; undefined on timeout. */
  private receive(timeoutMs: number): WorkerMessage | undefined {
    const until = performance.now() + timeoutMs;
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (m !== undefined) return m.message as WorkerMessage;
      const left = until - performance.now();
      if (left <= 0 || this.terminated) return undefined;
      Atomics.wait(this.signal, 0, this.seen, left);
      this.seen = Atomics.load(this.signal, 0);
    }
  }

  private send(message: unknown): void {
    this.port.postMessage(message);
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
    this.send({ t: 'run', script, keys, args, quietSetResp: true });
    const until = performance.now() + limitMs;
    for (;;) {
      const left = until - performance.now();
      const m = this.receive(Math.max(0, left));
      if (m === undefined) {
        if (this.terminated) return this.finish({ trap: 'the Lua worker exited' });
        return undefined;
      }
      const outcome = this.handle(m);
      if (outcome !== undefined) return outcome;
    }
  }

  /** Serves a script past its synchronous time from the event loop, then calls `done`. */
  continueAsync(done: (outcome: RunOutcome) => void): void {
    this.worker.ref();
    const pump = (): void => {
      if (this.terminated) return;
      const seen = Atomics.load(this.signal, 0);
      this.seen = seen;
      for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) {
        const outcome = this.handle(m.message as WorkerMessage);
        if (outcome !== undefined) {
          this.worker.unref();
          done(outcome);
          return;
        }
      }
      // A message posted since the counter was read makes the wait return at once.
      const waiter = (Atomics as unknown as AtomicsWaitAsync).waitAsync(this.signal, 0, seen);
      if (waiter.async) void waiter.value.then(pump);
      else setImmediate(pump);
    };
    pump();
  }

  /** Handles one message; the outcome when the script ended. */
  private handle(m: WorkerMessage): RunOutcome | undefined {
    const host = this.host as ScriptHost;
    switch (m.t) {
      case 'call':
      case 'pcall': {
        let r: WireValue;
        try {
          r = host.call(m.args, m.t === 'pcall');
        } catch (e) {
          r = { err: `ERR internal error in fakeredis: ${e instanceof Error ? e.message : String(e)}` };
        }
        this.send({ r });
        return undefined;
      }
      case 'log':
        host.log(m.level, m.message);
        return undefined;
      case 'setresp':
        host.setResp(m.v);
        return undefined;
      case 'done':
        return this.finish(m);
      case 'fatal':
        this.terminate();
        return this.finish({ trap: m.message });
      default:
        return undefined;
    }
  }

  private finish(outcome: RunOutcome): RunOutcome {
    this.running = false;
    this.host = undefined;
    return outcome;
  }

  /** Stops the worker at once (a running script dies with it). */
  terminate(): void {
    if (this.terminated) return;
    this.terminated = true;
    this.running = false;
    this.port.close();
    void this.worker.terminate();
  }
}

/** Atomics.waitAsync (Node 16+; in TypeScript's lib from ES2024). */
interface AtomicsWaitAsync {
  waitAsync(array: Int32Array, index: number, value: number): { async: false; value: string } | { async: true; value: Promise<string> };
}

/** Idle workers, shared by every server of the process (the engine keeps no state between scripts). */
const idle: LuaWorker[] = [];

/** A worker to run a script on: an idle one, or a new one (loaded synchronously). */
export function acquireWorker(): LuaWorker {
  for (;;) {
    const worker = idle.pop();
    if (worker === undefined) return new LuaWorker();
    if (worker.alive) return worker;
  }
}

/** Gives a worker back after a script. */
export function releaseWorker(worker: LuaWorker): void {
  if (worker.alive && !worker.running) idle.push(worker);
}

/** Stops every idle worker (they are unref'd, so a process exits without this). */
export function closeLuaWorkers(): void {
  for (const worker of idle.splice(0)) worker.terminate();
}
