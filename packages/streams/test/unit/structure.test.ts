import { describe, expect, it } from 'vitest';
import { IdMap } from '../../src/id-map.js';
import { cmpId, decrId, formatId, incrId, parseIdArg, parseU64, type StreamId, U64_MAX } from '../../src/id.js';
import { raxNodeCount } from '../../src/rax.js';
import { RedisStream } from '../../src/stream.js';

const limits = { maxEntries: 100, maxBytes: 4096 };
const ids = (...pairs: Array<[number | bigint, number | bigint]>): StreamId[] => pairs.map(([ms, seq]) => ({ ms, seq }));

describe('stream ids', () => {
  it('parse as string2ull does, exactly past 2^53', () => {
    expect(parseU64('18446744073709551615')).toBe(U64_MAX);
    expect(parseU64('9007199254740993')).toBe(9007199254740993n);
    expect(parseU64('9007199254740991')).toBe(9007199254740991);
    expect(parseU64('-1')).toBeUndefined();
    expect(parseU64('-0')).toBe(0);
    expect(parseU64(' +7')).toBe(7);
    expect(parseU64('-9223372036854775809')).toBe(9223372036854775807n);
    expect(parseU64('18446744073709551616')).toBeUndefined();
    expect(parseU64('')).toBeUndefined();
    expect(parseIdArg('5-*' as never, 0, true, true)).toEqual({ id: { ms: 5, seq: 0 }, seqGiven: false });
    expect(parseIdArg('-' as never, 0, true)).toBeUndefined();
  });

  it('increment, decrement and order across numbers and bigints', () => {
    expect(incrId({ ms: 1, seq: U64_MAX })).toEqual({ ms: 2, seq: 0 });
    expect(incrId({ ms: U64_MAX, seq: U64_MAX })).toBeUndefined();
    expect(decrId({ ms: 2, seq: 0 })).toEqual({ ms: 1, seq: U64_MAX });
    expect(decrId({ ms: 0, seq: 0 })).toBeUndefined();
    expect(incrId({ ms: 0, seq: 9007199254740991 })).toEqual({ ms: 0, seq: 9007199254740992n });
    expect(cmpId({ ms: 9007199254740992n, seq: 0 }, { ms: 9007199254740991, seq: 5 })).toBe(1);
    expect(formatId({ ms: U64_MAX, seq: 3 })).toBe('18446744073709551615-3');
  });
});

describe('radix tree node count (rax.c)', () => {
  it('matches counts read from redis-server', () => {
    expect(raxNodeCount([])).toBe(1);
    expect(raxNodeCount(ids([1, 1]))).toBe(2);
    // Two keys differing in the last byte: head "15 bytes" -> branch -> two leaves.
    expect(raxNodeCount(ids([1, 1], [1, 2]))).toBe(4);
    // Far apart: the head branches at once, each edge compressed below it.
    expect(raxNodeCount(ids([1, 1], [U64_MAX, 5]))).toBe(5);
  });
});

describe('IdMap (a PEL)', () => {
  it('keeps ids in order through inserts and removals across chunks', () => {
    const map = new IdMap<number>();
    const order: number[] = [];
    for (let i = 0; i < 1000; i++) order.push((i * 7919) % 1000);
    for (const i of order) map.set({ ms: i, seq: 0 }, i);
    expect(map.size).toBe(1000);
    for (let i = 0; i < 1000; i += 3) expect(map.delete({ ms: i, seq: 0 })).toBe(true);
    const keys = [...map.keys()].map((k) => k.ms);
    expect(keys).toEqual(Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 3 !== 0));
    expect(map.ceiling({ ms: 3, seq: 0 })).toEqual({ ms: 4, seq: 0 });
    expect(map.get({ ms: 5, seq: 0 })).toBe(5);
    expect(map.get({ ms: 6, seq: 0 })).toBeUndefined();
    expect(map.first()?.[0].ms).toBe(1);
    expect(map.last()?.[0].ms).toBe(998);
  });
});

describe('RedisStream', () => {
  it('seeks, reads and trims without losing order; nodes of 100 entries', () => {
    const stream = new RedisStream();
    for (let i = 1; i <= 1000; i++) stream.append({ ms: i, seq: 0 }, ['f' as never, String(i) as never], limits);
    expect(stream.nodeCount).toBe(10);
    const window = [...stream.range({ ms: 500, seq: 0 }, { ms: 504, seq: 0 })].map((e) => e.id.ms);
    expect(window).toEqual([500, 501, 502, 503, 504]);
    const back = [...stream.range({ ms: 0, seq: 0 }, { ms: 203, seq: 0 }, true)].slice(0, 5).map((e) => e.id.ms);
    expect(back).toEqual([203, 202, 201, 200, 199]);
    expect(stream.deleteEntry({ ms: 200, seq: 0 })).toBe(true);
    expect(stream.deleteEntry({ ms: 200, seq: 0 })).toBe(false);
    expect(stream.trim({ strategy: 'maxlen', maxlen: 850, minid: { ms: 0, seq: 0 }, approx: true, limit: 0 })).toBe(100);
    expect(stream.length).toBe(899);
    expect(stream.trim({ strategy: 'minid', maxlen: 0, minid: { ms: 250, seq: 0 }, approx: false, limit: 0 })).toBe(99 + 49);
    expect(stream.firstId).toEqual({ ms: 250, seq: 0 });
    expect(stream.lastValidId()).toEqual({ ms: 1000, seq: 0 });
    const copy = stream.clone();
    expect([...copy.range({ ms: 0, seq: 0 }, { ms: U64_MAX, seq: U64_MAX })].length).toBe(stream.length);
  });
});
