import type { Bytes } from './bytes.js';
import type { Client } from './client.js';
import type { CommandEntry } from './dispatch/table.js';
import { keyNames } from './mixins/server/command/keys.js';
import { addInfoFields } from './mixins/server/info.js';
import { PushReply, type Reply } from './reply.js';
import { addHook, defineModuleState, type FakeServer } from './server.js';

/**
 * Client-side caching as Redis 7.0's tracking.c does it: the keys each tracking client
 * read (the tracking table, key -> client ids), the prefixes of BCAST clients with the
 * keys modified under them since the last broadcast, and the invalidation messages:
 * RESP3 pushes `invalidate [keys]` (null after a flush), or, through REDIRECT, messages
 * on `__redis__:invalidate` to a RESP2 client subscribed to something. Writes reach it
 * through the database's signalModifiedKey (trackingInvalidateKey).
 */

/** One client's tracking mode (CLIENT_TRACKING* flags and its redirection). */
export interface ClientTracking {
  /** Client id to send invalidations to; 0 for none. */
  redirect: number;
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
  /** CLIENT CACHING YES / NO given for the next command (or transaction). */
  caching: boolean;
  brokenRedirect: boolean;
  /** BCAST prefixes. */
  readonly prefixes: Set<Bytes>;
}

interface BroadcastState {
  /** Keys modified since the last broadcast, with the client that modified each last. */
  keys: Map<Bytes, Client | undefined>;
  readonly clients: Set<Client>;
}

interface TrackingState {
  readonly clients: Map<Client, ClientTracking>;
  /** Key -> ids of the clients that may have cached it. */
  readonly table: Map<Bytes, Set<number>>;
  totalItems: number;
  readonly prefixes: Map<Bytes, BroadcastState>;
  broadcastScheduled: boolean;
  /** tracking-table-max-keys eviction effort grows while the table stays over the limit. */
  limitTimeouts: number;
}

export const TRACKING_CHANNEL = '__redis__:invalidate' as Bytes;

const trackingKey = defineModuleState<TrackingState>('tracking', (server) => {
  const state: TrackingState = {
    clients: new Map(), table: new Map(), totalItems: 0, prefixes: new Map(), broadcastScheduled: false, limitTimeouts: 0,
  };
  addHook(server, 'clientRemoved', (client) => disableTracking(client));
  addHook(server, 'clientReset', (client) => disableTracking(client));
  addHook(server, 'commandCalled', (client, entry, argv) => afterCall(client, entry, argv));
  // A refused command consumes CLIENT CACHING too (resetClient runs after it).
  addHook(server, 'commandRejected', (client, entry) => {
    const t = state.clients.get(client);
    if (t !== undefined) resetCaching(client, t, entry);
  });
  addInfoFields(server, 'clients', () => [['tracking_clients', state.clients.size]]);
  addInfoFields(server, 'stats', () => [
    ['tracking_total_keys', state.table.size],
    ['tracking_total_items', state.totalItems],
    ['tracking_total_prefixes', state.prefixes.size],
  ]);
  return state;
});

/** Set once a server enabled tracking (Redis's TrackingTable != NULL): writes skip it before. */
const enabledServers = new WeakSet<FakeServer>();

function trackingState(server: FakeServer): TrackingState {
  enabledServers.add(server);
  return server.moduleState(trackingKey);
}

/** A client's tracking mode, undefined when it does not track. */
export function clientTracking(client: Client): ClientTracking | undefined {
  if (!enabledServers.has(client.server)) return undefined;
  return trackingState(client.server).clients.get(client);
}

/** CLIENT LIST flags: t (tracking), R (broken redirection), B (BCAST). */
export function trackingFlags(client: Client): string {
  const t = clientTracking(client);
  if (t === undefined) return '';
  return `t${t.brokenRedirect ? 'R' : ''}${t.bcast ? 'B' : ''}`;
}

/** CLIENT LIST redir= and CLIENT GETREDIR: the redirection, 0 for none, -1 when not tracking. */
export function trackingRedirection(client: Client): number {
  return clientTracking(client)?.redirect ?? -1;
}

function prefixCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** disableTracking: leaves BCAST prefixes (dropping empty ones) and forgets the mode. */
export function disableTracking(client: Client): void {
  if (!enabledServers.has(client.server)) return;
  const state = trackingState(client.server);
  const t = state.clients.get(client);
  if (t === undefined) return;
  for (const prefix of t.prefixes) {
    const bs = state.prefixes.get(prefix);
    if (bs === undefined) continue;
    bs.clients.delete(client);
    if (bs.clients.size === 0) state.prefixes.delete(prefix);
  }
  state.clients.delete(client);
}

export interface TrackingOptions {
  redirect: number;
  bcast: boolean;
  optin: boolean;
  optout: boolean;
  noloop: boolean;
  prefixes: Bytes[];
}

/** enableTracking: keeps CLIENT CACHING and the prefixes already given, replaces the rest. */
export function enableTracking(client: Client, options: TrackingOptions): void {
  const state = trackingState(client.server);
  let t = state.clients.get(client);
  if (t === undefined) {
    t = { redirect: 0, bcast: false, optin: false, optout: false, noloop: false, caching: false, brokenRedirect: false, prefixes: new Set() };
    state.clients.set(client, t);
  }
  t.redirect = options.redirect;
  t.brokenRedirect = false;
  t.bcast = options.bcast;
  t.optin = options.optin;
  t.optout = options.optout;
  t.noloop = options.noloop;
  if (options.bcast) {
    const prefixes = options.prefixes.length === 0 ? ['' as Bytes] : options.prefixes;
    for (const prefix of prefixes) {
      let bs = state.prefixes.get(prefix);
      if (bs === undefined) {
        bs = { keys: new Map(), clients: new Set() };
        state.prefixes.set(prefix, bs);
      }
      bs.clients.add(client);
      t.prefixes.add(prefix);
    }
  }
}

/** The prefixes of a BCAST client, in byte order (CLIENT TRACKINGINFO). */
export function sortedPrefixes(t: ClientTracking): Bytes[] {
  return [...t.prefixes].sort(prefixCompare);
}

// ---- invalidation messages -------------------------------------------------------------

/**
 * sendTrackingMessage: `keys` is an array of keys, or null after a flush. Through a
 * redirection that is gone, a RESP3 client is told `tracking-redir-broken`; a RESP2
 * client without redirection, or redirecting to a RESP2 client that is not subscribed,
 * gets nothing. A message for the client running the command waits for its reply.
 */
function sendTrackingMessage(server: FakeServer, client: Client, t: ClientTracking, keys: Reply): void {
  let target = client;
  let redirected = false;
  if (t.redirect !== 0) {
    const redir = server.clients.get(t.redirect);
    if (redir === undefined || redir.closed) {
      t.brokenRedirect = true;
      if (client.protocol === 3) deliver(server, client, new PushReply(['tracking-redir-broken' as Bytes, t.redirect]));
      return;
    }
    target = redir;
    redirected = true;
  }
  if (target.protocol === 3) {
    deliver(server, target, new PushReply(['invalidate' as Bytes, keys]));
  } else if (redirected && target.channels.size + target.patterns.size + target.shardChannels.size > 0) {
    deliver(server, target, new PushReply(['message' as Bytes, TRACKING_CHANNEL, keys]));
  }
}

function deliver(server: FakeServer, target: Client, push: PushReply): void {
  if (target === server.currentClient) target.deferPush(push);
  else target.push(push);
}

/**
 * trackingInvalidateKey, from signalModifiedKey: the key is remembered for the BCAST
 * prefixes it falls under, and every client that may have cached it is told (but a
 * NOLOOP client of its own writes), then forgets it.
 */
export function trackingInvalidateKey(server: FakeServer, key: Bytes, bcast = true): void {
  if (!enabledServers.has(server)) return;
  const state = trackingState(server);
  const current = server.currentClient;
  if (bcast && state.prefixes.size > 0) {
    for (const [prefix, bs] of state.prefixes) {
      if (prefix.length > key.length || !key.startsWith(prefix)) continue;
      bs.keys.set(key, current);
    }
    scheduleBroadcast(server, state);
  }
  const ids = state.table.get(key);
  if (ids === undefined) return;
  state.table.delete(key);
  state.totalItems -= ids.size;
  for (const id of ids) {
    const target = server.clients.get(id);
    if (target === undefined) continue;
    const t = state.clients.get(target);
    if (t === undefined || t.bcast) continue;
    if (t.noloop && target === current) continue;
    sendTrackingMessage(server, target, t, [key]);
  }
}

/**
 * trackingInvalidateKeysOnFlush (FLUSHDB, FLUSHALL): every tracking client is told null,
 * the table empties. The flushing client's own message follows its reply, unless
 * `beforeReply`: Redis 7.4 runs a synchronous flush as a blocking background job whose OK
 * comes after the message.
 */
export function trackingInvalidateKeysOnFlush(server: FakeServer, beforeReply = false): void {
  if (!enabledServers.has(server)) return;
  const state = trackingState(server);
  const current = server.currentClient;
  for (const [client, t] of [...state.clients]) {
    if (beforeReply && client === current) server.currentClient = undefined;
    sendTrackingMessage(server, client, t, null);
    server.currentClient = current;
  }
  state.table.clear();
  state.totalItems = 0;
}

/**
 * The broadcast of keys modified under BCAST prefixes runs once the input at hand is
 * processed (Redis's beforeSleep): each prefix's clients get the keys in byte order, a
 * NOLOOP client without the ones it modified itself.
 */
function scheduleBroadcast(server: FakeServer, state: TrackingState): void {
  if (state.broadcastScheduled) return;
  state.broadcastScheduled = true;
  queueMicrotask(() => {
    state.broadcastScheduled = false;
    broadcastInvalidationMessages(server, state);
    server.flushIfIdle();
  });
}

function broadcastInvalidationMessages(server: FakeServer, state: TrackingState): void {
  if (state.clients.size === 0) return;
  const prefixes = [...state.prefixes.keys()].sort(prefixCompare);
  for (const prefix of prefixes) {
    const bs = state.prefixes.get(prefix) as BroadcastState;
    if (bs.keys.size === 0) continue;
    const keys = [...bs.keys].sort(([a], [b]) => prefixCompare(a, b));
    bs.keys = new Map();
    for (const client of bs.clients) {
      const t = state.clients.get(client);
      if (t === undefined) continue;
      const own = t.noloop ? keys.filter(([, by]) => by !== client) : keys;
      if (own.length === 0) continue;
      sendTrackingMessage(server, client, t, own.map(([key]) => key));
    }
  }
}

// ---- remembering keys read --------------------------------------------------------------

/** Commands flagged readonly whose keys a script declares, not reads (they remember nothing themselves). */
const SCRIPT_READONLY = new Set(['eval_ro', 'evalsha_ro', 'fcall_ro']);

/**
 * trackingRememberKeys: the keys a tracking client's read-only command named are
 * remembered for it (in OPTIN mode only after CLIENT CACHING YES, in OPTOUT mode not
 * after CLIENT CACHING NO). The scripting module calls it with the script's caller and
 * its EVAL / FCALL arguments when a script runs a read-only command, as Redis remembers
 * the keys a script declares.
 */
export function trackingRememberKeys(client: Client, entry: CommandEntry, argv: readonly Bytes[]): void {
  const t = clientTracking(client);
  if (t === undefined || t.bcast) return;
  if ((t.optin && !t.caching) || (t.optout && t.caching)) return;
  if (entry.flags.has('pubsub')) return;
  const state = trackingState(client.server);
  for (const key of keyNames(entry.spec, argv)) {
    let ids = state.table.get(key);
    if (ids === undefined) {
      ids = new Set();
      state.table.set(key, ids);
    }
    if (!ids.has(client.id)) {
      ids.add(client.id);
      state.totalItems++;
    }
  }
  trackingLimitUsedSlots(client.server, state);
}

/** After each command (Redis's call() and resetClient): remember the keys read, drop CLIENT CACHING. */
function afterCall(client: Client, entry: CommandEntry, argv: readonly Bytes[]): void {
  const t = client.server.moduleState(trackingKey).clients.get(client);
  if (t === undefined || client.isScript) return;
  if (entry.flags.has('readonly') && !SCRIPT_READONLY.has(entry.fullName)) trackingRememberKeys(client, entry, argv);
  resetCaching(client, t, entry);
}

/** resetClient: CLIENT CACHING applies to the next command (but CLIENT's own), or to the whole next transaction. */
function resetCaching(client: Client, t: ClientTracking, entry: CommandEntry | undefined): void {
  if (client.multi === undefined && (entry?.parent ?? entry)?.fullName !== 'client') t.caching = false;
}

/**
 * trackingLimitUsedSlots: past tracking-table-max-keys, random keys are invalidated
 * (as if modified) until the table fits, with an effort that grows while it does not.
 */
function trackingLimitUsedSlots(server: FakeServer, state: TrackingState): void {
  const max = server.config.getNumber('tracking-table-max-keys');
  if (max === 0) return;
  if (state.table.size <= max) {
    state.limitTimeouts = 0;
    return;
  }
  let effort = 100 * (state.limitTimeouts + 1);
  while (effort-- > 0 && state.table.size > 0) {
    const keys = [...state.table.keys()];
    const key = keys[Math.floor(server.random.next() * keys.length)] as Bytes;
    trackingInvalidateKey(server, key, false);
    if (state.table.size <= max) {
      state.limitTimeouts = 0;
      return;
    }
  }
  state.limitTimeouts++;
}

/**
 * What a BCAST client's prefixes add to CLIENT LIST's tot-mem (getClientMemoryUsage:
 * the prefix rax's node count times 32 bytes). The rax of a set of keys has a node for
 * the root, each key end and each branching point, plus one compressed node for each
 * path of two or more characters below a branching point.
 */
export function trackingMemory(client: Client): number {
  const t = clientTracking(client);
  if (t === undefined || t.prefixes.size === 0) return 0;
  return raxNodeCount([...t.prefixes]) * 32;
}

function raxNodeCount(keys: readonly string[]): number {
  const keySet = new Set(keys);
  // Children (next characters) of every trie node, by its path.
  const children = new Map<string, Set<string>>();
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) {
      const path = key.slice(0, i);
      let set = children.get(path);
      if (set === undefined) children.set(path, (set = new Set()));
      set.add(key[i] as string);
    }
  }
  const essential = (path: string) => path === '' || keySet.has(path) || (children.get(path)?.size ?? 0) >= 2;
  let count = 0;
  const walk = (path: string): void => {
    count++;
    const next = children.get(path);
    if (next === undefined) return;
    const branching = next.size >= 2;
    for (const c of next) {
      // Follow the chain down to the next essential node.
      let end = path + c;
      while (!essential(end)) end += [...(children.get(end) as Set<string>)][0] as string;
      if (branching && end.length - path.length >= 2) count++;
      walk(end);
    }
  };
  walk('');
  return count;
}
