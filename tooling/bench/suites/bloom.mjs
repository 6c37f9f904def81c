// Bloom filter figures (@fakeredis/stack's BloomCommands): 1e6 BF.ADD into a filter reserved
// for 1e6 items at 1%, then 1e6 BF.EXISTS (half present), against a bare Set's add / has
// (the floor) and SET / EXISTS on the same fake (a command's own cost); the false-positive
// rate seen; the module itself over loopback, pipelined, when FAKEREDIS_REDISBLOOM names a
// redisbloom.so built from source.
import { existsSync } from 'node:fs';
import { BloomCommands } from '@fakeredis/all';
import { coreMixins, FakeServer } from '@fakeredis/core';
import Redis from 'ioredis';
import { pipelined, report, startRedis, timed } from '../harness.mjs';

export async function run({ scale }) {
  const n = Math.max(1000, Math.round(1_000_000 * scale));
  const items = Array.from({ length: n }, (_, i) => `item:${i}`);
  const server = new FakeServer({ mixins: [...coreMixins, BloomCommands] });
  server.call('BF.RESERVE', 'bf', '0.01', String(n));
  const add = { name: 'server.call BF.ADD', result: timed(n, (i) => server.call('BF.ADD', 'bf', items[i])) };
  const set = new Set();
  const floor = { name: 'bare Set add', result: timed(n, (i) => set.add(items[i])) };
  const plain = { name: 'server.call SET (same keys)', result: timed(n, (i) => server.call('SET', items[i], '1')) };
  add.baseline = plain;
  let falsePositives = 0;
  const exists = {
    name: 'server.call BF.EXISTS (half absent)',
    result: timed(n, (i) => {
      const item = i % 2 === 0 ? items[i] : `absent:${i}`;
      if (server.call('BF.EXISTS', 'bf', item).value && i % 2 === 1) falsePositives++;
    }),
  };
  const has = { name: 'bare Set has', result: timed(n, (i) => set.has(items[i])) };
  const plainExists = { name: 'server.call EXISTS', result: timed(n, (i) => server.call('EXISTS', items[i])) };
  exists.baseline = plainExists;
  const rows = [add, plain, floor, exists, plainExists, has];
  const module = process.env.FAKEREDIS_REDISBLOOM;
  if (module && existsSync(module)) {
    const real = await startRedis(['--loadmodule', module]);
    const client = new Redis({ port: real.port, host: '127.0.0.1' });
    await client.call('BF.RESERVE', 'bf', '0.01', String(n));
    rows.push({ name: 'redisbloom.so BF.ADD over loopback, pipelined', result: await pipelined(client, n, (p, i) => p.call('BF.ADD', 'bf', items[i])), baseline: add });
    client.disconnect();
    real.stop();
  }
  report(`Bloom filter of ${n} items at 1%`, rows);
  console.log(`BF.EXISTS false positives: ${falsePositives} of ${Math.floor(n / 2)} absent items (${((100 * falsePositives) / Math.floor(n / 2)).toFixed(3)}%); fake BF.INFO Size ${server.call('BF.INFO', 'bf', 'SIZE').entries[0][1]} bytes`);
  server.close();
}
