import type { FakeServer } from '@fakeredis/core';
import type * as IORedis from 'ioredis';
import type { Redis as IORedisClient, RedisOptions } from 'ioredis';
import type { ReplyMappingFromOptions, ReplyMappingMode } from 'ioredis/built/types';
import { connectionEndpoints } from './endpoints.js';
import { connectInMemory } from './memory-connection.js';
import { requirePeer } from './peer.js';
import { serverRegistry, type ServerAddress, type ServerRegistry } from './registry.js';

/** ioredis options, plus the fake server to connect to. */
export interface FakeIoredisOptions extends RedisOptions {
  /**
   * The server to connect to. Without it, the client connects to the server its
   * host and port (or path) name in the class's registry, as clients of one real
   * server share it.
   */
  server?: FakeServer | undefined;
}

/** An ioredis client connected in memory to a fake server. */
export interface FakeIoredis<S extends FakeServer = FakeServer, RM extends ReplyMappingMode = 'legacy'>
  extends IORedisClient<RM> {
  /** The server this client connects to (the one it will reconnect to). */
  readonly server: S;
  /** A new client with the same options, connected to the same server. */
  duplicate<Override extends Partial<FakeIoredisOptions> | undefined = undefined>(
    override?: Override,
  ): FakeIoredis<S, ReplyMappingFromOptions<RM, Override>>;
}

type WithMapping<RM extends ReplyMappingMode> = FakeIoredisOptions & { replyMapping?: RM };

/** The class createFakeIoredisClass() returns: ioredis's constructor forms, plus the registry. */
export interface FakeIoredisClass<S extends FakeServer = FakeServer> {
  new <RM extends ReplyMappingMode = 'legacy'>(port: number, host: string, options: WithMapping<RM>): FakeIoredis<S, RM>;
  new <RM extends ReplyMappingMode = 'legacy'>(path: string, options: WithMapping<RM>): FakeIoredis<S, RM>;
  new <RM extends ReplyMappingMode = 'legacy'>(port: number, options: WithMapping<RM>): FakeIoredis<S, RM>;
  new (port: number, host: string): FakeIoredis<S>;
  new <RM extends ReplyMappingMode = 'legacy'>(options: WithMapping<RM>): FakeIoredis<S, RM>;
  new (port: number): FakeIoredis<S>;
  new (path: string): FakeIoredis<S>;
  new (): FakeIoredis<S>;
  readonly prototype: FakeIoredis<S>;
  /** The server class clients of this class connect to. */
  readonly Server: ServerClass<S>;
  /** Servers by address, shared with every flavour built from the same server class. */
  readonly registry: ServerRegistry<S>;
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

/**
 * Builds a class that extends ioredis's Redis and connects through an in-memory stream
 * to a server of `ServerClass`. ioredis's own code does everything else (argument
 * building, reply transforms, pipelines, MULTI, pub/sub, reconnection, events).
 */
export function createFakeIoredisClass<S extends FakeServer>(ServerClass: ServerClass<S>): FakeIoredisClass<S> {
  const { Redis, AbstractConnector } = requirePeer<typeof IORedis>('ioredis', 'The ioredis flavour of fakeredis');
  const registry = serverRegistry(ServerClass);

  /** Connects ioredis to the fake server instead of opening a socket. */
  class FakeConnector extends AbstractConnector {
    server: S;
    private readonly address: ServerAddress;
    private readonly explicit: boolean;

    constructor(options: FakeIoredisOptions) {
      super(options.disconnectTimeout ?? 2000);
      this.address = addressOf(options);
      this.explicit = options.server !== undefined;
      this.server = (options.server as S | undefined) ?? registry.get(this.address);
    }

    override connect(): Promise<IORedis.Redis['stream']> {
      this.connecting = true;
      return new Promise((resolve, reject) => {
        // A socket connects on a later tick; so does this, so disconnect() can cancel.
        process.nextTick(() => {
          if (!this.connecting) return reject(new Error(CONNECTION_CLOSED));
          if (this.server.closed) {
            if (this.explicit) return reject(connectionRefused(this.address));
            this.server = registry.get(this.address);
          }
          const ends = connectionEndpoints(this.address);
          const clientSide = connectInMemory(this.server, ends);
          const stream = clientSide as unknown as IORedis.Redis['stream'];
          this.stream = stream;
          stream.once('error', (error: Error) => {
            this.firstError = error;
          });
          resolve(stream);
        });
      });
    }
  }

  class FakeRedis extends Redis {
    static readonly Server = ServerClass;
    static readonly registry = registry;

    static getServer(address: ServerAddress = {}): S {
      return registry.get(address);
    }

    /** ioredis's node-redis-style factory, returning a fake client. */
    static override createClient(...args: unknown[]): FakeRedis {
      return new FakeRedis(...args);
    }

    constructor(...args: unknown[]) {
      // ioredis merges option objects first-come-first-served: this Connector wins.
      super(...([{ Connector: FakeConnector }, ...args] as unknown as []));
    }

    get server(): S {
      return (this as unknown as { connector: FakeConnector }).connector.server;
    }

    override duplicate<O extends Partial<FakeIoredisOptions> | undefined = undefined>(
      override?: O,
    ): IORedisClient<ReplyMappingFromOptions<'legacy', O>> {
      return new FakeRedis({ ...this.options, ...override }) as never;
    }
  }
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
