import { FakeRedis, FakeServer } from '@fakeredis/all';
// @ts-expect-error redlock 5.0.0-beta.2's package.json "exports" does not point at its types.
import * as redlockModule from 'redlock';
import type { default as RedlockClass, ExecutionError as ExecutionErrorClass } from '../../node_modules/redlock/dist/index.js';
import { afterEach, describe, expect, it } from 'vitest';

// redlock through its public API on in-process FakeRedis servers (acquire, extend and
// release are Lua scripts run with EVALSHA, then EVAL on NOSCRIPT). Its own test suite runs
// against fakeredis-server: see the README.

const { default: Redlock, ExecutionError } = redlockModule as { default: typeof RedlockClass; ExecutionError: typeof ExecutionErrorClass };

const closers: Array<() => unknown> = [];
afterEach(() => {
  for (const close of closers.splice(0).reverse()) close();
});

function client(): FakeRedis {
  const server = new FakeServer();
  const redis = new FakeRedis({ server });
  closers.push(() => server.close(), () => redis.disconnect());
  return redis;
}

describe('redlock on FakeRedis', () => {
  it('acquires, extends and releases a lock', async () => {
    const redis = client();
    const redlock = new Redlock([redis], { retryCount: 0 });
    let lock = await redlock.acquire(['{redlock}order:1'], 10_000);
    expect(await redis.get('{redlock}order:1')).toBe(lock.value);
    expect(await redis.pttl('{redlock}order:1')).toBeGreaterThan(9_000);

    // Held: a second acquisition fails.
    await expect(redlock.acquire(['{redlock}order:1'], 10_000)).rejects.toBeInstanceOf(ExecutionError);

    lock = await lock.extend(60_000);
    expect(await redis.get('{redlock}order:1')).toBe(lock.value);
    expect(await redis.pttl('{redlock}order:1')).toBeGreaterThan(59_000);

    await lock.release();
    expect(await redis.exists('{redlock}order:1')).toBe(0);
  });

  it('needs a quorum of three servers', async () => {
    const [a, b, c] = [client(), client(), client()];
    const redlock = new Redlock([a, b, c], { retryCount: 0 });
    await b.set('{redlock}r', 'taken');
    const lock = await redlock.acquire(['{redlock}r'], 5_000);
    expect(await a.get('{redlock}r')).toBe(lock.value);
    expect(await b.get('{redlock}r')).toBe('taken');
    expect(await c.get('{redlock}r')).toBe(lock.value);
    await lock.release();

    await c.set('{redlock}r', 'taken');
    await expect(redlock.acquire(['{redlock}r'], 5_000)).rejects.toBeInstanceOf(ExecutionError);
    expect(await a.exists('{redlock}r')).toBe(0);
  });

  it('using() runs a routine under the lock', async () => {
    const redis = client();
    const redlock = new Redlock([redis], { retryCount: 0 });
    const seen = await redlock.using(['{redlock}job'], 5_000, async () => redis.get('{redlock}job'));
    expect(seen).toMatch(/^[0-9a-f]{32}$/);
    expect(await redis.exists('{redlock}job')).toBe(0);
  });
});
