// The Jest recipe with moduleNameMapper: '^ioredis$' maps to a file that exports FakeRedis
// (see jest.mapper.config.cjs); fakeredis still finds the real ioredis for itself.
const Redis = require('ioredis');
const { FakeRedis } = require('@fakeredis/all');

test('ioredis is mapped to FakeRedis', async () => {
  expect(Redis).toBe(FakeRedis);
  const client = new Redis();
  expect(await client.set('k', 'v')).toBe('OK');
  expect(await client.get('k')).toBe('v');
  await client.quit();
  FakeRedis.registry.reset();
});
