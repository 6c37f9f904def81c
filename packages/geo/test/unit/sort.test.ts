import { describe, expect, it } from 'vitest';
import { mergeSort, partialSort } from '../../src/sort.js';

interface Item {
  key: number;
  id: number;
}
const byKey = (a: Item, b: Item): number => (a.key > b.key ? 1 : a.key === b.key ? 0 : -1);

function items(keys: number[]): Item[] {
  return keys.map((key, id) => ({ key, id }));
}

function randomKeys(n: number, distinct: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % distinct;
  });
}

describe('mergeSort (glibc msort)', () => {
  it('sorts and keeps equal items in their order', () => {
    for (const n of [0, 1, 2, 7, 8, 41, 300]) {
      const list = items(randomKeys(n, 5, n + 1));
      const expected = list.slice().sort((a, b) => a.key - b.key || a.id - b.id);
      mergeSort(list, byKey);
      expect(list).toEqual(expected);
    }
  });
});

describe('partialSort (Redis pqsort)', () => {
  it('puts the smallest `count` items, sorted, first and keeps every item', () => {
    for (const n of [3, 7, 8, 40, 41, 100, 500]) {
      for (const count of [1, 2, 5, Math.floor(n / 2), n - 1]) {
        if (count < 1 || count >= n) continue;
        const list = items(randomKeys(n, 1000, n * 31 + count));
        const sortedKeys = list.map((i) => i.key).sort((a, b) => a - b);
        partialSort(list, byKey, 0, count - 1);
        expect(list.slice(0, count).map((i) => i.key)).toEqual(sortedKeys.slice(0, count));
        expect(list.map((i) => i.id).sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      }
    }
  });

  it('is not stable: equal items come out in its own order', () => {
    // Redis 7.0.15: 12 members at one point and one on each side, found in zset order
    // (west, s0 s1 s10 s11 s2 .. s9, near); COUNT 5 answers s8 s0 s1 s10 s11.
    const names = ['west', 's0', 's1', 's10', 's11', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 'near'];
    const dist: Record<string, number> = { west: 109.65268072706411, near: 109.52210307497553 };
    const list = names.map((name) => ({ name, key: dist[name] ?? 0.25075201913196749 }));
    partialSort(list, (a, b) => (a.key > b.key ? 1 : a.key === b.key ? 0 : -1), 0, 4);
    expect(list.map((i) => i.name)).toEqual(['s8', 's0', 's1', 's10', 's11', 's2', 's3', 's4', 's5', 's6', 's7', 's9', 'near', 'west']);
  });
});
