import { once } from 'node:events';
import type { Bytes } from '@fakeredis/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  compose,
  createFakeIoredisClass,
  createFakeNodeRedisClient,
  parseRedisUrl,
  registryKey,
  serverRegistry,
  type FakeIoredis,
} from '../src/index.js';
import { later } from '../src/schedule.js';
import { withConnector } from '../src/ioredis.js';
import { Server70, TinyStrings } from './fixtures.js';
import { coreMixins } from '@fakeredis/core';

const FakeRedis = createFakeIoredisClass(Server70);
const open: FakeIoredis[] = [];
const client = <T extends FakeIoredis>(c: T): T => {
  open.push(c);
  return c;
};
afterEach(() => {
  for (const c of open.splice(0)) c.disconnect();
  FakeRedis.registry.reset();
});

describe('ioredis constructor forms keep their options', () => {
  const Connector = class {};

  it('puts the Connector into the caller options, or a free slot', () => {
    const options = { keyPrefix: 'p:' };
    expect(withConnector([6379, 'localhost', options], Connector)).toEqual([6379, 'localhost', { keyPrefix: 'p:', Connector }]);
    expect(options).toEqual({ keyPrefix: 'p:' }); // the caller's object is not changed
    expect(withConnector([6379, options], Connector)).toEqual([6379, { keyPrefix: 'p:', Connector }]);
    expect(withConnector(['redis://h:1/2', options], Connector)).toEqual(['redis://h:1/2', { keyPrefix: 'p:', Connector }]);
    expect(withConnector([options], Connector)).toEqual([{ keyPrefix: 'p:', Connector }]);
    expect(withConnector([], Connector)).toEqual([{ Connector }]);
    expect(withConnector([6379, 'localhost'], Connector)).toEqual([6379, 'localhost', { Connector }]);
    expect(withConnector([6379, 'localhost', undefined], Connector)).toEqual([6379, 'localhost', { Connector }]);
    expect(withConnector([6379], Connector)).toEqual([6379, { Connector }]);
  });

  const forms: Array<[string, () => FakeIoredis, number]> = [
    ['port, host, options', () => new FakeRedis(6401, 'localhost', { keyPrefix: 'p:', db: 2 }), 6401],
    ['port, options', () => new FakeRedis(6402, { keyPrefix: 'p:', db: 2 }), 6402],
    ['url, options', () => new FakeRedis('redis://127.0.0.1:6403/2', { keyPrefix: 'p:' }), 6403],
    ['url with db, options with db (the URL wins)', () => new FakeRedis('redis://localhost:6404/2', { keyPrefix: 'p:', db: 5 }), 6404],
    ['options', () => new FakeRedis({ port: 6405, host: '::1', keyPrefix: 'p:', db: 2 }), 6405],
  ];
  it.each(forms)('%s', async (_form, make, port) => {
    const redis = client(make());
    await redis.set('k', 'v');
    const server = FakeRedis.getServer({ port });
    expect(redis.server).toBe(server);
    expect(server.db(2).lookupString('p:k' as Bytes)).toBe('v');
    expect(await redis.get('k')).toBe('v');
  });

  it('port, host (no options) and a bare URL name the server', async () => {
    const a = client(new FakeRedis(6406, 'localhost'));
    const b = client(new FakeRedis('redis://localhost:6406'));
    const c = client(new FakeRedis(6406));
    await a.set('k', 'v');
    expect(await b.get('k')).toBe('v');
    expect(c.server).toBe(a.server);
  });

  it('lazyConnect, connectionName and username/password reach the server', async () => {
    const server = new Server70({ config: { requirepass: 's3cret' } });
    const redis = client(
      new FakeRedis(6379, 'localhost', { server, lazyConnect: true, connectionName: 'lazy', username: 'default', password: 's3cret' }),
    );
    expect(redis.status).toBe('wait');
    await redis.connect();
    expect(await redis.client('GETNAME')).toBe('lazy');
    const wrong = client(new FakeRedis(6379, 'localhost', { server, password: 'nope', retryStrategy: () => null }));
    const error = await new Promise<Error>((resolve) => wrong.once('error', resolve));
    expect(error.message).toMatch(/^WRONGPASS/);
  });

  it('exposes the module shape of ioredis (Redis, default)', () => {
    expect(FakeRedis.Redis).toBe(FakeRedis);
    expect(FakeRedis.default).toBe(FakeRedis);
  });
});

describe('disconnect() and quit() free the connection at once', () => {
  // Timers stand still (vitest's fake setTimeout): the stream closing proves it waited for
  // no timer, disconnectTimeout's included, without timing the test on a busy machine.
  afterEach(() => {
    vi.useRealTimers();
  });

  it('disconnect() closes the stream on the next ticks, without waiting for disconnectTimeout', async () => {
    const redis = new FakeRedis({ server: new Server70(), disconnectTimeout: 60_000 });
    await redis.ping();
    const stream = (redis as unknown as { stream: NodeJS.EventEmitter }).stream;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    redis.disconnect();
    await once(stream, 'close');
    expect(redis.status).toBe('end');
  });

  it('quit() closes the stream at once', async () => {
    const redis = new FakeRedis({ server: new Server70(), disconnectTimeout: 60_000 });
    await redis.ping();
    const stream = (redis as unknown as { stream: NodeJS.EventEmitter }).stream;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    expect(await redis.quit()).toBe('OK');
    if (!(stream as unknown as { closed: boolean }).closed) await once(stream, 'close');
  });
});

/**
 * A stand-in for Jest's default fake timers, which replace process.nextTick with a
 * function carrying its fake clock (`.clock.runMicrotasks()` runs what is queued).
 */
function fakeNextTick(): { restore(): void; pending(): number } {
  const real = process.nextTick;
  const jobs: Array<() => void> = [];
  const clock = {
    jobs,
    runMicrotasks() {
      while (jobs.length > 0) jobs.shift()?.();
    },
  };
  const fake = Object.assign((fn: (...args: unknown[]) => void, ...args: unknown[]) => void jobs.push(() => fn(...args)), { clock });
  process.nextTick = fake as unknown as typeof process.nextTick;
  return {
    restore() {
      process.nextTick = real;
      clock.runMicrotasks();
    },
    pending: () => jobs.length,
  };
}

describe('a faked process.nextTick (Jest fake timers) does not stall clients', () => {
  it('later() runs on a real macrotask and runs the faked ticks queued meanwhile', async () => {
    const fake = fakeNextTick();
    try {
      const order: string[] = [];
      later(() => {
        order.push('later');
        process.nextTick(() => order.push('queued tick'));
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(order).toEqual(['later', 'queued tick']);
    } finally {
      fake.restore();
    }
  });

  it('ioredis connects, runs commands, emits ready and quits', async () => {
    const fake = fakeNextTick();
    try {
      const server = new Server70();
      const redis = new FakeRedis({ server, lazyConnect: true });
      const ready = once(redis, 'ready');
      await redis.connect();
      await ready;
      expect(await redis.set('k', 'v')).toBe('OK');
      expect(await redis.get('k')).toBe('v');
      expect(await redis.quit()).toBe('OK');
    } finally {
      fake.restore();
    }
  });
});

describe('one registry per emulated server class in the process', () => {
  it('classes composed alike (as the CommonJS and ESM copies are) share servers by address', () => {
    const A = compose({ mixins: [...coreMixins, TinyStrings] });
    const B = compose({ mixins: [...coreMixins, TinyStrings] });
    expect(A).not.toBe(B);
    expect(registryKey(A)).toBe(registryKey(B));
    expect(serverRegistry(A)).toBe(serverRegistry(B));
    expect(serverRegistry(A)).toBe(serverRegistry(Server70));
    const holder = globalThis as unknown as Record<symbol, Map<string, unknown>>;
    expect(holder[Symbol.for('@fakeredis/composer:registries:v1')]?.get(registryKey(A) as string)).toBe(serverRegistry(A));
    // Another version or mixin set is another server.
    expect(serverRegistry(compose({ version: '7.2', mixins: [...coreMixins, TinyStrings] }))).not.toBe(serverRegistry(A));
    expect(serverRegistry(compose({ mixins: coreMixins }))).not.toBe(serverRegistry(A));
  });
});

describe('node-redis URLs', () => {
  it('reads redis://, rediss:// and unix:// as node-redis does', () => {
    expect(parseRedisUrl('redis://localhost:6390/3')).toEqual({ address: { host: 'localhost', port: 6390 }, database: 3 });
    expect(parseRedisUrl('rediss://user:p%40ss@[::1]')).toEqual({ address: { host: '::1' }, username: 'user', password: 'p@ss' });
    expect(parseRedisUrl('redis://:pw@h')).toEqual({ address: { host: 'h' }, password: 'pw' });
    expect(parseRedisUrl('unix://u:p@/tmp/r.sock?db=4')).toEqual({
      address: { path: '/tmp/r.sock' },
      username: 'u',
      password: 'p',
      database: 4,
    });
    expect(() => parseRedisUrl('http://x')).toThrow('Protocol - http: - is not a valid Redis protocol');
    expect(() => parseRedisUrl('redis://h/x')).toThrow('Invalid pathname');
  });

  it('url, database, name and RESP reach node-redis; the URL picks the registry server', async () => {
    const c = createFakeNodeRedisClient(Server70, { url: 'rediss://:s3cret@localhost:6407/2', name: 'nr', RESP: 3 });
    const server = serverRegistry(Server70).get({ port: 6407 });
    server.config.initialize('requirepass', 's3cret');
    await c.connect();
    await c.set('k', 'v');
    expect(server.db(2).lookupString('k' as Bytes)).toBe('v');
    const conn = [...server.clients.values()].find((x) => x.transport);
    expect(conn?.name).toBe('nr');
    expect(conn?.protocol).toBe(3);
    await c.close();
  });

  it('unix:// URLs name a registry server by path', async () => {
    const c = createFakeNodeRedisClient(Server70, { url: 'unix:///tmp/fakeredis-test.sock?db=1' });
    await c.connect();
    await c.set('k', 'v');
    expect(serverRegistry(Server70).get({ path: '/tmp/fakeredis-test.sock' }).db(1).lookupString('k' as Bytes)).toBe('v');
    await c.close();
  });
});
