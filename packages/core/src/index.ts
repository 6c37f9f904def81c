export * from './bytes.js';
export * from './glob.js';
export * from './reply.js';
export * from './errors/index.js';
export * from './numbers.js';
export * from './resp/encoder.js';
export * from './resp/parser.js';
export * from './metadata/index.js';
export * from './profile.js';
export * from './clock.js';
export * from './random.js';
export * from './config/store.js';
// Where a server listens and which configuration file it runs from (fakeredis-server sets them).
export { CONFIG_FILE, LISTENER, type ConfigFile, type Listener } from './config/special.js';
export * from './values/object.js';
export * from './values/string.js';
export { ValueDigest } from './values/digest.js';
export * from './scan-order.js';
export * from './slot-table.js';
export * from './key-slot.js';
export * from './database.js';
export * from './client.js';
export * from './dispatch/mixin.js';
export * from './dispatch/table.js';
export * from './dispatch/install.js';
export * from './notifier.js';
export * from './pubsub/index.js';
export * from './server.js';
export { findInProcessServer, registerServerDirectory, type ServerDirectory } from './server-directory.js';
export * from './propagate.js';
export * from './direct.js';
export * from './transport/stream.js';
export * from './mixins/index.js';
export * from './mixins/server/command/keys.js';
export * from './blocking/mpop.js';
export * from './dispatch/protected.js';
// Building blocks later modules reuse (HSCAN cursors, INFO fields, HELP replies, WATCH).
export { addInfoFields, infoText, resetStats, type InfoFieldsProvider } from './mixins/server/index.js';
export { describeClient, resetConnectionState, authenticate } from './mixins/connection/index.js';
export { helpReply } from './mixins/help.js';
export { parseScanCursor, parseScanOptions, type ScanOptions } from './mixins/keyspace/index.js';
export { isWatchedKeyExpired, watchKey } from './mixins/transactions/index.js';
// x87 long double arithmetic shared by INCRBYFLOAT and HINCRBYFLOAT.
export { type LongDouble, addLongDouble, formatLongDoubleHuman, parseLongDouble, roundToLongDouble } from './long-double.js';
// Double-double arithmetic for the modules' correctly rounded libm functions (geo, stack).
export * from './double-double.js';
export { xxh3, xxh3128 } from './xxh3.js';
export * from './values/memory.js';
export * from './values/value-type.js';
// maxmemory: the OOM error and the check scripts make before each command they call.
export { ERR_OOM, scriptOomError } from './evict.js';
export * from './timed-heap.js';
// ACL: the checks scripts make before each command they call, and the users' state.
export * from './acl/index.js';
// Client-side caching: what scripts call when they read, and a client's tracking mode.
export { clientTracking, trackingInvalidateKey, trackingRememberKeys } from './tracking.js';
export * from './blocking/index.js';
export * from './rdb/index.js';
export { aofState, type AofState } from './aof/aof.js';
export { AofManifest, AofManifestError, parseManifest } from './aof/manifest.js';
export { AOF_REWRITE_ITEMS_PER_CMD, aofRewriteBatches } from './aof/rewrite.js';
export { aofPrepareForShutdown, enablePersistence } from './mixins/server/aof.js';
export { diskWriteError, enableRdbPersistence, loadRdbFile, persistenceState, rdbFilePath, saveOnShutdown, saveRdb, startBgsave } from './mixins/server/persistence.js';
export { ERR_NOREPLICAS, noReplicasError, replicationFeedSlaves, replicationMaster, type ReplicaLink, type ReplicaState } from './replication/master.js';
export { type ReplicationView, replicationView, setReplicationView } from './replication/view.js';
export { ERR_MASTERDOWN, replicaIsStale, replicaOf, replicaRefusesWrites, replicationSetMaster, replicationUnsetMaster, type ReplicationReplica } from './replication/replica.js';
export { abortShutdown, prepareForShutdown, signalShutdownFlags, type ShutdownFlags } from './mixins/server/shutdown.js';
export { declaredModules } from './mixins/server/module.js';
