import { afterEach, describe, expect, test } from 'vitest';
import { FakeCluster, keyHashSlot } from '../src/index.js';
import { ClusterServer } from './helpers.js';

let cluster: FakeCluster | undefined;
afterEach(() => {
  cluster?.close();
  cluster = undefined;
});

describe('ioredis Cluster in process', () => {
  test('routes keys by slot, hash tags keep multi-key commands on one node, replicas apply writes', async () => {
    cluster = new FakeCluster({ Server: ClusterServer, replicas: 1, port: 32001 });
    const redis = cluster.ioredis();
    await redis.set('foo', 'x');
    await redis.set('bar', 'y');
    expect(await redis.get('foo')).toBe('x');
    expect(await redis.get('bar')).toBe('y');
    expect(cluster.masterFor('foo').getValue('foo')).toBe('x');
    expect(cluster.masterFor('bar').getValue('bar')).toBe('y');
    await redis.mset('{user1}.a', '1', '{user1}.b', '2');
    expect(await redis.mget('{user1}.a', '{user1}.b')).toEqual(['1', '2']);
    await expect(redis.mset('a', '1', 'b', '2')).rejects.toThrow("CROSSSLOT Keys in request don't hash to the same slot");
    const results = await redis.pipeline().incr('{p}n').incr('{p}n').get('{p}n').exec();
    expect(results).toEqual([[null, 1], [null, 2], [null, '2']]);
    expect(await redis.multi().set('{t}x', '1').get('{t}x').exec()).toEqual([[null, 'OK'], [null, '1']]);
    const replica = cluster.replicas[cluster.masters.indexOf(cluster.masterFor('foo'))]!;
    replica.call('READONLY');
    expect(replica.getValue('foo')).toBe('x');
    await redis.quit();
  });

  test('CLUSTER FAILOVER: ioredis follows MOVED to the new master, which has the data', async () => {
    cluster = new FakeCluster({ Server: ClusterServer, replicas: 1, port: 32201 });
    const redis = cluster.ioredis();
    await redis.set('foo', 'x');
    const oldMaster = cluster.masterFor('foo');
    const replica = cluster.replicas[cluster.masters.indexOf(oldMaster)]!;
    expect(replica.call('CLUSTER', 'FAILOVER')).toMatchObject({ value: 'OK' });
    expect(cluster.masterFor('foo')).toBe(replica);
    expect(await redis.get('foo')).toBe('x');
    await redis.set('foo', 'y');
    expect(replica.getValue('foo')).toBe('y');
    // FORCE back; the default right after is refused by the masters (voted within two node timeouts).
    expect(oldMaster.call('CLUSTER', 'FAILOVER', 'FORCE')).toMatchObject({ value: 'OK' });
    expect(cluster.masterFor('foo')).toBe(oldMaster);
    expect(replica.call('CLUSTER', 'FAILOVER')).toMatchObject({ value: 'OK' });
    expect(cluster.masterFor('foo')).toBe(oldMaster);
    replica.call('CONFIG', 'SET', 'cluster-node-timeout', '0');
    expect(replica.call('CLUSTER', 'FAILOVER')).toMatchObject({ value: 'OK' });
    expect(cluster.masterFor('foo')).toBe(replica);
    oldMaster.call('READONLY');
    expect(oldMaster.getValue('foo')).toBe('y');
    expect(oldMaster.call('SET', 'foo', 'z')).toMatchObject({ message: expect.stringMatching(/^MOVED 12182 /) });
    await redis.quit();
  });

  test('scaleReads: slave reads from replicas with READONLY', async () => {
    cluster = new FakeCluster({ Server: ClusterServer, replicas: 1, port: 32101 });
    const redis = cluster.ioredis({ scaleReads: 'slave' });
    await redis.set('foo', 'x');
    expect(await redis.get('foo')).toBe('x');
    await redis.quit();
  });

  test('follows MOVED after a slot moved and ASK while it moves', async () => {
    cluster = new FakeCluster({ Server: ClusterServer, port: 32201 });
    const redis = cluster.ioredis();
    const slot = keyHashSlot('{m}1');
    for (let i = 0; i < 25; i++) await redis.set(`{m}${i}`, String(i));
    const source = cluster.masterFor(slot);
    const target = cluster.masters.find((m) => m !== source)!;
    // Half way: some keys moved, the slot open; the client is sent ASK for those.
    let batches = 0;
    cluster.moveSlot(slot, target, { batch: 10, step: () => ++batches < 1 });
    expect(source.call('CLUSTER', 'COUNTKEYSINSLOT', slot)).toBe(15);
    for (let i = 0; i < 25; i++) expect(await redis.get(`{m}${i}`)).toBe(String(i));
    expect(source.command<string>('INFO', 'errorstats')).toMatch(/errorstat_ASK:count=10\r\n/);
    cluster.moveSlot(slot, target, { batch: 10 });
    expect(cluster.masterFor(slot)).toBe(target);
    for (let i = 0; i < 25; i++) expect(await redis.get(`{m}${i}`)).toBe(String(i));
    expect(source.command<string>('INFO', 'errorstats')).toMatch(/errorstat_MOVED:count=1\r\n/);
    await redis.set('{m}new', 'v');
    expect(target.getValue('{m}new')).toBe('v');
    await redis.quit();
  });
});

describe('node-redis createCluster in process', () => {
  test('routes keys by slot and follows MOVED', async () => {
    cluster = new FakeCluster({ Server: ClusterServer, replicas: 1, port: 32301 });
    const client = (await cluster.nodeRedis()) as unknown as {
      connect(): Promise<unknown>;
      set(k: string, v: string): Promise<unknown>;
      get(k: string): Promise<string | null>;
      mGet(keys: string[]): Promise<Array<string | null>>;
      close(): Promise<unknown>;
    };
    await client.connect();
    await client.set('foo', 'x');
    await client.set('bar', 'y');
    expect(await client.get('foo')).toBe('x');
    expect(await client.get('bar')).toBe('y');
    expect(cluster.masterFor('bar').getValue('bar')).toBe('y');
    await client.set('{u}a', '1');
    expect(await client.mGet(['{u}a', '{u}b'])).toEqual(['1', null]);
    const slot = keyHashSlot('foo');
    const target = cluster.masters.find((m) => m !== cluster!.masterFor(slot))!;
    const source = cluster.masterFor(slot);
    cluster.moveSlot(slot, target);
    expect(await client.get('foo')).toBe('x');
    expect(source.command<string>('INFO', 'errorstats')).toMatch(/errorstat_MOVED:count=1\r\n/);
    await client.close();
  });
});
