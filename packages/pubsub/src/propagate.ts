import { callFailed, PROPAGATE_REPL, type PropagationRule } from '@fakeredis/core';

/**
 * PUBLISH and SPUBLISH reach replicas, not the AOF (forceCommandPropagation(c, PROPAGATE_REPL));
 * a cluster node sends them over the cluster bus instead, not in its replication stream.
 */
const publishRule: PropagationRule = (call) =>
  callFailed(call) || call.server.config.getBoolean('cluster-enabled') ? null : [{ dbid: call.db.index, argv: call.argv, target: PROPAGATE_REPL }];

export const pubsubPropagation: Readonly<Record<string, PropagationRule>> = { PUBLISH: publishRule, SPUBLISH: publishRule };
