import { describe, expect, it } from 'vitest';
import type { Bytes, Reply } from '../../src/index.js';
import { keyspaceServer } from './fixtures.js';

function scanStep(reply: Reply): [string, string[]] {
  const [cursor, keys] = reply as [Bytes, Bytes[]];
  return [cursor, keys];
}

describe('SCAN cursor', () => {
  it('returns every key present for the whole iteration exactly once, whatever changes meanwhile', () => {
    const server = keyspaceServer();
    for (let i = 0; i < 200; i++) server.call('SET', `k${i}`, '1');
    const seen = new Map<string, number>();
    const deleted = new Set<string>();
    const readded = new Map<string, number>();
    let cursor = '0';
    let round = 0;
    do {
      const [next, keys] = scanStep(server.call('SCAN', cursor, 'COUNT', '7'));
      for (const key of keys) seen.set(key, (seen.get(key) ?? 0) + 1);
      // Churn: delete some keys not yet seen, add new ones, delete and re-add seen ones.
      server.call('DEL', `k${199 - round}`);
      deleted.add(`k${199 - round}`);
      server.call('SET', `new${round}`, '1');
      if (keys[0] !== undefined) {
        server.call('DEL', keys[0]);
        server.call('SET', keys[0], '2');
        deleted.add(keys[0]);
        readded.set(keys[0], (readded.get(keys[0]) ?? 0) + 1);
      }
      cursor = next;
      round++;
    } while (cursor !== '0');
    const stable = Array.from({ length: 200 }, (_, i) => `k${i}`).filter((k) => !deleted.has(k));
    expect(stable.length).toBeGreaterThan(100);
    for (const key of stable) expect(`${key} seen ${seen.get(key) ?? 0} times`).toBe(`${key} seen 1 times`);
    // A key deleted and added again may come once more for each time it was added again.
    for (const [key, n] of seen) expect(n, key).toBeLessThanOrEqual(1 + (readded.get(key) ?? 0));
    server.close();
  });

  it('applies COUNT as a bound on the keys visited per call', () => {
    const server = keyspaceServer();
    for (let i = 0; i < 25; i++) server.call('SET', `k${i}`, '1');
    const [cursor, keys] = scanStep(server.call('SCAN', '0', 'COUNT', '10'));
    expect(keys).toHaveLength(10);
    expect(cursor).not.toBe('0');
    const [, rest] = scanStep(server.call('SCAN', cursor, 'COUNT', '100'));
    expect(rest).toHaveLength(15);
    server.close();
  });
});

describe('RANDOMKEY', () => {
  it('repeats its choices for a seed and reaches every key', () => {
    const draw = (seed: number) => {
      const server = keyspaceServer({ seed });
      for (let i = 0; i < 20; i++) server.call('SET', `k${i}`, '1');
      server.seed(seed);
      const picks = Array.from({ length: 400 }, () => server.call('RANDOMKEY') as string);
      server.close();
      return picks;
    };
    const first = draw(7);
    expect(draw(7)).toEqual(first);
    expect(draw(8)).not.toEqual(first);
    expect(new Set(first).size).toBe(20);
  });

  it('collects expired keys until it finds a live one, or none is left', () => {
    const server = keyspaceServer();
    server.clock.freeze(1_000_000);
    for (let i = 0; i < 300; i++) {
      server.call('SET', `k${i}`, '1');
      server.call('PEXPIRE', `k${i}`, '10');
    }
    server.call('SET', 'live', '1');
    server.clock.freeze(1_000_011);
    expect(server.call('RANDOMKEY')).toBe('live');
    server.call('DEL', 'live');
    expect(server.call('RANDOMKEY')).toBeNull();
    expect(server.call('DBSIZE')).toBe(0);
    server.close();
  });
});

describe('SWAPDB', () => {
  it('moves expiry bookkeeping with the keys', () => {
    const server = keyspaceServer();
    server.clock.freeze(1_000_000);
    server.call('SET', 'k', '1');
    server.call('PEXPIRE', 'k', '100');
    server.call('SWAPDB', '0', '5');
    expect(server.db(5).volatileSize).toBe(1);
    expect(server.db(0).volatileSize).toBe(0);
    server.clock.advance(101); // the active cycle finds the key in database 5
    expect(server.db(5).size).toBe(0);
    server.close();
  });
});
