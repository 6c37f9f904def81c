// User-style tests of the ioredis flavour from the packed packages, with one ioredis major
// installed. Every behaviour test runs against the fake and, when the runner started one,
// against a real redis-server (REAL_REDIS_PORT), so both are held to the same answers.
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import Redis from 'ioredis';
import { FakeRedis, FakeServer, TcpFakeServer } from '@fakeredis/all';

const require = createRequire(import.meta.url);
const ioredisMajor = Number(require('ioredis/package.json').version.split('.')[0]);
const realPort = Number(process.env.REAL_REDIS_PORT) || undefined;
const realAuthPort = Number(process.env.REAL_REDIS_AUTH_PORT) || undefined;
const PASSWORD = 's3cret';

// The fake in process; the fake over TCP (fakeredis-server's TcpFakeServer, real ioredis);
// and redis-server.
const tcp = await new TcpFakeServer({ port: 0 }).listen();
const tcpAuth = await new TcpFakeServer({ port: 0, config: { requirepass: PASSWORD } }).listen();
afterAll(async () => {
  await tcp.close();
  await tcpAuth.close();
});
const targets = [
  { name: 'fake', Client: FakeRedis, port: 16379, authPort: 16380 },
  { name: 'fake over TCP', Client: Redis, port: tcp.port, authPort: tcpAuth.port },
];
if (realPort && realAuthPort) targets.push({ name: 'redis-server', Client: Redis, port: realPort, authPort: realAuthPort });

describe.each(targets)('ioredis $name', ({ name, Client, port, authPort }) => {
  const opened = [];
  const open = (client) => {
    opened.push(client);
    return client;
  };
  beforeAll(() => {
    if (name === 'fake') FakeRedis.registry.set({ port: authPort }, new FakeServer({ config: { requirepass: PASSWORD } }));
  });
  afterEach(async () => {
    for (const client of opened.splice(0)) client.disconnect();
    const admin = new Client(port, '127.0.0.1');
    await admin.flushall();
    await admin.quit();
  });
  afterAll(() => FakeRedis.registry.reset());

  const forms = [
    ['port, host, options', () => new Client(port, '127.0.0.1', { keyPrefix: 'p:', db: 2 })],
    ['port, options', () => new Client(port, { keyPrefix: 'p:', db: 2 })],
    ['url, options', () => new Client(`redis://127.0.0.1:${port}/2`, { keyPrefix: 'p:' })],
    ['options', () => new Client({ port, host: '127.0.0.1', keyPrefix: 'p:', db: 2 })],
  ];
  it.each(forms)('new Redis(%s) keeps every option', async (_form, make) => {
    const client = open(make());
    expect(await client.set('k', 'v')).toBe('OK');
    expect(await client.get('k')).toBe('v');
    const raw = open(new Client(port, '127.0.0.1', { db: 2 }));
    expect(await raw.get('p:k')).toBe('v');
    expect(await open(new Client(port, '127.0.0.1')).exists('p:k')).toBe(0);
  });

  it('new Redis(port, host), new Redis(url) and new Redis(port) reach the same server', async () => {
    await open(new Client(port, '127.0.0.1')).set('k', 'v');
    expect(await open(new Client(`redis://127.0.0.1:${port}`)).get('k')).toBe('v');
    expect(await open(new Client(port)).get('k')).toBe('v');
  });

  it('lazyConnect and connectionName', async () => {
    const client = open(new Client({ port, host: '127.0.0.1', lazyConnect: true, connectionName: 'worker-1' }));
    expect(client.status).toBe('wait');
    await client.connect();
    expect(client.status).toBe('ready');
    expect(await client.client('GETNAME')).toBe('worker-1');
  });

  it('password and username/password against requirepass; NOAUTH and WRONGPASS otherwise', async () => {
    expect(await open(new Client({ port: authPort, host: '127.0.0.1', password: PASSWORD })).ping()).toBe('PONG');
    expect(await open(new Client(`redis://default:${PASSWORD}@127.0.0.1:${authPort}`)).ping()).toBe('PONG');
    const anonymous = open(new Client({ port: authPort, host: '127.0.0.1' }));
    // ioredis 6 opens with HELLO 3, which Redis refuses first; ioredis 5 gets to the command.
    await expect(anonymous.ping()).rejects.toThrow(
      ioredisMajor >= 6 ? 'NOAUTH HELLO must be called with the client already authenticated' : 'NOAUTH Authentication required.',
    );
    const wrong = open(new Client({ port: authPort, host: '127.0.0.1', password: 'nope', retryStrategy: () => null }));
    const error = await new Promise((resolve) => wrong.once('error', resolve));
    expect(error.message).toMatch(/^WRONGPASS invalid username-password pair/);
  });

  it('username/password of an ACL user, as options and in the url', async () => {
    const admin = open(new Client({ port: authPort, host: '127.0.0.1', password: PASSWORD }));
    expect(await admin.acl('SETUSER', 'app', 'on', '>app-pw', '~app:*', '+@all')).toBe('OK');
    const users = [];
    try {
      const app = new Client({ port: authPort, host: '127.0.0.1', username: 'app', password: 'app-pw' });
      users.push(app);
      expect(await app.acl('WHOAMI')).toBe('app');
      expect(await app.set('app:k', 'v')).toBe('OK');
      await expect(app.set('other', 'v')).rejects.toThrow('NOPERM this user has no permissions to access one of the keys used as arguments');
      const byUrl = new Client(`redis://app:app-pw@127.0.0.1:${authPort}`);
      users.push(byUrl);
      expect(await byUrl.acl('WHOAMI')).toBe('app');
    } finally {
      // Closed first: DELUSER drops the user's connections, which would reconnect in vain.
      for (const client of users) await client.quit();
      await admin.acl('DELUSER', 'app');
      await admin.flushall();
    }
  });

  it.each([2, 3])('RESP%i: replies, pipelines, MULTI and errors', async (protocol) => {
    if (protocol === 3 && ioredisMajor < 6) return; // ioredis 5 speaks RESP2 only
    const client = open(new Client({ port, host: '127.0.0.1', protocol }));
    await client.hset('h', 'f', 'v');
    expect(await client.hgetall('h')).toEqual({ f: 'v' });
    expect(await client.pipeline().set('a', '1').incr('a').get('a').exec()).toEqual([
      [null, 'OK'],
      [null, 2],
      [null, '2'],
    ]);
    expect(await client.multi().incr('n').incrby('n', 4).exec()).toEqual([
      [null, 1],
      [null, 5],
    ]);
    await expect(client.lpush('a', 'x')).rejects.toThrow('WRONGTYPE Operation against a key holding the wrong kind of value');
    await client.zadd('z', 1.5, 'm');
    expect(await client.zscore('z', 'm')).toBe('1.5');
  });

  it('duplicate() and quit()', async () => {
    const client = new Client({ port, host: '127.0.0.1', db: 3 });
    await client.set('k', 'v');
    const dup = client.duplicate();
    expect(await dup.get('k')).toBe('v');
    expect(await dup.quit()).toBe('OK');
    expect(await client.quit()).toBe('OK');
  });
});

describe('ioredis fake only', () => {
  afterEach(() => {
    vi.useRealTimers();
    FakeRedis.registry.reset();
  });

  it('vi.useFakeTimers() drives expiry and blocking timeouts', async () => {
    vi.useFakeTimers();
    const client = new FakeRedis();
    await client.set('short', 'v', 'PX', 100);
    await client.set('long', 'v', 'EX', 10);
    vi.advanceTimersByTime(150);
    expect(await client.get('short')).toBeNull();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(await client.ttl('long')).toBe(1);
    const popped = client.blpop('queue', 5);
    await vi.advanceTimersByTimeAsync(5_100);
    expect(await popped).toBeNull();
    expect(await client.quit()).toBe('OK');
  });

  it('server.command() and the test helpers', async () => {
    const client = new FakeRedis();
    const server = client.server;
    server.setData({ greeting: 'hello', user: { name: 'ada' }, queue: ['a', 'b'] });
    expect(await client.hget('user', 'name')).toBe('ada');
    await client.set('counter', '41');
    expect(server.command('INCR', 'counter')).toBe(42);
    expect(server.getValue('queue')).toEqual(['a', 'b']);
    await client.set('session', 'x', 'EX', 60);
    expect(server.ttl('session')).toBeGreaterThan(59_000);
    server.fastForward(61_000);
    expect(await client.exists('session')).toBe(0);
    expect(Object.keys(server.snapshot()).sort()).toEqual(['counter', 'greeting', 'queue', 'user']);
    expect(() => server.command('LPUSH', 'greeting', 'x')).toThrow('WRONGTYPE');
    server.flush();
    expect(await client.dbsize()).toBe(0);
    await client.quit();
  });
});
