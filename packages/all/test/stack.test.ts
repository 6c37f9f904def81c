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

  it("node-redis's topK and tDigest command groups, ioredis's calls", async () => {
    const client = createStackClient();
    await client.connect();
    try {
      expect(await client.topK.reserve('tk', 2, { width: 1000, depth: 3, decay: 1 })).toBe('OK');
      expect(await client.topK.add('tk', ['a', 'b', 'a'])).toEqual([null, null, null]);
      expect(await client.topK.incrBy('tk', [{ item: 'c', incrementBy: 5 }])).toEqual(['b']);
      expect(await client.topK.query('tk', ['a', 'b', 'c'])).toEqual([true, false, true]);
      expect(await client.topK.count('tk', ['a', 'c'])).toEqual([2, 5]);
      expect(await client.topK.list('tk')).toEqual(['c', 'a']);
      expect(await client.topK.listWithCount('tk')).toEqual([{ item: 'c', count: 5 }, { item: 'a', count: 2 }]);
      expect(await client.topK.info('tk')).toMatchObject({ k: 2, width: 1000, depth: 3 });
      expect(await client.tDigest.create('td', { COMPRESSION: 100 })).toBe('OK');
      expect(await client.tDigest.add('td', [1, 2, 3, 4, 5])).toBe('OK');
      expect(await client.tDigest.quantile('td', [0.5])).toEqual([3]);
      expect(await client.tDigest.min('td')).toBe(1);
      expect(await client.tDigest.max('td')).toBe(5);
      expect(await client.tDigest.cdf('td', [3])).toEqual([0.5]);
      expect(await client.tDigest.rank('td', [3])).toEqual([2]);
      expect(await client.tDigest.byRank('td', [0])).toEqual([1]);
      expect(await client.tDigest.trimmedMean('td', 0, 1)).toBe(3);
      expect(await client.tDigest.merge('td2', ['td'], { OVERRIDE: true })).toBe('OK');
      expect(await client.tDigest.info('td2')).toMatchObject({ 'Compression': 100, 'Observations': 5 });
      expect(await client.type('tk')).toBe('TopK-TYPE');
      expect(await client.type('td')).toBe('TDIS-TYPE');
    } finally {
      await client.quit();
    }
    const redis = new FakeRedisStack({ protocol: 2 });
    io(redis);
    expect(await redis.call('TDIGEST.CREATE', 'io:td')).toBe('OK');
    expect(await redis.call('TDIGEST.ADD', 'io:td', '1', '2')).toBe('OK');
    expect(await redis.call('TDIGEST.QUANTILE', 'io:td', '0', '1')).toEqual(['1', '2']);
    expect(await redis.call('TOPK.RESERVE', 'io:tk', '1')).toBe('OK');
    expect(await redis.call('TOPK.ADD', 'io:tk', 'x')).toEqual([null]);
  });

  it("node-redis's ts command group and ioredis over RedisTimeSeries", async () => {
    const client = createStackClient();
    await client.connect();
    try {
      expect(await client.ts.create('t', { RETENTION: 100000, LABELS: { room: 'kitchen' } })).toBe('OK');
      for (let i = 0; i < 30; i++) await client.ts.add('t', 1000 + i * 10, i / 10);
      expect(await client.ts.get('t')).toEqual({ timestamp: 1290, value: 2.9 });
      expect(await client.ts.range('t', 1000, 1050)).toEqual([0, 1, 2, 3, 4, 5].map((i) => ({ timestamp: 1000 + i * 10, value: i / 10 })));
      const avg = await client.ts.range('t', '-', '+', { AGGREGATION: { type: 'AVG', timeBucket: 100 } });
      expect(avg.map((s) => s.timestamp)).toEqual([1000, 1100, 1200]);
      expect(await client.ts.create('t:sum')).toBe('OK');
      expect(await client.ts.createRule('t', 't:sum', 'SUM', 100)).toBe('OK');
      await client.ts.add('t', 1300, 1);
      await client.ts.add('t', 1400, 1);
      expect(await client.ts.range('t:sum', '-', '+')).toEqual([{ timestamp: 1300, value: 1 }]);
      const mget = await client.ts.mGet('room=kitchen');
      expect(JSON.stringify(mget)).toContain('1400');
      expect(await client.ts.queryIndex('room=kitchen')).toEqual(['t']);
      expect(await client.type('t')).toBe('TSDB-TYPE');
    } finally {
      await client.quit();
    }
    const redis = new FakeRedisStack({ protocol: 2 });
    io(redis);
    expect(await redis.call('TS.ADD', 'x', '5', '0.1')).toBe(5);
    expect(await redis.call('TS.RANGE', 'x', '-', '+')).toEqual([[5, '1E-1']]);
    expect(JSON.stringify(await redis.call('MODULE', 'LIST'))).toContain('"timeseries"');
  });
  it("node-redis's json command group and ioredis over RedisJSON", async () => {
    const client = createStackClient();
    await client.connect();
    try {
      expect(await client.json.set('doc', '$', { name: 'fake', tags: ['a'], n: 1, nested: { ok: true } })).toBe('OK');
      expect(await client.json.get('doc')).toEqual({ name: 'fake', tags: ['a'], n: 1, nested: { ok: true } });
      expect(await client.json.get('doc', { path: '$..ok' })).toEqual([true]);
      expect(await client.json.get('doc', { path: ['$.n', '$.name'] })).toEqual({ '$.n': [1], '$.name': ['fake'] });
      expect(await client.json.numIncrBy('doc', '$.n', 2.5)).toEqual([3.5]);
      expect(await client.json.arrAppend('doc', '$.tags', 'b', 'c')).toEqual([3]);
      expect(await client.json.arrIndex('doc', '$.tags', 'c')).toEqual([2]);
      expect(await client.json.arrPop('doc', { path: '$.tags' })).toEqual(['c']);
      expect(await client.json.strAppend('doc', 'redis', { path: '$.name' })).toEqual([9]);
      expect(await client.json.type('doc', { path: '$.nested' })).toEqual(['object']);
      expect(await client.json.objKeys('doc', { path: '$' })).toEqual([['name', 'tags', 'n', 'nested']]);
      expect(await client.json.toggle('doc', '$.nested.ok')).toEqual([0]);
      expect(await client.json.merge('doc', '$', { n: null, extra: [1] })).toBe('OK');
      expect(await client.json.mGet(['doc', 'none'], '$.extra')).toEqual([[[1]], null]);
      expect(await client.json.del('doc', { path: '$.tags' })).toBe(1);
      expect(await client.json.get('doc')).toEqual({ name: 'fakeredis', nested: { ok: false }, extra: [1] });
      expect(await client.type('doc')).toBe('ReJSON-RL');
    } finally {
      await client.quit();
    }
    const redis = new FakeRedisStack({ protocol: 2 });
    io(redis);
    expect(await redis.call('JSON.SET', 'x', '.', '{"a":[1,2,3]}')).toBe('OK');
    expect(await redis.call('JSON.GET', 'x', 'INDENT', '  ', 'NEWLINE', '\n', 'SPACE', ' ', '.a')).toBe('[\n  1,\n  2,\n  3\n]');
    expect(await redis.call('JSON.ARRLEN', 'x', '.a')).toBe(3);
    expect(await redis.call('JSON.RESP', 'x')).toEqual(['{', 'a', ['[', 1, 2, 3]]);
    expect(JSON.stringify(await redis.call('MODULE', 'LIST'))).toContain('"ReJSON"');
  });
});
