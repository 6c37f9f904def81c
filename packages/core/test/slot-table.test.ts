import { describe, expect, it } from 'vitest';
import { ScanOrder, SlotTable } from '../src/index.js';

/** Scans a whole table COUNT at a time, returning what it visited. */
function scanAll<T>(table: { scan(cursor: number, count: number, visit: (item: T) => void): number }, count: number, between?: () => void): T[] {
  const seen: T[] = [];
  let cursor = 0;
  do {
    cursor = table.scan(cursor, count, (item) => seen.push(item));
    between?.();
  } while (cursor !== 0);
  return seen;
}

describe('SlotTable', () => {
  it('tells the owner where compaction moves items, and keeps random picks uniform over live items', () => {
    const slots = new Map<number, number>();
    const table = new SlotTable<number>((item, slot) => slots.set(item, slot));
    for (let i = 0; i < 1000; i++) slots.set(i, table.add(i));
    for (let i = 0; i < 1000; i += 4) for (let j = i; j < i + 3; j++) table.removeAt(slots.get(j) as number);
    expect(table.size).toBe(250);
    // Every surviving item's recorded slot still addresses it: removing through it works.
    for (let i = 3; i < 1000; i += 8) table.removeAt(slots.get(i) as number);
    expect(table.size).toBe(125);
    expect([...table]).toEqual(Array.from({ length: 125 }, (_, k) => 8 * k + 7));
    const picks = new Set<number>();
    let seed = 1;
    for (let i = 0; i < 5000; i++) picks.add(table.random((n) => (seed = (seed * 16807) % 2147483647) % n) as number);
    expect(picks.size).toBe(125);
  });

  it('visits every item present for the whole scan exactly once, despite writes and compaction', () => {
    const slots = new Map<number, number>();
    const table = new SlotTable<number>((item, slot) => slots.set(item, slot));
    for (let i = 0; i < 500; i++) slots.set(i, table.add(i));
    let next = 500;
    let victim = 0;
    const seen = scanAll<number>(table, 7, () => {
      // Remove two odd items and add one new item between calls.
      for (let k = 0; k < 2 && victim < 500; k++, victim += 2) table.removeAt(slots.get(victim + 1) as number);
      slots.set(next, table.add(next++));
    });
    const evens = Array.from({ length: 250 }, (_, k) => 2 * k);
    for (const even of evens) expect(seen.filter((x) => x === even)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('an empty table has no random item and a finished scan', () => {
    const table = new SlotTable<string>();
    expect(table.random(() => 0)).toBeUndefined();
    expect(table.scan(0, 10, () => {})).toBe(0);
  });
});

describe('ScanOrder', () => {
  it('removes by sequence number after slots moved', () => {
    const order = new ScanOrder<string>();
    const seqs = Array.from({ length: 300 }, (_, i) => order.add(`k${i}`));
    for (let i = 0; i < 200; i++) order.remove(seqs[i] as number);
    order.remove(seqs[250] as number);
    order.remove(seqs[250] as number);
    const left = scanAll<string>(order, 10);
    expect(left).toHaveLength(99);
    expect(left).not.toContain('k250');
    expect(order.sample(() => 0.5)).toMatch(/^k2\d\d$/);
  });
});
