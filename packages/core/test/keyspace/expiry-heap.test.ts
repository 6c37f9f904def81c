import { describe, expect, it } from 'vitest';
import type { Bytes, FakeServer } from '../../src/index.js';
import { keyspaceServer } from './fixtures.js';

/** A server with a frozen clock and no active expiry: only lazy expiry and compaction run. */
function quietServer(): FakeServer {
  const server = keyspaceServer();
  server.clock.freeze(1_000_000);
  server.activeExpireEnabled = false;
  return server;
}

const bound = (server: FakeServer) => 3 * server.db(0).volatileSize + 1025;

describe('expiry heap', () => {
  it('stays O(volatile keys) when expiries keep changing and active expiry is off', () => {
    const server = quietServer();
    for (let i = 0; i < 10; i++) server.call('SET', `k${i}`, 'v');
    for (let round = 0; round < 2000; round++) server.call('PEXPIRE', `k${round % 10}`, String(1000 + round));
    expect(server.db(0).volatileSize).toBe(10);
    expect(server.db(0).expiryHeapSize).toBeLessThanOrEqual(bound(server));
    server.close();
  });

  it('shrinks when volatile keys are deleted, persisted or overwritten', () => {
    const server = quietServer();
    for (let i = 0; i < 3000; i++) {
      server.call('SET', `k${i}`, 'v');
      server.call('PEXPIRE', `k${i}`, '5000');
    }
    for (let i = 0; i < 1000; i++) server.call('DEL', `k${i}`);
    for (let i = 1000; i < 2000; i++) server.call('PERSIST', `k${i}`);
    for (let i = 2000; i < 2990; i++) server.call('SET', `k${i}`, 'w');
    expect(server.db(0).volatileSize).toBe(10);
    expect(server.db(0).expiryHeapSize).toBeLessThanOrEqual(bound(server));
    server.close();
  });

  it('still expires every live key in time order after compactions', () => {
    const server = quietServer();
    const expired: string[] = [];
    server.notifier.onEvent((e) => {
      if (e.event === 'expired') expired.push(e.key);
    });
    for (let i = 0; i < 50; i++) server.call('SET', `k${i}`, 'v');
    // Many changes (to force compactions), ending with k_i expiring at 2000 + i * 10 ms from now.
    for (let round = 0; round < 3000; round++) server.call('PEXPIRE', `k${round % 50}`, String(100_000 + round));
    for (let i = 49; i >= 0; i--) server.call('PEXPIRE', `k${i}`, String(2000 + i * 10));
    server.activeExpireEnabled = true;
    server.clock.advance(2000 + 25 * 10);
    expect(expired).toEqual(Array.from({ length: 25 }, (_, i) => `k${i}`));
    server.clock.advance(1000);
    expect(expired).toHaveLength(50);
    expect(server.db(0).size).toBe(0);
    server.close();
  });
});

describe('exact expiry in the database', () => {
  it('keeps int64 times past 2^53 exact through setExpire, attach and persist', () => {
    const server = quietServer();
    const db = server.db(0);
    const key = 'k' as Bytes;
    db.set(key, 'v' as Bytes);
    db.setExpire(key, 9007199254740993n);
    const entry = db.peek(key);
    expect(entry?.expireTime).toBe(9007199254740993n);
    expect(entry?.expiresAt).toBe(9007199254740992);
    const detached = db.detach(key);
    const other = server.db(1).attach(key, 'v' as Bytes, detached?.expireTime ?? 0);
    expect(other.expireTime).toBe(9007199254740993n);
    expect(server.db(1).volatileSize).toBe(1);
    server.db(1).setExpire(key, 5_000_000);
    expect(other.expireTime).toBe(5_000_000n);
    server.db(1).setExpire(key, 9223372036854775807n);
    expect(server.db(1).persist(key)).toBe(true);
    expect(other.expireTime).toBe(0n);
    expect(server.db(1).volatileSize).toBe(0);
    server.close();
  });
});

describe('Database.randomKey', () => {
  it('never returns an expired key: it collects them until a live one or none is left', () => {
    const server = quietServer();
    for (let i = 0; i < 1000; i++) {
      server.call('SET', `k${i}`, 'v');
      server.call('PEXPIRE', `k${i}`, '10');
    }
    server.clock.advance(11);
    expect(server.db(0).randomKey()).toBeUndefined();
    expect(server.db(0).size).toBe(0);
    server.close();
  });
});
