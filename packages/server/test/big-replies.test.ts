// Issue 14's crash: 600 pipelined GETs of a 1 MiB value in one write (629 MB of replies,
// past V8's ~512 MiB string limit) killed the whole server. Real Redis sends them all.
import { createFakeIoredisClass } from '@fakeredis/composer';
import Redis from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpFakeServer } from '../src/index.js';

const MiB = 1024 * 1024;
const COUNT = 600;

const running: TcpFakeServer[] = [];
const clients: Redis[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await Promise.all(running.splice(0).map((t) => t.close()));
});

/** A 1 MiB value with every byte value in it, so a byte lost or mangled shows. */
function bigValue(): Buffer {
  const value = Buffer.alloc(MiB);
  for (let i = 0; i < value.length; i++) value[i] = (i * 31 + (i >> 10)) & 0xff;
  return value;
}

/** 600 GETs of one 1 MiB key in a single pipeline (one write), as Buffers; checks every reply. */
async function pipelinedBigGets(client: Redis): Promise<void> {
  const value = bigValue();
  await client.set('big', value);
  const pipeline = client.pipeline();
  for (let i = 0; i < COUNT; i++) pipeline.getBuffer('big');
  const results = (await pipeline.exec()) ?? [];
  expect(results).toHaveLength(COUNT);
  let total = 0;
  for (const [error, reply] of results) {
    expect(error).toBeNull();
    expect(Buffer.isBuffer(reply)).toBe(true);
    expect((reply as Buffer).equals(value)).toBe(true);
    total += (reply as Buffer).length;
  }
  expect(total).toBeGreaterThan(2 ** 29);
  // The connection and the server are still there.
  expect(await client.ping()).toBe('PONG');
  expect(await client.strlen('big')).toBe(MiB);
}

describe('replies past the string limit', () => {
  it('sends 600 pipelined 1 MiB replies over TCP to ioredis', async () => {
    const tcp = await new TcpFakeServer({ port: 0 }).listen();
    running.push(tcp);
    const client = new Redis({ port: tcp.port, host: '127.0.0.1', lazyConnect: true });
    clients.push(client);
    await client.connect();
    await pipelinedBigGets(client);
    // A second connection sees the same healthy server.
    const other = new Redis({ port: tcp.port, host: '127.0.0.1' });
    clients.push(other);
    expect(await other.dbsize()).toBe(1);
    expect(tcp.server.closed).toBe(false);
  }, 120_000);

  it('sends them through the in-memory transport too (RESP2 and RESP3)', async () => {
    const tcp = new TcpFakeServer({ port: 0 }); // only to build a server with every module
    running.push(tcp);
    const FakeRedis = createFakeIoredisClass(tcp.server.constructor as never);
    for (const protocol of [2, 3] as const) {
      const client = new FakeRedis({ server: tcp.server, protocol }) as unknown as Redis;
      clients.push(client);
      await pipelinedBigGets(client);
      client.disconnect();
    }
  }, 120_000);

  it('sends one LRANGE reply past the string limit over TCP', async () => {
    const tcp = await new TcpFakeServer({ port: 0 }).listen();
    running.push(tcp);
    const client = new Redis({ port: tcp.port, host: '127.0.0.1' });
    clients.push(client);
    const value = bigValue();
    const count = 520; // 520 MiB: one aggregate reply longer than any JS string
    for (let i = 0; i < count; i += 40) await client.rpush('list', ...Array.from({ length: Math.min(40, count - i) }, () => value));
    const items = await client.lrangeBuffer('list', 0, -1);
    expect(items).toHaveLength(count);
    for (const item of items) expect(item.equals(value)).toBe(true);
    expect(await client.ping()).toBe('PONG');
  }, 120_000);
});
