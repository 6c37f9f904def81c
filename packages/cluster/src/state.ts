import {
  type Bytes,
  type Client,
  defineModuleState,
  type FakeServer,
  findInProcessServer,
  type KeyIndex,
} from '@fakeredis/core';
import { SLOT_COUNT, keyHashSlot } from './crc16.js';

/**
 * One node as the cluster knows it (Redis's clusterNode). Nodes living in this process
 * have their `server`; every node of a bus sees the same node objects.
 */
export class ClusterNode {
  /** Redis's slaveof: the master this node replicates. */
  replicaOf: ClusterNode | undefined;
  configEpoch = 0;
  /** Slots this node serves (as a master). */
  numSlots = 0;
  /** When the masters last voted for a replica of this node (voted_time): they vote again after 2 node timeouts. */
  votedAt: number | undefined;
  /** Bytes of replication stream this node has (master) or has processed (replica). */
  replOffset = 0;
  /** Redis 7.2's shard_id: random for a master, its master's for a replica ('' before 7.2). */
  shardId = '';
  /** A node the test failed (FakeCluster.failNode): PFAIL (`fail?`) or FAIL (`fail`). */
  fail: 'pfail' | 'fail' | undefined;
  /** When it failed (its clock), since when its replicas' link is down. */
  failedAt = 0;
  /** The replica promoted in this failed master's place, which it follows when it comes back. */
  replacedBy: ClusterNode | undefined;
  readonly createdAt: number;

  constructor(
    public id: string,
    readonly ip: string,
    readonly port: number,
    readonly cport: number,
    readonly server: FakeServer | undefined,
    now: number,
  ) {
    this.createdAt = now;
  }

  get isMaster(): boolean {
    return this.replicaOf === undefined;
  }

  /** The hostname the node announces (cluster-announce-hostname; gossip would spread it), '' without one. */
  get hostname(): string {
    return this.server?.config.get('cluster-announce-hostname') ?? '';
  }
}

/**
 * getPreferredEndpoint: how the answering server names a node to its clients (its
 * cluster-preferred-endpoint-type): the ip, the hostname ('?' without one), or '' (unknown).
 */
export function preferredEndpoint(server: FakeServer, node: ClusterNode): string {
  const type = server.config.get('cluster-preferred-endpoint-type');
  if (type === 'hostname') return node.hostname !== '' ? node.hostname : '?';
  return type === 'unknown-endpoint' ? '' : node.ip;
}

/**
 * What the nodes of one cluster agree on (the slot map, the epochs, who replicates whom).
 * Nodes in one process share it: what gossip would spread reaches every node at once.
 */
export class ClusterBus {
  readonly nodes = new Map<string, ClusterNode>();
  readonly slots: Array<ClusterNode | undefined> = new Array<ClusterNode | undefined>(SLOT_COUNT).fill(undefined);
  currentEpoch = 0;
  /** Slots with an owner (kept as slots change: read before every command with keys). */
  assigned = 0;

  replicasOf(master: ClusterNode): ClusterNode[] {
    const replicas: ClusterNode[] = [];
    for (const node of this.nodes.values()) if (node.replicaOf === master) replicas.push(node);
    return replicas;
  }

  addSlot(node: ClusterNode, slot: number): void {
    const owner = this.slots[slot];
    if (owner === node) return;
    if (owner !== undefined) {
      owner.numSlots--;
      this.removeChannelsInSlot(owner, slot);
    } else this.assigned++;
    this.slots[slot] = node;
    node.numSlots++;
  }

  /**
   * `asked`: the node a DELSLOTS or FLUSHSLOTS was sent to, the only one whose view changes
   * in Redis (no gossip says a slot was deleted), so the only one dropping its channels.
   */
  delSlot(slot: number, asked?: ClusterNode): void {
    const owner = this.slots[slot];
    if (owner === undefined) return;
    this.removeChannelsInSlot(owner, slot, asked);
    owner.numSlots--;
    this.assigned--;
    this.slots[slot] = undefined;
  }

  /**
   * clusterDelSlot's cleanup: the nodes whose view loses the slot (its owner and the owner's replicas) drop
   * their shard channels of that slot, in slots_to_channels order (the channel's bytes),
   * each subscriber told with `sunsubscribe`.
   */
  private removeChannelsInSlot(owner: ClusterNode, slot: number, only?: ClusterNode): void {
    for (const node of only !== undefined ? [only] : [owner, ...this.replicasOf(owner)]) {
      const server = node.server;
      if (server === undefined || server.pubsub.shardChannelCount === 0) continue;
      const index = clusterState(server).slotChannels;
      const channels = index.keys(slot, index.count(slot));
      for (const channel of channels.sort()) server.pubsub.unsubscribeShardChannel(channel);
    }
  }

  maxEpoch(): number {
    let max = this.currentEpoch;
    for (const node of this.nodes.values()) if (node.configEpoch > max) max = node.configEpoch;
    return max;
  }

  /** Masters serving at least one slot (cluster_size). */
  size(): number {
    let size = 0;
    for (const node of this.nodes.values()) if (node.isMaster && node.numSlots !== 0) size++;
    return size;
  }

  /**
   * clusterUpdateState: fail while a slot is unserved or served by a FAIL node (under
   * cluster-require-full-coverage), or fewer than a majority of the masters serving slots
   * are reachable.
   */
  isOk(requireFullCoverage: boolean): boolean {
    if (requireFullCoverage) {
      if (this.assigned !== SLOT_COUNT) return false;
      for (const node of this.nodes.values()) if (node.fail === 'fail' && node.numSlots !== 0) return false;
    }
    // A majority of the masters serving slots must be reachable (neither PFAIL nor FAIL).
    let size = 0;
    let reachable = 0;
    for (const node of this.nodes.values()) {
      if (!node.isMaster || node.numSlots === 0) continue;
      size++;
      if (node.fail === undefined) reachable++;
    }
    return size !== 0 && reachable >= Math.floor(size / 2) + 1;
  }
}

/**
 * Keys by slot, newest first (Redis 7.0's slot_to_keys lists, which GETKEYSINSLOT walks
 * from the head): O(1) to add and remove a key. Shard channels are indexed the same way.
 */
export class SlotKeys implements KeyIndex {
  private readonly heads = new Map<number, Bytes>();
  private readonly links = new Map<Bytes, { prev: Bytes | undefined; next: Bytes | undefined; slot: number }>();
  private readonly counts = new Uint32Array(SLOT_COUNT);

  added(key: Bytes): void {
    const slot = keyHashSlot(key);
    const head = this.heads.get(slot);
    this.links.set(key, { prev: undefined, next: head, slot });
    if (head !== undefined) (this.links.get(head) as { prev: Bytes | undefined }).prev = key;
    this.heads.set(slot, key);
    this.counts[slot]!++;
  }

  removed(key: Bytes): void {
    const link = this.links.get(key);
    if (link === undefined) return;
    this.links.delete(key);
    if (link.prev === undefined) {
      if (link.next === undefined) this.heads.delete(link.slot);
      else this.heads.set(link.slot, link.next);
    } else (this.links.get(link.prev) as { next: Bytes | undefined }).next = link.next;
    if (link.next !== undefined) (this.links.get(link.next) as { prev: Bytes | undefined }).prev = link.prev;
    this.counts[link.slot]!--;
  }

  cleared(): void {
    this.heads.clear();
    this.links.clear();
    this.counts.fill(0);
  }

  count(slot: number): number {
    return this.counts[slot] as number;
  }

  /** Up to `max` keys of a slot, newest first. */
  keys(slot: number, max: number): Bytes[] {
    const out: Bytes[] = [];
    let key = this.heads.get(slot);
    while (key !== undefined && out.length < max) {
      out.push(key);
      key = this.links.get(key)?.next;
    }
    return out;
  }
}

/** A server's cluster state (Redis's server.cluster), made on first use. */
export class ClusterState {
  /** cluster-enabled yes (immutable: read once). */
  readonly enabled: boolean;
  bus: ClusterBus;
  readonly myself: ClusterNode;
  /** migrating_slots_to / importing_slots_from: this node's own, not shared. */
  readonly migrating = new Map<number, ClusterNode>();
  readonly importing = new Map<number, ClusterNode>();
  readonly slotKeys = new SlotKeys();
  /** Shard channels with subscribers by slot (Redis 7.0's slots_to_channels): a slot's channels found without walking them all. */
  readonly slotChannels = new SlotKeys();
  /** Clients that sent READONLY; clients whose next command may use ASKING. */
  readonly readonlyClients = new WeakSet<Client>();
  readonly askingClients = new WeakSet<Client>();
  /**
   * The command being served: its slot when it has keys (Redis's c->slot, which a script's
   * keys must share), and whether it came after ASKING (a script's calls take the flag).
   */
  readonly commandSlot = new WeakMap<Client, number>();
  readonly commandAsking = new WeakSet<Client>();
  /** Clients that obey without checks: a replica's link to its master (mustObeyClient). */
  readonly masterClients = new WeakSet<Client>();
  /** Stops mirroring the master's writes into this replica. */
  unfollow: (() => void) | undefined;

  constructor(readonly server: FakeServer) {
    this.enabled = server.config.getBoolean('cluster-enabled');
    const port = Number(server.config.get('port') ?? 6379);
    const announced = server.config.get('cluster-announce-ip');
    // A node learns its address when it meets another (clusterStartHandshake); until then none.
    const ip = announced ?? '';
    const busPort = Number(server.config.get('cluster-port') ?? 0);
    const id = randomNodeId(server);
    this.myself = new ClusterNode(id, ip, port, busPort !== 0 ? busPort : port + 10000, server, server.clock.now());
    // createClusterNode draws the shard id right after the name (7.2).
    if (server.versionAtLeast('7.2.0')) this.myself.shardId = randomNodeId(server);
    this.bus = new ClusterBus();
    this.bus.nodes.set(id, this.myself);
    if (this.enabled) {
      const db = server.databases[0];
      if (db !== undefined) {
        db.keyIndex = this.slotKeys;
        for (const key of db.keys()) this.slotKeys.added(key);
      }
      server.pubsub.shardChannelIndex = this.slotChannels;
      for (const channel of server.pubsub.activeShardChannels()) this.slotChannels.added(channel);
    }
  }

  lookupNode(id: string): ClusterNode | undefined {
    return this.bus.nodes.get(id);
  }

  isOk(): boolean {
    return this.bus.isOk(this.server.config.getBoolean('cluster-require-full-coverage'));
  }
}

export const clusterStateKey = defineModuleState('cluster', (server) => new ClusterState(server));

export function clusterState(server: FakeServer): ClusterState {
  return server.moduleState(clusterStateKey);
}

/** The in-process cluster state of the node at host:port, when one lives in this process. */
export function inProcessNode(host: string, port: number): ClusterState | undefined {
  const server = findInProcessServer(host, port);
  if (server === undefined || !server.config.getBoolean('cluster-enabled')) return undefined;
  return clusterState(server);
}

/** A node id: 40 random hex characters (getRandomHexChars), from the server's generator. */
export function randomNodeId(server: FakeServer): string {
  let id = '';
  for (let i = 0; i < 40; i++) id += '0123456789abcdef'[Math.floor(server.random.next() * 16)];
  return id;
}
