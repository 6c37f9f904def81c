import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRealServer } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv, REDISTIMESERIES_ENV } from '@fakeredis/tooling/conformance/reference';
import { createClient } from 'redis';
import { describe, expect, it } from 'vitest';
import { FakeStackServer, TcpFakeServer } from '../src/index.js';

// node-redis's bf, cf, cms, topK, tDigest, ts and json command groups over a real socket:
// a TcpFakeServer serving a FakeStackServer, in RESP2 and RESP3. When FAKEREDIS_REDISBLOOM
// and FAKEREDIS_REDISTIMESERIES name the modules (built locally, never committed), the same
// calls run against redis-server (7.4 when FAKEREDIS_REDIS_7_4 names it) with both loaded,
// and node-redis's parsed results must be equal. RedisJSON cannot be built here: its
// calls are checked against the replies RedisJSON's own tests give.

/** node-redis's client with its default modules (bf, ts, json ...), in either protocol. */
const newClient = (port: number, RESP: 2 | 3) => createClient({ socket: { host: '127.0.0.1', port }, RESP });
type Client = ReturnType<typeof newClient>;

/** The RedisBloom and RedisTimeSeries calls: every result, in order. */
async function moduleCalls(client: Client): Promise<unknown[]> {
  const out: unknown[] = [];
  const push = async (p: Promise<unknown>): Promise<void> => {
    out.push(await p.catch((e: Error) => `error: ${e.message}`));
  };
  await push(client.bf.reserve('bf', 0.01, 100, { EXPANSION: 3 }));
  await push(client.bf.add('bf', 'x'));
  await push(client.bf.mAdd('bf', ['x', 'y', 'z']));
  await push(client.bf.exists('bf', 'y'));
  await push(client.bf.mExists('bf', ['x', 'nope']));
  await push(client.bf.card('bf'));
  await push(client.bf.info('bf'));
  await push(client.bf.insert('bf2', ['a', 'b'], { CAPACITY: 10, ERROR: 0.001, NONSCALING: true }));
  await push(client.bf.reserve('bf', 0.01, 100));
  await push(client.bf.scanDump('bf', 0));
  await push(client.cf.reserve('cf', 100, { BUCKETSIZE: 4, EXPANSION: 2 }));
  await push(client.cf.add('cf', 'x'));
  await push(client.cf.addNX('cf', 'x'));
  await push(client.cf.insert('cf', ['y', 'z'], { NOCREATE: true }));
  await push(client.cf.insertNX('cf', ['y', 'w']));
  await push(client.cf.exists('cf', 'x'));
  await push(client.cf.count('cf', 'x'));
  await push(client.cf.del('cf', 'x'));
  await push(client.cf.info('cf'));
  await push(client.cms.initByDim('cms', 10, 3));
  await push(client.cms.initByProb('cms2', 0.01, 0.01));
  await push(client.cms.incrBy('cms', [{ item: 'a', incrementBy: 5 }, { item: 'b', incrementBy: 2 }]));
  await push(client.cms.query('cms', ['a', 'c']));
  await push(client.cms.merge('cms3', ['cms', 'cms']));
  await push(client.cms.info('cms'));
  await push(client.topK.reserve('tk', 2, { width: 50, depth: 3, decay: 1 }));
  await push(client.topK.add('tk', ['a', 'b', 'a']));
  await push(client.topK.incrBy('tk', [{ item: 'c', incrementBy: 5 }]));
  await push(client.topK.query('tk', ['a', 'b', 'c']));
  await push(client.topK.list('tk'));
  await push(client.topK.listWithCount('tk'));
  await push(client.topK.info('tk'));
  await push(client.tDigest.create('td', { COMPRESSION: 100 }));
  await push(client.tDigest.add('td', [1, 2, 3, 4, 5, 10.5]));
  await push(client.tDigest.quantile('td', [0, 0.5, 0.9]));
  await push(client.tDigest.cdf('td', [3, 100]));
  await push(client.tDigest.rank('td', [3]));
  await push(client.tDigest.revRank('td', [3]));
  await push(client.tDigest.byRank('td', [0, 100]));
  await push(client.tDigest.trimmedMean('td', 0.1, 0.9));
  await push(client.tDigest.min('td'));
  await push(client.tDigest.info('td'));
  await push(client.ts.create('t', { RETENTION: 100000, LABELS: { room: 'kitchen' }, DUPLICATE_POLICY: 'LAST' }));
  for (let i = 0; i < 30; i++) await push(client.ts.add('t', 1000 + i * 10, i / 10));
  await push(client.ts.add('t', 1000, 9.5));
  await push(client.ts.mAdd([{ key: 't', timestamp: 2000, value: 1 }, { key: 'missing', timestamp: 1, value: 1 }]));
  await push(client.ts.incrBy('cnt', 2, { TIMESTAMP: 5 }));
  await push(client.ts.decrBy('cnt', 1, { TIMESTAMP: 6 }));
  await push(client.ts.get('t'));
  await push(client.ts.range('t', 1000, 1050));
  await push(client.ts.revRange('t', '-', '+', { COUNT: 3 }));
  await push(client.ts.range('t', '-', '+', { AGGREGATION: { type: 'AVG', timeBucket: 100 } }));
  await push(client.ts.range('t', '-', '+', { AGGREGATION: { type: 'TWA', timeBucket: 100, BUCKETTIMESTAMP: 'mid', EMPTY: true } }));
  await push(client.ts.create('t:sum', { LABELS: { room: 'kitchen', kind: 'sum' } }));
  await push(client.ts.createRule('t', 't:sum', 'SUM', 100));
  await push(client.ts.add('t', 2100, 1));
  await push(client.ts.add('t', 2200, 1));
  await push(client.ts.range('t:sum', '-', '+'));
  await push(client.ts.mGet('room=kitchen'));
  await push(client.ts.mGetWithLabels('room=kitchen'));
  await push(client.ts.mRange('-', '+', 'room=kitchen', { COUNT: 2 }));
  await push(client.ts.mRangeWithLabels('-', '+', 'room=kitchen', { COUNT: 2 }));
  await push(client.ts.mRangeGroupBy('-', '+', 'room=kitchen', { label: 'room', REDUCE: 'MAX' }, { COUNT: 2 }));
  await push(client.ts.queryIndex('room=kitchen'));
  await push(client.ts.del('t', 1000, 1010));
  await push(client.ts.alter('t', { RETENTION: 0 }));
  await push(client.ts.deleteRule('t', 't:sum'));
  await push(client.ts.info('t'));
  await push(client.ts.add('bf', 1, 1));
  await push(client.type('bf'));
  await push(client.type('cf'));
  await push(client.type('cms'));
  await push(client.type('tk'));
  await push(client.type('td'));
  await push(client.type('t'));
  return out;
}

/** RedisJSON calls with the replies RedisJSON gives them (its tests and commands.rs). */
async function jsonCalls(client: Client, RESP: 2 | 3): Promise<void> {
  expect(await client.json.set('doc', '$', { name: 'fake', tags: ['a'], n: 1, nested: { ok: true } })).toBe('OK');
  expect(await client.json.get('doc')).toEqual({ name: 'fake', tags: ['a'], n: 1, nested: { ok: true } });
  expect(await client.json.get('doc', { path: '$..ok' })).toEqual([true]);
  expect(await client.json.get('doc', { path: '$.tags[?(@ == "a")]' })).toEqual(['a']);
  expect(await client.json.numIncrBy('doc', '$.n', 2.5)).toEqual([3.5]);
  // A legacy path answers the number in RESP2, an array of matches in RESP3 (json_num_op).
  expect(await client.json.numMultBy('doc', '.n', 2)).toEqual(RESP === 2 ? 7 : [7]);
  expect(await client.json.arrAppend('doc', '$.tags', 'b', 'c')).toEqual([3]);
  expect(await client.json.arrInsert('doc', '$.tags', 0, 'z')).toEqual([4]);
  expect(await client.json.arrIndex('doc', '$.tags', 'c')).toEqual([3]);
  expect(await client.json.arrLen('doc', { path: '$.tags' })).toEqual([4]);
  expect(await client.json.arrPop('doc', { path: '$.tags' })).toEqual(['c']);
  expect(await client.json.arrTrim('doc', '$.tags', 0, 1)).toEqual([2]);
  expect(await client.json.strAppend('doc', 'redis', { path: '$.name' })).toEqual([9]);
  expect(await client.json.strLen('doc', { path: '$.name' })).toEqual([9]);
  expect(await client.json.type('doc', { path: '$.nested' })).toEqual(['object']);
  expect(await client.json.objKeys('doc', { path: '$' })).toEqual([['name', 'tags', 'n', 'nested']]);
  expect(await client.json.objLen('doc', { path: '$' })).toEqual([4]);
  expect(await client.json.toggle('doc', '$.nested.ok')).toEqual([0]);
  expect(await client.json.merge('doc', '$', { n: null, extra: [1] })).toBe('OK');
  expect(await client.json.mSet([{ key: 'a', path: '$', value: 1 }, { key: 'b', path: '$', value: 'two' }])).toBe('OK');
  expect(await client.json.mGet(['doc', 'none', 'a'], '$.extra')).toEqual([[[1]], null, []]);
  expect(await client.json.clear('doc', { path: '$.extra' })).toBe(1);
  expect(await client.json.del('doc', { path: '$.tags' })).toBe(1);
  expect(await client.json.forget('doc', { path: '$.nothing' })).toBe(0);
  expect(await client.json.get('doc')).toEqual({ name: 'fakeredis', nested: { ok: false }, extra: [] });
  expect(await client.json.debugMemory('a')).toBe(8);
  expect(await client.type('doc')).toBe('ReJSON-RL');
  // No parent to create the key in: nil (json_set), and an error for a new key not at the root.
  expect(await client.json.set('doc', '$.x.y', 1)).toBeNull();
  await expect(client.json.set('new', '$.x', 1)).rejects.toThrow('ERR new objects must be created at the root');
}

async function connected(port: number, RESP: 2 | 3): Promise<Client> {
  const client = newClient(port, RESP);
  await client.connect();
  return client;
}

const bloom = referenceBinary('FAKEREDIS_REDISBLOOM');
const timeseries = referenceBinary(REDISTIMESERIES_ENV);
const binary = referenceBinary(referenceEnv('redis', '7.4')) ?? 'redis-server';

describe.each([2, 3] as const)("node-redis's module command groups over TCP (fakeredis Redis Stack), RESP%i", (RESP) => {
  it('bf, cf, cms, topK, tDigest and ts: the same results as redis-server with redisbloom.so and redistimeseries.so', async () => {
    const tcp = await new TcpFakeServer({ port: 0, server: new FakeStackServer() }).listen();
    const client = await connected(tcp.port!, RESP);
    let fake: unknown[];
    try {
      fake = await moduleCalls(client);
    } finally {
      await client.close();
      await tcp.close();
      tcp.server.close();
    }
    // Without the modules, what node-redis parsed is still checked for shape.
    expect(fake.filter((r) => typeof r === 'string' && r.startsWith('error: ')).length).toBe(3);
    if (bloom === undefined || timeseries === undefined) return;
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-stack-tcp-'));
    const real = await startRealServer(['--dir', dir, '--loadmodule', bloom, '--loadmodule', timeseries], binary);
    try {
      const realClient = await connected(real.port, RESP);
      try {
        expect(fake).toEqual(await moduleCalls(realClient));
      } finally {
        await realClient.close();
      }
    } finally {
      await real.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('json', async () => {
    const tcp = await new TcpFakeServer({ port: 0, server: new FakeStackServer() }).listen();
    const client = await connected(tcp.port!, RESP);
    try {
      await jsonCalls(client, RESP);
    } finally {
      await client.close();
      await tcp.close();
      tcp.server.close();
    }
  });
});
