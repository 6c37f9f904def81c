import { aclCheckCommand } from './acl/check.js';
import { loadAclFileAtStartup } from './acl/file.js';
import { defaultUserRequiresAuth } from './acl/state.js';
import { BlockingManager, type BlockRequest, NOT_SERVED } from './blocking/blocking.js';
import { type Bytes, bytesFromBuffer, bytesFromText } from './bytes.js';
import { Client, type Transport } from './client.js';
import { ClientsCron } from './client-cron.js';
import type { Mixin } from './dispatch/mixin.js';
import { protectedCommandError } from './dispatch/protected.js';
import { CommandEntry, CommandTable, LookupFailure } from './dispatch/table.js';
import { randomHexId } from './hex-id.js';
import { defineCoreConfig } from './config/parameters.js';
import { ConfigStore } from './config/store.js';
import { Clock } from './clock.js';
import { Database } from './database.js';
import { ERR_OOM, performEvictions } from './evict.js';
import { ERR_NOAUTH, ERR_REPLICA_KEYSPACE, errExecAbortBecause, errSubscribedContext } from './errors/index.js';
import { feedMonitors } from './mixins/server/monitor.js';
import { KeyspaceNotifier } from './notifier.js';
import { PubSubHub } from './pubsub/hub.js';
import { defaultProfile, versionAtLeast, type ServerProfile } from './profile.js';
import { errNotAllowedInMulti } from './profile-valkey.js';
import type { Propagator } from './propagate.js';
import { Random } from './random.js';
import { ErrorReply, NO_REPLY, QUEUED, type Reply } from './reply.js';
import { ReplyEncoder } from './resp/encoder.js';
import { CLIENT_MEMORY_ESTIMATE, USED_MEMORY_STARTUP } from './values/memory.js';
import * as direct from './direct.js';
import type { CommandArgument, PlainReply } from './direct.js';

export interface FakeServerOptions {
  /** What to emulate; default Redis 7.0. */
  profile?: ServerProfile;
  /** Command mixins to install; a server with none answers every command as unknown. */
  mixins?: readonly Mixin[];
  /** Start-up configuration, as redis.conf or command-line flags would give it. */
  config?: Readonly<Record<string, string | number>>;
  /** Seed for the random generator (SPOP, RANDOMKEY ...). */
  seed?: number;
  /** A clock to share between servers; default a new one following Date.now(). */
  clock?: Clock;
  /** What MODULE LOAD can load (see FakeServer.moduleLoader); default nothing. */
  moduleLoader?: ModuleLoader;
}

/**
 * The mixins that emulate the Redis module a MODULE LOAD / LOADEX path names (by its file
 * name, as fakeredis-server's loadmodule), or undefined for a file no mixin emulates.
 */
export type ModuleLoader = (path: string) => readonly Mixin[] | undefined;

/** Counters INFO stats reports. */
export interface ServerStats {
  totalConnections: number;
  totalCommands: number;
  expiredKeys: number;
  evictedKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  rejectedConnections: number;
  totalErrorReplies: number;
  netInputBytes: number;
  netOutputBytes: number;
  /** Bytes sent to replicas (the RDB and the stream): INFO total_net_repl_output_bytes. */
  netReplOutputBytes: number;
  /** Listpacks and intsets validated deeply (sanitize-dump-payload): INFO dump_payload_sanitizations. */
  dumpPayloadSanitizations: number;
  /** Keys the active expiry cycle deleted (8.6's expired_keys_active). */
  expiredKeysActive: number;
  /** Hash fields deleted by their TTL, and of those by the active cycle (7.4's expired_subkeys, 8.6's expired_subkeys_active). */
  expiredSubkeys: number;
  expiredSubkeysActive: number;
  /** Clients closed for passing client-query-buffer-limit or an output buffer limit (7.4). */
  queryBufferLimitDisconnections: number;
  outputBufferLimitDisconnections: number;
  readonly errors: Map<string, number>;
}

/** Commands allowed to a RESP2 client in subscribed mode. */
const SUBSCRIBED_CONTEXT_COMMANDS = new Set([
  'ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset',
]);
/** Commands a transaction runs at once instead of queueing. */
const MULTI_IMMEDIATE_COMMANDS = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

/**
 * One emulated server process: databases, configuration, clock, random generator,
 * clients and command table. Commands run one at a time, each to completion,
 * synchronously, as in Redis.
 */
export class FakeServer {
  readonly profile: ServerProfile;
  readonly clock: Clock;
  readonly random: Random;
  readonly config = new ConfigStore();
  readonly commands: CommandTable;
  /** The mixins the server was composed of, then those MODULE LOAD added (MODULE LIST reads their redisModule). */
  mixins: readonly Mixin[];
  /** What MODULE LOAD can load at run time; without one it fails as a native load does. */
  moduleLoader: ModuleLoader | undefined;
  readonly databases: Database[] = [];
  readonly clients = new Map<number, Client>();
  /** Clients that ran MONITOR, in the order they did (Redis's server.monitors). */
  readonly monitors = new Set<Client>();
  /**
   * The pause in force (client_pause_type and client_pause_end_time): the strictest type
   * among the purposes' pauses and its latest end; undefined when none.
   */
  clientPause: { readonly type: 'write' | 'all'; readonly end: number } | undefined;
  /** Pauses by purpose (client_pause_per_purpose): each is lifted alone, CLIENT UNPAUSE only ends CLIENT PAUSE's. */
  readonly pauses = new Map<PausePurpose, { readonly type: 'write' | 'all'; readonly end: number }>();
  /** Clients whose next command waits for the pause to end, in order (server.postponed_clients). */
  readonly postponedClients = new Set<Client>();
  readonly encoder: ReplyEncoder;
  readonly notifier: KeyspaceNotifier;
  /** Clients blocked on keys (BLPOP, BZPOPMIN, XREAD ...) and their timeouts. */
  readonly blocking: BlockingManager = new BlockingManager(this);
  /** Pub/sub channels, patterns and shard channels, and their test helpers. */
  readonly pubsub: PubSubHub;
  readonly stats: ServerStats = {
    totalConnections: 0, totalCommands: 0, expiredKeys: 0, evictedKeys: 0,
    keyspaceHits: 0, keyspaceMisses: 0, rejectedConnections: 0, totalErrorReplies: 0,
    netInputBytes: 0, netOutputBytes: 0, netReplOutputBytes: 0, errors: new Map(), dumpPayloadSanitizations: 0,
    expiredKeysActive: 0, expiredSubkeys: 0, expiredSubkeysActive: 0, queryBufferLimitDisconnections: 0, outputBufferLimitDisconnections: 0,
  };
  /** Start time in ms (INFO uptime). */
  readonly startedAt: number;
  readonly runId: string;
  /** Time of the last successful save (LASTSAVE), in seconds. */
  lastSave: number;
  /** Hooks a module may install; called by the engine at the matching moments. */
  readonly hooks: ServerHooks = {};
  lfuEnabled = false;
  /** An LRM maxmemory-policy (Redis 8.6) is set: only changes refresh a key's idle time. */
  lrmEnabled = false;
  /** `maxmemory` in bytes, 0 for no limit (kept as a number: read before every command). */
  maxmemory = 0;
  /**
   * Whether memory was over `maxmemory` (and nothing could be evicted) when the current
   * command started (Redis's pre_command_oom_state): scripts refuse their first denyoom
   * command then (see scriptOomError in evict.ts).
   */
  preCommandOomState = false;
  /**
   * The highest usedMemory() seen (INFO used_memory_peak): it is read before each command
   * under maxmemory, every few thousand changed keys, before a flush and by INFO.
   */
  usedMemoryPeak = 0;
  /** When the peak was reached, in seconds (8.6's used_memory_peak_time). */
  usedMemoryPeakTime = 0;
  /** Values freed in the background so far (INFO lazyfreed_objects; see Database.delete). */
  lazyfreedObjects = 0;
  /** Set by CONFIG SET maxmemory: evict once the command is done (updateMaxmemory). */
  private evictionRequested = false;
  /** DEBUG SET-ACTIVE-EXPIRE 0 turns the background expiry cycle off; lazy expiry stays. */
  activeExpireEnabled = true;
  /** DEBUG PAUSE-CRON 1 stops serverCron: here, its active expiry cycle. */
  cronPaused = false;
  /** INFO's master_replid; DEBUG CHANGE-REPL-ID renews it. Not drawn from the seeded generator. */
  replicationId = randomHexId();
  /** INFO's master_repl_offset: bytes of replication stream so far (it moves only while a backlog exists). */
  masterReplOffset = 0;
  /** c->woff moves only with a command that propagated (Redis 7.2+, known by its WAITAOF). */
  private readonly woffOnPropagation: boolean;
  /** The replication backlog's blocks and index (repl_buffer_mem and its rax), part of used_memory. */
  replicationBufferMemory = 0;
  /** The client whose input is being processed (Redis's server.current_client). */
  currentClient: Client | undefined;
  /** Idle timeout, query buffer resizing, recent buffer maxima, maxmemory-clients. */
  readonly clientsCron: ClientsCron = new ClientsCron(this);
  /** When the "Possible SECURITY ATTACK" warning was last logged, in seconds (once a minute). */
  securityWarningLoggedAt = 0;
  /**
   * Changes since the last save (Redis's server.dirty: INFO rdb_changes_since_last_save, the
   * save points). A call adds its key changes (keyChanges) unless its handler counted its
   * own by Redis's rule (addDirty: HSET's fields given, SADD's members added, ...).
   */
  dirty = 0;
  /** Whether the call at hand counted its changes itself (addDirty, or the commands it ran). */
  private dirtyCounted = false;
  /**
   * Keys changed so far (every signalModifiedKey but expiry and eviction): a call that
   * moves it changed the dataset (Redis's server.dirty delta), so it is propagated.
   */
  keyChanges = 0;
  /** The propagation feed (propagate.ts); undefined while no AOF or replica listens. */
  propagator: Propagator | undefined;
  /**
   * Set while a long job holds the server (a script past busy-reply-threshold): other
   * commands are refused with `error` unless flagged allow_busy (processCommand's BUSY check).
   */
  busy: { readonly error: ErrorReply } | undefined;
  /** Each module's per-server state (moduleState), created on first use. */
  private readonly moduleSlots = new Map<ModuleStateKey<unknown>, unknown>();

  /**
   * Redis's server.current_client as lookupKey sees it: the client of the command at the
   * top (a script's commands count as their caller's, EXEC's as the client's own), and
   * whether its command at hand leaves keys' LRU/LFU alone (CLIENT NO-TOUCH, except TOUCH).
   */
  private callClient: Client | undefined;
  noTouchCall = false;
  private nextClientId = 1;
  private commandDepth = 0;
  private timeSnapshot = -1;
  private timingTick = 0;
  /** Unsubscribes from a clock that other servers may share. */
  private readonly stopTicking: () => void;
  private readonly pendingOutput = new Set<Client>();
  private expiryTimer: ReturnType<typeof setInterval> | undefined;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private directClient: Client | undefined;
  private closedFlag = false;
  private readonly closeListeners = new Set<() => void>();

  constructor(options: FakeServerOptions = {}) {
    this.profile = options.profile ?? defaultProfile();
    this.woffOnPropagation = this.profile.metadata.commands.WAITAOF !== undefined;
    this.clock = options.clock ?? new Clock();
    this.random = new Random(options.seed);
    this.encoder = new ReplyEncoder(this.profile.doubleFormat);
    this.notifier = new KeyspaceNotifier();
    this.pubsub = new PubSubHub(this);
    this.startedAt = this.clock.now();
    this.lastSave = Math.floor(this.startedAt / 1000);
    this.runId = randomHexId(() => this.random.next());
    defineCoreConfig(this);
    const mixins = options.mixins ?? [];
    this.mixins = mixins;
    this.moduleLoader = options.moduleLoader;
    this.commands = new CommandTable(this.profile.metadata, mixins, this.profile.legacyCommandLookup);
    for (const mixin of mixins) mixin.install?.(this);
    for (const [name, value] of Object.entries(options.config ?? {})) this.config.initialize(name, String(value));
    this.clientsCron.configChanged();
    // ACLLoadUsersAtStartup: the aclfile once the whole configuration is known.
    loadAclFileAtStartup(this);
    const count = this.config.getNumber('databases');
    for (let i = 0; i < count; i++) this.databases.push(new Database(this, i));
    this.stopTicking = this.clock.onTick(() => {
      this.clientsPaused();
      this.activeExpireCycle();
      this.serveTimeouts();
      this.clientsCron.run();
    });
  }

  /** True when the emulated version is at least `version` (gates options and replies). */
  versionAtLeast(version: string): boolean {
    return versionAtLeast(this.profile, version);
  }

  /**
   * A module's state on this server (the field-expiry registry, the script cache ...),
   * made by the key's `init` on first use. One typed slot per key, so modules keep no
   * WeakMaps of servers.
   */
  moduleState<T>(key: ModuleStateKey<T>): T {
    let state = this.moduleSlots.get(key) as T | undefined;
    if (state === undefined) {
      state = key.init(this);
      this.moduleSlots.set(key, state);
    }
    return state;
  }

  /** Re-seeds the random generator so random choices repeat. */
  seed(n: number): void {
    this.random.seed(n);
  }

  /** The time commands see: fixed for the whole of a command, EXEC or script. */
  now(): number {
    if (this.commandDepth === 0) return this.clock.now();
    // Read lazily: most commands never look at the time.
    if (this.timeSnapshot < 0) this.timeSnapshot = this.clock.now();
    return this.timeSnapshot;
  }

  db(index = 0): Database {
    const db = this.databases[index];
    if (db === undefined) throw new RangeError(`no database ${index}`);
    return db;
  }

  /** authRequired: the default user needs a password (requirepass, ACL SETUSER default) or is off. */
  requiresAuth(): boolean {
    return defaultUserRequiresAuth(this);
  }

  // ---- clients ---------------------------------------------------------------------

  /**
   * Redis's acceptCommonHandler check, for transports to call before createClient: false
   * (counted in rejected_connections) while `maxclients` connections are open. The direct
   * API's client does not count.
   */
  acceptsConnection(): boolean {
    let connected = 0;
    for (const client of this.clients.values()) if (client.transport !== undefined) connected++;
    if (connected < this.config.getNumber('maxclients')) return true;
    this.stats.rejectedConnections++;
    return false;
  }

  /** Opens a client on a transport (or with none, for the direct API). */
  createClient(transport?: Transport, id = this.nextClientId++): Client {
    // `id`: a replica's cached master client comes back with the id it had.
    const client = new Client(this, id, transport);
    this.clients.set(client.id, client);
    this.stats.totalConnections++;
    if (transport !== undefined) this.clientsCron.clientConnected();
    return client;
  }

  removeClient(client: Client): void {
    if (!this.clients.delete(client.id)) return;
    this.pendingOutput.delete(client);
    this.clientsCron.clientRemoved(client);
    this.monitors.delete(client);
    this.postponedClients.delete(client);
    client.unwatchAll();
    this.blocking.clientRemoved(client);
    this.hooks.clientRemoved?.forEach((hook) => hook(client));
  }

  /** Notes that a client has output to flush at the end of the current input. */
  markOutput(client: Client): void {
    this.pendingOutput.add(client);
  }

  /**
   * What Redis does before it sleeps, once the input at hand is processed: clients
   * unblocked meanwhile run their pipelined commands, then every reply is written.
   */
  beforeSleep(): void {
    if (this.commandDepth === 0) {
      // Keys made ready outside a command (a test writing the database directly).
      if (this.blocking.hasReadyKeys) this.serveBlockedClients();
      this.blocking.processUnblockedClients();
    }
    this.flushOutput();
  }

  /** Writes pending output now unless a command runs (a test publishing directly). */
  flushIfIdle(): void {
    if (this.commandDepth === 0 && this.currentClient === undefined) this.flushOutput();
  }

  /** Flushes every client with buffered output, in the order they were marked. */
  flushOutput(): void {
    if (this.pendingOutput.size === 0) return;
    for (const client of this.pendingOutput) {
      try {
        client.flush();
      } catch (e) {
        // A transport that throws loses its client, not the others' output.
        this.log('warning', `fakeredis internal error writing to client ${client.id}, closing it: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        client.disconnected();
      }
    }
    this.pendingOutput.clear();
  }

  /**
   * Runs a command as the direct client and returns its reply (RESP3-typed). Arguments
   * are text (sent as UTF-8), Buffers or numbers, as a client library would send them.
   */
  call(...args: Array<string | Buffer | Uint8Array | number | bigint>): Reply {
    if (args.length === 0) throw new TypeError('call() needs a command name');
    if (this.closedFlag) throw new Error('the fake server is closed');
    const argv = new Array<Bytes>(args.length);
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      argv[i] = typeof a === 'string' ? bytesFromText(a) : typeof a === 'number' || typeof a === 'bigint' ? (String(a) as Bytes) : bytesFromBuffer(a as Uint8Array);
    }
    if (this.directClient === undefined || this.directClient.closed) this.directClient = this.createDirectClient();
    const client = this.directClient;
    const reply = this.execute(client, argv);
    this.beforeSleep();
    // After QUIT or CLIENT KILL of itself, the next call opens a new direct connection.
    if (client.closing) client.close();
    return reply === undefined ? null : reply;
  }

  private createDirectClient(): Client {
    const client = this.createClient();
    client.protocol = 3;
    client.authenticated = true;
    // call() is synchronous: a blocking command answers as if its timeout had passed.
    client.blockingDenied = true;
    return client;
  }

  // ---- the direct API with plain values and the test helpers (direct.ts) ------------

  /** As call(), with the reply as plain values (strings, numbers, arrays, objects, null); throws error replies. */
  command<T = PlainReply>(...args: CommandArgument[]): T { return direct.runCommand(this, args) as T; }
  /** As command(), with every string as a Buffer. */
  commandBuffer<T = PlainReply>(...args: CommandArgument[]): T { return direct.runCommand(this, args, { buffers: true }) as T; }
  /** Writes keys from a plain object (strings, arrays as lists, Sets, Maps as sorted sets, objects as hashes). */
  setData(data: Readonly<Record<string, direct.SeedValue | direct.KeyValue>>, options?: direct.DataOptions): void { direct.setData(this, data, options); }
  /** A key's value as plain data; undefined when it does not exist. */
  getValue(key: CommandArgument, options?: direct.KeyOptions): direct.KeyValue | undefined { return direct.getValue(this, key, options); }
  /** A key's time to live in ms; null without expiry, undefined when the key does not exist. */
  ttl(key: CommandArgument, options?: direct.KeyOptions): number | null | undefined { return direct.keyTtl(this, key, options); }
  /** Every key of a database (default 0) with its value, as a plain object. */
  snapshot(options?: direct.KeyOptions): Record<string, direct.KeyValue> { return direct.snapshot(this, options); }
  /** Empties one database, or all of them. */
  flush(db?: number): void { direct.flush(this, db); }
  /** Moves the clock forward: keys expire and blocking commands time out as if `ms` had passed. */
  fastForward(ms: number): void { this.clock.advance(ms); }
  /** The direct API's client (opened on first use), for the test helpers. */
  directClientForHelpers(): Client {
    if (this.directClient === undefined || this.directClient.closed) this.directClient = this.createDirectClient();
    return this.directClient;
  }

  // ---- dispatch --------------------------------------------------------------------

  /**
   * Runs one command for a client as Redis's processCommand does: lookup and arity,
   * authentication, subscribed-mode rules, transaction queueing, then the handler.
   * Undefined when the command replies later (a blocked client) or never.
   */
  execute(client: Client, argv: Bytes[]): Reply | undefined {
    const found = this.commands.lookup(argv);
    if (found instanceof LookupFailure) {
      // Redis remembers the command it looked up (CLIENT LIST's cmd=), NULL when unknown.
      client.lastCommand = found.entry?.fullName ?? 'NULL';
      return this.reject(client, found.error, found.entry, argv);
    }
    const entry = found;
    client.lastCommand = entry.fullName;
    // Checked right after lookup, before authentication (processCommand's protected check).
    // PROTECTED commands (DEBUG, MODULE ...) are checked right after lookup, as Redis does.
    if (entry.isProtected) {
      const refusal = protectedCommandError(this, client, entry);
      if (refusal) return this.reject(client, refusal, entry, argv);
    }
    const top = entry.parent ?? entry;
    // Authentication is needed only while the default user has a password (authRequired).
    if (!client.authenticated && !entry.flags.has('no_auth') && this.requiresAuth()) {
      return this.reject(client, ERR_NOAUTH, entry, argv);
    }
    // Right after authentication (Valkey flags MULTI and WATCH no_multi too).
    if (client.multi !== undefined && entry.flags.has('no_multi')) return this.reject(client, errNotAllowedInMulti(this.profile, entry.fullName), entry);
    const denied = aclCheckCommand(client, entry, argv);
    if (denied !== undefined) return this.reject(client, denied, entry, argv);
    // Modules' checks, where Redis 7.0 redirects in cluster mode (right after ACL).
    const checks = this.hooks.commandCheck;
    if (checks !== undefined) {
      for (const check of checks) {
        const refusal = check(client, entry, argv);
        if (refusal !== undefined) return this.refuseChecked(client, refusal, entry);
      }
    }
    // The maxmemory directive: evict before every command, refuse what may grow memory.
    if (this.maxmemory !== 0 && this.busy === undefined) {
      const outOfMemory = !performEvictions(this);
      if (outOfMemory && this.rejectedOnOom(client, entry, argv, top.fullName)) return this.reject(client, ERR_OOM, entry, argv);
      this.preCommandOomState = outOfMemory;
    }
    // writeCommandsDeniedByDiskError (stop-writes-on-bgsave-error): writes, and PING, refused.
    const writeDenied = this.hooks.writeDenied;
    if (writeDenied !== undefined) {
      for (const denied of writeDenied) {
        const error = denied();
        if (error !== undefined && (top.fullName === 'ping' || this.isWriteCall(client, entry, argv))) return this.reject(client, error, entry, argv);
      }
    }
    // min-replicas-to-write: writes (not PING) refused while too few replicas are good.
    const writeCommandDenied = this.hooks.writeCommandDenied;
    if (writeCommandDenied !== undefined) {
      for (const denied of writeCommandDenied) {
        const error = denied();
        if (error !== undefined && this.isWriteCall(client, entry, argv)) return this.reject(client, error, entry, argv);
      }
    }
    if (client.inSubscribedContext && !SUBSCRIBED_CONTEXT_COMMANDS.has(top.fullName)) {
      return this.reject(client, errSubscribedContext(entry.fullName), entry, argv);
    }
    if (this.busy !== undefined && !entry.flags.has('allow_busy')) return this.reject(client, this.busy.error, entry, argv);
    // A monitor is a replica to Redis: neither may touch the keyspace.
    if ((client.monitor || client.replica !== undefined) && touchesKeyspace(entry)) return this.reject(client, ERR_REPLICA_KEYSPACE, entry, argv);
    // CLIENT PAUSE: the command waits (in MULTI too) until the pause ends; monitors and
    // replicas (their ACKs) never do, nor the direct API's client, which cannot wait.
    if (this.clientPause !== undefined && !client.monitor && client.replica === undefined && !client.blockingDenied && this.pausedFor(client, entry, argv)) return this.postpone(client, argv);
    if (client.multi !== undefined && !MULTI_IMMEDIATE_COMMANDS.has(top.fullName)) {
      // A transaction that will not run keeps nothing more (queueMultiCommand), and keeps
      // the flags each command has now: a script loaded later does not change them.
      if (!client.multi.aborted && !client.watchDirty) {
        client.multi.queue.push({ entry, argv });
        for (const flag of this.commandFlags(client, entry, argv)) client.multi.flags.add(flag);
      }
      return QUEUED;
    }
    const offsetBefore = this.masterReplOffset;
    const reply = this.invoke(client, entry, argv);
    // What WAIT waits for: the stream up to this command (processCommand's c->woff); from 7.2
    // (the servers with WAITAOF) only a command that moved the offset sets it (call()).
    if (this.masterReplOffset !== offsetBefore || !this.woffOnPropagation) client.woff = this.masterReplOffset;
    return reply;
  }

  /**
   * processCommand's reject_cmd_on_oom: a denyoom command (as its flags are for these
   * arguments: a script's shebang decides), an EXEC that queued one, and before Redis 7.4
   * anything but EXEC, DISCARD, QUIT and RESET inside MULTI.
   */
  private rejectedOnOom(client: Client, entry: CommandEntry, argv: Bytes[], name: string): boolean {
    if (this.commandFlags(client, entry, argv).has('denyoom')) return true;
    if (client.multi === undefined) return false;
    if (name === 'exec') return client.multi.flags.has('denyoom');
    if (this.profile.multiQueuesOverMaxmemory) return false;
    return name !== 'discard' && name !== 'quit' && name !== 'reset';
  }

  /**
   * A command's flags for these arguments (Redis's getCommandFlags): its metadata's, unless
   * a module's commandFlags hook answers for it (EVAL and FCALL take their script's flags).
   */
  /** processCommand's is_write_command: a write by its flags, or an EXEC of queued writes. */
  private isWriteCall(client: Client, entry: CommandEntry, argv: Bytes[]): boolean {
    if (this.commandFlags(client, entry, argv).has('write')) return true;
    return (entry.parent ?? entry).fullName === 'exec' && client.multi !== undefined && client.multi.flags.has('write');
  }

  commandFlags(client: Client, entry: CommandEntry, argv: Bytes[]): ReadonlySet<string> {
    const hooks = this.hooks.commandFlags;
    if (hooks !== undefined) {
      for (const hook of hooks) {
        const flags = hook(client, entry, argv);
        if (flags !== undefined) return flags;
      }
    }
    return entry.flags;
  }

  /**
   * The server's memory estimate (INFO used_memory): the empty server, its clients, and
   * each database's keys and tables as Database.usedMemory() accounts them. O(1) plus
   * the keys written since the last call.
   */
  usedMemory(): number {
    let used = USED_MEMORY_STARTUP + this.clients.size * CLIENT_MEMORY_ESTIMATE + this.replicationBufferMemory;
    for (const db of this.databases) if (db.size !== 0) used += db.usedMemory();
    if (used > this.usedMemoryPeak) {
      this.usedMemoryPeak = used;
      this.usedMemoryPeakTime = Math.floor(this.clock.now() / 1000);
    }
    return used;
  }

  /** CONFIG SET maxmemory (updateMaxmemory): warns when under the usage, evicts after the command. */
  maxmemoryChanged(value: number): void {
    this.maxmemory = value;
    if (value === 0 || this.databases.length === 0) return;
    const used = this.usedMemory();
    if (value < used) {
      this.log('warning', `WARNING: the new maxmemory value set via CONFIG SET (${value}) is smaller than the current memory usage (${used}). This will result in key eviction and/or the inability to accept new write commands depending on the maxmemory-policy.`);
    }
    if (this.commandDepth === 0) performEvictions(this);
    else this.evictionRequested = true;
  }

  private reject(client: Client, error: ErrorReply, entry?: CommandEntry, argv?: Bytes[]): ErrorReply {
    if (entry) entry.stats.rejectedCalls++;
    if (entry?.fullName === 'exec') {
      // A rejected EXEC ends the transaction and names the reason (execCommandAbort), and
      // monitors see the EXEC that ended what they saw begin.
      client.discardTransaction();
      error = errExecAbortBecause(error);
      if (argv !== undefined && this.monitors.size !== 0) feedMonitors(this, client, argv);
    } else if (client.multi !== undefined) {
      client.multi.aborted = true;
    }
    this.hooks.commandRejected?.forEach((hook) => hook(client, entry));
    this.recordError(error);
    return error;
  }

  /**
   * A commandCheck hook's refusal, as Redis 7.0 answers a cluster redirection: the error as
   * it is (EXEC's too, which discards the transaction unwrapped; a queued command aborts it).
   */
  private refuseChecked(client: Client, error: ErrorReply, entry: CommandEntry): ErrorReply {
    if (entry.fullName !== 'exec') return this.reject(client, error, entry);
    entry.stats.rejectedCalls++;
    client.discardTransaction();
    this.hooks.commandRejected?.forEach((hook) => hook(client, entry));
    this.recordError(error);
    return error;
  }

  /** Writes a line to the server's log: calls the `log` hooks (nothing is printed otherwise). */
  log(level: 'debug' | 'verbose' | 'notice' | 'warning', message: string): void {
    this.hooks.log?.forEach((hook) => hook(level, message));
  }

  /** Counts an error reply in INFO errorstats. */
  recordError(error: ErrorReply): void {
    if (error.statsCounted) return;
    this.stats.totalErrorReplies++;
    const code = error.code;
    this.stats.errors.set(code, (this.stats.errors.get(code) ?? 0) + 1);
  }

  /**
   * Calls a command's handler (Redis's call()): time snapshot, statistics, errors. Used
   * by the dispatcher and by EXEC and scripts for the commands they run.
   */
  invoke(client: Client, entry: CommandEntry, argv: Bytes[]): Reply | undefined {
    const handler = entry.handler;
    if (handler === undefined) return this.reject(client, new ErrorReply(`ERR unknown command '${entry.fullName}'`), entry);
    const depth = this.commandDepth++;
    if (depth === 0) this.timeSnapshot = -1;
    const outerClient = this.callClient;
    const outerNoTouch = this.noTouchCall;
    if (depth === 0 || client === outerClient) {
      this.callClient = client;
      this.noTouchCall = client.noTouch && entry.fullName !== 'touch';
    }
    // Durations for INFO commandstats are measured on one call in 16 (and scaled): reading
    // a high-resolution clock twice per command would double the cost of a GET. A server
    // with commandCalled hooks (SLOWLOG) times every call.
    const observers = this.hooks.commandCalled;
    const timed = observers !== undefined || (++this.timingTick & 15) === 0;
    const started = timed ? performance.now() : 0;
    const propagator = this.propagator;
    const changesBefore = this.keyChanges;
    const callsBefore = propagator === undefined ? 0 : propagator.calls;
    let reply: Reply | undefined;
    this.dirtyCounted = false;
    try {
      const result = handler(client, argv);
      reply = result === NO_REPLY ? undefined : result;
    } catch (e) {
      if (e instanceof ErrorReply) reply = e;
      else {
        // A fault of the fake: the client gets an error, the server goes on, the log says where.
        reply = new ErrorReply(`ERR internal error in fakeredis: ${e instanceof Error ? e.message : String(e)}`);
        this.log('warning', `fakeredis internal error in ${entry.fullName}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    } finally {
      this.commandDepth--;
      this.callClient = outerClient;
      this.noTouchCall = outerNoTouch;
    }
    const stats = entry.stats;
    // From Redis 7.2 a command that blocked is counted when it ends (BlockingManager.unblock).
    const blockedNow = reply === undefined && client.blocked !== undefined && this.profile.blockedCommandsCountedOnUnblock;
    if (!blockedNow) stats.calls++;
    // Arguments a command redacted (AUTH's password) are hidden from SLOWLOG and MONITOR.
    const shown = observers !== undefined || this.monitors.size !== 0 ? client.shownArgv(argv) : argv;
    if (timed) {
      const usec = (performance.now() - started) * 1000;
      stats.usec += Math.round(observers !== undefined ? usec : usec * 16);
      if (observers !== undefined) for (const hook of observers) hook(client, entry, shown, Math.floor(usec), reply);
    }
    // Administrative commands are too dangerous to show; scripts show themselves (feedMonitors).
    if (this.monitors.size !== 0 && !entry.flags.has('admin') && !entry.flags.has('skip_monitor')) feedMonitors(this, client, shown);
    if (!blockedNow) {
      this.stats.totalCommands++;
      // Counted for the connection the command came from (a script's or EXEC's caller).
      (this.currentClient ?? client).commandsProcessed++;
    }
    if (reply instanceof ErrorReply) {
      stats.failedCalls++;
      this.recordError(reply);
    }
    // Redis's commands add to server.dirty as they go, failing ones too (what they changed
    // before the error). A call around others (EXEC, EVAL) has them counted already. A
    // module's command counts its RedisModule_ReplicateVerbatim: one when it succeeded and
    // changed something (its keys are signalled as they close, changed or not).
    if (!this.dirtyCounted) {
      const changes = this.keyChanges - changesBefore;
      if (entry.module === undefined) this.dirty += changes;
      else if (changes > 0 && !(reply instanceof ErrorReply)) this.dirty++;
    }
    this.dirtyCounted = true;
    // call()'s propagation (a blocked command propagates when it is served).
    if (propagator !== undefined && client.blocked === undefined) {
      propagator.afterCall(client, entry, argv, reply, this.keyChanges - changesBefore, propagator.calls !== callsBefore);
    }
    if (this.commandDepth === 0) {
      // afterCommand: the execution unit's commands go out (SCAN and RANDOMKEY's expiries unwrapped).
      this.propagator?.flush(entry.flags.has('touches_arbitrary_keys'));
      client.db.settleMemory();
      if (this.evictionRequested) {
        this.evictionRequested = false;
        performEvictions(this);
      }
      if (this.blocking.hasReadyKeys) this.serveBlockedClients();
    }
    return reply;
  }

  /**
   * Counts `changes` for the call at hand by its own rule (Redis's `server.dirty += n`),
   * instead of its key changes: HSET counts the fields given, SADD the members added.
   */
  addDirty(changes: number): void {
    this.dirty += changes;
    this.dirtyCounted = true;
  }

  /**
   * Shows a command to the monitors now: for commands flagged skip_monitor that run other
   * commands (EVAL, FCALL), so that they appear before what they run, as in Redis.
   */
  feedMonitors(client: Client, argv: readonly Bytes[]): void {
    if (this.monitors.size !== 0) feedMonitors(this, client, client.shownArgv(argv));
  }

  // ---- CLIENT PAUSE ---------------------------------------------------------------

  /**
   * pauseClients: pauses commands for `purpose` until `end` (ms on the server clock; one in
   * the past pauses nothing). A pause of the same purpose keeps the later end and the stricter type.
   */
  pauseClients(end: number, type: 'write' | 'all', purpose: PausePurpose = 'client'): void {
    const current = this.pauses.get(purpose);
    this.pauses.set(purpose, { type: current?.type === 'all' ? 'all' : type, end: Math.max(current?.end ?? 0, end) });
    this.updateClientPause();
    this.clientsPaused();
  }

  /** unpauseClients: ends the pause of `purpose`; what others hold stays. */
  unpauseClients(purpose: PausePurpose = 'client'): void {
    if (!this.pauses.delete(purpose)) return;
    this.updateClientPause();
    this.clientsPaused();
  }

  /**
   * updateClientPauseTypeAndEndTime: pauses past their end are dropped; the strictest type
   * wins, with the latest end among that type's. When the pause becomes less strict (ALL to
   * WRITE, or none), postponed clients run their commands again, in order (some may wait anew).
   */
  private updateClientPause(): void {
    const now = this.clock.now();
    const before = this.clientPause?.type;
    let type: 'write' | 'all' | undefined;
    let end = 0;
    for (const [purpose, pause] of this.pauses) {
      if (pause.end < now) this.pauses.delete(purpose);
      else if (type === undefined || (type === 'write' && pause.type === 'all')) [type, end] = [pause.type, pause.end];
      else if (pause.type === type) end = Math.max(end, pause.end);
    }
    this.clientPause = type === undefined ? undefined : { type, end };
    // The end may have moved: the timer is armed again for it (clientsPaused).
    if (this.pauseTimer !== undefined) clearTimeout(this.pauseTimer);
    this.pauseTimer = undefined;
    if (before === undefined || (type !== undefined && (type === before || type === 'all'))) return;
    const postponed = [...this.postponedClients];
    this.postponedClients.clear();
    for (const client of postponed) this.blocking.unblock(client, undefined);
  }

  /**
   * checkClientPauseTimeoutAndReturnIfPaused: true while a pause holds, ending it once its
   * time has passed. Expiry and eviction ask it too: a paused dataset stays as it is.
   */
  clientsPaused(): boolean {
    if (this.clientPause !== undefined && this.clientPause.end < this.clock.now()) this.updateClientPause();
    const pause = this.clientPause;
    if (pause === undefined) return false;
    const now = this.clock.now();
    // Redis notices the end in serverCron; the fake at the end itself (or a clock tick).
    if (this.pauseTimer === undefined && !this.closedFlag) {
      this.pauseTimer = setTimeout(() => {
        this.pauseTimer = undefined;
        const before = this.clientPause;
        // A pause that ended or eased (ALL to WRITE) ran postponed clients: their replies go out.
        if (this.commandDepth === 0 && (!this.clientsPaused() || this.clientPause !== before)) this.beforeSleep();
      }, Math.min(pause.end - now + 1, 2 ** 31 - 1));
    }
    return true;
  }

  /** processCommand's pause check: everything under ALL; under WRITE what may write or replicate. */
  private pausedFor(client: Client, entry: CommandEntry, argv: Bytes[]): boolean {
    if (!this.clientsPaused()) return false;
    if ((this.clientPause as { type: string }).type === 'all') return true;
    if (mayReplicate(this.commandFlags(client, entry, argv))) return true;
    // EXEC takes the flags of the commands it queued (mstate.cmd_flags).
    return entry.fullName === 'exec' && client.multi !== undefined && mayReplicate(client.multi.flags);
  }

  /** Blocks the client (BLOCKED_POSTPONE) with its command pending: it runs again when the pause ends. */
  private postpone(client: Client, argv: Bytes[]): undefined {
    client.pendingCommand = argv;
    this.postponedClients.add(client);
    this.blocking.block(client, POSTPONED);
    return undefined;
  }

  // ---- keyspace side channels ---------------------------------------------------

  /** Emits a keyspace event if `notify-keyspace-events` enables its class. */
  notifyKeyspaceEvent(eventClass: string, event: string, key: Bytes, dbIndex: number): void {
    this.notifier.notify(eventClass, event, key, dbIndex);
  }

  /**
   * Serves clients blocked on the keys the last command made ready, with the time fixed
   * as during a command (Redis raises fixed_time_expire around it).
   */
  private serveBlockedClients(): void {
    this.commandDepth++;
    this.timeSnapshot = -1;
    try {
      this.blocking.handleReadyKeys();
    } finally {
      this.commandDepth--;
    }
    // Keys found expired while serving (each served client's own unit went out as served).
    this.propagator?.flush(false);
  }

  /** True while a command, EXEC, script or blocked-client service runs (propagation joins its unit). */
  get inCommand(): boolean {
    return this.commandDepth > 0;
  }

  /** Times out blocked clients whose deadline has passed, then lets them run on. */
  serveTimeouts(): void {
    if (this.closedFlag || this.commandDepth > 0) return;
    this.blocking.checkTimeouts(this.clock.now());
    this.beforeSleep();
  }

  /** Called when a key gets an expiry: starts the active expiry cycle if it is idle. */
  expiryScheduled(): void {
    if (this.expiryTimer !== undefined || this.closedFlag) return;
    const hz = Math.max(1, this.config.getNumber('hz'));
    this.expiryTimer = setInterval(() => this.activeExpireCycle(), Math.floor(1000 / hz));
    this.expiryTimer.unref?.();
  }

  /** Deletes every key whose time has passed, in every database. */
  activeExpireCycle(): void {
    if (this.closedFlag) return;
    if (this.commandDepth > 0 || !this.activeExpireEnabled || this.cronPaused || this.clientsPaused()) return;
    const now = this.clock.now();
    let volatile = 0;
    for (const db of this.databases) {
      db.expireDue(now);
      // Sub-key expiry (hash fields) reports how much still waits, to keep the timer running.
      volatile += db.volatileSize + db.expireSubkeysDue(now);
    }
    if (volatile === 0 && this.expiryTimer !== undefined) {
      clearInterval(this.expiryTimer);
      this.expiryTimer = undefined;
    }
    this.beforeSleep();
  }

  /** LFU counter increment with Redis's logarithmic probability (lfu-log-factor). */
  lfuIncrement(counter: number): number {
    if (counter >= 255) return 255;
    const r = this.random.next();
    const baseval = Math.max(0, counter - 5);
    const p = 1 / (baseval * this.config.getNumber('lfu-log-factor') + 1);
    return r < p ? counter + 1 : counter;
  }

  // ---- lifecycle ---------------------------------------------------------------------

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Called once when the server shuts down (SHUTDOWN, close()). */
  onClose(listener: () => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Stops timers and disconnects every client. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.stopTicking();
    this.clientsCron.stop();
    if (this.expiryTimer !== undefined) clearInterval(this.expiryTimer);
    this.expiryTimer = undefined;
    this.blocking.close();
    if (this.pauseTimer !== undefined) clearTimeout(this.pauseTimer);
    for (const client of [...this.clients.values()]) client.close();
    for (const listener of this.closeListeners) listener();
  }
}

/**
 * Why clients are paused (pause_purpose): CLIENT PAUSE, SHUTDOWN waiting for its replicas,
 * FAILOVER, and the fake's own: a MIGRATE waiting for its TCP target (Redis blocks in it).
 */
export type PausePurpose = 'client' | 'shutdown' | 'failover' | 'migrate';

/** A postponed client's wait: no keys, no deadline; only the end of the pause ends it. */
const POSTPONED: BlockRequest = { keys: [], valueTypes: [], deadline: 0, serve: () => NOT_SERVED };

/** What CLIENT PAUSE WRITE pauses: write and may-replicate commands (PUBLISH, PFCOUNT, EVAL ...). */
function mayReplicate(flags: ReadonlySet<string>): boolean {
  return flags.has('write') || flags.has('may_replicate');
}

/** processCommand's is_read_command / is_write_command / is_may_replicate_command. */
function touchesKeyspace(entry: CommandEntry): boolean {
  const flags = entry.flags;
  return flags.has('write') || flags.has('readonly') || flags.has('may_replicate');
}

/** Names one kind of per-server module state and how to make it (see FakeServer.moduleState). */
export interface ModuleStateKey<T> {
  readonly name: string;
  readonly init: (server: FakeServer) => T;
}

/** Declares a kind of per-server state: `server.moduleState(key)` gives each server its own. */
export function defineModuleState<T>(name: string, init: (server: FakeServer) => T): ModuleStateKey<T> {
  return { name, init };
}

/** Extension points for modules; each is a list so several modules can hook in. */
export interface ServerHooks {
  /** A client went away (disconnect, kill, close). */
  clientRemoved?: Array<(client: Client) => void>;
  /** A client ran RESET: drop its subscriptions without notifying it. */
  clientReset?: Array<(client: Client) => void>;
  /** A handler ran (Redis's call()): its argv and duration in µs, on the server's clock (SLOWLOG). */
  commandCalled?: Array<(client: Client, entry: CommandEntry, argv: readonly Bytes[], durationUs: number, reply: Reply | undefined) => void>;
  /**
   * A command's flags for its arguments when they differ from its metadata's (Redis's
   * getCommandFlags: EVAL and FCALL take their script's shebang flags); undefined to leave
   * them. Read where the dispatcher judges flags per call, e.g. denyoom under maxmemory.
   */
  commandFlags?: Array<(client: Client, entry: CommandEntry, argv: Bytes[]) => ReadonlySet<string> | undefined>;
  /** The dispatcher refused a command (`entry` when the lookup found one); Redis's resetClient runs after it as after a call. */
  commandRejected?: Array<(client: Client, entry: CommandEntry | undefined) => void>;
  /** CONFIG RESETSTAT: modules reset the counters they show in INFO. */
  statsReset?: Array<() => void>;
  /** A line Redis would write to its log, e.g. a client closed for its output buffer limit. */
  log?: Array<(level: 'debug' | 'verbose' | 'notice' | 'warning', message: string) => void>;
  /**
   * Why write commands are refused now (Redis's writeCommandsDeniedByDiskError, e.g.
   * MISCONF after a failed save), undefined when they are not.
   */
  writeDenied?: Array<() => ErrorReply | undefined>;
  /**
   * A check of each command a client sends, after authentication and ACL and before
   * queueing in MULTI (where Redis 7.0 checks cluster slots): an error refuses the
   * command (a queued one aborts its transaction; EXEC discards it and answers the error
   * unwrapped). Not called for what EXEC or a script runs.
   */
  commandCheck?: Array<(client: Client, entry: CommandEntry, argv: Bytes[]) => ErrorReply | undefined>;
  /**
   * A check of each command a script calls (redis.call / redis.pcall), after the scripting
   * module's own (ACL, writes, OOM): an error message refuses the call. `caller` runs the
   * script; `allowCrossSlot` is its allow-cross-slot-keys flag (set for a script without shebang).
   */
  scriptCallCheck?: Array<(caller: Client, entry: CommandEntry, argv: Bytes[], allowCrossSlot: boolean) => string | undefined>;
  /** Why write commands (PING not among them) are refused now: NOREPLICAS under min-replicas-to-write. */
  writeCommandDenied?: Array<() => ErrorReply | undefined>;
}

/** Adds a hook to one of the server's hook lists. */
export function addHook<K extends keyof ServerHooks>(
  server: FakeServer,
  name: K,
  hook: NonNullable<ServerHooks[K]>[number],
): void {
  const list = (server.hooks[name] ??= [] as never) as Array<typeof hook>;
  list.push(hook);
}
