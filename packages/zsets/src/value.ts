import {
  aofRewriteBatches, type Bytes, type ConfigStore, defineValueType, formatDouble17g, formatDoubleFpconv, type FakeServer, type ValueDigest, RDB_TYPE_ZSET, RDB_TYPE_ZSET_2, RDB_TYPE_ZSET_LISTPACK, RDB_TYPE_ZSET_ZIPLIST, type RedisObject, type ServerProfile,
} from '@fakeredis/core';
import { CountedBTree, type TreeEntry } from './btree.js';
import { type LexRange, type ScoreRange, lexGteMin, lexLteMax, scoreGteMin, scoreLteMax } from './rangespec.js';
import { SlotTable } from './slot-table.js';
import { listpackScore } from './listpack.js';
import { zsetAllocSize, zsetMemoryUsage } from './memory.js';
import { loadZset, saveZset, zsetRdbType } from './rdb.js';

export type { LexRange, ScoreRange } from './rangespec.js';

export type ZsetEncoding = 'listpack' | 'skiplist';

/** zset-max-listpack-entries and zset-max-listpack-value, read when a zset is written. */
export interface ZsetLimits {
  readonly entries: number;
  readonly value: number;
}

export function zsetLimits(server: FakeServer): ZsetLimits {
  const config = server.config;
  return { entries: config.getNumber('zset-max-listpack-entries'), value: config.getNumber('zset-max-listpack-value') };
}

/**
 * A Redis sorted set: a counted B+tree (order, ranks, ranges; it does what Redis's
 * skiplist with spans does, with fewer cache misses) beside a Map from member to its
 * entry (O(1) score lookup), plus a slot table for ZSCAN's cursor and
 * ZRANDMEMBER's uniform pick. The structure is the same whatever the encoding; the
 * encoding Redis would report (listpack for small sets, skiplist once a limit is passed)
 * is tracked beside it, following Redis's conversions step by step. Small and large
 * encodings order members identically (score, then member bytes), so replies agree.
 */
export class SortedSet implements RedisObject {
  readonly type = 'zset';
  private readonly dict = new Map<Bytes, TreeEntry>();
  private readonly tree = new CountedBTree();
  private readonly slots = new SlotTable<TreeEntry>();
  private enc: ZsetEncoding;

  constructor(encoding: ZsetEncoding = 'listpack') {
    this.enc = encoding;
  }

  /**
   * A new empty zset for a write that will add members (7.0's ZADD and ZINCRBY): a
   * skiplist when listpacks are disabled or the first member is too long for one.
   */
  static create(limits: ZsetLimits, firstMemberLength: number): SortedSet {
    return new SortedSet(limits.entries === 0 || limits.value < firstMemberLength ? 'skiplist' : 'listpack');
  }

  /** Redis 7.2's zsetTypeCreate: sized by the number of members the write brings. */
  static createForHint(limits: ZsetLimits, sizeHint: number, lengthHint: number): SortedSet {
    return new SortedSet(sizeHint <= limits.entries && lengthHint <= limits.value ? 'listpack' : 'skiplist');
  }

  get size(): number {
    return this.dict.size;
  }

  itemCount(): number {
    return this.dict.size;
  }

  encoding(_config?: ConfigStore): ZsetEncoding {
    return this.enc;
  }

  has(member: Bytes): boolean {
    return this.dict.has(member);
  }

  score(member: Bytes): number | undefined {
    return this.dict.get(member)?.score;
  }

  /**
   * Inserts or updates the score; returns 'added' | 'updated' | 'unchanged'. With
   * `limits`, a listpack that a new member would overflow becomes a skiplist first, as
   * zsetAdd converts; callers that write user data pass them.
   */
  set(member: Bytes, score: number, limits?: ZsetLimits): 'added' | 'updated' | 'unchanged' {
    const node = this.dict.get(member);
    if (node !== undefined) {
      if (node.score === score) return 'unchanged';
      this.tree.updateScore(node.score, member, this.enc === 'listpack' ? listpackScore(score) : score);
      return 'updated';
    }
    if (limits !== undefined && this.enc === 'listpack' && (this.dict.size + 1 > limits.entries || member.length > limits.value)) {
      this.enc = 'skiplist';
    }
    if (this.enc === 'listpack') score = listpackScore(score);
    const added = this.tree.insert(score, member);
    this.dict.set(member, added);
    this.slots.add(added);
    return 'added';
  }

  delete(member: Bytes): boolean {
    const node = this.dict.get(member);
    if (node === undefined) return false;
    this.tree.delete(node.score, member);
    this.forget(node);
    return true;
  }

  /** KeyDB's EXPIREMEMBER (RedisObject.hasMember): a member may get its own time. */
  hasMember(member: Bytes): boolean {
    return this.has(member);
  }

  /** KeyDB's active expiry of a member (zsetDel, no event): the members left, -1 when absent. */
  removeMember(member: Bytes): number {
    return this.delete(member) ? this.size : -1;
  }

  private forget(node: TreeEntry): void {
    this.dict.delete(node.member);
    this.slots.remove(node);
  }

  /** 0-based rank (from the highest with `reverse`), undefined when absent. */
  rank(member: Bytes, reverse = false): number | undefined {
    const node = this.dict.get(member);
    if (node === undefined) return undefined;
    const rank = this.tree.rank(node.score, member);
    return reverse ? this.tree.length - rank : rank - 1;
  }

  /** The element at a 0-based rank in ascending order. */
  at(rank: number): [Bytes, number] | undefined {
    const node = this.tree.byRank(rank + 1);
    return node === null ? undefined : [node.member, node.score];
  }

  /** The lowest element. */
  first(): [Bytes, number] | undefined {
    const node = this.tree.first;
    return node === null ? undefined : [node.member, node.score];
  }

  /** The highest element. */
  last(): [Bytes, number] | undefined {
    const node = this.tree.tail;
    return node === null ? undefined : [node.member, node.score];
  }

  /** All [member, score] pairs, ascending (descending with `reverse`). */
  *entries(reverse = false): IterableIterator<[Bytes, number]> {
    let node = reverse ? this.tree.tail : this.tree.first;
    while (node !== null) {
      // Read the neighbour first so a caller may delete what it was given.
      const next: TreeEntry | null = reverse ? node.backward : node.next;
      yield [node.member, node.score];
      node = next;
    }
  }

  /** RedisObject.elements (SORT): the members by rank. */
  elements(): Iterable<Bytes> {
    return this.members();
  }

  /** Members in ascending order. */
  *members(): IterableIterator<Bytes> {
    for (let node = this.tree.first; node !== null; node = node.next) yield node.member;
  }

  /** Pairs of 0-based ranks start..end inclusive (already within 0..size-1), in the given direction. */
  *rangeByRank(start: number, end: number, reverse = false): IterableIterator<[Bytes, number]> {
    if (start > end || start >= this.size) return;
    // Reverse ranks count from the tail.
    let node = this.tree.byRank(reverse ? this.size - start : start + 1);
    for (let i = start; i <= end && node !== null; i++) {
      yield [node.member, node.score];
      node = reverse ? node.backward : node.next;
    }
  }

  /**
   * Ascending (or descending with reverse) [member, score] pairs with score inside the
   * range, skipping the first `offset` of them in O(log n).
   */
  *rangeByScore(range: ScoreRange, reverse = false, offset = 0): IterableIterator<[Bytes, number]> {
    let node = reverse ? this.tree.lastInScoreRange(range) : this.tree.firstInScoreRange(range);
    if (offset > 0) node = this.skip(node, offset, reverse);
    for (; node !== null; node = reverse ? node.backward : node.next) {
      if (reverse ? !scoreGteMin(node.score, range) : !scoreLteMax(node.score, range)) return;
      yield [node.member, node.score];
    }
  }

  /** Pairs whose member is inside the lex range (meaningful when all scores are equal). */
  *rangeByLex(range: LexRange, reverse = false, offset = 0): IterableIterator<[Bytes, number]> {
    let node = reverse ? this.lastInLex(range) : this.firstInLex(range);
    if (offset > 0) node = this.skip(node, offset, reverse);
    for (; node !== null; node = reverse ? node.backward : node.next) {
      if (reverse ? !lexGteMin(node.member, range) : !lexLteMax(node.member, range)) return;
      yield [node.member, node.score];
    }
  }

  /*
   * Lex ranges assume equal scores. When scores differ, Redis's answer depends on the
   * encoding: a listpack is scanned from its ends (zzlFirstInLexRange), which is what
   * these do for a listpack-encoded zset; a skiplist is searched, and as its shape is
   * random in Redis too, the tree's search is as good an answer as any there.
   */

  private firstInLex(range: LexRange): TreeEntry | null {
    if (this.enc !== 'listpack') return this.tree.firstInLexRange(range);
    if (!this.tree.hasInLexRange(range)) return null;
    for (let node = this.tree.first; node !== null; node = node.next) {
      if (lexGteMin(node.member, range)) return lexLteMax(node.member, range) ? node : null;
    }
    return null;
  }

  private lastInLex(range: LexRange): TreeEntry | null {
    if (this.enc !== 'listpack') return this.tree.lastInLexRange(range);
    if (!this.tree.hasInLexRange(range)) return null;
    for (let node = this.tree.tail; node !== null; node = node.backward) {
      if (lexLteMax(node.member, range)) return lexGteMin(node.member, range) ? node : null;
    }
    return null;
  }

  /** The node `offset` places after `node` in the given direction, by rank. */
  private skip(node: TreeEntry | null, offset: number, reverse: boolean): TreeEntry | null {
    if (node === null) return null;
    const rank = this.tree.rank(node.score, node.member);
    return this.tree.byRank(reverse ? rank - offset : rank + offset);
  }

  /** Number of elements with scores in the range, O(log n) (ZCOUNT). */
  countInScoreRange(range: ScoreRange): number {
    const first = this.tree.firstInScoreRange(range);
    if (first === null) return 0;
    const last = this.tree.lastInScoreRange(range) as TreeEntry;
    return this.tree.rank(last.score, last.member) - this.tree.rank(first.score, first.member) + 1;
  }

  /**
   * Number of elements with members in the lex range (ZLEXCOUNT): a listpack counts from
   * the first one in range while in range; a skiplist subtracts ranks, O(log n).
   */
  countInLexRange(range: LexRange): number {
    const first = this.firstInLex(range);
    if (first === null) return 0;
    if (this.enc === 'listpack') {
      let count = 0;
      for (let node: TreeEntry | null = first; node !== null && lexLteMax(node.member, range); node = node.next) count++;
      return count;
    }
    const length = this.tree.length;
    let count = length - (this.tree.rank(first.score, first.member) - 1);
    const last = this.tree.lastInLexRange(range);
    if (last !== null) count -= length - this.tree.rank(last.score, last.member);
    return count;
  }

  /** Removes the elements with scores in the range; returns how many. */
  deleteRangeByScore(range: ScoreRange): number {
    if (!this.tree.hasInScoreRange(range)) return 0;
    return this.tree.deleteScoreRange(range, (node) => this.forget(node));
  }

  /** Removes the elements with members in the lex range; returns how many. */
  deleteRangeByLex(range: LexRange): number {
    if (this.enc === 'listpack') {
      const first = this.firstInLex(range);
      if (first === null) return 0;
      return this.tree.deleteFrom(first, (node) => lexLteMax(node.member, range), (node) => this.forget(node));
    }
    if (!this.tree.hasInLexRange(range)) return 0;
    return this.tree.deleteLexRange(range, (node) => this.forget(node));
  }

  /** Removes 0-based ranks start..end inclusive (within 0..size-1); returns how many. */
  deleteRangeByRank(start: number, end: number): number {
    return this.tree.deleteRankRange(start + 1, end + 1, (node) => this.forget(node));
  }

  /** A uniformly chosen element (the set must not be empty); `random(n)` is in [0, n). */
  random(random: (n: number) => number): [Bytes, number] {
    const node = this.slots.random(random);
    return [node.member, node.score];
  }

  /** One ZSCAN step over a skiplist-encoded zset; see SlotTable.scan for the cursor. */
  scan(cursor: number, count: number, visit: (member: Bytes, score: number) => void): number {
    return this.slots.scan(cursor, count, (node) => visit(node.member, node.score));
  }

  /** The encoding Redis's zsetConvert would leave (no data moves, but a listpack drops the sign of -0). */
  convert(encoding: ZsetEncoding): void {
    if (encoding === 'listpack' && this.enc !== 'listpack') {
      for (let node = this.tree.first; node !== null; node = node.next) node.score = listpackScore(node.score);
    }
    this.enc = encoding;
  }

  /**
   * zsetConvertToListpackIfNeeded, as the *STORE commands end: a skiplist that fits the
   * limits becomes a listpack.
   */
  convertToListpackIfFits(limits: ZsetLimits): void {
    if (this.enc !== 'skiplist' || this.size > limits.entries) return;
    for (const member of this.dict.keys()) if (member.length > limits.value) return;
    this.convert('listpack');
  }

  /**
   * rewriteSortedSetObject: ZADD key score member ..., 64 members a command, scores as
   * rioWriteBulkDouble prints them ("%.17g" in 7.0, fpconv's shortest from 7.2). By rank
   * (a listpack's order; a skiplist's dict order is Redis's hash order, which no client sees).
   */
  *aofRewrite(key: Bytes, server: FakeServer): IterableIterator<Bytes[]> {
    const format = server.profile.doubleFormat === 'printf17g' ? formatDouble17g : formatDoubleFpconv;
    const pairs = (function* (entries: Iterable<[Bytes, number]>) {
      for (const [member, score] of entries) {
        yield format(score) as Bytes;
        yield member;
      }
    })(this.entries());
    for (const batch of aofRewriteBatches(pairs, 2)) yield ['ZADD' as Bytes, key, ...batch];
  }

  /** DEBUG DIGEST: per member, its name then its score mixed, the results xored in. */
  digest(digest: ValueDigest): void {
    for (const [member, score] of this.entries()) digest.xorElement(member, digest.score(score));
  }

  clone(): SortedSet {
    const copy = new SortedSet(this.enc);
    for (const [member, score] of this.entries()) copy.set(member, score);
    return copy;
  }

  /** Allocations freeing it walks (lazyfreeGetFreeEffort): a skiplist's elements, else one. */
  freeEffort(): number {
    return this.enc === 'skiplist' ? this.size : 1;
  }

  /** dictEntry allocations (used_memory counts them at jemalloc's size): a skiplist's dict. */
  dictEntries(): number {
    return this.enc === 'skiplist' ? this.size : 0;
  }

  /** MEMORY USAGE of the value (see memory.ts). */
  memoryUsage(samples: number, profile?: ServerProfile): number {
    return zsetMemoryUsage(this.enc, this.nodes(), this.size, samples, profile);
  }

  typeAllocSize(profile: ServerProfile): number {
    return zsetAllocSize(this.enc, this.nodes(), this.size, profile);
  }

  private *nodes(): IterableIterator<TreeEntry> {
    for (let node = this.tree.first; node !== null; node = node.next) yield node;
  }
}

/**
 * The sorted set value type (core's defineValueType): lookup for read or write with
 * WRONGTYPE, creation, the 'z' keyspace-event class, and deletion of a zset its command
 * emptied. Geo sets are sorted sets and use it too.
 */
export const zsetType = defineValueType<SortedSet>({
  name: 'zset',
  eventClass: 'z',
  isEmpty: (zset) => zset.size === 0,
  rdbTypes: [RDB_TYPE_ZSET_LISTPACK, RDB_TYPE_ZSET_2, RDB_TYPE_ZSET, RDB_TYPE_ZSET_ZIPLIST],
  rdbType: zsetRdbType,
  rdbSave: saveZset,
  rdbLoad: loadZset,
});
