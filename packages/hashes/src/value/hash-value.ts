import {
  aofRewriteBatches, type Bytes, type Database, defineValueType, dictSlots, type FakeServer, type RedisObject, ValueDigest, RDB_TYPE_HASH, RDB_TYPE_HASH_LISTPACK, RDB_TYPE_HASH_LISTPACK_EX, RDB_TYPE_HASH_METADATA, RDB_TYPE_HASH_ZIPLIST,
  RDB_TYPE_HASH_ZIPMAP, ScanOrder,
} from '@fakeredis/core';
import { hashRdbType, loadHash, saveHash } from '../rdb.js';
import { hashAllocSize, hashtableUsage, listpackUsage } from './memory.js';
import { FieldTtlHeap } from './ttl-heap.js';

const HEXPIRE_MARK = '!!hexpire!!' as Bytes;

/** Redis's encodings of a hash: listpack, listpack with TTLs (7.4+), hash table. */
export type HashEncoding = 'listpack' | 'listpackex' | 'hashtable';

/** One field's value and bookkeeping. */
export class HashField {
  constructor(
    public value: Bytes,
    /** Absolute expiry in ms since the epoch; 0 = none. */
    public expiresAt = 0,
    /** Position in the SCAN order (hashtable encoding only). */
    public seq = 0,
    /** When the TTL was set: a listpackex puts the latest of equal TTLs first. */
    public ttlStamp = 0,
  ) {}

  /**
   * A hashtable's entry keeps room for a TTL (Redis 8.6's ExpireMeta) once it had one:
   * HPERSIST leaves it; a new value (not keeping the TTL) is a new entry without it.
   */
  expirySlot = false;
}

/**
 * A hash value. Fields live in a Map (insertion order is a listpack's order); the
 * encoding is tracked as Redis converts it, one way: listpack -> listpackex (once a TTL
 * command touches it) -> hashtable (too many or too long fields). A hashtable keeps a
 * ScanOrder for HSCAN cursors and O(1) random picks; fields with a TTL are indexed by
 * a heap so the next expiry is found in O(log n).
 */
export class HashValue implements RedisObject {
  readonly type = 'hash';
  private readonly map: Map<Bytes, HashField>;
  private enc: HashEncoding;
  private order: ScanOrder<Bytes> | undefined;
  private readonly ttls: FieldTtlHeap;
  private ttlClock = 0;
  /**
   * The time the hash is registered under in the database's field-expiry index (Redis's
   * non-accurate hashTypeGetMinExpire), 0 when not registered: lowered when a field gets
   * an earlier TTL, but not raised when fields lose theirs (HPERSIST, HDEL), until an
   * expiry pass over the hash updates it. An AOF rewrite writes a registered hash field by field.
   */
  private registeredExpiry = 0;
  /** A hashtable's dict buckets as Redis 7.4+ grows and shrinks them (MEMORY USAGE from 8.6). */
  private buckets = 0;

  constructor(encoding: HashEncoding = 'listpack', map = new Map<Bytes, HashField>()) {
    this.enc = encoding;
    this.map = map;
    this.ttls = new FieldTtlHeap((field) => this.map.get(field)?.expiresAt ?? 0);
    if (encoding === 'hashtable') {
      this.buildOrder();
      this.buckets = dictSlots(map.size);
      for (const entry of map.values()) entry.expirySlot = entry.expiresAt !== 0;
    }
  }

  /** Stored fields, logically expired ones included (HLEN counts them, as Redis does). */
  get size(): number {
    return this.map.size;
  }

  itemCount(): number {
    return this.map.size;
  }

  /** Number of fields with a TTL. */
  get volatileSize(): number {
    return this.ttls.count;
  }

  get currentEncoding(): HashEncoding {
    return this.enc;
  }

  encoding(): string {
    return this.enc;
  }

  get(field: Bytes): HashField | undefined {
    return this.map.get(field);
  }

  /** RedisObject.fieldValue (SORT's `key->field`): the value of a field not due at `now`. */
  fieldValue(field: Bytes, now: number): Bytes | undefined {
    const entry = this.map.get(field);
    return entry === undefined || (entry.expiresAt !== 0 && entry.expiresAt < now) ? undefined : entry.value;
  }

  /**
   * Sets a field's value (hashTypeSet). An existing field keeps its place; its TTL is
   * dropped unless keepTtl, and a listpackex then moves it behind the fields with TTLs.
   * True when the field was created.
   */
  set(field: Bytes, value: Bytes, keepTtl = false): boolean {
    const existing = this.map.get(field);
    if (existing !== undefined) {
      existing.value = value;
      if (!keepTtl && existing.expiresAt !== 0) this.persist(field);
      existing.expirySlot = existing.expiresAt !== 0;
      return false;
    }
    const entry = new HashField(value);
    if (this.order !== undefined) {
      entry.seq = this.order.add(field);
      // dictExpandIfNeeded: a full table grows to hold one more entry.
      if (this.map.size >= this.buckets) this.buckets = dictSlots(this.map.size + 1);
    }
    this.map.set(field, entry);
    return true;
  }

  /** Removes a field; true when it was there. */
  delete(field: Bytes): boolean {
    const entry = this.map.get(field);
    if (entry === undefined) return false;
    this.map.delete(field);
    if (this.order !== undefined) {
      this.order.remove(entry.seq);
      // dictShrinkIfNeeded (7.4+): under 1/8 full, past the initial 4 buckets.
      if (this.buckets > 4 && this.map.size * 8 <= this.buckets) this.buckets = dictSlots(Math.max(this.map.size, 4));
    }
    if (entry.expiresAt !== 0) this.ttls.forget();
    return true;
  }

  /** Gives an existing field a TTL (absolute ms, > 0). */
  /** KeyDB's EXPIREMEMBER (RedisObject.hasMember): a field may get its own time. */
  hasMember(field: Bytes): boolean {
    return this.map.has(field);
  }

  /** KeyDB's active expiry of a field (hashTypeDelete, no event): the fields left, -1 when absent. */
  removeMember(field: Bytes): number {
    return this.delete(field) ? this.size : -1;
  }

  setExpiry(field: Bytes, at: number): void {
    const entry = this.map.get(field);
    if (entry === undefined) return;
    if (entry.expiresAt === 0) this.ttls.added();
    if (this.registeredExpiry === 0 || at < this.registeredExpiry) this.registeredExpiry = at;
    entry.expiresAt = at;
    if (this.enc === 'hashtable') entry.expirySlot = true;
    entry.ttlStamp = ++this.ttlClock;
    this.ttls.push(at, field);
  }

  /** Removes a field's TTL; true when it had one. A listpackex moves it to the end. */
  persist(field: Bytes): boolean {
    const entry = this.map.get(field);
    if (entry === undefined || entry.expiresAt === 0) return false;
    entry.expiresAt = 0;
    this.ttls.forget();
    if (this.enc === 'listpackex') {
      this.map.delete(field);
      this.map.set(field, entry);
    }
    return true;
  }

  /** The earliest field TTL, undefined when no field has one. */
  nextExpiry(): number | undefined {
    return this.ttls.peek();
  }

  /** The earliest field TTL, 0 when none: the database indexes the hash by it (RedisObject). */
  nextSubkeyExpiry(): number {
    return this.ttls.peek() ?? 0;
  }

  /**
   * Deletes every field whose TTL is before `now` (hashTypeExpire), as the database's
   * active expiry and HRANDFIELD do: an HDEL propagated per field, one "hexpired" event,
   * then "del" and the key itself when no field is left (no DEL propagated: the HDELs
   * emptied it). True when the hash was deleted.
   */
  expireSubkeys(db: Database, key: Bytes, now: number): boolean {
    const expired = this.takeExpired(now);
    if (expired.length === 0) return false;
    this.registeredExpiry = this.ttls.peek() ?? 0;
    // The active cycle's fields count in expired_subkeys and 8.6's expired_subkeys_active.
    db.server.stats.expiredSubkeys += expired.length;
    db.server.stats.expiredSubkeysActive += expired.length;
    // propagateHashFieldDeletion: each field goes to the AOF and replicas as its own HDEL.
    const propagator = db.server.propagator;
    if (propagator !== undefined) for (const field of expired) propagator.alsoPropagate(db.index, ['HDEL' as Bytes, key, field]);
    hashType.notify(db, 'hexpired', key);
    if (hashType.deleteIfEmpty(db, key, this)) return true;
    db.signalModifiedKey(key);
    return false;
  }

  /**
   * rewriteHashObject: HMSET key field value ..., 64 fields a command; a hash registered
   * for field expiry (7.4: one of its fields has or had a TTL) field by field, `HMSET key
   * field value`, then `HPEXPIREAT key <ms> FIELDS 1 field` for one with a TTL, in
   * iteration order.
   */
  *aofRewrite(key: Bytes, server: FakeServer): IterableIterator<Bytes[]> {
    // A registration whose time has passed with no TTL left is one Redis's active expiry dropped.
    if (this.ttls.count === 0 && this.registeredExpiry <= server.now()) {
      const pairs = (function* (entries: Iterable<[Bytes, HashField]>) {
        for (const [field, entry] of entries) {
          yield field;
          yield entry.value;
        }
      })(this.entries());
      for (const batch of aofRewriteBatches(pairs, 2)) yield ['HMSET' as Bytes, key, ...batch];
      return;
    }
    for (const [field, entry] of this.entries()) {
      yield ['HMSET' as Bytes, key, field, entry.value];
      if (entry.expiresAt !== 0) yield ['HPEXPIREAT' as Bytes, key, String(entry.expiresAt) as Bytes, 'FIELDS' as Bytes, '1' as Bytes, field];
    }
  }

  /**
   * Removes and returns the fields whose TTL is before `now`, in the order Redis deletes
   * them: a listpackex's order (by TTL, the latest set first among equal ones), else by TTL.
   */
  takeExpired(now: number): Bytes[] {
    const due: Array<[Bytes, HashField]> = [];
    for (;;) {
      const next = this.ttls.peek();
      if (next === undefined || next >= now) break;
      const field = this.ttls.pop() as Bytes;
      due.push([field, this.map.get(field) as HashField]);
      this.delete(field);
    }
    if (this.enc === 'listpackex') due.sort((a, b) => a[1].expiresAt - b[1].expiresAt || b[1].ttlStamp - a[1].ttlStamp);
    return due.map(([field]) => field);
  }

  /**
   * Fields in the order Redis iterates them: insertion order for listpack and (our)
   * hashtable; a listpackex keeps fields with TTLs first, by TTL, then the others.
   */
  *entries(): IterableIterator<[Bytes, HashField]> {
    if (this.enc !== 'listpackex' || this.ttls.count === 0) {
      yield* this.map.entries();
      return;
    }
    const volatile: Array<[Bytes, HashField]> = [];
    for (const pair of this.map) if (pair[1].expiresAt !== 0) volatile.push(pair);
    volatile.sort((a, b) => a[1].expiresAt - b[1].expiresAt || b[1].ttlStamp - a[1].ttlStamp);
    yield* volatile;
    for (const pair of this.map) if (pair[1].expiresAt === 0) yield pair;
  }

  /** The fields in iteration order, as an array (small encodings, HRANDFIELD). */
  fieldList(): Bytes[] {
    const out: Bytes[] = [];
    for (const [field] of this.entries()) out.push(field);
    return out;
  }

  /** listpack -> listpackex, as the first TTL command on a small hash does (7.4+). */
  allowTtls(): void {
    if (this.enc === 'listpack') this.enc = 'listpackex';
  }

  /** One-way conversion to a hash table. */
  convertToHashtable(): void {
    if (this.enc === 'hashtable') return;
    this.enc = 'hashtable';
    this.buildOrder();
    this.buckets = dictSlots(this.map.size);
    for (const entry of this.map.values()) entry.expirySlot = entry.expiresAt !== 0;
  }

  /** A uniformly random field of a non-empty hashtable, in O(1). */
  randomField(random: () => number): Bytes | undefined {
    return this.order?.sample(random);
  }

  /** One HSCAN step over a hashtable (see ScanOrder for the cursor contract). */
  scan(cursor: number, count: number, visit: (field: Bytes) => void): number {
    if (this.order === undefined) {
      for (const [field] of this.entries()) visit(field);
      return 0;
    }
    return this.order.scan(cursor, count, visit);
  }

  /** Allocations freeing it walks (lazyfreeGetFreeEffort): a hashtable's fields, else one. */
  freeEffort(): number {
    return this.enc === 'hashtable' ? this.size : 1;
  }

  /** dictEntry allocations (used_memory counts them at jemalloc's size): a hashtable's fields. */
  dictEntries(): number {
    return this.enc === 'hashtable' ? this.size : 0;
  }

  /** MEMORY USAGE of the value; `samples` 0 means every field. */
  memoryUsage(samples: number): number {
    if (this.enc === 'hashtable') return hashtableUsage(this.map.entries(), this.size, samples);
    return listpackUsage(this.entries(), this.enc === 'listpackex');
  }

  typeAllocSize(): number {
    return hashAllocSize(this.enc, this.enc === 'hashtable' ? this.map.entries() : this.entries(), this.size, this.buckets);
  }

  /** DEBUG DIGEST: per field, its name then its value mixed, the results xored in. */
  digest(digest: ValueDigest): void {
    for (const [field, entry] of this.entries()) {
      if (entry.expiresAt === 0) {
        digest.xorElement(field, entry.value);
        continue;
      }
      // 7.4's xorObjectDigest marks a field with a TTL (whatever its time) by xoring "!!hexpire!!" into its element.
      const element = new ValueDigest(digest.doubleFormat);
      element.mix(field);
      element.mix(entry.value);
      element.xor(HEXPIRE_MARK);
      digest.xor(element.bytes);
    }
  }

  clone(): HashValue {
    const map = new Map<Bytes, HashField>();
    for (const [field, entry] of this.map) map.set(field, new HashField(entry.value, entry.expiresAt, 0, entry.ttlStamp));
    const copy = new HashValue(this.enc, map);
    copy.ttlClock = this.ttlClock;
    for (const [field, entry] of map) {
      if (entry.expiresAt === 0) continue;
      copy.ttls.added();
      copy.ttls.push(entry.expiresAt, field);
    }
    return copy;
  }

  private buildOrder(): void {
    this.order = new ScanOrder<Bytes>();
    for (const [field, entry] of this.map) entry.seq = this.order.add(field);
  }
}

/**
 * The hash value type: lookup with WRONGTYPE, dbAdd, the 'h' keyspace events and
 * deletion of a hash left without fields.
 */
export const hashType = defineValueType<HashValue>({
  name: 'hash',
  eventClass: 'h',
  isEmpty: (hash) => hash.size === 0,
  rdbTypes: [RDB_TYPE_HASH_LISTPACK, RDB_TYPE_HASH, RDB_TYPE_HASH_LISTPACK_EX, RDB_TYPE_HASH_METADATA, RDB_TYPE_HASH_ZIPLIST, RDB_TYPE_HASH_ZIPMAP],
  rdbType: hashRdbType,
  rdbSave: saveHash,
  rdbLoad: loadHash,
});
