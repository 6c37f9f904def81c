import type { BlockedState } from './blocking/blocking.js';
import type { Bytes } from './bytes.js';
import type { CommandEntry } from './dispatch/table.js';
import type { Database } from './database.js';
import { describeClient } from './mixins/connection/client/describe.js';
import { catRepr } from './mixins/server/monitor.js';
import { type OutputBufferLimits, outputBufferFigures, parseOutputBufferLimits, REPLY_BUFFER_BYTES } from './output-limits.js';
import { encodeChunks, type Protocol } from './resp/encoder.js';
import { type ParserLimits, RequestParser } from './resp/parser.js';
import { QueryBufferSize } from './resp/query-buffer.js';
import { ErrorReply, type Reply } from './reply.js';
import type { ReplicaLink } from './replication/master.js';
import type { FakeServer } from './server.js';

/**
 * Replies are buffered in pieces of about this many bytes: a client's output is a list of
 * strings, never one string, so no amount of output reaches V8's string limit (~512 MiB).
 */
export const OUTPUT_CHUNK_SIZE = 1024 * 1024;

/** How a client's bytes leave the server; the in-memory, TCP and Unix transports implement it. */
export interface Transport {
  /**
   * Writes encoded reply bytes (a latin1 string, one char per byte). A flush may write
   * several pieces in a row; each is at most OUTPUT_CHUNK_SIZE long unless one bulk
   * string's value alone is longer.
   */
  write(encoded: string): void;
  /**
   * Closes the connection after what was written; with `abort`, drops what the peer has
   * not taken yet (a client closed for passing its output buffer limit).
   */
  close(abort?: boolean): void;
  /** Bytes written that the peer has not taken yet (a socket's writableLength). */
  readonly pendingBytes?: number;
  /** "ip:port" of the peer and of the local end, as CLIENT LIST prints them. */
  readonly remoteAddress: string;
  readonly localAddress: string;
}

/** A transaction being queued (MULTI ... EXEC). */
export interface MultiState {
  queue: Array<{ entry: CommandEntry; argv: Bytes[] }>;
  /** The queued commands' flags as they were when queued (mstate.cmd_flags): EXEC is judged by them. */
  readonly flags: Set<string>;
  /** A queued command was rejected: EXEC answers EXECABORT. */
  aborted: boolean;
}

/** One WATCHed key of a client (Redis's watchedKey), shared with `db.watchers`. */
export interface WatchedKey {
  readonly client: Client;
  readonly db: Database;
  readonly key: Bytes;
  /** The key was already logically expired when WATCHed: its deletion is no change. */
  expired: boolean;
}

/**
 * One connection's state, as Redis keeps it per client: selected database, protocol,
 * name, authentication, transaction, WATCHed keys, subscriptions, reply mode. It also
 * frames the connection's input into commands and writes their replies.
 */
export class Client {
  readonly createdAt: number;
  lastInteractionAt: number;
  db: Database;
  protocol: Protocol = 2;
  name: Bytes = '' as Bytes;
  user = 'default';
  authenticated: boolean;
  libName = '';
  libVersion = '';
  /** CLIENT CAPA REDIRECT was declared (Valkey 8.0; CLIENT LIST capa=r from 8.1). */
  capaRedirect = false;
  /** Bytes read from and written to the connection, and commands run for it (Valkey's tot-net-in, tot-net-out, tot-cmds). */
  netInputBytes = 0;
  netOutputBytes = 0;
  commandsProcessed = 0;
  /**
   * A MULTI or WATCH ran (Valkey 8.1 allocates the client's transaction state then and keeps
   * it: CLIENT LIST says multi=0 between transactions).
   */
  multiStateKept = false;
  /** Full name of the last command run ("client|list"), for CLIENT LIST. */
  lastCommand = 'NULL';
  /** The command running or blocked (Redis's c->argv), for CLIENT LIST's argv-mem. */
  argv: Bytes[] | undefined;
  /** The size Redis's query buffer would have (CLIENT LIST qbuf, client-query-buffer-limit). */
  readonly queryBuffer = new QueryBufferSize();
  /** Memory figure of the last look (getClientMemoryUsage), for maxmemory-clients. */
  memoryUsage = 0;
  /** The maxmemory-clients eviction bucket it is in (-1: none) and when it entered it. */
  evictionBucket = -1;
  evictionOrder = 0;
  /** When the clients cron last looked at it (or it connected), in ms. */
  cronSeenAt: number;
  /** The static reply buffer's size and peak (rbs, rbp), resized by the clients cron. */
  replyBufferSize = REPLY_BUFFER_BYTES;
  replyBufferPeak = REPLY_BUFFER_BYTES;
  /**
   * When the cron last reset the peak, in ms. Redis starts it at the creation time in
   * seconds, so the first cron run resets the peak.
   */
  replyPeakResetAt: number;

  multi: MultiState | undefined;
  /** A WATCHed key was touched: the next EXEC fails. */
  watchDirty = false;
  readonly watched: WatchedKey[] = [];
  /** A client that may never block (the direct API's). */
  blockingDenied = false;
  /**
   * The server's Lua client (Redis's CLIENT_SCRIPT): set by the scripting module on the
   * client its scripts' commands run as, for commands that answer differently there
   * (XREAD BLOCK's error, SORT's ordering).
   */
  isScript = false;
  /** A command CLIENT PAUSE postponed, run again when the client is unblocked. */
  pendingCommand: Bytes[] | undefined;
  /** The client ran MONITOR (Redis's CLIENT_MONITOR): it sees every command run. */
  monitor = false;
  /**
   * The client is a replica of this server (Redis's CLIENT_SLAVE after SYNC / PSYNC): it
   * gets the replication stream, no replies, and may not touch the keyspace.
   */
  replica: ReplicaLink | undefined = undefined;
  /** The replication offset after its last command (Redis's c->woff): what WAIT waits for. */
  woff = 0;
  /**
   * Arguments of the running command hidden from MONITOR and SLOWLOG (Redis's
   * redactClientCommandArgument), for the argv they belong to.
   */
  redacted: { readonly argv: readonly Bytes[]; readonly indices: Set<number> } | undefined;
  /** Set while EXEC runs its queue (blocking commands do not block there). */
  inExec = false;
  /** While EXEC runs, replies a handler writes itself (client.reply) join EXEC's array. */
  execReplies: Reply[] | undefined;

  readonly channels = new Set<Bytes>();
  readonly patterns = new Set<Bytes>();
  readonly shardChannels = new Set<Bytes>();

  noEvict = false;
  noTouch = false;
  /** CLIENT_READONLY (READONLY, READWRITE): the `r` flag of CLIENT LIST. */
  readonlyMode = false;
  replyMode: 'on' | 'off' | 'skip' = 'on';
  /** Set by QUIT, CLIENT KILL, protocol errors: close once replies are written. */
  closing = false;
  /**
   * Set when the client passed its client-output-buffer-limit (CLIENT_CLOSE_ASAP): it
   * runs no more commands, gets no more output, and closes without its pending output.
   */
  closeAsap = false;
  closed = false;
  /** Set while the client waits in a blocking command; its later input waits too. */
  blocked: BlockedState | undefined = undefined;

  private readonly parser = new RequestParser();
  private readonly parserLimits: ParserLimits = { maxBulkLength: 0, authenticated: false };
  /** Output not yet handed to the transport: full pieces, then the piece being filled. */
  private outputChunks: string[] | undefined;
  private outputChunksLength = 0;
  private output = '';
  /**
   * The transport still held output at the last flush (Redis's reply list is not empty):
   * every write goes the slow way, which checks the output buffer limits.
   */
  private backlogged = false;
  /** When the soft output limit was first passed, in seconds; 0 while under it. */
  private softLimitSince = 0;
  private limitsText = '';
  private limits: OutputBufferLimits = [undefined, undefined, undefined];
  private deferredPushes: Reply[] | undefined;

  constructor(
    readonly server: FakeServer,
    readonly id: number,
    readonly transport: Transport | undefined,
  ) {
    this.createdAt = server.clock.now();
    this.lastInteractionAt = this.createdAt;
    this.replyPeakResetAt = Math.floor(this.createdAt / 1000);
    this.cronSeenAt = this.createdAt;
    this.db = server.databases[0] as Database;
    this.authenticated = !server.requiresAuth();
  }

  /**
   * Blocking commands must not block here (Redis's CLIENT_DENY_BLOCKING): inside EXEC and
   * for the direct API; they answer as if their timeout had passed.
   */
  get denyBlocking(): boolean {
    return this.inExec || this.blockingDenied;
  }

  /** Number of channels and patterns subscribed (shard channels apart), as Redis counts. */
  get subscriptionCount(): number {
    return this.channels.size + this.patterns.size;
  }

  /** True in RESP2 while subscribed: only subscription commands may run. */
  get inSubscribedContext(): boolean {
    return this.protocol === 2 && this.channels.size + this.patterns.size + this.shardChannels.size > 0;
  }

  /**
   * Bytes arriving from the transport: taken in the reads Redis's readQueryFromClient
   * would make (at most the query buffer's room, or the rest of a big argument), each
   * checked against client-query-buffer-limit and its commands run and answered before
   * the next read, as in Redis's event loop.
   */
  feed(chunk: Buffer | string): void {
    const length = chunk.length;
    const cron = this.server.clientsCron;
    for (let offset = 0; offset < length && !this.closed && !this.closing; ) {
      const now = this.server.clock.now();
      cron.catchUp(now);
      if (this.closed) return;
      const bigBulk = this.parser.pendingBigBulk;
      const room = this.queryBuffer.prepareRead(bigBulk >= 0 ? bigBulk + 2 - this.queryBuffer.length : -1);
      const end = Math.min(length, offset + room);
      const piece = offset === 0 && end === length ? chunk : typeof chunk === 'string' ? chunk.slice(offset, end) : chunk.subarray(offset, end);
      offset = end;
      cron.readTime = now;
      try {
        this.read(piece, now);
      } finally {
        cron.readTime = undefined;
      }
    }
  }

  private read(piece: Buffer | string, now: number): void {
    this.lastInteractionAt = now;
    this.netInputBytes += piece.length;
    this.parser.feed(piece);
    const queryBuffer = this.queryBuffer;
    queryBuffer.received(piece.length);
    if (queryBuffer.length > this.server.clientsCron.queryBufferLimit) {
      this.server.log(
        'warning',
        `Closing client that reached max query buffer length: ${describeClient(this)} (qbuf initial bytes: ${catRepr(this.parser.peek(64))})`,
      );
      this.server.stats.queryBufferLimitDisconnections++;
      this.closeAsync();
    } else {
      this.processInput();
      // updateClientMemUsageAndBucket after the read, evictClients before sleeping.
      if (this.server.clientsCron.evicting && !this.closed) {
        this.server.clientsCron.updateMemory(this);
        this.server.clientsCron.evictClients();
      }
    }
    this.server.beforeSleep();
    if (this.closing) this.close();
  }

  /**
   * Runs the commands held in the input, one at a time, until the input is used up or
   * the client blocks or closes (the blocking machinery calls it again on wake-up). A
   * framing error is answered once the commands before it have run; then the client closes.
   */
  processInput(): void {
    const server = this.server;
    server.markOutput(this);
    if (!this.blocked) this.argv = undefined;
    const limits = this.parserLimits;
    const parser = this.parser;
    const previous = server.currentClient;
    try {
      while (!this.blocked && !this.closing) {
        limits.authenticated = this.authenticated || !server.requiresAuth();
        limits.maxBulkLength = server.config.getNumber('proto-max-bulk-len');
        // A command postponed by CLIENT PAUSE runs first (Redis's CLIENT_PENDING_COMMAND).
        const pending = this.pendingCommand;
        this.pendingCommand = undefined;
        const argv = pending ?? parser.next(limits);
        const taken = parser.takeBigArgument();
        if (taken > 0) this.queryBuffer.argumentTaken(taken);
        if (argv === undefined) break;
        if (isSecurityWarningCommand(argv[0] as Bytes)) {
          this.securityWarning();
          break;
        }
        this.argv = argv;
        const evicting = server.clientsCron.evicting;
        if (evicting) {
          // processCommand evicts clients first, perhaps this one (then the command is not run).
          server.clientsCron.evictClients();
          if (this.closed) return;
        }
        server.currentClient = this;
        const reply = server.execute(this, argv);
        if (reply !== undefined) this.reply(reply);
        server.currentClient = previous;
        if (evicting && !this.closed) server.clientsCron.updateMemory(this);
        if (!this.blocked) this.argv = undefined;
        if (this.deferredPushes !== undefined) this.flushDeferredPushes();
      }
    } catch (e) {
      // A fault of the fake (never the client's input): this client is closed, the server goes on.
      server.currentClient = previous;
      server.log('warning', `fakeredis internal error serving client ${this.id}, closing it: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      this.closeAsync();
      return;
    }
    this.queryBuffer.trimmed(parser.unparsedBytes, parser.pendingBigBulk);
    const error = parser.error;
    if (error !== undefined && !this.blocked && !this.closing) {
      const reply = new ErrorReply(`ERR ${error.message}`);
      server.recordError(reply);
      server.log('verbose', `Protocol error (${error.logText}) from client: ${describeClient(this)}. ${error.sample}`);
      this.writeRaw(server.encoder.encode(reply, this.protocol));
      this.closing = true;
    }
  }

  /**
   * securityWarningCommand: "POST" or "Host:" as a command name is an HTTP request
   * (cross-protocol scripting): the client is closed without its pending replies, and
   * the server logs it at most once a minute.
   */
  private securityWarning(): void {
    const server = this.server;
    const now = Math.floor(server.clock.now() / 1000);
    if (Math.abs(now - server.securityWarningLoggedAt) > 60) {
      server.log(
        'warning',
        'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.',
      );
      server.securityWarningLoggedAt = now;
    }
    this.closeAsync();
  }

  /**
   * freeClientAsync / CLIENT_CLOSE_ASAP: the client runs no more commands and is closed
   * at the next flush, without the output it has not been sent.
   */
  closeAsync(): void {
    this.closeAsap = true;
    this.closing = true;
    this.outputChunks = undefined;
    this.outputChunksLength = 0;
    this.output = '';
    this.server.markOutput(this);
  }

  /** Sends a command's reply, honouring CLIENT REPLY OFF and SKIP. */
  reply(reply: Reply): void {
    if (this.replica !== undefined) {
      // A replica's link carries no replies: one that makes a command reply is dropped.
      this.server.log('warning', `Replica generated a reply to command '${this.lastCommand === 'NULL' ? '<unknown>' : this.lastCommand}', disconnecting it: ${describeClient(this)}`);
      this.closeAsync();
      return;
    }
    if (this.execReplies !== undefined) {
      this.execReplies.push(reply);
      return;
    }
    if (this.replyMode !== 'on') {
      if (this.replyMode === 'skip') this.replyMode = 'on';
      return;
    }
    this.writeReply(reply);
  }

  /**
   * Encodes a reply into the output. A reply whose encoding passes V8's string limit is
   * encoded again in pieces; one the encoder cannot write at all (a bug) becomes an error
   * reply instead of an exception in the transport.
   */
  private writeReply(reply: Reply): void {
    const encoder = this.server.encoder;
    let encoded: string;
    try {
      encoded = encoder.encode(reply, this.protocol);
    } catch (e) {
      try {
        if (!(e instanceof RangeError)) throw e;
        for (const piece of encodeChunks(encoder, reply, this.protocol)) this.writeRaw(piece);
        return;
      } catch (e2) {
        encoded = encoder.encode(
          new ErrorReply(`ERR internal error in fakeredis: ${e2 instanceof Error ? e2.message : String(e2)}`),
          this.protocol,
        );
      }
    }
    this.writeRaw(encoded);
  }

  /**
   * Holds a push for this client until its running command has replied (Redis 7.2 does so
   * for messages its own command published).
   */
  deferPush(reply: Reply): void {
    (this.deferredPushes ??= []).push(reply);
  }

  private flushDeferredPushes(): void {
    const pushes = this.deferredPushes ?? [];
    this.deferredPushes = undefined;
    for (const push of pushes) this.push(push);
  }

  /** Sends an out-of-band reply (pub/sub message, push), regardless of the reply mode. */
  push(reply: Reply): void {
    this.writeReply(reply);
    this.server.markOutput(this);
  }

  /** Appends bytes that are not a reply (the replication stream) to the output, and schedules the flush. */
  writeStream(encoded: string): void {
    this.writeRaw(encoded);
    this.server.markOutput(this);
  }

  /** Output the client holds itself, not yet handed to the transport (clientHasPendingReplies). */
  get hasPendingReplies(): boolean {
    return this.output.length > 0 || this.outputChunksLength > 0;
  }

  private writeRaw(encoded: string): void {
    if (this.transport === undefined || this.closed || this.closeAsap) return;
    const output = this.output;
    // Within Redis's static reply buffer: no limit applies.
    if (output.length + encoded.length <= this.replyBufferSize && !this.backlogged) {
      this.output = output + encoded;
      return;
    }
    if (output.length + encoded.length <= OUTPUT_CHUNK_SIZE) {
      this.output = output + encoded;
    } else {
      // The piece is full: start another (a reply longer than a piece is a piece of its own).
      if (output.length > 0) {
        (this.outputChunks ??= []).push(output);
        this.outputChunksLength += output.length;
      }
      this.output = encoded;
    }
    this.checkOutputBufferLimits();
  }

  /** Bytes of output not yet taken by the peer: buffered here, and held by the transport. */
  get pendingOutput(): number {
    return this.outputChunksLength + this.output.length + (this.transport?.pendingBytes ?? 0);
  }

  /**
   * checkClientOutputBufferLimits / closeClientOnOutputBufferLimitReached: past the hard
   * limit, or past the soft limit for longer than its seconds (counted from the first
   * write that found it passed, reset by a write that finds it not), the client is
   * closed as soon as possible, without its pending output, and the server logs it.
   */
  private checkOutputBufferLimits(): void {
    const text = this.server.config.get('client-output-buffer-limit');
    if (text !== this.limitsText) {
      this.limits = parseOutputBufferLimits(text);
      this.limitsText = text;
    }
    // Redis's getClientType: a replica, else a subscribed client is of the pubsub class.
    const limit = this.limits[this.replica !== undefined ? 1 : this.channels.size + this.patterns.size + this.shardChannels.size > 0 ? 2 : 0];
    if (limit === undefined) return;
    const used = outputBufferFigures(this.pendingOutput, this.replyBufferSize).omem;
    const hard = limit.hard > 0 && used >= limit.hard;
    let soft = limit.soft > 0 && used >= limit.soft;
    if (soft) {
      const now = Math.floor(this.server.clock.now() / 1000);
      if (this.softLimitSince === 0) {
        this.softLimitSince = now;
        soft = false;
      } else if (now - this.softLimitSince <= limit.softSeconds) {
        soft = false;
      }
    } else {
      this.softLimitSince = 0;
    }
    if (!hard && !soft) return;
    this.server.log('warning', `Client ${describeClient(this)} scheduled to be closed ASAP for overcoming of output buffer limits.`);
    this.server.stats.outputBufferLimitDisconnections++;
    this.closeAsync();
  }

  /** The arguments read so far of a request in progress (CLIENT LIST argv-mem between reads). */
  get partialArgs(): readonly Bytes[] {
    return this.parser.partialArgs;
  }

  /** The argument count of a request in progress (Redis sizes argv by it). */
  get expectedArgs(): number {
    return this.parser.expectedArgs;
  }

  /** The running command came as an inline line rather than a multibulk. */
  get requestInline(): boolean {
    return this.parser.lastInline;
  }

  /** The length of a big argument being read, or -1 (the query buffer cron keeps room for it). */
  get pendingBigBulk(): number {
    return this.parser.pendingBigBulk;
  }

  /** Hands buffered output to the transport, piece by piece. */
  flush(): void {
    const transport = this.transport;
    if (transport === undefined || this.closed) return;
    if (this.closeAsap) {
      this.close();
      return;
    }
    const chunks = this.outputChunks;
    const batch = this.outputChunksLength + this.output.length;
    if (batch > 0) {
      // Sending counts as interaction (writeToClient), for the idle time and timeout; what
      // the batch put in the static reply buffer is its peak (buf_peak).
      this.lastInteractionAt = this.server.clientsCron.readTime ?? this.server.clock.now();
      const used = Math.min(batch, this.replyBufferSize);
      if (used > this.replyBufferPeak) this.replyBufferPeak = used;
    }
    if (chunks !== undefined) {
      this.outputChunks = undefined;
      this.outputChunksLength = 0;
      for (const chunk of chunks) {
        this.netOutputBytes += chunk.length;
        transport.write(chunk);
      }
    }
    if (this.output.length > 0) {
      const out = this.output;
      this.output = '';
      this.netOutputBytes += out.length;
      transport.write(out);
    }
    const pending = transport.pendingBytes;
    this.backlogged = pending !== undefined && pending > 0;
  }

  /** Hides argument `index` of the running command (`argv`) from MONITOR and SLOWLOG: "(redacted)". */
  redactArgument(argv: readonly Bytes[], index: number): void {
    if (this.redacted?.argv !== argv) this.redacted = { argv, indices: new Set() };
    this.redacted.indices.add(index);
  }

  /** The running command's arguments as MONITOR and SLOWLOG show them (redacted ones replaced). */
  shownArgv(argv: readonly Bytes[]): readonly Bytes[] {
    const redacted = this.redacted;
    if (redacted === undefined || redacted.argv !== argv) return argv;
    return argv.map((arg, i) => (redacted.indices.has(i) ? ('(redacted)' as Bytes) : arg));
  }

  /** Forgets every WATCHed key (UNWATCH, EXEC, DISCARD, RESET, disconnect). */
  unwatchAll(): void {
    for (const { db, key } of this.watched) {
      const watches = db.watchers.get(key);
      if (watches === undefined) continue;
      watches.delete(this);
      if (watches.size === 0) db.watchers.delete(key);
    }
    this.watched.length = 0;
  }

  /** Leaves MULTI and forgets WATCHed keys and their dirty flag (discardTransaction). */
  discardTransaction(): void {
    this.multi = undefined;
    this.watchDirty = false;
    this.unwatchAll();
  }

  /** Closes the connection (after flushing) and forgets the client. */
  close(): void {
    if (this.closed) return;
    if (!this.closeAsap) this.flush();
    this.closed = true;
    this.server.removeClient(this);
    this.transport?.close(this.closeAsap);
  }

  /** The transport went away (peer closed): forget the client without writing. */
  disconnected(): void {
    if (this.closed) return;
    if (this.server.hooks.log !== undefined) {
      this.server.clientsCron.catchUp(this.server.clock.now());
      this.server.log('verbose', `Client closed connection ${describeClient(this)}`);
    }
    this.closed = true;
    this.server.removeClient(this);
  }
}

/** processCommand's check for an HTTP request: a command named "POST" or "Host:", in any case. */
function isSecurityWarningCommand(name: Bytes): boolean {
  const n = name.length;
  if (n === 4) return name.toLowerCase() === 'post';
  return n === 5 && name.toLowerCase() === 'host:';
}

/**
 * Redis's islocalClient, for the "local" setting of enable-debug-command and
 * enable-protected-configs: a Unix-socket client, or a TCP peer at 127.0.0.1 or ::1.
 * The direct client (server.call) has no peer and counts as local.
 */
export function isLocalClient(client: Client): boolean {
  const address = client.transport?.remoteAddress;
  if (address === undefined) return true;
  if (address.startsWith('/')) return true; // "<socket path>:0"
  const host = address.slice(0, address.lastIndexOf(':'));
  return host === '127.0.0.1' || host === '::1' || host === '[::1]';
}
