import type { Bytes } from './bytes.js';
import type { Database, KeyEntry } from './database.js';
import type { CommandEntry } from './dispatch/table.js';
import { ErrorReply } from './reply.js';
import { defineModuleState, type FakeServer } from './server.js';
import { replicationMemoryNotCounted } from './replication/master.js';
import { replicaOf } from './replication/replica.js';

/**
 * maxmemory and its eviction policies, as Redis 7.0's evict.c approximates them: before
 * each command (processCommand) the server frees keys until its memory estimate is under
 * `maxmemory`, picking them from samples of `maxmemory-samples` keys per database kept in
 * a pool of the 16 best candidates (LRU: longest idle; Redis 8.6's LRM: longest since
 * modified; LFU: lowest decayed counter;
 * volatile-ttl: soonest expiry), or at random. Draws come from the server's seeded
 * generator and times from server.clock, so a seeded test repeats.
 */

/** Size of the eviction pool (evict.c's EVPOOL_SIZE). */
export const EVPOOL_SIZE = 16;
/** The LRU clock's resolution in ms and its largest value (24 bits, as an object's lru field). */
export const LRU_CLOCK_RESOLUTION = 1000;
export const LRU_CLOCK_MAX = (1 << 24) - 1;

/** Redis's OOM error, for denyoom commands refused while over maxmemory. */
export const ERR_OOM = new ErrorReply("OOM command not allowed when used memory > 'maxmemory'.");

interface PoolEntry {
  /** The score: higher evicts first (idle ms, 255 - LFU counter, or how soon it expires). */
  idle: number;
  key: Bytes;
  dbid: number;
}

interface EvictionState {
  /** The pool, best candidate last; empty slots undefined (EvictionPoolLRU). */
  readonly pool: Array<PoolEntry | undefined>;
  /** The database the random policies try next (performEvictions' static next_db). */
  nextDb: number;
  readonly samples: Bytes[];
  /** When used memory went over the limit without being freed (stat_last_eviction_exceeded_time), ms. */
  exceededSince: number;
  /** Time spent over the limit before that, ms (stat_total_eviction_exceeded_time). */
  exceededTotal: number;
}

const evictionState = defineModuleState<EvictionState>('core:eviction', () => ({
  pool: new Array<PoolEntry | undefined>(EVPOOL_SIZE).fill(undefined),
  nextDb: 0,
  samples: [],
  exceededSince: 0,
  exceededTotal: 0,
}));

/** The LRU clock at `ms`: seconds, 24 bits (getLRUClock). */
export function lruClock(ms: number): number {
  return Math.floor(ms / LRU_CLOCK_RESOLUTION) & LRU_CLOCK_MAX;
}

/** estimateObjectIdleTime: ms since the entry's last access, at the LRU clock's resolution. */
export function estimateIdleTime(server: FakeServer, entry: KeyEntry): number {
  const now = lruClock(server.now());
  const lru = lruClock(entry.accessedAt);
  return (now >= lru ? now - lru : now + (LRU_CLOCK_MAX - lru)) * LRU_CLOCK_RESOLUTION;
}

/**
 * used_memory as the eviction loop sees it: the server's estimate (INFO used_memory)
 * less what Redis does not count for eviction (the replication buffer replicas hold past
 * the backlog; the fake has no AOF buffer): getMaxmemoryState.
 */
export function usedMemoryForEviction(server: FakeServer): number {
  if (server.replicationBufferMemory === 0) return server.usedMemory();
  return Math.max(0, server.usedMemory() - replicationMemoryNotCounted(server));
}

/**
 * Redis's performEvictions: true when memory is under `maxmemory` (or is now, after
 * evicting), false when it is not and nothing more may go (EVICT_FAIL: noeviction, or no
 * candidate key left). Redis also stops after a time budget (maxmemory-eviction-tenacity)
 * and goes on in a timer; a fake keeps no wall-clock budget: it evicts until under.
 */
export function performEvictions(server: FakeServer): boolean {
  // isSafeToPerformEvictions: while clients are paused the dataset stays as it is; a replica
  // ignoring maxmemory (the default) is its master's exact copy.
  if (server.clientsPaused()) return true;
  if (replicaOf(server) !== undefined && server.config.getBoolean('replica-ignore-maxmemory')) return true;
  const state = server.moduleState(evictionState);
  const result = evict(server, state);
  // update_metrics: time spent over the limit, on the server's clock.
  const now = server.clock.now();
  if (!result) {
    if (state.exceededSince === 0) state.exceededSince = now;
  } else if (state.exceededSince !== 0) {
    state.exceededTotal += now - state.exceededSince;
    state.exceededSince = 0;
  }
  return result;
}

/** INFO stats' total_eviction_exceeded_time and current_eviction_exceeded_time, in ms. */
export function evictionExceededTime(server: FakeServer): { total: number; current: number } {
  const state = server.moduleState(evictionState);
  const current = state.exceededSince === 0 ? 0 : server.clock.now() - state.exceededSince;
  return { total: state.exceededTotal + current, current };
}

/** CONFIG RESETSTAT's share (resetServerStats): no time over the limit, until the next check finds it over. */
export function resetEvictionStats(server: FakeServer): void {
  const state = server.moduleState(evictionState);
  state.exceededTotal = 0;
  state.exceededSince = 0;
}

/**
 * scriptVerifyOOM, for a module that runs scripts: the error a command called from a
 * script gets when the script started over `maxmemory` (server.preCommandOomState), the
 * command is denyoom and the script has written nothing yet; undefined to run it. A
 * script flagged allow-oom runs anything. The refusal at the script's start comes from
 * the dispatcher: a commandFlags hook makes EVAL / FCALL denyoom per the shebang flags.
 */
export function scriptOomError(server: FakeServer, entry: CommandEntry, allowOom: boolean, wrote: boolean): ErrorReply | undefined {
  if (allowOom || wrote || server.maxmemory === 0 || !server.preCommandOomState) return undefined;
  return entry.flags.has('denyoom') ? ERR_OOM : undefined;
}

function evict(server: FakeServer, state: EvictionState): boolean {
  const maxmemory = server.maxmemory;
  if (usedMemoryForEviction(server) <= maxmemory) return true;
  const policy = server.config.get('maxmemory-policy');
  if (policy === 'noeviction') return false;
  const allKeys = policy.startsWith('allkeys-');
  const random = policy.endsWith('-random');
  while (usedMemoryForEviction(server) > maxmemory) {
    const picked = random ? pickRandom(server, state, allKeys) : pickFromPool(server, state, policy, allKeys);
    if (picked === undefined) return false;
    (server.databases[picked.dbid] as Database).evict(picked.key);
  }
  return true;
}

/** volatile-random and allkeys-random: one key of the next database that has any. */
function pickRandom(server: FakeServer, state: EvictionState, allKeys: boolean): { key: Bytes; dbid: number } | undefined {
  const count = server.databases.length;
  for (let i = 0; i < count; i++) {
    const dbid = ++state.nextDb % count;
    const db = server.databases[dbid] as Database;
    const key = allKeys ? db.randomStoredKey() : db.randomVolatileKey();
    if (key !== undefined) return { key, dbid };
  }
  return undefined;
}

/**
 * The LRU, LFU and volatile-ttl policies: refill the pool from every database, then take
 * the best entry whose key still exists (others are ghosts, dropped).
 */
function pickFromPool(server: FakeServer, state: EvictionState, policy: string, allKeys: boolean): { key: Bytes; dbid: number } | undefined {
  const pool = state.pool;
  for (;;) {
    let total = 0;
    for (const db of server.databases) {
      const keys = allKeys ? db.size : db.volatileSize;
      if (keys === 0) continue;
      populatePool(server, state, db, policy, allKeys);
      total += keys;
    }
    if (total === 0) return undefined;
    for (let k = EVPOOL_SIZE - 1; k >= 0; k--) {
      const candidate = pool[k];
      if (candidate === undefined) continue;
      pool[k] = undefined;
      const entry = (server.databases[candidate.dbid] as Database).peek(candidate.key);
      if (entry !== undefined && (allKeys || entry.expiresAt !== 0)) return candidate;
    }
  }
}

/** evictionPoolPopulate: scores `maxmemory-samples` keys of `db` and inserts the better ones. */
function populatePool(server: FakeServer, state: EvictionState, db: Database, policy: string, allKeys: boolean): void {
  const pool = state.pool;
  const samples = state.samples;
  db.sampleKeys(server.config.getNumber('maxmemory-samples'), !allKeys, samples);
  for (const key of samples) {
    const entry = db.peek(key) as KeyEntry;
    let idle: number;
    if (policy.endsWith('-lru') || policy.endsWith('-lrm')) idle = estimateIdleTime(server, entry);
    else if (policy.endsWith('-lfu')) idle = 255 - db.lfuCounter(entry);
    else idle = -entry.expiresAt; // volatile-ttl: the sooner it expires, the better
    // The first empty slot or the first entry scoring no less than this key.
    let k = 0;
    while (k < EVPOOL_SIZE && pool[k] !== undefined && (pool[k] as PoolEntry).idle < idle) k++;
    if (k === 0 && pool[EVPOOL_SIZE - 1] !== undefined) continue; // worse than all of a full pool
    if (k < EVPOOL_SIZE && pool[k] === undefined) {
      // An empty slot: insert there.
    } else if (pool[EVPOOL_SIZE - 1] === undefined) {
      // Room on the right: shift k.. right by one.
      pool.copyWithin(k + 1, k, EVPOOL_SIZE - 1);
    } else {
      // Full: drop the worst (leftmost) entry, shifting 1..k-1 left.
      k--;
      pool.copyWithin(0, 1, k + 1);
    }
    pool[k] = { idle, key, dbid: db.index };
  }
}
