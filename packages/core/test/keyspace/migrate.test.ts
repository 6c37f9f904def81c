import { createServer, type Server, type Socket } from 'node:net';
import { connectFake } from '@fakeredis/tooling/conformance';
import { afterEach, describe, expect, it } from 'vitest';
import { Clock, ErrorReply, type FakeServer, registerServerDirectory, SimpleString } from '../../src/index.js';
import { keyspaceServer } from './fixtures.js';

/**
 * What MIGRATE does in the fake beyond what a conformance scenario can compare: targets in
 * this process, the other clients paused while a TCP target answers, the socket cache and
 * its cron, and where the fake knowingly differs (a synchronous wait on a listener of its
 * own process).
 */

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function server(clock?: Clock): FakeServer {
  const s = keyspaceServer(clock ? { clock } : {});
  cleanups.push(() => s.close());
  return s;
}

/** Places `target` at 127.0.0.1:port for MIGRATE (as a client flavour's registry does). */
function place(target: FakeServer, port: number): void {
  cleanups.push(registerServerDirectory((host, p) => (p === port && host === '127.0.0.1' ? target : undefined)));
}

const text = (reply: unknown) => (reply instanceof SimpleString ? reply.value : reply instanceof ErrorReply ? reply.message : reply);

/** A TCP target that answers each command (one per line of a RESP array) after `delay` ms. */
async function slowTarget(delay: number): Promise<{ port: number; received: string[] }> {
  const received: string[] = [];
  const listener: Server = createServer((socket: Socket) => {
    let pending = '';
    socket.on('data', (chunk) => {
      pending += chunk.toString('latin1');
      // Each command starts with "*<n>\r\n$<len>\r\n<NAME>": count them by their names.
      const names = [...pending.matchAll(/\*\d+\r\n\$\d+\r\n([A-Z-]+)\r\n/g)].map((m) => m[1] as string);
      pending = '';
      received.push(...names);
      setTimeout(() => socket.write(names.map(() => '+OK\r\n').join('')), delay);
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => listener.close(resolve)));
  const address = listener.address();
  return { port: typeof address === 'object' && address !== null ? address.port : 0, received };
}

describe('MIGRATE to a server of this process', () => {
  it('moves the key at once, in memory, with the target seeing a normal client', () => {
    const source = server();
    const target = server();
    place(target, 30001);
    source.call('SET', 'k', 'v');
    source.call('PEXPIRE', 'k', '100000');
    expect(text(source.call('MIGRATE', '127.0.0.1', '30001', 'k', '3', '5000'))).toBe('OK');
    expect(source.call('EXISTS', 'k')).toBe(0);
    target.call('SELECT', '3');
    expect(target.call('GET', 'k')).toBe('v');
    expect(target.call('PTTL', 'k')).toBeGreaterThan(99000);
    // The cached connection is a client of the target (last command RESTORE, database 3).
    const list = String(target.command('CLIENT', 'LIST'));
    expect(list).toMatch(/addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:30001 .* db=3 .* cmd=restore /);
    expect(String(source.command('INFO', 'stats'))).toContain('migrate_cached_sockets:1');
  });

  it('works inside MULTI, where nothing can wait', () => {
    const source = server();
    const target = server();
    place(target, 30002);
    source.call('SET', 'k', 'v');
    const client = connectFake(source);
    cleanups.push(client.close);
    expect(source.call('MULTI')).toBeInstanceOf(SimpleString);
    source.call('MIGRATE', '127.0.0.1', '30002', 'k', '0', '5000');
    source.call('EXISTS', 'k');
    expect((source.call('EXEC') as unknown[]).map(text)).toEqual(['OK', 0]);
    expect(target.call('GET', 'k')).toBe('v');
  });

  it('a MIGRATE to itself times out at once (Redis would wait for the timeout)', () => {
    const source = server();
    place(source, 30003);
    source.call('SET', 'k', 'v');
    expect(text(source.call('MIGRATE', '127.0.0.1', '30003', 'k', '0', '5000'))).toBe('IOERR error or timeout reading to target instance');
    expect(source.call('GET', 'k')).toBe('v');
  });

  it('a paused target does not answer: a read timeout, the key stays', () => {
    const source = server();
    const target = server();
    place(target, 30004);
    target.call('CLIENT', 'PAUSE', '100000', 'ALL');
    source.call('SET', 'k', 'v');
    expect(text(source.call('MIGRATE', '127.0.0.1', '30004', 'k', '0', '100'))).toBe('IOERR error or timeout reading to target instance');
    expect(source.call('GET', 'k')).toBe('v');
  });
});

describe('the target port', () => {
  it('is read as atoi, printed into 5 digits and kept to 16 bits, as redis-server 7.0.15 connects', () => {
    // Checked on redis-server: port 73348 reached a server on 7812, 138884 and 100000 did not.
    const source = server();
    const target = server();
    cleanups.push(registerServerDirectory((host, p) => (p === 7812 || p === 13888 ? target : undefined)));
    for (const key of ['a', 'b', 'c']) source.call('SET', key, key);
    expect(text(source.call('MIGRATE', '127.0.0.1', '73348', 'a', '0', '5000'))).toBe('OK');
    expect(text(source.call('MIGRATE', '127.0.0.1', '138884', 'b', '0', '5000'))).toBe('OK');
    expect(text(source.call('MIGRATE', '127.0.0.1', ' +7812xyz', 'c', '0', '5000'))).toBe('OK');
    expect(target.call('DBSIZE')).toBe(3);
    expect(text(source.call('MIGRATE', '127.0.0.1', '-7812', 'a', '0', '5000'))).toBe('NOKEY');
    source.call('SET', 'd', '4');
    expect(text(source.call('MIGRATE', '127.0.0.1', '-7812', 'd', '0', '5000'))).toBe('IOERR error or timeout connecting to the client');
    expect(String(source.command('INFO', 'stats'))).toContain('migrate_cached_sockets:3');
  });
});

describe('the socket cache', () => {
  it('closes a connection unused for more than 10 s (the cron), on the server clock', () => {
    const clock = new Clock();
    clock.freeze();
    const source = server(clock);
    const target = server();
    place(target, 30011);
    source.call('SET', 'k', 'v');
    source.call('MIGRATE', '127.0.0.1', '30011', 'k', '0', '5000', 'COPY');
    // The migrate connection and the direct API's client.
    expect(String(target.command('INFO', 'clients'))).toContain('connected_clients:2');
    clock.advance(10_000);
    expect(String(source.command('INFO', 'stats'))).toContain('migrate_cached_sockets:1');
    clock.advance(1_000);
    expect(String(source.command('INFO', 'stats'))).toContain('migrate_cached_sockets:0');
    expect(String(target.command('INFO', 'clients'))).toContain('connected_clients:1');
    // A new connection selects its database again.
    expect(text(source.call('MIGRATE', '127.0.0.1', '30011', 'k', '0', '5000', 'COPY', 'REPLACE'))).toBe('OK');
  });

  it('holds 64 connections at most: a random one is dropped for a new one', () => {
    const source = server();
    const target = server();
    cleanups.push(registerServerDirectory((host, p) => (p >= 31000 && p < 31100 ? target : undefined)));
    source.call('SET', 'k', 'v');
    for (let port = 31000; port < 31070; port++) {
      expect(text(source.call('MIGRATE', '127.0.0.1', String(port), 'k', '0', '5000', 'COPY', 'REPLACE'))).toBe('OK');
    }
    expect(String(source.command('INFO', 'stats'))).toContain('migrate_cached_sockets:64');
    expect(String(target.command('INFO', 'clients'))).toContain('connected_clients:65');
  });
});

describe('MIGRATE to a TCP target', () => {
  it('parks its client and pauses the others until the target answers, then runs them in order', async () => {
    const target = await slowTarget(150);
    const source = server();
    source.call('SET', 'k', 'v');
    const a = connectFake(source);
    const b = connectFake(source);
    cleanups.push(a.close, b.close);
    const events: string[] = [];
    const migrate = a.conn.send(['MIGRATE', '127.0.0.1', String(target.port), 'k', '0', '5000']).then((w) => events.push(`a MIGRATE ${JSON.stringify(w)}`));
    const pipelined = a.conn.send(['EXISTS', 'k']).then((w) => events.push(`a EXISTS ${JSON.stringify(w)}`));
    await new Promise((r) => setTimeout(r, 20));
    const other = b.conn.send(['GET', 'k']).then((w) => events.push(`b GET ${JSON.stringify(w)}`));
    // Only the direct API, never paused, sees the parked client.
    await new Promise((r) => setTimeout(r, 10));
    expect(String(source.command('INFO', 'clients'))).toContain('blocked_clients:2');
    expect(String(source.command('CLIENT', 'LIST'))).toMatch(/flags=b .*cmd=migrate /);
    await Promise.all([migrate, pipelined, other]);
    // Nothing ran in between: b saw the key gone, after a's commands.
    expect(events).toEqual([
      'a MIGRATE {"t":"simple","v":"OK"}',
      'a EXISTS {"t":"int","v":"0"}',
      'b GET {"t":"nullbulk"}',
    ]);
    expect(target.received).toEqual(['SELECT', 'RESTORE']);
  });

  it('waits for a CLIENT PAUSE WRITE like any write command', async () => {
    const target = await slowTarget(50);
    const source = server();
    source.call('SET', 'k', 'v');
    const a = connectFake(source);
    const b = connectFake(source);
    cleanups.push(a.close, b.close);
    expect(await a.conn.send(['CLIENT', 'PAUSE', '300', 'WRITE'])).toEqual({ t: 'simple', v: 'OK' });
    // MIGRATE is a write: it waits for the pause like any write, then runs.
    const started = Date.now();
    expect(await a.conn.send(['MIGRATE', '127.0.0.1', String(target.port), 'k', '0', '5000'])).toEqual({ t: 'simple', v: 'OK' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(await b.conn.send(['EXISTS', 'k'])).toEqual({ t: 'int', v: '0' });
  });

  it('a synchronous wait (MULTI, scripts, server.call) on a listener of this same process times out: that listener cannot answer', async () => {
    const target = await slowTarget(0);
    const source = server();
    source.call('SET', 'k', 'v');
    const started = Date.now();
    expect(text(source.call('MIGRATE', '127.0.0.1', String(target.port), 'k', '0', '200'))).toBe('IOERR error or timeout reading to target instance');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(source.call('GET', 'k')).toBe('v');
  });

  it('a client that goes away while it waits: the keys the target took are deleted all the same', async () => {
    const target = await slowTarget(100);
    const source = server();
    source.call('SET', 'k', 'v');
    const a = connectFake(source);
    void a.conn.send(['MIGRATE', '127.0.0.1', String(target.port), 'k', '0', '5000']);
    await new Promise((r) => setTimeout(r, 20));
    a.close();
    await new Promise((r) => setTimeout(r, 200));
    expect(source.call('EXISTS', 'k')).toBe(0);
    const b = connectFake(source);
    cleanups.push(b.close);
    expect(await b.conn.send(['PING'])).toEqual({ t: 'simple', v: 'PONG' });
  });
});
