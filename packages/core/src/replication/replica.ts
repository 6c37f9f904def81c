import { connect, type Socket } from 'node:net';
import type { Client } from '../client.js';
import { randomHexId } from '../hex-id.js';
import { aofState } from '../aof/aof.js';
import { rdbApply, rdbParse } from '../rdb/file.js';
import { ErrorReply } from '../reply.js';
import { addHook, type FakeServer } from '../server.js';
import { SUPERUSER } from '../acl/state.js';
import { abortFailover, disconnectReplicas, feedStreamFromMaster, replicationMaster } from './master.js';

/**
 * The replica side of Redis 7.0's replication (replication.c): REPLICAOF host port
 * connects to the master, does the handshake (PING, AUTH with masterauth / masteruser,
 * REPLCONF listening-port and capa eof psync2, PSYNC), loads the RDB of a full
 * resync (`$<length>` or the diskless `$EOF:<mark>` form) in place of the dataset, then
 * runs the command stream as the master's client (no replies, no ACL checks: Redis's
 * master client has no user), REPLCONF ACK every second and on GETACK. Writes of other
 * clients get READONLY; keys expire only by the master's DELs. What it applies of the
 * stream goes into its own backlog and to its own replicas as it came. A lost link leaves
 * a cached master (its replication ID and offset): the next connection asks `PSYNC <id>
 * <offset+1>` and continues on `+CONTINUE`; a master turned replica asks with its own ID
 * and offset, so it can continue from the replica promoted in its place.
 */

/** server.cached_master: what a partial resynchronization asks for. */
interface CachedMaster {
  replid: string;
  /** reploff: the stream applied. */
  offset: number;
  /** The database its stream was in (-1: any; a master starting a history selects first). */
  db: number;
  /** The master client's id (undefined: a master turned replica caches itself, no client). */
  clientId?: number;
}

/** server.repl_state, as ROLE names it. */
export type ReplState = 'connect' | 'connecting' | 'handshake' | 'sync' | 'connected';

type Step = 'pong' | 'auth' | 'port' | 'capa' | 'psync' | 'payload' | 'bulk' | 'stream';

export class ReplicationReplica {
  state: ReplState = 'connect';
  socket: Socket | undefined;
  /** server.master: the client the stream runs as, once the RDB is loaded. */
  masterClient: Client | undefined;
  /** master->reploff (what was run) and read_reploff (what was read). */
  offset = 0;
  readOffset = 0;
  /** master->lastinteraction, in seconds. */
  lastIo = 0;
  /** repl_down_since (seconds; 0: never connected). */
  downSince = 0;
  /** The transfer: repl_transfer_size (-1 with an EOF mark), _read, _lastio. */
  transferSize = -1;
  transferRead = 0;
  transferLastIo = 0;
  /** server.cached_master, while there is no master client. */
  cached: CachedMaster | undefined;
  private step: Step = 'pong';
  private input: Buffer = Buffer.alloc(0);
  private eofMark: Buffer | undefined;
  private payload: Buffer[] = [];
  private masterReplid = '';
  private syncOffset = 0;
  /** A master synced with SYNC (CLIENT_PRE_PSYNC): sent no REPLCONF ACK every second. */
  private prePsync = false;
  /** Stream bytes run but not yet applied (a MULTI from the master is applied at its EXEC). */
  private unapplied: string[] = [];
  private unappliedLength = 0;
  private ackTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private cronTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly server: FakeServer,
    readonly host: string,
    readonly port: number,
  ) {
    this.offset = server.masterReplOffset;
    this.readOffset = this.offset;
  }

  private now(): number {
    return Math.floor(this.server.clock.now() / 1000);
  }

  /** connectWithMaster: a non-blocking connect; the handshake starts when it is up. */
  connect(): void {
    if (this.server.closed) return;
    this.state = 'connecting';
    this.step = 'pong';
    this.input = Buffer.alloc(0);
    this.server.log('notice', `Connecting to MASTER ${this.host}:${this.port}`);
    this.server.log('notice', 'MASTER <-> REPLICA sync started');
    this.transferLastIo = this.now();
    if (this.cronTimer === undefined) {
      this.cronTimer = setInterval(() => this.cron(), 1000);
      this.cronTimer.unref?.();
    }
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    socket.on('connect', () => {
      if (this.socket !== socket) return;
      this.server.log('notice', 'Non blocking connect for SYNC fired the event.');
      this.state = 'handshake';
      this.send(['PING']);
    });
    socket.on('data', (chunk: Buffer) => {
      if (this.socket !== socket) return;
      try {
        this.received(chunk);
      } catch (e) {
        this.server.log('warning', `fakeredis replica: ${e instanceof Error ? e.message : String(e)}`);
        this.linkLost();
      }
    });
    socket.on('error', (e) => {
      if (this.socket !== socket) return;
      if (this.state === 'connecting') this.server.log('warning', `Error condition on socket for SYNC: ${e.message}`);
    });
    socket.on('close', () => {
      if (this.socket === socket) this.linkLost();
    });
  }

  /** A connection in a second (replicationCron's next run). */
  connectLater(): void {
    this.retryTimer = setTimeout(() => this.connect(), 1000);
    this.retryTimer.unref?.();
  }

  private send(argv: string[]): void {
    let out = `*${argv.length}\r\n`;
    for (const arg of argv) out += `$${Buffer.byteLength(arg, 'latin1')}\r\n${arg}\r\n`;
    this.socket?.write(Buffer.from(out, 'latin1'));
  }

  /** One line of the handshake (`+...` or `-...`), or undefined while incomplete. */
  private line(): string | undefined {
    const end = this.input.indexOf('\r\n');
    if (end < 0) return undefined;
    const text = this.input.toString('latin1', 0, end);
    this.input = this.input.subarray(end + 2);
    return text;
  }

  private received(chunk: Buffer): void {
    this.lastIo = this.now();
    if (this.step === 'stream') {
      this.stream(chunk);
      return;
    }
    this.transferLastIo = this.lastIo;
    this.input = this.input.length === 0 ? chunk : Buffer.concat([this.input, chunk]);
    const server = this.server;
    while ((this.step as Step) !== 'stream' && this.socket !== undefined) {
      if (this.step === 'bulk') {
        if (!this.bulk()) return;
        continue;
      }
      if (this.step === 'psync' || this.step === 'payload') {
        // Newlines keep the link alive while the master starts its BGSAVE and prepares the RDB.
        while (this.input.length > 0 && this.input[0] === 0x0a) this.input = this.input.subarray(1);
      }
      const text = this.line();
      if (text === undefined) return;
      switch (this.step) {
        case 'pong':
          if (text.startsWith('-') && !text.startsWith('-NOAUTH') && !text.startsWith('-NOPERM') && !text.startsWith('-ERR operation not permitted')) {
            throw new Error(`Error reply to PING from master: '${text}'`);
          }
          server.log('notice', 'Master replied to PING, replication can continue...');
          if (server.config.get('masterauth') !== '') {
            const user = server.config.get('masteruser');
            this.send(user !== '' ? ['AUTH', user, server.config.get('masterauth')] : ['AUTH', server.config.get('masterauth')]);
            this.step = 'auth';
          } else {
            this.sendPort();
          }
          break;
        case 'auth':
          if (text.startsWith('-')) throw new Error(`Unable to AUTH to MASTER: ${text}`);
          this.sendPort();
          break;
        case 'port':
          if (text.startsWith('-')) server.log('notice', `(Non critical) Master does not understand REPLCONF listening-port: ${text}`);
          this.send(['REPLCONF', 'capa', 'eof', 'capa', 'psync2']);
          this.step = 'capa';
          break;
        case 'capa': {
          if (text.startsWith('-')) server.log('notice', `(Non critical) Master does not understand REPLCONF capa: ${text}`);
          const cached = this.cached;
          if (cached !== undefined) {
            server.log('notice', `Trying a partial resynchronization (request ${cached.replid}:${cached.offset + 1}).`);
            this.send(['PSYNC', cached.replid, String(cached.offset + 1), ...this.failoverArgument()]);
          } else {
            server.log('notice', 'Partial resynchronization not possible (no cached master)');
            this.send(['PSYNC', '?', '-1', ...this.failoverArgument()]);
          }
          this.step = 'psync';
          break;
        }
        case 'psync': {
          // A planned failover expects CONTINUE (a full resync will do); anything else aborts it.
          const failingOver = replicationMaster(server).failover?.state === 'failover-in-progress';
          if (failingOver) {
            if (text.startsWith('+CONTINUE') || text.startsWith('+FULLRESYNC')) replicationMaster(server).clearFailover();
            else {
              abortFailover(server, 'Failover target rejected psync request');
              return;
            }
          }
          if (text.startsWith('+CONTINUE')) {
            const rest = this.input;
            this.input = Buffer.alloc(0);
            this.continueWithMaster(text.slice(10), rest);
            return;
          }
          if (text.startsWith('-NOMASTERLINK') || text.startsWith('-LOADING')) {
            server.log('notice', `Master is currently unable to PSYNC but should be in the future: ${text}`);
            this.linkLost();
            return;
          }
          const match = /^\+FULLRESYNC ([0-9a-f]{40}) ([0-9]+)$/.exec(text);
          if (match === null) {
            // PSYNC_NOT_SUPPORTED (a master older than 2.8, or in an error state): the old SYNC,
            // whose RDB comes with no replication ID or offset (master_initial_offset -1).
            if (text.startsWith('-ERR')) server.log('notice', `Master does not support PSYNC or is in error state (reply: ${text})`);
            else server.log('warning', `Unexpected reply to PSYNC from master: ${text}`);
            server.log('notice', 'Retrying with SYNC...');
            this.send(['SYNC']);
            this.masterReplid = '';
            this.syncOffset = -1;
            this.prePsync = true;
            this.state = 'sync';
            this.step = 'payload';
            this.transferLastIo = this.now();
            break;
          }
          this.masterReplid = match[1] as string;
          this.syncOffset = Number(match[2]);
          this.prePsync = false;
          server.log('notice', `Full resync from master: ${this.masterReplid}:${this.syncOffset}`);
          this.state = 'sync';
          this.step = 'payload';
          this.transferLastIo = this.now();
          break;
        }
        case 'payload': {
          if (text.startsWith('-')) throw new Error(`MASTER aborted replication with an error: ${text.slice(1)}`);
          if (!text.startsWith('$')) throw new Error(`Bad protocol from MASTER, the first byte is not '$' (we received '${text}'), are you sure the host and port are right?`);
          if (text.startsWith('$EOF:')) {
            this.eofMark = Buffer.from(text.slice(5), 'latin1');
            this.transferSize = -1;
            server.log('notice', 'MASTER <-> REPLICA sync: receiving streamed RDB from master with EOF to disk');
          } else {
            this.eofMark = undefined;
            this.transferSize = Number(text.slice(1));
            server.log('notice', `MASTER <-> REPLICA sync: receiving ${this.transferSize} bytes from master to disk`);
          }
          this.transferRead = 0;
          this.payload = [];
          this.step = 'bulk';
          break;
        }
        default:
          break;
      }
    }
  }

  /** A master handing over (FAILOVER) asks its target to take over with the PSYNC. */
  private failoverArgument(): string[] {
    return replicationMaster(this.server).failover?.state === 'failover-in-progress' ? ['FAILOVER'] : [];
  }

  private sendPort(): void {
    this.send(['REPLCONF', 'listening-port', String(this.server.config.getNumber('port'))]);
    this.step = 'port';
  }

  /** Collects the RDB; true once it is loaded (the rest of the input is the stream). */
  private bulk(): boolean {
    const data = this.input;
    this.input = Buffer.alloc(0);
    this.transferLastIo = this.now();
    if (this.eofMark === undefined) {
      const want = this.transferSize - this.transferRead;
      const take = Math.min(want, data.length);
      this.payload.push(data.subarray(0, take));
      this.transferRead += take;
      if (this.transferRead < this.transferSize) return false;
      this.load(Buffer.concat(this.payload), data.subarray(take));
      return true;
    }
    this.payload.push(data);
    this.transferRead += data.length;
    const all = Buffer.concat(this.payload);
    this.payload = [all];
    const mark = this.eofMark;
    if (all.length < mark.length) return false;
    const at = all.indexOf(mark, Math.max(0, all.length - data.length - mark.length));
    if (at < 0) return false;
    this.load(all.subarray(0, at), all.subarray(at + mark.length));
    return true;
  }

  /** readSyncBulkPayload's end: the dataset replaced, the master client created. */
  private load(rdb: Buffer, rest: Buffer): void {
    const server = this.server;
    const master = replicationMaster(server);
    // replicationAttachToNewMaster: a different history; our replicas must sync again.
    this.discardCached();
    disconnectReplicas(server);
    master.freeBacklog();
    // The AOF stops for the load and starts again with a rewrite of the new dataset (restartAOFAfterSYNC).
    const aof = aofState(server);
    const aofWasOn = aof.status !== 'off';
    if (aofWasOn) aof.stop();
    server.log('notice', 'MASTER <-> REPLICA sync: Flushing old data');
    server.log('notice', 'MASTER <-> REPLICA sync: Loading DB in memory');
    const loaded = rdbParse(server, rdb);
    rdbApply(server, loaded, true);
    this.payload = [];
    server.replicationId = this.masterReplid;
    this.offset = this.syncOffset;
    server.masterReplOffset = this.offset;
    this.readOffset = this.offset;
    master.clearReplicationId2();
    // A replica keeps a backlog whether or not it has replicas: it may be promoted.
    master.createBacklog();
    if (aofWasOn && !aof.start()) server.log('warning', 'Failed enabling the AOF after successful master synchronization!');
    this.createMasterClient(0);
    server.log('notice', 'MASTER <-> REPLICA sync: Finished with success');
    // A streamed RDB is acknowledged at once: the master puts the replica online on it.
    if (this.eofMark !== undefined) this.sendAck();
    if (rest.length > 0) this.stream(rest);
  }

  /**
   * The master accepted `PSYNC <id> <offset>` (+CONTINUE [new id]): the cached master
   * comes back with its offset and database, and the bytes after the line are the stream
   * from there. A new ID becomes ours and the old one the secondary (up to our offset), so
   * our own replicas can still continue with us once they are told (they are dropped).
   */
  private continueWithMaster(newId: string, rest: Buffer): void {
    const server = this.server;
    const cached = this.cached as CachedMaster;
    const master = replicationMaster(server);
    server.log('notice', 'Successful partial resynchronization with master.');
    if (/^[0-9a-f]{40}$/.test(newId) && newId !== cached.replid) {
      server.log('warning', `Master replication ID changed to ${newId}`);
      master.replid2 = cached.replid;
      master.secondReplidOffset = server.masterReplOffset + 1;
      server.replicationId = newId;
      cached.replid = newId;
      disconnectReplicas(server);
    }
    this.cached = undefined;
    this.masterReplid = cached.replid;
    this.offset = cached.offset;
    this.readOffset = cached.offset;
    if (master.backlog === undefined) master.createBacklog();
    this.createMasterClient(cached.db, cached.clientId);
    server.log('notice', 'MASTER <-> REPLICA sync: Master accepted a Partial Resynchronization.');
    if (rest.length > 0) this.stream(rest);
  }

  /**
   * replicationCreateMasterClient: the client the stream runs as, in database `db`; one
   * continuing a cached master has its id (replicationResurrectCachedMaster).
   */
  private createMasterClient(db: number, id?: number): void {
    const server = this.server;
    const client = server.createClient({
      // A master gets no replies (CLIENT_MASTER); the ACKs are written by this module.
      write: () => {},
      close: () => this.socket?.destroy(),
      pendingBytes: 0,
      remoteAddress: `${this.host}:${this.port}`,
      localAddress: `${this.socket?.localAddress ?? '127.0.0.1'}:${this.socket?.localPort ?? 0}`,
    }, id);
    client.authenticated = true;
    client.user = SUPERUSER;
    if (db > 0 && db < server.databases.length) client.db = server.db(db);
    this.masterClient = client;
    this.unapplied = [];
    this.unappliedLength = 0;
    this.state = 'connected';
    this.downSince = 0;
    this.step = 'stream';
    if (!this.prePsync) {
      this.ackTimer = setInterval(() => this.sendAck(), 1000);
      this.ackTimer.unref?.();
    }
  }

  /**
   * The stream: each command run on its own, so that the offset a REPLCONF GETACK reports
   * is the one before it (master->reploff), as Redis's is. What is applied (a transaction
   * at its EXEC) moves the offset and goes into the backlog and to our replicas.
   */
  private stream(chunk: Buffer): void {
    this.input = this.input.length === 0 ? chunk : Buffer.concat([this.input, chunk]);
    this.readOffset += chunk.length;
    const client = this.masterClient;
    while (client !== undefined && this.masterClient === client && !client.closed) {
      const end = commandEnd(this.input);
      if (end === 0) break;
      const command = this.input.subarray(0, end);
      this.input = this.input.subarray(end);
      this.unapplied.push(command.toString('latin1'));
      this.unappliedLength += end;
      client.feed(command);
      if (client.multi !== undefined || this.masterClient !== client) continue;
      const applied = this.unapplied.length === 1 ? (this.unapplied[0] as string) : this.unapplied.join('');
      this.offset += this.unappliedLength;
      this.unapplied = [];
      this.unappliedLength = 0;
      feedStreamFromMaster(this.server, applied);
      // Without a backlog (none is made before the first sync) the offset is the master's own.
      this.server.masterReplOffset = this.offset;
    }
  }

  /**
   * replicationCron's replica part: a link quiet for longer than repl-timeout is dropped
   * (while connecting or in the handshake, during the RDB transfer, or connected: no data
   * nor PING from the master), and a new connection follows as after any lost link.
   */
  private cron(): void {
    const server = this.server;
    if (server.closed) return;
    const now = this.now();
    const timeout = server.config.getNumber('repl-timeout');
    if ((this.state === 'connecting' || this.state === 'handshake') && now - this.transferLastIo > timeout) {
      server.log('warning', 'Timeout connecting to the MASTER...');
      this.linkLost();
    } else if (this.state === 'sync' && now - this.transferLastIo > timeout) {
      server.log('warning', "Timeout receiving bulk data from MASTER... If the problem persists try to set the 'repl-timeout' parameter in redis.conf to a larger value.");
      this.linkLost();
    } else if (this.state === 'connected' && now - this.lastIo > timeout) {
      server.log('warning', 'MASTER timeout: no data nor PING received...');
      this.linkLost();
    }
  }

  /**
   * replicationSendAck: REPLCONF ACK <offset>, and from 7.2 (the servers with WAITAOF)
   * FACK <offset its AOF fsynced> while its AOF is on.
   */
  sendAck(): void {
    if (this.state !== 'connected') return;
    const fsynced = this.server.profile.metadata.commands.WAITAOF !== undefined ? aofState(this.server).fsyncedReploff : -1;
    this.send(['REPLCONF', 'ACK', String(this.offset), ...(fsynced !== -1 ? ['FACK', String(fsynced)] : [])]);
  }

  /** The link went away: the master cached, a new connection in a second (replicationCron). */
  private linkLost(): void {
    const wasConnected = this.state === 'connected';
    this.drop();
    if (wasConnected) this.downSince = this.now();
    this.state = 'connect';
    if (!this.server.closed) this.connectLater();
  }

  /**
   * freeClient of the master (replicationCacheMaster): its ID, applied offset and database
   * kept for a partial resynchronization; a transaction it had open is dropped.
   */
  private cacheMaster(): void {
    const client = this.masterClient;
    if (client === undefined) return;
    this.server.log('notice', 'Connection with master lost.');
    this.server.log('notice', 'Caching the disconnected master state.');
    this.cached = { replid: this.masterReplid, offset: this.offset, db: client.db.index, clientId: client.id };
    this.readOffset = this.offset;
    this.unapplied = [];
    this.unappliedLength = 0;
  }

  /** replicationDiscardCachedMaster */
  discardCached(): void {
    if (this.cached === undefined) return;
    this.server.log('notice', 'Discarding previously cached master state.');
    this.cached = undefined;
  }

  /** replicationCacheMasterUsingMyself: a master turned replica asks for its own history. */
  cacheMyself(): void {
    this.server.log('notice', 'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.');
    this.cached = { replid: this.server.replicationId, offset: this.server.masterReplOffset, db: -1 };
  }

  private drop(): void {
    if (this.ackTimer !== undefined) clearInterval(this.ackTimer);
    this.ackTimer = undefined;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
    this.cacheMaster();
    const client = this.masterClient;
    this.masterClient = undefined;
    if (client !== undefined && !client.closed) client.disconnected();
    this.payload = [];
    this.input = Buffer.alloc(0);
  }

  /** Ends the link for good (REPLICAOF NO ONE, another master, the server closing). */
  stop(): void {
    if (this.cronTimer !== undefined) clearInterval(this.cronTimer);
    this.cronTimer = undefined;
    this.drop();
    this.state = 'connect';
  }
}

/** The bytes of the first complete command (a RESP array) in `data`, 0 while incomplete. */
function commandEnd(data: Buffer): number {
  if (data.length === 0) return 0;
  if (data[0] !== 0x2a) {
    // An inline command (a newline the master sends as keepalive, for one).
    const nl = data.indexOf(0x0a);
    return nl < 0 ? 0 : nl + 1;
  }
  let pos = data.indexOf('\r\n');
  if (pos < 0) return 0;
  const count = Number(data.toString('latin1', 1, pos));
  pos += 2;
  for (let i = 0; i < count; i++) {
    const nl = data.indexOf('\r\n', pos);
    if (nl < 0) return 0;
    const length = Number(data.toString('latin1', pos + 1, nl));
    pos = nl + 2 + length + 2;
    if (pos > data.length) return 0;
  }
  return pos;
}

const replicas = new WeakMap<FakeServer, ReplicationReplica>();

/** server.masterhost: the replica state while the server is a replica, else undefined. */
export function replicaOf(server: FakeServer): ReplicationReplica | undefined {
  return replicas.get(server);
}

export const ERR_READONLY = new ErrorReply("READONLY You can't write against a read only replica.");
const ERR_STATE_CHANGED = new ErrorReply('UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)');

/**
 * disconnectAllBlockedClients: clients blocked on this server as a master (BLPOP, WAIT ...)
 * get UNBLOCKED and are closed after the reply; clients CLIENT PAUSE postponed are left to
 * run their command later. Redis 7.2 counts the blocked command as failed (unblockClientOnError).
 */
function disconnectAllBlockedClients(server: FakeServer): void {
  for (const client of [...server.clients.values()]) {
    const state = client.blocked;
    if (state === undefined || server.postponedClients.has(client)) continue;
    // 7.2's WAIT / WAITAOF count once more as they leave the waiting list (unblockClientWaitingReplicas).
    if (server.profile.blockedCommandsCountedOnUnblock && replicationMaster(server).waiting.has(client) && state.command !== undefined) {
      state.command.stats.calls++;
      server.stats.totalCommands++;
    }
    server.blocking.unblock(client, ERR_STATE_CHANGED, server.versionAtLeast('7.2.0'));
    client.close();
  }
}

export const ERR_MASTERDOWN = new ErrorReply("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.");

/**
 * A replica with its link down that may not serve stale data (`replica-serve-stale-data
 * no`): only commands flagged `stale` run (processCommand's MASTERDOWN); scripts ask it
 * before they run and for each command they call.
 */
export function replicaIsStale(server: FakeServer): boolean {
  const replica = replicas.get(server);
  return replica !== undefined && replica.state !== 'connected' && !server.config.getBoolean('replica-serve-stale-data');
}

/**
 * processCommand's read-only replica check (mustObeyClient aside): `client` may not write
 * here, being neither the master's client nor on a writable replica. Scripts ask it for
 * their caller.
 */
export function replicaRefusesWrites(server: FakeServer, client: Client | undefined): boolean {
  const replica = replicas.get(server);
  return replica !== undefined && client !== replica.masterClient && server.config.getBoolean('replica-read-only');
}

/**
 * replicationSetMaster: the current link (if any) dropped, its master cached for a
 * partial resynchronization (a master turning replica caches itself), a new link started
 * (`atStart`, the `replicaof` directive: a second later, as replicationCron would). Its
 * replicas stay: they may continue with it. The first time, the hooks that make a
 * replica read-only are installed.
 */
export function replicationSetMaster(server: FakeServer, host: string, port: number, atStart = false): void {
  const previous = replicas.get(server);
  previous?.stop();
  // Clients blocked in master, now replica.
  disconnectAllBlockedClients(server);
  const replica = new ReplicationReplica(server, host, port);
  if (previous !== undefined) {
    replica.cached = previous.cached;
    replica.offset = previous.offset;
    replica.readOffset = previous.readOffset;
  } else if (!atStart) {
    replica.cacheMyself();
  }
  replicas.set(server, replica);
  replicationMaster(server).following = true;
  if (!hooked.has(server)) {
    hooked.add(server);
    // After MISCONF and NOREPLICAS, as processCommand checks it; EVAL and FCALL by their
    // scripts' flags, EXEC by what it queued.
    addHook(server, 'writeCommandDenied', () => (replicaRefusesWrites(server, server.currentClient) ? ERR_READONLY : undefined));
    // MASTERDOWN: after READONLY in processCommand, so a write it refuses is left to it.
    addHook(server, 'commandCheck', (client, entry, argv) => {
      if (!replicaIsStale(server)) return undefined;
      const flags = server.commandFlags(client, entry, argv);
      if (flags.has('stale') || (flags.has('write') && replicaRefusesWrites(server, client))) return undefined;
      return ERR_MASTERDOWN;
    });
    server.onClose(() => replicas.get(server)?.stop());
  }
  // The `replicaof` directive: replicationCron connects, once the data is loaded.
  if (atStart) replica.connectLater();
  else replica.connect();
}

const hooked = new WeakSet<FakeServer>();

/**
 * replicationUnsetMaster: back to a master keeping the dataset; the master's replication
 * ID becomes the secondary one (valid up to the offset, so that its other replicas can
 * continue with this one) and a new ID is drawn; our own replicas are dropped to learn it.
 */
export function replicationUnsetMaster(server: FakeServer): void {
  const replica = replicas.get(server);
  if (replica === undefined) return;
  replica.stop();
  replicas.delete(server);
  replica.discardCached();
  const master = replicationMaster(server);
  master.following = false;
  master.replid2 = server.replicationId;
  master.secondReplidOffset = server.masterReplOffset + 1;
  server.replicationId = randomHexId();
  server.log('warning', `Setting secondary replication ID to ${master.replid2}, valid up to offset: ${master.secondReplidOffset}. New replication ID is ${server.replicationId}`);
  disconnectReplicas(server);
  // The next command propagated selects its database (PSYNC2 continues without a full sync).
  master.slaveseldb = -1;
  master.noReplicasSince = Math.floor(server.clock.now() / 1000);
}

/** Is this key lookup by the master's client (which sees expired keys as present)? */
export function servingMaster(server: FakeServer, replica: ReplicationReplica): boolean {
  return server.currentClient !== undefined && server.currentClient === replica.masterClient;
}
