import { describe, expect, it } from 'vitest';
import { type NodeRedis, targetNames, useTarget } from '@fakeredis/tooling/clients';
import { BasicClientSideCache, createClient } from 'redis';

// node-redis 6's client-side cache (the clientSideCache option: CLIENT TRACKING ON and RESP3
// invalidation pushes) against the fake, in process and over TCP, and against redis-server:
// a value read twice is served from the cache the second time, and another client's write
// invalidates it, so the next read sees the new value.

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 3000;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function exercise(client: NodeRedis, writer: NodeRedis, cache: BasicClientSideCache): Promise<unknown[]> {
  const seen: unknown[] = [];
  await writer.set('k', 'v1');
  seen.push(await client.get('k'), await client.get('k'));
  seen.push(['after two reads', cache.stats().hitCount, cache.stats().missCount, cache.size()]);
  await writer.set('k', 'v2');
  await until(() => cache.size() === 0);
  seen.push(['after a write elsewhere', cache.size()]);
  seen.push(await client.get('k'), await client.get('k'));
  await writer.flushAll();
  await until(() => cache.size() === 0);
  seen.push(['after FLUSHALL', cache.size()]);
  seen.push(await client.get('k'));
  seen.push(['at the end', cache.stats().hitCount, cache.stats().missCount]);
  return seen;
}

const EXPECTED = [
  'v1', 'v1', ['after two reads', 1, 1, 1],
  ['after a write elsewhere', 0],
  'v2', 'v2',
  ['after FLUSHALL', 0],
  null,
  ['at the end', 2, 3],
];

describe.each(targetNames)('node-redis clientSideCache (%s)', (name) => {
  const target = useTarget(name);

  it('in process (the fake\'s node-redis client) or to the server', async () => {
    const cache = new BasicClientSideCache();
    const client = target.nodeRedis({ RESP: 3, clientSideCache: cache } as never);
    const writer = target.nodeRedis({ RESP: 3 });
    await client.connect();
    await writer.connect();
    expect(await exercise(client, writer, cache)).toEqual(EXPECTED);
  });

  it('over TCP', async () => {
    const { host, port } = await target.tcp();
    const cache = new BasicClientSideCache();
    const client = createClient({ RESP: 3, clientSideCache: cache, socket: { host, port } });
    const writer = createClient({ RESP: 3, socket: { host, port } });
    await client.connect();
    await writer.connect();
    try {
      expect(await exercise(client as unknown as NodeRedis, writer as unknown as NodeRedis, cache)).toEqual(EXPECTED);
    } finally {
      client.destroy();
      writer.destroy();
    }
  });
});
