import { connect, type Socket } from 'node:net';
import type { FakeServer } from '@fakeredis/core';
import { encodeCommand, type Wire, WireReader } from './wire.js';

export type Arg = string | Buffer | number;

/**
 * One client connection that sends commands and reads typed replies, over any byte
 * transport: a TCP socket to the real server, or the fake's in-memory transport.
 */
export class WireConnection {
  private readonly reader = new WireReader();
  private readonly waiting: Array<{ resolve: (w: Wire) => void; count: number; got: Wire[] }> = [];
  /** Replies that arrived with no request waiting (pub/sub messages, pushes). */
  readonly unsolicited: Wire[] = [];
  closed = false;

  constructor(private readonly write: (bytes: Buffer) => void) {}

  receive(chunk: Buffer): void {
    for (const wire of this.reader.feed(chunk)) {
      if (wire.t === 'invalid') {
        // Nothing after it can be framed: every request still waiting gets it as its reply.
        const waiters = this.waiting.splice(0);
        if (waiters.length === 0) this.unsolicited.push(wire);
        for (const waiter of waiters) waiter.resolve(wire);
        return;
      }
      const waiter = this.waiting[0];
      if (wire.t === 'push' && !(waiter && waiter.count > 1)) {
        // RESP3 out-of-band data: a push is a reply only for (un)subscribe confirmations.
        const kind = wire.v[0]?.t === 'bulk' ? wire.v[0].v.toLowerCase() : '';
        if (!waiter || !/subscribe$/.test(kind)) {
          this.unsolicited.push(wire);
          continue;
        }
      }
      if (!waiter) {
        this.unsolicited.push(wire);
        continue;
      }
      waiter.got.push(wire);
      if (waiter.got.length === waiter.count) {
        this.waiting.shift();
        waiter.resolve(waiter.got.length === 1 ? (waiter.got[0] as Wire) : { t: 'array', v: waiter.got });
      }
    }
  }

  /**
   * Sends a command; resolves with its reply (or, when `replies` > 1, an array of the
   * replies it produced, as SUBSCRIBE a b does).
   */
  send(args: Arg[], replies = 1): Promise<Wire> {
    return new Promise((resolve) => {
      // A closed connection answers at once, on either side (the fake's transport stays silent).
      if (this.closed) return resolve({ t: 'error', v: '<connection closed>' });
      if (replies > 0) this.waiting.push({ resolve, count: replies, got: [] });
      this.write(encodeCommand(args));
      if (replies === 0) resolve({ t: 'null' });
    });
  }

  /** Sends raw bytes (malformed protocol scenarios). */
  sendRaw(bytes: Buffer, replies = 1): Promise<Wire> {
    return new Promise((resolve) => {
      if (replies > 0) this.waiting.push({ resolve, count: replies, got: [] });
      this.write(bytes);
    });
  }

  markClosed(): void {
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.resolve({ t: 'error', v: '<connection closed>' });
  }
}

/** A connection to a real server over TCP. */
export function connectReal(port: number): Promise<{ conn: WireConnection; close: () => void }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ port, host: '127.0.0.1' });
    socket.setNoDelay(true);
    const conn = new WireConnection((bytes) => socket.write(bytes));
    socket.on('data', (chunk) => conn.receive(chunk));
    socket.on('close', () => conn.markClosed());
    socket.on('error', reject);
    socket.on('connect', () => resolve({ conn, close: () => socket.destroy() }));
  });
}

/** The next peer port of a fake connection: each has its own address, as sockets do. */
let nextFakePort = 40000;

/** A connection to a fake server over its in-memory transport (the same RESP bytes). */
export function connectFake(server: FakeServer): { conn: WireConnection; close: () => void } {
  const port = nextFakePort;
  nextFakePort = nextFakePort >= 65535 ? 40000 : nextFakePort + 1;
  let client: ReturnType<FakeServer['createClient']>;
  const conn = new WireConnection((bytes) => {
    // Deliver on a microtask, as a socket would, so replies never arrive re-entrantly.
    queueMicrotask(() => client.feed(bytes));
  });
  client = server.createClient({
    write: (encoded) => {
      const chunk = Buffer.from(encoded, 'latin1');
      queueMicrotask(() => conn.receive(chunk));
    },
    close: () => queueMicrotask(() => conn.markClosed()),
    remoteAddress: `127.0.0.1:${port}`,
    localAddress: '127.0.0.1:6379',
  });
  return { conn, close: () => client.disconnected() };
}
