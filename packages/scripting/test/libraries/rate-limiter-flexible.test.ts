import { FakeRedis, FakeServer } from '@fakeredis/all';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { afterEach, describe, expect, it } from 'vitest';

// rate-limiter-flexible through its public API on an in-process FakeRedis (consume is a
// Lua script: INCRBY and PEXPIRE in one EVAL). Its own test suite runs against
// fakeredis-server: see the README.

const closers: Array<() => unknown> = [];
afterEach(() => {
  for (const close of closers.splice(0).reverse()) close();
});

function client(): { server: FakeServer; redis: FakeRedis } {
  const server = new FakeServer();
  const redis = new FakeRedis({ server });
  closers.push(() => server.close(), () => redis.disconnect());
  return { server, redis };
}

describe('rate-limiter-flexible on FakeRedis', () => {
  it('consumes points, then rejects over the limit until the window passes', async () => {
    const { server, redis } = client();
    server.clock.freeze();
    const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'login', points: 2, duration: 10 });

    const first = await limiter.consume('ada');
    expect(first.remainingPoints).toBe(1);
    expect(first.consumedPoints).toBe(1);
    const second = await limiter.consume('ada');
    expect(second.remainingPoints).toBe(0);

    const over = await limiter.consume('ada').then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(over).toBeInstanceOf(RateLimiterRes);
    expect((over as RateLimiterRes).remainingPoints).toBe(0);
    expect((over as RateLimiterRes).consumedPoints).toBe(3);
    expect((over as RateLimiterRes).msBeforeNext).toBe(10_000);
    expect(await redis.get('login:ada')).toBe('3');
    expect(await redis.pttl('login:ada')).toBe(10_000);

    // Another key has its own budget; the window passing resets this one.
    expect((await limiter.consume('bob')).remainingPoints).toBe(1);
    server.clock.advance(10_001);
    expect((await limiter.consume('ada')).remainingPoints).toBe(1);
  });

  it('penalty, reward and block', async () => {
    const { redis } = client();
    const limiter = new RateLimiterRedis({ storeClient: redis, keyPrefix: 'api', points: 5, duration: 60 });
    await limiter.consume('k', 2);
    expect((await limiter.penalty('k', 2)).consumedPoints).toBe(4);
    expect((await limiter.reward('k', 3)).consumedPoints).toBe(1);
    await limiter.block('k', 30);
    const blocked = await limiter.get('k');
    expect(blocked?.consumedPoints).toBeGreaterThan(5);
    expect(blocked?.msBeforeNext).toBeGreaterThan(29_000);
    await expect(limiter.consume('k')).rejects.toBeInstanceOf(RateLimiterRes);
  });
});
