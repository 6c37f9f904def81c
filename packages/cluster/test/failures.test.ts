import { afterEach, describe, expect, test } from 'vitest';
import { clusterState, FakeCluster } from '../src/index.js';
import { ClusterServer } from './helpers.js';

let cluster: FakeCluster | undefined;
afterEach(() => {
  cluster?.close();
  cluster = undefined;
});

const text = (reply: unknown) => String((reply as { text?: unknown }).text ?? reply);
const line = (nodes: string, id: string) => nodes.split('\n').find((l) => l.startsWith(`${id} `)) ?? '';

describe('FakeCluster.failNode / restoreNode', () => {
  test('PFAIL: fail? in the others’ views, slots still served by it, cluster ok', () => {
    cluster = new FakeCluster({ Server: ClusterServer, replicas: 1, port: 33101 });
    const [m0, m1] = cluster.masters as [typeof cluster.masters[0], typeof cluster.masters[0]];
    cluster.failNode(m1, { confirm: false });
    expect(line(text(m0.call('CLUSTER', 'NODES')), cluster.nodeId(m1))).toMatch(/ master,fail\? - 0 \d+ 2 disconnected 5461-10922$/);
    const info = text(m0.call('CLUSTER', 'INFO'));
    expect(info).toContain('cluster_state:ok');
    expect(info).toContain('cluster_slots_ok:10922\r\ncluster_slots_pfail:5462\r\ncluster_slots_fail:0');
    expect(cluster.masterFor('delta')).toBe(m1);
    // Failure reports: every other reachable master (not the node asked).
    expect(m0.call('CLUSTER', 'COUNT-FAILURE-REPORTS', cluster.nodeId(m1))).toBe(1);
    expect(cluster.replicas[0]!.call('CLUSTER', 'COUNT-FAILURE-REPORTS', cluster.nodeId(m1))).toBe(2);
    cluster.restoreNode(m1);
    expect(m0.call('CLUSTER', 'COUNT-FAILURE-REPORTS', cluster.nodeId(m1))).toBe(0);
  });

  test('FAIL with a replica: promoted with a new epoch, MOVED to it, ioredis follows; back as its replica', async () => {
    cluster = new FakeCluster({ Server: ClusterServer, replicas: 1, port: 33201 });
    const redis = cluster.ioredis();
    await redis.set('delta', 'v1');
    const m1 = cluster.masterFor('delta');
    const replica = cluster.replicas[cluster.masters.indexOf(m1)]!;
    const m0 = cluster.masters[0]!;
    cluster.failNode(m1);
    expect(cluster.masterFor('delta')).toBe(replica);
    expect(m0.call('GET', 'delta')).toMatchObject({ message: `MOVED 9053 127.0.0.1:${clusterState(replica).myself.port}` });
    expect(line(text(m0.call('CLUSTER', 'NODES')), cluster.nodeId(m1))).toMatch(/ master,fail - 0 \d+ 2 disconnected$/);
    expect(text(m0.call('CLUSTER', 'INFO'))).toContain('cluster_state:ok');
    expect(clusterState(replica).myself.configEpoch).toBe(7);
    expect(await redis.get('delta')).toBe('v1');
    await redis.set('delta', 'v2');
    cluster.restoreNode(m1);
    expect(clusterState(m1).myself.replicaOf).toBe(clusterState(replica).myself);
    m1.call('READONLY');
    expect(m1.getValue('delta')).toBe('v2');
    expect(text(m0.call('CLUSTER', 'NODES'))).not.toContain('fail');
    await redis.quit();
  });

  test('FAIL without a replica: its slots are down; reads allowed with cluster-allow-reads-when-down; back, served again', () => {
    cluster = new FakeCluster({ Server: ClusterServer, port: 33301 });
    const [m0, m1] = cluster.masters as [typeof cluster.masters[0], typeof cluster.masters[0]];
    m0.call('SET', 'b', '1');
    cluster.failNode(m1);
    expect(text(m0.call('CLUSTER', 'INFO'))).toContain('cluster_state:fail\r\ncluster_slots_assigned:16384\r\ncluster_slots_ok:10922\r\ncluster_slots_pfail:0\r\ncluster_slots_fail:5462');
    expect(m0.call('GET', 'b')).toMatchObject({ message: 'CLUSTERDOWN The cluster is down' });
    m0.call('CONFIG', 'SET', 'cluster-allow-reads-when-down', 'yes');
    expect(m0.call('GET', 'b')).toBe('1');
    expect(m0.call('SET', 'b', '2')).toMatchObject({ message: 'CLUSTERDOWN The cluster is down and only accepts read commands' });
    expect(m0.call('GET', 'delta')).toMatchObject({ message: `MOVED 9053 127.0.0.1:${clusterState(m1).myself.port}` });
    cluster.restoreNode(m1);
    expect(text(m0.call('CLUSTER', 'INFO'))).toContain('cluster_state:ok');
    expect(m1.call('SET', 'delta', 'x')).toMatchObject({ value: 'OK' });
  });
});
