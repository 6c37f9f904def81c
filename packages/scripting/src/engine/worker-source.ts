/**
 * The code of the Lua worker thread, run with `new Worker(code, { eval: true })` so the
 * package ships no separate worker file (it works the same from the sources, the ESM and
 * the CJS build). It loads lua-redis-wasm (its path comes in `workerData`), answers the
 * main thread's `run` requests one at a time, and turns each `redis.call` / `redis.pcall`
 * into a synchronous request to the main thread.
 *
 * The channel: messages go over a MessagePort (structured clone), and each side bumps its
 * own counter in a SharedArrayBuffer and notifies it after posting, so the other side can
 * wait with Atomics.wait and take the message with receiveMessageOnPort, synchronously.
 * Counter 0 counts messages to the main thread, counter 1 messages to the worker.
 *
 * Bulk strings cross the channel as latin1 JS strings (one char per byte, as the engine's
 * Bytes); the worker turns them into Buffers for the engine and back.
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { port, signal, enginePath } = workerData;
const sig = new Int32Array(signal);
let seen = 0;

function send(message) {
  port.postMessage(message);
  Atomics.add(sig, 0, 1);
  Atomics.notify(sig, 0);
}

function receive() {
  for (;;) {
    const m = receiveMessageOnPort(port);
    if (m !== undefined) return m.message;
    Atomics.wait(sig, 1, seen);
    seen = Atomics.load(sig, 1);
  }
}

// Wire (strings) -> engine (Buffers).
function toEngine(v) {
  if (typeof v === 'string') return Buffer.from(v, 'latin1');
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toEngine);
  if ('ok' in v) return { ok: Buffer.from(v.ok, 'latin1') };
  if ('err' in v) return { err: Buffer.from(v.err, 'latin1') };
  if ('double' in v) return v;
  if ('map' in v) return { map: v.map.map(([k, x]) => [toEngine(k), toEngine(x)]) };
  if ('set' in v) return { set: v.set.map(toEngine) };
  if ('big_number' in v) return { big_number: Buffer.from(v.big_number, 'latin1') };
  if ('verbatim_string' in v) return { verbatim_string: { format: Buffer.from(v.verbatim_string.format, 'latin1'), string: Buffer.from(v.verbatim_string.string, 'latin1') } };
  return v;
}

// Engine (Buffers) -> wire (strings).
function fromEngine(v) {
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.length).toString('latin1');
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(fromEngine);
  const out = {};
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (k === 'map') out.map = x.map(([a, b]) => [fromEngine(a), fromEngine(b)]);
    else if (k === 'set') out.set = x.map(fromEngine);
    else if (k === 'meta' || k === 'double') out[k] = x;
    else if (k === 'verbatim_string') out[k] = { format: fromEngine(x.format), string: fromEngine(x.string) };
    else out[k] = fromEngine(x);
  }
  return out;
}

let engine;
let ignoreSetResp = 0;

async function createEngine() {
  const { load } = require(enginePath);
  const mod = await load({ profile: 'redis-7.0', limits: { maxFuel: 4294967295 }, redisProps: workerData.redisProps });
  const call = (args, kind) => {
    send({ t: kind, args: args.map((b) => Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1')) });
    const m = receive();
    return toEngine(m.r);
  };
  engine = mod.create({
    redisCall: (args) => call(args, 'call'),
    redisPcall: (args) => call(args, 'pcall'),
    log: (level, message) => send({ t: 'log', level, message: Buffer.from(message).toString('latin1') }),
    onSetResp: (v) => { if (ignoreSetResp > 0) ignoreSetResp--; else send({ t: 'setresp', v }); },
  });
}

(async () => {
  try {
    await createEngine();
  } catch (e) {
    send({ t: 'fatal', message: String(e && e.stack || e) });
    return;
  }
  send({ t: 'ready' });
  for (;;) {
    const m = receive();
    if (m.t === 'exit') break;
    if (m.t !== 'run') continue;
    let result;
    let trapped = false;
    try {
      ignoreSetResp = m.quietSetResp ? 1 : 0;
      const keys = m.keys.map((s) => Buffer.from(s, 'latin1'));
      const args = m.args.map((s) => Buffer.from(s, 'latin1'));
      result = { t: 'done', r: fromEngine(engine.evalWithArgs(Buffer.from(m.script, 'latin1'), keys, args)) };
    } catch (e) {
      // A trap inside the WebAssembly (or a host bug) leaves the engine unusable: make a new one.
      trapped = true;
      result = { t: 'done', trap: String(e && e.message || e) };
    }
    send(result);
    if (trapped) {
      try { await createEngine(); } catch (e) { send({ t: 'fatal', message: String(e && e.stack || e) }); return; }
    }
  }
  port.close();
})();
`;
