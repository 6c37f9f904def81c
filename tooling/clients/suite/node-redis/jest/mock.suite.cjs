// The Jest recipe (CommonJS): jest.mock('redis') keeping node-redis's other exports.
jest.mock('redis', () => ({ ...jest.requireActual('redis'), createClient: require('@fakeredis/all').createClient }));

const { FakeRedis } = require('@fakeredis/all');
const app = require('../../app/node-redis-app.cjs');

afterAll(async () => {
  await app.client.quit();
  FakeRedis.registry.reset();
});

test('the code under test talks to the fake', async () => {
  await app.ready;
  await app.setCached('k', 'v');
  expect(await app.getCached('k')).toBe('v');
  expect(FakeRedis.getServer().getValue('app:k', { db: 1 })).toBe('v');
});

test('fake timers: node-redis needs real ticks, immediates and microtasks (as against a real server)', async () => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  try {
    await app.client.set('short', 'v', { PX: 100 });
    jest.advanceTimersByTime(150);
    expect(await app.client.get('short')).toBeNull();
  } finally {
    jest.useRealTimers();
  }
});
