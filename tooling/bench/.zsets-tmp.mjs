// Sorted set figures: ZADD of random scores to one key (1e5 and 1e6, server.call), to
// show O(log n) inserts (the 1e6 run's per-op cost should grow by ~log(1e6)/log(1e5), not
// 10x); ZRANK and ZRANGE BYSCORE LIMIT 0 10 on the big key; and 20,000 awaited ZADDs to
// one key through an ioredis client: fakeredis in memory, ioredis-mock, a real
// redis-server over loopback.
import { compose, createFakeIoredisClass } from '/work/main/packages/composer/.zsets-bench-dist/index.mjs';
import { coreMixins } from '@fakeredis/core';
import { SortedSetCommands } from '/work/main/packages/zsets/dist/index.mjs';
import Redis from 'ioredis';
import RedisMock from 'ioredis-mock';
import { measure, measureSync, report, startRedis } from '/work/main/tooling/bench/harness.mjs';

const ZsetServer = compose({ mixins: [...coreMixins, SortedSetCommands] });

/** A seeded xorshift, so every run adds the same scores. */
function scoresFor(n, seed = 12345) {
  let x = seed >>> 0;
  return Array.from({ length: n }, () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return String((x >>> 0) / 4294967296);
  });
}

function zaddRun(n) {
  const server = new ZsetServer({ seed: 1 });
  const scores = scoresFor(n);
  const members = Array.from({ length: n }, (_, i) => `member:${i}`);
  // No warm-up beyond measureSync's own (its first members are added again as updates).
  const result = measureSync(n, (i) => server.call('ZADD', 'z', scores[i], members[i]));
  if (server.call('ZCARD', 'z') !== n) throw new Error('ZADD bench: wrong cardinality');
  return { server, members, scores, result };
}

export async function run({ scale }) {
  const small = Math.max(1000, Math.round(100_000 * scale));
  const big = Math.max(10_000, Math.round(1_000_000 * scale));
  const smallRun = zaddRun(small);
  const bigRun = zaddRun(big);
  const smallRow = { name: `server.call ZADD random scores, ${small} members`, result: smallRun.result };
  const bigRow = { name: `server.call ZADD random scores, ${big} members`, result: bigRun.result, baseline: smallRow };
  report('ZADD to one key (O(log n) each)', [smallRow, bigRow]);
  console.log(`ZADD x${big / small} members took ${(bigRun.result.seconds / smallRun.result.seconds).toFixed(2)}x the time (n log n predicts ${((big * Math.log(big)) / (small * Math.log(small))).toFixed(1)}x)`);

  const queries = Math.round(100_000 * Math.min(scale, 1));
  const { server, members, scores } = bigRun;
  const rankBig = { name: `ZRANK on ${big} members`, result: measureSync(queries, (i) => server.call('ZRANK', 'z', members[(i * 7919) % big])) };
  const rankSmall = { name: `ZRANK on ${small} members`, result: measureSync(queries, (i) => smallRun.server.call('ZRANK', 'z', members[(i * 7919) % small])) };
  rankBig.baseline = rankSmall;
  const rangeBig = {
    name: `ZRANGE BYSCORE LIMIT 0 10 on ${big} members`,
    result: measureSync(queries, (i) => server.call('ZRANGE', 'z', scores[i % big], '+inf', 'BYSCORE', 'LIMIT', '0', '10')),
  };
  const rangeSmall = {
    name: `ZRANGE BYSCORE LIMIT 0 10 on ${small} members`,
    result: measureSync(queries, (i) => smallRun.server.call('ZRANGE', 'z', scores[i % small], '+inf', 'BYSCORE', 'LIMIT', '0', '10')),
  };
  rangeBig.baseline = rangeSmall;
  report('queries that must stay O(log n)', [rankBig, rankSmall, rangeBig, rangeSmall]);

  // 20,000 awaited ZADDs of random scores to one key through ioredis-style clients.
  const ops = Math.round(20_000 * scale);
  const clientScores = scoresFor(ops, 777);
  const zadd = (client) => (i) => client.zadd('z', clientScores[i], `member:${i}`);
  const FakeRedis = createFakeIoredisClass(ZsetServer);
  const fake = new FakeRedis({ server: new ZsetServer() });
  const fakeResult = await measure(ops, zadd(fake));
  fake.disconnect();
  const mock = new RedisMock();
  const mockResult = await measure(ops, zadd(mock));
  mock.disconnect();
  const redis = await startRedis();
  let realResult;
  if (redis) {
    const client = new Redis({ port: redis.port, host: '127.0.0.1' });
    realResult = await measure(ops, zadd(client));
    client.disconnect();
    redis.stop();
  }
  const rows = [
    { name: 'FakeRedis (ioredis RESP3, in-memory)', result: fakeResult },
    { name: 'ioredis-mock', result: mockResult },
    { name: 'ioredis -> redis-server (loopback)', result: realResult, note: 'no redis-server' },
  ];
  rows[0].baseline = rows[1];
  rows[2].baseline = rows[0];
  report(`awaited ZADDs of random scores to one key (${ops})`, rows);
}
