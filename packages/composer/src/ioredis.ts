import type { FakeServer } from '@fakeredis/core';
import type { Redis as IORedisClient, RedisOptions } from 'ioredis';
import { connectionEndpoints } from './endpoints.js';
import { connectInMemory } from './memory-connection.js';
import type { MemorySocket } from './memory-socket.js';
import { loadIoredis, markFake } from './peer.js';
import { serverRegistry, type ServerAddress, type ServerRegistry } from './registry.js';
import { later } from './schedule.js';

/** ioredis options (5 or 6), plus the fake server to connect to. */
export interface FakeIoredisOptions extends RedisOptions {
  /**
   * The server to connect to. Without it, the client connects to the server its
   * host and port (or path) name in the class's registry, as clients of one real
   * server share it.
   */
  server?: FakeServer | undefined;
}

/** An ioredis client (ioredis 5 or 6) connected in memory to a fake server. */
export interface FakeIoredis<S extends FakeServer = FakeServer> extends IORedisClient {
  /** The server this client connects to (the one it will reconnect to). */
  readonly server: S;
  /** A new client with the same options (and these), connected to the same server. */
  duplicate(override: Partial<FakeIoredisOptions> & { replyMapping: 'resp3' }): FakeIoredisResp3<S>;
  duplicate(override?: Partial<FakeIoredisOptions>): FakeIoredis<S>;
}

/**
 * ioredis 6's client type with `replyMapping: 'resp3'` (maps and doubles as RESP3 gives
 * them). ioredis 5 has no reply mappings: there this type is never chosen.
 */
declare const ioredisLegacyClient: IORedisClient;
type Resp3Override = { replyMapping: 'resp3' };
/** @optionalPeerType ioredis 5 has no generic duplicate(); the type is unused there */
type IoredisResp3Client = ReturnType<typeof ioredisLegacyClient.duplicate<Resp3Override>>;

/** An ioredis 6 client with `replyMapping: 'resp3'`, connected in memory to a fake server. */
export interface FakeIoredisResp3<S extends FakeServer = FakeServer> extends IoredisResp3Client {
  readonly server: S;
  duplicate(override: Partial<FakeIoredisOptions> & { replyMapping: 'legacy' }): FakeIoredis<S>;
  duplicate(override?: Partial<FakeIoredisOptions>): FakeIoredisResp3<S>;
}

type Resp3Options = FakeIoredisOptions & { protocol?: 3; replyMapping: 'resp3' };

/**
 * The class createFakeIoredisClass() returns: every ioredis constructor form (each keeps
 * all its options), the registry, and ioredis's module shape (`Redis`, `default`), so the
 * class can stand in for the 'ioredis' module in jest.mock.
 */
export interface FakeIoredisClass<S extends FakeServer = FakeServer> {
  new (port: number, host: string, options: Resp3Options): FakeIoredisResp3<S>;
  new (path: string, options: Resp3Options): FakeIoredisResp3<S>;
  new (port: number, options: Resp3Options): FakeIoredisResp3<S>;
  new (options: Resp3Options): FakeIoredisResp3<S>;
  new (port: number, host: string, options: FakeIoredisOptions): FakeIoredis<S>;
  new (path: string, options: FakeIoredisOptions): FakeIoredis<S>;
  new (port: number, options: FakeIoredisOptions): FakeIoredis<S>;
  new (port: number, host: string): FakeIoredis<S>;
  new (options: FakeIoredisOptions): FakeIoredis<S>;
  new (port: number): FakeIoredis<S>;
  new (path: string): FakeIoredis<S>;
  new (): FakeIoredis<S>;
  readonly prototype: FakeIoredis<S>;
  /** The class itself, as `require('ioredis').Redis` is ioredis's class. */
  readonly Redis: FakeIoredisClass<S>;
  /** The class itself, as `require('ioredis').default` is ioredis's class. */
  readonly default: FakeIoredisClass<S>;
  /** The server class clients of this class connect to. */
  readonly Server: ServerClass<S>;
  /** Servers by address, shared with every flavour built from the same server class. */
  readonly registry: ServerRegistry<S>;
  /**
   * The ioredis `Connector` these clients use (in-memory, to the registry server at the
   * options' host and port, or `options.server`): e.g. ioredis Cluster's `redisOptions`.
   */
  readonly Connector: new (options: FakeIoredisOptions) => unknown;
  /** The server at an address (default 127.0.0.1:6379), created if none is there. */
  getServer(address?: ServerAddress): S;
  /** As `new` (ioredis's node-redis-style factory). */
  createClient(options?: FakeIoredisOptions): FakeIoredis<S>;
  createClient(port: number, host?: string, options?: FakeIoredisOptions): FakeIoredis<S>;
  createClient(path: string, options?: FakeIoredisOptions): FakeIoredis<S>;
}

/** A server class: compose()'s result, or any FakeServer subclass with that constructor. */
export type ServerClass<S extends FakeServer = FakeServer> = new (options?: {
  config?: Record<string, string | number>;
}) => S;

/** ioredis's text for a connection closed before it was made (utils CONNECTION_CLOSED_ERROR_MSG). */
const CONNECTION_CLOSED = 'Connection is closed.';

/** The fields of ioredis's AbstractConnector the fake connector uses. */
interface ConnectorBase {
  connecting: boolean;
  stream: MemorySocket | undefined;
  firstError: Error | undefined;
  disconnectTimeout: number;
}

/**
 * ioredis (5 and 6) reads only its first three constructor arguments and merges option
 * objects first-come-first-served. The Connector goes into the caller's own options object
 * (or in a free slot), so every constructor form keeps every option.
 */
export function withConnector(args: readonly unknown[], Connector: unknown): unknown[] {
  const out = args.slice(0, 3);
  const objectAt = out.findIndex((arg) => arg !== null && typeof arg === 'object');
  if (objectAt >= 0) {
    out[objectAt] = { ...(out[objectAt] as object), Connector };
    return out;
  }
  const freeAt = out.findIndex((arg) => arg === null || arg === undefined);
  if (freeAt >= 0) out[freeAt] = { Connector };
  else out.push({ Connector });
  return out;
}

/**
 * Builds a class that extends ioredis's Redis (ioredis 5 or 6) and connects through an
 * in-memory stream to a server of `ServerClass`. ioredis's own code does everything else
 * (argument building, reply transforms, pipelines, MULTI, pub/sub, reconnection, events).
 */
export function createFakeIoredisClass<S extends FakeServer>(ServerClass: ServerClass<S>): FakeIoredisClass<S> {
  const { Redis, AbstractConnector } = loadIoredis('The ioredis flavour of fakeredis');
  const registry = serverRegistry(ServerClass);
  const Base = AbstractConnector as unknown as new (disconnectTimeout: number) => ConnectorBase;

  /** Connects ioredis to the fake server instead of opening a socket. */
  class FakeConnector extends Base {
    server: S;
    private readonly address: ServerAddress;
    private readonly explicit: boolean;

    constructor(options: FakeIoredisOptions) {
      super(options.disconnectTimeout ?? 2000);
      this.address = addressOf(options);
      this.explicit = options.server !== undefined;
      this.server = (options.server as S | undefined) ?? registry.get(this.address);
    }

    connect(): Promise<MemorySocket> {
      this.connecting = true;
      return new Promise((resolve, reject) => {
        // A socket connects on a later tick; so does this, so disconnect() can cancel.
        later(() => {
          if (!this.connecting) return reject(new Error(CONNECTION_CLOSED));
          if (this.server.closed) {
            if (this.explicit) return reject(connectionRefused(this.address));
            this.server = registry.get(this.address);
          }
          const stream = connectInMemory(this.server, connectionEndpoints(this.address));
          this.stream = stream;
          stream.once('error', (error: Error) => {
            this.firstError = error;
          });
          resolve(stream);
        });
      });
    }

    /**
     * As ioredis's: end the stream, destroy it if it has not closed within
     * disconnectTimeout. The server closes its side at once, so the stream closes on the
     * next tick; the fallback timer is unref'd, so it never holds the process open.
     */
    disconnect(): void {
      this.connecting = false;
      const stream = this.stream;
      if (stream === undefined) return;
      const timer = setTimeout(() => stream.destroy(), this.disconnectTimeout);
      timer.unref?.();
      stream.once('close', () => clearTimeout(timer));
      stream.end();
    }
  }

  const Parent = Redis as unknown as new (...args: unknown[]) => IORedisClient;

  class FakeRedis extends Parent {
    static readonly Server = ServerClass;
    static readonly Connector = FakeConnector;
    static readonly registry = registry;

    static getServer(address: ServerAddress = {}): S {
      return registry.get(address);
    }

    /** ioredis's node-redis-style factory, returning a fake client. */
    static createClient(...args: unknown[]): FakeRedis {
      return new FakeRedis(...args);
    }

    constructor(...args: unknown[]) {
      super(...withConnector(args, FakeConnector));
    }

    get server(): S {
      return (this as unknown as { connector: FakeConnector }).connector.server;
    }

    override duplicate(override?: Partial<FakeIoredisOptions>): IORedisClient {
      return new FakeRedis({ ...this.options, ...override }) as never;
    }
  }
  // The module shape of 'ioredis' (module.exports is the class; .Redis and .default too),
  // so `jest.mock('ioredis', () => FakeRedis)` serves `import Redis from` and `import { Redis } from`.
  Object.defineProperty(FakeRedis, 'Redis', { value: FakeRedis });
  Object.defineProperty(FakeRedis, 'default', { value: FakeRedis });
  markFake(FakeRedis);
  return FakeRedis as unknown as FakeIoredisClass<S>;
}

function addressOf(options: RedisOptions): ServerAddress {
  const o = options as { host?: string; port?: number; path?: string };
  return { host: o.host, port: o.port, path: o.path };
}

function connectionRefused(address: ServerAddress): Error {
  const where = address.path ?? `${address.host ?? '127.0.0.1'}:${address.port ?? 6379}`;
  return Object.assign(new Error(`connect ECONNREFUSED ${where}`), {
    code: 'ECONNREFUSED',
    errno: -111,
    syscall: 'connect',
  });
}
