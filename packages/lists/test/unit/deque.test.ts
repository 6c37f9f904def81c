import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deque } from '../../src/deque.js';

type Op =
  | { op: 'pushBack' | 'pushFront'; v: number }
  | { op: 'popBack' | 'popFront' }
  | { op: 'insert'; at: number; v: number }
  | { op: 'removeAt'; at: number }
  | { op: 'set'; at: number; v: number }
  | { op: 'takeFront' | 'takeBack'; k: number }
  | { op: 'removeSorted'; picks: number[] };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constantFrom('pushBack' as const, 'pushFront' as const), v: fc.integer() }) },
  fc.record({ op: fc.constantFrom('popBack' as const, 'popFront' as const) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), v: fc.integer() }),
  fc.record({ op: fc.constant('removeAt' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), v: fc.integer() }),
  fc.record({ op: fc.constantFrom('takeFront' as const, 'takeBack' as const), k: fc.nat({ max: 20 }) }),
  fc.record({ op: fc.constant('removeSorted' as const), picks: fc.array(fc.nat(), { maxLength: 8 }) }),
);

/** Applies one operation to the deque and to an array model; returns what each gave. */
function apply(d: Deque<number>, model: number[], o: Op): [unknown, unknown] {
  const n = model.length;
  switch (o.op) {
    case 'pushBack':
      d.pushBack(o.v);
      model.push(o.v);
      return [0, 0];
    case 'pushFront':
      d.pushFront(o.v);
      model.unshift(o.v);
      return [0, 0];
    case 'popBack':
      return [d.popBack(), model.pop()];
    case 'popFront':
      return [d.popFront(), model.shift()];
    case 'insert': {
      const at = o.at % (n + 1);
      d.insert(at, o.v);
      model.splice(at, 0, o.v);
      return [0, 0];
    }
    case 'removeAt': {
      if (n === 0) return [0, 0];
      const at = o.at % n;
      return [d.removeAt(at), model.splice(at, 1)[0]];
    }
    case 'set': {
      if (n === 0) return [0, 0];
      d.set(o.at % n, o.v);
      model[o.at % n] = o.v;
      return [0, 0];
    }
    case 'takeFront':
      return [d.takeFront(o.k), model.splice(0, Math.min(o.k, n))];
    case 'takeBack':
      return [d.takeBack(o.k), model.splice(Math.max(0, n - o.k)).reverse()];
    case 'removeSorted': {
      if (n === 0) return [0, 0];
      const positions = [...new Set(o.picks.map((p) => p % n))].sort((a, b) => a - b);
      d.removeSorted(positions);
      for (let i = positions.length - 1; i >= 0; i--) model.splice(positions[i] as number, 1);
      return [0, 0];
    }
  }
}

describe('Deque', () => {
  it('behaves as an array under random operations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const d = new Deque<number>();
        const model: number[] = [];
        for (const o of ops) {
          const [got, want] = apply(d, model, o);
          expect(got).toEqual(want);
          expect(d.length).toBe(model.length);
        }
        expect([...d]).toEqual(model);
        expect(d.slice(0, d.length)).toEqual(model);
        expect([...d.clone()]).toEqual(model);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('wraps around the ring and grows', () => {
    const d = new Deque<number>(8);
    for (let i = 0; i < 6; i++) d.pushBack(i);
    for (let i = 0; i < 5; i++) d.popFront();
    for (let i = 0; i < 20; i++) d.pushFront(-i);
    expect(d.at(0)).toBe(-19);
    expect(d.at(d.length - 1)).toBe(5);
    expect(d.length).toBe(21);
  });

  it('gives memory back when drained', () => {
    const d = new Deque<number>();
    for (let i = 0; i < 100_000; i++) d.pushBack(i);
    expect(d.capacity).toBeGreaterThanOrEqual(100_000);
    d.takeFront(99_990);
    expect(d.capacity).toBeLessThanOrEqual(64);
    expect([...d]).toEqual([99_990, 99_991, 99_992, 99_993, 99_994, 99_995, 99_996, 99_997, 99_998, 99_999]);
  });

  it('moves the shorter side on insert and remove', () => {
    // 8000 edits near the ends of a 100k-element deque: moving the longer side would
    // shift 400 million elements; moving the shorter one, a few thousand.
    // Counted, not timed: every element moved is read through at().
    const d = new Deque<number>();
    for (let i = 0; i < 100_000; i++) d.pushBack(i);
    let reads = 0;
    const at = d.at.bind(d);
    d.at = (i: number) => {
      if (++reads > 100_000) throw new Error('moved far more elements than the shorter sides hold');
      return at(i);
    };
    for (let i = 0; i < 2000; i++) {
      d.insert(3, -1);
      d.insert(d.length - 3, -2);
      d.removeAt(2);
      d.removeAt(d.length - 2);
    }
    expect(reads).toBeLessThan(30_000);
    expect(d.length).toBe(100_000);
  });
});
