import { type Bytes, Random } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { SortedSet, type ZsetLimits } from '../../src/value.js';

const b = (s: string) => s as Bytes;
const limits: ZsetLimits = { entries: 3, value: 4 };

describe('SortedSet', () => {
  it('sets, updates and deletes, reporting what changed', () => {
    const z = new SortedSet();
    expect(z.set(b('a'), 1)).toBe('added');
    expect(z.set(b('a'), 1)).toBe('unchanged');
    expect(z.set(b('a'), 2)).toBe('updated');
    expect(z.score(b('a'))).toBe(2);
    expect(z.delete(b('a'))).toBe(true);
    expect(z.delete(b('a'))).toBe(false);
    expect(z.size).toBe(0);
    expect(z.score(b('a'))).toBeUndefined();
  });

  it('orders ties by member bytes and ranks both ways', () => {
    const z = new SortedSet();
    for (const [m, s] of [['b', 1], ['a', 1], ['\u00ff', 0], ['', 1], ['c', 2]] as const) z.set(b(m), s);
    expect([...z.members()]).toEqual(['\u00ff', '', 'a', 'b', 'c']);
    expect(z.rank(b('a'))).toBe(2);
    expect(z.rank(b('a'), true)).toBe(2);
    expect(z.rank(b('c'), true)).toBe(0);
    expect(z.rank(b('x'))).toBeUndefined();
    expect(z.at(4)).toEqual(['c', 2]);
    expect([...z.rangeByRank(1, 3, true)]).toEqual([['b', 1], ['a', 1], ['', 1]]);
  });

  it('ranges by score with exclusive bounds, reversed and offset', () => {
    const z = new SortedSet();
    for (let i = 0; i < 10; i++) z.set(b(`m${i}`), i);
    const range = { min: 2, max: 6, minExclusive: true, maxExclusive: false };
    expect([...z.rangeByScore(range)].map(([m]) => m)).toEqual(['m3', 'm4', 'm5', 'm6']);
    expect([...z.rangeByScore(range, true)].map(([m]) => m)).toEqual(['m6', 'm5', 'm4', 'm3']);
    expect([...z.rangeByScore(range, false, 2)].map(([m]) => m)).toEqual(['m5', 'm6']);
    expect([...z.rangeByScore(range, true, 3)].map(([m]) => m)).toEqual(['m3']);
    expect([...z.rangeByScore(range, true, 4)]).toEqual([]);
    expect(z.countInScoreRange(range)).toBe(4);
    expect(z.deleteRangeByScore(range)).toBe(4);
    expect(z.size).toBe(6);
    expect(z.has(b('m4'))).toBe(false);
  });

  it('converts a listpack that passes the limits, and only forward', () => {
    const z = new SortedSet();
    z.set(b('a'), 1, limits);
    z.set(b('bb'), 1, limits);
    z.set(b('cccc'), 1, limits);
    expect(z.encoding()).toBe('listpack');
    z.set(b('d'), 1, limits);
    expect(z.encoding()).toBe('skiplist');
    z.delete(b('d'));
    expect(z.encoding()).toBe('skiplist');
    z.convertToListpackIfFits(limits);
    expect(z.encoding()).toBe('listpack');
    const y = new SortedSet();
    y.set(b('12345'), 1, limits);
    expect(y.encoding()).toBe('skiplist');
    // Without limits (internal writes) nothing converts.
    const x = new SortedSet();
    for (let i = 0; i < 10; i++) x.set(b(`m${i}`), i);
    expect(x.encoding()).toBe('listpack');
  });

  it('drops the sign of -0 in a listpack, keeps it in a skiplist', () => {
    const lp = new SortedSet('listpack');
    lp.set(b('a'), -0);
    expect(Object.is(lp.score(b('a')), 0)).toBe(true);
    const sl = new SortedSet('skiplist');
    sl.set(b('a'), -0);
    expect(Object.is(sl.score(b('a')), -0)).toBe(true);
    sl.convert('listpack');
    expect(Object.is(sl.score(b('a')), 0)).toBe(true);
  });

  it('clones deeply', () => {
    const z = new SortedSet('skiplist');
    z.set(b('a'), 1);
    const copy = z.clone();
    copy.set(b('b'), 2);
    z.set(b('a'), 5);
    expect(copy.score(b('a'))).toBe(1);
    expect(z.has(b('b'))).toBe(false);
    expect(copy.encoding()).toBe('skiplist');
  });

  it('scans every member present for the whole scan exactly once, whatever changes', () => {
    const z = new SortedSet('skiplist');
    for (let i = 0; i < 500; i++) z.set(b(`m${i}`), i % 7);
    const seen = new Map<string, number>();
    let cursor = 0;
    let step = 0;
    do {
      cursor = z.scan(cursor, 17, (m) => seen.set(m, (seen.get(m) ?? 0) + 1));
      // Meanwhile: delete some old members, add new ones, change scores.
      z.delete(b(`m${step * 3 + 1}`));
      z.set(b(`new${step}`), step);
      z.set(b(`m${499 - step}`), -step);
      step++;
    } while (cursor !== 0);
    for (let i = 0; i < 500; i++) {
      const m = `m${i}`;
      if (z.has(b(m)) && i % 3 !== 1) expect(seen.get(m)).toBe(1);
    }
    for (const count of seen.values()) expect(count).toBe(1);
  });

  it('picks random members uniformly through deletions', () => {
    const z = new SortedSet();
    for (let i = 0; i < 300; i++) z.set(b(`m${i}`), i);
    for (let i = 0; i < 300; i += 2) z.delete(b(`m${i}`));
    const generator = new Random(1);
    const random = (n: number) => generator.int(n);
    const counts = new Map<string, number>();
    for (let i = 0; i < 30_000; i++) {
      const [m] = z.random(random);
      expect(z.has(m)).toBe(true);
      counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    expect(counts.size).toBe(150);
    for (const c of counts.values()) expect(c).toBeGreaterThan(100);
  });
});
