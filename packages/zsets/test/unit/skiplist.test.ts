import type { Bytes } from '@fakeredis/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LEX_MAX, LEX_MIN, type LexRange, type ScoreRange, Skiplist, type SkiplistNode, lexGteMin, lexLteMax, scoreGteMin, scoreLteMax } from '../../src/skiplist.js';

type Entry = [score: number, member: Bytes];

const compare = (a: Entry, b: Entry): number => (a[0] !== b[0] ? a[0] - b[0] : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

/**
 * Checks the structure against what it must be: level 0 is the sorted model, backward
 * links and the tail mirror it, each link's span counts the level-0 steps it skips
 * (header links from rank 0, links to nothing up to the end), and the list's level is
 * the height of its tallest node.
 */
function checkInvariants(list: Skiplist, model: Entry[]): void {
  const nodes: SkiplistNode[] = [];
  for (let node = list.first; node !== null; node = node.next) nodes.push(node);
  expect(nodes.map((n): Entry => [n.score, n.member])).toEqual(model);
  expect(list.length).toBe(model.length);
  expect(list.tail).toBe(nodes[nodes.length - 1] ?? null);
  nodes.forEach((node, i) => expect(node.backward).toBe(i === 0 ? null : nodes[i - 1]));
  const rankOf = new Map<SkiplistNode, number>(nodes.map((n, i) => [n, i + 1]));
  rankOf.set(list.header, 0);
  const tallest = nodes.reduce((max, n) => Math.max(max, n.level), 1);
  expect(list.level).toBe(tallest);
  for (let level = 0; level < list.level; level++) {
    let x: SkiplistNode = list.header;
    for (;;) {
      const next = x.forward(level);
      const from = rankOf.get(x) as number;
      if (next === null) {
        // A last link spans to the end of the list (or is 0 on a node, as Redis leaves it).
        if (x === list.header) expect(x.span(level)).toBe(list.length);
        break;
      }
      expect(next.level).toBeGreaterThan(level);
      expect(x.span(level)).toBe((rankOf.get(next) as number) - from);
      x = next;
    }
    // Every node at least this tall is on this level's chain.
    const onChain = nodes.filter((n) => n.level > level).length;
    let count = 0;
    for (let n = list.header.forward(level); n !== null; n = n.forward(level)) count++;
    expect(count).toBe(onChain);
  }
}

const member = fc.oneof(fc.constantFrom('', 'a', 'b', 'ab', '\u00ff', '\u0000', 'z'), fc.integer({ min: 0, max: 60 }).map((n) => `m${n}`)) as fc.Arbitrary<Bytes>;
const score = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constantFrom(0.5, -Infinity, Infinity, 1e300));
const op = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constant('set' as const), member, score) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('delete' as const), member, score) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('deleteScore' as const), score, score) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('deleteRank' as const), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 10 })) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('deleteLex' as const), member, member) },
);

/** Runs operations on a skiplist and on a sorted array side by side; the model keeps members unique. */
function run(ops: Array<[string, unknown, unknown]>): { list: Skiplist; model: Entry[] } {
  const list = new Skiplist();
  let model: Entry[] = [];
  const scores = new Map<Bytes, number>();
  const removed: Bytes[] = [];
  const forget = (node: SkiplistNode) => {
    removed.push(node.member);
    scores.delete(node.member);
  };
  for (const [kind, a, b] of ops) {
    removed.length = 0;
    if (kind === 'set') {
      const current = scores.get(a as Bytes);
      if (current === undefined) list.insert(b as number, a as Bytes);
      else list.updateScore(current, a as Bytes, b as number);
      scores.set(a as Bytes, b as number);
      model = model.filter(([, m]) => m !== a);
      model.push([b as number, a as Bytes]);
      model.sort(compare);
    } else if (kind === 'delete') {
      const current = scores.get(a as Bytes);
      // Deleting with the wrong score finds nothing.
      expect(list.delete(b as number, a as Bytes)).toBe(current === b);
      if (current === b) {
        scores.delete(a as Bytes);
        model = model.filter(([, m]) => m !== a);
      }
    } else if (kind === 'deleteScore') {
      const range: ScoreRange = { min: Math.min(a as number, b as number), max: Math.max(a as number, b as number), minExclusive: false, maxExclusive: true };
      const expected = model.filter(([s]) => scoreGteMin(s, range) && scoreLteMax(s, range));
      expect(list.deleteScoreRange(range, forget)).toBe(expected.length);
      expect(removed).toEqual(expected.map(([, m]) => m));
      model = model.filter((e) => !expected.includes(e));
    } else if (kind === 'deleteRank') {
      const start = a as number;
      const end = start + (b as number);
      const expected = model.slice(start - 1, end);
      expect(list.deleteRankRange(start, end, forget)).toBe(expected.length);
      expect(removed).toEqual(expected.map(([, m]) => m));
      model = model.filter((e) => !expected.includes(e));
    } else {
      const [lo, hi] = (a as Bytes) < (b as Bytes) ? [a as Bytes, b as Bytes] : [b as Bytes, a as Bytes];
      const range: LexRange = { min: lo, max: hi, minExclusive: true, maxExclusive: false };
      // Lex ranges are meaningful when scores are equal: only check the count then.
      if (new Set(model.map(([s]) => s)).size <= 1) {
        const expected = model.filter(([, m]) => lexGteMin(m, range) && lexLteMax(m, range));
        expect(list.deleteLexRange(range, forget)).toBe(expected.length);
        model = model.filter((e) => !expected.includes(e));
      }
    }
    checkInvariants(list, model);
  }
  return { list, model };
}

describe('Skiplist', () => {
  it('keeps order, spans, links and level right under random operations', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 120 }), (ops) => void run(ops)), { numRuns: 300, seed: 7 });
  });

  it('answers rank, select and range queries as the sorted array does', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), score, score, (ops, a, b) => {
        const { list, model } = run(ops);
        model.forEach(([s, m], i) => {
          expect(list.rank(s, m)).toBe(i + 1);
          expect(list.byRank(i + 1)?.member).toBe(m);
        });
        expect(list.rank(0.25, 'nope' as Bytes)).toBe(0);
        expect(list.byRank(0)).toBeNull();
        expect(list.byRank(model.length + 1)).toBeNull();
        for (const minExclusive of [false, true]) {
          for (const maxExclusive of [false, true]) {
            const range: ScoreRange = { min: a, max: b, minExclusive, maxExclusive };
            const inside = model.filter(([s]) => scoreGteMin(s, range) && scoreLteMax(s, range));
            expect(list.firstInScoreRange(range)?.member).toBe(inside[0]?.[1]);
            expect(list.lastInScoreRange(range)?.member).toBe(inside[inside.length - 1]?.[1]);
          }
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it('finds lex ranges when all scores are equal', () => {
    fc.assert(
      fc.property(fc.uniqueArray(member), member, member, fc.boolean(), fc.boolean(), (members, lo, hi, minExclusive, maxExclusive) => {
        const list = new Skiplist();
        for (const m of members) list.insert(0, m);
        const sorted = [...members].sort();
        for (const range of [
          { min: lo, max: hi, minExclusive, maxExclusive },
          { min: LEX_MIN, max: hi, minExclusive: true, maxExclusive },
          { min: lo, max: LEX_MAX, minExclusive, maxExclusive: true },
        ] as LexRange[]) {
          const inside = sorted.filter((m) => lexGteMin(m, range) && lexLteMax(m, range));
          expect(list.firstInLexRange(range)?.member).toBe(inside[0]);
          expect(list.lastInLexRange(range)?.member).toBe(inside[inside.length - 1]);
        }
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it('draws levels with p = 1/4, capped at 32', () => {
    const list = new Skiplist();
    const n = 200_000;
    const heights = new Array<number>(33).fill(0);
    for (let i = 0; i < n; i++) heights[list.insert(i, `m${i}` as Bytes).level]++;
    // P(level >= k) = 4^-(k-1): about 1/4 of the nodes reach level 2, 1/16 level 3.
    const atLeast = (k: number) => heights.slice(k).reduce((s, c) => s + c, 0) / n;
    expect(atLeast(2)).toBeCloseTo(0.25, 2);
    expect(atLeast(3)).toBeCloseTo(0.0625, 2);
    expect(list.level).toBeLessThanOrEqual(32);
    expect(list.level).toBeGreaterThanOrEqual(7);
  });

  it('keeps a node object through a score update', () => {
    const list = new Skiplist();
    for (let i = 0; i < 50; i++) list.insert(i, `m${i}` as Bytes);
    const node = list.byRank(10) as SkiplistNode;
    expect(list.updateScore(node.score, node.member, 100)).toBe(node);
    expect(list.rank(100, node.member)).toBe(50);
    expect(list.tail).toBe(node);
    expect(() => list.updateScore(5, 'missing' as Bytes, 1)).toThrow();
  });
});
