import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compose } from '@fakeredis/composer';
import { coreMixins, overrideCommands } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { connectFake, connectReal, showWire, type WireConnection } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { ClusterCommands, clusterState, FakeCluster } from '../../src/index.js';
import { type RealCluster, startRealCluster } from './real-cluster.js';

/**
 * Redis 7.2's cluster additions against a real 7.2 cluster (the reference binary
 * FAKEREDIS_REDIS_7_2 names, with its redis-cli; skipped without it): CLUSTER MYSHARDID
 * (a master's own random shard id, shared by its replicas, kept by a replica promoted in
 * its place), HELP, and NODES / SHARDS, which show no shard id to clients in 7.2.
 * Node ids are written `<id:N>` (N the node's port order), shard ids `<shard:N>` (in the
 * order the nodes, by port, report them).
 */
const binary = referenceBinary(referenceEnv('redis', '7.2'));
const Server72 = compose({ version: '7.2', mixins: overrideCommands([...coreMixins, StringCommands], ClusterCommands) });

describe.skipIf(binary === undefined)('cluster conformance with a real Redis 7.2 cluster', () => {
  let real: RealCluster;
  let fake: FakeCluster;
  const realConns: WireConnection[] = [];
  const fakeConns: WireConnection[] = [];
  const closers: Array<() => void> = [];

  beforeAll(async () => {
    real = await startRealCluster(3, 1, binary as string);
    fake = new FakeCluster({ Server: Server72, masters: 3, replicas: 1, port: real.ports[0] });
    for (const [replicaPort, masterPort] of real.masterOf) {
      const replica = fake.nodes[replicaPort - real.ports[0]!]!;
      const master = fake.nodes[masterPort - real.ports[0]!]!;
      if (clusterState(replica).myself.replicaOf?.server !== master) replica.call('CLUSTER', 'REPLICATE', fake.nodeId(master));
    }
    for (let i = 0; i < real.ports.length; i++) {
      const r = await connectReal(real.ports[i]!);
      const f = connectFake(fake.nodes[i]!);
      realConns.push(r.conn);
      fakeConns.push(f.conn);
      closers.push(r.close, f.close);
    }
  }, 60_000);

  afterAll(async () => {
    for (const close of closers) close();
    fake?.close();
    await real?.stop();
  });

  /** Replies of every node to `args`: ids and shard ids named, timing fields blanked, dict-ordered parts sorted. */
  async function replies(conns: WireConnection[], args: string[]): Promise<string> {
    // Node ids by port order, shard ids by the first node (in port order) that reports each.
    const names = new Map<string, string>();
    for (const [i, conn] of conns.entries()) names.set(String(((await conn.send(['CLUSTER', 'MYID'])) as { v: unknown }).v), `<id:${i}>`);
    for (const conn of conns) {
      const shard = String(((await conn.send(['CLUSTER', 'MYSHARDID'])) as { v: unknown }).v);
      if (!names.has(shard)) names.set(shard, `<shard:${names.size - conns.length}>`);
    }
    const out: string[] = [];
    for (const conn of conns) {
      const wire = await conn.send(args);
      const named = (text: string) =>
        text
          .replace(/[0-9a-f]{40}/g, (hex) => names.get(hex) ?? '<unknown hex>')
          .replace(/ (myself,master|myself,slave|master|slave) (\S+) (\d+) (\d+) /g, ' $1 $2 <ping> <pong> ')
          .replace(/("replication-offset"\n\s*):\d+/g, '$1<n>');
      // NODES' lines and SHARDS' shards come in dict order: sorted.
      const text =
        wire.t === 'verbatim' || wire.t === 'bulk'
          ? named(wire.v).split('\n').sort().join('\n')
          : wire.t === 'array' && args[1] === 'SHARDS'
            ? wire.v.map((w) => named(showWire(w))).sort().join('\n')
            : named(showWire(wire));
      out.push(text);
    }
    return out.join('\n--\n');
  }

  async function settle(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const views = await Promise.all(realConns.map(async (conn) => String(((await conn.send(['CLUSTER', 'NODES'])) as { v: unknown }).v)
        .trim().split('\n').map((line) => line.split(' ').filter((_, i) => i !== 4 && i !== 5).join(' ').replace('myself,', '')).sort().join('\n')));
      if (views.every((view) => view === views[0]) && !/fail|handshake|disconnected/.test(views[0]!)) return;
      if (Date.now() > deadline) throw new Error(`the real cluster did not settle:\n${views.join('\n--\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  test('MYSHARDID, HELP, NODES and SHARDS', async () => {
    for (const args of [['CLUSTER', 'MYSHARDID'], ['CLUSTER', 'HELP'], ['CLUSTER', 'NODES'], ['CLUSTER', 'SHARDS'], ['CLUSTER', 'MYSHARDID', 'x']]) {
      expect(await replies(fakeConns, args)).toBe(await replies(realConns, args));
    }
  });

  test('a replica promoted keeps its shard id; its old master joins it', async () => {
    const replicaIndex = [...real.masterOf.keys()][0]! - real.ports[0]!;
    for (const conns of [realConns, fakeConns]) await conns[replicaIndex]!.send(['CLUSTER', 'FAILOVER', 'TAKEOVER']);
    await settle();
    for (const args of [['CLUSTER', 'MYSHARDID'], ['CLUSTER', 'NODES']]) {
      expect(await replies(fakeConns, args)).toBe(await replies(realConns, args));
    }
  }, 60_000);
});
