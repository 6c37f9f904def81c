import type { Bytes } from './bytes.js';
import type { Client, WatchedKey } from './client.js';
import { ERR_WRONGTYPE } from './errors/index.js';
import { ScanOrder } from './scan-order.js';
import { heapify, heapPop, heapPush } from './timed-heap.js';
import type { FakeServer } from './server.js';
import { DICT_ENTRY_SIZE, dictSlots, keyMemoryUsage, mallocSize, POINTER_SIZE } from './values/memory.js';
import type { RedisValue } from './values/object.js';
import { keyedString, MutableString } from './values/string.js';
import { trackingInvalidateKey } from './tracking.js';
import { propagateDeletion } from './propagate.js';
import { replicaOf, servingMaster } from './replication/replica.js';

/** One key's slot: its value, its expiry and the bookkeeping OBJECT and SCAN need. */
export class KeyEntry {
  private expireMs = 0;
  /** The exact int64 time when it is past 2^53 (EXPIREAT and PEXPIREAT take any int64). */
  private expireExact: bigint | undefined = undefined;

  constructor(
    public value: RedisValue,
    readonly seq: number,
    /** Last access time in ms (OBJECT IDLETIME). */
    public accessedAt: number,
    /** LFU counter (OBJECT FREQ), Redis's logarithmic 8-bit counter. */
    public lfu: number,
  ) {}

  /** The key's share of used_memory as last measured (Database.usedMemory). */
  memory = 0;

  /**
   * Redis 8.2+'s kvobj has room for an expiry once the key had a TTL: PERSIST keeps it,
   * a new object for the key (an overwrite, RENAME, MOVE, COPY) has it only with a TTL.
   * MEMORY USAGE counts it.
   */
  expirySlot = false;

  /**
   * KeyDB's member expiries (EXPIREMEMBER): member -> ms since the epoch. As KeyDB keeps
   * them in the key's expire entry, they go with the key (RENAME, MOVE, COPY), an
   * overwrite without KEEPTTL or a PERSIST drops them, and a member removed meanwhile
   * keeps its time (the active expiry then removes nothing, or the member added again).
   */
  memberExpires: Map<Bytes, number> | undefined = undefined;

  /** Absolute expiry in ms since the epoch (nearest double past 2^53); 0 = no expiry. */
  get expiresAt(): number {
    return this.expireMs;
  }

  /** The expiry exactly as it was set, as PEXPIRETIME reports it; 0n = no expiry. */
  get expireTime(): bigint {
    return this.expireExact ?? BigInt(this.expireMs);
  }

  /**
   * Sets or (with 0) clears the expiry. Internal: only the Database calls it, as it keeps
   * the expiry heap and the count of volatile keys (use Database.setExpire / persist).
   */
  storeExpire(at: number | bigint): void {
    if (typeof at === 'bigint') {
      this.expireMs = Number(at);
      this.expireExact = Number.isSafeInteger(this.expireMs) ? undefined : at;
    } else {
      this.expireMs = at;
      this.expireExact = undefined;
    }
  }
}

/**
 * How a read looks a key up, as Redis's LOOKUP_* flags: by default it expires the key if
 * due, records the access (LRU/LFU), counts keyspace_hits or keyspace_misses and emits
 * `keymiss` for a missing key.
 */
export interface LookupFlags {
  /** Leaves the access time and LFU counter alone (LOOKUP_NOTOUCH). */
  readonly noTouch?: boolean;
  /** No `keymiss` event for a missing key (LOOKUP_NONOTIFY). */
  readonly noNotify?: boolean;
  /** Not counted in keyspace_hits / keyspace_misses (LOOKUP_NOSTATS). */
  readonly noStats?: boolean;
}

const READ: LookupFlags = {};
/** EXISTS, TYPE, TTL and friends, SCAN's TYPE filter: counted, but no access recorded. */
export const LOOKUP_NOTOUCH: LookupFlags = { noTouch: true };
/** OBJECT and MEMORY USAGE (objectCommandLookup): counted, no access, no `keymiss`. */
export const LOOKUP_NOTOUCH_NONOTIFY: LookupFlags = { noTouch: true, noNotify: true };

/** A heap item: a key's expiry time when it was pushed (stale once the key's changes). */
interface ExpiryItem {
  at: number;
  key: Bytes;
}

/** Redis's initial LFU counter value for new keys. */
const LFU_INIT_VAL = 5;
/** What jemalloc gives a dictEntry. */
const DICT_ENTRY_ALLOC = mallocSize(DICT_ENTRY_SIZE);
/** Keys marked changed before they are measured even if no one asks (settleMemory). */
const PENDING_MEMORY_CHANGES = 4096;
/** Values are measured as MEMORY USAGE measures them by default: nested values sampled 5 times. */
const MEMORY_SAMPLES = 5;
/** Redis frees a value in the background only when freeing it walks more allocations (lazyfree.c). */
export const LAZYFREE_THRESHOLD = 64;

/**
 * Which lazyfree-lazy-* parameter decides whether a deletion frees in the background:
 * `server-del` for deletions a command implies (an overwrite, an emptied key, a *STORE
 * destination), `user-del` for DEL, `expire`, `eviction`; true for UNLINK (always lazy).
 */
export type FreeMode = 'server-del' | 'user-del' | 'expire' | 'eviction' | boolean;

/** An index a module keeps of a database's keys (Database.keyIndex). */
export interface KeyIndex {
  added(key: Bytes): void;
  removed(key: Bytes): void;
  /** Every key went (FLUSHDB, FLUSHALL). */
  cleared(): void;
}

/**
 * One numbered database: its keys and their expiry. Every read goes through lookup, which
 * expires keys lazily; every write signals WATCH (and, where it makes a key ready,
 * blocked clients), so modules do not repeat that bookkeeping.
 */
export class Database {
  private entries = new Map<Bytes, KeyEntry>();
  private order = new ScanOrder<Bytes>();
  /**
   * Keys with an expiry, by time. An item goes stale when its key's expiry changes or the
   * key goes; stale items are skipped when popped and compacted away when they outnumber
   * the live ones (compactExpiryHeap), so the heap stays O(volatile keys).
   */
  private expiryHeap: ExpiryItem[] = [];
  private volatileCount = 0;
  /**
   * Sub-key expiry (Redis's db->hexpires): keys whose values hold sub-keys with their own
   * TTL (hash fields), by the earliest one (RedisObject.nextSubkeyExpiry). The map holds
   * each key's scheduled time; a heap item whose time differs from it is stale.
   */
  private subkeyScheduled = new Map<Bytes, number>();
  private subkeyHeap: ExpiryItem[] = [];
  /**
   * Memory accounting: the sum of the keys' `memory`, and the keys written since it was
   * last brought up to date. A write only marks its key; usedMemory() measures the marked
   * keys again (a value samples its nested elements, as MEMORY USAGE does), so reading the
   * figure before each command costs what the last command wrote, never a keyspace walk.
   */
  private keyBytes = 0;
  private changed = new Map<Bytes, KeyEntry>();
  /** Clients watching each key (WATCH), with the state of each watch. */
  readonly watchers = new Map<Bytes, Map<Client, WatchedKey>>();
  /** Clients blocked on each key, in the order they blocked (Redis's blocking_keys). */
  readonly blockingKeys = new Map<Bytes, Set<Client>>();
  /** Keys already queued as ready, so a key is queued once per round (ready_keys). */
  readonly readyKeys = new Set<Bytes>();
  /** A module's index of the keys (cluster mode's keys by slot), told of each key added and removed. */
  keyIndex: KeyIndex | undefined;

  constructor(
    readonly server: FakeServer,
    public index: number,
  ) {}

  /** Number of keys, counting expired ones not yet collected (as DBSIZE does). */
  get size(): number {
    return this.entries.size;
  }

  /** Keys with sub-keys that have a TTL (7.4's INFO keyspace `subexpiry`). */
  get subkeyExpiringKeys(): number {
    return this.subkeyScheduled.size;
  }

  /** Number of keys with an expiry. */
  get volatileSize(): number {
    return this.volatileCount;
  }

  // ---- reads ---------------------------------------------------------------------

  /**
   * The live entry of a key, expiring it first if its time has passed (expireIfNeeded);
   * no access recorded, not counted (DEL, KEYS, RANDOMKEY and internal bookkeeping).
   */
  entry(key: Bytes): KeyEntry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== 0 && entry.expiresAt < this.server.now()) {
      // A replica leaves expiry to its master's DELs: its master's client still sees the key.
      const replica = replicaOf(this.server);
      if (replica !== undefined) return servingMaster(this.server, replica) ? entry : undefined;
      // While clients are paused the dataset stays as it is: expired, but not deleted.
      if (!this.server.clientsPaused()) this.expire(key);
      return undefined;
    }
    return entry;
  }

  /**
   * The one key lookup (Redis's lookupKey): expires the key if its time has passed, then
   * records the access unless `noTouch` or the command's client is CLIENT NO-TOUCH (reads
   * and writes alike, as Redis 7.2 does; FakeServer.noTouchCall). A read also
   * counts keyspace_hits / keyspace_misses unless `noStats` and emits `keymiss` for a
   * missing key unless `noNotify`; a write lookup does neither (LOOKUP_WRITE).
   */
  private lookupKey(key: Bytes, write: boolean, flags: LookupFlags): KeyEntry | undefined {
    const entry = this.entry(key);
    if (entry !== undefined) {
      if (!flags.noTouch && !this.server.noTouchCall) this.recordAccess(entry);
      if (write) this.changed.set(key, entry);
      else if (!flags.noStats) this.server.stats.keyspaceHits++;
      return entry;
    }
    if (!write) {
      if (!flags.noNotify) this.server.notifyKeyspaceEvent('m', 'keymiss', key, this.index);
      if (!flags.noStats) this.server.stats.keyspaceMisses++;
    }
    return undefined;
  }

  /**
   * A key's entry for a reading command (lookupKeyReadWithFlags); `flags` as Redis's
   * command passes them (LOOKUP_NOTOUCH for EXISTS, TYPE, TTL ...). The `_client`
   * argument of the lookups is not needed: CLIENT NO-TOUCH is the server's to know.
   */
  lookupReadEntry(key: Bytes, flags: LookupFlags = READ, _client?: Client): KeyEntry | undefined {
    return this.lookupKey(key, false, flags);
  }

  /** A key's value for a reading command (lookupKeyRead). */
  lookupRead(key: Bytes, _client?: Client): RedisValue | undefined {
    return this.lookupKey(key, false, READ)?.value;
  }

  /** A key's value for a writing command (lookupKeyWrite): expires lazily, records the access. */
  lookupWrite(key: Bytes, _client?: Client): RedisValue | undefined {
    return this.lookupKey(key, true, READ)?.value;
  }

  /** A key's entry as stored, even if its time has passed; nothing recorded. */
  peek(key: Bytes): KeyEntry | undefined {
    return this.entries.get(key);
  }

  /** True when the key is stored but its time has passed (Redis's keyIsExpired); deletes nothing. */
  keyIsExpired(key: Bytes): boolean {
    const entry = this.entries.get(key);
    return entry !== undefined && entry.expiresAt !== 0 && entry.expiresAt < this.server.now();
  }

  /**
   * A key's LFU counter decayed by the minutes since its last access, one step per
   * `lfu-decay-time` minutes (Redis's LFUDecrAndReturn, with its 16-bit minute clock).
   */
  lfuCounter(entry: KeyEntry): number {
    const decayTime = this.server.config.getNumber('lfu-decay-time');
    if (decayTime === 0) return entry.lfu;
    const now = Math.floor(this.server.clock.now() / 60000) & 65535;
    const last = Math.floor(entry.accessedAt / 60000) & 65535;
    const elapsed = now >= last ? now - last : 65535 - last + now;
    const periods = Math.floor(elapsed / decayTime);
    return periods > entry.lfu ? 0 : entry.lfu - periods;
  }

  /** True when the key exists (no access recorded). */
  has(key: Bytes): boolean {
    return this.entry(key) !== undefined;
  }

  /** A string value's bytes, undefined when absent; WRONGTYPE for other types. */
  lookupString(key: Bytes, client?: Client): Bytes | undefined {
    const value = this.lookupRead(key, client);
    if (value === undefined || typeof value === 'string') return value;
    if (value instanceof MutableString) return value.toBytes();
    throw ERR_WRONGTYPE;
  }

  // ---- writes ----------------------------------------------------------------------

  /**
   * Sets a key (Redis's setKey): a new key is added, an existing one overwritten. The
   * expiry is removed unless keepTtl. Signals the key as modified.
   */
  set(key: Bytes, value: RedisValue, keepTtl = false): void {
    value = keyedString(this.server, key, value);
    const existing = this.entry(key);
    if (existing === undefined) {
      this.insert(key, value);
      this.signalKeyAsReady(key);
    } else {
      const old = existing.value;
      existing.value = value;
      this.changed.set(key, existing);
      // A new object has a new access time; under LFU it keeps the old one's (dbOverwrite).
      if (!this.server.lfuEnabled) existing.accessedAt = this.server.now();
      if (old !== value && typeof old !== 'string') this.freeValue(old, 'server-del');
      if (!keepTtl && existing.expiresAt !== 0) this.clearExpire(existing);
      existing.expirySlot = existing.expiresAt !== 0;
      if (!keepTtl) existing.memberExpires = undefined;
      if (this.subkeyScheduled.size !== 0) this.subkeyScheduled.delete(key);
      if ((typeof value !== 'string' && value.nextSubkeyExpiry !== undefined) || existing.memberExpires !== undefined) this.scheduleSubkeyExpiry(key);
      // An overwrite is a deletion to clients that must learn of one (XREADGROUP).
      if (this.blockingKeys.size !== 0) this.server.blocking.signalDeletedKey(this, key);
    }
    this.signalModifiedKey(key);
  }

  /** Adds a key that does not exist (Redis's dbAdd). Signals it modified and ready. */
  add(key: Bytes, value: RedisValue): void {
    this.insert(key, value);
    this.signalModifiedKey(key);
    this.signalKeyAsReady(key);
  }

  /**
   * Deletes a key; true when it existed. Signals it modified. `mode` says which
   * lazyfree-lazy-* parameter applies (default: lazyfree-lazy-server-del, Redis's dbDelete).
   */
  delete(key: Bytes, mode: FreeMode = 'server-del'): boolean {
    const entry = this.entry(key);
    if (entry === undefined) return false;
    this.remove(key, entry);
    this.freeValue(entry.value, mode);
    this.signalModifiedKey(key);
    return true;
  }

  /**
   * Deletes a key as stored, even when its time has passed, without expiring it first
   * (Redis's dbDelete with no lookup before it: an empty *STORE or BITOP result deletes
   * a due destination with a "del" event, not "expired"). Signals it modified.
   */
  deleteStored(key: Bytes): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.remove(key, entry);
    this.freeValue(entry.value, 'server-del');
    this.signalModifiedKey(key);
    return true;
  }

  /**
   * Evicts a key as stored (performEvictions): no expiry check, counted in evicted_keys,
   * freed as lazyfree-lazy-eviction says, with its `evicted` event.
   */
  evict(key: Bytes): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.remove(key, entry);
    this.freeValue(entry.value, 'eviction');
    this.server.stats.evictedKeys++;
    this.keyModified(key);
    this.server.notifyKeyspaceEvent('e', 'evicted', key, this.index);
    if (this.server.propagator !== undefined) propagateDeletion(this.server, this, key, this.server.config.getBoolean('lazyfree-lazy-eviction'));
    return true;
  }

  /**
   * Takes a key's entry out without signalling (RENAME, MOVE, SWAPDB move entries). With
   * `free`, the value is being dropped, not moved (a RENAME or COPY destination replaced):
   * it is freed as that lazyfree-lazy-* mode says.
   */
  detach(key: Bytes, free?: FreeMode): KeyEntry | undefined {
    const entry = this.entry(key);
    if (entry !== undefined) {
      this.remove(key, entry);
      if (free !== undefined) this.freeValue(entry.value, free);
    }
    return entry;
  }

  /**
   * Puts a value under a key that must not exist, without signalling, with an expiry
   * (KeyEntry.expireTime of the entry it comes from: exact past 2^53); 0 for none.
   */
  attach(key: Bytes, value: RedisValue, expireTime: number | bigint, notifyNew = true): KeyEntry {
    const entry = this.insert(key, value, notifyNew);
    if (expireTime !== 0 && expireTime !== 0n) this.setExpire(key, expireTime, entry);
    return entry;
  }

  // ---- expiry ----------------------------------------------------------------------

  /** A key's expiry in ms since the epoch, 0 for none, undefined if the key is absent. */
  getExpire(key: Bytes): number | undefined {
    return this.entry(key)?.expiresAt;
  }

  /**
   * Sets an expiry on an existing key (no signal: EXPIRE signals itself). `at` is ms since
   * the epoch; a bigint keeps its exact value past 2^53 for PEXPIRETIME.
   */
  setExpire(key: Bytes, at: number | bigint, entry = this.entries.get(key)): void {
    if (entry === undefined) return;
    if (entry.expiresAt === 0) this.volatileCount++;
    entry.storeExpire(at);
    entry.expirySlot = true;
    heapPush(this.expiryHeap, { at: entry.expiresAt, key });
    this.compactExpiryHeapIfStale();
    this.server.expiryScheduled();
  }

  /** Removes a key's expiry, and its members' (KeyDB); true when it had one. */
  persist(key: Bytes): boolean {
    const entry = this.entry(key);
    if (entry === undefined || (entry.expiresAt === 0 && entry.memberExpires === undefined)) return false;
    if (entry.expiresAt !== 0) this.clearExpire(entry);
    entry.memberExpires = undefined;
    return true;
  }

  /** Gives a member of the key's value its own expiry (KeyDB's setExpire with a subkey). */
  setMemberExpire(key: Bytes, member: Bytes, at: number): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    (entry.memberExpires ??= new Map()).set(member, at);
    this.scheduleSubkeyExpiry(key);
  }

  /** Removes a member's expiry (KeyDB's removeSubkeyExpire); true when it had one. */
  removeMemberExpire(key: Bytes, member: Bytes): boolean {
    const entry = this.entries.get(key);
    if (entry?.memberExpires?.delete(member) !== true) return false;
    if (entry.memberExpires.size === 0) entry.memberExpires = undefined;
    return true;
  }

  /**
   * KeyDB's active expiry of members (activeExpireCycleExpire): the due ones in time
   * order are removed (RedisObject.removeMember); a value left empty expires as a key
   * does ("expired"); otherwise, when some went, the value's memberExpiryEvent (a set's "srem").
   */
  private expireMembersDue(key: Bytes, now: number): void {
    const entry = this.entries.get(key);
    const expires = entry?.memberExpires;
    if (entry === undefined || expires === undefined || typeof entry.value === 'string') return;
    const value = entry.value;
    if (value.removeMember === undefined) return;
    const due = [...expires].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]);
    let removed = 0;
    for (const [member] of due) {
      expires.delete(member);
      const left = value.removeMember(member);
      if (left < 0) continue;
      removed++;
      if (left === 0) {
        this.expire(key);
        return;
      }
    }
    if (expires.size === 0) entry.memberExpires = undefined;
    const event = value.memberExpiryEvent;
    if (removed > 0 && event !== undefined) {
      this.signalModifiedKey(key);
      this.server.notifyKeyspaceEvent(event[0], event[1], key, this.index);
    }
  }

  /**
   * Deletes every key whose time has passed (the active expiry cycle), emitting
   * `expired` events. Returns how many keys it expired.
   */
  expireDue(now: number): number {
    let count = 0;
    // A replica's keys expire by its master's DELs.
    if (replicaOf(this.server) !== undefined) return count;
    const heap = this.expiryHeap;
    while (heap.length > 0 && (heap[0] as ExpiryItem).at < now) {
      const { at, key } = heapPop(heap) as ExpiryItem;
      const entry = this.entries.get(key);
      if (entry !== undefined && entry.expiresAt === at) {
        this.expire(key);
        this.server.stats.expiredKeysActive++;
        count++;
      }
    }
    return count;
  }

  private clearExpire(entry: KeyEntry): void {
    entry.storeExpire(0);
    this.volatileCount--;
    this.compactExpiryHeapIfStale();
  }

  /**
   * Stale heap items pile up when expiries change or volatile keys go and the active
   * cycle is off or behind; compact once they exceed twice the live ones (plus slack),
   * which keeps the cost amortised O(1) per stale item.
   */
  private compactExpiryHeapIfStale(): void {
    const heap = this.expiryHeap;
    if (heap.length - this.volatileCount > 2 * this.volatileCount + 1024) this.compactExpiryHeap();
  }

  /** Keeps one live item per volatile key and re-heapifies in place: O(heap), no keyspace walk. */
  private compactExpiryHeap(): void {
    const heap = this.expiryHeap;
    const kept = new Set<Bytes>();
    let n = 0;
    for (const item of heap) {
      const entry = this.entries.get(item.key);
      if (entry === undefined || entry.expiresAt !== item.at || kept.has(item.key)) continue;
      kept.add(item.key);
      heap[n++] = item;
    }
    heap.length = n;
    heapify(heap);
  }

  /**
   * Indexes the value at `key` by the earliest expiry of its sub-keys. The value's module
   * calls it after giving sub-keys a TTL; moving the key (RENAME, MOVE, COPY, SWAPDB)
   * keeps it indexed, and deleting it drops it.
   */
  scheduleSubkeyExpiry(key: Bytes): void {
    const entry = this.entries.get(key);
    const value = entry?.value;
    let at = value === undefined || typeof value === 'string' ? 0 : (value.nextSubkeyExpiry?.() ?? 0);
    for (const when of entry?.memberExpires?.values() ?? []) if (at === 0 || when < at) at = when;
    if (at === 0) return;
    const scheduled = this.subkeyScheduled.get(key);
    // An earlier item comes up first and reschedules the key for its next time then.
    if (scheduled !== undefined && scheduled <= at) return;
    this.subkeyScheduled.set(key, at);
    heapPush(this.subkeyHeap, { at, key });
    if (this.subkeyHeap.length > 2 * this.subkeyScheduled.size + 1024) {
      this.subkeyHeap = [...this.subkeyScheduled].map(([k, t]) => ({ at: t, key: k }));
      heapify(this.subkeyHeap);
    }
    this.server.expiryScheduled();
  }

  /**
   * The active expiry of sub-keys: each value whose earliest sub-key is due expires its due
   * sub-keys (with their events, and the key when that empties it) and is scheduled again.
   * Returns how many keys still have sub-keys waiting.
   */
  expireSubkeysDue(now: number): number {
    const heap = this.subkeyHeap;
    while (heap.length > 0 && (heap[0] as ExpiryItem).at < now) {
      const { at, key } = heapPop(heap) as ExpiryItem;
      if (this.subkeyScheduled.get(key) !== at) continue;
      this.subkeyScheduled.delete(key);
      const value = this.entries.get(key)?.value;
      if (value === undefined || typeof value === 'string') continue;
      value.expireSubkeys?.(this, key, now);
      this.expireMembersDue(key, now);
      if (!this.entries.has(key)) continue;
      this.memoryChanged(key);
      this.scheduleSubkeyExpiry(key);
    }
    return this.subkeyScheduled.size;
  }

  /** Items in the expiry heap, stale ones included (tests check it stays bounded). */
  get expiryHeapSize(): number {
    return this.expiryHeap.length;
  }

  private expire(key: Bytes): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.remove(key, entry);
    this.freeValue(entry.value, 'expire');
    this.server.stats.expiredKeys++;
    this.keyModified(key);
    this.server.notifyKeyspaceEvent('x', 'expired', key, this.index);
    // deleteExpiredKeyAndPropagate: the replicas and the AOF delete it too.
    if (this.server.propagator !== undefined) propagateDeletion(this.server, this, key, this.server.config.getBoolean('lazyfree-lazy-expire'));
  }

  // ---- memory ----------------------------------------------------------------------

  /**
   * Notes that a key's value may have changed size. Writes through lookupWrite, set, add
   * and signalModifiedKey do it already; a module that changes a value it looked up for
   * reading (XREADGROUP's PEL) calls it.
   */
  memoryChanged(key: Bytes): void {
    const entry = this.entries.get(key);
    if (entry !== undefined) this.changed.set(key, entry);
  }

  /**
   * Measures the changed keys once they are many (called between commands): without a
   * maxmemory nothing reads the figure before each command, and the marks must not grow
   * with the keyspace.
   */
  settleMemory(): void {
    if (this.changed.size > PENDING_MEMORY_CHANGES) this.server.usedMemory();
  }

  /**
   * This database's share of used_memory: each key as MEMORY USAGE sizes it (value, name,
   * dictEntry), the main table's and the expires table's slots and the expires entries.
   * A dictEntry (the key's, and those of a hashtable value: RedisObject.dictEntries) is 24
   * bytes to MEMORY USAGE but a 32-byte allocation to used_memory.
   * Measures only the keys changed since the last call.
   */
  usedMemory(): number {
    if (this.changed.size !== 0) {
      for (const [key, entry] of this.changed) {
        const value = entry.value;
        const dictEntries = 1 + (typeof value === 'string' ? 0 : (value.dictEntries?.() ?? 0));
        const size = keyMemoryUsage(key, value, MEMORY_SAMPLES) + dictEntries * (DICT_ENTRY_ALLOC - DICT_ENTRY_SIZE);
        this.keyBytes += size - entry.memory;
        entry.memory = size;
      }
      this.changed.clear();
    }
    const volatile = this.volatileCount;
    return this.keyBytes + (dictSlots(this.entries.size) + dictSlots(volatile)) * POINTER_SIZE + volatile * DICT_ENTRY_ALLOC;
  }

  /**
   * A value leaves the keyspace (Redis's dbGenericDelete / dbOverwrite). Freed lazily (as
   * `mode` and its lazyfree-lazy-* parameter say) and worth it (over LAZYFREE_THRESHOLD
   * allocations), it counts in lazyfreed_objects (freeObjAsync): the background thread has
   * freed it by the time anyone can look.
   */
  private freeValue(value: RedisValue, mode: FreeMode): void {
    if (typeof value === 'string' || mode === false) return;
    if (mode !== true && !this.server.config.getBoolean(`lazyfree-lazy-${mode}`)) return;
    freeObjAsync(this.server, value);
  }

  // ---- iteration -------------------------------------------------------------------

  /** All keys, expired ones included (callers filter with has() where it matters). */
  keys(): IterableIterator<Bytes> {
    return this.entries.keys();
  }

  /** One SCAN step over the keyspace; see ScanOrder for the cursor contract. */
  scan(cursor: number, count: number, visit: (key: Bytes) => void): number {
    return this.order.scan(cursor, count, visit);
  }

  /**
   * A random live key (RANDOMKEY, dbRandomKey), drawn from the server's seeded generator;
   * expired keys drawn on the way are collected (emitting `expired`) and drawing goes on.
   * Redis gives up after 100 draws only on a replica, which cannot delete; here every
   * draw of an expired key removes it, so the loop ends.
   */
  randomKey(): Bytes | undefined {
    const random = () => this.server.random.next();
    for (;;) {
      const key = this.order.sample(random);
      if (key === undefined) return undefined;
      if (this.entry(key) !== undefined) return key;
    }
  }

  /**
   * Up to `count` keys for the eviction pool (Redis's dictGetSomeKeys over the main or the
   * expires table): every key when there are no more than `count`, else `count` draws
   * from the seeded generator. Expired keys not yet collected are candidates too.
   */
  sampleKeys(count: number, volatileOnly: boolean, out: Bytes[]): void {
    out.length = 0;
    if (!volatileOnly) {
      if (this.entries.size <= count) {
        for (const key of this.entries.keys()) out.push(key);
        return;
      }
      const random = () => this.server.random.next();
      for (let i = 0; i < count; i++) out.push(this.order.sample(random) as Bytes);
      return;
    }
    if (this.volatileCount === 0) return;
    if (this.volatileCount <= count) {
      this.compactExpiryHeap();
      for (const item of this.expiryHeap) out.push(item.key);
      return;
    }
    for (let i = 0; i < count; i++) out.push(this.randomVolatileKey() as Bytes);
  }

  /** A key with an expiry drawn from the seeded generator (dictGetRandomKey on the expires table). */
  randomVolatileKey(): Bytes | undefined {
    if (this.volatileCount === 0) return undefined;
    // Drawing from the heap needs mostly live items: compact once stale ones are as many.
    if (this.expiryHeap.length > 2 * this.volatileCount) this.compactExpiryHeap();
    const heap = this.expiryHeap;
    for (;;) {
      const item = heap[this.server.random.int(heap.length)] as ExpiryItem;
      if (this.entries.get(item.key)?.expiresAt === item.at) return item.key;
    }
  }

  /** A uniformly drawn key, expired ones included (dictGetRandomKey on the main table). */
  randomStoredKey(): Bytes | undefined {
    return this.order.sample(() => this.server.random.next());
  }

  /**
   * Removes every key; WATCHers of the keys that existed are signalled. An async flush
   * (emptyDbAsync) hands the whole table to the background: every key counts in
   * lazyfreed_objects.
   */
  flush(async = false): number {
    const removed = this.entries.size;
    // What goes was part of used_memory: the peak must have seen it.
    if (removed !== 0) this.server.usedMemory();
    this.server.blocking.scanDatabaseForDeletedKeys(this);
    this.touchAllWatchedKeys();
    this.entries.clear();
    this.keyIndex?.cleared();
    this.order.clear();
    this.expiryHeap.length = 0;
    this.volatileCount = 0;
    this.subkeyScheduled.clear();
    this.subkeyHeap.length = 0;
    this.keyBytes = 0;
    this.changed.clear();
    if (async) this.server.lazyfreedObjects += removed;
    return removed;
  }

  /**
   * Exchanges contents with another database (SWAPDB) in O(1), entries, expiries and
   * access data included; clients stay on their database index, as in Redis. Watchers
   * of a key that exists on either side are signalled.
   */
  swapContents(other: Database): void {
    if (other === this) return;
    this.server.blocking.scanDatabaseForDeletedKeys(this, other);
    this.server.blocking.scanDatabaseForDeletedKeys(other, this);
    this.touchAllWatchedKeys(other);
    other.touchAllWatchedKeys(this);
    [this.entries, other.entries] = [other.entries, this.entries];
    [this.order, other.order] = [other.order, this.order];
    [this.expiryHeap, other.expiryHeap] = [other.expiryHeap, this.expiryHeap];
    [this.volatileCount, other.volatileCount] = [other.volatileCount, this.volatileCount];
    [this.subkeyScheduled, other.subkeyScheduled] = [other.subkeyScheduled, this.subkeyScheduled];
    [this.subkeyHeap, other.subkeyHeap] = [other.subkeyHeap, this.subkeyHeap];
    [this.keyBytes, other.keyBytes] = [other.keyBytes, this.keyBytes];
    [this.changed, other.changed] = [other.changed, this.changed];
    [this.keyIndex, other.keyIndex] = [other.keyIndex, this.keyIndex];
    // Blocked clients stay with their database index and may be served by what arrived.
    this.server.blocking.scanDatabaseForReadyKeys(this);
    this.server.blocking.scanDatabaseForReadyKeys(other);
  }

  // ---- signals -----------------------------------------------------------------------

  /**
   * Marks a key modified: every client WATCHing it will fail its EXEC (touchWatchedKey).
   * Counted as a change of the command running (server.keyChanges: what decides, as
   * Redis's server.dirty, whether it is propagated).
   */
  signalModifiedKey(key: Bytes): void {
    this.server.keyChanges++;
    // Redis 8.6's keyModified: under an LRM policy a change is what refreshes the idle time.
    if (this.server.lrmEnabled) {
      const entry = this.entries.get(key);
      if (entry !== undefined) entry.accessedAt = this.server.now();
    }
    this.keyModified(key);
  }

  /** signalModifiedKey without counting a change of the command (expiry and eviction). */
  private keyModified(key: Bytes): void {
    trackingInvalidateKey(this.server, key);
    this.memoryChanged(key);
    if (this.watchers.size === 0) return;
    const watches = this.watchers.get(key);
    if (watches === undefined) return;
    for (const watch of watches.values()) {
      if (watch.expired) {
        // Watched when already expired: deleting it is no logical change. Redis 7.0 stops
        // at a still-present expired key (a `break`), so later watchers are not touched.
        if (this.entries.has(key)) break;
        watch.expired = false;
        continue;
      }
      watch.client.watchDirty = true;
      // Its EXEC fails now whatever else changes: Redis 7.0 drops all the client's
      // watches at once (unwatchAllKeys), so later writes no longer reach it.
      watch.client.unwatchAll();
    }
  }

  /** Marks a key ready for clients blocked on it (pushes to lists, zsets, streams). */
  signalKeyAsReady(key: Bytes): void {
    this.server.blocking.signalKeyAsReady(this, key);
  }

  /**
   * Before a flush or swap (Redis's touchAllWatchedKeysInDb): a WATCHed key changes only
   * if it exists here or, for SWAPDB, in the database taking this one's place.
   */
  private touchAllWatchedKeys(replacedWith?: Database): void {
    for (const [key, watches] of this.watchers) {
      const existsHere = this.entries.has(key);
      const existsThere = replacedWith?.entries.has(key) ?? false;
      if (!existsHere && !existsThere) continue;
      for (const watch of watches.values()) {
        if (watch.expired) {
          // Watched when already expired: gone now, or still expired after the swap.
          if (!existsThere) {
            watch.expired = false;
            continue;
          }
          if (replacedWith?.keyIsExpired(key)) continue;
        } else if (!existsHere && replacedWith?.keyIsExpired(key)) {
          // A missing key replaced by an expired one: still logically missing.
          watch.expired = true;
          continue;
        }
        watch.client.watchDirty = true;
      }
    }
  }

  // ---- internals ---------------------------------------------------------------------

  /** Adds a key (Redis's dbAdd), which emits the `new` event for every key created. */
  private insert(key: Bytes, value: RedisValue, notifyNew = true): KeyEntry {
    value = keyedString(this.server, key, value);
    const entry = new KeyEntry(value, this.order.add(key), this.server.now(), LFU_INIT_VAL);
    this.entries.set(key, entry);
    this.keyIndex?.added(key);
    this.changed.set(key, entry);
    // An RDB load adds keys without events (dbAddRDBLoad).
    if (notifyNew) this.server.notifyKeyspaceEvent('n', 'new', key, this.index);
    // A value that arrives with sub-key TTLs (RENAME, MOVE, COPY of a hash) is indexed here.
    if (typeof value !== 'string' && value.nextSubkeyExpiry !== undefined) this.scheduleSubkeyExpiry(key);
    return entry;
  }

  private remove(key: Bytes, entry: KeyEntry): void {
    this.entries.delete(key);
    this.keyIndex?.removed(key);
    this.order.remove(entry.seq);
    this.keyBytes -= entry.memory;
    entry.memory = 0;
    if (this.changed.size !== 0) this.changed.delete(key);
    if (entry.expiresAt !== 0) {
      this.volatileCount--;
      this.compactExpiryHeapIfStale();
    }
    if (this.subkeyScheduled.size !== 0) this.subkeyScheduled.delete(key);
    // Clients that must learn of a deletion (XREADGROUP) are woken (signalDeletedKeyAsReady).
    if (this.blockingKeys.size !== 0) this.server.blocking.signalDeletedKey(this, key);
  }

  private recordAccess(entry: KeyEntry): void {
    // The LFU counter decays since the last access before it is incremented (updateLFU).
    if (this.server.lfuEnabled) entry.lfu = this.server.lfuIncrement(this.lfuCounter(entry));
    // An LRM policy (8.6) leaves reads out of the idle time (lookupKey).
    if (!this.server.lrmEnabled) entry.accessedAt = this.server.now();
  }
}

/**
 * Redis's freeObjAsync for a value that leaves the server: one whose free effort is over
 * LAZYFREE_THRESHOLD is freed in the background and counts in lazyfreed_objects. For a
 * module dropping a value that was never in the keyspace as Redis does (SUNION's result
 * under lazyfree-lazy-server-del).
 */
export function freeObjAsync(server: FakeServer, value: RedisValue): void {
  if (typeof value !== 'string' && (value.freeEffort?.() ?? 1) > LAZYFREE_THRESHOLD) server.lazyfreedObjects++;
}

/** A generic ('g') keyspace event for a key of a database: `del`, `expire`, `rename_from` ... */
export function notifyGeneric(db: Database, event: string, key: Bytes): void {
  db.server.notifyKeyspaceEvent('g', event, key, db.index);
}
