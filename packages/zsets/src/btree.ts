import type { Bytes } from '@fakeredis/core';
import { type LexRange, type ScoreRange, lexGteMin, lexLteMax, lexRangeEmpty, scoreGteMin, scoreLteMax, scoreRangeEmpty } from './rangespec.js';

/** Entries per leaf and children per inner node at most; nodes below a quarter of that are refilled. */
export const BTREE_FANOUT = 64;

/**
 * One element: its member and score, the leaf it sits in (kept up to date as entries
 * move), its slot in the zset's slot table, and the height a Redis skiplist node would
 * have had (MEMORY USAGE sizes skiplist nodes by it). Its index in the leaf is found by
 * a scan of the leaf's array when needed: keeping indexes would touch every entry after
 * an insertion point, a cache miss each at a million elements.
 */
export class TreeEntry {
  /** Position in the sorted set's slot table (ZSCAN, ZRANDMEMBER); -1 when in none. */
  slot = -1;
  leaf: Leaf;

  constructor(
    readonly member: Bytes,
    public score: number,
    readonly level: number,
    leaf: Leaf,
  ) {
    this.leaf = leaf;
  }

  /** The next element in ascending order. */
  get next(): TreeEntry | null {
    const leaf = this.leaf;
    const i = indexInLeaf(leaf, this) + 1;
    if (i < leaf.entries.length) return visit(leaf, i);
    const after = leaf.next;
    return after === null || after.entries.length === 0 ? null : visit(after, 0);
  }

  /** The previous element. */
  get backward(): TreeEntry | null {
    const leaf = this.leaf;
    const i = indexInLeaf(leaf, this);
    if (i > 0) return visit(leaf, i - 1);
    const before = leaf.prev;
    return before === null || before.entries.length === 0 ? null : visit(before, before.entries.length - 1);
  }
}


/** entries[i] of the leaf, remembered as the leaf's hint. */
function visit(leaf: Leaf, i: number): TreeEntry {
  leaf.hint = i;
  return leaf.entries[i] as TreeEntry;
}

/**
 * An entry's index in its leaf: the leaf's hint (where the last entry handed out from it
 * sits, so a walk by next or backward needs no scan) when it still holds, else a scan.
 */
function indexInLeaf(leaf: Leaf, entry: TreeEntry): number {
  return leaf.entries[leaf.hint] === entry ? leaf.hint : leaf.entries.indexOf(entry);
}

/**
 * A leaf: entries in order and their scores beside them (searched without visiting each
 * entry; only comparisons read them, so a -0 left there by a normalisation is harmless),
 * linked to its neighbours for next and backward.
 */
export class Leaf {
  entries: TreeEntry[] = [];
  scores: number[] = [];
  prev: Leaf | null = null;
  next: Leaf | null = null;
  /** Index of the entry last handed out from this leaf (see indexInLeaf). */
  hint = 0;
}

/**
 * An inner node: its children, each child's element count, and each child's separator
 * (score, member), a lower bound of the child's keys that is above every key of the child
 * before it. The first child's separator is unused (a merge fills it in from the parent).
 */
export class Inner {
  constructor(
    public children: Array<Inner | Leaf>,
    public counts: number[],
    public scores: number[],
    public members: Bytes[],
  ) {}
}

/** True when (s1, m1) sorts before (s2, m2): score first, then member bytes (memcmp). */
function less(s1: number, m1: Bytes, s2: number, m2: Bytes): boolean {
  return s1 < s2 || (s1 === s2 && m1 < m2);
}

/** The child of `node` whose keys may include (score, member). */
function childFor(node: Inner, score: number, member: Bytes): number {
  const scores = node.scores;
  const members = node.members;
  let lo = 1;
  let hi = scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (less(score, member, scores[mid] as number, members[mid] as Bytes)) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** First index in the leaf whose entry is not before (score, member). */
function leafLowerBound(leaf: Leaf, score: number, member: Bytes): number {
  const scores = leaf.scores;
  let lo = 0;
  let hi = scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = scores[mid] as number;
    if (s < score || (s === score && (leaf.entries[mid] as TreeEntry).member < member)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sum(counts: number[]): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] as number;
  return total;
}

/** Points entries[from..] at `leaf`, where they have moved. */
function rehome(leaf: Leaf, from: number): void {
  const entries = leaf.entries;
  for (let i = from; i < entries.length; i++) (entries[i] as TreeEntry).leaf = leaf;
}

/**
 * A predicate on keys that holds for a prefix (or a suffix) of the order. Score tests
 * (`lex` false) are not shown leaf members, to spare a visit to each entry probed.
 */
type KeyTest = (score: number, member: Bytes) => boolean;

/** The leaf of entries no longer in any tree: empty and unlinked. */
const DETACHED = new Leaf();
const NO_MEMBER = '' as Bytes;


/**
 * A counted B+tree ordered by score then member bytes: the order-statistics structure of
 * a sorted set, with the same operations as Redis's skiplist with spans (O(log n)
 * insert, delete, score update, rank, select by rank and range searches). Leaves hold up
 * to 64 entries and are chained; inner nodes keep each child's element count, which is
 * what makes ranks cheap. Entries are stable objects: splits and merges move them between
 * leaves and update their leaf pointers, so a handle stays valid until it is deleted.
 */
export class CountedBTree {
  length = 0;
  /** Inner levels above the leaves. */
  height = 0;
  root: Inner | Leaf;
  /** The leftmost leaf never changes: splits keep the left half, merges keep the left node. */
  readonly head = new Leaf();
  private tailLeaf: Leaf;
  private readonly max: number;
  private readonly min: number;
  /** xorshift32 state for the skiplist heights. */
  private rng = 0x9e3779b9;
  // The last search path (inner nodes and the child taken in each) and the leaf it reached.
  private readonly pathNodes: Inner[] = [];
  private readonly pathIdx: number[] = [];
  private foundLeaf: Leaf;

  constructor(fanout = BTREE_FANOUT) {
    this.max = fanout;
    this.min = Math.max(2, fanout >> 2);
    this.root = this.head;
    this.tailLeaf = this.head;
    this.foundLeaf = this.head;
  }

  /** The lowest element. */
  get first(): TreeEntry | null {
    return this.head.entries[0] ?? null;
  }

  /** The highest element. */
  get tail(): TreeEntry | null {
    const entries = this.tailLeaf.entries;
    return entries[entries.length - 1] ?? null;
  }

  /** zslRandomLevel: each further level with probability 1/4, capped at 32. */
  private randomLevel(): number {
    let level = 1;
    for (;;) {
      let x = this.rng;
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      this.rng = x >>> 0;
      for (let bits = this.rng, i = 0; i < 16; i++, bits >>>= 2) {
        if ((bits & 3) !== 0 || level === 32) return level;
        level++;
      }
    }
  }

  /** Inserts an element that must not be present; returns its entry. */
  insert(score: number, member: Bytes): TreeEntry {
    const entry = new TreeEntry(member, score, this.randomLevel(), this.head);
    this.link(entry);
    return entry;
  }

  /** Places an entry (new, or removed by updateScore) at its key, counting it on the way down. */
  private link(entry: TreeEntry): void {
    const score = entry.score;
    const member = entry.member;
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as Inner;
      const i = childFor(inner, score, member);
      this.pathNodes[d] = inner;
      this.pathIdx[d] = i;
      inner.counts[i] = (inner.counts[i] as number) + 1;
      node = inner.children[i] as Inner | Leaf;
    }
    const leaf = node as Leaf;
    const j = leafLowerBound(leaf, score, member);
    leaf.entries.splice(j, 0, entry);
    leaf.scores.splice(j, 0, score);
    entry.leaf = leaf;
    this.length++;
    if (leaf.entries.length > this.max) this.splitLeaf(leaf);
  }

  private splitLeaf(leaf: Leaf): void {
    const right = new Leaf();
    const half = leaf.entries.length >> 1;
    right.entries = leaf.entries.splice(half);
    right.scores = leaf.scores.splice(half);
    rehome(right, 0);
    right.next = leaf.next;
    right.prev = leaf;
    if (leaf.next !== null) leaf.next.prev = right;
    else this.tailLeaf = right;
    leaf.next = right;
    const first = right.entries[0] as TreeEntry;
    this.addSibling(this.height, right, right.entries.length, first.score, first.member);
  }

  /** Puts `right`, split off the node at `depth` on the path, beside it in its parent. */
  private addSibling(depth: number, right: Inner | Leaf, rightCount: number, score: number, member: Bytes): void {
    if (depth === 0) {
      const left = this.root;
      this.root = new Inner([left, right], [this.length - rightCount, rightCount], [score, score], [member, member]);
      this.height++;
      return;
    }
    const parent = this.pathNodes[depth - 1] as Inner;
    const i = this.pathIdx[depth - 1] as number;
    parent.children.splice(i + 1, 0, right);
    parent.counts[i] = (parent.counts[i] as number) - rightCount;
    parent.counts.splice(i + 1, 0, rightCount);
    parent.scores.splice(i + 1, 0, score);
    parent.members.splice(i + 1, 0, member);
    if (parent.children.length <= this.max) return;
    const half = parent.children.length >> 1;
    const sibling = new Inner(parent.children.splice(half), parent.counts.splice(half), parent.scores.splice(half), parent.members.splice(half));
    this.addSibling(depth - 1, sibling, sum(sibling.counts), sibling.scores[0] as number, sibling.members[0] as Bytes);
  }

  /** Finds (score, member), filling the path; returns its index in its leaf (`foundLeaf`) or -1. */
  private locate(score: number, member: Bytes): number {
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as Inner;
      const i = childFor(inner, score, member);
      this.pathNodes[d] = inner;
      this.pathIdx[d] = i;
      node = inner.children[i] as Inner | Leaf;
    }
    const leaf = node as Leaf;
    this.foundLeaf = leaf;
    const j = leafLowerBound(leaf, score, member);
    const entry = leaf.entries[j];
    return entry !== undefined && entry.score === score && entry.member === member ? j : -1;
  }

  /** Removes entries[from, to) of the leaf the path leads to, then refills the leaf if it ran low. */
  private removeFromLeaf(leaf: Leaf, from: number, to: number): TreeEntry[] {
    const gone = leaf.entries.splice(from, to - from);
    leaf.scores.splice(from, to - from);
    // A removed entry has no neighbours (next and backward answer null).
    for (const entry of gone) entry.leaf = DETACHED;
    const n = to - from;
    for (let d = 0; d < this.height; d++) {
      const inner = this.pathNodes[d] as Inner;
      const i = this.pathIdx[d] as number;
      inner.counts[i] = (inner.counts[i] as number) - n;
    }
    this.length -= n;
    if (this.height > 0 && leaf.entries.length < this.min) this.refill(this.height, leaf);
    return gone;
  }

  /**
   * Refills the node at `depth` on the path, which is below the minimum: merged with a
   * neighbour when both fit in one node, else the two share their elements evenly.
   */
  private refill(depth: number, node: Inner | Leaf): void {
    const parent = this.pathNodes[depth - 1] as Inner;
    const i = this.pathIdx[depth - 1] as number;
    const li = i > 0 ? i - 1 : 0;
    const counts = parent.counts;
    if (node instanceof Leaf) {
      const left = parent.children[li] as Leaf;
      const right = parent.children[li + 1] as Leaf;
      const total = left.entries.length + right.entries.length;
      if (total <= this.max) {
        const from = left.entries.length;
        for (const e of right.entries) left.entries.push(e);
        for (const s of right.scores) left.scores.push(s);
        rehome(left, from);
        left.next = right.next;
        if (right.next !== null) right.next.prev = left;
        else this.tailLeaf = left;
        this.dropChild(parent, li);
      } else {
        const all = left.entries.concat(right.entries);
        const allScores = left.scores.concat(right.scores);
        const half = total >> 1;
        left.entries = all.slice(0, half);
        right.entries = all.slice(half);
        left.scores = allScores.slice(0, half);
        right.scores = allScores.slice(half);
        rehome(left, 0);
        rehome(right, 0);
        counts[li] = half;
        counts[li + 1] = total - half;
        const first = right.entries[0] as TreeEntry;
        parent.scores[li + 1] = first.score;
        parent.members[li + 1] = first.member;
        return;
      }
    } else {
      const left = parent.children[li] as Inner;
      const right = parent.children[li + 1] as Inner;
      // The right node's first separator is the parent's.
      right.scores[0] = parent.scores[li + 1] as number;
      right.members[0] = parent.members[li + 1] as Bytes;
      const total = left.children.length + right.children.length;
      if (total <= this.max) {
        left.children.push(...right.children);
        left.counts.push(...right.counts);
        left.scores.push(...right.scores);
        left.members.push(...right.members);
        this.dropChild(parent, li);
      } else {
        const half = total >> 1;
        const children = left.children.concat(right.children);
        const cs = left.counts.concat(right.counts);
        const ss = left.scores.concat(right.scores);
        const ms = left.members.concat(right.members);
        left.children = children.slice(0, half);
        left.counts = cs.slice(0, half);
        left.scores = ss.slice(0, half);
        left.members = ms.slice(0, half);
        right.children = children.slice(half);
        right.counts = cs.slice(half);
        right.scores = ss.slice(half);
        right.members = ms.slice(half);
        counts[li] = sum(left.counts);
        counts[li + 1] = sum(right.counts);
        parent.scores[li + 1] = right.scores[0] as number;
        parent.members[li + 1] = right.members[0] as Bytes;
        return;
      }
    }
    // The parent lost a child: a root left with one child gives way to it.
    if (depth - 1 === 0) {
      if (parent.children.length === 1) {
        this.root = parent.children[0] as Inner | Leaf;
        this.height--;
      }
    } else if (parent.children.length < this.min) {
      this.refill(depth - 1, parent);
    }
  }

  /** Removes child li + 1 of `parent`, already merged into child li. */
  private dropChild(parent: Inner, li: number): void {
    parent.counts[li] = (parent.counts[li] as number) + (parent.counts[li + 1] as number);
    parent.children.splice(li + 1, 1);
    parent.counts.splice(li + 1, 1);
    parent.scores.splice(li + 1, 1);
    parent.members.splice(li + 1, 1);
  }

  /** Deletes the element (score, member); false when it is not there. */
  delete(score: number, member: Bytes): boolean {
    const j = this.locate(score, member);
    if (j < 0) return false;
    this.removeFromLeaf(this.foundLeaf, j, j + 1);
    return true;
  }

  /**
   * Changes the score of an element that is present: in place when it keeps its position
   * inside its leaf (the separators above stay right), else removed and placed again.
   * The entry stays the same object. Returns it.
   */
  updateScore(current: number, member: Bytes, score: number): TreeEntry {
    const j = this.locate(current, member);
    if (j < 0) throw new Error('btree: updateScore of a missing element');
    const leaf = this.foundLeaf;
    const entries = leaf.entries;
    const entry = entries[j] as TreeEntry;
    if (j > 0 && j < entries.length - 1) {
      const before = entries[j - 1] as TreeEntry;
      const after = entries[j + 1] as TreeEntry;
      if (less(before.score, before.member, score, member) && less(score, member, after.score, after.member)) {
        entry.score = score;
        leaf.scores[j] = score;
        return entry;
      }
    }
    this.removeFromLeaf(leaf, j, j + 1);
    entry.score = score;
    this.link(entry);
    return entry;
  }

  /** 1-based rank of (score, member), 0 when absent. */
  rank(score: number, member: Bytes): number {
    let rank = 0;
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as Inner;
      const i = childFor(inner, score, member);
      const counts = inner.counts;
      for (let k = 0; k < i; k++) rank += counts[k] as number;
      node = inner.children[i] as Inner | Leaf;
    }
    const leaf = node as Leaf;
    const j = leafLowerBound(leaf, score, member);
    const entry = leaf.entries[j];
    return entry !== undefined && entry.score === score && entry.member === member ? rank + j + 1 : 0;
  }

  /** The element of 1-based rank `rank`, null when out of range. */
  byRank(rank: number): TreeEntry | null {
    if (rank < 1 || rank > this.length) return null;
    let r = rank - 1;
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as Inner;
      const counts = inner.counts;
      let i = 0;
      while (r >= (counts[i] as number)) r -= counts[i++] as number;
      node = inner.children[i] as Inner | Leaf;
    }
    return visit(node as Leaf, r);
  }

  /**
   * The first element for which `reached` holds, where it is false on a prefix of the
   * order and true after; the path leads to the leaf searched.
   */
  private firstWhere(reached: KeyTest, lex: boolean): TreeEntry | null {
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as Inner;
      const scores = inner.scores;
      const members = inner.members;
      let lo = 1;
      let hi = scores.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (reached(scores[mid] as number, members[mid] as Bytes)) hi = mid;
        else lo = mid + 1;
      }
      this.pathNodes[d] = inner;
      this.pathIdx[d] = lo - 1;
      node = inner.children[lo - 1] as Inner | Leaf;
    }
    const leaf = node as Leaf;
    const entries = leaf.entries;
    const scores = leaf.scores;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (reached(scores[mid] as number, lex ? (entries[mid] as TreeEntry).member : NO_MEMBER)) hi = mid;
      else lo = mid + 1;
    }
    if (lo < entries.length) return visit(leaf, lo);
    // Separators are lower bounds: the answer may open the next leaf.
    return leaf.next === null || leaf.next.entries.length === 0 ? null : visit(leaf.next, 0);
  }

  /** The last element for which `within` holds, where it is true on a prefix of the order and false after. */
  private lastWhere(within: KeyTest, lex: boolean): TreeEntry | null {
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as Inner;
      const scores = inner.scores;
      const members = inner.members;
      let lo = 1;
      let hi = scores.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (within(scores[mid] as number, members[mid] as Bytes)) lo = mid + 1;
        else hi = mid;
      }
      node = inner.children[lo - 1] as Inner | Leaf;
    }
    const leaf = node as Leaf;
    const entries = leaf.entries;
    const scores = leaf.scores;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (within(scores[mid] as number, lex ? (entries[mid] as TreeEntry).member : NO_MEMBER)) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) return visit(leaf, lo - 1);
    // Every entry of this leaf is past the end: the answer closes the previous leaf.
    const before = leaf.prev;
    return before === null || before.entries.length === 0 ? null : visit(before, before.entries.length - 1);
  }

  /** True when some element's score is inside the range (zslIsInRange). */
  hasInScoreRange(range: ScoreRange): boolean {
    if (scoreRangeEmpty(range)) return false;
    const tail = this.tail;
    const first = this.first;
    return tail !== null && first !== null && scoreGteMin(tail.score, range) && scoreLteMax(first.score, range);
  }

  /** The lowest element with its score inside the range. */
  firstInScoreRange(range: ScoreRange): TreeEntry | null {
    if (!this.hasInScoreRange(range)) return null;
    const entry = this.firstWhere((score) => scoreGteMin(score, range), false);
    return entry !== null && scoreLteMax(entry.score, range) ? entry : null;
  }

  /** The highest element with its score inside the range. */
  lastInScoreRange(range: ScoreRange): TreeEntry | null {
    if (!this.hasInScoreRange(range)) return null;
    const entry = this.lastWhere((score) => scoreLteMax(score, range), false);
    return entry !== null && scoreGteMin(entry.score, range) ? entry : null;
  }

  /** True when some member is inside the lex range (zslIsInLexRange). */
  hasInLexRange(range: LexRange): boolean {
    if (lexRangeEmpty(range)) return false;
    const tail = this.tail;
    const first = this.first;
    return tail !== null && first !== null && lexGteMin(tail.member, range) && lexLteMax(first.member, range);
  }

  /** The lowest element whose member is inside the lex range (meaningful when scores are equal). */
  firstInLexRange(range: LexRange): TreeEntry | null {
    if (!this.hasInLexRange(range)) return null;
    const entry = this.firstWhere((_, member) => lexGteMin(member, range), true);
    return entry !== null && lexLteMax(entry.member, range) ? entry : null;
  }

  /** The highest element whose member is inside the lex range. */
  lastInLexRange(range: LexRange): TreeEntry | null {
    if (!this.hasInLexRange(range)) return null;
    const entry = this.lastWhere((_, member) => lexLteMax(member, range), true);
    return entry !== null && lexGteMin(entry.member, range) ? entry : null;
  }

  /** Deletes the elements with scores in the range, lowest first, telling `removed` of each. */
  deleteScoreRange(range: ScoreRange, removed: (entry: TreeEntry) => void): number {
    const first = this.firstWhere((score) => scoreGteMin(score, range), false);
    return this.deleteRun(first, (entry) => scoreLteMax(entry.score, range), removed);
  }

  /** Deletes the elements whose members are in the lex range. */
  deleteLexRange(range: LexRange, removed: (entry: TreeEntry) => void): number {
    const first = this.firstWhere((_, member) => lexGteMin(member, range), true);
    return this.deleteRun(first, (entry) => lexLteMax(entry.member, range), removed);
  }

  /** Deletes the elements of 1-based ranks start..end inclusive. */
  deleteRankRange(start: number, end: number, removed: (entry: TreeEntry) => void): number {
    let rank = Math.max(start, 1);
    return this.deleteRun(this.byRank(rank), () => rank++ <= end, removed);
  }

  /** Deletes consecutive elements from `entry` on while `inside` holds (a listpack's range deletion). */
  deleteFrom(entry: TreeEntry, inside: (entry: TreeEntry) => boolean, removed: (entry: TreeEntry) => void): number {
    return this.deleteRun(entry, inside, removed);
  }

  /**
   * Deletes consecutive elements from `entry` on while `inside` holds, a leaf's run at a
   * time; `inside` is asked once per element, in order, up to the first that is outside.
   */
  private deleteRun(entry: TreeEntry | null, inside: (entry: TreeEntry) => boolean, removed: (entry: TreeEntry) => void): number {
    let count = 0;
    while (entry !== null) {
      const from = this.locate(entry.score, entry.member);
      const leaf = this.foundLeaf;
      const entries = leaf.entries;
      let to = from;
      while (to < entries.length && inside(entries[to] as TreeEntry)) to++;
      const done = to < entries.length;
      const after = done || leaf.next === null ? null : (leaf.next.entries[0] ?? null);
      if (to > from) {
        const gone = this.removeFromLeaf(leaf, from, to);
        for (const e of gone) removed(e);
        count += gone.length;
      }
      entry = after;
    }
    return count;
  }
}
