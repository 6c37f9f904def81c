// Cuckoo filter and Count-min sketch figures (@fakeredis/stack's CuckooCommands and
// CountMinSketchCommands): 1e6 CF.ADD into a filter reserved for 1e6 items, 1e6 CF.EXISTS
// (half absent), 1e6 CMS.INCRBY and CMS.QUERY on a 2000 x 7 sketch (CMS.INITBYPROB 0.001
// 0.01), each against SET / EXISTS on the same fake (a command's own cost); the
// false-positive rate seen; the module itself over loopback, pipelined, when
// FAKEREDIS_REDISBLOOM names a redisbloom.so built from source.
import { existsSync } from 'node:fs';
import { CountMinSketchCommands, CuckooCommands } from '@fakeredis/all';
import { coreMixins, FakeServer } from '@fakeredis/core';
import Redis from 'ioredis';
import { pipelined, report, startRedis, timed } from '../harness.mjs';

export async function run({ scale }) {
  const n = Math.max(1000, Math.round(1_000_000 * scale));
  const items = Array.from({ length: n }, (_, i) => `item:${i}`);
  const server = new FakeServer({ mixins: [...coreMixins, CuckooCommands, CountMinSketchCommands] });
  server.call('CF.RESERVE', 'cf', String(n));
  server.call('CMS.INITBYPROB', 'cms', '0.001', '0.01');
  const plain = { name: 'server.call SET (same keys)', result: timed(n, (i) => server.call('SET', items[i], '1')) };
  const plainExists = { name: 'server.call EXISTS', result: timed(n, (i) => server.call('EXISTS', items[i])) };
  const add = { name: 'server.call CF.ADD', result: timed(n, (i) => server.call('CF.ADD', 'cf', items[i])), baseline: plain };
  let falsePositives = 0;
  const exists = {
    name: 'server.call CF.EXISTS (half absent)',
    result: timed(n, (i) => {
      const item = i % 2 === 0 ? items[i] : `absent:${i}`;
      if (server.call('CF.EXISTS', 'cf', item).value && i % 2 === 1) falsePositives++;
    }),
    baseline: plainExists,
  };
  const incr = { name: 'server.call CMS.INCRBY', result: timed(n, (i) => server.call('CMS.INCRBY', 'cms', items[i % 1000], '1')), baseline: plain };
  const query = { name: 'server.call CMS.QUERY', result: timed(n, (i) => server.call('CMS.QUERY', 'cms', items[i % 1000])), baseline: plainExists };
  const rows = [add, exists, incr, query, plain, plainExists];
  const module = process.env.FAKEREDIS_REDISBLOOM;
  if (module && existsSync(module)) {
    const real = await startRedis(['--loadmodule', module]);
    const client = new Redis({ port: real.port, host: '127.0.0.1' });
    await client.call('CF.RESERVE', 'cf', String(n));
    await client.call('CMS.INITBYPROB', 'cms', '0.001', '0.01');
    rows.push({ name: 'redisbloom.so CF.ADD over loopback, pipelined', result: await pipelined(client, n, (p, i) => p.call('CF.ADD', 'cf', items[i])), baseline: add });
    rows.push({ name: 'redisbloom.so CMS.INCRBY over loopback, pipelined', result: await pipelined(client, n, (p, i) => p.call('CMS.INCRBY', 'cms', items[i % 1000], '1')), baseline: incr });
    client.disconnect();
    real.stop();
  }
  report(`Cuckoo filter of ${n} items, Count-min sketch 2000 x 7`, rows);
  const info = server.call('CF.INFO', 'cf').entries;
  console.log(`CF.EXISTS false positives: ${falsePositives} of ${Math.floor(n / 2)} absent items (${((100 * falsePositives) / Math.floor(n / 2)).toFixed(3)}%); fake CF.INFO Size ${info[0][1]} bytes, ${info[2][1]} sub-filters`);
  server.close();
}
