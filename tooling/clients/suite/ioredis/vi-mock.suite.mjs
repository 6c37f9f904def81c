// The Vitest recipe: replace the 'ioredis' module for the code under test.
import { afterAll, expect, it, vi } from 'vitest';
import { FakeRedis } from '@fakeredis/all';
import { cache, getCached, setCached } from '../app/ioredis-app.mjs';

vi.mock('ioredis', async () => {
  const { FakeRedis } = await import('@fakeredis/all');
  return { default: FakeRedis, Redis: FakeRedis };
});

afterAll(async () => {
  await cache.quit();
  FakeRedis.registry.reset();
});

it('the code under test gets FakeRedis, on the server its address names', async () => {
  expect(cache).toBeInstanceOf(FakeRedis);
  await setCached('k', 'v');
  expect(await getCached('k')).toBe('v');
  expect(FakeRedis.getServer({ port: 6379 }).command('GET', 'app:k')).toBe('v');
});
