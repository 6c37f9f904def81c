import { afterEach, describe, expect, it } from 'vitest';
import { FakeRedis, FakeServer, ReplyError } from '../src/index.js';

const servers: FakeServer[] = [];
function server(options?: ConstructorParameters<typeof FakeServer>[0]): FakeServer {
  const s = new FakeServer(options);
  servers.push(s);
  return s;
}
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
  FakeRedis.registry.reset();
});

describe('server.command(): the direct API with plain values', () => {
  it('returns strings, numbers, null, arrays and objects', () => {
    const s = server();
    expect(s.command('SET', 'k', 'v')).toBe('OK');
    expect(s.command('GET', 'k')).toBe('v');
    expect(s.command('GET', 'missing')).toBeNull();
    expect(s.command('INCR', 'n')).toBe(1);
    expect(s.command('RPUSH', 'l', 'a', 'b')).toBe(2);
    expect(s.command('LRANGE', 'l', 0, -1)).toEqual(['a', 'b']);
    s.command('HSET', 'h', 'f1', 'v1', 'f2', 'v2');
    expect(s.command('HGETALL', 'h')).toEqual({ f1: 'v1', f2: 'v2' });
    expect(s.command('HGETALL', 'nothing')).toEqual({});
    s.command('ZADD', 'z', 1.5, 'a', 2, 'b');
    expect(s.command('ZSCORE', 'z', 'a')).toBe(1.5);
    expect(s.command('ZRANGE', 'z', 0, -1, 'WITHSCORES')).toEqual([
      ['a', 1.5],
      ['b', 2],
    ]);
    s.command('SADD', 's', 'x');
    expect(s.command('SMEMBERS', 's')).toEqual(['x']);
    expect(s.command('SISMEMBER', 's', 'x')).toBe(1);
    expect(s.command('TYPE', 'h')).toBe('hash');
    expect(s.command('PING')).toBe('PONG');
    expect(s.command('EXISTS', 'k', 'l', 'missing')).toBe(2);
  });

  it('decodes UTF-8 and gives Buffers for other bytes, or when asked', () => {
    const s = server();
    s.command('SET', 'utf8', 'héllo ✓');
    expect(s.command('GET', 'utf8')).toBe('héllo ✓');
    const bytes = Buffer.from([0xff, 0x00, 0xfe]);
    s.command('SET', 'bin', bytes);
    expect(s.command('GET', 'bin')).toEqual(bytes);
    expect(s.commandBuffer('GET', 'utf8')).toEqual(Buffer.from('héllo ✓'));
    expect(s.commandBuffer('SET', 'x', 'y')).toEqual(Buffer.from('OK'));
  });

  it('throws error replies with Redis texts; errors inside EXEC are values', () => {
    const s = server();
    s.command('SET', 'k', 'v');
    expect(() => s.command('LPUSH', 'k', 'x')).toThrow(new ReplyError('WRONGTYPE Operation against a key holding the wrong kind of value'));
    try {
      s.command('NOSUCH');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ReplyError);
      expect((error as ReplyError).code).toBe('ERR');
      expect((error as ReplyError).message).toBe("ERR unknown command 'NOSUCH', with args beginning with: ");
    }
    s.command('MULTI');
    expect(s.command('INCR', 'k')).toBe('QUEUED');
    expect(s.command('SET', 'k2', 'v2')).toBe('QUEUED');
    const [error, ok] = s.command<[ReplyError, string]>('EXEC');
    expect(error).toBeInstanceOf(ReplyError);
    expect(error.message).toBe('ERR value is not an integer or out of range');
    expect(ok).toBe('OK');
  });

  it('gives big integers past 2^53 as bigint, and RESP3 booleans and doubles as JS values', () => {
    const s = server();
    s.command('SET', 'big', '9007199254740993');
    expect(s.command('INCRBY', 'big', 1)).toBe(9007199254740994n);
    expect(s.command('INCRBYFLOAT', 'f', '1.5')).toBe('1.5');
  });

  it('sees what clients wrote, and clients see what it writes', async () => {
    const redis = new FakeRedis();
    await redis.set('from-client', '1');
    const s = redis.server;
    expect(s.command('GET', 'from-client')).toBe('1');
    s.command('SET', 'from-server', '2');
    expect(await redis.get('from-server')).toBe('2');
    redis.disconnect();
  });
});

describe('test helpers', () => {
  it('setData seeds every type from plain values; getValue and snapshot read them back', () => {
    const s = server();
    s.setData({
      user_next: '3',
      count: 7,
      bytes: Buffer.from([0xff, 0x01]),
      'user:1': { id: '1', name: 'superman' },
      queue: ['a', 'b', 'c'],
      tags: new Set(['x', 'y']),
      scores: new Map([
        ['alice', 10],
        ['bob', 2.5],
      ]),
      empty: [],
    });
    expect(s.command('GET', 'user_next')).toBe('3');
    expect(s.command('HGET', 'user:1', 'name')).toBe('superman');
    expect(s.command('LRANGE', 'queue', 0, -1)).toEqual(['a', 'b', 'c']);
    expect(s.command('SCARD', 'tags')).toBe(2);
    expect(s.command('ZSCORE', 'scores', 'bob')).toBe(2.5);
    expect(s.command('EXISTS', 'empty')).toBe(0);

    expect(s.getValue('user_next')).toBe('3');
    expect(s.getValue('count')).toBe('7');
    expect(s.getValue('bytes')).toEqual(Buffer.from([0xff, 0x01]));
    expect(s.getValue('user:1')).toEqual({ id: '1', name: 'superman' });
    expect(s.getValue('queue')).toEqual(['a', 'b', 'c']);
    expect(s.getValue('tags')).toEqual(new Set(['x', 'y']));
    expect(s.getValue('scores')).toEqual(
      new Map([
        ['bob', 2.5],
        ['alice', 10],
      ]),
    );
    expect(s.getValue('missing')).toBeUndefined();
    expect(s.getValue('user_next', { buffers: true })).toEqual(Buffer.from('3'));

    expect(s.snapshot()).toEqual({
      bytes: Buffer.from([0xff, 0x01]),
      count: '7',
      queue: ['a', 'b', 'c'],
      scores: new Map([
        ['bob', 2.5],
        ['alice', 10],
      ]),
      tags: new Set(['x', 'y']),
      'user:1': { id: '1', name: 'superman' },
      user_next: '3',
    });
    // A snapshot feeds setData: a copy of the database.
    const copy = server();
    copy.setData(s.snapshot());
    expect(copy.snapshot()).toEqual(s.snapshot());
  });

  it('replaces existing keys, deletes with null, writes other databases and TTLs', () => {
    const s = server();
    s.setData({ k: ['old'] });
    s.setData({ k: 'new', gone: 'x' });
    s.setData({ gone: null });
    expect(s.snapshot()).toEqual({ k: 'new' });
    s.setData({ session: 'abc' }, { db: 3, ttl: 5000 });
    expect(s.getValue('session')).toBeUndefined();
    expect(s.getValue('session', { db: 3 })).toBe('abc');
    expect(s.snapshot({ db: 3 })).toEqual({ session: 'abc' });
    const ttl = s.ttl('session', { db: 3 });
    expect(ttl).toBeGreaterThan(4900);
    expect(ttl).toBeLessThanOrEqual(5000);
    expect(s.ttl('k')).toBeNull();
    expect(s.ttl('missing')).toBeUndefined();
  });

  it('keeps the direct client selection for call() and command()', () => {
    const s = server();
    s.command('SELECT', 2);
    s.setData({ a: '1' });
    expect(s.command('GET', 'a')).toBeNull(); // command() still in db 2
    s.command('SET', 'b', '2');
    expect(s.getValue('b', { db: 2 })).toBe('2');
    expect(s.getValue('a')).toBe('1');
  });

  it('acts as a client would: WATCH sees the change, a blocked client is served', async () => {
    const s = server();
    const watcher = new FakeRedis({ server: s });
    const blocked = new FakeRedis({ server: s });
    await watcher.watch('k');
    const popped = blocked.blpop('queue', 0);
    await new Promise((resolve) => setTimeout(resolve, 20));
    s.setData({ k: 'changed', queue: ['job'] });
    expect(await watcher.multi().set('k', 'mine').exec()).toBeNull();
    expect(await popped).toEqual(['queue', 'job']);
    expect(s.getValue('k')).toBe('changed');
    watcher.disconnect();
    blocked.disconnect();
  });

  it("emits the keyspace events of the commands it runs, as another client's writes do", async () => {
    const s = server();
    s.command('CONFIG', 'SET', 'notify-keyspace-events', 'KEA');
    const subscriber = new FakeRedis({ server: s });
    const events: string[] = [];
    subscriber.on('pmessage', (_pattern: string, channel: string, key: string) => events.push(`${channel} ${key}`));
    await subscriber.psubscribe('__keyevent@0__:*');
    s.setData({ k: 'v', queue: ['a'] });
    for (const deadline = Date.now() + 5_000; events.length < 2 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(events).toEqual(['__keyevent@0__:set k', '__keyevent@0__:rpush queue']);
    subscriber.disconnect();
  });

  it('reads streams as [id, fields] entries', () => {
    const s = server();
    s.command('XADD', 'st', '1-1', 'f', 'v', 'g', 'w');
    s.command('XADD', 'st', '2-0', 'f', 'x');
    expect(s.getValue('st')).toEqual([
      ['1-1', { f: 'v', g: 'w' }],
      ['2-0', { f: 'x' }],
    ]);
    const copy = server();
    copy.setData(s.snapshot());
    expect(copy.getValue('st')).toEqual(s.getValue('st'));
  });

  it('flush empties one database or all; fastForward expires keys and ends blocking timeouts', async () => {
    const s = server();
    s.setData({ a: '1' });
    s.setData({ b: '2' }, { db: 1 });
    s.flush(1);
    expect(s.snapshot({ db: 1 })).toEqual({});
    expect(s.snapshot()).toEqual({ a: '1' });
    s.setData({ b: '2' }, { db: 1 });
    s.flush();
    expect(s.snapshot()).toEqual({});
    expect(s.snapshot({ db: 1 })).toEqual({});

    s.setData({ short: 'x' }, { ttl: 1000 });
    s.setData({ long: 'y' }, { ttl: 60_000 });
    s.fastForward(1500);
    expect(s.snapshot()).toEqual({ long: 'y' });
    expect(s.ttl('long')).toBeLessThanOrEqual(58_500);

    const redis = new FakeRedis({ server: s });
    const popped = redis.blpop('q', 30);
    await new Promise((resolve) => setTimeout(resolve, 20));
    s.fastForward(31_000);
    expect(await popped).toBeNull();
    redis.disconnect();
  });
});
