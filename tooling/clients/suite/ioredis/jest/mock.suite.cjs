// The Jest recipe (CommonJS): jest.mock('ioredis') with FakeRedis, and Jest's default
// fake timers (which fake process.nextTick, setImmediate and Date).
jest.mock('ioredis', () => require('@fakeredis/all').FakeRedis);

const Redis = require('ioredis');
const { Redis: NamedRedis } = require('ioredis');
const { FakeRedis } = require('@fakeredis/all');
const app = require('../../app/ioredis-app.cjs');

afterAll(async () => {
  await app.cache.quit();
  FakeRedis.registry.reset();
});

test('the module is FakeRedis, default and named', () => {
  expect(Redis).toBe(FakeRedis);
  expect(NamedRedis).toBe(FakeRedis);
  expect(app.cache).toBeInstanceOf(FakeRedis);
});

test('the code under test talks to the fake', async () => {
  await app.setCached('k', 'v');
  expect(await app.getCached('k')).toBe('v');
  expect(FakeRedis.getServer().command('GET', 'app:k')).toBe('v');
});

test('jest.useFakeTimers() with its defaults: commands, expiry, blocking timeouts', async () => {
  jest.useFakeTimers();
  try {
    const client = new Redis({ lazyConnect: true });
    await client.connect();
    await client.set('short', 'v', 'PX', 100);
    jest.advanceTimersByTime(150);
    expect(await client.get('short')).toBeNull();
    const popped = client.blpop('queue', 2);
    await jest.advanceTimersByTimeAsync(2_100);
    expect(await popped).toBeNull();
    expect(await client.quit()).toBe('OK');
  } finally {
    jest.useRealTimers();
  }
});

test('a client made before fake timers keeps working under them', async () => {
  const client = new Redis();
  await client.ping();
  jest.useFakeTimers();
  try {
    await client.set('k', '1', 'EX', 5);
    jest.advanceTimersByTime(6_000);
    expect(await client.get('k')).toBeNull();
  } finally {
    jest.useRealTimers();
  }
  client.disconnect();
});
