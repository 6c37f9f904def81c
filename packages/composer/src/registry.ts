import { type FakeServer, registerServerDirectory } from '@fakeredis/core';

/** Where a client connects: a TCP host and port, or a Unix socket path. */
export interface ServerAddress {
  host?: string | undefined;
  port?: number | undefined;
  path?: string | undefined;
}

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 6379;

/** Names of the local machine that reach one server listening on all loopback addresses. */
const LOOPBACK = new Set(['', 'localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0', '::']);

/**
 * The canonical form of an address: "unix:/path" or "host:port", with every loopback
 * name folded to 127.0.0.1 (a default Redis listens on all of them).
 */
export function addressKey(address: ServerAddress = {}): string {
  if (address.path) return `unix:${address.path}`;
  const host = (address.host ?? '').toLowerCase();
  const port = address.port ?? DEFAULT_PORT;
  return `${LOOPBACK.has(host) ? DEFAULT_HOST : host}:${port}`;
}

/**
 * The servers clients reach by address, as if each address had its own redis-server.
 * Clients naming the same address share one server; a server that was closed (SHUTDOWN,
 * close()) is replaced by a fresh one on the next lookup, as a restarted server without
 * persistence would be.
 */
export class ServerRegistry<S extends FakeServer = FakeServer> {
  private readonly servers = new Map<string, S>();

  constructor(private readonly create: (address: ServerAddress) => S) {
    // MIGRATE from any server of this process reaches these by host and port, in memory.
    registerServerDirectory((host, port) => this.find({ host, port }));
  }

  /** The live server at an address (default 127.0.0.1:6379), created on first use. */
  get(address: ServerAddress = {}): S {
    const key = addressKey(address);
    const existing = this.servers.get(key);
    if (existing !== undefined && !existing.closed) return existing;
    const server = this.create(address);
    this.servers.set(key, server);
    return server;
  }

  /** The live server at an address, if one exists (never creates). */
  find(address: ServerAddress = {}): S | undefined {
    const server = this.servers.get(addressKey(address));
    return server === undefined || server.closed ? undefined : server;
  }

  /** Places a server at an address (e.g. one built with custom config), replacing any. */
  set(address: ServerAddress, server: S): void {
    this.servers.set(addressKey(address), server);
  }

  /** Live servers by canonical address. */
  entries(): Array<[string, S]> {
    return [...this.servers].filter(([, server]) => !server.closed);
  }

  /** Empties every database of every registered server (FLUSHALL everywhere). */
  flushAll(): void {
    for (const [, server] of this.entries()) {
      for (const db of server.databases) db.flush();
    }
  }

  /**
   * Closes every registered server and forgets them: connected clients are disconnected
   * (ioredis reconnects, to a fresh server) and the next lookup creates new servers.
   */
  reset(): void {
    const servers = [...this.servers.values()];
    this.servers.clear();
    for (const server of servers) server.close();
  }
}

type ServerClass<S extends FakeServer> = new (options?: { config?: Record<string, string | number> }) => S;

/**
 * Registries live on globalThis under a registered symbol, so every copy of this package
 * in a process (its CommonJS and its ES module build, loaded by `require` and `import`)
 * finds the same servers at the same addresses: one registry per emulated server class
 * per process, as one machine has one server per port.
 */
const GLOBAL_REGISTRIES = Symbol.for('@fakeredis/composer:registries:v1');

function globalRegistries(): Map<string, ServerRegistry> {
  const holder = globalThis as unknown as Record<symbol, Map<string, ServerRegistry> | undefined>;
  let registries = holder[GLOBAL_REGISTRIES];
  if (registries === undefined) {
    registries = new Map();
    Object.defineProperty(globalThis, GLOBAL_REGISTRIES, { value: registries, configurable: true });
  }
  return registries;
}

/** Registries of classes that carry no identity (see registryKey), by class. */
const localRegistries = new WeakMap<Function, ServerRegistry>();

/**
 * What identifies a server class across copies of the package: its `registryKey`, or for
 * a composed class its server type, version and mixin names. Two classes with the same
 * key emulate the same server, so their clients share servers by address.
 */
export function registryKey(ServerClass: Function): string | undefined {
  const described = ServerClass as unknown as {
    registryKey?: unknown;
    profile?: { serverType?: unknown; version?: unknown };
    mixins?: ReadonlyArray<{ name?: unknown }>;
  };
  if (typeof described.registryKey === 'string') return described.registryKey;
  const { profile, mixins } = described;
  if (profile === undefined || !Array.isArray(mixins)) return undefined;
  return `${String(profile.serverType)} ${String(profile.version)} [${mixins.map((m) => String(m.name)).join(',')}]`;
}

/**
 * The registry of a server class: one per class (per emulated server, across the package's
 * CommonJS and ESM copies), shared by every client flavour built from it, so an ioredis and
 * a node-redis client naming one address share a server. A server it creates for a TCP
 * address reports that port (CONFIG GET port, INFO).
 */
export function serverRegistry<S extends FakeServer>(ServerClass: ServerClass<S>): ServerRegistry<S> {
  const key = registryKey(ServerClass);
  const shared = key === undefined ? undefined : globalRegistries();
  let registry = (shared?.get(key as string) ?? localRegistries.get(ServerClass)) as ServerRegistry<S> | undefined;
  if (registry === undefined) {
    registry = new ServerRegistry<S>((address) =>
      address.path
        ? new ServerClass({ config: { unixsocket: address.path, port: 0 } })
        : new ServerClass({ config: { port: address.port ?? DEFAULT_PORT } }),
    );
    if (shared !== undefined) shared.set(key as string, registry as unknown as ServerRegistry);
    else localRegistries.set(ServerClass, registry as unknown as ServerRegistry);
  }
  return registry;
}
