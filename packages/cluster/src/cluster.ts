import {
  type Bytes,
  type Client,
  type CommandHandler,
  ERR_CLUSTER_DISABLED,
  ERR_SYNTAX,
  errSubcommandSyntax,
  ErrorReply,
  helpReply,
  isToken,
  map,
  OK,
  parseInt64,
  type Reply,
  SimpleString,
  tryParseInt64,
  VerbatimReply,
} from '@fakeredis/core';
import { redirectBlockedClientsEverywhere } from './blocked.js';
import { SLOT_COUNT, keyHashSlot } from './crc16.js';
import {
  ERR_CONFIG_EPOCH_KNOWS_NODES,
  ERR_CONFIG_EPOCH_NONZERO,
  ERR_FLUSHSLOTS_NOT_EMPTY,
  ERR_FORGET_MASTER,
  ERR_FORGET_MYSELF,
  ERR_INVALID_SLOT,
  ERR_INVALID_SLOT_OR_KEYS,
  ERR_INVALID_SLOT_RANGE,
  ERR_NOT_A_MASTER,
  ERR_FAILOVER_MASTER,
  ERR_FAILOVER_MASTER_DOWN,
  ERR_REPLICATE_MYSELF,
  ERR_REPLICATE_NOT_EMPTY,
  ERR_REPLICATE_REPLICA,
  ERR_RESET_MASTER_KEYS,
  ERR_SETSLOT_REPLICA,
  ERR_SETSLOT_SYNTAX,
  ERR_TARGET_NOT_MASTER,
  errAlreadyOwner,
  errDontKnowNode,
  errInvalidAddress,
  errInvalidBusPort,
  errInvalidConfigEpoch,
  errInvalidPort,
  errNotOwner,
  errSlotBusy,
  errSlotTwice,
  errSlotUnassigned,
  errStartAfterEnd,
  errStillHoldKeys,
  errUnknownNode,
} from './errors.js';
import { bumpConfigEpochWithoutConsensus, forgetNode, meet, replaceMaster, resetNode, setMaster } from './topology.js';
import { type ClusterNode, type ClusterState, clusterState, preferredEndpoint } from './state.js';

/** The cluster state of a cluster-mode server; undefined on a standalone one. */
function enabledState(client: Client): ClusterState | undefined {
  const state = clusterState(client.server);
  return state.enabled ? state : undefined;
}

/**
 * Wraps a subcommand: a standalone server (cluster-enabled no) answers every one with
 * "This instance has cluster support disabled", as clusterCommand checks that first.
 */
function clusterOnly(handler: (state: ClusterState, client: Client, argv: Bytes[]) => Reply): CommandHandler {
  return (client, argv) => {
    const state = enabledState(client);
    if (state === undefined) return ERR_CLUSTER_DISABLED;
    const reply = handler(state, client, argv);
    // The slot map may have changed for every node: clients blocked on a slot gone are redirected.
    redirectBlockedClientsEverywhere(state.bus);
    return reply;
  };
}

/** getSlotOrReply: a slot number, strictly parsed. */
function parseSlot(arg: Bytes): number {
  const slot = tryParseInt64(arg);
  if (slot === undefined || slot < 0n || slot >= BigInt(SLOT_COUNT)) throw ERR_INVALID_SLOT_RANGE;
  return Number(slot);
}

const HELP = [
  'ADDSLOTS <slot> [<slot> ...]',
  '    Assign slots to current node.',
  'ADDSLOTSRANGE <start slot> <end slot> [<start slot> <end slot> ...]',
  '    Assign slots which are between <start-slot> and <end-slot> to current node.',
  'BUMPEPOCH',
  '    Advance the cluster config epoch.',
  'COUNT-FAILURE-REPORTS <node-id>',
  '    Return number of failure reports for <node-id>.',
  'COUNTKEYSINSLOT <slot>',
  '    Return the number of keys in <slot>.',
  'DELSLOTS <slot> [<slot> ...]',
  '    Delete slots information from current node.',
  'DELSLOTSRANGE <start slot> <end slot> [<start slot> <end slot> ...]',
  '    Delete slots information which are between <start-slot> and <end-slot> from current node.',
  'FAILOVER [FORCE|TAKEOVER]',
  '    Promote current replica node to being a master.',
  'FORGET <node-id>',
  '    Remove a node from the cluster.',
  'GETKEYSINSLOT <slot> <count>',
  '    Return key names stored by current node in a slot.',
  'FLUSHSLOTS',
  '    Delete current node own slots information.',
  'INFO',
  '    Return information about the cluster.',
  'KEYSLOT <key>',
  '    Return the hash slot for <key>.',
  'MEET <ip> <port> [<bus-port>]',
  '    Connect nodes into a working cluster.',
  'MYID',
  '    Return the node id.',
  'NODES',
  '    Return cluster configuration seen by node. Output format:',
  '    <id> <ip:port> <flags> <master> <pings> <pongs> <epoch> <link> <slot> ...',
  'REPLICATE <node-id>',
  '    Configure current node as replica to <node-id>.',
  'RESET [HARD|SOFT]',
  '    Reset current node (default: soft).',
  'SET-CONFIG-EPOCH <epoch>',
  '    Set config epoch of current node.',
  'SETSLOT <slot> (IMPORTING <node-id>|MIGRATING <node-id>|STABLE|NODE <node-id>)',
  '    Set slot state.',
  'REPLICAS <node-id>',
  '    Return <node-id> replicas.',
  'SAVECONFIG',
  '    Force saving cluster configuration on disk.',
  'SLOTS',
  '    Return information about slots range mappings. Each range is made of:',
  '    start, end, master and replicas IP addresses, ports and ids',
  'SHARDS',
  '    Return information about slot range mappings and the nodes associated with them.',
  'LINKS',
  '    Return information about all network links between this node and its peers.',
  '    Output format is an array where each array element is a map containing attributes of a link',
];

/** Redis 7.2's help: MYSHARDID, and NODES' address with its bus port and hostname. */
const HELP_72 = HELP.flatMap((line) => {
  if (line === '    Return the node id.') return [line, 'MYSHARDID', "    Return the node's shard id."];
  if (line.startsWith('    <id> <ip:port>')) return ['    <id> <ip:port@bus-port[,hostname]> <flags> <master> <pings> <pongs> <epoch> <link> <slot> ...'];
  return [line];
});

export const CLUSTER_HELP = clusterOnly((_state, client) => helpReply(client.server, 'CLUSTER', client.server.versionAtLeast('7.2.0') ? HELP_72 : HELP));

/** CLUSTER MYSHARDID (7.2): the shard this node belongs to. */
export const CLUSTER_MYSHARDID = clusterOnly((state) => state.myself.shardId);

export const CLUSTER_MYID = clusterOnly((state) => state.myself.id);

export const CLUSTER_KEYSLOT = clusterOnly((_state, _client, argv) => keyHashSlot(argv[2] as Bytes));

export const CLUSTER_INFO = clusterOnly((state) => {
  const bus = state.bus;
  const assigned = bus.assigned;
  const myself = state.myself;
  const myEpoch = !myself.isMaster ? (myself.replicaOf as ClusterNode).configEpoch : myself.configEpoch;
  // No bus messages are exchanged: nodes in one process share their view directly.
  let pfail = 0;
  let fail = 0;
  for (const node of bus.nodes.values()) {
    if (node.fail === 'fail') fail += node.numSlots;
    else if (node.fail === 'pfail') pfail += node.numSlots;
  }
  const text = [
    `cluster_state:${state.isOk() ? 'ok' : 'fail'}`,
    `cluster_slots_assigned:${assigned}`,
    `cluster_slots_ok:${assigned - pfail - fail}`,
    `cluster_slots_pfail:${pfail}`,
    `cluster_slots_fail:${fail}`,
    `cluster_known_nodes:${bus.nodes.size}`,
    `cluster_size:${bus.size()}`,
    `cluster_current_epoch:${bus.currentEpoch}`,
    `cluster_my_epoch:${myEpoch}`,
    'cluster_stats_messages_sent:0',
    'cluster_stats_messages_received:0',
    'total_cluster_links_buffer_limit_exceeded:0',
    '',
  ].join('\r\n');
  return new VerbatimReply('txt', text as Bytes);
});

/** clusterGenNodeDescription: one line of CLUSTER NODES. */
export function nodeDescription(state: ClusterState, node: ClusterNode): string {
  const myself = node === state.myself;
  const failFlag = node.fail === 'fail' ? ',fail' : node.fail === 'pfail' ? ',fail?' : '';
  // NOFAILOVER: the node's cluster-replica-no-failover, which gossip spreads.
  const noFailover = node.server?.config.getBoolean('cluster-replica-no-failover') === true ? ',nofailover' : '';
  const flags = `${myself ? 'myself,' : ''}${node.isMaster ? 'master' : 'slave'}${failFlag}${noFailover}`;
  const epoch = node.replicaOf !== undefined ? node.replicaOf.configEpoch : node.configEpoch;
  // Ping sent and pong received: a peer in this process answers at once.
  const pong = myself ? 0 : state.server.clock.now();
  // A failed node's link is down (a dead process answers no ping).
  const link = node.fail !== undefined && !myself ? 'disconnected' : 'connected';
  const hostname = node.hostname !== '' ? `,${node.hostname}` : '';
  let line = `${node.id} ${node.ip}:${node.port}@${node.cport}${hostname} ${flags} ${node.replicaOf?.id ?? '-'} 0 ${pong} ${epoch} ${link}`;
  if (node.isMaster && node.numSlots !== 0) for (const [start, end] of slotRanges(state, node)) line += start === end ? ` ${start}` : ` ${start}-${end}`;
  if (myself) {
    for (let slot = 0; slot < SLOT_COUNT; slot++) {
      const to = state.migrating.get(slot);
      if (to !== undefined) line += ` [${slot}->-${to.id}]`;
      else {
        const from = state.importing.get(slot);
        if (from !== undefined) line += ` [${slot}-<-${from.id}]`;
      }
    }
  }
  return line;
}

/** The slot ranges a node serves, ascending. */
function slotRanges(state: ClusterState, node: ClusterNode): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const slots = state.bus.slots;
  let start = -1;
  for (let slot = 0; slot <= SLOT_COUNT; slot++) {
    const mine = slot < SLOT_COUNT && slots[slot] === node;
    if (mine && start === -1) start = slot;
    else if (!mine && start !== -1) {
      ranges.push([start, slot - 1]);
      start = -1;
    }
  }
  return ranges;
}

export const CLUSTER_NODES = clusterOnly((state) => {
  let text = '';
  for (const node of state.bus.nodes.values()) text += `${nodeDescription(state, node)}\n`;
  return new VerbatimReply('txt', text as Bytes);
});

/** isReplicaAvailable: a replica not failed that has processed some replication stream. */
function replicaAvailable(node: ClusterNode): boolean {
  return node.fail !== 'fail' && node.replOffset !== 0;
}

/**
 * addNodeToNodeReply: the preferred endpoint (null when unknown), port and id, then the
 * other names of the node (its ip unless that came first, its hostname unless that did).
 */
function nodeEntry(state: ClusterState, node: ClusterNode): Reply {
  const type = state.server.config.get('cluster-preferred-endpoint-type');
  const endpoint = type === 'unknown-endpoint' ? null : preferredEndpoint(state.server, node);
  const more: Array<[string, Reply]> = [];
  if (type !== 'ip') more.push(['ip', node.ip]);
  if (type !== 'hostname' && node.hostname !== '') more.push(['hostname', node.hostname]);
  return [endpoint, node.port, node.id, map(more)];
}

export const CLUSTER_SLOTS = clusterOnly((state) => {
  const reply: Reply[] = [];
  const slots = state.bus.slots;
  let owner: ClusterNode | undefined;
  let start = -1;
  for (let slot = 0; slot <= SLOT_COUNT; slot++) {
    const current = slot < SLOT_COUNT ? slots[slot] : undefined;
    if (owner !== undefined && (slot === SLOT_COUNT || current !== owner)) {
      const entry: Reply[] = [start, slot - 1, nodeEntry(state, owner)];
      for (const replica of state.bus.replicasOf(owner)) if (replicaAvailable(replica)) entry.push(nodeEntry(state, replica));
      reply.push(entry);
      owner = undefined;
    }
    if (owner === undefined && current !== undefined) {
      owner = current;
      start = slot;
    }
  }
  return reply;
});

/** addNodeDetailsToShardReply. */
function shardNode(state: ClusterState, node: ClusterNode): Reply {
  const offset = node.replOffset;
  const health = node.fail === 'fail' ? 'fail' : !node.isMaster && offset === 0 ? 'loading' : 'online';
  const fields: Array<[string, Reply]> = [['id', node.id], ['port', node.port], ['ip', node.ip], ['endpoint', preferredEndpoint(state.server, node)]];
  if (node.hostname !== '') fields.push(['hostname', node.hostname]);
  fields.push(['role', node.isMaster ? 'master' : 'replica'], ['replication-offset', offset], ['health', health]);
  return map(fields);
}

export const CLUSTER_SHARDS = clusterOnly((state) => {
  const reply: Reply[] = [];
  for (const node of state.bus.nodes.values()) {
    if (!node.isMaster) continue;
    const slots: Reply[] = [];
    for (const [start, end] of slotRanges(state, node)) slots.push(start, end);
    // clusterGetNodesServingMySlots: the master, then its replicas.
    const nodes = [shardNode(state, node), ...state.bus.replicasOf(node).map((replica) => shardNode(state, replica))];
    reply.push(map([['slots', slots], ['nodes', nodes]]));
  }
  return reply;
});

export const CLUSTER_COUNTKEYSINSLOT = clusterOnly((state, _client, argv) => {
  const slot = parseInt64(argv[2] as Bytes);
  if (slot < 0n || slot >= BigInt(SLOT_COUNT)) return ERR_INVALID_SLOT;
  return state.slotKeys.count(Number(slot));
});

export const CLUSTER_GETKEYSINSLOT = clusterOnly((state, _client, argv) => {
  const slot = parseInt64(argv[2] as Bytes);
  const max = parseInt64(argv[3] as Bytes);
  if (slot < 0n || slot >= BigInt(SLOT_COUNT) || max < 0n) return ERR_INVALID_SLOT_OR_KEYS;
  const count = state.slotKeys.count(Number(slot));
  return state.slotKeys.keys(Number(slot), max > BigInt(count) ? count : Number(max));
});

/** checkSlotAssignmentsOrReply for one range, marking `seen`. */
function checkAssignments(state: ClusterState, seen: Uint8Array, del: boolean, start: number, end: number): ErrorReply | undefined {
  for (let slot = start; slot <= end; slot++) {
    if (del && state.bus.slots[slot] === undefined) return errSlotUnassigned(slot);
    if (!del && state.bus.slots[slot] !== undefined) return errSlotBusy(slot);
    const times = seen[slot] as number;
    seen[slot] = times + 1;
    if (times === 1) return errSlotTwice(slot);
  }
  return undefined;
}

/** clusterUpdateSlots: assigns (or frees) the marked slots; an importing slot is ours now. */
function updateSlots(state: ClusterState, seen: Uint8Array, del: boolean): void {
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    if (seen[slot] === 0) continue;
    state.importing.delete(slot);
    if (del) state.bus.delSlot(slot, state.myself);
    else state.bus.addSlot(state.myself, slot);
  }
}

function slotsGeneric(del: boolean): CommandHandler {
  return clusterOnly((state, _client, argv) => {
    for (let i = 2; i < argv.length; i++) parseSlot(argv[i] as Bytes);
    const seen = new Uint8Array(SLOT_COUNT);
    for (let i = 2; i < argv.length; i++) {
      const slot = parseSlot(argv[i] as Bytes);
      const error = checkAssignments(state, seen, del, slot, slot);
      if (error !== undefined) return error;
    }
    updateSlots(state, seen, del);
    return OK;
  });
}

function slotsRangeGeneric(del: boolean): CommandHandler {
  return clusterOnly((state, client, argv) => {
    if (argv.length % 2 === 1) return new ErrorReply(`ERR wrong number of arguments for 'cluster|${del ? 'delslotsrange' : 'addslotsrange'}' command`);
    const seen = new Uint8Array(SLOT_COUNT);
    for (let i = 2; i < argv.length; i += 2) {
      const start = parseSlot(argv[i] as Bytes);
      const end = parseSlot(argv[i + 1] as Bytes);
      if (start > end) return errStartAfterEnd(start, end);
      const error = checkAssignments(state, seen, del, start, end);
      if (error !== undefined) return error;
    }
    void client;
    updateSlots(state, seen, del);
    return OK;
  });
}

export const CLUSTER_ADDSLOTS = slotsGeneric(false);
export const CLUSTER_DELSLOTS = slotsGeneric(true);
export const CLUSTER_ADDSLOTSRANGE = slotsRangeGeneric(false);
export const CLUSTER_DELSLOTSRANGE = slotsRangeGeneric(true);

export const CLUSTER_FLUSHSLOTS = clusterOnly((state, client) => {
  if ((client.server.databases[0]?.size ?? 0) !== 0) return ERR_FLUSHSLOTS_NOT_EMPTY;
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    if (state.bus.slots[slot] === state.myself) state.bus.delSlot(slot, state.myself);
  }
  return OK;
});

export const CLUSTER_SETSLOT = clusterOnly((state, client, argv) => {
  const myself = state.myself;
  if (!myself.isMaster) return ERR_SETSLOT_REPLICA;
  const slot = parseSlot(argv[2] as Bytes);
  const action = argv[3] as Bytes;
  const bus = state.bus;
  if (isToken(action, 'MIGRATING') && argv.length === 5) {
    if (bus.slots[slot] !== myself) return errNotOwner(slot);
    const node = state.lookupNode(argv[4] as string);
    if (node === undefined) return errDontKnowNode(argv[4] as string);
    if (!node.isMaster) return ERR_TARGET_NOT_MASTER;
    state.migrating.set(slot, node);
  } else if (isToken(action, 'IMPORTING') && argv.length === 5) {
    if (bus.slots[slot] === myself) return errAlreadyOwner(slot);
    const node = state.lookupNode(argv[4] as string);
    if (node === undefined) return errDontKnowNode(argv[4] as string);
    if (!node.isMaster) return ERR_TARGET_NOT_MASTER;
    state.importing.set(slot, node);
  } else if (isToken(action, 'STABLE') && argv.length === 4) {
    state.importing.delete(slot);
    state.migrating.delete(slot);
  } else if (isToken(action, 'NODE') && argv.length === 5) {
    const node = state.lookupNode(argv[4] as string);
    if (node === undefined) return errUnknownNode(argv[4] as string);
    if (!node.isMaster) return ERR_TARGET_NOT_MASTER;
    const keys = state.slotKeys.count(slot);
    if (bus.slots[slot] === myself && node !== myself && keys !== 0) return errStillHoldKeys(slot);
    if (keys === 0) state.migrating.delete(slot);
    const wasMine = bus.slots[slot] === myself;
    bus.delSlot(slot);
    bus.addSlot(node, slot);
    // A master left without slots follows the new owner (cluster-allow-replica-migration).
    if (wasMine && node !== myself && myself.numSlots === 0 && client.server.config.getBoolean('cluster-allow-replica-migration')) {
      client.server.log('warning', `Configuration change detected. Reconfiguring myself as a replica of ${node.id}`);
      setMaster(state, node);
    }
    if (node === myself && state.importing.has(slot)) {
      if (bumpConfigEpochWithoutConsensus(state)) client.server.log('warning', `configEpoch updated after importing slot ${slot}`);
      state.importing.delete(slot);
    }
  } else return ERR_SETSLOT_SYNTAX;
  return OK;
});

export const CLUSTER_BUMPEPOCH = clusterOnly((state) => {
  const bumped = bumpConfigEpochWithoutConsensus(state);
  return new SimpleString(`${bumped ? 'BUMPED' : 'STILL'} ${state.myself.configEpoch}`);
});

export const CLUSTER_SAVECONFIG = clusterOnly(() => OK);

export const CLUSTER_MEET = clusterOnly((state, _client, argv) => {
  if (argv.length > 5) return errSubcommandSyntax(argv[1] as string, 'CLUSTER');
  const port = tryParseInt64(argv[3] as Bytes);
  if (port === undefined) return errInvalidPort(argv[3] as string);
  let cport = port + 10000n;
  if (argv.length === 5) {
    const given = tryParseInt64(argv[4] as Bytes);
    if (given === undefined) return errInvalidBusPort(argv[4] as string);
    cport = given;
  }
  if (!meet(state, argv[2] as string, Number(port), Number(cport))) return errInvalidAddress(argv[2] as string, argv[3] as string);
  return OK;
});

export const CLUSTER_FORGET = clusterOnly((state, _client, argv) => {
  const node = state.lookupNode(argv[2] as string);
  if (node === undefined) return errUnknownNode(argv[2] as string);
  if (node === state.myself) return ERR_FORGET_MYSELF;
  if (state.myself.replicaOf === node) return ERR_FORGET_MASTER;
  forgetNode(state, node);
  return OK;
});

export const CLUSTER_REPLICATE = clusterOnly((state, client, argv) => {
  const node = state.lookupNode(argv[2] as string);
  if (node === undefined) return errUnknownNode(argv[2] as string);
  if (node === state.myself) return ERR_REPLICATE_MYSELF;
  if (!node.isMaster) return ERR_REPLICATE_REPLICA;
  const myself = state.myself;
  if (myself.isMaster && (myself.numSlots !== 0 || (client.server.databases[0]?.size ?? 0) !== 0)) return ERR_REPLICATE_NOT_EMPTY;
  setMaster(state, node);
  return OK;
});

/**
 * CLUSTER FAILOVER [FORCE|TAKEOVER]: a replica takes its master's place. Nodes in one
 * process agree at once, so the election (the default and FORCE) is won as soon as asked
 * and every mode ends as TAKEOVER does, the epoch aside.
 */
export const CLUSTER_FAILOVER = clusterOnly((state, _client, argv) => {
  if (argv.length > 3) return errSubcommandSyntax(argv[1] as string, 'CLUSTER');
  let force = false;
  let takeover = false;
  if (argv.length === 3) {
    if (isToken(argv[2], 'FORCE')) force = true;
    else if (isToken(argv[2], 'TAKEOVER')) takeover = force = true;
    else return ERR_SYNTAX;
  }
  const myself = state.myself;
  if (myself.isMaster) return ERR_FAILOVER_MASTER;
  const master = myself.replicaOf as ClusterNode;
  // A master of another process is never reached (no link): Redis's "down or failed".
  if (!force && master.server === undefined) return ERR_FAILOVER_MASTER_DOWN;
  state.server.log('warning', takeover ? 'Taking over the master (user request).' : force ? 'Forced failover user request accepted.' : 'Manual failover user request accepted.');
  if (!takeover) {
    // The election: masters that voted for a replica of this master within two node
    // timeouts refuse their vote, and the failover times out (the command said OK).
    const now = state.server.clock.now();
    const timeout = Number(state.server.config.get('cluster-node-timeout') ?? 15000);
    if (master.votedAt !== undefined && now - master.votedAt < 2 * timeout) return OK;
    master.votedAt = now;
  }
  replaceMaster(state, takeover);
  return OK;
});

export const CLUSTER_REPLICAS = clusterOnly((state, _client, argv) => {
  const node = state.lookupNode(argv[2] as string);
  if (node === undefined) return errUnknownNode(argv[2] as string);
  if (!node.isMaster) return ERR_NOT_A_MASTER;
  return state.bus.replicasOf(node).map((replica) => nodeDescription(state, replica));
});
export const CLUSTER_SLAVES = CLUSTER_REPLICAS;

export const CLUSTER_COUNT_FAILURE_REPORTS = clusterOnly((state, _client, argv) => {
  const node = state.lookupNode(argv[2] as string);
  if (node === undefined) return errUnknownNode(argv[2] as string);
  return failureReports(state, node);
});

/**
 * clusterNodeFailureReportsCount: the masters that reported the node failing. Nodes of one
 * process see a failure at once, so every other reachable master has; gossip refreshes
 * a report while the node is PFAIL or still has slots, else it expires after two node
 * timeouts (CLUSTER_FAIL_REPORT_VALIDITY_MULT), as Redis's do once nobody gossips about it.
 */
function failureReports(state: ClusterState, node: ClusterNode): number {
  if (node.fail === undefined) return 0;
  const timeout = Number(state.server.config.get('cluster-node-timeout') ?? 15000);
  if (node.fail === 'fail' && node.numSlots === 0 && state.server.clock.now() - node.failedAt > 2 * timeout) return 0;
  let count = 0;
  for (const other of state.bus.nodes.values()) if (other !== state.myself && other !== node && other.isMaster && other.fail === undefined) count++;
  return count;
}

export const CLUSTER_SET_CONFIG_EPOCH = clusterOnly((state, _client, argv) => {
  const epoch = parseInt64(argv[2] as Bytes);
  if (epoch < 0n) return errInvalidConfigEpoch(epoch);
  if (state.bus.nodes.size > 1) return ERR_CONFIG_EPOCH_KNOWS_NODES;
  if (state.myself.configEpoch !== 0) return ERR_CONFIG_EPOCH_NONZERO;
  state.myself.configEpoch = Number(epoch);
  state.server.log('warning', `configEpoch set to ${epoch} via CLUSTER SET-CONFIG-EPOCH`);
  if (state.bus.currentEpoch < Number(epoch)) state.bus.currentEpoch = Number(epoch);
  return OK;
});

export const CLUSTER_RESET = clusterOnly((state, client, argv) => {
  if (argv.length > 3) return errSubcommandSyntax(argv[1] as string, 'CLUSTER');
  let hard = false;
  if (argv.length === 3) {
    if (isToken(argv[2], 'HARD')) hard = true;
    else if (!isToken(argv[2], 'SOFT')) return ERR_SYNTAX;
  }
  if (state.myself.isMaster && client.db.size !== 0) return ERR_RESET_MASTER_KEYS;
  resetNode(state, hard);
  return OK;
});

/** CLUSTER LINKS: a link each way to every other node reachable, created when the nodes met. */
export const CLUSTER_LINKS = clusterOnly((state) => {
  const reply: Reply[] = [];
  for (const node of state.bus.nodes.values()) {
    // A node that crashed (FakeCluster.failNode) has no link either way.
    if (node === state.myself || node.fail !== undefined) continue;
    const createTime = Math.max(node.createdAt, state.myself.createdAt);
    for (const direction of ['to', 'from']) {
      reply.push(map([
        ['direction', direction],
        ['node', node.id],
        ['create-time', createTime],
        ['events', 'r'],
        ['send-buffer-allocated', 0],
        ['send-buffer-used', 0],
      ]));
    }
  }
  return reply;
});

export const ASKING = clusterOnly((state, client) => {
  state.askingClients.add(client);
  return OK;
});

export const READONLY = clusterOnly((state, client) => {
  state.readonlyClients.add(client);
  return OK;
});

export const READWRITE = clusterOnly((state, client) => {
  state.readonlyClients.delete(client);
  return OK;
});

