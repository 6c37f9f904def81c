export { ClusterCommands } from './mixin.js';
export { FakeCluster, type FakeClusterOptions } from './fake-cluster.js';
export { SLOT_COUNT, keyHashSlot } from './crc16.js';
export { ClusterBus, ClusterNode, ClusterState, clusterState } from './state.js';
