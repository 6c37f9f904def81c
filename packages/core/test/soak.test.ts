import { connect as connectSocket, createServer } from 'node:net';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { PubSubCommands } from '@fakeredis/pubsub';
import { SetCommands } from '@fakeredis/sets';
import { StreamCommands } from '@fakeredis/streams';
import { StringCommands } from '@fakeredis/strings';
import { connectReal, type Wire, type WireConnection } from '@fakeredis/tooling/conformance';
import { SortedSetCommands } from '@fakeredis/zsets';
import { describe, expect, it } from 'vitest';
import { attachStream, coreMixins, FakeServer, Random } from '../src/index.js';

// A bounded soak over loopback TCP (a fixed count, a fixed seed): many clients send random
// pipelines of commands of every type, subscribers receive what publishers send, clients
// block and are woken or time out, and some clients are killed in the middle of a large
// reply or request. The server stays up, every reply reaches the client that asked (each
// pipeline's tokens come back in place), and after FLUSHALL memory is back near where it
// started. SOAK_ROUNDS=n runs longer.

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 25);
const WORKERS = 12;
/** Clients killed mid-reply or mid-request: 6, or more in a longer run. */
const VICTIMS = Math.max(6, Math.floor(ROUNDS / 4));
const BIG = 1024 * 1024;

/** A forced garbage collection, to compare heap sizes (node's --expose-gc, switched on here). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const text = (w: Wire | undefined): string | undefined => (w?.t === 'bulk' || w?.t === 'simple' ? w.v : undefined);

/** One worker's random command, on its own keys; `token` is unique to this command. */
function randomCommand(random: Random, me: string, token: string): string[] {
  const k = `${me}:${Math.floor(random.next() * 4)}`;
  switch (Math.floor(random.next() * 16)) {
    case 0: return ['SET', `${k}:s`, token];
    case 1: return ['INCR', `${k}:n`];
    case 2: return ['APPEND', `${k}:s2`, token];
    case 3: return ['HSET', `${k}:h`, token, token];
    case 4: return ['HGETALL', `${k}:h`];
    case 5: return ['LPUSH', `${k}:l`, token];
    case 6: return ['LRANGE', `${k}:l`, '0', '5'];
    case 7: return ['SADD', `${k}:set`, token];
    case 8: return ['SMEMBERS', `${k}:set`];
    case 9: return ['ZADD', `${k}:z`, String(Math.floor(random.next() * 100)), token];
    case 10: return ['ZRANGE', `${k}:z`, '0', '-1', 'WITHSCORES'];
    case 11: return ['XADD', `${k}:x`, 'MAXLEN', '~', '50', '*', 'f', token];
    case 12: return ['XRANGE', `${k}:x`, '-', '+', 'COUNT', '3'];
    case 13: return ['EXPIRE', `${k}:s`, '100'];
    case 14: return ['PUBLISH', `ch${Math.floor(random.next() * 3)}`, `ch-msg-${token}`];
    default: return ['DEL', `${k}:l`];
  }
}

describe('soak', () => {
  it('serves many clients with pipelines, pub/sub, blocking and killed clients, and returns to its baseline', async () => {
    const server = new FakeServer({
      mixins: [...coreMixins, StringCommands, ListCommands, HashCommands, SetCommands, SortedSetCommands, StreamCommands, PubSubCommands],
      seed: 14,
    });
    const listener = createServer((socket) => {
      attachStream(server, socket, { remoteAddress: `127.0.0.1:${socket.remotePort}`, localAddress: `127.0.0.1:${socket.localPort}` });
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const address = listener.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const random = new Random(1414);
    const problems: string[] = [];

    const admin = await connectReal(port);
    collectGarbage();
    const baseline = { heap: process.memoryUsage().heapUsed, used: server.usedMemory(), clients: server.clients.size };

    // Subscribers: every message they get must be one published on their channel.
    const subscribers: Array<{ conn: WireConnection; close: () => void; channel: string }> = [];
    for (let i = 0; i < 3; i++) {
      const { conn, close } = await connectReal(port);
      await conn.send(['SUBSCRIBE', `ch${i}`]);
      subscribers.push({ conn, close, channel: `ch${i}` });
    }
    await admin.conn.send(['SET', 'big', 'b'.repeat(BIG)]);

    const worker = async (index: number) => {
      const me = `w${index}`;
      const { conn, close } = await connectReal(port);
      for (let round = 0; round < ROUNDS; round++) {
        const count = 1 + Math.floor(random.next() * 10);
        const sent: Array<{ args: string[]; reply: Promise<Wire> }> = [];
        for (let i = 0; i < count; i++) {
          const token = `${me}-${round}-${i}`;
          const args = randomCommand(random, me, token);
          sent.push({ args, reply: conn.send(args) });
        }
        // Blocking: a pop that times out, or one served by this worker's own push.
        const blocking = random.next() < 0.3;
        if (blocking) {
          sent.push({ args: ['BLPOP', `${me}:empty`, '0.01'], reply: conn.send(['BLPOP', `${me}:empty`, '0.01']) });
          sent.push({ args: ['RPUSH', `${me}:q`, `${me}-q-${round}`], reply: conn.send(['RPUSH', `${me}:q`, `${me}-q-${round}`]) });
          sent.push({ args: ['BLPOP', `${me}:q`, '1'], reply: conn.send(['BLPOP', `${me}:q`, '1']) });
        }
        const echo = `${me}-echo-${round}`;
        sent.push({ args: ['ECHO', echo], reply: conn.send(['ECHO', echo]) });
        const replies = await Promise.all(sent.map((s) => s.reply));
        // Replies in place: the ECHO is last, SET answers OK, the served BLPOP names this worker's list.
        if (text(replies.at(-1)) !== echo) problems.push(`${me} round ${round}: ECHO answered ${JSON.stringify(replies.at(-1))}`);
        for (const [i, { args }] of sent.entries()) {
          const reply = replies[i];
          if (reply?.t === 'error' && !reply.v.startsWith('WRONGTYPE')) problems.push(`${me}: ${args.join(' ')} -> ${reply.v}`);
          if (args[0] === 'SET' && text(reply) !== 'OK') problems.push(`${me}: SET answered ${JSON.stringify(reply)}`);
          if (args[0] === 'BLPOP' && args[1] === `${me}:q`) {
            const value = reply?.t === 'array' ? text(reply.v[1]) : undefined;
            if (value !== `${me}-q-${round}`) problems.push(`${me}: BLPOP got ${JSON.stringify(reply)}`);
          }
        }
        const [get] = await Promise.all([conn.send(['GET', `${me}:0:s`])]);
        if (get !== undefined && get.t === 'bulk' && !get.v.startsWith(`${me}-`)) problems.push(`${me}: GET saw ${get.v}`);
      }
      close();
    };

    // Victims: pipelined big GETs, the connection destroyed at the first bytes of the reply;
    // or half a request sent and the connection dropped.
    const victim = (index: number) =>
      new Promise<void>((resolve) => {
        const socket = connectSocket(port, '127.0.0.1');
        socket.on('error', () => {});
        socket.on('close', () => resolve());
        socket.on('connect', () => {
          if (index % 2 === 0) {
            socket.once('data', () => socket.destroy());
            socket.write('*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n'.repeat(8));
          } else {
            socket.write(`*3\r\n$3\r\nSET\r\n$1\r\nv\r\n$${BIG}\r\n${'v'.repeat(BIG / 2)}`, () => socket.destroy());
          }
        });
      });

    await Promise.all([
      ...Array.from({ length: WORKERS }, (_, i) => worker(i)),
      ...Array.from({ length: VICTIMS }, (_, i) => victim(i)),
    ]);
    await new Promise((r) => setTimeout(r, 100));
    for (const { conn, channel } of subscribers) {
      for (const message of conn.unsolicited) {
        const parts = message.t === 'array' || message.t === 'push' ? message.v.map(text) : [];
        if (parts[0] !== 'message' || parts[1] !== channel || !parts[2]?.startsWith('ch-msg-')) {
          problems.push(`subscriber of ${channel} got ${JSON.stringify(message).slice(0, 100)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(subscribers.reduce((n, s) => n + s.conn.unsolicited.length, 0)).toBeGreaterThan(0);
    for (const { close } of subscribers) close();

    // The server is up, the clients are gone, and FLUSHALL returns memory to the baseline.
    expect(text(await admin.conn.send(['PING']))).toBe('PONG');
    await new Promise((r) => setTimeout(r, 100));
    expect(server.clients.size).toBe(baseline.clients);
    expect(text(await admin.conn.send(['FLUSHALL']))).toBe('OK');
    expect(server.usedMemory()).toBe(baseline.used);
    collectGarbage();
    expect(process.memoryUsage().heapUsed - baseline.heap).toBeLessThan(16 * 1024 * 1024);
    admin.close();
    listener.close();
    server.close();
  }, 60_000 + ROUNDS * 500);
});
