import type { Bytes } from '../bytes.js';
import type { Client } from '../client.js';
import { persistenceState, startBgsave } from '../mixins/server/persistence.js';
import { randomHexId } from '../hex-id.js';
import { rdbSaveToBuffer, type RdbSaveOptions } from '../rdb/file.js';
import { RdbError } from '../rdb/format.js';
import { addPropagationListener, encodeCommand, PROPAGATE_REPL } from '../propagate.js';
import { ErrorReply } from '../reply.js';
import { ERR_WAITAOF_APPENDONLY } from '../errors/server.js';
import { addHook, defineModuleState, type FakeServer } from '../server.js';
import { ReplicationBacklog } from './backlog.js';
import { replicationSetMaster, replicationUnsetMaster } from './replica.js';

/**
 * The master side of Redis 7.0's replication (replication.c): replicas attach with SYNC or
 * PSYNC, get a full resync (an RDB, from a file on disk or streamed with an EOF mark as
 * `repl-diskless-sync` says) or a partial one from the backlog, then the stream of what
 * is propagated; they acknowledge offsets with REPLCONF ACK, which WAIT, ROLE, INFO and
 * min-replicas-to-write read. The commands are in mixins/server/replication.ts; the stream
 * comes from replicationFeedSlaves.
 */

/** Where a replica is in its synchronization (slave->replstate). */
export type ReplicaState = 'wait_bgsave_start' | 'wait_bgsave_end' | 'send_bulk' | 'online' | 'rdb_transmitted';

/** What a replica told with REPLCONF before its SYNC (slave_capa, slave_req, listening port ...). */
export interface ReplicaConfig {
  listeningPort: number;
  /** REPLCONF ip-address (slave_addr); undefined: the peer's address. */
  address: string | undefined;
  capaEof: boolean;
  capaPsync2: boolean;
  rdbOnly: boolean;
  excludeData: boolean;
  excludeFunctions: boolean;
}

/** A coordinated failover (FAILOVER): waiting for a replica to catch up, then handing over to it. */
export interface Failover {
  state: 'waiting-for-sync' | 'failover-in-progress';
  host: string | undefined;
  port: number;
  /** failover_end_time (ms on the server clock), 0 without TIMEOUT. */
  readonly endTime: number;
  readonly force: boolean;
}

/**
 * What a client blocked in WAIT or WAITAOF waits for: `numreplicas` replicas having
 * acknowledged `offset` (processed it, or for WAITAOF fsynced it: `aof` set, with its numlocal).
 */
export interface WaitingAcks {
  readonly offset: number;
  readonly numreplicas: number;
  readonly aof?: { readonly numlocal: number };
}

/** A client that became a replica (CLIENT_SLAVE). */
export interface ReplicaLink {
  readonly client: Client;
  readonly config: ReplicaConfig;
  state: ReplicaState;
  /** Attached with SYNC (CLIENT_PRE_PSYNC): no FULLRESYNC line, no ACKs expected. */
  prePsync: boolean;
  /** The offset its RDB stands for (psync_initial_offset). */
  psyncInitialOffset: number;
  /** repl_ack_off / repl_ack_time (seconds on the server clock). */
  ackOffset: number;
  ackTime: number;
  /** repl_aof_off: the offset it reported fsynced to its AOF (REPLCONF ACK ... FACK, 7.2+). */
  aofAckOffset: number;
  /** Diskless: the stream starts at its first ACK (repl_start_cmd_stream_on_ack). */
  startStreamOnAck: boolean;
  /** Stream held until its RDB is through (Redis accumulates it in the replica's output buffer). */
  held: string[] | undefined;
}

const ZERO_ID = '0'.repeat(40);
/** RDB_EOF_MARK_SIZE */
const EOF_MARK_SIZE = 40;
/** Bytes written to a socket per call when sending an RDB. */
const PIECE = 1024 * 1024;

/** A streamed (diskless) transfer under way: the "child" that ends when the bytes are written. */
interface SocketTransfer {
  readonly replicas: ReplicaLink[];
  readonly startedAt: number;
  finish: () => void;
}

export class ReplicationMaster {
  /** server.slaves, in attach order. */
  readonly replicas: ReplicaLink[] = [];
  /** Per-client REPLCONF settings, before and after SYNC. */
  readonly configs = new Map<Client, ReplicaConfig>();
  backlog: ReplicationBacklog | undefined;
  replid2 = ZERO_ID;
  secondReplidOffset = -1;
  /** The database the stream last selected (server.slaveseldb); -1 forces a SELECT. */
  slaveseldb = -1;
  /** When the last replica went away, in seconds (repl_no_slaves_since). */
  noReplicasSince: number;
  syncFull = 0;
  syncPartialOk = 0;
  syncPartialErr = 0;
  /** A WAIT asked for acknowledgements: REPLCONF GETACK goes out before the server sleeps. */
  getAckRequested = false;
  /** Clients blocked in WAIT or WAITAOF, newest first (clients_waiting_acks), with what they wait for. */
  readonly waiting = new Map<Client, WaitingAcks>();
  socketTransfer: SocketTransfer | undefined;
  /** A disk BGSAVE for replicas is running (the file they will get). */
  diskTransfer = false;
  /** Called after each REPLCONF ACK (a SHUTDOWN waiting for its replicas looks again). */
  onAck: (() => void) | undefined;
  /**
   * This server is a replica (server.masterhost): its stream is its master's, proxied as
   * read (feedStreamFromMaster), and nothing it runs itself goes into it.
   */
  following = false;
  /** A FAILOVER under way (server.failover_state and its target, end time, FORCE). */
  failover: Failover | undefined;
  private failoverTimer: ReturnType<typeof setInterval> | undefined;
  private cronLoops = 0;
  private detachFeed: (() => void) | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly server: FakeServer) {
    this.noReplicasSince = Math.floor(server.clock.now() / 1000);
  }

  /** replicationCron runs once a second while there are replicas or a backlog. */
  startCron(): void {
    if (this.timer !== undefined || this.server.closed) return;
    // replication_cron_loops counts the seconds since the server started (its first run, at
    // start, is loop 0): the next run, a second from now, has the PING period's phase.
    this.cronLoops = Math.floor((this.server.clock.now() - this.server.startedAt) / 1000) + 1;
    this.timer = setInterval(() => this.cron(), 1000);
    this.timer.unref?.();
  }

  stopCron(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  /**
   * replicationCron: PING every repl-ping-replica-period, a newline to replicas waiting for
   * their RDB, timed-out replicas dropped, the backlog freed after repl-backlog-ttl without
   * replicas, and a pending BGSAVE for replicas started.
   */
  cron(): void {
    const server = this.server;
    if (server.closed) return this.stopCron();
    const now = Math.floor(server.clock.now() / 1000);
    const period = Math.max(1, server.config.getNumber('repl-ping-replica-period'));
    // No PING while a FAILOVER with a timeout holds writes: it would move the offset to catch up with.
    const failoverPause = this.failover !== undefined && this.failover.endTime !== 0 && server.clientsPaused();
    if (this.cronLoops % period === 0 && this.replicas.length > 0 && !failoverPause) {
      replicationFeedSlaves(server, this.slaveseldb, ['PING' as Bytes]);
    }
    for (const link of this.replicas) {
      if (link.state === 'wait_bgsave_start' || (link.state === 'wait_bgsave_end' && this.socketTransfer === undefined)) {
        link.client.transport?.write('\n');
      }
    }
    const timeout = server.config.getNumber('repl-timeout');
    for (const link of [...this.replicas]) {
      if (link.state === 'online' && !link.prePsync && now - link.ackTime > timeout) {
        server.log('warning', `Disconnecting timedout replica (streaming sync): ${replicaName(link.client, link.config)}`);
        link.client.close();
      }
    }
    const ttl = server.config.getNumber('repl-backlog-ttl');
    // A replica keeps its backlog: it may be promoted, and its siblings continue from it.
    if (this.replicas.length === 0 && ttl !== 0 && this.backlog !== undefined && !this.following && now - this.noReplicasSince > ttl) {
      changeReplicationId(server);
      this.clearReplicationId2();
      this.freeBacklog();
      server.log('notice', `Replication backlog freed after ${ttl} seconds without connected replicas.`);
    }
    startPendingSync(server);
    this.cronLoops++;
    server.flushIfIdle();
    if (this.replicas.length === 0 && this.backlog === undefined) this.stopCron();
  }

  /**
   * createReplicationBacklog: from now on the propagation feed goes into the stream (the
   * master offset moves), until the backlog is freed.
   */
  createBacklog(): void {
    const server = this.server;
    this.backlog = new ReplicationBacklog(server.masterReplOffset);
    server.replicationBufferMemory = this.backlog.indexMemory;
    this.detachFeed?.();
    this.detachFeed = addPropagationListener(server, (dbid, argv, target) => {
      if ((target & PROPAGATE_REPL) !== 0) replicationFeedSlaves(server, dbid, argv);
    });
  }

  freeBacklog(): void {
    this.backlog = undefined;
    this.server.replicationBufferMemory = 0;
    this.detachFeed?.();
    this.detachFeed = undefined;
  }

  clearReplicationId2(): void {
    this.replid2 = ZERO_ID;
    this.secondReplidOffset = -1;
  }

  /** FAILOVER: writes paused (pauseClients for the failover) until it ends; looked at every 100 ms, as replicationCron runs then. */
  startFailover(failover: Failover): void {
    this.failover = failover;
    this.server.pauseClients(Number.MAX_SAFE_INTEGER, 'write', 'failover');
    this.failoverTimer = setInterval(() => {
      updateFailoverStatus(this.server);
      this.server.flushIfIdle();
    }, 100);
    this.failoverTimer.unref?.();
  }

  /** clearFailoverState: the failover is over (done or aborted), writes go on. */
  clearFailover(): void {
    if (this.failover === undefined) return;
    this.failover = undefined;
    if (this.failoverTimer !== undefined) clearInterval(this.failoverTimer);
    this.failoverTimer = undefined;
    this.server.unpauseClients('failover');
  }
}

/** getFailoverStateString, for INFO replication's master_failover_state. */
export function failoverStateName(server: FakeServer): string {
  return replicationMaster(server).failover?.state ?? 'no-failover';
}

/**
 * updateFailoverStatus: past the timeout, FORCE hands over anyway, otherwise the failover
 * is aborted; a target (or, without one, any replica) that acknowledged the whole stream
 * gets it: this server becomes its replica, asking PSYNC ... FAILOVER.
 */
export function updateFailoverStatus(server: FakeServer): void {
  const master = replicationMaster(server);
  const failover = master.failover;
  if (failover === undefined || failover.state !== 'waiting-for-sync' || server.closed) return;
  if (failover.endTime !== 0 && failover.endTime <= server.clock.now()) {
    if (failover.force) {
      server.log('notice', `FAILOVER to ${failover.host}:${failover.port} time out exceeded, failing over.`);
      failover.state = 'failover-in-progress';
      replicationSetMaster(server, failover.host as string, failover.port);
    } else {
      abortFailover(server, 'Replica never caught up before timeout');
    }
    return;
  }
  let replica: ReplicaLink | undefined;
  if (failover.host !== undefined) {
    replica = findReplica(server, failover.host, failover.port);
  } else {
    replica = master.replicas.find((link) => link.ackOffset === server.masterReplOffset && replicaAddress(link) !== undefined);
    if (replica !== undefined) {
      failover.host = replicaAddress(replica);
      failover.port = replica.config.listeningPort;
    }
  }
  if (replica !== undefined && replica.ackOffset === server.masterReplOffset) {
    failover.state = 'failover-in-progress';
    server.log('notice', `Failover target ${failover.host}:${failover.port} is synced, failing over.`);
    replicationSetMaster(server, failover.host as string, failover.port);
  }
}

/** abortFailover: logged; a handover under way is undone (a master again). */
export function abortFailover(server: FakeServer, reason: string): void {
  const master = replicationMaster(server);
  const failover = master.failover;
  if (failover === undefined) return;
  server.log('notice', failover.host !== undefined ? `FAILOVER to ${failover.host}:${failover.port} aborted: ${reason}` : `FAILOVER to any replica aborted: ${reason}`);
  if (failover.state === 'failover-in-progress') replicationUnsetMaster(server);
  master.clearFailover();
}

/** findReplica: the replica at host (its ip-address or peer address, any case) and listening port. */
export function findReplica(server: FakeServer, host: string, port: number): ReplicaLink | undefined {
  return replicationMaster(server).replicas.find((link) => replicaAddress(link)?.toLowerCase() === host.toLowerCase() && link.config.listeningPort === port);
}

const replicationKey = defineModuleState('core:replication', (server) => new ReplicationMaster(server));

export function replicationMaster(server: FakeServer): ReplicationMaster {
  return server.moduleState(replicationKey);
}

/** The REPLCONF settings of a client, made on first use. */
export function replicaConfig(client: Client): ReplicaConfig {
  const master = replicationMaster(client.server);
  let config = master.configs.get(client);
  if (config === undefined) {
    config = { listeningPort: 0, address: undefined, capaEof: false, capaPsync2: false, rdbOnly: false, excludeData: false, excludeFunctions: false };
    master.configs.set(client, config);
  }
  return config;
}

/** changeReplicationId: a new random master_replid. */
function changeReplicationId(server: FakeServer): void {
  server.replicationId = randomHexId();
}

/** The peer's IP, as connPeerToString gives it (IPv6 without brackets). */
function peerIp(client: Client): string | undefined {
  const address = client.transport?.remoteAddress;
  if (address === undefined) return undefined;
  const host = address.slice(0, address.lastIndexOf(':'));
  return host.startsWith('[') ? host.slice(1, -1) : host;
}

/** replicationGetSlaveName: "ip:port" of where the replica listens (as its log lines name it). */
export function replicaName(client: Client, config: ReplicaConfig | undefined): string {
  const address = config?.address ?? peerIp(client);
  if (address === undefined) return `client id #${client.id}`;
  const port = config?.listeningPort ?? 0;
  if (port === 0) return `${address}:<unknown-replica-port>`;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** The address INFO and ROLE show for a replica: its ip-address, else its peer's IP. */
export function replicaAddress(link: ReplicaLink): string | undefined {
  return link.config.address ?? peerIp(link.client);
}

/** replstateToString */
export function replicaStateName(state: ReplicaState): string {
  return state === 'wait_bgsave_start' || state === 'wait_bgsave_end' ? 'wait_bgsave' : state;
}

/** canFeedReplicaReplBuffer */
function canFeed(link: ReplicaLink): boolean {
  return !link.config.rdbOnly && link.state !== 'wait_bgsave_start';
}

/** Appends stream bytes for one replica: on its link once it streams, else held for later. */
function sendToReplica(link: ReplicaLink, data: string): void {
  if (link.held !== undefined) link.held.push(data);
  else link.client.writeStream(data);
}

/**
 * replicationFeedSlaves: a command into the replication stream (the backlog, and every
 * replica past the start of its BGSAVE), after a SELECT when `dbIndex` is not the database
 * the stream is in (-1: any, for PING and REPLCONF GETACK). Nothing happens without
 * replicas or a backlog, as in Redis: the master offset moves only while there is a backlog.
 * A replica feeds nothing of its own: its stream is its master's.
 */
export function replicationFeedSlaves(server: FakeServer, dbIndex: number, argv: readonly Bytes[]): void {
  const master = replicationMaster(server);
  if (master.backlog === undefined || master.following) return;
  let data = '';
  if (master.slaveseldb !== dbIndex) {
    data = encodeCommand(['SELECT' as Bytes, String(dbIndex) as Bytes]);
    master.slaveseldb = dbIndex;
  }
  feedStream(server, master, master.backlog, data + encodeCommand(argv));
}

/**
 * replicationFeedStreamFromMasterStream: what a replica applied of its master's stream
 * (latin1), as it came, into its backlog and to its own replicas.
 */
export function feedStreamFromMaster(server: FakeServer, data: string): void {
  const master = replicationMaster(server);
  if (master.backlog !== undefined) feedStream(server, master, master.backlog, data);
}

/** feedReplicationBuffer: the backlog and the master offset move, the replicas get the bytes. */
function feedStream(server: FakeServer, master: ReplicationMaster, backlog: ReplicationBacklog, data: string): void {
  server.masterReplOffset = backlog.feed(data, server.masterReplOffset, server.config.getNumber('repl-backlog-size'));
  server.replicationBufferMemory = backlog.memory + backlog.indexMemory;
  for (const link of master.replicas) if (canFeed(link)) sendToReplica(link, data);
}

/** disconnectSlaves: every replica is dropped (they come back, with a partial resync when they can). */
export function disconnectReplicas(server: FakeServer): void {
  for (const link of [...replicationMaster(server).replicas]) link.client.close();
}

/** Writes bytes straight to a replica's connection, bypassing its output buffer (connWrite). */
function writeDirect(link: ReplicaLink, data: string | Buffer): void {
  const transport = link.client.transport;
  if (transport === undefined || link.client.closed) return;
  if (typeof data === 'string') {
    transport.write(data);
    return;
  }
  for (let i = 0; i < data.length; i += PIECE) transport.write(data.toString('latin1', i, Math.min(data.length, i + PIECE)));
}

/**
 * replicationSetupSlaveForFullResync: the replica waits for the end of the BGSAVE that
 * stands for `offset`, the stream selects its database again, and a PSYNC replica is told
 * `+FULLRESYNC <replid> <offset>`.
 */
function setupFullResync(server: FakeServer, link: ReplicaLink, offset: number): void {
  link.psyncInitialOffset = offset;
  link.state = 'wait_bgsave_end';
  link.held = [];
  replicationMaster(server).slaveseldb = -1;
  if (!link.prePsync) writeDirect(link, `+FULLRESYNC ${server.replicationId} ${offset}\r\n`);
}

/** What a BGSAVE for these replicas must leave out (slave_req). */
function saveOptions(server: FakeServer, config: ReplicaConfig): RdbSaveOptions {
  const master = replicationMaster(server);
  return {
    // rdbPopulateSaveInfo of a master with a backlog.
    replication: { streamDb: master.slaveseldb === -1 ? 0 : master.slaveseldb, replid: server.replicationId, offset: server.masterReplOffset },
    excludeData: config.excludeData,
    excludeFunctions: config.excludeFunctions,
  };
}

function sameRequirements(a: ReplicaConfig, b: ReplicaConfig): boolean {
  return a.excludeData === b.excludeData && a.excludeFunctions === b.excludeFunctions;
}

/**
 * replicaPutOnline: online (or, for an rdb-only replica, transmitted and to be closed);
 * false when the replica is to be disconnected.
 */
function putOnline(server: FakeServer, link: ReplicaLink): boolean {
  const name = replicaName(link.client, link.config);
  if (link.config.rdbOnly) {
    link.state = 'rdb_transmitted';
    server.log('notice', `RDB transfer completed, rdb only replica (${name}) should be disconnected asap`);
    return false;
  }
  link.state = 'online';
  link.ackTime = Math.floor(server.clock.now() / 1000);
  server.log('notice', `Synchronization with replica ${name} succeeded`);
  return true;
}

/** replicaStartCommandStream: what was held since the snapshot goes out, then the live stream. */
function startCommandStream(link: ReplicaLink): void {
  link.startStreamOnAck = false;
  const held = link.held ?? [];
  link.held = undefined;
  for (const data of held) link.client.writeStream(data);
  link.client.server.markOutput(link.client);
}

/**
 * startBgsaveForReplication: a streamed transfer when the replicas can take an EOF-marked
 * RDB and diskless sync (or a filter) asks for it, else a BGSAVE to disk whose file they
 * get once it is written.
 */
export function startBgsaveForReplication(server: FakeServer, mincapaEof: boolean, req: ReplicaConfig): void {
  const master = replicationMaster(server);
  const filtered = req.excludeData || req.excludeFunctions;
  const socketTarget = (server.config.getBoolean('repl-diskless-sync') || filtered) && mincapaEof;
  server.log('notice', `Starting BGSAVE for SYNC with target: ${socketTarget ? 'replicas sockets' : 'disk'}`);
  const ok = socketTarget ? saveToReplicaSockets(server, req) : saveToDiskForReplicas(server, req);
  if (!ok) {
    server.log('warning', 'BGSAVE for replication failed');
    for (const link of [...master.replicas]) {
      if (link.state !== 'wait_bgsave_start') continue;
      removeReplica(server, link);
      link.client.reply(new ErrorReply("ERR BGSAVE failed, replication can't continue"));
      link.client.close();
    }
    return;
  }
  if (!socketTarget) {
    for (const link of master.replicas) {
      if (link.state === 'wait_bgsave_start' && sameRequirements(link.config, req)) setupFullResync(server, link, server.masterReplOffset);
    }
  }
}

/** rdbSaveBackground for replicas: the file is written as BGSAVE writes it, then sent to the waiting replicas. */
function saveToDiskForReplicas(server: FakeServer, req: ReplicaConfig): boolean {
  const master = replicationMaster(server);
  const started = startBgsave(server, {
    options: saveOptions(server, req),
    done: (ok, data) => {
      master.diskTransfer = false;
      sendFileToReplicas(server, ok, data);
    },
  });
  if (started) master.diskTransfer = true;
  return started;
}

/**
 * updateSlavesWaitingBgsave for a disk save: each replica waiting for its end gets
 * `$<length>\r\n` and the file, and goes online; a failed save drops them.
 */
function sendFileToReplicas(server: FakeServer, ok: boolean, data: Buffer): void {
  const master = replicationMaster(server);
  for (const link of [...master.replicas]) {
    if (link.state !== 'wait_bgsave_end') continue;
    if (!ok) {
      server.log('warning', 'SYNC failed. BGSAVE child returned an error');
      link.client.close();
      continue;
    }
    link.state = 'send_bulk';
    const preamble = `$${data.length}\r\n`;
    writeDirect(link, preamble);
    writeDirect(link, data);
    if (!putOnline(server, link)) {
      link.client.close();
      continue;
    }
    startCommandStream(link);
  }
  startPendingSync(server);
  server.flushIfIdle();
}

/**
 * rdbSaveToSlavesSockets: the replicas waiting to start are told FULLRESYNC and get the
 * RDB at once, between `$EOF:<mark>\r\n` and the mark; the transfer counts as a running
 * BGSAVE until it ends (right after, as the child's exit is noticed), when the replicas
 * go online and wait for their first ACK to start the stream.
 */
function saveToReplicaSockets(server: FakeServer, req: ReplicaConfig): boolean {
  const master = replicationMaster(server);
  const state = persistenceState(server);
  let data: Buffer;
  try {
    data = rdbSaveToBuffer(server, saveOptions(server, req)).data;
  } catch (err) {
    if (!(err instanceof RdbError)) throw err;
    server.log('warning', `Can't save in background: ${err.message}`);
    return false;
  }
  const targets: ReplicaLink[] = [];
  for (const link of master.replicas) {
    if (link.state === 'wait_bgsave_start' && sameRequirements(link.config, req)) {
      setupFullResync(server, link, server.masterReplOffset);
      targets.push(link);
    }
  }
  const mark = randomHexId().slice(0, EOF_MARK_SIZE);
  state.saves++;
  state.bgsaveInProgress = true;
  state.bgsaveStartedAt = server.clock.now();
  server.log('notice', `Background RDB transfer started by pid ${process.pid}`);
  for (const link of targets) {
    writeDirect(link, `$EOF:${mark}\r\n`);
    writeDirect(link, data);
    writeDirect(link, mark);
  }
  const transfer: SocketTransfer = {
    replicas: targets,
    startedAt: server.clock.now(),
    finish: () => {
      if (master.socketTransfer !== transfer) return;
      master.socketTransfer = undefined;
      clearImmediate(timer);
      const live = targets.filter((link) => !link.client.closed);
      server.log('warning', `Diskless rdb transfer, done reading from pipe, ${live.length} replicas still up.`);
      state.bgsaveInProgress = false;
      state.lastBgsaveTimeSec = Math.floor((server.clock.now() - transfer.startedAt) / 1000);
      server.log('notice', 'Background RDB transfer terminated with success');
      for (const link of live) {
        if (link.state !== 'wait_bgsave_end') continue;
        server.log('notice', `Streamed RDB transfer with replica ${replicaName(link.client, link.config)} succeeded (socket). Waiting for REPLCONF ACK from slave to enable streaming`);
        if (!putOnline(server, link)) {
          link.client.closeAsync();
          continue;
        }
        link.startStreamOnAck = true;
      }
      startPendingSync(server);
      server.flushIfIdle();
    },
  };
  master.socketTransfer = transfer;
  const timer = setImmediate(() => transfer.finish());
  return true;
}

/**
 * shouldStartChildReplication / replicationStartPendingFork: without a BGSAVE running,
 * replicas waiting to start get one, after `repl-diskless-sync-delay` seconds of quiet (or
 * `repl-diskless-sync-max-replicas` waiting) for a diskless sync.
 */
export function startPendingSync(server: FakeServer): void {
  const master = replicationMaster(server);
  if (persistenceState(server).bgsaveInProgress) return;
  const now = Math.floor(server.clock.now() / 1000);
  let first: ReplicaConfig | undefined;
  let waiting = 0;
  let maxIdle = 0;
  let mincapaEof = true;
  for (const link of master.replicas) {
    if (link.state !== 'wait_bgsave_start') continue;
    if (first === undefined) first = link.config;
    else if (!sameRequirements(first, link.config)) continue;
    maxIdle = Math.max(maxIdle, now - Math.floor(link.client.lastInteractionAt / 1000));
    waiting++;
    mincapaEof &&= link.config.capaEof;
  }
  if (first === undefined) return;
  const maxReplicas = server.config.getNumber('repl-diskless-sync-max-replicas');
  if (!server.config.getBoolean('repl-diskless-sync') || (maxReplicas > 0 && waiting >= maxReplicas) || maxIdle >= server.config.getNumber('repl-diskless-sync-delay')) {
    startBgsaveForReplication(server, mincapaEof, first);
  }
}

/** Forgets a replica (freeClient's slave branch, without closing it). */
function removeReplica(server: FakeServer, link: ReplicaLink): void {
  const master = replicationMaster(server);
  const index = master.replicas.indexOf(link);
  if (index >= 0) master.replicas.splice(index, 1);
  link.client.replica = undefined;
  if (master.replicas.length === 0) master.noReplicasSince = Math.floor(server.clock.now() / 1000);
}

/** A replica's connection went away: "Connection with replica ... lost.", and it leaves the list. */
function replicaRemoved(server: FakeServer, client: Client): void {
  const master = replicationMaster(server);
  const link = client.replica;
  const config = master.configs.get(client);
  master.configs.delete(client);
  if (link === undefined) return;
  // A server shutting down exits without freeing its clients (nothing is logged then).
  if (!server.closed) server.log('warning', `Connection with replica ${replicaName(client, config)} lost.`);
  removeReplica(server, link);
}

/**
 * masterTryPartialResynchronization: the same history (replid, or replid2 up to its
 * offset) and an offset the backlog holds give `+CONTINUE` and the backlog from there;
 * otherwise false, with the log line saying why, and the caller does a full resync.
 */
function tryPartialResync(server: FakeServer, client: Client, config: ReplicaConfig, replid: string, offset: number): boolean {
  const master = replicationMaster(server);
  const name = replicaName(client, config);
  const mine = replid.toLowerCase() === server.replicationId;
  if (!mine && (replid.toLowerCase() !== master.replid2 || offset > master.secondReplidOffset)) {
    if (replid[0] !== '?') {
      if (!mine && replid.toLowerCase() !== master.replid2) {
        server.log('notice', `Partial resynchronization not accepted: Replication ID mismatch (Replica asked for '${replid}', my replication IDs are '${server.replicationId}' and '${master.replid2}')`);
      } else {
        server.log('notice', `Partial resynchronization not accepted: Requested offset for second ID was ${offset}, but I can reply up to ${master.secondReplidOffset}`);
      }
    } else {
      server.log('notice', `Full resync requested by replica ${name}`);
    }
    return false;
  }
  const backlog = master.backlog;
  if (backlog === undefined || offset < backlog.offset || offset > backlog.offset + backlog.histlen) {
    server.log('notice', `Unable to partial resync with replica ${name} for lack of backlog (Replica request was: ${offset}).`);
    if (offset > server.masterReplOffset) {
      server.log('warning', `Warning: replica ${name} tried to PSYNC with an offset that is greater than the master replication offset.`);
    }
    return false;
  }
  const link = newLink(client, config, false);
  link.state = 'online';
  link.ackTime = Math.floor(server.clock.now() / 1000);
  master.replicas.push(link);
  client.replica = link;
  writeDirect(link, config.capaPsync2 ? `+CONTINUE ${server.replicationId}\r\n` : '+CONTINUE\r\n');
  let length = 0;
  for (const piece of backlog.from(offset)) {
    length += piece.length;
    client.writeStream(piece);
  }
  server.log('notice', `Partial resynchronization request from ${name} accepted. Sending ${length} bytes of backlog starting from offset ${offset}.`);
  return true;
}

function newLink(client: Client, config: ReplicaConfig, prePsync: boolean): ReplicaLink {
  return { client, config, state: 'wait_bgsave_start', prePsync, psyncInitialOffset: 0, ackOffset: 0, ackTime: 0, aofAckOffset: 0, startStreamOnAck: false, held: undefined };
}

/**
 * syncCommand after its checks: a partial resync when PSYNC can have one, else the client
 * becomes a replica waiting for a BGSAVE (the backlog and a new replication ID are made
 * for the first one): it joins a disk BGSAVE for replicas already running, waits for the
 * delay of a diskless sync, or starts one.
 */
export function attachReplica(server: FakeServer, client: Client, psync: { replid: string; offset: number } | undefined): void {
  const master = replicationMaster(server);
  const config = replicaConfig(client);
  server.log('notice', `Replica ${replicaName(client, config)} asks for synchronization`);
  if (psync !== undefined) {
    if (tryPartialResync(server, client, config, psync.replid, psync.offset)) {
      master.syncPartialOk++;
      master.startCron();
      return;
    }
    if (psync.replid[0] !== '?') master.syncPartialErr++;
  }
  master.syncFull++;
  const link = newLink(client, config, psync === undefined);
  client.replica = link;
  master.replicas.push(link);
  if (master.replicas.length === 1 && master.backlog === undefined) {
    changeReplicationId(server);
    master.clearReplicationId2();
    master.createBacklog();
    server.log('notice', `Replication backlog created, my new replication IDs are '${server.replicationId}' and '${master.replid2}'`);
  }
  master.startCron();
  const persistence = persistenceState(server);
  if (persistence.bgsaveInProgress && master.socketTransfer === undefined) {
    // A disk BGSAVE runs: join it if another replica is collecting the stream since it began.
    const other = master.diskTransfer
      ? master.replicas.find((l) => l.state === 'wait_bgsave_end' && (!l.config.rdbOnly || config.rdbOnly))
      : undefined;
    if (other !== undefined && (!other.config.capaEof || config.capaEof) && sameRequirements(other.config, config)) {
      setupFullResync(server, link, other.psyncInitialOffset);
      if (!config.rdbOnly) link.held = [...(other.held ?? [])];
      server.log('notice', 'Waiting for end of BGSAVE for SYNC');
    } else {
      server.log('notice', "Can't attach the replica to the current BGSAVE. Waiting for next BGSAVE for SYNC");
    }
  } else if (persistence.bgsaveInProgress) {
    server.log('notice', 'Current BGSAVE has socket target. Waiting for next BGSAVE for SYNC');
  } else if (server.config.getBoolean('repl-diskless-sync') && config.capaEof && server.config.getNumber('repl-diskless-sync-delay') !== 0) {
    server.log('notice', 'Delay next BGSAVE for diskless SYNC');
  } else {
    startBgsaveForReplication(server, config.capaEof, config);
  }
}

/**
 * REPLCONF ACK [FACK]: the replica's processed offset and the one its AOF fsynced (only
 * rising) and the time it said so; a diskless replica starts getting the stream with its
 * first ACK; WAITing clients it satisfies are answered.
 */
export function replicaAck(server: FakeServer, link: ReplicaLink, offset: number, aofOffset?: number): void {
  const master = replicationMaster(server);
  if (offset > link.ackOffset) link.ackOffset = offset;
  if (aofOffset !== undefined && aofOffset > link.aofAckOffset) link.aofAckOffset = aofOffset;
  link.ackTime = Math.floor(server.clock.now() / 1000);
  if (link.state === 'wait_bgsave_end' && master.socketTransfer !== undefined) master.socketTransfer.finish();
  if (link.startStreamOnAck && link.state === 'online') startCommandStream(link);
  processClientsWaitingReplicas(server);
  master.onAck?.();
  // beforeSleep's updateFailoverStatus (not where the ACK is read: a handover drops clients).
  if (master.failover !== undefined) setImmediate(() => updateFailoverStatus(server));
}

/** replicationCountAcksByOffset: online replicas that acknowledged `offset`. */
export function countAcksByOffset(server: FakeServer, offset: number): number {
  let count = 0;
  for (const link of replicationMaster(server).replicas) if (link.state === 'online' && link.ackOffset >= offset) count++;
  return count;
}

/** replicationCountAOFAcksByOffset: online replicas whose AOF fsynced `offset` (their FACK). */
export function countAofAcksByOffset(server: FakeServer, offset: number): number {
  let count = 0;
  for (const link of replicationMaster(server).replicas) if (link.state === 'online' && link.aofAckOffset >= offset) count++;
  return count;
}

/**
 * processClientsWaitingReplicas: WAIT and WAITAOF clients whose replicas have acknowledged
 * are answered (a count, or WAITAOF's [local, replicas]); one that was satisfied spares the
 * count for the next asking as much or less, per kind, as Redis remembers it.
 */
export function processClientsWaitingReplicas(server: FakeServer): void {
  const master = replicationMaster(server);
  const last = { wait: { offset: 0, count: 0 }, aof: { offset: 0, count: 0 } };
  for (const [client, wait] of [...master.waiting]) {
    if (wait.aof !== undefined && wait.aof.numlocal !== 0 && !localAofFsynced(server)) {
      master.waiting.delete(client);
      server.blocking.unblock(client, ERR_WAITAOF_APPENDONLY);
      continue;
    }
    const seen = wait.aof === undefined ? last.wait : last.aof;
    let count: number;
    if (seen.offset !== 0 && seen.offset >= wait.offset && seen.count >= wait.numreplicas) {
      count = seen.count;
    } else {
      count = wait.aof === undefined ? countAcksByOffset(server, wait.offset) : countAofAcksByOffset(server, wait.offset);
      if (count < wait.numreplicas) continue;
      seen.offset = wait.offset;
      seen.count = count;
    }
    master.waiting.delete(client);
    server.blocking.unblock(client, wait.aof === undefined ? count : [localAofFsynced(server) ? 1 : 0, count]);
  }
}

/**
 * WAITAOF's local part (server.fsynced_reploff >= offset): the fake writes each command to
 * its AOF before the reply, so with appendonly on the local fsync has always happened.
 */
export function localAofFsynced(server: FakeServer): boolean {
  return server.config.get('appendonly') === 'yes';
}

/**
 * replicationRequestAckFromSlaves: REPLCONF GETACK * goes into the stream once the input
 * at hand is processed (Redis's beforeSleep), unless clients are paused.
 */
export function requestAcks(server: FakeServer): void {
  const master = replicationMaster(server);
  if (master.getAckRequested) return;
  master.getAckRequested = true;
  setImmediate(() => {
    master.getAckRequested = false;
    if (server.closed || server.clientsPaused()) return;
    replicationFeedSlaves(server, master.slaveseldb, ['REPLCONF' as Bytes, 'GETACK' as Bytes, '*' as Bytes]);
    server.flushIfIdle();
  });
}

/** Online replicas whose last ACK is at most min-replicas-max-lag seconds old (repl_good_slaves_count). */
export function goodReplicas(server: FakeServer): number {
  const now = Math.floor(server.clock.now() / 1000);
  const maxLag = server.config.getNumber('min-replicas-max-lag');
  let good = 0;
  for (const link of replicationMaster(server).replicas) if (link.state === 'online' && now - link.ackTime <= maxLag) good++;
  return good;
}

export const ERR_NOREPLICAS = new ErrorReply('NOREPLICAS Not enough good replicas to write.');

/**
 * checkGoodReplicasStatus: NOREPLICAS while min-replicas-to-write and min-replicas-max-lag
 * are set and fewer replicas are good (the dispatcher refuses writes; scripts ask it too).
 */
export function noReplicasError(server: FakeServer): ErrorReply | undefined {
  // A replica's writes are its master's (checkGoodReplicasStatus is true with a masterhost).
  if (replicationMaster(server).following) return undefined;
  const toWrite = server.config.getNumber('min-replicas-to-write');
  if (toWrite === 0 || server.config.getNumber('min-replicas-max-lag') === 0) return undefined;
  return goodReplicas(server) >= toWrite ? undefined : ERR_NOREPLICAS;
}

/** The replication side of a server: replicas leave with their connection; NOREPLICAS refuses writes. */
export function installReplication(server: FakeServer): void {
  addHook(server, 'clientRemoved', (client) => {
    const master = replicationMaster(server);
    master.waiting.delete(client);
    if (client.replica !== undefined || master.configs.has(client)) replicaRemoved(server, client);
  });
  addHook(server, 'writeCommandDenied', () => noReplicasError(server));
  server.onClose(() => {
    replicationMaster(server).stopCron();
    replicationMaster(server).clearFailover();
  });
}

/** A replica's INFO line fields (slave<n>:...). */
export function replicaInfoLines(server: FakeServer): string[] {
  const lines: string[] = [];
  const now = Math.floor(server.clock.now() / 1000);
  for (const link of replicationMaster(server).replicas) {
    const ip = replicaAddress(link);
    if (ip === undefined) continue;
    const lag = link.state === 'online' ? now - link.ackTime : 0;
    lines.push(`ip=${ip},port=${link.config.listeningPort},state=${replicaStateName(link.state)},offset=${link.ackOffset},lag=${lag}`);
  }
  return lines;
}

/** getMemoryOverheadData's replication figures: the backlog, the replicas' share past it, and the whole buffer. */
export function replicationMemory(server: FakeServer): { backlog: number; replicas: number; buffers: number } {
  const master = replicationMaster(server);
  const backlog = master.backlog;
  if (backlog === undefined) return { backlog: 0, replicas: 0, buffers: 0 };
  const size = server.config.getNumber('repl-backlog-size');
  const buffers = backlog.memory;
  const over = master.replicas.length > 0 && buffers > size;
  return { backlog: (over ? size : buffers) + backlog.indexMemory, replicas: over ? buffers - size : 0, buffers };
}

/** CONFIG SET repl-backlog-size (resizeReplicationBacklog): the backlog is trimmed to the new size. */
export function replicationBacklogResized(server: FakeServer): void {
  const backlog = replicationMaster(server).backlog;
  if (backlog === undefined) return;
  backlog.trim(server.config.getNumber('repl-backlog-size'), server.masterReplOffset);
  server.replicationBufferMemory = backlog.memory + backlog.indexMemory;
}

/**
 * freeMemoryGetNotCountedMemory's replication part: the replication buffer past
 * repl-backlog-size and an estimate of its blocks' headers (what replicas hold, or a
 * backlog not trimmed yet) does not count for maxmemory, replicas or not.
 */
export function replicationMemoryNotCounted(server: FakeServer): number {
  const backlog = replicationMaster(server).backlog;
  if (backlog === undefined) return 0;
  const size = server.config.getNumber('repl-backlog-size');
  if (backlog.memory <= size) return 0;
  // (size / PROTO_REPLY_CHUNK_BYTES + 1) blocks of sizeof(replBufBlock) + sizeof(listNode).
  const counted = size + (Math.floor(size / 16384) + 1) * (40 + 24);
  return Math.max(0, backlog.memory - counted);
}

/** isReadyToShutdown: every replica acknowledged the whole stream. */
export function replicasInSync(server: FakeServer): boolean {
  return replicationMaster(server).replicas.every((link) => link.ackOffset === server.masterReplOffset);
}

/** sendGetackToReplicas: REPLCONF GETACK * into the stream now. */
export function sendGetackToReplicas(server: FakeServer): void {
  replicationFeedSlaves(server, replicationMaster(server).slaveseldb, ['REPLCONF' as Bytes, 'GETACK' as Bytes, '*' as Bytes]);
}

/** finishShutdown's lines about replicas: each lagging one, then how many are in sync. */
export function logReplicasAtShutdown(server: FakeServer): void {
  const replicas = replicationMaster(server).replicas;
  if (replicas.length === 0) return;
  const now = Math.floor(server.clock.now() / 1000);
  let lagging = 0;
  for (const link of replicas) {
    if (link.ackOffset === server.masterReplOffset) continue;
    lagging++;
    const lag = link.state === 'online' ? now - link.ackTime : 0;
    server.log('warning', `Lagging replica ${replicaName(link.client, link.config)} reported offset ${server.masterReplOffset - link.ackOffset} behind master, lag=${lag}, state=${replicaStateName(link.state)}.`);
  }
  server.log('notice', `${replicas.length - lagging} of ${replicas.length} replicas are in sync when shutting down.`);
}
