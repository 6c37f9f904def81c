// Issue #21's row: a pipelined SET+GET workload through ioredis's Cluster client, against
// a FakeCluster in process (3 masters, node connections in memory) and a real 3-master
// Redis 7.0 cluster on loopback, interleaved in one run. Each pipeline keeps to one hash
// tag (ioredis sends a pipeline to one node); successive pipelines go to every node.
import { compose } from '@fakeredis/composer';
import { coreMixins, overrideCommands } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { ClusterCommands, FakeCluster } from '@fakeredis/cluster';
import Redis from 'ioredis';
import { formatRate, interleaved, startRedisCluster } from '../harness.mjs';

const PIPELINE = 100;

/** One pipeline: PIPELINE / 2 SETs and as many GETs of keys tagged with the batch. */
async function batch(client, b) {
  const pipeline = client.pipeline();
  for (let i = 0; i < PIPELINE / 2; i++) pipeline.set(`{t${b % 997}}:${i}`, `value:${b}:${i}`);
  for (let i = 0; i < PIPELINE / 2; i++) pipeline.get(`{t${b % 997}}:${i}`);
  await pipeline.exec();
}

export async function run({ scale }) {
  const batches = Math.max(30, Math.round(2000 * scale));
  const rounds = Math.max(3, Number(process.env.FAKEREDIS_BENCH_ROUNDS ?? 5));
  const Server = compose({ mixins: overrideCommands([...coreMixins, StringCommands], ClusterCommands) });
  const fake = new FakeCluster({ Server, masters: 3 });
  const fakeClient = fake.ioredis();
  await fakeClient.set('warm', '1');
  const real = await startRedisCluster(3);
  let realClient;
  if (real) {
    realClient = new Redis.Cluster(real.ports.map((port) => ({ host: '127.0.0.1', port })));
    await realClient.set('warm', '1');
  }
  const cases = [{ fn: (b) => batch(fakeClient, b) }];
  if (realClient) cases.push({ fn: (b) => batch(realClient, b) });
  const [fakeResult, realResult] = await interleaved(batches, rounds, cases);
  const perCommand = (r) => r && { ops: r.ops * PIPELINE, seconds: r.seconds, opsPerSec: r.opsPerSec * PIPELINE };
  const f = perCommand(fakeResult);
  const r = perCommand(realResult);
  console.log(`\n## ioredis Cluster, pipelines of ${PIPELINE} (SET+GET), ${batches} pipelines, ${rounds} interleaved rounds (medians)`);
  console.log('| case | commands | commands/s | ratio |');
  console.log('| --- | ---: | ---: | --- |');
  console.log(`| FakeCluster in process (3 masters) | ${f.ops} | ${formatRate(f.opsPerSec)} | ${r ? `${(f.opsPerSec / r.opsPerSec).toFixed(2)}x redis-server cluster` : 'no redis-server'} |`);
  if (r) console.log(`| redis-server 3-master cluster, loopback | ${r.ops} | ${formatRate(r.opsPerSec)} | |`);
  await fakeClient.quit();
  fake.close();
  if (realClient) await realClient.quit();
  real?.stop();
}
