import type { Bytes } from './bytes.js';
import type { Client, WatchedKey } from './client.js';
import { ERR_WRONGTYPE } from './errors/index.js';
import { ScanOrder } from './scan-order.js';
import type { FakeServer } from './server.js';
import type { RedisObject, RedisType, RedisValue } from './values/object.js';
import { MutableString } from './values/string.js';

/** One key's slot: its value, its expiry and the bookkeeping OBJECT and SCAN need. */
export class KeyEntry {
  constructor(
    public value: RedisValue,
    /** Absolute expiry in ms since the epoch; 0 = no expiry. */
    public expiresAt: number,
    readonly seq: number,
    /** Last access time in ms (OBJECT IDLETIME). */
    public accessedAt: number,
    /** LFU counter (OBJECT FREQ), Redis's logarithmic 8-bit counter. */
    public lfu: number,
  ) {}
}

/** Redis's initial LFU counter value for new keys. */
const LFU_INIT_VAL = 5;

/**
 * One numbered database: its keys and their expiry. Every read goes through lookup, which
 * expires keys lazily; every write signals WATCH (and, where it makes a key ready,
 * blocked clients), so modules do not repeat that bookkeeping.
 */
export class Database {
  private entries = new Map<Bytes, KeyEntry>();
  private order = new ScanOrder<Bytes>();
  /** Keys with an expiry, by time; stale heap items are skipped when popped. */
  private expiryHeap: Array<{ at: number; key: Bytes }> = [];
  private volatileCount = 0;
  /** Clients watching each key (WATCH), with the state of each watch. */
  readonly watchers = new Map<Bytes, Map<Client, WatchedKey>>();

  constructor(
    readonly server: FakeServer,
    public index: number,
  ) {}

  /** Number of keys, counting expired ones not yet collected (as DBSIZE does). */
  get size(): number {
    return this.entries.size;
  }

  /** Number of keys with an expiry. */
  get volatileSize(): number {
    return this.volatileCount;
  }

  // ---- reads ---------------------------------------------------------------------

  /** The live entry of a key, expiring it first if its time has passed. */
  entry(key: Bytes): KeyEntry | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== 0 && entry.expiresAt < this.server.now()) {
      this.expire(key);
      return undefined;
    }
    return entry;
  }

  /** A key's value for a reading command: expires lazily and records the access. */
  lookupRead(key: Bytes, client?: Client): RedisValue | undefined {
    const entry = this.entry(key);
    // INFO keyspace_hits / keyspace_misses count read lookups, as Redis's lookupKeyRead does.
    if (entry === undefined) {
      this.server.stats.keyspaceMisses++;
      return undefined;
    }
    this.server.stats.keyspaceHits++;
    if (!client?.noTouch) this.recordAccess(entry);
    return entry.value;
  }

  /** A key's value for a writing command: expires lazily and records the access. */
  lookupWrite(key: Bytes): RedisValue | undefined {
    const entry = this.entry(key);
    if (entry === undefined) return undefined;
    this.recordAccess(entry);
    return entry.value;
  }

  /** A key's entry as stored: not expired, no access recorded (KEYS, SCAN filters). */
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

  /** A value of the given type, undefined when absent; WRONGTYPE is thrown for another type. */
  lookupTyped<T extends RedisObject>(key: Bytes, type: RedisType, forWrite = false, client?: Client): T | undefined {
    const value = forWrite ? this.lookupWrite(key) : this.lookupRead(key, client);
    if (value === undefined) return undefined;
    if (typeof value === 'string' || value.type !== type) throw ERR_WRONGTYPE;
    return value as T;
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
    const existing = this.entry(key);
    if (existing === undefined) {
      this.insert(key, value);
      this.signalKeyAsReady(key);
    } else {
      existing.value = value;
      if (!keepTtl && existing.expiresAt !== 0) {
        existing.expiresAt = 0;
        this.volatileCount--;
      }
    }
    this.signalModifiedKey(key);
  }

  /** Adds a key that does not exist (Redis's dbAdd). Signals it modified and ready. */
  add(key: Bytes, value: RedisValue): void {
    this.insert(key, value);
    this.signalModifiedKey(key);
    this.signalKeyAsReady(key);
  }

  /** Deletes a key; true when it existed. Signals it modified. */
  delete(key: Bytes): boolean {
    const entry = this.entry(key);
    if (entry === undefined) return false;
    this.remove(key, entry);
    this.signalModifiedKey(key);
    return true;
  }

  /** Takes a key's entry out without signalling (RENAME, MOVE, SWAPDB move entries). */
  detach(key: Bytes): KeyEntry | undefined {
    const entry = this.entry(key);
    if (entry !== undefined) this.remove(key, entry);
    return entry;
  }

  /** Puts a value with an expiry under a key that must not exist, without signalling. */
  attach(key: Bytes, value: RedisValue, expiresAt: number): void {
    const entry = this.insert(key, value);
    if (expiresAt !== 0) this.setExpire(key, expiresAt, entry);
  }

  // ---- expiry ----------------------------------------------------------------------

  /** A key's expiry in ms since the epoch, 0 for none, undefined if the key is absent. */
  getExpire(key: Bytes): number | undefined {
    return this.entry(key)?.expiresAt;
  }

  /** Sets an expiry on an existing key (no signal: EXPIRE signals itself). */
  setExpire(key: Bytes, at: number, entry = this.entries.get(key)): void {
    if (entry === undefined) return;
    if (entry.expiresAt === 0) this.volatileCount++;
    entry.expiresAt = at;
    heapPush(this.expiryHeap, { at, key });
    this.server.expiryScheduled();
  }

  /** Removes a key's expiry; true when it had one. */
  persist(key: Bytes): boolean {
    const entry = this.entry(key);
    if (entry === undefined || entry.expiresAt === 0) return false;
    entry.expiresAt = 0;
    this.volatileCount--;
    return true;
  }

  /**
   * Deletes every key whose time has passed (the active expiry cycle), emitting
   * `expired` events. Returns how many keys it expired.
   */
  expireDue(now: number): number {
    let count = 0;
    const heap = this.expiryHeap;
    while (heap.length > 0 && (heap[0] as { at: number }).at < now) {
      const { at, key } = heapPop(heap) as { at: number; key: Bytes };
      const entry = this.entries.get(key);
      if (entry !== undefined && entry.expiresAt === at) {
        this.expire(key);
        count++;
      }
    }
    // Heap items of keys whose expiry changed or went away pile up; rebuild when mostly stale.
    if (heap.length > 1024 && heap.length > 4 * this.volatileCount) this.rebuildHeap();
    return count;
  }

  /** The soonest expiry time among volatile keys (heap top; may be stale). */
  nextExpiry(): number | undefined {
    return this.expiryHeap[0]?.at;
  }

  private expire(key: Bytes): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.remove(key, entry);
    this.server.stats.expiredKeys++;
    this.signalModifiedKey(key);
    this.server.notifyKeyspaceEvent('x', 'expired', key, this.index);
  }

  private rebuildHeap(): void {
    const fresh: Array<{ at: number; key: Bytes }> = [];
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt !== 0) fresh.push({ at: entry.expiresAt, key });
    }
    fresh.sort((a, b) => a.at - b.at);
    this.expiryHeap.length = 0;
    this.expiryHeap.push(...fresh);
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

  /** A random live key (RANDOMKEY), drawn from the server's seeded generator. */
  randomKey(): Bytes | undefined {
    const random = () => this.server.random.next();
    // Expired keys met on the way are collected, as Redis does; give up after many tries
    // when every key is volatile and expired, as Redis does, returning one of them.
    for (let tries = 0; tries < 100; tries++) {
      const key = this.order.sample(random);
      if (key === undefined) return undefined;
      if (this.has(key)) return key;
    }
    return this.order.sample(random);
  }

  /** Removes every key; WATCHers of the keys that existed are signalled. */
  flush(): number {
    const removed = this.entries.size;
    this.touchAllWatchedKeys();
    this.entries.clear();
    this.order.clear();
    this.expiryHeap.length = 0;
    this.volatileCount = 0;
    return removed;
  }

  /**
   * Exchanges contents with another database (SWAPDB) in O(1), entries, expiries and
   * access data included; clients stay on their database index, as in Redis. Watchers
   * of a key that exists on either side are signalled.
   */
  swapContents(other: Database): void {
    if (other === this) return;
    this.touchAllWatchedKeys(other);
    other.touchAllWatchedKeys(this);
    [this.entries, other.entries] = [other.entries, this.entries];
    [this.order, other.order] = [other.order, this.order];
    [this.expiryHeap, other.expiryHeap] = [other.expiryHeap, this.expiryHeap];
    [this.volatileCount, other.volatileCount] = [other.volatileCount, this.volatileCount];
  }

  // ---- signals -----------------------------------------------------------------------

  /** Marks a key modified: every client WATCHing it will fail its EXEC (touchWatchedKey). */
  signalModifiedKey(key: Bytes): void {
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
    }
  }

  /** Marks a key ready for clients blocked on it (pushes to lists, zsets, streams). */
  signalKeyAsReady(key: Bytes): void {
    this.server.signalKeyAsReady(this, key);
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
  private insert(key: Bytes, value: RedisValue): KeyEntry {
    const entry = new KeyEntry(value, 0, this.order.add(key), this.server.clock.now(), LFU_INIT_VAL);
    this.entries.set(key, entry);
    this.server.notifyKeyspaceEvent('n', 'new', key, this.index);
    return entry;
  }

  private remove(key: Bytes, entry: KeyEntry): void {
    this.entries.delete(key);
    this.order.remove(entry.seq);
    if (entry.expiresAt !== 0) this.volatileCount--;
  }

  private recordAccess(entry: KeyEntry): void {
    // The LFU counter decays since the last access before it is incremented (updateLFU).
    if (this.server.lfuEnabled) entry.lfu = this.server.lfuIncrement(this.lfuCounter(entry));
    entry.accessedAt = this.server.clock.now();
  }
}

function heapPush(heap: Array<{ at: number; key: Bytes }>, item: { at: number; key: Bytes }): void {
  heap.push(item);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((heap[parent] as { at: number }).at <= item.at) break;
    heap[i] = heap[parent] as { at: number; key: Bytes };
    i = parent;
  }
  heap[i] = item;
}

function heapPop(heap: Array<{ at: number; key: Bytes }>): { at: number; key: Bytes } | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length === 0 || last === undefined) return top;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child = right < heap.length && (heap[right] as { at: number }).at < (heap[left] as { at: number }).at ? right : left;
    if ((heap[child] as { at: number }).at >= last.at) break;
    heap[i] = heap[child] as { at: number; key: Bytes };
    i = child;
  }
  heap[i] = last;
  return top;
}
