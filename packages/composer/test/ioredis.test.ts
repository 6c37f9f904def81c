import { once } from 'node:events';
import type { Bytes } from '@fakeredis/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeIoredisClass, type FakeIoredis } from '../src/index.js';
import { Server70, Server72 } from './fixtures.js';

const FakeRedis = createFakeIoredisClass(Server70);
const FakeRedis72 = createFakeIoredisClass(Server72);

const open: FakeIoredis[] = [];
function client<T extends FakeIoredis>(c: T): T {
  open.push(c);
  return c;
}

afterEach(() => {
  for (const c of open.splice(0)) c.disconnect();
  FakeRedis.registry.reset();
  FakeRedis72.registry.reset();
});

/** The server-side client objects of a server (one per connection). */
const connections = (server: InstanceType<typeof Server70>) => [...server.clients.values()].filter((c) => c.transport);

describe.each([3, 2] as const)('ioredis flavour, RESP%i', (protocol) => {
  it('runs commands over the negotiated protocol', async () => {
    const server = new Server70();
    const redis = client(new FakeRedis({ server, protocol }));
    expect(redis).toBeInstanceOf(FakeRedis);
    expect(redis.server).toBe(server);
    expect(await redis.set('k', 'v')).toBe('OK');
    expect(await redis.get('k')).toBe('v');
    expect(await redis.get('missing')).toBeNull();
    expect(server.db(0).lookupString('k' as Bytes)).toBe('v');
    const [conn] = connections(server);
    expect(conn?.protocol).toBe(protocol);
    expect(conn?.transport?.localAddress).toBe('127.0.0.1:6379');
    expect(conn?.transport?.remoteAddress).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('pipelines, with errors in place', async () => {
    const server = new Server70();
    const redis = client(new FakeRedis({ server, protocol }));
    const results = await redis.pipeline().set('k', 'v').lpush('k', 'x').get('k').exec();
    expect(results?.[0]).toEqual([null, 'OK']);
    expect((results?.[1]?.[0] as Error).message).toBe('WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(results?.[2]).toEqual([null, 'v']);
  });

  it('rejects with Redis error texts', async () => {
    const redis = client(new FakeRedis({ server: new Server70(), protocol }));
    await redis.set('k', 'v');
    await expect(redis.lpush('k', 'x')).rejects.toThrow('WRONGTYPE Operation against a key holding the wrong kind of value');
    await expect(redis.call('NOSUCH', 'a')).rejects.toThrow("ERR unknown command 'NOSUCH', with args beginning with: 'a' ");
  });

  it('runs MULTI/EXEC and WATCH', async () => {
    const server = new Server70();
    const redis = client(new FakeRedis({ server, protocol }));
    expect(await redis.multi().set('a', '1').get('a').exec()).toEqual([
      [null, 'OK'],
      [null, '1'],
    ]);
    await redis.watch('a');
    server.call('SET', 'a', '2');
    expect(await redis.multi().set('a', '3').exec()).toBeNull();
    expect(await redis.get('a')).toBe('2');
  });

  it('carries binary data both ways', async () => {
    const redis = client(new FakeRedis({ server: new Server70(), protocol }));
    const bytes = Buffer.from([0, 1, 0xfe, 0xff, 0x0d, 0x0a]);
    await redis.set(bytes, bytes);
    expect(await redis.getBuffer(bytes)).toEqual(bytes);
    await redis.set('utf8', 'héllo ✓');
    expect(await redis.get('utf8')).toBe('héllo ✓');
  });

  it('honours keyPrefix and db', async () => {
    const server = new Server70();
    const redis = client(new FakeRedis({ server, protocol, keyPrefix: 'app:', db: 3 }));
    await redis.set('k', 'v');
    expect(server.db(3).lookupString('app:k' as Bytes)).toBe('v');
    expect(server.db(0).size).toBe(0);
    expect(await redis.get('k')).toBe('v');
  });
});

describe('ioredis flavour', () => {
  it('shares one server between clients naming the same host and port', async () => {
    const a = client(new FakeRedis());
    const b = client(new FakeRedis(6379, 'localhost'));
    const c = client(new FakeRedis({ host: '127.0.0.1', port: 6380 }));
    await a.set('k', 'from a');
    expect(await b.get('k')).toBe('from a');
    expect(await c.get('k')).toBeNull();
    expect(a.server).toBe(b.server);
    expect(FakeRedis.getServer()).toBe(a.server);
    expect(FakeRedis.getServer({ port: 6380 })).toBe(c.server);
    expect(c.server.config.get('port')).toBe('6380');
    // A class built from another server class has its own servers.
    const other = client(new FakeRedis72());
    expect(other.server).not.toBe(a.server);
    expect(other.server.profile.version).toBe('7.2.4');
  });

  it('connects by Unix socket path too, sharing by path', async () => {
    const a = client(new FakeRedis('/tmp/fake.sock'));
    const b = client(new FakeRedis({ path: '/tmp/fake.sock' }));
    await a.set('k', 'v');
    expect(await b.get('k')).toBe('v');
    expect(a.server).not.toBe(FakeRedis.getServer());
    expect(connections(a.server)[0]?.transport?.localAddress).toBe('/tmp/fake.sock:0');
  });

  it('duplicate() connects to the same server and keeps the class', async () => {
    const server = new Server70();
    const redis = client(new FakeRedis({ server, db: 1 }));
    const dup = client(redis.duplicate());
    expect(dup).toBeInstanceOf(FakeRedis);
    expect(dup.server).toBe(server);
    await redis.set('k', 'v');
    expect(await dup.get('k')).toBe('v');
    const other = client(redis.duplicate({ db: 2 }));
    expect(await other.get('k')).toBeNull();
    // Without an explicit server, a duplicate names the same address.
    const shared = client(new FakeRedis({ port: 6390 }));
    expect(client(shared.duplicate()).server).toBe(shared.server);
  });

  it('createClient() makes a fake client too', async () => {
    const server = new Server70();
    const redis = client(FakeRedis.createClient({ server }));
    expect(redis).toBeInstanceOf(FakeRedis);
    expect(await redis.ping()).toBe('PONG');
    expect(connections(server)).toHaveLength(1);
  });

  it('quit() closes the connection after the reply', async () => {
    const server = new Server70();
    const redis = new FakeRedis({ server });
    await redis.ping();
    expect(connections(server)).toHaveLength(1);
    expect(await redis.quit()).toBe('OK');
    if (redis.status !== 'end') await once(redis, 'end');
    expect(redis.status).toBe('end');
    expect(connections(server)).toHaveLength(0);
  });

  it('disconnect() frees the server-side client', async () => {
    const server = new Server70();
    const redis = new FakeRedis({ server });
    await redis.ping();
    redis.disconnect();
    await once(redis, 'end');
    await new Promise((resolve) => setImmediate(resolve));
    expect(connections(server)).toHaveLength(0);
  });

  it('supports callbacks', async () => {
    const redis = client(new FakeRedis({ server: new Server70() }));
    const value = await new Promise((resolve, reject) => {
      redis.set('k', 'v', (err) => {
        if (err) return reject(err);
        redis.get('k', (err2, result) => (err2 ? reject(err2) : resolve(result)));
      });
    });
    expect(value).toBe('v');
    const error = await new Promise<Error | null | undefined>((resolve) => redis.lpush('k', 'x', (err) => resolve(err)));
    expect(error?.message).toMatch(/^WRONGTYPE/);
  });

  it('lazyConnect connects on the first command', async () => {
    const server = new Server70();
    const redis = client(new FakeRedis({ server, lazyConnect: true }));
    expect(redis.status).toBe('wait');
    await new Promise((resolve) => setImmediate(resolve));
    expect(connections(server)).toHaveLength(0);
    expect(await redis.ping()).toBe('PONG');
    expect(redis.status).toBe('ready');
    expect(connections(server)).toHaveLength(1);
  });

  it('completes the handshake: name, library info on 7.2, ready check', async () => {
    const server = new Server72();
    const redis = client(new FakeRedis72({ server, connectionName: 'worker-1' }));
    await once(redis, 'ready');
    const [conn] = connections(server);
    expect(conn?.name).toBe('worker-1');
    expect(conn?.libName).toBe('ioredis');
    expect(conn?.libVersion).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('authenticates with requirepass, and fails with a wrong password', async () => {
    const server = new Server70({ config: { requirepass: 'secret' } });
    const good = client(new FakeRedis({ server, password: 'secret' }));
    expect(await good.ping()).toBe('PONG');
    const bad = client(new FakeRedis({ server, password: 'nope', retryStrategy: () => null, maxRetriesPerRequest: 0 }));
    const error = await new Promise<Error>((resolve) => bad.once('error', resolve));
    expect(error.message).toMatch(/^WRONGPASS/);
  });

  it('reconnects to a fresh registry server after SHUTDOWN-like close', async () => {
    const redis = client(new FakeRedis({ port: 6391, retryStrategy: () => 1 }));
    await redis.set('k', 'v');
    const first = redis.server;
    first.close();
    await once(redis, 'ready');
    expect(redis.server).not.toBe(first);
    expect(await redis.get('k')).toBeNull();
  });

  it('refuses connections to a closed explicit server', async () => {
    const server = new Server70();
    server.close();
    const redis = client(new FakeRedis({ server, retryStrategy: () => null }));
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => redis.once('error', resolve));
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('works under fake timers', async () => {
    vi.useFakeTimers();
    try {
      const server = new Server70();
      const redis = client(new FakeRedis({ server }));
      expect(await redis.set('k', 'v')).toBe('OK');
      expect(await redis.get('k')).toBe('v');
    } finally {
      vi.useRealTimers();
    }
  });
});
