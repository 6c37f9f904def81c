import { createRequire } from 'node:module';
import { type Bytes, type FakeServer } from '@fakeredis/core';
import { createFakeIoredisClass, serverRegistry, type ServerClass, SocketListener } from '@fakeredis/composer';
import type { Cluster as IoredisCluster, ClusterOptions as IoredisClusterOptions } from 'ioredis';
import { SLOT_COUNT, keyHashSlot } from './crc16.js';
import { clusterState, type ClusterState } from './state.js';
import { redirectBlockedClientsEverywhere } from './blocked.js';
import { mergeBuses, replaceMaster, setMaster } from './topology.js';

const requireFromHere = createRequire(import.meta.url);

export interface FakeClusterOptions<S extends FakeServer = FakeServer> {
  /** The server class of every node: composed with `overrideCommands(mixins, ClusterCommands)`. */
  Server: ServerClass<S>;
  /** Masters (default 3, as `redis-cli --cluster create` needs at least). */
  masters?: number;
  /** Replicas per master (default 0). */
  replicas?: number;
  /** The address nodes announce (default 127.0.0.1). */
  host?: string;
  /** The first node's port; the others follow (default 30001, as utils/create-cluster). */
  port?: number;
  /** Configuration for every node (cluster-enabled and port are set by the cluster). */
  config?: Record<string, string | number>;
}

/**
 * redis-cli --cluster create's split (clusterManagerCommandCreate): masters get
 * consecutive ranges of 16384 / masters slots, computed in single precision and rounded.
 */
export function splitSlots(masters: number): Array<[number, number]> {
  const perNode = Math.fround(SLOT_COUNT / masters);
  const ranges: Array<[number, number]> = [];
  let first = 0;
  let cursor = 0;
  for (let i = 0; i < masters; i++) {
    let last = Math.round(Math.fround(cursor + perNode - 1));
    if (last > SLOT_COUNT || i === masters - 1) last = SLOT_COUNT - 1;
    if (last < first) last = first;
    ranges.push([first, last]);
    first = last + 1;
    cursor = Math.fround(cursor + perNode);
  }
  return ranges;
}

/**
 * A Redis Cluster in this process: `masters` cluster-mode servers holding the 16384
 * slots as redis-cli --cluster create splits them, each with `replicas` replicas that
 * apply its writes, all placed in the server class's registry at host:port, port+1 ...
 * (masters first, then the replicas of each master in turn), so the composer's ioredis
 * and node-redis flavours, MIGRATE and CLUSTER MEET reach them by address.
 */
export class FakeCluster<S extends FakeServer = FakeServer> {
  readonly nodes: S[] = [];
  readonly masters: S[] = [];
  readonly replicas: S[] = [];
  readonly host: string;
  readonly port: number;
  private readonly Server: ServerClass<S>;
  private readonly listeners: SocketListener[] = [];

  constructor(options: FakeClusterOptions<S>) {
    const masters = options.masters ?? 3;
    const replicas = options.replicas ?? 0;
    if (!Number.isInteger(masters) || masters < 1) throw new RangeError('a cluster needs at least one master');
    this.Server = options.Server;
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 30001;
    const registry = serverRegistry(options.Server);
    const total = masters * (1 + replicas);
    const states: ClusterState[] = [];
    for (let i = 0; i < total; i++) {
      const port = this.port + i;
      const server = new options.Server({ config: { ...options.config, 'cluster-enabled': 'yes', port } });
      registry.set({ host: this.host, port }, server);
      const state = clusterState(server);
      (state.myself as { ip: string }).ip = this.host;
      // redis-cli gives every node its own config epoch (1, 2, ...) before the meet.
      state.myself.configEpoch = i + 1;
      state.bus.currentEpoch = i + 1;
      states.push(state);
      this.nodes.push(server);
      (i < masters ? this.masters : this.replicas).push(server);
    }
    const first = states[0] as ClusterState;
    for (const state of states.slice(1)) mergeBuses(first.bus, state.bus);
    splitSlots(masters).forEach(([start, end], i) => {
      const node = (states[i] as ClusterState).myself;
      for (let slot = start; slot <= end; slot++) first.bus.addSlot(node, slot);
    });
    for (let i = masters; i < total; i++) setMaster(states[i] as ClusterState, (states[(i - masters) % masters] as ClusterState).myself);
  }

  /** The addresses of every node, for a client's startup nodes. */
  get startupNodes(): Array<{ host: string; port: number }> {
    return this.nodes.map((server) => ({ host: this.host, port: clusterState(server).myself.port }));
  }

  /** The master serving a key's slot (or a slot number). */
  masterFor(keyOrSlot: string | number): S {
    const slot = typeof keyOrSlot === 'number' ? keyOrSlot : keyHashSlot(Buffer.from(keyOrSlot).toString('latin1'));
    const owner = clusterState(this.nodes[0] as S).bus.slots[slot];
    return owner?.server as S;
  }

  /** A node's id (CLUSTER MYID). */
  nodeId(server: S): string {
    return clusterState(server).myself.id;
  }

  /**
   * Moves a slot to another master as `redis-cli --cluster reshard` does: SETSLOT
   * IMPORTING on the target, MIGRATING on the source, MIGRATE of its keys in batches,
   * then SETSLOT NODE on every master. `step` stops after the keys of one MIGRATE batch
   * (the slot stays open, so clients get ASK) when it returns false.
   */
  moveSlot(slot: number, target: S, options: { batch?: number; step?: () => boolean } = {}): void {
    const source = this.masterFor(slot);
    if (source === target) return;
    const targetNode = clusterState(target).myself;
    target.call('CLUSTER', 'SETSLOT', slot, 'IMPORTING', this.nodeId(source));
    source.call('CLUSTER', 'SETSLOT', slot, 'MIGRATING', this.nodeId(target));
    const batch = options.batch ?? 10;
    for (;;) {
      const keys = source.call('CLUSTER', 'GETKEYSINSLOT', slot, batch) as Bytes[];
      if (keys.length === 0) break;
      const reply = source.call('MIGRATE', targetNode.ip, targetNode.port, '', 0, 5000, 'KEYS', ...keys.map((k) => Buffer.from(k, 'latin1')));
      if (reply instanceof Error || (typeof reply === 'object' && reply !== null && 'message' in reply)) {
        throw new Error(`MIGRATE failed: ${(reply as { message: string }).message}`);
      }
      if (options.step !== undefined && !options.step()) return;
    }
    this.finishSlot(slot, target);
  }

  /** Closes an open slot on every master: SETSLOT NODE (the end of moveSlot). */
  finishSlot(slot: number, target: S): void {
    const id = this.nodeId(target);
    target.call('CLUSTER', 'SETSLOT', slot, 'NODE', id);
    for (const server of this.masters) if (server !== target && clusterState(server).myself.isMaster) server.call('CLUSTER', 'SETSLOT', slot, 'NODE', id);
  }

  /**
   * Fails a node as a crash would, seen by the others at once (no node timeout to wait):
   * its connections are dropped (and any new one is, while it is down); `confirm: false`
   * stops at PFAIL (`fail?` in the others' CLUSTER NODES), otherwise it is FAIL (`fail`)
   * and, a master with slots, replaced by its first replica (a new config epoch, its slots,
   * its other replicas), so clients get MOVED to the new master. Without a replica its
   * slots stay unserved: the cluster is down under cluster-require-full-coverage (reads
   * allowed with cluster-allow-reads-when-down). The direct API still reaches the node.
   */
  failNode(server: S, options: { confirm?: boolean } = {}): void {
    const state = clusterState(server);
    const node = state.myself;
    node.fail = options.confirm === false ? 'pfail' : 'fail';
    node.failedAt = server.clock.now();
    for (const client of [...server.clients.values()]) if (client.transport !== undefined) client.close();
    if (node.fail === 'fail' && node.isMaster && node.numSlots !== 0) {
      // A replica with cluster-replica-no-failover never starts an election.
      const replica = state.bus.replicasOf(node).find((r) => r.server !== undefined && r.fail === undefined && !r.server.config.getBoolean('cluster-replica-no-failover'));
      if (replica !== undefined) replaceMaster(clusterState(replica.server as FakeServer), false, true);
    }
    redirectBlockedClientsEverywhere(state.bus);
  }

  /**
   * Brings a failed node back: the others see it reachable again; a master whose slots a
   * replica took meanwhile becomes that replica's replica (its data resynced), as the new
   * master's claim makes it in Redis (clusterUpdateSlotsConfigWith).
   */
  restoreNode(server: S): void {
    const state = clusterState(server);
    const node = state.myself;
    node.fail = undefined;
    const replacement = node.replacedBy;
    node.replacedBy = undefined;
    if (node.isMaster && node.numSlots === 0 && replacement !== undefined && replacement.isMaster) setMaster(state, replacement);
    redirectBlockedClientsEverywhere(state.bus);
  }

  /** An ioredis Cluster client connected in memory (ioredis 5 or 6 must be installed). */
  ioredis(options: IoredisClusterOptions = {}): IoredisCluster {
    const { Cluster } = requireFromHere('ioredis') as { Cluster: new (nodes: unknown[], options: IoredisClusterOptions) => IoredisCluster };
    const FakeRedis = createFakeIoredisClass(this.Server);
    return new Cluster(this.startupNodes, {
      ...options,
      redisOptions: { ...options.redisOptions, Connector: FakeRedis.Connector } as IoredisClusterOptions['redisOptions'],
    });
  }

  /**
   * A node-redis cluster client (`createCluster`, node-redis 5 or 6) whose node clients
   * reach the nodes over in-process Unix socket listeners (node-redis takes no custom
   * stream): its `nodeAddressMap` maps each node's address to its listener. The listeners
   * open here and close with close(). Call `connect()` on it as usual.
   */
  async nodeRedis(options: Record<string, unknown> = {}): Promise<NodeRedisClusterLike> {
    const { createCluster } = requireFromHere('redis') as { createCluster: (options: object) => NodeRedisClusterLike };
    const paths = new Map<string, string>();
    const registry = serverRegistry(this.Server);
    for (const node of this.startupNodes) {
      const listener = new SocketListener(() => registry.find(node), node);
      this.listeners.push(listener);
      await listener.acquire();
      paths.set(`${node.host}:${node.port}`, listener.path);
    }
    return createCluster({
      ...options,
      rootNodes: this.startupNodes.map((node) => ({ socket: { path: paths.get(`${node.host}:${node.port}`) } })),
      nodeAddressMap: (address: string) => {
        const path = paths.get(address);
        return path === undefined ? undefined : { path };
      },
    });
  }

  /** Closes the node-redis listeners and every node. */
  close(): void {
    for (const listener of this.listeners.splice(0)) listener.release();
    for (const server of this.nodes) server.close();
  }
}

/** The part of a node-redis cluster client FakeCluster returns. */
export interface NodeRedisClusterLike {
  connect(): Promise<unknown>;
  close?(): Promise<unknown>;
  quit?(): Promise<unknown>;
  destroy?(): void;
  [command: string]: unknown;
}
