import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { SetCommands } from '@fakeredis/sets';
import { StreamCommands } from '@fakeredis/streams';
import { StringCommands } from '@fakeredis/strings';
import { type Arg, connectFake, connectReal, redisServerAvailable, type RealServer, startRealServer, type Wire, type WireConnection } from '@fakeredis/tooling/conformance';
import { SortedSetCommands } from '@fakeredis/zsets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreMixins } from '../../src/index.js';
import { serverForConformance } from '../server/fixtures.js';

/**
 * How close the fake's used_memory (its own accounting: each key as MEMORY USAGE sizes
 * it, plus the tables) comes to Redis's: the same keys are loaded into both, and the
 * growth of INFO used_memory is compared per data set. The figures are in the README
 * (Memory); each ratio must stay within the band stated there.
 */
const mixins = [...coreMixins, StringCommands, ListCommands, SetCommands, HashCommands, SortedSetCommands, StreamCommands];

const N = 20_000;
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const fields = (n: number, f: (i: number) => Arg[]) => range(n).flatMap(f);

interface DataSet {
  name: string;
  commands: Arg[][];
}

const DATA: DataSet[] = [
  { name: `${N} short strings`, commands: range(N).map((i) => ['SET', `key:${i}`, `value-${i}`]) },
  { name: `${N} integers`, commands: range(N).map((i) => ['SET', `int:${i}`, String(100_000 + i)]) },
  { name: `${N} 200-byte strings with TTL`, commands: range(N).map((i) => ['SET', `ttl:${i}`, 'x'.repeat(200), 'EX', '1000']) },
  { name: `${N} lists of 10`, commands: range(N).map((i) => ['RPUSH', `list:${i}`, ...range(10).map((j) => `element-${j}`)]) },
  { name: `${N} sets of 10 (hashtable in 7.0)`, commands: range(N).map((i) => ['SADD', `set:${i}`, ...range(10).map((j) => `m${j}`)]) },
  { name: `${N} hashes of 10`, commands: range(N).map((i) => ['HSET', `hash:${i}`, ...fields(10, (j) => [`f${j}`, `v${j}`])]) },
  { name: `${N} sorted sets of 10`, commands: range(N).map((i) => ['ZADD', `zset:${i}`, ...fields(10, (j) => [String(j), `m${j}`])]) },
  { name: `${N} streams of 5 entries`, commands: range(N).flatMap((i) => range(5).map((j) => ['XADD', `stream:${i}`, `${j + 1}-0`, 'f', `v${j}`])) },
  { name: 'one list of 50000', commands: range(500).map((k) => ['RPUSH', 'biglist', ...range(100).map((j) => `element-${k}-${j}`)]) },
  { name: 'one set of 50000 (hashtable)', commands: range(500).map((k) => ['SADD', 'bigset', ...range(100).map((j) => `member-${k}-${j}`)]) },
  { name: 'one hash of 50000 (hashtable)', commands: range(500).map((k) => ['HSET', 'bighash', ...fields(100, (j) => [`f-${k}-${j}`, `v${j}`])]) },
  { name: 'one sorted set of 50000 (skiplist)', commands: range(500).map((k) => ['ZADD', 'bigzset', ...fields(100, (j) => [String(k * 100 + j), `m-${k}-${j}`])]) },
];

function usedMemory(reply: Wire): number {
  const text = reply.t === 'bulk' || reply.t === 'verbatim' ? reply.v : '';
  const line = text.split('\r\n').find((l) => l.startsWith('used_memory:'));
  return Number(line?.slice('used_memory:'.length));
}

async function growth(conn: WireConnection, commands: Arg[][]): Promise<number> {
  await conn.send(['FLUSHALL']);
  await conn.send(['PING']);
  const before = usedMemory(await conn.send(['INFO', 'memory']));
  for (let i = 0; i < commands.length; i += 20) await Promise.all(commands.slice(i, i + 20).map((cmd) => conn.send(cmd)));
  await conn.send(['PING']);
  const after = usedMemory(await conn.send(['INFO', 'memory']));
  return after - before;
}

describe.skipIf(!redisServerAvailable())('used_memory against redis-server', () => {
  let real: RealServer;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(async () => {
    await real?.stop();
  });

  it('grows by about what Redis grows by, per data set', async () => {
    const fake = serverForConformance({}, mixins);
    const r = await connectReal(real.port);
    const f = connectFake(fake);
    const rows: string[] = [];
    try {
      for (const data of DATA) {
        const redis = await growth(r.conn, data.commands);
        const ours = await growth(f.conn, data.commands);
        const ratio = ours / redis;
        rows.push(`| ${data.name} | ${redis} | ${ours} | ${ratio.toFixed(3)} |`);
        expect(ratio, data.name).toBeGreaterThan(0.8);
        expect(ratio, data.name).toBeLessThan(1.15);
      }
    } finally {
      console.log(['| data set | Redis 7.0.15 | fake | fake / Redis |', '|---|---|---|---|', ...rows].join('\n'));
      r.close();
      f.close();
      fake.close();
    }
  }, 120_000);
});
