import { ErrorReply, FakeServer, SetReply } from '@fakeredis/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RedisSet } from '../../src/index.js';
import { MAX_REPEATED_RANDOM_MEMBERS } from '../../src/commands/random.js';
import { mixins } from '../conformance/server.js';

function server(seed = 1): FakeServer {
  return new FakeServer({ mixins, seed });
}

function fill(s: FakeServer, key: string, n: number, prefix = 'm'): string[] {
  const members = Array.from({ length: n }, (_, i) => `${prefix}${i}`);
  for (let i = 0; i < n; i += 1000) s.call('SADD', key, ...members.slice(i, i + 1000));
  return members;
}

const items = (reply: unknown): string[] => (reply instanceof SetReply ? (reply.items as string[]) : (reply as string[]));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SRANDMEMBER', () => {
  it('positive counts give distinct members of the set', () => {
    const s = server();
    const members = new Set(fill(s, 'k', 50));
    for (const count of [1, 2, 5, 16, 17, 30, 49]) {
      const reply = items(s.call('SRANDMEMBER', 'k', String(count)));
      expect(reply).toHaveLength(count);
      expect(new Set(reply).size).toBe(count);
      for (const m of reply) expect(members.has(m)).toBe(true);
    }
    expect(new Set(items(s.call('SRANDMEMBER', 'k', '50')))).toEqual(members);
    expect(s.call('SCARD', 'k')).toBe(50);
  });

  it('negative counts give that many draws, repeats allowed', () => {
    const s = server();
    s.call('SADD', 'k', 'a', 'b');
    const reply = items(s.call('SRANDMEMBER', 'k', '-200'));
    expect(reply).toHaveLength(200);
    expect(new Set(reply)).toEqual(new Set(['a', 'b']));
  });

  it('draws are roughly uniform', () => {
    const s = server(42);
    fill(s, 'k', 10);
    const counts = new Map<string, number>();
    for (const m of items(s.call('SRANDMEMBER', 'k', '-20000'))) counts.set(m, (counts.get(m) ?? 0) + 1);
    expect(counts.size).toBe(10);
    for (const n of counts.values()) expect(Math.abs(n - 2000)).toBeLessThan(250);
  });

  it('a seed makes the draws repeatable', () => {
    const run = (seed: number) => {
      const s = server(seed);
      fill(s, 'k', 100);
      return [s.call('SRANDMEMBER', 'k'), s.call('SRANDMEMBER', 'k', '5'), s.call('SRANDMEMBER', 'k', '-5'), s.call('SPOP', 'k', '3')];
    };
    expect(run(9)).toEqual(run(9));
    expect(run(9)).not.toEqual(run(10));
    const s = server();
    fill(s, 'k', 100);
    s.seed(3);
    const first = s.call('SRANDMEMBER', 'k', '8');
    s.seed(3);
    expect(s.call('SRANDMEMBER', 'k', '8')).toEqual(first);
  });

  it('a small count of a big set draws without walking the set (case 4)', () => {
    const s = server();
    fill(s, 'k', 100_000);
    const walk = vi.spyOn(RedisSet.prototype, 'members');
    expect(items(s.call('SRANDMEMBER', 'k', '10'))).toHaveLength(10);
    expect(items(s.call('SRANDMEMBER', 'k', '-10'))).toHaveLength(10);
    expect(s.call('SRANDMEMBER', 'k')).toMatch(/^m\d+$/);
    expect(walk).not.toHaveBeenCalled();
  });

  it('a count above a third of the set copies it and thins the copy (case 3)', () => {
    const s = server();
    fill(s, 'k', 30);
    const walk = vi.spyOn(RedisSet.prototype, 'members');
    expect(new Set(items(s.call('SRANDMEMBER', 'k', '11'))).size).toBe(11);
    expect(walk).toHaveBeenCalledTimes(1);
  });

  it('refuses a repeat count it cannot hold in memory', () => {
    const s = server();
    s.call('SADD', 'k', 'a');
    expect(s.call('SRANDMEMBER', 'k', String(-(MAX_REPEATED_RANDOM_MEMBERS + 1)))).toBeInstanceOf(ErrorReply);
    expect(s.call('SRANDMEMBER', 'missing', '-9223372036854775807')).toEqual([]);
  });
});

describe('SPOP', () => {
  it('removes exactly the members it returns', () => {
    const s = server();
    const all = new Set(fill(s, 'k', 40));
    const popped = [...items(s.call('SPOP', 'k', '7')), s.call('SPOP', 'k') as string, ...items(s.call('SPOP', 'k', '30'))];
    expect(new Set(popped).size).toBe(38);
    const left = items(s.call('SMEMBERS', 'k'));
    expect(left).toHaveLength(2);
    expect(new Set([...popped, ...left])).toEqual(all);
  });

  it('a small count removes members one by one without walking the set (case 2)', () => {
    const s = server();
    fill(s, 'k', 100_000);
    const walk = vi.spyOn(RedisSet.prototype, 'members');
    expect(items(s.call('SPOP', 'k', '10'))).toHaveLength(10);
    expect(walk).not.toHaveBeenCalled();
    expect(s.call('SCARD', 'k')).toBe(99_990);
  });

  it('a count near the size keeps the survivors in a new set (case 3)', () => {
    const s = server();
    fill(s, 'k', 100);
    const before = s.db(0).entry('k' as never)?.value;
    expect(items(s.call('SPOP', 'k', '90'))).toHaveLength(90);
    const after = s.db(0).entry('k' as never)?.value;
    expect(after).not.toBe(before);
    expect(s.call('SCARD', 'k')).toBe(10);
  });

  it('every member can be popped', () => {
    const s = server(5);
    const seen = new Set<string>();
    for (let round = 0; round < 200; round++) {
      s.call('SADD', 'k', 'a', 'b', 'c', 'd');
      seen.add(s.call('SPOP', 'k') as string);
      s.call('DEL', 'k');
    }
    expect(seen).toEqual(new Set(['a', 'b', 'c', 'd']));
  });
});
