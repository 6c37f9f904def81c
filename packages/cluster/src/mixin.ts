import { addHook, defineMixin, setReplicationView } from '@fakeredis/core';
import {
  ASKING,
  CLUSTER_ADDSLOTS,
  CLUSTER_ADDSLOTSRANGE,
  CLUSTER_BUMPEPOCH,
  CLUSTER_COUNT_FAILURE_REPORTS,
  CLUSTER_COUNTKEYSINSLOT,
  CLUSTER_DELSLOTS,
  CLUSTER_DELSLOTSRANGE,
  CLUSTER_FAILOVER,
  CLUSTER_FLUSHSLOTS,
  CLUSTER_FORGET,
  CLUSTER_GETKEYSINSLOT,
  CLUSTER_HELP,
  CLUSTER_INFO,
  CLUSTER_KEYSLOT,
  CLUSTER_LINKS,
  CLUSTER_MEET,
  CLUSTER_MYID,
  CLUSTER_MYSHARDID,
  CLUSTER_NODES,
  CLUSTER_REPLICAS,
  CLUSTER_REPLICATE,
  CLUSTER_RESET,
  CLUSTER_SAVECONFIG,
  CLUSTER_SET_CONFIG_EPOCH,
  CLUSTER_SETSLOT,
  CLUSTER_SHARDS,
  CLUSTER_SLAVES,
  CLUSTER_SLOTS,
  READONLY,
  READWRITE,
} from './cluster.js';
import { clusterPropagatePublish } from './pubsub.js';
import { clusterState } from './state.js';
import { clusterReplicationView } from './topology.js';
import { clusterCommandCheck, clusterScriptCallCheck } from './redirect.js';

/**
 * Cluster mode: the CLUSTER subcommands, ASKING, READONLY and READWRITE of a
 * `cluster-enabled yes` server, and the dispatcher's slot checks (MOVED, ASK, CROSSSLOT,
 * TRYAGAIN, CLUSTERDOWN). Core already answers these commands on a standalone server, so
 * this mixin replaces core's: compose with `overrideCommands(mixins, ClusterCommands)`.
 * On a server with cluster-enabled no every command answers as core's do.
 */
export const ClusterCommands = defineMixin({
  name: 'ClusterCommands',
  commands: {
    ASKING,
    CLUSTER_ADDSLOTS,
    CLUSTER_ADDSLOTSRANGE,
    CLUSTER_BUMPEPOCH,
    CLUSTER_COUNT_FAILURE_REPORTS,
    CLUSTER_COUNTKEYSINSLOT,
    CLUSTER_DELSLOTS,
    CLUSTER_DELSLOTSRANGE,
    CLUSTER_FAILOVER,
    CLUSTER_FLUSHSLOTS,
    CLUSTER_FORGET,
    CLUSTER_GETKEYSINSLOT,
    CLUSTER_HELP,
    CLUSTER_INFO,
    CLUSTER_KEYSLOT,
    CLUSTER_LINKS,
    CLUSTER_MEET,
    CLUSTER_MYID,
    CLUSTER_MYSHARDID,
    CLUSTER_NODES,
    CLUSTER_REPLICAS,
    CLUSTER_REPLICATE,
    CLUSTER_RESET,
    CLUSTER_SAVECONFIG,
    CLUSTER_SET_CONFIG_EPOCH,
    CLUSTER_SETSLOT,
    CLUSTER_SHARDS,
    CLUSTER_SLAVES,
    CLUSTER_SLOTS,
    READONLY,
    READWRITE,
  },
  install(server) {
    addHook(server, 'commandCheck', clusterCommandCheck);
    addHook(server, 'scriptCallCheck', clusterScriptCallCheck);
    // Read cluster-enabled first: a standalone server's state is never made (its node id would draw from the seeded generator).
    setReplicationView(server, () => (server.config.getBoolean('cluster-enabled') ? clusterReplicationView(clusterState(server)) : undefined));
    server.pubsub.onPublishCommand((channel, message, sharded) => {
      if (server.config.getBoolean('cluster-enabled')) clusterPropagatePublish(server, channel, message, sharded);
    });
  },
});
