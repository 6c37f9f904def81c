import { type ComposedServerClass, createFakeIoredisClass, createFakeNodeRedisClient } from '@fakeredis/composer';
import type { FakeServer } from '@fakeredis/core';
import { TcpFakeServer } from '@fakeredis/server';
import { redisServerAvailable, type RealServer, startRealServer } from '@fakeredis/tooling/conformance';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

export type NodeClient = ReturnType<typeof createClient>;
export type TargetName = 'fake' | 'fake over TCP' | 'redis-server';

/** The fake (in memory, and over TCP), and for reference a real redis-server when one is installed. */
export const targetNames: TargetName[] = redisServerAvailable() ? ['fake', 'fake over TCP', 'redis-server'] : ['fake', 'fake over TCP'];

/**
 * One target of a client test: a fresh server of `Server` per test for the fake, or a
 * redis-server emptied before each test by FLUSHALL and `flushScripts` (SCRIPT FLUSH,
 * FUNCTION FLUSH: FLUSHALL keeps scripts and functions). Clients opened through it are
 * closed after each test.
 */
export function useClientTarget(name: TargetName, Server: ComposedServerClass, flushScripts: (admin: Redis) => Promise<unknown>) {
  const FakeRedis = createFakeIoredisClass(Server);
  let real: RealServer | undefined;
  let server: FakeServer | undefined;
  /** The port clients connect to: the real server's, or the fake's TCP listener's. */
  let port: number | undefined;
  let listener: TcpFakeServer | undefined;
  const closers: Array<() => unknown> = [];
  beforeAll(async () => {
    if (name === 'redis-server') real = await startRealServer();
    port = real?.port;
  });
  afterAll(async () => {
    await real?.stop();
  });
  beforeEach(async () => {
    if (name !== 'redis-server') {
      server = new Server();
      if (name === 'fake over TCP') {
        listener = await new TcpFakeServer({ server, port: 0 }).listen();
        port = listener.port as number;
      }
    } else {
      const admin = new Redis({ port: real?.port });
      await admin.flushall();
      await flushScripts(admin);
      admin.disconnect();
    }
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    await listener?.close();
    listener = undefined;
    server?.close();
  });
  return {
    /** An ioredis client in RESP2 or RESP3. */
    ioredis(protocol: 2 | 3): Redis {
      const client = name === 'fake' ? new FakeRedis({ server, protocol }) : new Redis({ port, protocol });
      closers.push(() => client.disconnect());
      return client as Redis;
    },
    /** A connected node-redis client with these options (RESP, scripts, functions ...). */
    async nodeRedis(options: object): Promise<NodeClient> {
      const client = (
        name === 'fake'
          ? createFakeNodeRedisClient(server as FakeServer, options as never)
          : createClient({ ...options, socket: { port } } as never)
      ) as NodeClient;
      await client.connect();
      closers.push(() => client.destroy());
      return client;
    },
  };
}
