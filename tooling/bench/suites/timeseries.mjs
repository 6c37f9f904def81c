// TimeSeries figures (@fakeredis/stack's TimeSeriesCommands): 1e6 TS.ADD into one compressed
// series (a sample a second, slowly changing values), then TS.RANGE over all of it with
// AGGREGATION avg per minute and per hour, against SET on the same fake (a command's own
// cost); the module itself over loopback when FAKEREDIS_REDISTIMESERIES names a
// redistimeseries.so built from source.
import { existsSync } from 'node:fs';
import { TimeSeriesCommands } from '@fakeredis/all';
import { coreMixins, FakeServer } from '@fakeredis/core';
import Redis from 'ioredis';
import { pipelined, report, startRedis, timed } from '../harness.mjs';

export async function run({ scale }) {
  const n = Math.max(1000, Math.round(1_000_000 * scale));
  const ts = Array.from({ length: n }, (_, i) => String(1_700_000_000_000 + i * 1000));
  const values = Array.from({ length: n }, (_, i) => String(Math.round(Math.sin(i / 500) * 1000) / 10));
  const server = new FakeServer({ mixins: [...coreMixins, TimeSeriesCommands] });
  server.call('TS.CREATE', 'ts');
  const add = { name: 'server.call TS.ADD', result: timed(n, (i) => server.call('TS.ADD', 'ts', ts[i], values[i])) };
  const plain = { name: 'server.call SET', result: timed(n, (i) => server.call('SET', `k${i}`, values[i])) };
  add.baseline = plain;
  const ranges = 5;
  const minute = { name: `TS.RANGE - + AGGREGATION avg 60000 over ${n} samples`, result: timed(ranges, () => server.call('TS.RANGE', 'ts', '-', '+', 'AGGREGATION', 'avg', '60000')) };
  const hour = { name: `TS.RANGE - + AGGREGATION max 3600000 over ${n} samples`, result: timed(ranges, () => server.call('TS.RANGE', 'ts', '-', '+', 'AGGREGATION', 'max', '3600000')) };
  const rows = [add, plain, minute, hour];
  const module = process.env.FAKEREDIS_REDISTIMESERIES;
  if (module && existsSync(module)) {
    const real = await startRedis(['--loadmodule', module]);
    const client = new Redis({ port: real.port, host: '127.0.0.1' });
    await client.call('TS.CREATE', 'ts');
    rows.push({ name: 'redistimeseries.so TS.ADD over loopback, pipelined', result: await pipelined(client, n, (p, i) => p.call('TS.ADD', 'ts', ts[i], values[i])), baseline: add });
    const start = process.hrtime.bigint();
    for (let i = 0; i < ranges; i++) await client.call('TS.RANGE', 'ts', '-', '+', 'AGGREGATION', 'avg', '60000');
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rows.push({ name: 'redistimeseries.so TS.RANGE avg 60000 over loopback', result: { ops: ranges, seconds, opsPerSec: ranges / seconds }, baseline: minute });
    client.disconnect();
    real.stop();
  }
  report(`TimeSeries of ${n} samples`, rows);
  const info = server.call('TS.INFO', 'ts').entries;
  console.log(`fake TS.INFO: ${info[5][1]} chunks, memoryUsage ${info[1][1]} bytes`);
  server.close();
}
