import {
  type Bytes, defineValueType, dictSlots, type ValueDigest, RDB_TYPE_SET, RDB_TYPE_SET_INTSET, RDB_TYPE_SET_LISTPACK, type RedisObject, tryParseInt64,
} from '@fakeredis/core';
import type { SetLimits } from './limits.js';
import { MemberTable } from './member-table.js';
import { setAllocSize, setMemoryUsage } from './memory.js';
import { loadSet, saveSet, setRdbType } from './rdb.js';

export type SetEncoding = 'intset' | 'listpack' | 'hashtable';

/** True when Redis would store the member as an integer (string2ll: canonical int64). */
export function isIntegerMember(member: Bytes): boolean {
  return tryParseInt64(member) !== undefined;
}

/** Bytes an intset element of this value needs: int16, int32 or int64. */
function intWidth(member: Bytes): number {
  const n = Number(member);
  if (n >= -32768 && n <= 32767) return 2;
  if (n >= -2147483648 && n <= 2147483647) return 4;
  return 8;
}

function compareIntegers(a: Bytes, b: Bytes): number {
  const x = Number(a);
  const y = Number(b);
  // Beyond 2^53 two numbers may round alike; BigInt settles those.
  if (x !== y || Math.abs(x) < 2 ** 53) return x - y;
  const d = BigInt(a) - BigInt(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/**
 * A Redis set. Members are kept in a MemberTable (O(1) add, delete, membership and random
 * pick); the encoding Redis would have chosen is tracked beside them, following Redis's
 * conversions step by step (intset while every member is an integer and the count is
 * within set-max-intset-entries; from 7.2 listpack for small sets; hashtable otherwise).
 * Iteration follows the encoding's order: ascending integers for an intset, insertion
 * order for a listpack, table order for a hashtable (whose order Redis leaves undefined).
 */
const SREM_EVENT = ['s', 'srem'] as const;

export class RedisSet implements RedisObject {
  readonly type = 'set';
  private table = new MemberTable();
  private enc: SetEncoding;
  /** An intset's members in ascending order, rebuilt after a change. */
  private sortedCache: Bytes[] | undefined;
  /** Element width of an intset: it grows with the values added and never shrinks. */
  private width = 2;
  /** Bucket count of a hashtable, as dict expansion and shrinking would leave it. */
  private buckets = 0;

  constructor(encoding: SetEncoding) {
    this.enc = encoding;
  }

  /**
   * A new empty set that can hold `first` (setTypeCreate): an intset for an integer,
   * else a hashtable (7.0) or, from 7.2, a listpack when `sizeHint` members fit one.
   */
  static create(first: Bytes, limits: SetLimits, sizeHint = 1): RedisSet {
    if (limits.listpack === undefined) return new RedisSet(isIntegerMember(first) ? 'intset' : 'hashtable');
    if (isIntegerMember(first) && sizeHint <= limits.intsetEntries) return new RedisSet('intset');
    if (sizeHint <= limits.listpack.entries) return new RedisSet('listpack');
    const set = new RedisSet('hashtable');
    set.buckets = dictSlots(sizeHint);
    return set;
  }

  /**
   * A set as an RDB load leaves it: `members` in order under `encoding`, an intset with
   * elements of `width` bytes; false from `add` on a duplicate member.
   */
  static loaded(encoding: SetEncoding, width = 2): { set: RedisSet; add: (member: Bytes) => boolean } {
    const set = new RedisSet(encoding);
    set.width = width;
    const add = (member: Bytes): boolean => {
      if (!set.table.add(member)) return false;
      if (set.enc === 'hashtable') set.grewHashtable();
      set.sortedCache = undefined;
      return true;
    };
    return { set, add };
  }

  /** Element width of an intset (2, 4 or 8 bytes), as intsetBlobLen writes it. */
  get intsetWidth(): number {
    return this.width;
  }

  get size(): number {
    return this.table.size;
  }

  itemCount(): number {
    return this.table.size;
  }

  encoding(): string {
    return this.enc;
  }

  has(member: Bytes): boolean {
    return this.table.has(member);
  }

  /** Adds a member (setTypeAdd), converting the encoding as Redis would; false if present. */
  add(member: Bytes, limits: SetLimits): boolean {
    switch (this.enc) {
      case 'hashtable':
        if (!this.table.add(member)) return false;
        this.grewHashtable();
        return true;
      case 'listpack': {
        if (this.table.has(member)) return false;
        const listpack = limits.listpack;
        if (listpack !== undefined && this.table.size < listpack.entries && member.length <= listpack.value) {
          this.table.add(member);
        } else {
          this.toHashtable(this.table.size + 1);
          this.table.add(member);
          this.grewHashtable();
        }
        return true;
      }
      case 'intset':
        return this.addToIntset(member, limits);
    }
  }

  private addToIntset(member: Bytes, limits: SetLimits): boolean {
    if (isIntegerMember(member)) {
      if (!this.table.add(member)) return false;
      this.width = Math.max(this.width, intWidth(member));
      this.sortedCache = undefined;
      if (this.table.size > limits.intsetEntries) this.toHashtable(this.table.size);
      return true;
    }
    // A non-integer ends the intset: a listpack if everything fits one (7.2), else a hashtable.
    const listpack = limits.listpack;
    if (listpack !== undefined && this.table.size < listpack.entries && member.length <= listpack.value && this.widestInteger() <= listpack.value) {
      this.toListpack();
    } else {
      // 7.0 presizes the table for the integers, 7.2 for one more.
      this.toHashtable(listpack === undefined ? this.table.size : this.table.size + 1);
    }
    this.table.add(member);
    if (this.enc === 'hashtable') this.grewHashtable();
    return true;
  }

  /** Removes a member (setTypeRemove); false if it was absent. */
  remove(member: Bytes): boolean {
    if (!this.table.delete(member)) return false;
    if (this.enc === 'intset') this.sortedCache = undefined;
    else if (this.enc === 'hashtable') this.shrankHashtable();
    return true;
  }

  /** A uniformly chosen member; the set must not be empty. */
  /** KeyDB's EXPIREMEMBER (RedisObject.hasMember): a member may get its own time. */
  hasMember(member: Bytes): boolean {
    return this.has(member);
  }

  /** KeyDB's active expiry of a member (setTypeRemove): the members left, -1 when absent. */
  removeMember(member: Bytes): number {
    return this.remove(member) ? this.size : -1;
  }

  /** KeyDB's active expiry signals a set it removed members from and emits "srem". */
  get memberExpiryEvent(): readonly [string, string] {
    return SREM_EVENT;
  }

  random(random: (n: number) => number): Bytes {
    return this.table.random(random);
  }

  /** The members in the order Redis's iterator yields them. */
  members(): Iterable<Bytes> {
    return this.enc === 'intset' ? this.sorted() : this.table;
  }

  /** RedisObject.elements (SORT): the members in iteration order. */
  elements(): Iterable<Bytes> {
    return this.members();
  }

  /**
   * One SSCAN step over a hashtable (see MemberTable.scan for the cursor contract).
   * Intsets and listpacks are returned whole by the caller, as Redis does.
   */
  scan(cursor: number, count: number, visit: (member: Bytes) => void): number {
    return this.table.scan(cursor, count, visit);
  }

  /** Redis 7.2's setTypeMaybeConvert: a write of `sizeHint` members that cannot fit goes to a hashtable. */
  convertForSizeHint(sizeHint: number, limits: SetLimits): void {
    const listpack = limits.listpack;
    if (listpack === undefined) return;
    if ((this.enc === 'listpack' && sizeHint > listpack.entries) || (this.enc === 'intset' && sizeHint > limits.intsetEntries)) {
      this.toHashtable(sizeHint);
    }
  }

  /** Redis 7.2's maybeConvertToIntset, for a set known to hold integers only. */
  convertToIntsetIfSmall(limits: SetLimits): void {
    if (this.enc === 'intset' || this.table.size > limits.intsetEntries) return;
    this.enc = 'intset';
    this.buckets = 0;
    this.width = 2;
    for (const member of this.table) this.width = Math.max(this.width, intWidth(member));
    this.sortedCache = undefined;
  }

  /** DEBUG DIGEST: each member xored in (order does not matter). */
  digest(digest: ValueDigest): void {
    for (const member of this.members()) digest.xor(member);
  }

  clone(): RedisSet {
    const copy = new RedisSet(this.enc);
    for (const member of this.members()) copy.table.add(member);
    copy.width = this.width;
    // setTypeDup presizes a hashtable copy for its size.
    copy.buckets = this.enc === 'hashtable' ? dictSlots(this.size) : 0;
    return copy;
  }

  /** Allocations freeing it walks (lazyfreeGetFreeEffort): a hashtable's members, else one. */
  freeEffort(): number {
    return this.enc === 'hashtable' ? this.size : 1;
  }

  /** dictEntry allocations (used_memory counts them at jemalloc's size): a hashtable's members. */
  dictEntries(): number {
    return this.enc === 'hashtable' ? this.size : 0;
  }

  /** MEMORY USAGE of the value (see memory.ts). */
  memoryUsage(samples: number): number {
    return setMemoryUsage(this.enc, this.members(), this.size, { width: this.width, buckets: this.buckets }, samples);
  }

  typeAllocSize(): number {
    return setAllocSize(this.enc, this.members(), this.size, { width: this.width, buckets: this.buckets });
  }

  // ---- conversions -----------------------------------------------------------------

  private toHashtable(capacity: number): void {
    this.enc = 'hashtable';
    this.sortedCache = undefined;
    this.buckets = dictSlots(capacity);
  }

  /** intset -> listpack: the listpack holds the integers in intset order, then new members. */
  private toListpack(): void {
    const ordered = this.sorted();
    this.table = new MemberTable();
    for (const member of ordered) this.table.add(member);
    this.enc = 'listpack';
    this.sortedCache = undefined;
  }

  private sorted(): Bytes[] {
    if (this.sortedCache === undefined) this.sortedCache = [...this.table].sort(compareIntegers);
    return this.sortedCache;
  }

  /** Digits (with sign) of the longest integer, as 7.2 checks it against set-max-listpack-value. */
  private widestInteger(): number {
    if (this.table.size === 0) return 0;
    const ordered = this.sorted();
    return Math.max((ordered[0] as Bytes).length, (ordered[ordered.length - 1] as Bytes).length);
  }

  /** dictAdd's expansion: a full table doubles to hold one more entry. */
  private grewHashtable(): void {
    const used = this.table.size - 1;
    if (this.buckets === 0) this.buckets = 4;
    else if (used >= this.buckets) this.buckets = dictSlots(used + 1);
  }

  /** setTypeRemove's dictResize: a table under 10% full shrinks to fit. */
  private shrankHashtable(): void {
    const used = this.table.size;
    if (this.buckets > 4 && (used * 100) / this.buckets < 10) this.buckets = dictSlots(used);
  }
}

/**
 * The set value type (core's defineValueType): lookup for read or write with WRONGTYPE,
 * the 's' keyspace-event class, and deletion of a set its command emptied.
 */
export const setType = defineValueType<RedisSet>({
  name: 'set',
  eventClass: 's',
  isEmpty: (set) => set.size === 0,
  rdbTypes: [RDB_TYPE_SET, RDB_TYPE_SET_INTSET, RDB_TYPE_SET_LISTPACK],
  rdbType: setRdbType,
  rdbSave: saveSet,
  rdbLoad: loadSet,
});
