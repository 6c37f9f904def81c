import type { Bytes, FakeServer } from '@fakeredis/core';
import { type ClusterNode, clusterState } from './state.js';

/**
 * clusterPropagatePublish (core's messagePublished hook): PUBLISH reaches every other
 * node, SPUBLISH the other nodes of this node's shard (its master and the master's
 * replicas), where the bus's PUBLISH message would deliver it. Nodes of this process
 * receive it at once; the sender's reply counts its own subscribers only, as in Redis.
 */
export function clusterPropagatePublish(server: FakeServer, channel: Bytes, message: Bytes, sharded: boolean): void {
  const state = clusterState(server);
  const myself = state.myself;
  let nodes: Iterable<ClusterNode>;
  if (sharded) {
    const master = myself.replicaOf ?? myself;
    nodes = [master, ...state.bus.replicasOf(master)];
  } else nodes = state.bus.nodes.values();
  for (const node of nodes) {
    const target = node.server;
    if (node === myself || target === undefined || target.closed) continue;
    if (sharded) target.pubsub.spublish(channel, message);
    else target.pubsub.publish(channel, message);
  }
}
