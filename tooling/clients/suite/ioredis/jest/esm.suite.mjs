// Jest with native ES modules (node --experimental-vm-modules): jest.unstable_mockModule.
import { jest } from '@jest/globals';

jest.unstable_mockModule('ioredis', async () => {
  const { FakeRedis } = await import('@fakeredis/all');
  return { default: FakeRedis, Redis: FakeRedis };
});

const { default: Redis } = await import('ioredis');
const { FakeRedis } = await import('@fakeredis/all');

test('ioredis is FakeRedis in ESM too, with default fake timers', async () => {
  expect(Redis).toBe(FakeRedis);
  jest.useFakeTimers();
  try {
    const client = new Redis();
    await client.set('k', 'v', 'PX', 100);
    jest.advanceTimersByTime(150);
    expect(await client.get('k')).toBeNull();
    await client.quit();
  } finally {
    jest.useRealTimers();
  }
  FakeRedis.registry.reset();
});
