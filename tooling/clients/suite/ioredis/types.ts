// Compiled with tsc (skipLibCheck off) in a project where ioredis is the only client.
import { FakeRedis, FakeServer, createFakeIoredisClass, compose, coreMixins, StringCommands, type FakeIoredis } from '@fakeredis/all';
import { Redis, type RedisOptions } from 'ioredis';

const options: RedisOptions = { keyPrefix: 'p:', db: 1 };
const forms: FakeIoredis[] = [
  new FakeRedis(),
  new FakeRedis(6379),
  new FakeRedis(6379, 'localhost'),
  new FakeRedis(6379, 'localhost', options),
  new FakeRedis(6379, { lazyConnect: true }),
  new FakeRedis('redis://localhost:6379/1'),
  new FakeRedis('redis://localhost:6379/1', { keyPrefix: 'x:' }),
  new FakeRedis({ port: 6379, host: 'localhost', username: 'default', password: 'pw', server: new FakeServer() }),
];
const asIoredis: Redis = forms[0]!;
const server: FakeServer = new FakeRedis().server;

export async function use(client: FakeIoredis): Promise<void> {
  const value: string | null = await client.get('k');
  const count: number = await client.incr('n');
  const hash: Record<string, string> = await client.hgetall('h');
  const results = await client.pipeline().get('k').incr('n').exec();
  const dup: FakeIoredis = client.duplicate({ db: 2 });
  const seen: FakeServer = dup.server as FakeServer;
  void [value, count, hash, results, seen, asIoredis, server];
  const plain: string = server.command<string>('GET', 'k');
  server.setData({ k: 'v', list: ['a'], set: new Set(['x']), zset: new Map([['m', 1]]), hash: { f: 'v' } });
  const ttl: number | null | undefined = server.ttl('k');
  const snapshot: Record<string, unknown> = server.snapshot({ db: 0 });
  server.fastForward(1000);
  server.flush();
  void [plain, ttl, snapshot];
  await client.quit();
}

const Small = compose({ version: '7.2', mixins: [...coreMixins, StringCommands] });
const SmallRedis = createFakeIoredisClass(Small);
const small: FakeIoredis<InstanceType<typeof Small>> = new SmallRedis({ lazyConnect: true });
void small;

// @ts-expect-error a misspelt option is refused, as ioredis's own constructor does
new FakeRedis({ keyPrefx: 'p:' });
