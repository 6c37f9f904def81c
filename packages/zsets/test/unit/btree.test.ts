import type { Bytes } from '@fakeredis/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountedBTree, Inner, Leaf, type TreeEntry } from '../../src/btree.js';
import { LEX_MAX, LEX_MIN, type LexRange, type ScoreRange, lexGteMin, lexLteMax, scoreGteMin, scoreLteMax } from '../../src/rangespec.js';

type Entry = [score: number, member: Bytes];

const compare = (a: Entry, b: Entry): number => (a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
const before = (s1: number, m1: Bytes, s2: number, m2: Bytes): boolean => s1 < s2 || (s1 === s2 && m1 < m2);

/**
 * A failed invariant. The walk runs after every operation of thousands of random runs:
 * plain comparisons, as vitest's expect costs a few microseconds a call, which made the
 * property tests CPU-bound for tens of seconds on a loaded machine.
 */
function fail(what: string, actual: unknown, expected: unknown): never {
  throw new Error(`${what}: got ${String(actual)}, expected ${String(expected)}`);
}
function same(actual: unknown, expected: unknown, what: string): void {
  if (!Object.is(actual, expected)) fail(what, actual, expected);
}
function atMost(actual: number, bound: number, what: string): void {
  if (!(actual <= bound)) fail(what, actual, `at most ${bound}`);
}
function atLeast(actual: number, bound: number, what: string): void {
  if (!(actual >= bound)) fail(what, actual, `at least ${bound}`);
}

/**
 * Walks a subtree: every leaf at the same depth, node sizes within bounds (the root may
 * be smaller), each parent's counts equal to the children's sizes, each separator at or
 * below its child's keys and above the keys of the child before it, and every entry
 * pointing at its leaf and index. Returns the subtree's entries in order.
 */
function walk(tree: CountedBTree, node: Inner | Leaf, depth: number, fanout: number, isRoot: boolean, leaves: Leaf[]): TreeEntry[] {
  const min = Math.max(2, fanout >> 2);
  if (node instanceof Leaf) {
    same(depth, tree.height, 'leaf depth');
    atMost(node.entries.length, fanout, 'leaf size');
    if (!isRoot) atLeast(node.entries.length, min, 'leaf size');
    same(node.scores.length, node.entries.length, 'leaf scores');
    node.entries.forEach((e, i) => {
      if (e.leaf !== node || node.scores[i] !== e.score) throw new Error(`entry ${e.member} has a stale leaf or score`);
    });
    leaves.push(node);
    return node.entries;
  }
  atMost(node.children.length, fanout, 'inner node size');
  atLeast(node.children.length, isRoot ? 2 : min, 'inner node size');
  same(node.counts.length, node.children.length, 'inner counts');
  same(node.scores.length, node.children.length, 'inner scores');
  same(node.members.length, node.children.length, 'inner members');
  const all: TreeEntry[] = [];
  node.children.forEach((child, i) => {
    const entries = walk(tree, child, depth + 1, fanout, false, leaves);
    same(node.counts[i], entries.length, `count of child ${i}`);
    if (i > 0) {
      const s = node.scores[i] as number;
      const m = node.members[i] as Bytes;
      for (const e of entries) if (before(e.score, e.member, s, m)) throw new Error(`entry ${e.member} below its separator`);
      const last = all[all.length - 1] as TreeEntry;
      if (!before(last.score, last.member, s, m)) throw new Error(`entry ${last.member} of the child before at or above separator ${m}`);
    }
    all.push(...entries);
  });
  return all;
}

/** Checks the tree against the sorted model: order, links both ways, tail, counts, shape. */
function checkInvariants(tree: CountedBTree, model: Entry[], fanout: number): void {
  const leaves: Leaf[] = [];
  const entries = walk(tree, tree.root, 0, fanout, true, leaves);
  // The order first, whole (a diff to read when it fails), only when an entry differs.
  const differs = entries.length !== model.length || entries.some((e, i) => e.score !== model[i]?.[0] || e.member !== model[i]?.[1]);
  if (differs) expect(entries.map((e): Entry => [e.score, e.member])).toEqual(model);
  same(tree.length, model.length, 'tree length');
  same(leaves[0], tree.head, 'head leaf');
  leaves.forEach((leaf, i) => {
    same(leaf.prev, leaves[i - 1] ?? null, `leaf ${i} prev`);
    same(leaf.next, leaves[i + 1] ?? null, `leaf ${i} next`);
  });
  let i = 0;
  for (let e = tree.first; e !== null; e = e.next) same(e, entries[i++], `entry ${i - 1} walking forward`);
  same(i, entries.length, 'entries walking forward');
  i = entries.length;
  for (let e = tree.tail; e !== null; e = e.backward) same(e, entries[--i], `entry ${i} walking backward`);
  same(i, 0, 'entries walking backward');
}

const member = fc.oneof(fc.constantFrom('', 'a', 'b', 'ab', '\u00ff', '\u0000', 'z'), fc.integer({ min: 0, max: 60 }).map((n) => `m${n}`)) as fc.Arbitrary<Bytes>;
const score = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom(0.5, -Infinity, Infinity, 1e300, -0));
const op = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constant('set' as const), member, score) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('delete' as const), member, score) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('deleteScore' as const), score, score) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('deleteRank' as const), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 10 })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('deleteLex' as const), member, member) },
);

/** Runs operations on a tree and on a sorted array side by side; the model keeps members unique. */
function run(ops: Array<[string, unknown, unknown]>, fanout: number): { tree: CountedBTree; model: Entry[] } {
  const tree = new CountedBTree(fanout);
  let model: Entry[] = [];
  const scores = new Map<Bytes, number>();
  const removed: Bytes[] = [];
  const forget = (entry: TreeEntry) => {
    removed.push(entry.member);
    scores.delete(entry.member);
  };
  for (const [kind, a, b] of ops) {
    removed.length = 0;
    if (kind === 'set') {
      const current = scores.get(a as Bytes);
      if (current === undefined) tree.insert(b as number, a as Bytes);
      else tree.updateScore(current, a as Bytes, b as number);
      scores.set(a as Bytes, b as number);
      model = model.filter(([, m]) => m !== a);
      model.push([b as number, a as Bytes]);
      model.sort(compare);
    } else if (kind === 'delete') {
      const current = scores.get(a as Bytes);
      // Deleting with the wrong score finds nothing (-0 and 0 are the same score).
      expect(tree.delete(b as number, a as Bytes)).toBe(current === b);
      if (current === b) {
        scores.delete(a as Bytes);
        model = model.filter(([, m]) => m !== a);
      }
    } else if (kind === 'deleteScore') {
      const range: ScoreRange = { min: Math.min(a as number, b as number), max: Math.max(a as number, b as number), minExclusive: false, maxExclusive: true };
      const expected = model.filter(([s]) => scoreGteMin(s, range) && scoreLteMax(s, range));
      expect(tree.deleteScoreRange(range, forget)).toBe(expected.length);
      expect(removed).toEqual(expected.map(([, m]) => m));
      model = model.filter((e) => !expected.includes(e));
    } else if (kind === 'deleteRank') {
      const start = a as number;
      const end = start + (b as number);
      const expected = model.slice(start - 1, end);
      expect(tree.deleteRankRange(start, end, forget)).toBe(expected.length);
      expect(removed).toEqual(expected.map(([, m]) => m));
      model = model.filter((e) => !expected.includes(e));
    } else {
      const [lo, hi] = (a as Bytes) < (b as Bytes) ? [a as Bytes, b as Bytes] : [b as Bytes, a as Bytes];
      const range: LexRange = { min: lo, max: hi, minExclusive: true, maxExclusive: false };
      // Lex ranges are meaningful when scores are equal: only check then.
      if (new Set(model.map(([s]) => s)).size <= 1) {
        const expected = model.filter(([, m]) => lexGteMin(m, range) && lexLteMax(m, range));
        expect(tree.deleteLexRange(range, forget)).toBe(expected.length);
        expect(removed).toEqual(expected.map(([, m]) => m));
        model = model.filter((e) => !expected.includes(e));
      }
    }
    checkInvariants(tree, model, fanout);
  }
  return { tree, model };
}

/** Rank, select and score-range answers against the model. */
function checkQueries(tree: CountedBTree, model: Entry[], a: number, b: number): void {
  model.forEach(([s, m], i) => {
    same(tree.rank(s, m), i + 1, `rank of ${m}`);
    same(tree.byRank(i + 1)?.member, m, `member at rank ${i + 1}`);
  });
  expect(tree.rank(0.25, 'nope' as Bytes)).toBe(0);
  expect(tree.byRank(0)).toBeNull();
  expect(tree.byRank(model.length + 1)).toBeNull();
  for (const minExclusive of [false, true]) {
    for (const maxExclusive of [false, true]) {
      const range: ScoreRange = { min: a, max: b, minExclusive, maxExclusive };
      const inside = model.filter(([s]) => scoreGteMin(s, range) && scoreLteMax(s, range));
      expect(tree.firstInScoreRange(range)?.member).toBe(inside[0]?.[1]);
      expect(tree.lastInScoreRange(range)?.member).toBe(inside[inside.length - 1]?.[1]);
    }
  }
}

describe('CountedBTree', () => {
  // Fanout 4 makes trees several levels deep from a few dozen elements.
  for (const fanout of [4, 5, 8]) {
    it(`keeps order, counts, separators and links right under random operations (fanout ${fanout})`, () => {
      fc.assert(fc.property(fc.array(op, { minLength: 50, maxLength: 400 }), (ops) => void run(ops, fanout)), { numRuns: 300, seed: 7 + fanout });
    });

    it(`answers rank, select and range queries as the sorted array does (fanout ${fanout})`, () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 100 }), score, score, (ops, a, b) => {
          const { tree, model } = run(ops, fanout);
          checkQueries(tree, model, a, b);
        }),
        { numRuns: 150, seed: 11 + fanout },
      );
    });
  }

  it('grows and shrinks through several depths at the default fanout', () => {
    const tree = new CountedBTree();
    let model: Entry[] = [];
    let x = 12345;
    const rand = (n: number) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % n;
    };
    const scores = new Map<Bytes, number>();
    for (let i = 0; i < 40_000; i++) {
      const m = `m${rand(30_000)}` as Bytes;
      const s = rand(500);
      const current = scores.get(m);
      if (current === undefined) tree.insert(s, m);
      else tree.updateScore(current, m, s);
      scores.set(m, s);
    }
    model = [...scores].map(([m, s]): Entry => [s, m]).sort(compare);
    expect(tree.height).toBeGreaterThanOrEqual(2);
    checkInvariants(tree, model, 64);
    checkQueries(tree, model, 100, 101);
    // Delete a middle run, then most of the rest at random, checking on the way down.
    const gone: Bytes[] = [];
    const range: ScoreRange = { min: 100, max: 300, minExclusive: false, maxExclusive: false };
    tree.deleteScoreRange(range, (e) => gone.push(e.member));
    for (const m of gone) scores.delete(m);
    model = model.filter(([s]) => s < 100 || s > 300);
    checkInvariants(tree, model, 64);
    let step = 0;
    for (const m of [...scores.keys()]) {
      if (rand(10) === 0) continue;
      expect(tree.delete(scores.get(m) as number, m)).toBe(true);
      scores.delete(m);
      if (++step % 4000 === 0) {
        model = [...scores].map(([mm, s]): Entry => [s, mm]).sort(compare);
        checkInvariants(tree, model, 64);
      }
    }
    model = [...scores].map(([m, s]): Entry => [s, m]).sort(compare);
    checkInvariants(tree, model, 64);
    checkQueries(tree, model, 0, 99);
    tree.deleteRankRange(1, tree.length, () => {});
    checkInvariants(tree, [], 64);
    expect(tree.height).toBe(0);
  });

  it('finds lex ranges when all scores are equal', () => {
    fc.assert(
      fc.property(fc.uniqueArray(member), member, member, fc.boolean(), fc.boolean(), fc.constantFrom(4, 64), (members, lo, hi, minExclusive, maxExclusive, fanout) => {
        const tree = new CountedBTree(fanout);
        for (const m of members) tree.insert(0, m);
        const sorted = [...members].sort();
        for (const range of [
          { min: lo, max: hi, minExclusive, maxExclusive },
          { min: LEX_MIN, max: hi, minExclusive: true, maxExclusive },
          { min: lo, max: LEX_MAX, minExclusive, maxExclusive: true },
        ] as LexRange[]) {
          const inside = sorted.filter((m) => lexGteMin(m, range) && lexLteMax(m, range));
          expect(tree.firstInLexRange(range)?.member).toBe(inside[0]);
          expect(tree.lastInLexRange(range)?.member).toBe(inside[inside.length - 1]);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('gives entries skiplist heights with p = 1/4, capped at 32', () => {
    const tree = new CountedBTree();
    const n = 200_000;
    const heights = new Array<number>(33).fill(0);
    for (let i = 0; i < n; i++) (heights[tree.insert(i, `m${i}` as Bytes).level] as number)++;
    const atLeast = (k: number) => heights.slice(k).reduce((s, c) => s + c, 0) / n;
    expect(atLeast(1)).toBe(1);
    expect(atLeast(2)).toBeCloseTo(0.25, 2);
    expect(atLeast(3)).toBeCloseTo(0.0625, 2);
    expect(heights[0]).toBe(0);
  });

  it('keeps an entry object through score updates and deletions around it', () => {
    const tree = new CountedBTree(4);
    const entries = Array.from({ length: 50 }, (_, i) => tree.insert(i, `m${i}` as Bytes));
    const entry = tree.byRank(10) as TreeEntry;
    expect(tree.updateScore(entry.score, entry.member, 100)).toBe(entry);
    expect(tree.rank(100, entry.member)).toBe(50);
    expect(tree.tail).toBe(entry);
    // In place, inside its leaf.
    const mid = tree.byRank(26) as TreeEntry;
    const score = ((mid.backward as TreeEntry).score + mid.score) / 2;
    expect(tree.updateScore(mid.score, mid.member, score)).toBe(mid);
    expect(tree.rank(score, mid.member)).toBe(26);
    for (let i = 0; i < 40; i++) if (entries[i] !== entry) tree.delete((entries[i] as TreeEntry).score, (entries[i] as TreeEntry).member);
    expect(tree.tail).toBe(entry);
    expect(tree.byRank(tree.length)).toBe(entry);
    expect(() => tree.updateScore(5, 'missing' as Bytes, 1)).toThrow();
  });
});

describe('entries after they leave the tree', () => {
  it('have no neighbours, and neighbours of live entries are right while two trees are walked in turn', () => {
    const a = new CountedBTree(4);
    const b = new CountedBTree(4);
    const inA: TreeEntry[] = [];
    for (let i = 0; i < 20; i++) {
      inA.push(a.insert(i, `m${String(i).padStart(2, '0')}` as Bytes));
      b.insert(i, `n${String(i).padStart(2, '0')}` as Bytes);
    }
    const gone = inA[10] as TreeEntry;
    expect(a.delete(10, 'm10' as Bytes)).toBe(true);
    expect(gone.next).toBeNull();
    expect(gone.backward).toBeNull();
    let x = a.first;
    let y = b.first;
    const walked: string[] = [];
    while (x !== null && y !== null) {
      walked.push(x.member, y.member);
      x = x.next;
      y = y.next;
    }
    expect(walked.filter((m) => m.startsWith('m'))).toEqual(inA.filter((e) => e !== gone).map((e) => e.member));
    expect((inA[11] as TreeEntry).backward?.member).toBe('m09');
  });
});
