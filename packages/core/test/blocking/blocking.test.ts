import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Bytes, FakeServer, NULL_ARRAY, parseBlockTimeout, serverProfile } from '../../src/index.js';
import { blockingServer, connect, FixtureList } from './fixture.js';

const bulkPair = (key: string, value: string) => `*2\r\n$${key.length}\r\n${key}\r\n$${value.length}\r\n${value}\r\n`;

describe('blocking on keys', () => {
  afterEach(() => vi.useRealTimers());

  it('serves waiters in the order they blocked, one element each', () => {
    const server = blockingServer();
    const [a, b, c] = [connect(server), connect(server), connect(server)];
    b.send('BLPOP', 'k', '0');
    a.send('BLPOP', 'k', '0');
    c.send('BLPOP', 'other', 'k', '0');
    expect(server.blocking.blockedClients).toBe(3);
    expect(server.call('RPUSH', 'k', 'x', 'y')).toBe(2);
    expect(b.output.join('')).toBe(bulkPair('k', 'x'));
    expect(a.output.join('')).toBe(bulkPair('k', 'y'));
    expect(c.output).toEqual([]);
    expect(server.call('EXISTS', 'k')).toBe(0);
    server.call('RPUSH', 'other', 'z');
    expect(c.output.join('')).toBe(bulkPair('other', 'z'));
    expect(server.blocking.blockedClients).toBe(0);
    expect(server.db(0).blockingKeys.size).toBe(0);
  });

  it('holds pipelined commands until the client is served, then runs them', () => {
    const server = blockingServer();
    const a = connect(server);
    a.client.feed('*3\r\n$5\r\nBLPOP\r\n$1\r\nk\r\n$1\r\n0\r\n*1\r\n$4\r\nPING\r\n');
    expect(a.output).toEqual([]);
    server.call('RPUSH', 'k', 'v');
    expect(a.output.join('')).toBe(`${bulkPair('k', 'v')}+PONG\r\n`);
  });

  it('times out on the server clock with the null reply of the protocol', () => {
    const server = blockingServer();
    server.clock.freeze();
    const a = connect(server);
    const b = connect(server);
    b.send('HELLO', '3');
    b.output.length = 0;
    a.send('BLPOP', 'k', '1.5');
    b.send('BLPOP', 'k', '0.5');
    expect(server.call('INFO', 'clients')).toMatchObject({ text: expect.stringContaining('clients_in_timeout_table:2') });
    server.clock.advance(500);
    expect(b.output).toEqual([]);
    server.clock.advance(1);
    expect(b.output.join('')).toBe('_\r\n');
    server.clock.advance(1000);
    expect(a.output.join('')).toBe('*-1\r\n');
    expect(server.blocking.clientsWithTimeout).toBe(0);
    server.close();
  });

  it('times out through its timer when the clock follows Date.now (fake timers)', () => {
    vi.useFakeTimers();
    const server = blockingServer();
    const a = connect(server);
    a.send('BLPOP', 'k', '0.05');
    vi.advanceTimersByTime(40);
    expect(a.output).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(a.output.join('')).toBe('*-1\r\n');
    server.close();
  });

  it('CLIENT UNBLOCK ends the wait as a timeout or with an UNBLOCKED error', () => {
    const server = blockingServer();
    const a = connect(server);
    const b = connect(server);
    a.send('BLPOP', 'k', '0');
    b.send('BLPOP', 'k', '0');
    expect(server.call('CLIENT', 'UNBLOCK', String(a.client.id))).toBe(1);
    expect(a.output.join('')).toBe('*-1\r\n');
    expect(server.call('CLIENT', 'UNBLOCK', String(a.client.id))).toBe(0);
    expect(server.call('CLIENT', 'UNBLOCK', String(b.client.id), 'ERROR')).toBe(1);
    expect(b.output.join('')).toBe('-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n');
    expect(server.call('CLIENT', 'UNBLOCK', '1', 'later')).toMatchObject({ message: 'ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR' });
    expect(server.call('CLIENT', 'UNBLOCK', 'x')).toMatchObject({ message: 'ERR value is not an integer or out of range' });
    expect(server.call('CLIENT', 'UNBLOCK', '1', 'timeout', 'x')).toMatchObject({
      message: "ERR unknown subcommand or wrong number of arguments for 'UNBLOCK'. Try CLIENT HELP.",
    });
  });

  it('a blocked client that disconnects leaves its queues', () => {
    const server = blockingServer();
    const a = connect(server);
    const b = connect(server);
    a.send('BLPOP', 'k', '0');
    b.send('BLPOP', 'k', '0');
    a.client.disconnected();
    server.call('RPUSH', 'k', 'v');
    expect(b.output.join('')).toBe(bulkPair('k', 'v'));
    expect(server.blocking.blockedClients).toBe(0);
  });

  it('does not block inside MULTI; a key made ready in EXEC serves after it', () => {
    const server = blockingServer();
    const a = connect(server);
    a.send('MULTI');
    a.send('BLPOP', 'k', '0');
    a.send('EXEC');
    expect(a.output.join('')).toBe('+OK\r\n+QUEUED\r\n*1\r\n*-1\r\n');
    const b = connect(server);
    b.send('BLPOP', 'k', '0');
    server.call('MULTI');
    server.call('RPUSH', 'k', 'a', 'b');
    server.call('RPUSH', 'k', 'c');
    expect(server.call('EXEC')).toEqual([2, 3]);
    expect(b.output.join('')).toBe(bulkPair('k', 'a'));
    expect(server.call('RPUSH', 'k')).toBeInstanceOf(Object);
  });

  it('SWAPDB serves clients blocked on keys that arrive', () => {
    const server = blockingServer();
    const a = connect(server);
    a.send('BLPOP', 'k', '0');
    server.call('SELECT', '1');
    server.call('RPUSH', 'k', 'v');
    server.call('SWAPDB', '0', '1');
    expect(a.output.join('')).toBe(bulkPair('k', 'v'));
  });

  it('a key that arrives with another type serves nobody; waiters keep their places', () => {
    const server = blockingServer();
    const a = connect(server);
    a.send('BLPOP', 'k', '0');
    server.call('SET', 'k', 'string');
    expect(a.output).toEqual([]);
    server.call('DEL', 'k');
    server.call('RPUSH', 'k', 'v');
    expect(a.output.join('')).toBe(bulkPair('k', 'v'));
  });

  it('the direct API never blocks: it answers as a timeout', () => {
    const server = blockingServer();
    expect(server.call('BLPOP', 'k', '0')).toBe(NULL_ARRAY);
    expect(server.blocking.blockedClients).toBe(0);
    server.call('RPUSH', 'k', 'v');
    expect(server.call('BLPOP', 'k', '0')).toEqual(['k', 'v']);
  });

  it('drops its timer once no client waits with a deadline', () => {
    vi.useFakeTimers();
    const server = blockingServer();
    const a = connect(server);
    a.send('BLPOP', 'k', '30');
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    server.call('RPUSH', 'k', 'v');
    expect(a.output.join('')).toBe(bulkPair('k', 'v'));
    expect(vi.getTimerCount()).toBe(0);
    server.close();
  });

  it('counts a command ended by CLIENT UNBLOCK as failed, and CLIENT UNBLOCK ERROR too', () => {
    const server = blockingServer();
    const a = connect(server);
    a.send('BLPOP', 'k', '0');
    server.call('CLIENT', 'UNBLOCK', String(a.client.id));
    a.send('BLPOP', 'k', '0');
    server.call('CLIENT', 'UNBLOCK', String(a.client.id), 'ERROR');
    const stats = String((server.call('INFO', 'commandstats') as { text: string }).text);
    expect(stats).toMatch(/cmdstat_blpop:calls=2,.*failed_calls=2/);
    expect(stats).toMatch(/cmdstat_client\|unblock:calls=2,.*failed_calls=1/);
  });

  it('a key readied outside any command is served before the server sleeps', () => {
    const server = blockingServer();
    const a = connect(server);
    a.send('BLPOP', 'k', '0');
    server.db(0).add('k' as Bytes, new FixtureList(['v' as Bytes]));
    expect(a.output).toEqual([]);
    server.beforeSleep();
    expect(a.output.join('')).toBe(bulkPair('k', 'v'));
  });

  it('CLIENT LIST flags a blocked client with b', () => {
    const server = blockingServer();
    const a = connect(server);
    a.send('BLPOP', 'k', '0');
    expect(String((server.call('CLIENT', 'LIST') as { text?: string }).text ?? server.call('CLIENT', 'LIST'))).toMatch(
      new RegExp(`id=${a.client.id} .* flags=b `),
    );
  });
});

describe('parseBlockTimeout', () => {
  const at = (version: '7.0' | '7.2', arg: string) => {
    const server = new FakeServer({ profile: serverProfile('redis', version) });
    server.clock.freeze(1_000_000);
    const client = server.createClient();
    try {
      return parseBlockTimeout(client, arg as Bytes);
    } catch (e) {
      return (e as Error).message;
    }
  };

  it('reads seconds as Redis 7.0 does (ceil to ms, 0 forever)', () => {
    expect(at('7.0', '1')).toBe(1_001_000);
    expect(at('7.0', '0.0001')).toBe(1_000_001);
    expect(at('7.0', '1e-300')).toBe(1_000_001);
    expect(at('7.0', '-0.0001')).toBe(0);
    expect(at('7.0', '0')).toBe(0);
    expect(at('7.0', '0x10')).toBe(1_016_000);
    expect(at('7.0', '-1')).toBe('ERR timeout is negative');
    expect(at('7.0', 'inf')).toBe('ERR timeout is negative');
    expect(at('7.0', '1e17')).toBe('ERR timeout is negative');
    expect(at('7.0', 'nan')).toBe('ERR timeout is not a float or out of range');
    expect(at('7.0', ' 1')).toBe('ERR timeout is not a float or out of range');
    expect(at('7.0', '')).toBe('ERR timeout is not a float or out of range');
    // now + timeout overflows in 7.0: a deadline that never comes.
    expect(at('7.0', '9223372036854775')).toBe(0);
  });

  it('rejects out-of-range timeouts from Redis 7.2', () => {
    expect(at('7.2', '1e17')).toBe('ERR timeout is out of range');
    expect(at('7.2', 'inf')).toBe('ERR timeout is out of range');
    expect(at('7.2', '9223372036854775')).toBe('ERR timeout is out of range');
    expect(at('7.2', '-1')).toBe('ERR timeout is negative');
  });

  it('reads milliseconds as integers', () => {
    const server = new FakeServer();
    server.clock.freeze(5000);
    const client = server.createClient();
    expect(parseBlockTimeout(client, '250' as Bytes, 'milliseconds')).toBe(5250);
    expect(() => parseBlockTimeout(client, '1.5' as Bytes, 'milliseconds')).toThrow('ERR timeout is not an integer or out of range');
  });
});
