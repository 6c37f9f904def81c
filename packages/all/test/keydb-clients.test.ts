import { describe, expect, it } from 'vitest';
import { createClient, createKeyDBClient, FakeKeyDB, FakeKeyDBServer, FakeRedis, FakeServer } from '../src/index.js';
import { openedClients } from './opened.js';

const io = openedClients(FakeKeyDB.registry, FakeRedis.registry);

describe('FakeKeyDBServer / FakeServer with serverType keydb', () => {
  it('is KeyDB 6.3.4 with every module', () => {
    expect(FakeKeyDBServer.profile).toMatchObject({ serverType: 'keydb', version: '6.3.4' });
    const server = new FakeServer({ serverType: 'keydb' });
    expect(server.profile.version).toBe('6.3.4');
    expect(server.call('SADD', 's', 'a', 'b')).toBe(2);
    expect(server.call('EXPIREMEMBER', 's', 'a', '10')).toBe(1);
    expect(server.call('TTL', 's', 'a')).toBe(10);
    server.clock.advance(10_001);
    expect(server.call('SMEMBERS', 's')).toMatchObject({ items: ['b'] });
    expect(server.call('LCS', 'a', 'b')).toMatchObject({ message: 'ERR unknown command `LCS`, with args beginning with: `a`, `b`, ' });
    server.close();
  });
});

describe.each([3, 2] as const)('FakeKeyDB (ioredis), RESP%i', (protocol) => {
  it('says it is redis 6.3.4 and runs KeyDB commands', async () => {
    const keydb = io(new FakeKeyDB({ protocol }));
    expect(keydb.server.profile.serverType).toBe('keydb');
    const hello = (await keydb.call('HELLO')) as unknown[];
    expect(hello.slice(0, 4)).toEqual(['server', 'redis', 'version', '6.3.4']);
    expect(await keydb.info('server')).toContain('# Server\r\nredis_version:6.3.4\r\n');
    expect(await keydb.hset('h', 'f', 'v')).toBe(1);
    expect(await keydb.call('EXPIREMEMBER', 'h', 'f', '100')).toBe(1);
    expect(await keydb.call('KEYDB.MEXISTS', 'h', 'nosuch')).toEqual([1, 0]);
    expect(await keydb.call('KEYDB.HRENAME', 'h', 'f', 'g')).toBe(1);
    expect(await keydb.hgetall('h')).toEqual({ g: 'v' });
    expect(await keydb.multi().incr('n').incr('n').exec()).toEqual([
      [null, 1],
      [null, 2],
    ]);
  });

  it('shares servers by address, apart from FakeRedis', async () => {
    const a = io(new FakeKeyDB({ protocol }));
    const b = io(new FakeKeyDB({ protocol }));
    const redis = io(new FakeRedis({ protocol }));
    await a.set('k', 'v');
    expect(await b.get('k')).toBe('v');
    expect(await redis.get('k')).toBeNull();
  });
});

describe.each([3, 2] as const)('createKeyDBClient (node-redis), RESP%i', (RESP) => {
  it('talks to the KeyDB server FakeKeyDB clients of its address share', async () => {
    const client = createKeyDBClient({ RESP });
    await client.connect();
    expect(await client.set('k', 'v')).toBe('OK');
    expect(await io(new FakeKeyDB()).get('k')).toBe('v');
    expect(await client.info('server')).toContain('redis_version:6.3.4');
    expect(await client.sendCommand(['SADD', 's', 'm'])).toBe(1);
    expect(await client.sendCommand(['EXPIREMEMBER', 's', 'm', '100'])).toBe(1);
    const redis = createClient({ RESP });
    await redis.connect();
    expect(await redis.get('k')).toBeNull();
    await redis.quit();
    await client.quit();
  });
});
