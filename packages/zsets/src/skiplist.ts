import type { Bytes } from '@fakeredis/core';

/** Redis's ZSKIPLIST_MAXLEVEL and ZSKIPLIST_P. */
export const SKIPLIST_MAX_LEVEL = 32;

/** A score interval (zrangespec): `(` bounds are exclusive. */
export interface ScoreRange {
  min: number;
  max: number;
  minExclusive: boolean;
  maxExclusive: boolean;
}

/** The `-` and `+` lex bounds: below and above every member (shared.minstring / maxstring). */
export const LEX_MIN: unique symbol = Symbol('-');
export const LEX_MAX: unique symbol = Symbol('+');
export type LexBound = Bytes | typeof LEX_MIN | typeof LEX_MAX;

/** A member interval by bytes (zlexrangespec): `(` exclusive, `[` inclusive, `-`/`+` unbounded. */
export interface LexRange {
  min: LexBound;
  max: LexBound;
  minExclusive: boolean;
  maxExclusive: boolean;
}

/**
 * One element: its member, score, the link back on level 0 and, per level, the link
 * forward and its span (how many level-0 steps it skips; 0 on a last link). Links and
 * spans share one array, [forward0, span0, forward1, span1, ...], so a step along a
 * level touches one allocation: at a million elements the walk is bound by cache misses.
 */
export class SkiplistNode {
  backward: SkiplistNode | null = null;
  /** Position in the sorted set's slot table (ZSCAN, ZRANDMEMBER); -1 when in none. */
  slot = -1;
  /** forward(i) at 2i, span(i) at 2i + 1. */
  readonly links: Array<SkiplistNode | number | null>;

  constructor(
    readonly member: Bytes,
    public score: number,
    level: number,
  ) {
    const links = new Array<SkiplistNode | number | null>(level * 2);
    for (let i = 0; i < level; i++) {
      links[2 * i] = null;
      links[2 * i + 1] = 0;
    }
    this.links = links;
  }

  get level(): number {
    return this.links.length >> 1;
  }

  /** The next element in ascending order. */
  get next(): SkiplistNode | null {
    return this.links[0] as SkiplistNode | null;
  }

  forward(level: number): SkiplistNode | null {
    return this.links[2 * level] as SkiplistNode | null;
  }

  span(level: number): number {
    return this.links[2 * level + 1] as number;
  }
}

/** True when (score, member) sorts after the node: score first, then member bytes (memcmp). */
function nodeBefore(node: SkiplistNode, score: number, member: Bytes): boolean {
  return node.score < score || (node.score === score && node.member < member);
}

export function scoreGteMin(score: number, range: ScoreRange): boolean {
  return range.minExclusive ? score > range.min : score >= range.min;
}

export function scoreLteMax(score: number, range: ScoreRange): boolean {
  return range.maxExclusive ? score < range.max : score <= range.max;
}

/** sdscmplex: `-` is below and `+` above everything, themselves included. */
export function compareLex(a: LexBound, b: LexBound): number {
  if (a === b) return 0;
  if (a === LEX_MIN || b === LEX_MAX) return -1;
  if (a === LEX_MAX || b === LEX_MIN) return 1;
  return a < b ? -1 : 1;
}

export function lexGteMin(member: Bytes, range: LexRange): boolean {
  return range.minExclusive ? compareLex(member, range.min) > 0 : compareLex(member, range.min) >= 0;
}

export function lexLteMax(member: Bytes, range: LexRange): boolean {
  return range.maxExclusive ? compareLex(member, range.max) < 0 : compareLex(member, range.max) <= 0;
}

/** True when no score can be inside the range (min above max, or an empty point). */
export function scoreRangeEmpty(range: ScoreRange): boolean {
  return range.min > range.max || (range.min === range.max && (range.minExclusive || range.maxExclusive));
}

/** True when no member can be inside the range. */
export function lexRangeEmpty(range: LexRange): boolean {
  const c = compareLex(range.min, range.max);
  return c > 0 || (c === 0 && (range.minExclusive || range.maxExclusive));
}

// Scratch arrays for the search paths; commands run one at a time, so one set is enough.
const update = new Array<SkiplistNode>(SKIPLIST_MAX_LEVEL);
const rankAt = new Array<number>(SKIPLIST_MAX_LEVEL).fill(0);

/**
 * A skiplist with spans as Redis's zskiplist: elements ordered by score then member
 * bytes, O(log n) expected insert, delete, score update, rank and select by rank. Each
 * forward link records how many elements it skips, which is what makes ranks cheap.
 * Levels are drawn with probability 1/4 per level from the list's own generator (the
 * shape affects speed only, never a reply, so it need not use the server's seed).
 */
export class Skiplist {
  readonly header = new SkiplistNode('' as Bytes, 0, SKIPLIST_MAX_LEVEL);
  tail: SkiplistNode | null = null;
  length = 0;
  level = 1;
  /** xorshift32 state for the levels. */
  private rng = 0x9e3779b9;

  /** The lowest element. */
  get first(): SkiplistNode | null {
    return this.header.links[2 * 0] as SkiplistNode | null;
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
      // Sixteen two-bit draws per word: a level is added while a draw is 0 (p = 1/4).
      for (let bits = this.rng, i = 0; i < 16; i++, bits >>>= 2) {
        if ((bits & 3) !== 0 || level === SKIPLIST_MAX_LEVEL) return level;
        level++;
      }
    }
  }

  /** Inserts an element that must not be present; returns its node. */
  insert(score: number, member: Bytes): SkiplistNode {
    const node = new SkiplistNode(member, score, this.randomLevel());
    this.link(node);
    return node;
  }

  /** Links a node (new, or unlinked by updateScore) at its place, keeping its height. */
  private link(node: SkiplistNode): void {
    const score = node.score;
    const member = node.member;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      rankAt[i] = i === this.level - 1 ? 0 : (rankAt[i + 1] as number);
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && nodeBefore(next, score, member)) {
        rankAt[i] = (rankAt[i] as number) + (x.links[2 * i + 1] as number);
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
      update[i] = x;
    }
    const level = node.level;
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rankAt[i] = 0;
        update[i] = this.header;
        this.header.links[2 * i + 1] = this.length;
      }
      this.level = level;
    }
    const rank0 = rankAt[0] as number;
    for (let i = 0; i < level; i++) {
      const prev = update[i] as SkiplistNode;
      const before = rank0 - (rankAt[i] as number);
      node.links[2 * i] = prev.links[2 * i] as SkiplistNode | null;
      prev.links[2 * i] = node;
      node.links[2 * i + 1] = (prev.links[2 * i + 1] as number) - before;
      prev.links[2 * i + 1] = before + 1;
    }
    // Links above the new node's height now skip one more element.
    for (let i = level; i < this.level; i++) (update[i] as SkiplistNode).links[2 * i + 1] = ((update[i] as SkiplistNode).links[2 * i + 1] as number) + 1;
    const prev0 = update[0] as SkiplistNode;
    node.backward = prev0 === this.header ? null : prev0;
    const after = node.links[0] as SkiplistNode | null;
    if (after !== null) after.backward = node;
    else this.tail = node;
    this.length++;
  }

  /** Unlinks `node`, whose predecessors on each level are in `update` (zslDeleteNode). */
  private unlink(node: SkiplistNode): void {
    for (let i = 0; i < this.level; i++) {
      const prev = update[i] as SkiplistNode;
      if (prev.links[2 * i] === node) {
        prev.links[2 * i + 1] = (prev.links[2 * i + 1] as number) + (node.links[2 * i + 1] as number) - 1;
        prev.links[2 * i] = node.links[2 * i] as SkiplistNode | null;
      } else {
        prev.links[2 * i + 1] = (prev.links[2 * i + 1] as number) - 1;
      }
    }
    const after = node.links[0] as SkiplistNode | null;
    if (after !== null) after.backward = node.backward;
    else this.tail = node.backward;
    while (this.level > 1 && this.header.links[2 * (this.level - 1)] === null) this.level--;
    this.length--;
  }

  /** Fills `update` with the last node before (score, member) on each level; returns the candidate. */
  private findPath(score: number, member: Bytes): SkiplistNode | null {
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && nodeBefore(next, score, member)) {
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
      update[i] = x;
    }
    return x.links[2 * 0] as SkiplistNode | null;
  }

  /** Deletes the element (score, member); false when it is not there. */
  delete(score: number, member: Bytes): boolean {
    const node = this.findPath(score, member);
    if (node === null || node.score !== score || node.member !== member) return false;
    this.unlink(node);
    return true;
  }

  /**
   * Changes the score of an element that is present (zslUpdateScore): in place when it
   * keeps its position, else unlinked and linked again at its new place. The node stays
   * the same object. Returns it.
   */
  updateScore(current: number, member: Bytes, score: number): SkiplistNode {
    const node = this.findPath(current, member);
    if (node === null || node.score !== current || node.member !== member) {
      throw new Error('skiplist: updateScore of a missing element');
    }
    const before = node.backward;
    const after = node.links[0] as SkiplistNode | null;
    if ((before === null || before.score < score) && (after === null || after.score > score)) {
      node.score = score;
      return node;
    }
    this.unlink(node);
    node.score = score;
    this.link(node);
    return node;
  }

  /** 1-based rank of (score, member), 0 when absent (zslGetRank). */
  rank(score: number, member: Bytes): number {
    let rank = 0;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && (next.score < score || (next.score === score && next.member <= member))) {
        rank += x.links[2 * i + 1] as number;
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
      if (x !== this.header && x.member === member) return rank;
    }
    return 0;
  }

  /** The element of 1-based rank `rank`, null when out of range (zslGetElementByRank). */
  byRank(rank: number): SkiplistNode | null {
    if (rank < 1 || rank > this.length) return null;
    let traversed = 0;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && traversed + (x.links[2 * i + 1] as number) <= rank) {
        traversed += x.links[2 * i + 1] as number;
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
      if (traversed === rank) return x;
    }
    return null;
  }

  /** True when some element's score is inside the range (zslIsInRange). */
  hasInScoreRange(range: ScoreRange): boolean {
    if (scoreRangeEmpty(range)) return false;
    const tail = this.tail;
    const first = this.first;
    return tail !== null && first !== null && scoreGteMin(tail.score, range) && scoreLteMax(first.score, range);
  }

  /** The lowest element with its score inside the range. */
  firstInScoreRange(range: ScoreRange): SkiplistNode | null {
    if (!this.hasInScoreRange(range)) return null;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && !scoreGteMin(next.score, range)) {
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
    }
    const node = x.links[0] as SkiplistNode;
    return scoreLteMax(node.score, range) ? node : null;
  }

  /** The highest element with its score inside the range. */
  lastInScoreRange(range: ScoreRange): SkiplistNode | null {
    if (!this.hasInScoreRange(range)) return null;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && scoreLteMax(next.score, range)) {
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
    }
    return scoreGteMin(x.score, range) ? x : null;
  }

  /** True when some member is inside the lex range (zslIsInLexRange). */
  hasInLexRange(range: LexRange): boolean {
    if (lexRangeEmpty(range)) return false;
    const tail = this.tail;
    const first = this.first;
    return tail !== null && first !== null && lexGteMin(tail.member, range) && lexLteMax(first.member, range);
  }

  /** The lowest element whose member is inside the lex range (meaningful when scores are equal). */
  firstInLexRange(range: LexRange): SkiplistNode | null {
    if (!this.hasInLexRange(range)) return null;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && !lexGteMin(next.member, range)) {
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
    }
    const node = x.links[0] as SkiplistNode;
    return lexLteMax(node.member, range) ? node : null;
  }

  /** The highest element whose member is inside the lex range. */
  lastInLexRange(range: LexRange): SkiplistNode | null {
    if (!this.hasInLexRange(range)) return null;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && lexLteMax(next.member, range)) {
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
    }
    return lexGteMin(x.member, range) ? x : null;
  }

  /** Deletes the elements with scores in the range, lowest first, telling `removed` of each. */
  deleteScoreRange(range: ScoreRange, removed: (node: SkiplistNode) => void): number {
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && !scoreGteMin(next.score, range)) {
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
      update[i] = x;
    }
    return this.deleteRun(x.links[2 * 0] as SkiplistNode | null, (node) => scoreLteMax(node.score, range), removed);
  }

  /** Deletes the elements whose members are in the lex range. */
  deleteLexRange(range: LexRange, removed: (node: SkiplistNode) => void): number {
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && !lexGteMin(next.member, range)) {
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
      update[i] = x;
    }
    return this.deleteRun(x.links[2 * 0] as SkiplistNode | null, (node) => lexLteMax(node.member, range), removed);
  }

  /** Deletes the elements of 1-based ranks start..end inclusive. */
  deleteRankRange(start: number, end: number, removed: (node: SkiplistNode) => void): number {
    let traversed = 0;
    let x = this.header;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.links[2 * i] as SkiplistNode | null;
      while (next !== null && traversed + (x.links[2 * i + 1] as number) < start) {
        traversed += x.links[2 * i + 1] as number;
        x = next;
        next = x.links[2 * i] as SkiplistNode | null;
      }
      update[i] = x;
    }
    let rank = traversed + 1;
    return this.deleteRun(x.links[2 * 0] as SkiplistNode | null, () => rank++ <= end, removed);
  }

  /** Deletes consecutive elements from `node` on while `inside` holds (a listpack's range deletion). */
  deleteFrom(node: SkiplistNode, inside: (node: SkiplistNode) => boolean, removed: (node: SkiplistNode) => void): number {
    this.findPath(node.score, node.member);
    return this.deleteRun(node, inside, removed);
  }

  /** Unlinks consecutive nodes from `node` while `inside` holds; `update` holds the path to it. */
  private deleteRun(node: SkiplistNode | null, inside: (node: SkiplistNode) => boolean, removed: (node: SkiplistNode) => void): number {
    let count = 0;
    while (node !== null && inside(node)) {
      const next = node.links[0] as SkiplistNode | null;
      // The path stays valid: every predecessor of `next` is a predecessor of `node` or `node` itself, now gone.
      this.unlink(node);
      removed(node);
      count++;
      node = next;
    }
    return count;
  }
}
