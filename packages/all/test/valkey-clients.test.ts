import { describe, expect, it } from 'vitest';
import { createClient, createValkeyClient, FakeRedis, FakeServer, FakeValkey, FakeValkeyServer } from '../src/index.js';
import { openedClients } from './opened.js';

const io = openedClients(FakeValkey.registry, FakeRedis.registry);

describe('FakeValkeyServer / FakeServer with serverType valkey', () => {
  it('is Valkey 8.0.1 with every module', () => {
    expect(FakeValkeyServer.profile).toMatchObject({ serverType: 'valkey', version: '8.0.1' });
    const server = new FakeServer({ serverType: 'valkey' });
    expect(server.profile.version).toBe('8.0.1');
    expect(server.call('CLIENT', 'CAPA', 'redirect')).toMatchObject({ value: 'OK' });
    expect(server.call('CONFIG', 'GET', 'masterauth')).toMatchObject({ entries: [['masterauth', '']] });
    server.close();
  });
});

describe.each([3, 2] as const)('FakeValkey (ioredis), RESP%i', (protocol) => {
  it('says it is Valkey and runs commands', async () => {
    const valkey = io(new FakeValkey({ protocol }));
    expect(valkey.server.profile.serverType).toBe('valkey');
    const hello = (await valkey.call('HELLO')) as unknown[];
    expect(hello.slice(0, 4)).toEqual(['server', 'valkey', 'version', '8.0.1']);
    expect(await valkey.info('server')).toContain('\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\n');
    expect(await valkey.set('k', 'v', 'EX', 100)).toBe('OK');
    expect(await valkey.multi().incr('n').incr('n').exec()).toEqual([
      [null, 1],
      [null, 2],
    ]);
    expect(await valkey.call('CLIENT', 'CAPA', 'REDIRECT')).toBe('OK');
    expect(await valkey.eval('return server.call("GET", KEYS[1])', 1, 'k')).toBe('v');
  });

  it('shares servers by address, apart from FakeRedis', async () => {
    const a = io(new FakeValkey({ protocol }));
    const b = io(new FakeValkey({ protocol }));
    const redis = io(new FakeRedis({ protocol }));
    await a.set('k', 'v');
    expect(await b.get('k')).toBe('v');
    expect(await redis.get('k')).toBeNull();
    expect(a.server).not.toBe(redis.server);
  });
});

describe.each([3, 2] as const)('createValkeyClient (node-redis), RESP%i', (RESP) => {
  it('talks to the Valkey server FakeValkey clients of its address share', async () => {
    const client = createValkeyClient({ RESP });
    await client.connect();
    expect(await client.set('k', 'v')).toBe('OK');
    const ioredis = io(new FakeValkey());
    expect(await ioredis.get('k')).toBe('v');
    expect(await client.info('server')).toContain('server_name:valkey');
    expect(await client.sendCommand(['CLIENT', 'CAPA', 'redirect'])).toBe('OK');
    // createClient keeps talking to Redis at the same address.
    const redis = createClient({ RESP });
    await redis.connect();
    expect(await redis.get('k')).toBeNull();
    await redis.quit();
    await client.quit();
  });

  it('connects to a given server', async () => {
    const server = new FakeValkeyServer();
    const client = createValkeyClient({ RESP, server });
    await client.connect();
    await client.set('x', '1');
    expect(server.call('GET', 'x')).toBe('1');
    await client.quit();
    server.close();
  });
});
