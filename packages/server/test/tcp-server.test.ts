import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bytes, FakeServer, serverProfile } from '@fakeredis/core';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { allMixins, TcpFakeServer } from '../src/index.js';
import { freePort, rawConnection, redisCli } from './helpers.js';

const running: TcpFakeServer[] = [];
async function start(options: ConstructorParameters<typeof TcpFakeServer>[0] = {}): Promise<TcpFakeServer> {
  const tcp = new TcpFakeServer({ port: 0, ...options });
  running.push(tcp);
  return tcp.listen();
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.close()));
});

let socketCount = 0;
const socketPath = () => join(tmpdir(), `fakeredis-test-${process.pid}-${socketCount++}.sock`);

describe('TcpFakeServer', () => {
  it('serves a server with every module on a free port and reports it', async () => {
    const tcp = await start();
    expect(tcp.port).toBeGreaterThan(0);
    expect(tcp.addresses).toEqual([{ host: '127.0.0.1', port: tcp.port }]);
    expect(tcp.url).toBe(`redis://127.0.0.1:${tcp.port}`);
    expect(tcp.server.profile.version).toBe('7.0.15');
    expect(tcp.server.config.get('port')).toBe(String(tcp.port));
    expect(tcp.server.config.get('bind')).toBe('127.0.0.1');
    for (const mixin of allMixins) {
      for (const name of Object.keys(mixin.commands)) {
        // Every installed command that Redis 7.0 has is in the table.
        if (tcp.server.profile.metadata.commands[name]) expect(tcp.server.commands.getByFullName(name)).toBeDefined();
      }
    }
  });

  it('serves a given server and builds 7.2 ones on request', async () => {
    const server = new FakeServer({ mixins: allMixins, profile: serverProfile('redis', '7.2') });
    const tcp = await start({ server });
    expect(tcp.server).toBe(server);
    const own = await start({ version: '7.2', config: { databases: 4 } });
    expect(own.server.profile.version).toBe('7.2.4');
    expect(own.server.databases).toHaveLength(4);
    await tcp.close();
    expect(server.closed).toBe(false); // a server passed in stays usable
    await own.close();
    expect(own.server.closed).toBe(true);
  });

  it('talks to ioredis over TCP, RESP3 and RESP2', async () => {
    const tcp = await start();
    for (const protocol of [3, 2] as const) {
      const redis = new Redis({ port: tcp.port, host: '127.0.0.1', protocol });
      expect(await redis.set(`k${protocol}`, 'v')).toBe('OK');
      expect(await redis.get(`k${protocol}`)).toBe('v');
      expect(await redis.pipeline().incr('n').incr('n').exec()).toEqual(
        protocol === 3 ? [[null, 1], [null, 2]] : [[null, 3], [null, 4]],
      );
      await redis.quit();
    }
    expect(tcp.server.db(0).lookupString('k3' as Bytes)).toBe('v');
  });

  it('talks to node-redis over TCP and over a Unix socket', async () => {
    const path = socketPath();
    const tcp = await start({ unixSocket: path, unixSocketPerm: 0o700 });
    expect(tcp.addresses).toEqual([{ host: '127.0.0.1', port: tcp.port }, { path }]);
    expect(statSync(path).mode & 0o777).toBe(0o700);
    expect(tcp.server.config.get('unixsocket')).toBe(path);
    const overTcp = createClient({ url: tcp.url });
    const overUnix = createClient({ socket: { path, tls: false } });
    await overTcp.connect();
    await overUnix.connect();
    await overTcp.set('k', 'v');
    expect(await overUnix.get('k')).toBe('v');
    const list = String(await overUnix.sendCommand(['CLIENT', 'LIST']));
    expect(list).toContain(`addr=${path}:0`);
    expect(list).toMatch(/addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:\d+/);
    await overTcp.close();
    await overUnix.close();
    await tcp.close();
    expect(existsSync(path)).toBe(false);
  });

  it('listens on a Unix socket alone, replacing a stale socket file', async () => {
    const path = socketPath();
    const stale = await start({ port: null, unixSocket: path });
    expect(stale.port).toBeUndefined();
    expect(stale.server.config.get('port')).toBe('0');
    // Another server on the same path takes it over, as redis-server does.
    const tcp = await start({ port: null, unixSocket: path });
    const redis = new Redis({ path });
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
    await tcp.close();
  });

  it('answers redis-cli in RESP2 and RESP3, inline and pipelined', async () => {
    const tcp = await start();
    const port = String(tcp.port);
    expect((await redisCli(['-p', port, 'SET', 'k', 'v'])).stdout).toBe('OK\n');
    expect((await redisCli(['-p', port, '-3', 'HELLO'])).stdout).toContain('proto');
    expect((await redisCli(['-p', port, 'GET', 'k'])).stdout).toBe('v\n');
    // Commands on stdin, one per line.
    const lines = await redisCli(['-p', port], 'SET a 1\nINCR a\nGET a\n');
    expect(lines.stdout).toBe('OK\n2\n2\n');
    // --pipe: raw protocol, mass insertion.
    let input = '';
    for (let i = 0; i < 1000; i++) input += `*3\r\n$3\r\nSET\r\n$${`key:${i}`.length}\r\nkey:${i}\r\n$1\r\nx\r\n`;
    const piped = await redisCli(['-p', port, '--pipe'], input);
    expect(piped.stdout).toMatch(/errors: 0, replies: 1000/);
    expect(tcp.server.db(0).size).toBe(1002);
  });

  it('frames pipelined and inline input arriving in one write or split anywhere', async () => {
    const tcp = await start();
    const conn = await rawConnection({ port: tcp.port as number });
    conn.socket.write('PING\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$3\r\nGE');
    await conn.waitFor('+OK\r\n');
    conn.socket.write('T\r\n$1\r\nk\r\n');
    await conn.waitFor('$1\r\nv\r\n');
    expect(conn.received()).toBe('+PONG\r\n+OK\r\n$1\r\nv\r\n');
    conn.socket.destroy();
  });

  it('closes only the connection that sends malformed protocol', async () => {
    const tcp = await start();
    const good = await rawConnection({ port: tcp.port as number });
    const bad = await rawConnection({ port: tcp.port as number });
    bad.socket.write('*1\r\n!3\r\n');
    await bad.closed;
    expect(bad.received()).toBe("-ERR Protocol error: expected '$', got '!'\r\n");
    good.socket.write('PING\r\n');
    await good.waitFor('+PONG\r\n');
    expect(tcp.connections).toBe(1);
    good.socket.destroy();
  });

  it('rejects with a clear message when the port is taken, and listens nowhere', async () => {
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    const path = socketPath();
    const tcp = new TcpFakeServer({ port, unixSocket: path });
    await expect(tcp.listen()).rejects.toThrow(`Could not create server listening socket 127.0.0.1:${port}: bind: Address already in use`);
    expect(tcp.addresses).toEqual([]);
    await tcp.close();
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('binds several addresses on one port, skipping optional unavailable ones', async () => {
    const tcp = await start({ bind: '127.0.0.1 -192.0.2.1' });
    expect(tcp.addresses).toEqual([{ host: '127.0.0.1', port: tcp.port }]);
    const any = await start({ bind: '*' });
    expect(any.addresses).toEqual([{ host: '0.0.0.0', port: any.port }]);
    expect(any.url).toBe(`redis://127.0.0.1:${any.port}`);
    await expect(new TcpFakeServer({ port: 0, bind: '192.0.2.1' }).listen()).rejects.toThrow(/192\.0\.2\.1/);
  });

  it('close() disconnects clients and stops listening', async () => {
    const tcp = await start();
    const port = tcp.port as number;
    const conn = await rawConnection({ port });
    conn.socket.write('PING\r\n');
    await conn.waitFor('+PONG');
    await tcp.close();
    await conn.closed;
    expect(tcp.addresses).toEqual([]);
    await expect(rawConnection({ port })).rejects.toThrow(/ECONNREFUSED/);
  });

  it('stops listening when the server shuts down (SHUTDOWN)', async () => {
    const tcp = await start();
    const port = tcp.port as number;
    const conn = await rawConnection({ port });
    conn.socket.write('SHUTDOWN NOSAVE\r\n');
    await conn.closed;
    expect(conn.received()).toBe('');
    expect(tcp.server.closed).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tcp.addresses).toEqual([]);
    await expect(rawConnection({ port })).rejects.toThrow(/ECONNREFUSED/);
  });
});
