import type { FakeServer } from '@fakeredis/core';
import type { createClient as nodeRedisCreateClient } from 'redis';
import { loadNodeRedis, markFake, type NodeRedisClientLike } from './peer.js';
import { addressKey, serverRegistry, type ServerAddress } from './registry.js';
import type { ServerClass } from './ioredis.js';
import { SocketListener } from './socket-listener.js';

/** node-redis's createClient (4, 5 or 6, whichever is installed). */
export type NodeRedisCreateClient = typeof nodeRedisCreateClient;
/** node-redis's client options (4, 5 or 6). */
export type NodeRedisOptions = NonNullable<Parameters<NodeRedisCreateClient>[0]>;
/** A node-redis client (4, 5 or 6) with its default generics. */
export type NodeRedisClient = ReturnType<NodeRedisCreateClient>;

/** Listeners by owner (a registry or a server instance) and canonical address. */
const listeners = new WeakMap<object, Map<string, SocketListener>>();

function listenerFor(owner: object, address: ServerAddress, resolve: () => FakeServer | undefined): SocketListener {
  let byAddress = listeners.get(owner);
  if (byAddress === undefined) listeners.set(owner, (byAddress = new Map()));
  const key = addressKey(address);
  let listener = byAddress.get(key);
  if (listener === undefined) byAddress.set(key, (listener = new SocketListener(resolve, address)));
  return listener;
}

/** What a redis:// , rediss:// or unix:// URL says, as node-redis's parseURL reads it. */
interface UrlParts {
  address: ServerAddress;
  username?: string;
  password?: string;
  database?: number;
}

/**
 * Reads a node-redis URL: `redis[s]://[[user][:password]@][host][:port][/db]` (node-redis
 * 4, 5, 6) and `unix://[user[:password]@]/path[?db=n]` (node-redis 6). TLS is dropped:
 * the connection is local.
 */
export function parseRedisUrl(url: string): UrlParts {
  const parts: UrlParts = { address: {} };
  if (url.startsWith('unix:')) {
    const match = /^unix:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?(\/[^?#]*)(?:\?([^#]*))?(?:#.*)?$/.exec(url);
    if (!match || match[3] === '/') throw new TypeError('Invalid unix URL');
    const [, username, password, path, query] = match;
    parts.address.path = decodeURIComponent(path as string);
    if (username) parts.username = decodeURIComponent(username);
    if (password) parts.password = decodeURIComponent(password);
    const db = query ? new URLSearchParams(query).get('db') : null;
    if (db !== null) {
      if (Number.isNaN(Number(db))) throw new TypeError('Invalid db query parameter');
      parts.database = Number(db);
    }
    return parts;
  }
  const { hostname, port, protocol, username, password, pathname } = new URL(url);
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new TypeError(`Protocol - ${protocol} - is not a valid Redis protocol. Expected redis: or rediss:`);
  }
  parts.address.host = hostname.replace(/^\[([0-9a-f:]+)\]$/i, '$1') || undefined;
  if (port) parts.address.port = Number(port);
  if (username) parts.username = decodeURIComponent(username);
  if (password) parts.password = decodeURIComponent(password);
  if (pathname.length > 1) {
    const database = Number(pathname.substring(1));
    if (Number.isNaN(database)) throw new TypeError('Invalid pathname');
    parts.database = database;
  }
  return parts;
}

/**
 * Creates a real node-redis client (4, 5 or 6; the `redis` package's createClient)
 * connected to a fake server over an in-process Unix socket listener. `target` is a server
 * instance, or a server class whose registry gives the server at the address the options
 * name (url or socket host/port/path; default 127.0.0.1:6379). Every other option
 * (`database`, `RESP`, `name`, `username`/`password`, ...) reaches node-redis unchanged;
 * the URL's parts win over them, as in node-redis. The listener opens on connect() and
 * closes when no client uses it. TLS options are ignored: the connection is local.
 */
export function createFakeNodeRedisClient(target: FakeServer | ServerClass, options?: NodeRedisOptions): NodeRedisClient {
  const { createClient } = loadNodeRedis('The node-redis flavour of fakeredis');
  const { url, socket, ...rest } = (options ?? {}) as { url?: string; socket?: Record<string, unknown> } & Record<string, unknown>;
  const socketOptions: Record<string, unknown> = { ...socket };
  let address: ServerAddress = {
    host: socketOptions.host as string | undefined,
    port: socketOptions.port as number | undefined,
    path: socketOptions.path as string | undefined,
  };
  const fromUrl: Record<string, unknown> = {};
  if (typeof url === 'string' && url !== '') {
    const parts = parseRedisUrl(url);
    // node-redis merges the URL's socket fields over `socket`: its host and port win.
    address = parts.address.path ? parts.address : { ...address, ...definedOnly(parts.address), path: undefined };
    if (parts.username !== undefined) fromUrl.username = parts.username;
    if (parts.password !== undefined) fromUrl.password = parts.password;
    if (parts.database !== undefined) fromUrl.database = parts.database;
  }

  let listener: SocketListener;
  if (typeof target !== 'function') {
    const server = target;
    listener = listenerFor(server, address, () => (server.closed ? undefined : server));
  } else {
    const registry = serverRegistry(target);
    registry.get(address); // the server exists from now on, as a running one would
    listener = listenerFor(registry, address, () => registry.get(address));
  }

  delete socketOptions.host;
  delete socketOptions.port;
  delete socketOptions.tls;
  socketOptions.path = listener.path;
  const client = createClient({ ...rest, ...fromUrl, socket: socketOptions });
  return track(client, listener) as unknown as NodeRedisClient;
}

/**
 * node-redis's createClient, bound to a fake server (instance) or server class (registry):
 * the same signature and generics as the installed node-redis's, so its types carry over.
 */
export function fakeNodeRedisCreateClient(target: FakeServer | ServerClass): NodeRedisCreateClient {
  const createClient = (options?: NodeRedisOptions) => createFakeNodeRedisClient(target, options);
  return markFake(createClient) as unknown as NodeRedisCreateClient;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Holds the listener open from connect() until the client ends (close, quit, destroy,
 * disconnect); duplicates of the client are tracked the same way.
 */
function track(client: NodeRedisClientLike, listener: SocketListener): NodeRedisClientLike {
  const connect = client.connect;
  const duplicate = client.duplicate;
  let holding = false;
  const release = () => {
    if (!holding) return;
    holding = false;
    listener.release();
  };
  Object.assign(client, {
    async connect(this: NodeRedisClientLike) {
      if (!holding) {
        holding = true;
        try {
          await listener.acquire();
        } catch (error) {
          release();
          throw error;
        }
      }
      try {
        return await connect.call(this);
      } catch (error) {
        if (!this.isOpen) release();
        throw error;
      }
    },
    duplicate(this: NodeRedisClientLike, overrides?: object) {
      return track(duplicate.call(this, overrides), listener);
    },
  });
  client.on('end', release);
  return client;
}
