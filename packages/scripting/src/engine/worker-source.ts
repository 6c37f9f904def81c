import { LINK_STORE_SOURCE } from './store.js';

/**
 * The code of the Lua worker thread, run with `new Worker(code, { eval: true })` so the
 * package ships no separate worker file (it works the same from the sources, the ESM and
 * the CJS build). It loads lua-redis-wasm (its path comes in `workerData`), runs the main
 * thread's scripts one at a time, and turns each `redis.call` / `redis.pcall` into a
 * synchronous request to the main thread.
 *
 * The channel (see channel.ts for the layout and the message formats) is a
 * SharedArrayBuffer: two counters, then one data area that the two threads use in turn
 * (the protocol is strict ping-pong: a message always answers the other side's last
 * one). A side writes its message into the area, bumps its counter and notifies it; the
 * other side sleeps on the counter with Atomics.wait (worker.ts says why it does not
 * poll). A message larger than the area is encoded into its own buffer, transferred over
 * the MessagePort, and announced in the area by a PORT message. Counter 0 counts messages to the main
 * thread, counter 1 messages to the worker.
 *
 * Strings cross as raw bytes; the engine gets views of the shared area (it copies what it
 * is given before anything else is written there). `redis.log` and `redis.setresp` are
 * not messages of their own: they ride on the next call or result, which keeps the
 * protocol ping-pong and saves a wake-up.
 *
 * Scripts are cached here by the id the main thread gives them, so a cached EVALSHA sends
 * no script text.
 */
export const WORKER_SOURCE = String.raw`
'use strict';
const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const { port, shared, enginePath } = workerData;
const sig = new Int32Array(shared, 0, 4);
const area = Buffer.from(shared, 16, shared.byteLength - 16);

// Message kinds (channel.ts).
const READY = 1, CALL = 2, PCALL = 3, DONE = 4, TRAP = 5, FATAL = 6, PORT = 7, RUN = 8, REPLY = 9, EXIT = 10;
// Value tags (channel.ts).
const T_NULL = 0, T_NUMBER = 1, T_BIGINT = 2, T_BULK = 3, T_STATUS = 4, T_ERROR = 5, T_ARRAY = 6, T_DOUBLE = 7,
  T_MAP = 8, T_SET = 9, T_BIG_NUMBER = 10, T_VERBATIM = 11, T_TRUE = 12, T_FALSE = 13, T_ABORT = 14;
// Events that ride on the next message.
const E_LOG = 1, E_SETRESP = 2;

let seen = 0;

// ---- writing ----
const OVERFLOW = { overflow: true };
let out = area;
let pos = 0;
let growable = false;

function ensure(n) {
  if (pos + n <= out.length) return;
  if (!growable) throw OVERFLOW;
  const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, pos + n));
  out.copy(bigger, 0, 0, pos);
  out = bigger;
}
function u8(v) { ensure(1); out[pos++] = v; }
function u32(v) { ensure(4); out.writeUInt32LE(v, pos); pos += 4; }
function bytes(b) { const n = b.length; ensure(4 + n); out.writeUInt32LE(n, pos); pos += 4; if (n > 0) { out.set(b, pos); pos += n; } }
function latin1(s) { const n = s.length; ensure(4 + n); out.writeUInt32LE(n, pos); pos += 4; if (n > 0) pos += out.latin1Write(s, pos, n); }

/** Encodes a message with write(), in the shared area or, when it does not fit, over the port. */
function post(write) {
  out = area; pos = 0; growable = false;
  try {
    write();
  } catch (e) {
    if (e !== OVERFLOW) throw e;
    out = Buffer.allocUnsafe(area.length * 2); pos = 0; growable = true;
    write();
    const ab = out.buffer.slice(out.byteOffset, out.byteOffset + pos);
    port.postMessage(ab, [ab]);
    area[0] = PORT;
  }
  out = area;
  Atomics.add(sig, 0, 1);
  Atomics.notify(sig, 0);
}

const events = [];
function writeEvents() {
  u32(events.length);
  for (const e of events) {
    u8(e[0]);
    if (e[0] === E_LOG) { u32(e[1]); bytes(e[2]); } else u32(e[1]);
  }
  events.length = 0;
}

// An engine value (Buffers, ReplyValue) as a tagged value.
function value(v) {
  if (v === null || v === undefined) return u8(T_NULL);
  switch (typeof v) {
    case 'number': ensure(9); out[pos++] = T_NUMBER; out.writeDoubleLE(v, pos); pos += 8; return;
    case 'bigint': ensure(9); out[pos++] = T_BIGINT; out.writeBigInt64LE(BigInt.asIntN(64, v), pos); pos += 8; return;
    case 'boolean': return u8(v ? T_TRUE : T_FALSE);
    case 'string': u8(T_BULK); return bytes(Buffer.from(v, 'utf8'));
  }
  if (v instanceof Uint8Array) { u8(T_BULK); return bytes(v); }
  if (Array.isArray(v)) { u8(T_ARRAY); u32(v.length); for (const x of v) value(x); return; }
  if (v.err !== undefined) {
    if (v.meta === undefined && v.code === undefined) { u8(T_ERROR); return bytes(v.err); }
    // An error with a code or the engine's meta (a script that aborted).
    u8(T_ABORT); bytes(v.err);
    if (v.code !== undefined) { u8(1); bytes(v.code); } else u8(0);
    const meta = v.meta;
    if (meta === undefined) return u8(0);
    u8(1); u32(meta.line | 0); latin1(String(meta.sha === undefined ? '' : meta.sha));
    if (meta.kind !== undefined) { u8(1); latin1(String(meta.kind)); } else u8(0);
    if (meta.name !== undefined) { u8(1); latin1(String(meta.name)); } else u8(0);
    return;
  }
  if (v.ok !== undefined) { u8(T_STATUS); return bytes(v.ok); }
  if (v.double !== undefined) { ensure(9); out[pos++] = T_DOUBLE; out.writeDoubleLE(v.double, pos); pos += 8; return; }
  if (v.map !== undefined) { u8(T_MAP); u32(v.map.length); for (const [a, b] of v.map) { value(a); value(b); } return; }
  if (v.set !== undefined) { u8(T_SET); u32(v.set.length); for (const x of v.set) value(x); return; }
  if (v.big_number !== undefined) { u8(T_BIG_NUMBER); return bytes(v.big_number); }
  if (v.verbatim_string !== undefined) { u8(T_VERBATIM); bytes(v.verbatim_string.format); return bytes(v.verbatim_string.string); }
  u8(T_NULL);
}

// ---- reading ----
let inp = area;
let at = 0;

function r8() { return inp[at++]; }
function r32() { const v = inp.readUInt32LE(at); at += 4; return v; }
/** A view of the next bytes (valid until the next message is read). */
function rview() { const n = r32(); const b = inp.subarray(at, at + n); at += n; return b; }

// A tagged value as an engine ReplyValue (Buffers are views of the message).
function read() {
  const t = inp[at++];
  switch (t) {
    case T_NULL: return null;
    case T_NUMBER: { const v = inp.readDoubleLE(at); at += 8; return v; }
    case T_BIGINT: { const v = inp.readBigInt64LE(at); at += 8; return v; }
    case T_BULK: return rview();
    case T_STATUS: return { ok: rview() };
    case T_ERROR: return { err: rview() };
    case T_ARRAY: { const n = r32(); const a = new Array(n); for (let i = 0; i < n; i++) a[i] = read(); return a; }
    case T_DOUBLE: { const v = inp.readDoubleLE(at); at += 8; return { double: v }; }
    case T_MAP: { const n = r32(); const m = new Array(n); for (let i = 0; i < n; i++) { const k = read(); m[i] = [k, read()]; } return { map: m }; }
    case T_SET: { const n = r32(); const a = new Array(n); for (let i = 0; i < n; i++) a[i] = read(); return { set: a }; }
    case T_BIG_NUMBER: return { big_number: rview() };
    case T_VERBATIM: { const format = rview(); return { verbatim_string: { format, string: rview() } }; }
    case T_TRUE: return true;
    case T_FALSE: return false;
  }
  throw new Error('bad value tag ' + t);
}

/** Waits for the main thread's next message; returns its kind (the reader is at its body). */
function receive() {
  while (Atomics.load(sig, 1) === seen) Atomics.wait(sig, 1, seen);
  seen++;
  inp = area; at = 0;
  let kind = r8();
  if (kind === PORT) {
    const m = receiveMessageOnPort(port);
    inp = Buffer.from(m.message); at = 0;
    kind = r8();
  }
  return kind;
}

function sendText(kind, text) {
  post(() => { u8(kind); latin1(Buffer.from(String(text), 'utf8').toString('latin1')); });
}

// ---- the engine ----
let engine;

/**
 * engine.evalWithArgs for arguments already in the engine's format (RUN's blob), and
 * without the SHA-1 of the script it computes in JavaScript on every run for error
 * metadata the host does not read (0.2 ms for a 20 KB script). It uses lua-redis-wasm
 * 1.5's internals when they are there, else evalWithArgs.
 */
function evalRaw(script, blob, keyCount) {
  const ex = engine.exports;
  if (typeof engine.callEvalWithArgs === 'function' && typeof engine.decodeResult === 'function' && ex && typeof ex._alloc === 'function') {
    const scriptPtr = ex._alloc(script.length);
    const argsPtr = ex._alloc(blob.length);
    ex.HEAPU8.set(script, scriptPtr);
    ex.HEAPU8.set(blob, argsPtr);
    const result = engine.callEvalWithArgs(scriptPtr, script.length, argsPtr, blob.length, keyCount);
    ex._free_mem(scriptPtr);
    ex._free_mem(argsPtr);
    return engine.decodeResult(result, '');
  }
  const list = [];
  for (let n = blob.readUInt32LE(0), p = 4; n > 0; n--) {
    const len = blob.readUInt32LE(p);
    list.push(blob.subarray(p + 4, p + 4 + len));
    p += 4 + len;
  }
  return engine.evalWithArgs(script, list.slice(0, keyCount), list.slice(keyCount));
}
let ignoreSetResp = 0;
const scripts = new Map();

async function createEngine() {
  const { load } = require(enginePath);
  const mod = await load({ profile: 'redis-7.0', limits: { maxFuel: 4294967295 }, redisProps: workerData.redisProps });
  const call = (args, kind) => {
    post(() => {
      u8(kind);
      writeEvents();
      u32(args.length);
      for (const a of args) bytes(a);
    });
    const k = receive();
    if (k !== REPLY) throw new Error('unexpected message ' + k);
    return read();
  };
  engine = mod.create({
    redisCall: (args) => call(args, CALL),
    redisPcall: (args) => call(args, PCALL),
    log: (level, message) => { events.push([E_LOG, level, Buffer.from(message)]); },
    onSetResp: (v) => { if (ignoreSetResp > 0) ignoreSetResp--; else events.push([E_SETRESP, v]); },
  });
}

// The function libraries' store (store.ts).
${LINK_STORE_SOURCE}

(async () => {
  try {
    await createEngine();
  } catch (e) {
    sendText(FATAL, e && e.stack || e);
    return;
  }
  // The engine's WebAssembly functions compile on their first call: do that before the first script.
  try { engine.evalWithArgs(Buffer.from(workerData.warmUp, 'latin1'), [], []); } catch {}
  const store = linkLibraryStore(engine, workerData.store);
  post(() => { u8(READY); u8(store ? 1 : 0); });
  for (;;) {
    const kind = receive();
    if (kind === EXIT) break;
    if (kind !== RUN) continue;
    // RUN: flags, script id, [script], keys, args.
    const flags = r8();
    ignoreSetResp = flags & 1 ? 1 : 0;
    if (flags & 4) scripts.clear();
    const id = r32();
    if (flags & 2) scripts.set(id, Buffer.from(rview()));
    const script = scripts.get(id);
    const keyCount = r32();
    const blob = rview();
    let result;
    try {
      if (script === undefined) throw new Error('unknown script id ' + id);
      result = evalRaw(script, blob, keyCount);
    } catch (e) {
      // A trap inside the WebAssembly (or a host bug) leaves the engine unusable: report it
      // and stop; the main thread discards this worker.
      events.length = 0;
      sendText(TRAP, e && e.message || e);
      break;
    }
    post(() => { u8(DONE); writeEvents(); value(result); });
  }
  port.close();
})();
`;
