import { connect, type Socket } from 'node:net';
import type { Client } from '../client.js';
import { randomHexId } from '../hex-id.js';
import { rdbApply, rdbParse } from '../rdb/file.js';
import { ErrorReply } from '../reply.js';
import { addHook, type FakeServer } from '../server.js';
import { replicationMaster } from './master.js';

/**
 * The replica side of Redis 7.0's replication (replication.c): REPLICAOF host port
 * connects to the master, does the handshake (PING, AUTH with masterauth / masteruser,
 * REPLCONF listening-port and capa eof psync2, PSYNC ? -1), loads the RDB of the full
 * resync (`$<length>` or the diskless `$EOF:<mark>` form) in place of the dataset, then
 * runs the command stream as the master's client: no replies, REPLCONF ACK every second
 * and on GETACK. Writes of other clients get READONLY; keys expire only by the master's
 * DELs. Partial resynchronization is not attempted: each (re)connection is a full resync.
 */

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
  /** The offset the RDB stood for: the stream since then is this replica's backlog. */
  backlogStart = 0;
  private step: Step = 'pong';
  private input: Buffer = Buffer.alloc(0);
  private eofMark: Buffer | undefined;
  private payload: Buffer[] = [];
  private masterReplid = '';
  private syncOffset = 0;
  private ackTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

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
        case 'capa':
          if (text.startsWith('-')) server.log('notice', `(Non critical) Master does not understand REPLCONF capa: ${text}`);
          server.log('notice', 'Partial resynchronization not possible (no cached master)');
          this.send(['PSYNC', '?', '-1']);
          this.step = 'psync';
          break;
        case 'psync': {
          const match = /^\+FULLRESYNC ([0-9a-f]{40}) ([0-9]+)$/.exec(text);
          if (match === null) throw new Error(`Unexpected reply to PSYNC from master: ${text}`);
          this.masterReplid = match[1] as string;
          this.syncOffset = Number(match[2]);
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
    server.log('notice', 'MASTER <-> REPLICA sync: Flushing old data');
    server.log('notice', 'MASTER <-> REPLICA sync: Loading DB in memory');
    const loaded = rdbParse(server, rdb);
    rdbApply(server, loaded, true);
    server.log('notice', 'MASTER <-> REPLICA sync: Finished with success');
    this.payload = [];
    server.replicationId = this.masterReplid;
    this.offset = this.syncOffset;
    server.masterReplOffset = this.offset;
    this.readOffset = this.offset;
    this.backlogStart = this.offset;
    const master = replicationMaster(server);
    master.replid2 = '0'.repeat(40);
    master.secondReplidOffset = -1;
    const client = server.createClient({
      // A master gets no replies (CLIENT_MASTER); the ACKs are written by this module.
      write: () => {},
      close: () => this.socket?.destroy(),
      pendingBytes: 0,
      remoteAddress: `${this.host}:${this.port}`,
      localAddress: `${this.socket?.localAddress ?? '127.0.0.1'}:${this.socket?.localPort ?? 0}`,
    });
    client.authenticated = true;
    this.masterClient = client;
    this.state = 'connected';
    this.step = 'stream';
    this.ackTimer = setInterval(() => this.sendAck(), 1000);
    this.ackTimer.unref?.();
    this.sendAck();
    if (rest.length > 0) this.stream(rest);
  }

  /**
   * The stream: each command run on its own, so that the offset a REPLCONF GETACK reports
   * is the one before it (master->reploff), as Redis's is.
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
      client.feed(command);
      this.offset += end;
      this.server.masterReplOffset = this.offset;
    }
  }

  /** replicationSendAck: REPLCONF ACK <offset>. */
  sendAck(): void {
    if (this.state !== 'connected') return;
    this.send(['REPLCONF', 'ACK', String(this.offset)]);
  }

  /** The link went away: the master client freed, a new connection in a second (replicationCron). */
  private linkLost(): void {
    const wasConnected = this.state === 'connected';
    this.drop();
    if (wasConnected) {
      this.downSince = this.now();
      this.server.log('notice', 'Connection with master lost.');
    }
    this.state = 'connect';
    if (!this.server.closed) this.connectLater();
  }

  private drop(): void {
    if (this.ackTimer !== undefined) clearInterval(this.ackTimer);
    this.ackTimer = undefined;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
    const client = this.masterClient;
    this.masterClient = undefined;
    if (client !== undefined && !client.closed) client.disconnected();
    this.payload = [];
    this.input = Buffer.alloc(0);
  }

  /** Ends the link for good (REPLICAOF NO ONE, another master, the server closing). */
  stop(): void {
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

/**
 * replicationSetMaster: the current link (if any) dropped, a new one started (`atStart`,
 * the `replicaof` directive: a second later, as replicationCron would). The first time,
 * the hooks that make a replica read-only are installed.
 */
export function replicationSetMaster(server: FakeServer, host: string, port: number, atStart = false): void {
  const previous = replicas.get(server);
  previous?.stop();
  if (previous === undefined && !atStart) {
    server.log('notice', 'Before turning into a replica, using my own master parameters to synthesize a cached master: I may be able to synchronize with the new master with just a partial transfer.');
  }
  const replica = new ReplicationReplica(server, host, port);
  replicas.set(server, replica);
  if (!hooked.has(server)) {
    hooked.add(server);
    addHook(server, 'commandCheck', (client, entry) => {
      const current = replicas.get(server);
      if (current === undefined || client === current.masterClient) return undefined;
      if (!server.config.getBoolean('replica-read-only')) return undefined;
      const write = entry.flags.has('write') || (entry.fullName === 'exec' && client.multi?.flags.has('write') === true);
      return write ? ERR_READONLY : undefined;
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
 * ID becomes the secondary one (valid up to the offset) and a new ID is drawn.
 */
export function replicationUnsetMaster(server: FakeServer): void {
  const replica = replicas.get(server);
  if (replica === undefined) return;
  replica.stop();
  replicas.delete(server);
  server.log('notice', 'Discarding previously cached master state.');
  const master = replicationMaster(server);
  master.replid2 = server.replicationId;
  master.secondReplidOffset = server.masterReplOffset + 1;
  server.replicationId = randomHexId();
  server.log('warning', `Setting secondary replication ID to ${master.replid2}, valid up to offset: ${master.secondReplidOffset}. New replication ID is ${server.replicationId}`);
}

/** Is this key lookup by the master's client (which sees expired keys as present)? */
export function servingMaster(server: FakeServer, replica: ReplicationReplica): boolean {
  return server.currentClient !== undefined && server.currentClient === replica.masterClient;
}

