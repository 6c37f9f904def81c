// Top-K and t-digest figures (@fakeredis/stack's TopKCommands and TDigestCommands): 1e6
// TOPK.ADD of a skewed stream into a k=50 sketch (2000 x 7, decay 0.925; most adds collide
// and draw), 1e6 samples through TDIGEST.ADD (100 a call, compression 100) and TDIGEST.QUANTILE
// of five quantiles, against SET on the same fake (a command's own cost); the module itself
// over loopback, pipelined, when FAKEREDIS_REDISBLOOM names a redisbloom.so built from source.
import { existsSync } from 'node:fs';
import { TDigestCommands, TopKCommands } from '@fakeredis/all';
import { coreMixins, FakeServer } from '@fakeredis/core';
import Redis from 'ioredis';
import { pipelined, report, startRedis, timed } from '../harness.mjs';

export async function run({ scale }) {
  const n = Math.max(1000, Math.round(1_000_000 * scale));
  // A Zipf-like stream: item i of 100,000 with weight about 1/i.
  let x = 1;
  const items = Array.from({ length: n }, () => {
    x = (x * 48271) % 2147483647;
    return `item:${Math.floor(100_000 ** (x / 2147483647))}`;
  });
  const batches = Math.ceil(n / 100);
  const samples = Array.from({ length: batches }, (_, b) => Array.from({ length: 100 }, (_, j) => String(((b * 100 + j) * 7919) % 100003 / 7)));
  const server = new FakeServer({ mixins: [...coreMixins, TopKCommands, TDigestCommands] });
  server.call('TOPK.RESERVE', 'tk', '50', '2000', '7', '0.925');
  const add = { name: 'server.call TOPK.ADD', result: timed(n, (i) => server.call('TOPK.ADD', 'tk', items[i])) };
  const plain = { name: 'server.call SET', result: timed(n, (i) => server.call('SET', items[i], '1')) };
  add.baseline = plain;
  server.call('TDIGEST.CREATE', 'td', 'COMPRESSION', '100');
  const tdAdd = { name: 'server.call TDIGEST.ADD (100 samples a call)', result: timed(batches, (b) => server.call('TDIGEST.ADD', 'td', ...samples[b])) };
  const quantile = { name: 'server.call TDIGEST.QUANTILE (5 quantiles)', result: timed(100_000 * Math.min(1, scale * 10), () => server.call('TDIGEST.QUANTILE', 'td', '0.01', '0.25', '0.5', '0.75', '0.99')) };
  const rows = [add, plain, tdAdd, quantile];
  const module = process.env.FAKEREDIS_REDISBLOOM;
  if (module && existsSync(module)) {
    const real = await startRedis(['--loadmodule', module]);
    const client = new Redis({ port: real.port, host: '127.0.0.1' });
    await client.call('TOPK.RESERVE', 'tk', '50', '2000', '7', '0.925');
    rows.push({ name: 'redisbloom.so TOPK.ADD over loopback, pipelined', result: await pipelined(client, n, (p, i) => p.call('TOPK.ADD', 'tk', items[i])), baseline: add });
    await client.call('TDIGEST.CREATE', 'td', 'COMPRESSION', '100');
    rows.push({ name: 'redisbloom.so TDIGEST.ADD (100 a call) over loopback, pipelined', result: await pipelined(client, batches, (p, b) => p.call('TDIGEST.ADD', 'td', ...samples[b])), baseline: tdAdd });
    client.disconnect();
    real.stop();
  }
  report(`Top-K of ${n} adds and t-digest of ${batches * 100} samples`, rows);
  console.log(`fake TOPK.LIST head: ${server.call('TOPK.LIST', 'tk').slice(0, 5).join(' ')}; TDIGEST.INFO merged nodes ${server.call('TDIGEST.INFO', 'td').entries[2][1]}`);
  server.close();
}
