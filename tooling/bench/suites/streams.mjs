// Stream figures: 1e6 XADD (one entry per call) against a bare Array push (the floor);
// XRANGE of 10 entries at the start, middle and end of a 1e6-entry stream against the
// same on a 1000-entry stream (the ratio shows they do not grow with the stream);
// XREADGROUP + XACK throughput; memory per entry as MEMORY USAGE reports it, fake and
// real; ioredis-mock and a real redis-server over loopback, pipelined, for reference.
import { coreMixins, FakeServer } from '@fakeredis/core';
import { StreamCommands } from '@fakeredis/streams';
import Redis from 'ioredis';
import RedisMock from 'ioredis-mock';
import { measureSync, pipelined, report, startRedis, timed } from '../harness.mjs';

const id = (i) => `${1_000_000 + i}-0`;

export async function run({ scale }) {
  const n = Math.max(1000, Math.round(1_000_000 * scale));
  const reads = Math.max(1000, Math.round(100_000 * Math.min(scale, 1)));
  const values = Array.from({ length: 1000 }, (_, i) => `value:${i}`);

  // 1e6 XADD with explicit ids (the same work as '*', without the clock).
  const server = new FakeServer({ mixins: [...coreMixins, StreamCommands] });
  const xadd = timed(n, (i) => server.call('XADD', 'big', id(i), 'field', values[i % 1000], 'n', String(i)));
  if (server.call('XLEN', 'big') !== n) throw new Error('XADD bench: wrong length');
  const array = [];
  const arrayPush = timed(n, (i) => array.push([id(i), ['field', values[i % 1000], 'n', String(i)]]));
  const xaddRow = { name: 'server.call XADD (one entry per call)', result: xadd };
  const floor = { name: 'bare Array push of [id, fields]', result: arrayPush };
  xaddRow.baseline = floor;
  const mockN = Math.min(n, 20_000);
  const mock = new RedisMock();
  // ioredis-mock shares its data between instances: the hashes suite left a hash at 'big'.
  await mock.flushall();
  const mockXadd = await pipelined(mock, mockN, (p, i) => p.xadd('big', id(i), 'field', values[i % 1000], 'n', String(i)));
  report(`XADD of ${n} entries`, [xaddRow, floor, { name: `ioredis-mock XADD, pipelined (${mockN} entries)`, result: mockXadd, baseline: xaddRow }]);

  // XRANGE windows on the big stream and on a small one.
  for (let i = 0; i < 1000; i++) server.call('XADD', 'small', id(i), 'field', values[i], 'n', String(i));
  const windows = [
    ['XRANGE start COUNT 10', (len) => [id(0), '+']],
    ['XRANGE middle COUNT 10', (len) => [id(Math.floor(len / 2)), '+']],
    ['XREVRANGE end COUNT 10', (len) => ['+', '-']],
  ];
  const rows = [];
  for (const [label, range] of windows) {
    const cmd = label.startsWith('XREV') ? 'XREVRANGE' : 'XRANGE';
    const bigArgs = range(n);
    const smallArgs = range(1000);
    const onBig = { name: `${label} on ${n} entries`, result: measureSync(reads, () => server.call(cmd, 'big', ...bigArgs, 'COUNT', '10')) };
    const onSmall = { name: `${label} on 1000 entries`, result: measureSync(reads, () => server.call(cmd, 'small', ...smallArgs, 'COUNT', '10')) };
    onBig.baseline = onSmall;
    rows.push(onBig, onSmall);
  }
  report('XRANGE of 10 entries must not grow with the stream', rows);

  // Consumer group throughput: read 10, ack 10.
  server.call('XGROUP', 'CREATE', 'big', 'g', '0');
  const batches = Math.min(Math.floor(n / 10), reads);
  const consume = timed(batches, () => {
    const reply = server.call('XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '10', 'STREAMS', 'big', '>');
    const entries = reply.entries[0][1];
    server.call('XACK', 'big', 'g', ...entries.map((e) => e[0]));
  });
  report('XREADGROUP COUNT 10 + XACK of the 10', [{ name: `${batches} rounds (${batches * 10} entries)`, result: consume }]);

  // Memory per entry.
  const fakeBytes = server.call('MEMORY', 'USAGE', 'big', 'SAMPLES', '0');
  console.log(`fake MEMORY USAGE of ${n} entries (with a group of ${batches * 10} acked): ${fakeBytes} bytes, ${(fakeBytes / n).toFixed(2)} bytes/entry`);
  const redis = await startRedis();
  if (!redis) {
    console.log('(no redis-server: loopback figures skipped)');
    return;
  }
  const client = new Redis({ port: redis.port, host: '127.0.0.1' });
  const realXadd = await pipelined(client, n, (p, i) => p.xadd('big', id(i), 'field', values[i % 1000], 'n', String(i)));
  await client.xgroup('CREATE', 'big', 'g', '0');
  for (let b = 0; b < batches; b++) {
    const reply = await client.xreadgroup('GROUP', 'g', 'c', 'COUNT', 10, 'STREAMS', 'big', '>');
    await client.xack('big', 'g', ...reply[0][1].map((e) => e[0]));
    if (b > 2000) break;
  }
  const realBytes = await client.memory('USAGE', 'big', 'SAMPLES', 0);
  console.log(`redis-server MEMORY USAGE of ${n} entries: ${realBytes} bytes, ${(realBytes / n).toFixed(2)} bytes/entry`);
  const ops = Math.min(reads, 100_000);
  report(`loopback scale (${n}-entry stream)`, [
    { name: 'redis-server XADD, pipelined', result: realXadd, baseline: xaddRow },
    { name: 'redis-server XRANGE middle COUNT 10, pipelined', result: await pipelined(client, ops, (p) => p.xrange('big', id(Math.floor(n / 2)), '+', 'COUNT', 10)) },
  ]);
  client.disconnect();
  redis.stop();
}
