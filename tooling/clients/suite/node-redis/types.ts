// Compiled with tsc (skipLibCheck off) in a project where node-redis is the only client.
import { createClient, createFakeNodeRedisClient, FakeServer, FakeRedis } from '@fakeredis/all';
import { createClient as realCreateClient } from 'redis';

export async function use(): Promise<void> {
  const client = createClient({ url: 'redis://localhost:6379/1', name: 'n' });
  // The fake createClient has node-redis's own signature: the same options give the same type.
  const real = realCreateClient({ url: 'redis://localhost:6379/1', name: 'n' });
  const same: typeof real = client;
  const back: typeof client = real;
  await client.connect();
  const value: string | null = await client.get('k');
  const onServer = createClient({ server: new FakeServer({ version: '7.2' }) });
  const direct = createFakeNodeRedisClient(new FakeServer(), { database: 2 });
  FakeRedis.registry.flushAll();
  const server: FakeServer = FakeRedis.getServer();
  const plain: string = server.command<string>('GET', 'k');
  void [value, same, back, onServer, direct, plain];
  await client.quit();
}
