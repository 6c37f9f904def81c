import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Bytes, FakeServer, serverProfile, toPlain } from '@fakeredis/core';
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
    await expect(tcp.listen()).rejects.toThrow(`Could not create server TCP listening socket 127.0.0.1:${port}: bind: Address already in use`);
    expect(tcp.addresses).toEqual([]);
    await tcp.close();
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('moves its listeners on CONFIG SET port and bind, for a server passed in too', async () => {
    const server = new FakeServer({ profile: serverProfile('redis', '7.0'), mixins: allMixins });
    const tcp = await start({ server });
    const logged: string[] = [];
    // Replies as plain values, errors as their text.
    const cmd = (...args: string[]) => {
      const reply = toPlain(server.call(...args));
      return reply instanceof Error ? reply.message : reply;
    };
    server.hooks.log = [(level, message) => level === 'warning' && logged.push(`${level} ${message}`)];
    const first = tcp.port as number;
    const connected = await rawConnection({ port: first });
    const moved = await freePort();
    expect(cmd('CONFIG', 'SET', 'port', String(moved))).toBe('OK');
    expect(tcp.port).toBe(moved);
    expect((await redisCli(['-p', String(moved), 'PING'])).stdout).toBe('PONG\n');
    expect((await redisCli(['-p', String(first), 'PING'])).stderr).toContain('Connection refused');
    // A client connected before the move is still served.
    connected.socket.write('PING\r\n');
    await connected.waitFor('+PONG\r\n');
    connected.socket.destroy();

    // A port that cannot be bound: Redis's error, every value of the command restored.
    const blocker = createServer();
    const busy = await freePort();
    await new Promise<void>((resolve) => blocker.listen(busy, '127.0.0.1', resolve));
    const refused = cmd('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru', 'port', String(busy));
    expect(refused).toBe("ERR CONFIG SET failed (possibly related to argument 'port') - Unable to listen on this port. Check server logs.");
    expect(cmd('CONFIG', 'GET', 'port')).toEqual({ port: String(moved) });
    expect(cmd('CONFIG', 'GET', 'maxmemory-policy')).toEqual({ 'maxmemory-policy': 'noeviction' });
    expect(tcp.addresses).toEqual([{ host: '127.0.0.1', port: moved }]);
    expect(logged).toEqual([
      `warning Warning: Could not create server TCP listening socket 127.0.0.1:${busy}: bind: Address already in use`,
      'warning Failed applying new configuration. Possibly related to new port setting. Restoring previous settings.',
    ]);
    await new Promise((resolve) => blocker.close(resolve));

    // bind: an address that is not here fails unless marked optional.
    logged.length = 0;
    expect(cmd('CONFIG', 'SET', 'bind', '127.0.0.1 192.0.2.1')).toBe(
      "ERR CONFIG SET failed (possibly related to argument 'bind') - Failed to bind to specified addresses.",
    );
    expect(logged.slice(1)).toEqual([
      'warning Failed to bind',
      'warning Failed applying new configuration. Possibly related to new bind setting. Restoring previous settings.',
    ]);
    expect(cmd('CONFIG', 'SET', 'bind', '127.0.0.1 -192.0.2.1')).toBe('OK');
    expect((await redisCli(['-p', String(moved), 'PING'])).stdout).toBe('PONG\n');

    // Port 0 listens on no TCP port; a new port listens again.
    expect(cmd('CONFIG', 'SET', 'port', '0')).toBe('OK');
    expect(tcp.addresses).toEqual([]);
    const again = await freePort();
    expect(cmd('CONFIG', 'SET', 'port', String(again))).toBe('OK');
    expect(tcp.addresses).toEqual([{ host: '127.0.0.1', port: again }]);
    // unixsocket is immutable in 7.0.
    expect(cmd('CONFIG', 'SET', 'unixsocket', '/tmp/x.sock')).toBe(
      "ERR CONFIG SET failed (possibly related to argument 'unixsocket') - can't set immutable config",
    );
    await tcp.close();
    // Once closed, CONFIG SET port only records the value (an in-memory server listens nowhere).
    expect(cmd('CONFIG', 'SET', 'port', '1')).toBe('OK');
    server.close();
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
