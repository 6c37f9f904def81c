import { isIP } from 'node:net';
import { addPropagationListener, type Bytes, encodeCommand, PROPAGATE_REPL, type ReplicationView } from '@fakeredis/core';
import { disconnectAllBlockedClients } from './blocked.js';
import { SLOT_COUNT } from './crc16.js';
import { ClusterBus, type ClusterNode, type ClusterState, clusterState, inProcessNode, randomNodeId } from './state.js';

/** The cluster state of an in-process node. */
function stateOf(node: ClusterNode): ClusterState | undefined {
  return node.server === undefined ? undefined : clusterState(node.server);
}

/** clusterBumpConfigEpochWithoutConsensus: a new epoch unless ours is already the greatest and unique. */
export function bumpConfigEpochWithoutConsensus(state: ClusterState): boolean {
  const myself = state.myself;
  if (myself.configEpoch === 0 || myself.configEpoch !== state.bus.maxEpoch()) {
    state.bus.currentEpoch++;
    myself.configEpoch = state.bus.currentEpoch;
    state.server.log('warning', `New configEpoch set to ${myself.configEpoch}`);
    return true;
  }
  return false;
}

/**
 * CLUSTER MEET: clusterStartHandshake's checks, then, for a node living in this process,
 * the handshake done at once: both views merge into one (slots one side has unassigned
 * take the other's owner). A node not in this process is never reached (Redis would keep
 * trying); MEET still answers OK, as Redis does before the handshake.
 */
export function meet(state: ClusterState, ip: string, port: number, cport: number): boolean {
  const normalized = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (isIP(normalized) === 0 || port <= 0 || port > 65535 || cport <= 0 || cport > 65535) return false;
  const other = inProcessNode(normalized, port);
  if (other === undefined || other === state) return true;
  if (state.myself.ip === '') setIp(state.myself, normalized);
  if (other.myself.ip === '') setIp(other.myself, normalized);
  mergeBuses(state.bus, other.bus);
  return true;
}

function setIp(node: ClusterNode, ip: string): void {
  (node as { ip: string }).ip = ip;
}

/** Moves every node of `from` into `into`; every node's state then sees `into`. */
export function mergeBuses(into: ClusterBus, from: ClusterBus): void {
  if (into === from) return;
  for (const [id, node] of from.nodes) into.nodes.set(id, node);
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    const owner = from.slots[slot];
    if (owner !== undefined && into.slots[slot] === undefined) into.slots[slot] = owner;
  }
  into.currentEpoch = Math.max(into.currentEpoch, from.currentEpoch);
  for (const node of into.nodes.values()) {
    node.numSlots = 0;
    const state = stateOf(node);
    if (state !== undefined) state.bus = into;
  }
  into.assigned = 0;
  for (const owner of into.slots) {
    if (owner === undefined) continue;
    owner.numSlots++;
    into.assigned++;
  }
}

/** clusterDelNode: the node leaves this view, with its slots. */
export function forgetNode(state: ClusterState, node: ClusterNode): void {
  const bus = state.bus;
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    if (bus.slots[slot] === node) bus.delSlot(slot);
    if (state.migrating.get(slot) === node) state.migrating.delete(slot);
    if (state.importing.get(slot) === node) state.importing.delete(slot);
  }
  bus.nodes.delete(node.id);
}

/**
 * clusterSetMaster: this node replicates `master`. A master gives up its slots and open
 * slots; the dataset is replaced by the master's (the full sync) and the master's writes
 * are applied from then on, as its replication stream is on a real replica.
 */
export function setMaster(state: ClusterState, master: ClusterNode): void {
  const myself = state.myself;
  if (myself.isMaster) {
    for (let slot = 0; slot < SLOT_COUNT; slot++) if (state.bus.slots[slot] === myself) state.bus.delSlot(slot);
    state.migrating.clear();
    state.importing.clear();
  }
  myself.replicaOf = master;
  // updateShardId: a replica is of its master's shard (7.2).
  myself.shardId = master.shardId;
  // replicationSetMaster: clients blocked on this node (a master before) could wait forever.
  disconnectAllBlockedClients(state.server);
  follow(state, master);
}

/** Stops following a master: the node keeps its data and becomes a master (clusterSetNodeAsMaster). */
export function becomeMaster(state: ClusterState): void {
  state.unfollow?.();
  state.unfollow = undefined;
  state.myself.replicaOf = undefined;
}

/**
 * A failover won (clusterFailoverReplaceYourMaster): this replica takes its master's
 * slots with a new config epoch (`takeover`: clusterBumpConfigEpochWithoutConsensus; else
 * the epoch of the election it won), and what gossip would then tell the others is done at
 * once: the old master and its other replicas replicate this node. `masterFailed` (the
 * automatic failover after FakeCluster.failNode, the election won at once): the old master
 * stays as it is, remembering this node, which it follows when it comes back.
 */
export function replaceMaster(state: ClusterState, takeover: boolean, masterFailed = false): void {
  const myself = state.myself;
  const old = myself.replicaOf as ClusterNode;
  const bus = state.bus;
  if (takeover) bumpConfigEpochWithoutConsensus(state);
  else {
    bus.currentEpoch++;
    if (myself.configEpoch < bus.currentEpoch) myself.configEpoch = bus.currentEpoch;
  }
  becomeMaster(state);
  for (let slot = 0; slot < SLOT_COUNT; slot++) if (bus.slots[slot] === old) bus.addSlot(myself, slot);
  // A failed master keeps its place in the views, without slots, until it comes back.
  if (masterFailed) old.replacedBy = myself;
  for (const node of masterFailed ? bus.replicasOf(old) : [old, ...bus.replicasOf(old)]) {
    const other = stateOf(node);
    if (other !== undefined) setMaster(other, myself);
    else node.replicaOf = myself;
  }
}

/** The full sync and the replication stream of an in-process master (see setMaster). */
function follow(state: ClusterState, master: ClusterNode): void {
  state.unfollow?.();
  state.unfollow = undefined;
  const replica = state.server;
  const source = master.server;
  const myself = state.myself;
  if (source === undefined) return;
  const db = replica.databases[0];
  const from = source.databases[0];
  if (db === undefined || from === undefined) return;
  db.flush();
  for (const key of from.keys()) {
    const entry = from.peek(key);
    if (entry === undefined || from.keyIsExpired(key)) continue;
    const value = entry.value;
    db.attach(key, typeof value === 'string' ? value : value.clone(), entry.expireTime, false);
  }
  // The offset counts from the sync on, as the master's first PING would start it.
  if (master.replOffset === 0) master.replOffset = 1;
  myself.replOffset = master.replOffset;
  const link = replica.createClient();
  link.authenticated = true;
  link.blockingDenied = true;
  state.masterClients.add(link);
  const stop = addPropagationListener(source, (_dbid, argv, target) => {
    if ((target & PROPAGATE_REPL) === 0) return;
    const bytes = encodeCommand(argv).length;
    if (myself.replOffset === master.replOffset) master.replOffset += bytes;
    myself.replOffset = master.replOffset;
    if (replica.closed) return;
    replica.execute(link, argv as Bytes[]);
    replica.beforeSleep();
  });
  state.unfollow = () => {
    stop();
    state.masterClients.delete(link);
    link.close();
  };
}

/**
 * clusterReset: a replica becomes an empty master; open slots close, slots are unassigned
 * and every other node forgotten (this node leaves the shared view, which forgets it);
 * HARD also zeroes the epochs and takes a new node id.
 */
export function resetNode(state: ClusterState, hard: boolean): void {
  const myself = state.myself;
  if (!myself.isMaster) {
    becomeMaster(state);
    for (const db of state.server.databases) db.flush();
  }
  state.migrating.clear();
  state.importing.clear();
  const old = state.bus;
  for (let slot = 0; slot < SLOT_COUNT; slot++) if (old.slots[slot] === myself) old.delSlot(slot);
  old.nodes.delete(myself.id);
  for (const node of old.nodes.values()) {
    if (node.replicaOf === myself) node.replicaOf = undefined;
  }
  const fresh = new ClusterBus();
  fresh.currentEpoch = old.currentEpoch;
  if (hard) {
    fresh.currentEpoch = 0;
    myself.configEpoch = 0;
    state.server.log('warning', 'configEpoch set to 0 via CLUSTER RESET HARD');
    myself.id = randomNodeId(state.server);
    if (state.server.versionAtLeast('7.2.0')) myself.shardId = randomNodeId(state.server);
    state.server.log('notice', `Node hard reset, now I'm ${myself.id}`);
  }
  fresh.nodes.set(myself.id, myself);
  state.bus = fresh;
}


/**
 * The replication of a cluster node in this process (for core's setReplicationView): a
 * replica's master and applied offset, a master's replicas that have synced.
 */
export function clusterReplicationView(state: ClusterState): ReplicationView | undefined {
  const myself = state.myself;
  const master = myself.replicaOf;
  // A master that crashed (FakeCluster.failNode) closed the link, which its replicas retry.
  if (master !== undefined) return { master: { host: master.ip, port: master.port, linkDownSince: master.fail !== undefined ? master.failedAt : undefined }, replicas: [], offset: myself.replOffset };
  // A replica that crashed (FakeCluster.failNode) closed its link: the master no longer lists it.
  const replicas = state.bus.replicasOf(myself).filter((node) => node.replOffset !== 0 && node.fail === undefined).map((node) => ({ ip: node.ip, port: node.port, offset: node.replOffset }));
  return { replicas, offset: myself.replOffset };
}
