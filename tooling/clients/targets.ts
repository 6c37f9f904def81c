import { spawn } from 'node:child_process';
import { createClient as createFakeNodeRedis, FakeRedis, FakeServer, TcpFakeServer } from '@fakeredis/all';
import { redisServerAvailable, type RealServer, startRealServer } from '../conformance/index.js';
import Redis, { type RedisOptions } from 'ioredis';
import { createClient, type RedisClientOptions } from 'redis';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** A node-redis client as these tests use it (RESP2 or RESP3; replies compared as plain values). */
export type NodeRedis = ReturnType<typeof createClient>;
/** node-redis's client options, in either protocol. */
export type NodeRedisOptions = Omit<RedisClientOptions, 'RESP'> & { RESP?: 2 | 3 };

/**
 * Where a client test runs: a fake server (the subject), or a throw-away redis-server
 * (the reference), so each test shows the fake and the real server agree through the
 * client library. Each test gets an empty server and fresh clients.
 */
export interface Target {
  readonly name: 'fake' | 'redis-server';
  /** An ioredis client of the server (the fake's is FakeRedis, connected in memory). */
  ioredis(options?: RedisOptions): Redis;
  /**
   * A node-redis client of the server, not yet connected. Its 'error' events (a killed
   * connection) are collected in `nodeRedisErrors` rather than thrown.
   */
  nodeRedis(options?: NodeRedisOptions): NodeRedis;
  readonly nodeRedisErrors: Error[];
  /** A TCP address of the server (the fake's through a TcpFakeServer), for any client. */
  tcp(): Promise<{ host: string; port: number }>;
  /** Resolves once `count` clients are blocked on keys (INFO's blocked_clients). */
  waitForBlocked(count: number): Promise<void>;
  /** The connection id of the client whose CLIENT LIST `cmd` is `command` (a blocked one). */
  idOfClientRunning(command: string): Promise<string>;
}

interface TargetState extends Target {
  setUp(): Promise<void>;
  reset(): Promise<void>;
  cleanUp(): Promise<void>;
  tearDown(): Promise<void>;
}

/** The targets available here: the fake always, redis-server when it is installed. */
export const targetNames: Array<Target['name']> = redisServerAvailable() ? ['fake', 'redis-server'] : ['fake'];

/**
 * Registers the hooks of a describe block for `name` and returns its target, whose
 * methods work inside the block's tests.
 */
export function useTarget(name: Target['name']): Target {
  const target = name === 'fake' ? fakeTarget() : realTarget();
  beforeAll(() => target.setUp());
  afterAll(() => target.tearDown());
  beforeEach(() => target.reset());
  afterEach(() => target.cleanUp());
  return target;
}

/** A connected node-redis client and a connected duplicate of it to block on. */
export async function nodeRedisPair(target: Target, RESP: 2 | 3): Promise<[NodeRedis, NodeRedis]> {
  const client = target.nodeRedis({ RESP });
  await client.connect();
  const blocker = client.duplicate();
  blocker.on('error', (error: Error) => target.nodeRedisErrors.push(error));
  await blocker.connect();
  return [client, blocker];
}

/** Clients a test opened, closed after it whatever state they are in. */
class OpenClients {
  private readonly io: Redis[] = [];
  private readonly node: NodeRedis[] = [];
  ioredis<T extends Redis>(client: T): T {
    this.io.push(client);
    return client;
  }
  readonly errors: Error[] = [];
  nodeRedis(client: NodeRedis): NodeRedis {
    this.node.push(client);
    client.on('error', (error: Error) => this.errors.push(error));
    return client;
  }
  closeAll(): void {
    this.errors.length = 0;
    for (const c of this.io.splice(0)) c.disconnect();
    for (const c of this.node.splice(0)) if (c.isOpen) c.destroy();
  }
}

/**
 * Polls INFO until `count` clients are blocked. Between polls it yields to the event loop
 * (setImmediate, after pending I/O), so that other clients' sockets are read: an
 * in-memory connection alone would answer within microtasks and starve them.
 */
async function waitForBlocked(admin: Redis, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const info = await admin.info('clients');
    if (Number(/blocked_clients:(\d+)/.exec(info)?.[1]) === count) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never saw ${count} blocked clients`);
}

async function idOfClientRunning(admin: Redis, command: string): Promise<string> {
  const list = (await admin.client('LIST')) as string;
  const line = list.split('\n').find((l) => l.includes(` cmd=${command.toLowerCase()} `));
  const id = line && /^id=(\d+) /.exec(line)?.[1];
  if (!id) throw new Error(`no client running ${command} in\n${list}`);
  return id;
}

function fakeTarget(): TargetState {
  const open = new OpenClients();
  let server: FakeServer | undefined;
  let admin: Redis | undefined;
  let tcp: TcpFakeServer | undefined;
  const current = () => server as FakeServer;
  return {
    name: 'fake',
    ioredis: (options = {}) => open.ioredis(new FakeRedis({ ...options, server: current() })),
    nodeRedis: (options = {}) => open.nodeRedis(createFakeNodeRedis({ ...options, server: current() } as RedisClientOptions) as NodeRedis),
    nodeRedisErrors: open.errors,
    async tcp() {
      tcp ??= await new TcpFakeServer({ server: current(), port: 0 }).listen();
      return { host: '127.0.0.1', port: tcp.port as number };
    },
    waitForBlocked: (count) => waitForBlocked(admin as Redis, count),
    idOfClientRunning: (command) => idOfClientRunning(admin as Redis, command),
    async setUp() {},
    async reset() {
      server = new FakeServer();
      admin = new FakeRedis({ server });
    },
    async cleanUp() {
      open.closeAll();
      admin?.disconnect();
      await tcp?.close();
      tcp = undefined;
      server?.close();
    },
    async tearDown() {},
  };
}

function realTarget(): TargetState {
  const open = new OpenClients();
  let real: RealServer | undefined;
  let admin: Redis | undefined;
  const port = () => (real as RealServer).port;
  return {
    name: 'redis-server',
    ioredis: (options = {}) => open.ioredis(new Redis({ host: '127.0.0.1', ...options, port: port() })),
    nodeRedis: (options = {}) => open.nodeRedis(createClient({ ...options, socket: { host: '127.0.0.1', port: port() } } as RedisClientOptions) as NodeRedis),
    nodeRedisErrors: open.errors,
    tcp: async () => ({ host: '127.0.0.1', port: port() }),
    waitForBlocked: (count) => waitForBlocked(admin as Redis, count),
    idOfClientRunning: (command) => idOfClientRunning(admin as Redis, command),
    async setUp() {
      real = await startRealServer();
      admin = new Redis({ host: '127.0.0.1', port: port() });
    },
    async reset() {
      await admin?.flushall();
    },
    async cleanUp() {
      open.closeAll();
      // The next test starts with no client of this one left blocked.
      await (admin as Redis).call('CLIENT', 'KILL', 'SKIPME', 'yes');
      await waitForBlocked(admin as Redis, 0);
    },
    async tearDown() {
      admin?.disconnect();
      await real?.stop();
    },
  };
}

/** What a redis-cli run printed, and its exit code. */
export interface CliRun {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** Runs redis-cli with `args` (stdin closed, so it prints replies raw unless --no-raw). */
export function redisCli(args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('latin1')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}
