// User-style tests of the node-redis flavour from the packed packages, with one node-redis
// major installed, against the fake and (REAL_REDIS_PORT) a real redis-server.
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient as realCreateClient } from 'redis';
import { createClient as fakeCreateClient, FakeRedis, FakeServer, TcpFakeServer } from '@fakeredis/all';

const require = createRequire(import.meta.url);
const major = Number(require('redis/package.json').version.split('.')[0]);
const realPort = Number(process.env.REAL_REDIS_PORT) || undefined;
const realAuthPort = Number(process.env.REAL_REDIS_AUTH_PORT) || undefined;
const PASSWORD = 's3cret';

/** close() on node-redis 5 and 6, quit() on 4. */
const end = (client) => (typeof client.close === 'function' ? client.close() : client.quit());

// The fake in process; the fake over TCP (TcpFakeServer, real node-redis); and redis-server.
const tcp = await new TcpFakeServer({ port: 0 }).listen();
const tcpAuth = await new TcpFakeServer({ port: 0, config: { requirepass: PASSWORD } }).listen();
afterAll(async () => {
  await tcp.close();
  await tcpAuth.close();
});
const targets = [
  { name: 'fake', createClient: fakeCreateClient, port: 16379, authPort: 16380 },
  { name: 'fake over TCP', createClient: realCreateClient, port: tcp.port, authPort: tcpAuth.port },
];
if (realPort && realAuthPort) targets.push({ name: 'redis-server', createClient: realCreateClient, port: realPort, authPort: realAuthPort });

describe.each(targets)('node-redis $name', ({ name, createClient, port, authPort }) => {
  const opened = [];
  const connect = async (options) => {
    const client = createClient(options);
    client.on('error', () => {});
    opened.push(client);
    await client.connect();
    return client;
  };
  beforeAll(() => {
    if (name === 'fake') FakeRedis.registry.set({ port: authPort }, new FakeServer({ config: { requirepass: PASSWORD } }));
  });
  afterEach(async () => {
    for (const client of opened.splice(0)) if (client.isOpen) await end(client);
    const admin = await connect({ socket: { host: '127.0.0.1', port } });
    await admin.flushAll();
    await end(admin);
    opened.length = 0;
  });
  afterAll(() => FakeRedis.registry.reset());

  it('url with database, and name', async () => {
    const client = await connect({ url: `redis://127.0.0.1:${port}/2`, name: 'nr-1' });
    expect(await client.set('k', 'v')).toBe('OK');
    expect(await client.clientGetName()).toBe('nr-1');
    const db2 = await connect({ socket: { host: '127.0.0.1', port }, database: 2 });
    expect(await db2.get('k')).toBe('v');
    const db0 = await connect({ socket: { host: '127.0.0.1', port } });
    expect(await db0.get('k')).toBeNull();
  });

  it('password, and username/password in the url', async () => {
    const a = await connect({ socket: { host: '127.0.0.1', port: authPort }, password: PASSWORD });
    expect(await a.ping()).toBe('PONG');
    const b = await connect({ url: `redis://default:${PASSWORD}@127.0.0.1:${authPort}` });
    expect(await b.ping()).toBe('PONG');
  });

  it('username/password of an ACL user, as options and in the url', async () => {
    const admin = await connect({ socket: { host: '127.0.0.1', port: authPort }, password: PASSWORD });
    expect(await admin.sendCommand(['ACL', 'SETUSER', 'app', 'on', '>app-pw', '~app:*', '+@all'])).toBe('OK');
    const users = [];
    try {
      const app = await connect({ socket: { host: '127.0.0.1', port: authPort }, username: 'app', password: 'app-pw' });
      users.push(app);
      expect(await app.sendCommand(['ACL', 'WHOAMI'])).toBe('app');
      expect(await app.set('app:k', 'v')).toBe('OK');
      await expect(app.set('other', 'v')).rejects.toThrow('NOPERM this user has no permissions to access one of the keys used as arguments');
      const byUrl = await connect({ url: `redis://app:app-pw@127.0.0.1:${authPort}` });
      users.push(byUrl);
      expect(await byUrl.sendCommand(['ACL', 'WHOAMI'])).toBe('app');
    } finally {
      // Closed first: DELUSER drops the user's connections, and node-redis 4 reconnecting
      // with the deleted user's password ends in an unhandled WRONGPASS.
      for (const client of users) await end(client);
      await admin.sendCommand(['ACL', 'DELUSER', 'app']);
      await admin.flushAll();
    }
  });

  it.each([2, 3])('RESP%i: replies, MULTI and errors', async (RESP) => {
    if (RESP === 3 && major < 5) return; // node-redis 4 speaks RESP2 only
    const client = await connect({ socket: { host: '127.0.0.1', port }, ...(major >= 5 ? { RESP } : {}) });
    await client.hSet('h', 'f', 'v');
    expect({ ...(await client.hGetAll('h')) }).toEqual({ f: 'v' });
    expect(await client.multi().set('a', '1').incr('a').get('a').exec()).toEqual(['OK', 2, '2']);
    await expect(client.lPush('a', 'x')).rejects.toThrow('WRONGTYPE Operation against a key holding the wrong kind of value');
  });

  it('duplicate() and quit()', async () => {
    const client = await connect({ socket: { host: '127.0.0.1', port }, database: 3 });
    await client.set('k', 'v');
    const dup = client.duplicate();
    await dup.connect();
    expect(await dup.get('k')).toBe('v');
    await end(dup);
    await client.quit(); // 'OK' since node-redis 4.0.1
    expect(client.isOpen).toBe(false);
  });
});

describe('node-redis fake only', () => {
  afterEach(() => {
    vi.useRealTimers();
    FakeRedis.registry.reset();
  });

  it('vi.useFakeTimers() drives expiry and blocking timeouts', async () => {
    // Vitest fakes setImmediate by default; node-redis 5 and 6 queue their writes with it.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const client = fakeCreateClient();
    await client.connect();
    await client.set('short', 'v', { PX: 100 });
    vi.advanceTimersByTime(150);
    expect(await client.get('short')).toBeNull();
    const popped = client.blPop('queue', 2);
    await vi.advanceTimersByTimeAsync(2_100);
    expect(await popped).toBeNull();
    await end(client);
  });

  it('an explicit server, and the test helpers', async () => {
    const server = new FakeServer({ version: '7.2' });
    server.setData({ greeting: 'hello' });
    const client = fakeCreateClient({ server });
    await client.connect();
    expect(await client.get('greeting')).toBe('hello');
    await client.set('n', '1');
    expect(server.command('INCR', 'n')).toBe(2);
    await end(client);
    server.close();
  });
});
