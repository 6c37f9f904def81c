import { describe, expect, it } from 'vitest';
import { createStackClient, FakeRedis, FakeRedisStack, FakeServer, FakeStackServer } from '../src/index.js';
import { openedClients } from './opened.js';

const io = openedClients(FakeRedisStack.registry, FakeRedis.registry);

describe('the Redis Stack fake (FakeStackServer, FakeRedisStack, createStackClient)', () => {
  it('is Redis 7.4 with every module and RedisBloom; the plain servers have no BF.*', () => {
    expect(FakeStackServer.profile).toMatchObject({ serverType: 'redis', version: '7.4.1' });
    const server = new FakeStackServer();
    expect(server.call('BF.ADD', 'k', 'a')).toMatchObject({ value: true });
    server.close();
    const plain = new FakeServer();
    expect(plain.call('BF.ADD', 'k', 'a')).toMatchObject({ message: expect.stringMatching(/^ERR unknown command 'BF.ADD'/) });
    expect(plain.call('MODULE', 'LIST')).toEqual([]);
    plain.close();
  });

  it('ioredis: BF.* and MODULE LIST', async () => {
    const redis = new FakeRedisStack({ protocol: 2 });
    io(redis);
    expect(await redis.call('BF.RESERVE', 'bf', '0.01', '1000')).toBe('OK');
    expect(await redis.call('BF.MADD', 'bf', 'a', 'b')).toEqual([1, 1]);
    expect(await redis.call('BF.EXISTS', 'bf', 'a')).toBe(1);
    expect(await redis.call('BF.CARD', 'bf')).toBe(2);
    expect(await redis.type('bf')).toBe('MBbloom--');
    const modules = (await redis.call('MODULE', 'LIST')) as unknown[];
    expect(JSON.stringify(modules)).toContain('"bf"');
  });

  it("node-redis's bf command group", async () => {
    const client = createStackClient();
    await client.connect();
    try {
      expect(await client.bf.reserve('bf', 0.01, 100, { EXPANSION: 3 })).toBe('OK');
      expect(await client.bf.add('bf', 'x')).toBe(true);
      expect(await client.bf.mAdd('bf', ['x', 'y'])).toEqual([false, true]);
      expect(await client.bf.mExists('bf', ['x', 'z'])).toEqual([true, false]);
      expect(await client.bf.card('bf')).toBe(2);
      const info = await client.bf.info('bf');
      expect(info).toMatchObject({ 'Capacity': 100, 'Size': 240, 'Number of filters': 1, 'Number of items inserted': 2, 'Expansion rate': 3 });
      expect(await client.bf.insert('bf2', ['a', 'b'], { CAPACITY: 10, NOCREATE: false })).toEqual([true, true]);
    } finally {
      await client.quit();
    }
  });
  it("node-redis's cf and cms command groups", async () => {
    const client = createStackClient();
    await client.connect();
    try {
      expect(await client.cf.reserve('cf', 100, { BUCKETSIZE: 4, EXPANSION: 3 })).toBe('OK');
      expect(await client.cf.add('cf', 'x')).toBe(true);
      expect(await client.cf.addNX('cf', 'x')).toBe(false);
      expect(await client.cf.insert('cf', ['y', 'z'])).toEqual([true, true]);
      expect(await client.cf.exists('cf', 'x')).toBe(true);
      expect(await client.cf.count('cf', 'x')).toBe(1);
      expect(await client.cf.del('cf', 'x')).toBe(true);
      expect(await client.cf.info('cf')).toMatchObject({ 'Size': 184, 'Number of buckets': 32, 'Number of items inserted': 2, 'Bucket size': 4, 'Expansion rate': 4 });
      expect(await client.cms.initByDim('cms', 10, 3)).toBe('OK');
      expect(await client.cms.incrBy('cms', [{ item: 'a', incrementBy: 5 }, { item: 'b', incrementBy: 2 }])).toEqual([5, 2]);
      expect(await client.cms.query('cms', ['a', 'c'])).toEqual([5, 0]);
      expect(await client.cms.info('cms')).toMatchObject({ width: 10, depth: 3, count: 7 });
      expect(await client.type('cf')).toBe('MBbloomCF');
      expect(await client.type('cms')).toBe('CMSk-TYPE');
    } finally {
      await client.quit();
    }
  });
});
