import { connect } from 'node:net';
import { FakeServer } from '@fakeredis/core';
import { encodeCommand, redisServerAvailable, type RealServer, startRealServer } from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixins } from './server.js';

/**
 * Byte-exact comparison of what one connection receives, for what the scenario runner
 * cannot see: where a message lands relative to a reply (before it, inside EXEC's array).
 * Each case sends its commands in one write, to the real server and to the fake, and
 * compares every byte that came back after the (optional) HELLO.
 */
type Command = Array<string | Buffer>;

/** Collects what a connection receives until it stays quiet for `quietMs`. */
function collect(onData: (listener: (chunk: string) => void) => void, quietMs = 80): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    let timer = setTimeout(() => resolve(received), quietMs * 3);
    onData((chunk) => {
      received += chunk;
      clearTimeout(timer);
      timer = setTimeout(() => resolve(received), quietMs);
    });
  });
}

async function realBytes(port: number, protocol: 2 | 3, commands: Command[]): Promise<string> {
  const socket = connect({ port, host: '127.0.0.1' });
  await new Promise((r) => socket.once('connect', r));
  let listener: (chunk: string) => void = () => {};
  socket.on('data', (chunk: Buffer) => listener(chunk.toString('latin1')));
  if (protocol === 3) {
    const hello = collect((l) => (listener = l), 30);
    socket.write(encodeCommand(['HELLO', '3']));
    await hello;
  }
  const result = collect((l) => (listener = l));
  socket.write(Buffer.concat(commands.map((c) => encodeCommand(c))));
  const bytes = await result;
  socket.destroy();
  return bytes;
}

async function fakeBytes(protocol: 2 | 3, commands: Command[]): Promise<string> {
  const server = new FakeServer({ mixins, config: { 'enable-debug-command': 'yes' } });
  let listener: (chunk: string) => void = () => {};
  const client = server.createClient({
    write: (encoded) => queueMicrotask(() => listener(encoded)),
    close: () => {},
    remoteAddress: '127.0.0.1:40000',
    localAddress: '127.0.0.1:6379',
  });
  if (protocol === 3) {
    const hello = collect((l) => (listener = l), 30);
    client.feed(encodeCommand(['HELLO', '3']));
    await hello;
  }
  const result = collect((l) => (listener = l));
  client.feed(Buffer.concat(commands.map((c) => encodeCommand(c))));
  const bytes = await result;
  server.close();
  return bytes;
}

const cases: Array<{ name: string; protocol: 2 | 3; commands: Command[] }> = [
  {
    name: 'PUBLISH to itself: the messages come before the reply (Redis 7.0)',
    protocol: 3,
    commands: [['SUBSCRIBE', 'c'], ['PSUBSCRIBE', 'c*'], ['PUBLISH', 'c', 'm'], ['PING']],
  },
  {
    name: 'a keyspace event of its own write comes before the reply',
    protocol: 3,
    commands: [
      ['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'],
      ['PSUBSCRIBE', '__key*__:*'],
      ['SET', 'k', 'v'],
      ['CONFIG', 'SET', 'notify-keyspace-events', ''],
    ],
  },
  {
    name: 'SUBSCRIBE of several channels and PUBLISH to itself inside EXEC (RESP2)',
    protocol: 2,
    commands: [['MULTI'], ['SUBSCRIBE', 'x', 'y'], ['PSUBSCRIBE', 'p*'], ['SSUBSCRIBE', 's'], ['PUBLISH', 'x', 'm'], ['UNSUBSCRIBE', 'x', 'y'], ['PUNSUBSCRIBE'], ['EXEC'], ['PING']],
  },
  {
    name: 'PUBLISH to itself inside EXEC (RESP3)',
    protocol: 3,
    commands: [['SUBSCRIBE', 'x'], ['MULTI'], ['PUBLISH', 'x', 'm'], ['PING'], ['EXEC'], ['PING']],
  },
  {
    name: 'CLIENT REPLY SKIP before SUBSCRIBE is used up by it',
    protocol: 3,
    commands: [['CLIENT', 'REPLY', 'SKIP'], ['SUBSCRIBE', 'd'], ['PUBLISH', 'd', 'x'], ['CLIENT', 'REPLY', 'OFF'], ['PUBLISH', 'd', 'y'], ['UNSUBSCRIBE'], ['CLIENT', 'REPLY', 'ON']],
  },
  {
    name: 'CLIENT REPLY OFF lets the pushes of EXEC through (RESP3)',
    protocol: 3,
    commands: [['SUBSCRIBE', 'c'], ['CLIENT', 'REPLY', 'OFF'], ['MULTI'], ['PUBLISH', 'c', 'm'], ['SUBSCRIBE', 'd', 'e'], ['SET', 'k', 'v'], ['EXEC'], ['CLIENT', 'REPLY', 'ON'], ['PING']],
  },
  {
    name: 'CLIENT REPLY OFF lets the pushes of EXEC through (RESP2)',
    protocol: 2,
    commands: [['CLIENT', 'REPLY', 'OFF'], ['MULTI'], ['SUBSCRIBE', 'd', 'e'], ['PUBLISH', 'd', 'm'], ['EXEC'], ['CLIENT', 'REPLY', 'ON'], ['UNSUBSCRIBE', 'd', 'e']],
  },
  {
    name: 'CLIENT REPLY SKIP inside MULTI skips the reply after EXEC',
    protocol: 3,
    commands: [['MULTI'], ['CLIENT', 'REPLY', 'SKIP'], ['SUBSCRIBE', 'a', 'b'], ['EXEC'], ['PING'], ['PING', 'second']],
  },
  {
    name: 'subscribed mode (RESP2): PING, refusals, RESET',
    protocol: 2,
    commands: [['SUBSCRIBE', 'c'], ['PING'], ['PING', 'x'], ['GET', 'k'], ['RESET'], ['PING']],
  },
];

describe.skipIf(!redisServerAvailable())('pubsub: bytes on the wire (vs redis-server)', () => {
  let real: RealServer;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(async () => {
    await real?.stop();
  });
  for (const { name, protocol, commands } of cases) {
    it(`${name} [RESP${protocol}]`, async () => {
      const [expected, actual] = await Promise.all([realBytes(real.port, protocol, commands), fakeBytes(protocol, commands)]);
      expect(expected.length).toBeGreaterThan(0);
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
    });
  }
});
