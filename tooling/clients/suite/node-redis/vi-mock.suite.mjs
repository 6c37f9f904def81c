// The Vitest recipe: replace node-redis's createClient for the code under test.
import { afterAll, expect, it, vi } from 'vitest';
import { FakeRedis } from '@fakeredis/all';
import { client, getCached, ready, setCached } from '../app/node-redis-app.mjs';

vi.mock('redis', async (importOriginal) => ({
  ...(await importOriginal()),
  createClient: (await import('@fakeredis/all')).createClient,
}));

afterAll(async () => {
  await client.quit();
  FakeRedis.registry.reset();
});

it('the code under test gets a fake client', async () => {
  await ready;
  await setCached('k', 'v');
  expect(await getCached('k')).toBe('v');
  expect(FakeRedis.getServer().command('SELECT', 1)).toBe('OK');
  expect(FakeRedis.getServer().command('GET', 'app:k')).toBe('v');
});
