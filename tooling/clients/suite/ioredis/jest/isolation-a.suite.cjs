// Jest runs each test file in its own global (the runner passes --runInBand, so both files
// share one process): the registry lives on that global, so each file has its own servers.
// isolation-a and isolation-b are the same test; the second would count 2 if they shared one.
const { FakeRedis } = require('@fakeredis/all');

test('a test file starts with its own servers', async () => {
  const client = new FakeRedis();
  expect(await client.incr('test files')).toBe(1);
  await client.quit();
});
