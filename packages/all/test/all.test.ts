import type { Bytes } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import {
  allMixins,
  coreMixins,
  createClient,
  FakeRedis,
  FakeRedis72,
  FakeServer,
  FakeServer72,
  StringCommands,
  TcpFakeServer,
} from '../src/index.js';
import { openedClients } from './opened.js';

const io = openedClients(FakeRedis.registry, FakeRedis72.registry);

describe('FakeServer', () => {
  it('has every module, Redis 7.0 by default, 7.2 on request', () => {
    const server = new FakeServer();
    expect(server.profile.version).toBe('7.0.15');
    expect(allMixins).toEqual(expect.arrayContaining([...coreMixins, StringCommands]));
    expect(server.call('SET', 'k', 'v')).toMatchObject({ value: 'OK' });
    expect(server.call('GET', 'k')).toBe('v');
    expect(server.call('PFADD', 'h', 'a')).toBe(1);
    expect(server.call('SETBIT', 'b', '7', '1')).toBe(0);
    const server72 = new FakeServer({ version: '7.2', config: { databases: 2 } });
    expect(server72.profile.version).toBe('7.2.4');
    expect(server72.databases).toHaveLength(2);
    expect(new FakeServer72().profile.version).toBe('7.2.4');
    server.close();
    server72.close();
  });
});

describe.each([3, 2] as const)('FakeRedis (ioredis), RESP%i', (protocol) => {
  it('SET/GET, pipelines, MULTI/EXEC', async () => {
    const redis = io(new FakeRedis({ protocol }));
    expect(await redis.set('k', 'v', 'EX', 100)).toBe('OK');
    expect(await redis.get('k')).toBe('v');
    expect(await redis.ttl('k')).toBe(100);
    expect(await redis.pipeline().incr('n').incrby('n', 5).get('n').exec()).toEqual([
      [null, 1],
      [null, 6],
      [null, '6'],
    ]);
    expect(await redis.multi().set('a', '1').incr('a').exec()).toEqual([
      [null, 'OK'],
      [null, 2],
    ]);
    expect(await redis.incrbyfloat('f', '1.5')).toBe('1.5');
  });

  it('rejects with Redis error texts', async () => {
    const redis = io(new FakeRedis({ protocol }));
    await redis.set('s', 'abc');
    await expect(redis.pfadd('s', 'a')).rejects.toThrow('WRONGTYPE Key is not a valid HyperLogLog string value.');
    await expect(redis.incr('s')).rejects.toThrow('ERR value is not an integer or out of range');
    const [[error]] = (await redis.multi().incr('s').exec()) as [[Error | null, unknown]];
    expect(error?.message).toBe('ERR value is not an integer or out of range');
  });

  it('carries binary Buffers', async () => {
    const redis = io(new FakeRedis({ protocol }));
    const key = Buffer.from([0xff, 0x00, 0x0a]);
    const value = Buffer.from([0, 1, 2, 0x80, 0xfe, 0xff]);
    await redis.set(key, value);
    expect(await redis.getBuffer(key)).toEqual(value);
    expect(await redis.strlen(key)).toBe(6);
  });

  it('keyPrefix and db', async () => {
    const redis = io(new FakeRedis({ protocol, keyPrefix: 'p:', db: 5 }));
    await redis.set('k', 'v');
    expect(redis.server.db(5).lookupString('p:k' as Bytes)).toBe('v');
    expect(await redis.exists('k')).toBe(1);
    expect(await io(new FakeRedis({ protocol })).exists('p:k')).toBe(0); // db 0
  });
});

describe('FakeRedis', () => {
  it('shares a server by host and port, duplicate() included', async () => {
    const a = io(new FakeRedis());
    const b = io(new FakeRedis({ host: 'localhost', port: 6379 }));
    const c = io(new FakeRedis({ port: 6400 }));
    await a.set('k', 'v');
    expect(await b.get('k')).toBe('v');
    expect(await c.get('k')).toBeNull();
    const dup = io(a.duplicate());
    expect(dup.server).toBe(a.server);
    expect(await dup.get('k')).toBe('v');
    expect(FakeRedis.getServer()).toBe(a.server);
    FakeRedis.registry.flushAll();
    expect(await a.get('k')).toBeNull();
  });

  it('quit() resolves OK and ends the client', async () => {
    const redis = new FakeRedis({ server: new FakeServer() });
    await redis.ping();
    expect(await redis.quit()).toBe('OK');
    await new Promise((resolve) => setImmediate(resolve));
    expect(redis.status).toBe('end');
  });

  it('FakeRedis72 talks to Redis 7.2 servers', async () => {
    const redis = io(new FakeRedis72());
    expect(redis.server.profile.version).toBe('7.2.4');
    const hello = (await redis.call('HELLO')) as unknown[];
    expect(hello).toContain('7.2.4');
  });
});

describe.each([3, 2] as const)('createClient (node-redis), RESP%i', (RESP) => {
  it('SET/GET, pipelines, MULTI/EXEC, errors, Buffers, db, duplicate, shared server', async () => {
    const client = createClient({ RESP, database: 1 });
    await client.connect();
    expect(await client.set('k', 'v')).toBe('OK');
    expect(await client.get('k')).toBe('v');
    expect(await client.multi().incr('n').incr('n').exec()).toEqual([1, 2]);
    expect(await client.multi().get('k').get('n').execAsPipeline()).toEqual(['v', '2']);
    await expect(client.pfAdd('k', 'a')).rejects.toThrow('WRONGTYPE Key is not a valid HyperLogLog string value.');
    const bytes = Buffer.from([0, 0xff, 0x0d, 0x0a]);
    await client.set(bytes, bytes);
    expect(await client.withTypeMapping({ 36: Buffer }).get(bytes)).toEqual(bytes);
    // The same address as FakeRedis's default: the same server.
    const ioredis = io(new FakeRedis({ db: 1 }));
    expect(await ioredis.get('k')).toBe('v');
    const dup = client.duplicate();
    await dup.connect();
    expect(await dup.get('k')).toBe('v');
    await dup.close();
    expect(await client.quit()).toBe('OK');
  });

  it('connects to an explicit server', async () => {
    const server = new FakeServer({ version: '7.2' });
    const client = createClient({ RESP, server });
    await client.connect();
    await client.set('k', 'v');
    expect(server.db(0).lookupString('k' as Bytes)).toBe('v');
    await client.close();
    server.close();
  });
});

describe('TcpFakeServer', () => {
  it('is re-exported and serves every module', async () => {
    const tcp = await new TcpFakeServer({ port: 0 }).listen();
    const redis = io(new (await import('ioredis')).Redis({ port: tcp.port, host: '127.0.0.1' }));
    expect(await redis.setbit('b', 3, 1)).toBe(0);
    expect(await redis.getbit('b', 3)).toBe(1);
    redis.disconnect();
    await tcp.close();
  });
});
