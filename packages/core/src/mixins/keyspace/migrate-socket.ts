import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { Bytes } from '../../bytes.js';
import { defineModuleState, type FakeServer } from '../../server.js';
import { findInProcessServer } from '../../server-directory.js';
import { connectPeer, type ServerConnection } from '../../transport/stream.js';

/**
 * MIGRATE's connections to target instances (cluster.c's migrateGetSocket and friends):
 * cached per "host:port" as the command spelled them, 64 at most (a random one dropped
 * for a new one), closed by the cron once unused for more than 10 s. A target that a
 * client flavour's registry knows in this process is reached in memory (its commands run
 * at once); any other through a TCP socket that a worker thread holds, so that a client
 * can wait for it without stopping the process, or the process can wait for it
 * synchronously (Atomics.wait) where the command cannot wait (MULTI, scripts, the direct
 * API), as redis-server waits.
 */

/** What one exchange with the target found: the reply lines read before anything failed. */
export interface ExchangeResult {
  /** The address could not be resolved: nothing was connected (migrateGetSocket's error). */
  readonly lookupFailed?: boolean;
  readonly writeFailed?: boolean;
  readonly readFailed?: boolean;
  /** The failure was a timeout (errno ETIMEDOUT: MIGRATE does not retry). */
  readonly timedOut?: boolean;
  readonly lines: readonly string[];
}

/** A connection to a target: sends bytes, then reads `lines` reply lines as syncReadLine does. */
interface MigrateChannel {
  exchange(data: Buffer, lines: number, timeout: number, sync: boolean, done: (result: ExchangeResult) => void): void;
  close(): void;
}

/** A cached connection (migrateCachedSocket). */
export interface CachedSocket {
  readonly name: Bytes;
  /** The database the target connection has selected; -1 when unknown. */
  lastDbid: number;
  /** Last use, in whole seconds of the server clock (server.unixtime). */
  lastUseTime: number;
  readonly channel: MigrateChannel;
  /** In the cache (a connection opened beside a busy one is not). */
  readonly cached: boolean;
  /** A MIGRATE waits for its replies: another (the direct API's) must not read them. */
  busy: boolean;
}

const CACHE_ITEMS = 64;
const CACHE_TTL_SECONDS = 10;

interface MigrateState {
  readonly sockets: Map<Bytes, CachedSocket>;
  cron: { stopTicking: () => void; timer: ReturnType<typeof setInterval> } | undefined;
}

const MIGRATE_STATE = defineModuleState<MigrateState>('migrate', (server) => {
  const state: MigrateState = { sockets: new Map(), cron: undefined };
  server.onClose(() => {
    for (const cs of state.sockets.values()) cs.channel.close();
    state.sockets.clear();
    stopCron(state);
  });
  return state;
});

/** INFO's migrate_cached_sockets. */
export function migrateCachedSockets(server: FakeServer): number {
  return server.moduleState(MIGRATE_STATE).sockets.size;
}

/**
 * migrateGetSocket: the cached connection to host:port, or a new one (undefined when the
 * port cannot name one: atoi gives a negative number, which getaddrinfo refuses).
 */
export function migrateGetSocket(server: FakeServer, host: Bytes, port: Bytes): CachedSocket | undefined {
  const state = server.moduleState(MIGRATE_STATE);
  const name = `${host}:${port}` as Bytes;
  const unixtime = Math.floor(server.clock.now() / 1000);
  const cached = state.sockets.get(name);
  if (cached !== undefined) {
    cached.lastUseTime = unixtime;
    if (!cached.busy) return cached;
  }
  // anetTcpGenericConnect prints the port into a 6-byte buffer: 5 digits at most.
  const portNumber = atoi(port);
  if (portNumber < 0 || host.length === 0) return undefined;
  // Only the direct API runs while a MIGRATE waits: its connection is its own, uncached.
  const cache = cached === undefined;
  if (cache && state.sockets.size === CACHE_ITEMS) {
    const all = [...state.sockets.values()];
    migrateCloseSocket(server, all[Math.floor(server.random.next() * all.length)] as CachedSocket);
  }
  // getaddrinfo then keeps 16 bits of the number: 73348 is port 7812, 138884 is "13888".
  const tcpPort = Number(String(portNumber).slice(0, 5)) & 0xffff;
  const target = findInProcessServer(host, tcpPort);
  const channel = target !== undefined ? new MemoryChannel(server, target, host, tcpPort) : new TcpChannel(host, tcpPort);
  const cs: CachedSocket = { name, lastDbid: -1, lastUseTime: unixtime, channel, cached: cache, busy: false };
  if (cache) {
    state.sockets.set(name, cs);
    startCron(server, state);
  }
  return cs;
}

/** migrateCloseSocket: closes the connection and forgets it (idempotent). */
export function migrateCloseSocket(server: FakeServer, cs: CachedSocket): void {
  cs.channel.close();
  const state = server.moduleState(MIGRATE_STATE);
  if (state.sockets.get(cs.name) !== cs) return;
  state.sockets.delete(cs.name);
  if (state.sockets.size === 0) stopCron(state);
}

/** migrateCloseTimedoutSockets (serverCron, once a second): connections unused for more than 10 s. */
function closeTimedOutSockets(server: FakeServer, state: MigrateState): void {
  const unixtime = Math.floor(server.clock.now() / 1000);
  for (const cs of [...state.sockets.values()]) {
    if (unixtime - cs.lastUseTime > CACHE_TTL_SECONDS && !cs.busy) migrateCloseSocket(server, cs);
  }
}

/** The cron runs while connections are cached: every second, and on every tick of a clock driven by hand. */
function startCron(server: FakeServer, state: MigrateState): void {
  if (state.cron !== undefined || server.closed) return;
  const run = () => closeTimedOutSockets(server, state);
  const timer = setInterval(run, 1000);
  timer.unref?.();
  state.cron = { stopTicking: server.clock.onTick(run), timer };
}

function stopCron(state: MigrateState): void {
  if (state.cron === undefined) return;
  state.cron.stopTicking();
  clearInterval(state.cron.timer);
  state.cron = undefined;
}

/** C's atoi (strtol cast to int): leading blanks, a sign, digits; saturating, then 32 bits kept. */
function atoi(text: Bytes): number {
  const match = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(text);
  if (match === null) return 0;
  let n = BigInt(match[1] as string);
  const LONG_MAX = 2n ** 63n - 1n;
  if (n > LONG_MAX) n = LONG_MAX;
  if (n < -LONG_MAX - 1n) n = -LONG_MAX - 1n;
  return Number(BigInt.asIntN(32, n));
}

/**
 * syncReadLine on buffered bytes: a line up to '\n' (its '\r' dropped), at most 1023
 * bytes (a longer one is cut there, the rest is the next line). Undefined when no line is
 * complete; `null` for an empty line, which Redis reads as a failure (nread 0).
 */
export function takeLine(input: { data: Buffer }): string | null | undefined {
  const data = input.data;
  const nl = data.indexOf(10);
  if (nl >= 0 && nl < 1023) {
    input.data = data.subarray(nl + 1);
    if (nl === 0) return null;
    return data.toString('latin1', 0, data[nl - 1] === 13 ? nl - 1 : nl);
  }
  if (data.length >= 1023) {
    input.data = data.subarray(1023);
    return data.toString('latin1', 0, 1023);
  }
  return undefined;
}

let nextLocalPort = 40000 + Math.floor(Math.random() * 20000);

/**
 * A target in this process: a client connection of that server, fed directly. Its replies
 * come while the bytes are taken; a target that does not answer (paused, busy, this very
 * server) is a read timeout at once, where Redis would wait for the timeout.
 */
class MemoryChannel implements MigrateChannel {
  private readonly connection: ServerConnection | undefined;
  private readonly input: { data: Buffer } = { data: Buffer.alloc(0) };
  private ended = false;

  constructor(
    private readonly source: FakeServer,
    private readonly target: FakeServer,
    host: Bytes,
    port: number,
  ) {
    if (target === source) return;
    const ip = /^[0-9.]+$/.test(host) || host.includes(':') ? host : '127.0.0.1';
    nextLocalPort = nextLocalPort >= 60999 ? 32768 : nextLocalPort + 1;
    const remote = ip.includes(':') ? `[${ip}]:${nextLocalPort}` : `${ip}:${nextLocalPort}`;
    const local = ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
    this.connection = connectPeer(target, {
      write: (bytes) => {
        this.input.data = this.input.data.length === 0 ? bytes : Buffer.concat([this.input.data, bytes]);
      },
      close: () => {
        this.ended = true;
      },
      pendingBytes: 0,
      remoteAddress: remote,
      localAddress: local,
    });
  }

  exchange(data: Buffer, lines: number, _timeout: number, _sync: boolean, done: (result: ExchangeResult) => void): void {
    const connection = this.connection;
    if (connection === undefined || this.target.closed) {
      done({ readFailed: true, timedOut: connection === undefined, lines: [] });
      return;
    }
    if (!this.ended) connection.receive(data);
    const read: string[] = [];
    while (read.length < lines) {
      const line = takeLine(this.input);
      if (typeof line !== 'string') {
        // Nothing more will come now: a closed connection fails, a silent one times out.
        done({ readFailed: true, timedOut: line === undefined && !this.ended, lines: read });
        return;
      }
      read.push(line);
    }
    done({ lines: read });
  }

  close(): void {
    if (this.connection !== undefined && !this.ended) {
      this.ended = true;
      this.connection.disconnected();
    }
  }
}

/** A target over TCP: the socket lives in the I/O worker under this channel's id. */
class TcpChannel implements MigrateChannel {
  private static nextId = 1;
  private readonly id = TcpChannel.nextId++;

  constructor(
    private readonly host: string,
    private readonly port: number,
  ) {}

  exchange(data: Buffer, lines: number, timeout: number, sync: boolean, done: (result: ExchangeResult) => void): void {
    migrateIo().exchange({ id: this.id, host: this.host, port: this.port, timeout, data, lines }, sync, done);
  }

  close(): void {
    existingIo?.close(this.id);
  }
}

interface ExchangeRequest {
  readonly id: number;
  readonly host: string;
  readonly port: number;
  readonly timeout: number;
  readonly data: Buffer;
  readonly lines: number;
}

/**
 * The worker's side: sockets by channel id; an exchange connects when needed (a failed
 * or timed-out connect is a failed write, as connBlockingConnect lets it be), writes in
 * 64 KiB pieces, each within the timeout, then reads lines, each byte within the timeout.
 */
const WORKER_SOURCE = `
'use strict';
const { workerData } = require('node:worker_threads');
const net = require('node:net');
const port = workerData.port;
const sockets = new Map();

function open(host, portNumber, timeout) {
  return new Promise((resolve) => {
    const conn = { socket: undefined, data: Buffer.alloc(0), ended: false, failed: false, timedOut: false, waiter: undefined };
    let settled = false;
    let timer;
    const settle = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    let socket;
    try {
      socket = net.connect({ host, port: portNumber, noDelay: true });
    } catch (e) {
      conn.failed = true;
      resolve({ conn });
      return;
    }
    conn.socket = socket;
    timer = setTimeout(() => {
      conn.failed = true;
      conn.timedOut = true;
      socket.destroy();
      settle({ conn });
    }, timeout);
    socket.on('connect', () => settle({ conn }));
    socket.on('error', (e) => {
      conn.ended = true;
      if (conn.waiter) conn.waiter();
      if (e && (e.syscall === 'getaddrinfo' || e.code === 'ENOTFOUND' || e.code === 'EAI_AGAIN')) settle({ lookupFailed: true });
      else {
        conn.failed = true;
        settle({ conn });
      }
    });
    socket.on('data', (d) => {
      conn.data = conn.data.length === 0 ? d : Buffer.concat([conn.data, d]);
      if (conn.waiter) conn.waiter();
    });
    socket.on('close', () => {
      conn.ended = true;
      if (conn.waiter) conn.waiter();
    });
  });
}

function write(conn, chunk, timeout) {
  return new Promise((resolve) => {
    if (conn.ended || conn.socket.destroyed) return resolve('error');
    const timer = setTimeout(() => resolve('timeout'), timeout);
    conn.socket.write(chunk, (err) => {
      clearTimeout(timer);
      resolve(err ? 'error' : true);
    });
  });
}

function takeLine(conn) {
  const data = conn.data;
  const nl = data.indexOf(10);
  if (nl >= 0 && nl < 1023) {
    conn.data = data.subarray(nl + 1);
    if (nl === 0) return null;
    return data.toString('latin1', 0, data[nl - 1] === 13 ? nl - 1 : nl);
  }
  if (data.length >= 1023) {
    conn.data = data.subarray(1023);
    return data.toString('latin1', 0, 1023);
  }
  return undefined;
}

function readLine(conn, timeout) {
  return new Promise((resolve) => {
    let timer;
    const attempt = () => {
      const line = takeLine(conn);
      if (typeof line === 'string') return finish(line);
      if (line === null || conn.ended) return finish('error');
      clearTimeout(timer);
      timer = setTimeout(() => finish('timeout'), timeout);
    };
    const finish = (value) => {
      clearTimeout(timer);
      conn.waiter = undefined;
      resolve(value === 'error' || value === 'timeout' ? { failed: value } : { line: value });
    };
    conn.waiter = attempt;
    attempt();
  });
}

async function exchange(msg) {
  let conn = sockets.get(msg.id);
  if (conn === undefined) {
    const opened = await open(msg.host, msg.port, msg.timeout);
    if (opened.lookupFailed) return { lookupFailed: true, lines: [] };
    conn = opened.conn;
    sockets.set(msg.id, conn);
  }
  if (conn.failed) return { writeFailed: true, timedOut: conn.timedOut, lines: [] };
  const data = Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
  for (let pos = 0; pos < data.length; pos += 65536) {
    const written = await write(conn, data.subarray(pos, pos + 65536), msg.timeout);
    if (written !== true) return { writeFailed: true, timedOut: written === 'timeout', lines: [] };
  }
  const lines = [];
  for (let i = 0; i < msg.lines; i++) {
    const read = await readLine(conn, msg.timeout);
    if (read.failed) return { readFailed: true, timedOut: read.failed === 'timeout', lines };
    lines.push(read.line);
  }
  return { lines };
}

port.on('message', (msg) => {
  if (msg.op === 'close') {
    const conn = sockets.get(msg.id);
    sockets.delete(msg.id);
    if (conn && conn.socket) conn.socket.destroy();
    return;
  }
  exchange(msg).then(
    (result) => result,
    () => ({ readFailed: true, lines: [] }),
  ).then((result) => {
    result.seq = msg.seq;
    port.postMessage(result);
    if (msg.signal) {
      Atomics.store(msg.signal, 0, 1);
      Atomics.notify(msg.signal, 0);
    }
  });
});
`;

type WorkerResult = ExchangeResult & { seq: number };

/** The process's one I/O worker (started on the first TCP exchange, unref'd while idle). */
class MigrateIo {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private nextSeq = 1;
  private readonly pending = new Map<number, (result: ExchangeResult) => void>();
  private dead = false;

  constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [], workerData: { port: port2 }, transferList: [port2] });
    this.worker.unref();
    this.port.unref();
    this.port.on('message', (message: WorkerResult) => this.settle(message));
    const fail = () => {
      this.dead = true;
      for (const [seq, done] of this.pending) {
        this.pending.delete(seq);
        done({ readFailed: true, lines: [] });
      }
      if (existingIo === this) existingIo = undefined;
    };
    this.worker.on('error', fail);
    this.worker.on('exit', fail);
  }

  exchange(request: ExchangeRequest, sync: boolean, done: (result: ExchangeResult) => void): void {
    if (this.dead) {
      done({ readFailed: true, lines: [] });
      return;
    }
    const seq = this.nextSeq++;
    const data = new Uint8Array(request.data);
    if (!sync) {
      this.pending.set(seq, done);
      // A client waiting for the target keeps the process alive, as its socket would.
      this.port.ref();
      this.port.postMessage({ ...request, data, seq });
      return;
    }
    let result: ExchangeResult | undefined;
    this.pending.set(seq, (r) => (result = r));
    const signal = new Int32Array(new SharedArrayBuffer(4));
    this.port.postMessage({ ...request, data, seq, signal });
    // Every step has its own timeout (connect, each 64 KiB written, each byte read); the
    // worker answers within their sum. The margin covers the worker's start.
    const steps = 2 + Math.ceil(request.data.length / 65536) + request.lines;
    Atomics.wait(signal, 0, 0, Math.min(request.timeout * steps + 10_000, 2 ** 31 - 1));
    // Messages taken here that answer other exchanges are settled after this command.
    for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) {
      const message = m.message as WorkerResult;
      if (message.seq === seq) this.settle(message);
      else setImmediate(() => this.settle(message));
    }
    if (result === undefined) {
      this.pending.delete(seq);
      result = { readFailed: true, timedOut: true, lines: [] };
    }
    done(result);
  }

  close(id: number): void {
    if (!this.dead) this.port.postMessage({ op: 'close', id });
  }

  private settle(message: WorkerResult): void {
    const done = this.pending.get(message.seq);
    if (done === undefined) return;
    this.pending.delete(message.seq);
    if (this.pending.size === 0) this.port.unref();
    done(message);
  }
}

let existingIo: MigrateIo | undefined;

function migrateIo(): MigrateIo {
  existingIo ??= new MigrateIo();
  return existingIo;
}
