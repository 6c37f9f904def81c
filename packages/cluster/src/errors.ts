import { ErrorReply } from '@fakeredis/core';

/** Redis 7.0.15's cluster texts (cluster.c), spelled as it spells them. */
export const ERR_CROSSSLOT = new ErrorReply("CROSSSLOT Keys in request don't hash to the same slot");
export const ERR_TRYAGAIN = new ErrorReply('TRYAGAIN Multiple keys request during rehashing of slot');
export const ERR_CLUSTERDOWN_STATE = new ErrorReply('CLUSTERDOWN The cluster is down');
export const ERR_CLUSTERDOWN_RO = new ErrorReply('CLUSTERDOWN The cluster is down and only accepts read commands');
export const ERR_CLUSTERDOWN_HASH_SLOT_NOT_SERVED = new ErrorReply('CLUSTERDOWN Hash slot not served');
export const ERR_INVALID_SLOT_RANGE = new ErrorReply('ERR Invalid or out of range slot');
export const ERR_INVALID_SLOT = new ErrorReply('ERR Invalid slot');
export const ERR_INVALID_SLOT_OR_KEYS = new ErrorReply('ERR Invalid slot or number of keys');
export const ERR_FLUSHSLOTS_NOT_EMPTY = new ErrorReply('ERR DB must be empty to perform CLUSTER FLUSHSLOTS.');
export const ERR_SETSLOT_REPLICA = new ErrorReply('ERR Please use SETSLOT only with masters.');
export const ERR_TARGET_NOT_MASTER = new ErrorReply('ERR Target node is not a master');
export const ERR_SETSLOT_SYNTAX = new ErrorReply('ERR Invalid CLUSTER SETSLOT action or number of arguments. Try CLUSTER HELP');
export const ERR_FORGET_MYSELF = new ErrorReply("ERR I tried hard but I can't forget myself...");
export const ERR_FORGET_MASTER = new ErrorReply("ERR Can't forget my master!");
export const ERR_REPLICATE_MYSELF = new ErrorReply("ERR Can't replicate myself");
export const ERR_REPLICATE_REPLICA = new ErrorReply('ERR I can only replicate a master, not a replica.');
export const ERR_REPLICATE_NOT_EMPTY = new ErrorReply('ERR To set a master the node must be empty and without assigned slots.');
export const ERR_NOT_A_MASTER = new ErrorReply('ERR The specified node is not a master');
export const ERR_CONFIG_EPOCH_KNOWS_NODES = new ErrorReply('ERR The user can assign a config epoch only when the node does not know any other node.');
export const ERR_CONFIG_EPOCH_NONZERO = new ErrorReply('ERR Node config epoch is already non-zero');
export const ERR_RESET_MASTER_KEYS = new ErrorReply("ERR CLUSTER RESET can't be called with master nodes containing keys");

export const errSlotBusy = (slot: number) => new ErrorReply(`ERR Slot ${slot} is already busy`);
export const errSlotUnassigned = (slot: number) => new ErrorReply(`ERR Slot ${slot} is already unassigned`);
export const errSlotTwice = (slot: number) => new ErrorReply(`ERR Slot ${slot} specified multiple times`);
export const errStartAfterEnd = (start: number, end: number) => new ErrorReply(`ERR start slot number ${start} is greater than end slot number ${end}`);
export const errNotOwner = (slot: number) => new ErrorReply(`ERR I'm not the owner of hash slot ${slot}`);
export const errAlreadyOwner = (slot: number) => new ErrorReply(`ERR I'm already the owner of hash slot ${slot}`);
export const errDontKnowNode = (id: string) => new ErrorReply(`ERR I don't know about node ${id}`);
export const errUnknownNode = (id: string) => new ErrorReply(`ERR Unknown node ${id}`);
export const errStillHoldKeys = (slot: number) =>
  new ErrorReply(`ERR Can't assign hashslot ${slot} to a different node while I still hold keys for this hash slot.`);
export const errInvalidPort = (port: string) => new ErrorReply(`ERR Invalid TCP base port specified: ${port}`);
export const errInvalidBusPort = (port: string) => new ErrorReply(`ERR Invalid TCP bus port specified: ${port}`);
export const errInvalidAddress = (ip: string, port: string) => new ErrorReply(`ERR Invalid node address specified: ${ip}:${port}`);
export const errInvalidConfigEpoch = (epoch: bigint) => new ErrorReply(`ERR Invalid config epoch specified: ${epoch}`);

// scriptVerifyClusterState / scriptVerifyWriteCommandAllow: a script's command refused (texts the scripting module wraps).
export const ERR_REPLICA_READONLY = new ErrorReply("READONLY You can't write against a read only replica.");
export const ERR_SCRIPT_DOWN_RO = 'ERR Script attempted to execute a write command while the cluster is down and readonly';
export const ERR_SCRIPT_DOWN = 'ERR Script attempted to execute a command while the cluster is down';
export const ERR_SCRIPT_NON_LOCAL = 'ERR Script attempted to access a non local key in a cluster node';
export const ERR_SCRIPT_CROSS_SLOT = 'ERR Script attempted to access keys that do not hash to the same slot';
export const ERR_FAILOVER_MASTER = new ErrorReply('ERR You should send CLUSTER FAILOVER to a replica');
export const ERR_FAILOVER_MASTER_DOWN = new ErrorReply('ERR Master is down or failed, please use CLUSTER FAILOVER FORCE');
export const ERR_UNBLOCKED_REPLICA = new ErrorReply('UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)');
/** What a failed node's connections get, unsent: the connection closes (a dead process answers nothing). */
export const ERR_NODE_DOWN = new ErrorReply('ERR fakeredis: this cluster node is down (FakeCluster.failNode)');
