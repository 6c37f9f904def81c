// List figures: LPUSH of 1e6 elements then RPOP of all of them (a queue), LRANGE windows
// (head, middle, tail) and LINDEX near the ends of a 1e6-element list. server.call
// against a bare Array (the floor) for the queue; reads on the big list against the
// same reads on a 1000-element list, so the ratio shows they do not grow with the list;
// ioredis-mock and a real redis-server over loopback, pipelined, for reference.
import { coreMixins, FakeServer } from '@fakeredis/core';
import { ListCommands } from '@fakeredis/lists';
import Redis from 'ioredis';
import RedisMock from 'ioredis-mock';
import { measureSync, pipelined, report, startRedis, timed } from '../harness.mjs';


export async function run({ scale }) {
  const n = Math.max(1000, Math.round(1_000_000 * scale));
  const reads = Math.max(1000, Math.round(1_000_000 * Math.min(scale, 1)));
  const elements = Array.from({ length: n }, (_, i) => `element:${i}`);

  // A queue: LPUSH every element, then RPOP every one (one per call).
  const server = new FakeServer({ mixins: [...coreMixins, ListCommands] });
  const lpush = timed(n, (i) => server.call('LPUSH', 'queue', elements[i]));
  if (server.call('LLEN', 'queue') !== n) throw new Error('LPUSH bench: wrong length');
  const rpop = timed(n, (i) => {
    if (server.call('RPOP', 'queue') !== elements[i]) throw new Error('RPOP bench: wrong element');
  });
  if (server.call('EXISTS', 'queue') !== 0) throw new Error('RPOP bench: the queue is not empty');
  const array = [];
  const arrayPush = timed(n, (i) => array.push(elements[i]));
  const arrayPop = timed(n, () => array.pop());
  const lpushRow = { name: 'server.call LPUSH (one element per call)', result: lpush };
  const rpopRow = { name: 'server.call RPOP (one element per call)', result: rpop };
  const pushFloor = { name: 'bare Array push', result: arrayPush };
  const popFloor = { name: 'bare Array pop', result: arrayPop };
  lpushRow.baseline = pushFloor;
  rpopRow.baseline = popFloor;

  // ioredis-mock keeps lists in arrays: LPUSH is an unshift, so it gets a small queue only.
  const mockN = Math.min(n, 20_000);
  const mock = new RedisMock();
  const mockLpush = await pipelined(mock, mockN, (p, i) => p.lpush('queue', elements[i]));
  const mockRpop = await pipelined(mock, mockN, (p) => p.rpop('queue'));
  mock.disconnect();
  report(`LPUSH of ${n} elements, then RPOP of all of them`, [
    lpushRow, pushFloor, rpopRow, popFloor,
    { name: `ioredis-mock LPUSH, pipelined (${mockN} elements)`, result: mockLpush, baseline: lpushRow },
    { name: `ioredis-mock RPOP, pipelined (${mockN} elements)`, result: mockRpop, baseline: rpopRow },
  ]);

  // Reads on a big and a small list.
  for (let i = 0; i < n; i += 1000) server.call('RPUSH', 'big', ...elements.slice(i, i + 1000));
  server.call('RPUSH', 'small', ...elements.slice(0, 1000));
  const mid = (len) => Math.floor(len / 2) - 50;
  const windows = [
    ['LRANGE 0 9', () => ['0', '9']],
    ['LRANGE middle 100', (len) => [String(mid(len)), String(mid(len) + 99)]],
    ['LRANGE -10 -1 (last 10)', () => ['-10', '-1']],
  ];
  const rows = [];
  for (const [label, range] of windows) {
    const bigArgs = range(n);
    const smallArgs = range(1000);
    const onBig = { name: `${label} on ${n} elements`, result: measureSync(reads / 10, () => server.call('LRANGE', 'big', ...bigArgs)) };
    const onSmall = { name: `${label} on 1000 elements`, result: measureSync(reads / 10, () => server.call('LRANGE', 'small', ...smallArgs)) };
    onBig.baseline = onSmall;
    rows.push(onBig, onSmall);
  }
  for (const index of ['0', '5', '-1', '-6']) {
    const onBig = { name: `LINDEX ${index} on ${n} elements`, result: measureSync(reads, () => server.call('LINDEX', 'big', index)) };
    const onSmall = { name: `LINDEX ${index} on 1000 elements`, result: measureSync(reads, () => server.call('LINDEX', 'small', index)) };
    onBig.baseline = onSmall;
    rows.push(onBig, onSmall);
  }
  const middle = String(Math.floor(n / 2));
  rows.push({ name: `LINDEX ${middle} (the middle) on ${n} elements`, result: measureSync(reads, () => server.call('LINDEX', 'big', middle)) });
  report('reads that must not grow with the list', rows);

  // The same over loopback to a real redis-server, pipelined.
  const redis = await startRedis();
  if (!redis) {
    console.log('(no redis-server: loopback figures skipped)');
    return;
  }
  const client = new Redis({ port: redis.port, host: '127.0.0.1' });
  const realLpush = await pipelined(client, n, (p, i) => p.lpush('queue', elements[i]));
  const realRpop = await pipelined(client, n, (p) => p.rpop('queue'));
  for (let i = 0; i < n; i += 1000) await client.rpush('big', ...elements.slice(i, i + 1000));
  const ops = Math.min(reads, 100_000);
  const loop = [
    { name: 'redis-server LPUSH, pipelined', result: realLpush, baseline: lpushRow },
    { name: 'redis-server RPOP, pipelined', result: realRpop, baseline: rpopRow },
    { name: 'redis-server LRANGE 0 9, pipelined', result: await pipelined(client, ops, (p) => p.lrange('big', 0, 9)) },
    { name: 'redis-server LRANGE middle 100, pipelined', result: await pipelined(client, ops, (p) => p.lrange('big', mid(n), mid(n) + 99)) },
    { name: 'redis-server LINDEX -1, pipelined', result: await pipelined(client, ops, (p) => p.lindex('big', -1)) },
  ];
  report(`loopback scale (${n}-element list)`, loop);
  client.disconnect();
  redis.stop();
}
