// Issue #3's hash figures: a hash of 1e6 fields (HSET one field per command), HGET and
// HLEN on it, HRANDFIELD with a small count. server.call against a bare Map (the
// floor); ioredis-mock and a real redis-server over loopback, pipelined, for reference.
import { coreMixins, FakeServer } from '@fakeredis/core';
import { HashCommands } from '@fakeredis/hashes';
import Redis from 'ioredis';
import RedisMock from 'ioredis-mock';
import { measure, measureSync, report, startRedis } from '../harness.mjs';

const PIPELINE = 1000;

/** Runs `ops` commands through an ioredis-like client in pipelines of PIPELINE. */
async function pipelined(client, ops, add) {
  return measure(Math.ceil(ops / PIPELINE), async (batch) => {
    const pipeline = client.pipeline();
    for (let i = batch * PIPELINE; i < Math.min(ops, (batch + 1) * PIPELINE); i++) add(pipeline, i);
    await pipeline.exec();
  }, { warmup: 0 });
}

/** A pipelined result counts commands, not batches. */
function perCommand(result, ops) {
  return result && { ops, seconds: result.seconds, opsPerSec: ops / result.seconds };
}

export async function run({ scale }) {
  const n = Math.round(1_000_000 * scale);
  const reads = Math.round(1_000_000 * scale);
  const randoms = Math.round(100_000 * scale);
  const field = (i) => `field:${i % n}`;

  const server = new FakeServer({ mixins: [...coreMixins, HashCommands] });
  const map = new Map();
  const hset = measureSync(n, (i) => server.call('HSET', 'big', field(i), `value:${i}`));
  const mapSet = measureSync(n, (i) => map.set(field(i), `value:${i}`));
  const hget = measureSync(reads, (i) => server.call('HGET', 'big', field(i * 7919)));
  const mapGet = measureSync(reads, (i) => map.get(field(i * 7919)));
  const hlen = measureSync(reads, () => server.call('HLEN', 'big'));
  const hrandfield = measureSync(randoms, () => server.call('HRANDFIELD', 'big', '10'));
  const hrandfieldValues = measureSync(randoms, () => server.call('HRANDFIELD', 'big', '-10', 'WITHVALUES'));
  console.log(`\nhash of ${server.call('HLEN', 'big')} fields, encoding ${server.call('OBJECT', 'ENCODING', 'big')}`);

  // ioredis-mock copies a hash on every write (quadratic): it gets a small hash only.
  const mockFields = Math.min(n, 5000);
  const mock = new RedisMock();
  const mockHset = perCommand(await pipelined(mock, mockFields, (p, i) => p.hset('big', `field:${i}`, `value:${i}`)), mockFields);
  const mockHget = perCommand(await pipelined(mock, mockFields, (p, i) => p.hget('big', `field:${(i * 7919) % mockFields}`)), mockFields);
  mock.disconnect();

  let realHset;
  let realHget;
  let realRandom;
  const redis = await startRedis();
  if (redis) {
    const client = new Redis({ port: redis.port, host: '127.0.0.1' });
    realHset = perCommand(await pipelined(client, n, (p, i) => p.hset('big', field(i), `value:${i}`)), n);
    realHget = perCommand(await pipelined(client, reads, (p, i) => p.hget('big', field(i * 7919))), reads);
    realRandom = perCommand(await pipelined(client, randoms, (p) => p.hrandfield('big', 10)), randoms);
    client.disconnect();
    redis.stop();
  }

  const rows = (name, fake, floor, others = []) => {
    const fakeRow = { name: `server.call ${name}`, result: fake };
    const floorRow = floor && { name: 'bare Map', result: floor };
    if (floorRow) fakeRow.baseline = floorRow;
    const out = [fakeRow, ...(floorRow ? [floorRow] : [])];
    for (const [label, result] of others) out.push({ name: label, result, baseline: fakeRow, note: 'no redis-server' });
    return out;
  };
  report(`HSET of ${n} fields (one per command)`, rows('HSET', hset, mapSet, [[`ioredis-mock, pipelined (${mockFields} fields)`, mockHset], ['redis-server, pipelined', realHset]]));
  report(`HGET on the ${n}-field hash (${reads})`, rows('HGET', hget, mapGet, [[`ioredis-mock, pipelined (${mockFields} fields)`, mockHget], ['redis-server, pipelined', realHget]]));
  report(`HLEN on the ${n}-field hash (${reads})`, rows('HLEN', hlen, undefined));
  report(`HRANDFIELD count 10 on the ${n}-field hash (${randoms})`, [
    ...rows('HRANDFIELD big 10', hrandfield, undefined, [['redis-server, pipelined', realRandom]]),
    { name: 'server.call HRANDFIELD big -10 WITHVALUES', result: hrandfieldValues },
  ]);
}
