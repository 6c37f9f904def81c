import { existsSync } from 'node:fs';
import type { Bytes } from '@fakeredis/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeIoredisClass, createFakeNodeRedisClient, serverRegistry } from '../src/index.js';
import { Server70, Server72 } from './fixtures.js';

type Client = { isOpen: boolean; close(): Promise<unknown>; options?: { socket?: unknown } };
const open: Client[] = [];
function track<T extends Client>(c: T): T {
  open.push(c);
  return c;
}

afterEach(async () => {
  for (const c of open.splice(0)) if (c.isOpen) await c.close();
  serverRegistry(Server70).reset();
});

const connections = (server: InstanceType<typeof Server70>) => [...server.clients.values()].filter((c) => c.transport);
/** The Unix socket path the client was given (node-redis keeps its options). */
const socketPathOf = (c: Client) => (c.options?.socket as { path?: string } | undefined)?.path as string;

describe.each([3, 2] as const)('node-redis flavour, RESP%i', (RESP) => {
  it('is a real node-redis client talking to the fake server', async () => {
    const server = new Server70();
    const c = track(createFakeNodeRedisClient(server, { RESP }));
    await c.connect();
    expect(await c.set('k', 'v')).toBe('OK');
    expect(await c.get('k')).toBe('v');
    expect(server.db(0).lookupString('k' as Bytes)).toBe('v');
    const [conn] = connections(server);
    expect(conn?.protocol).toBe(RESP);
    expect(conn?.transport?.localAddress).toBe('127.0.0.1:6379');
  });

  it('runs MULTI and pipelines, and rejects with Redis error texts', async () => {
    const c = track(createFakeNodeRedisClient(new Server70(), { RESP }));
    await c.connect();
    expect(await c.multi().set('a', '1').get('a').exec()).toEqual(['OK', '1']);
    expect(await c.multi().set('b', '2').get('b').execAsPipeline()).toEqual(['OK', '2']);
    await expect(c.lPush('a', 'x')).rejects.toThrow('WRONGTYPE Operation against a key holding the wrong kind of value');
    const buf = Buffer.from([0, 0xff, 0x80]);
    await c.set(buf, buf);
    expect(await c.withTypeMapping({ [36 /* RESP_TYPES.BLOB_STRING */]: Buffer }).get(buf)).toEqual(buf);
  });
});

describe('node-redis flavour', () => {
  it('selects the database and sets the name from options and url', async () => {
    const server = new Server72();
    const c = track(createFakeNodeRedisClient(server, { url: 'redis://localhost:6379/2', name: 'nr' }));
    await c.connect();
    await c.set('k', 'v');
    expect(server.db(2).lookupString('k' as Bytes)).toBe('v');
    const [conn] = connections(server);
    expect(conn?.name).toBe('nr');
    expect(conn?.libName).toBe('node-redis');
  });

  it('shares registry servers with the ioredis flavour by address', async () => {
    const FakeRedis = createFakeIoredisClass(Server70);
    const io = new FakeRedis({ port: 6395 });
    await io.set('k', 'from ioredis');
    const c = track(createFakeNodeRedisClient(Server70, { socket: { port: 6395, host: 'localhost' } }));
    await c.connect();
    expect(await c.get('k')).toBe('from ioredis');
    const other = track(createFakeNodeRedisClient(Server70, { url: 'redis://127.0.0.1:6396' }));
    await other.connect();
    expect(await other.get('k')).toBeNull();
    io.disconnect();
  });

  it('opens the listener on connect and closes it when the last client ends', async () => {
    const server = new Server70();
    const a = createFakeNodeRedisClient(server);
    const path = socketPathOf(a);
    expect(existsSync(path)).toBe(false);
    await a.connect();
    expect(existsSync(path)).toBe(true);
    const b = a.duplicate();
    await b.connect();
    expect(socketPathOf(b)).toBe(path);
    await a.close();
    expect(await b.ping()).toBe('PONG');
    await b.quit();
    // The socket file goes once the listener has closed, a few ticks later (up to 5 s on a busy machine).
    for (let i = 0; i < 500 && existsSync(path); i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(existsSync(path)).toBe(false);
    // And opens again for a client that reconnects.
    await a.connect();
    expect(await a.ping()).toBe('PONG');
    a.destroy();
  });

  it('authenticates with requirepass', async () => {
    const server = new Server70({ config: { requirepass: 'secret' } });
    const c = track(createFakeNodeRedisClient(server, { password: 'secret' }));
    await c.connect();
    expect(await c.ping()).toBe('PONG');
  });
});
