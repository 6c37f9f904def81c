// Issue #3's set figures: SADD of 1e6 members, O(1) reads on that set, SRANDMEMBER with a
// small count, SINTER of a big and a small set. server.call against a bare JS Set (the
// floor); O(1) commands are also timed on a small set, so the ratio shows they do not
// grow with the set; awaited ioredis calls to a real redis-server give the loopback scale.
import { coreMixins, FakeServer } from '@fakeredis/core';
import { SetCommands } from '@fakeredis/sets';
import Redis from 'ioredis';
import { measure, measureSync, report, startRedis } from '../harness.mjs';

export async function run({ scale }) {
  const n = Math.max(1000, Math.round(1_000_000 * scale));
  const members = Array.from({ length: n }, (_, i) => `member:${i}`);

  // SADD of n members, one per call (the warm-up's first members are added again, as no-ops).
  const server = new FakeServer({ mixins: [...coreMixins, SetCommands], seed: 1 });
  const saddResult = measureSync(n, (i) => server.call('SADD', 'big', members[i]));
  if (server.call('SCARD', 'big') !== n) throw new Error('SADD bench: wrong cardinality');
  const bare = new Set();
  const setResult = measureSync(n, (i) => bare.add(members[i]));
  const saddRow = { name: 'server.call SADD (one member per call)', result: saddResult };
  const setRow = { name: 'bare Set add', result: setResult };
  saddRow.baseline = setRow;
  report(`SADD of ${n} members`, [saddRow, setRow]);

  // O(1) reads: the same commands on the big set and on a 1000-member set.
  const small = 'small';
  server.call('SADD', small, ...members.slice(0, 1000));
  const reads = Math.round(1_000_000 * Math.min(scale, 1));
  const rows = [];
  for (const [label, command] of [
    ['SISMEMBER', (key, i) => server.call('SISMEMBER', key, members[i % 1000])],
    ['SCARD', (key) => server.call('SCARD', key)],
    ['SRANDMEMBER count 10', (key) => server.call('SRANDMEMBER', key, '10')],
  ]) {
    const onBig = { name: `${label} on ${n} members`, result: measureSync(reads / (label.startsWith('SRAND') ? 10 : 1), (i) => command('big', i)) };
    const onSmall = { name: `${label} on 1000 members`, result: measureSync(reads / (label.startsWith('SRAND') ? 10 : 1), (i) => command(small, i)) };
    onBig.baseline = onSmall;
    rows.push(onBig, onSmall);
  }
  report('reads that must not grow with the set', rows);

  // SINTER of the big set and a 100-member one: the small set is walked.
  server.call('SADD', 'hundred', ...members.slice(0, 50), ...Array.from({ length: 50 }, (_, i) => `other:${i}`));
  const inter = { name: `SINTER big(${n}) hundred(100)`, result: measureSync(100_000, () => server.call('SINTER', 'big', 'hundred')) };
  const interSmall = { name: 'SINTER small(1000) hundred(100)', result: measureSync(100_000, () => server.call('SINTER', small, 'hundred')) };
  inter.baseline = interSmall;
  report('SINTER walks the smallest set', [inter, interSmall]);

  // The same commands over loopback to a real redis-server, awaited one by one.
  const redis = await startRedis();
  if (!redis) {
    console.log('(no redis-server: loopback figures skipped)');
    return;
  }
  const client = new Redis({ port: redis.port, host: '127.0.0.1' });
  for (let i = 0; i < n; i += 1000) await client.sadd('big', ...members.slice(i, i + 1000));
  await client.sadd('hundred', ...members.slice(0, 50), ...Array.from({ length: 50 }, (_, i) => `other:${i}`));
  const ops = 20_000;
  const loop = [
    { name: 'ioredis -> redis-server SISMEMBER', result: await measure(ops, (i) => client.sismember('big', members[i % n])) },
    { name: 'ioredis -> redis-server SRANDMEMBER 10', result: await measure(ops, () => client.srandmember('big', 10)) },
    { name: 'ioredis -> redis-server SINTER big hundred', result: await measure(ops, () => client.sinter('big', 'hundred')) },
  ];
  report(`loopback scale (${n}-member set, awaited calls)`, loop);
  client.disconnect();
  redis.stop();
}
