import type { Bytes } from './bytes.js';
import type { Client } from './client.js';
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
  private readonly entries = new Map<Bytes, KeyEntry>();
  private readonly order = new ScanOrder<Bytes>();
  /** Keys with an expiry, by time; stale heap items are skipped when popped. */
  private readonly expiryHeap: Array<{ at: number; key: Bytes }> = [];
  private volatileCount = 0;
  /** Clients watching each key (WATCH). */
  readonly watchers = new Map<Bytes, Set<Client>>();

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
    if (entry.expiresAt !== 0 && entry.expiresAt <= this.server.now()) {
      this.expire(key);
      return undefined;
    }
    return entry;
  }

  /** A key's value for a reading command: expires lazily and records the access. */
  lookupRead(key: Bytes, client?: Client): RedisValue | undefined {
    const entry = this.entry(key);
    if (entry === undefined) return undefined;
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
    while (heap.length > 0 && (heap[0] as { at: number }).at <= now) {
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

  /** Removes every key; WATCHers of any key in this database are signalled. */
  flush(): number {
    const removed = this.entries.size;
    this.entries.clear();
    this.order.clear();
    this.expiryHeap.length = 0;
    this.volatileCount = 0;
    this.signalAllWatchers();
    return removed;
  }

  /** Exchanges contents with another database (SWAPDB); watchers of both are signalled. */
  swapContents(other: Database): void {
    const mine = [...this.entries];
    const theirs = [...other.entries];
    this.flushQuietly();
    other.flushQuietly();
    for (const [key, entry] of theirs) this.attach(key, entry.value, entry.expiresAt);
    for (const [key, entry] of mine) other.attach(key, entry.value, entry.expiresAt);
    this.signalAllWatchers();
    other.signalAllWatchers();
  }

  private flushQuietly(): void {
    this.entries.clear();
    this.order.clear();
    this.expiryHeap.length = 0;
    this.volatileCount = 0;
  }

  // ---- signals -----------------------------------------------------------------------

  /** Marks a key modified: every client WATCHing it will fail its EXEC. */
  signalModifiedKey(key: Bytes): void {
    if (this.watchers.size === 0) return;
    const clients = this.watchers.get(key);
    if (clients === undefined) return;
    for (const client of clients) client.watchDirty = true;
  }

  /** Marks a key ready for clients blocked on it (pushes to lists, zsets, streams). */
  signalKeyAsReady(key: Bytes): void {
    this.server.signalKeyAsReady(this, key);
  }

  private signalAllWatchers(): void {
    for (const clients of this.watchers.values()) {
      for (const client of clients) client.watchDirty = true;
    }
  }

  // ---- internals ---------------------------------------------------------------------

  private insert(key: Bytes, value: RedisValue): KeyEntry {
    const entry = new KeyEntry(value, 0, this.order.add(key), this.server.clock.now(), LFU_INIT_VAL);
    this.entries.set(key, entry);
    return entry;
  }

  private remove(key: Bytes, entry: KeyEntry): void {
    this.entries.delete(key);
    this.order.remove(entry.seq);
    if (entry.expiresAt !== 0) this.volatileCount--;
  }

  private recordAccess(entry: KeyEntry): void {
    entry.accessedAt = this.server.clock.now();
    if (this.server.lfuEnabled) entry.lfu = this.server.lfuIncrement(entry.lfu);
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
