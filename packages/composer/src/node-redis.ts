import { FakeServer } from '@fakeredis/core';
import type * as NodeRedis from 'redis';
import type {
  RedisClientOptions,
  RedisClientType,
  RedisFunctions,
  RedisModules,
  RedisScripts,
  RespVersions,
  TypeMapping,
} from 'redis';
import { requirePeer } from './peer.js';
import { addressKey, serverRegistry, type ServerAddress } from './registry.js';
import type { ServerClass } from './ioredis.js';
import { SocketListener } from './socket-listener.js';

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

/**
 * Creates a real node-redis client (redis's createClient) connected to a fake server
 * over an in-process Unix socket listener. `target` is a server instance, or a server
 * class whose registry gives the server at the address the options name (url or
 * socket host/port/path; default 127.0.0.1:6379). The listener opens on connect() and
 * closes when no client uses it. TLS options are ignored: the connection is local.
 */
export function createFakeNodeRedisClient<
  M extends RedisModules = {},
  F extends RedisFunctions = {},
  S extends RedisScripts = {},
  RESP extends RespVersions = 3,
  TYPE_MAPPING extends TypeMapping = {},
>(
  target: FakeServer | ServerClass,
  options?: RedisClientOptions<M, F, S, RESP, TYPE_MAPPING>,
): RedisClientType<M, F, S, RESP, TYPE_MAPPING> {
  const { createClient, RedisClient } = requirePeer<typeof NodeRedis>('redis', 'The node-redis flavour of fakeredis');
  const { url, socket, ...rest } = (options ?? {}) as RedisClientOptions & { socket?: Record<string, unknown> };
  // node-redis lets the URL's parts win over the other options; so do we.
  const parsed = url ? (RedisClient.parseURL(url) as unknown as { socket?: Record<string, unknown> } & Record<string, unknown>) : {};
  const { socket: urlSocket, ...urlRest } = parsed;
  const socketOptions: Record<string, unknown> = { ...socket, ...urlSocket };
  const address: ServerAddress = {
    host: socketOptions.host as string | undefined,
    port: socketOptions.port as number | undefined,
    path: socketOptions.path as string | undefined,
  };

  let listener: SocketListener;
  if (target instanceof FakeServer) {
    listener = listenerFor(target, address, () => (target.closed ? undefined : target));
  } else {
    const registry = serverRegistry(target);
    registry.get(address); // the server exists from now on, as a running one would
    listener = listenerFor(registry, address, () => registry.get(address));
  }

  delete socketOptions.host;
  delete socketOptions.port;
  delete socketOptions.tls;
  socketOptions.path = listener.path;
  const client = createClient({ ...rest, ...urlRest, socket: socketOptions } as RedisClientOptions);
  return track(client, listener) as unknown as RedisClientType<M, F, S, RESP, TYPE_MAPPING>;
}

type AnyClient = ReturnType<typeof NodeRedis.createClient>;

/**
 * Holds the listener open from connect() until the client ends (close, quit, destroy);
 * duplicates of the client are tracked the same way.
 */
function track(client: AnyClient, listener: SocketListener): AnyClient {
  const connect = client.connect;
  const duplicate = client.duplicate;
  let holding = false;
  const release = () => {
    if (!holding) return;
    holding = false;
    listener.release();
  };
  Object.assign(client, {
    async connect(this: AnyClient) {
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
    duplicate(this: AnyClient, overrides?: unknown) {
      return track(duplicate.call(this, overrides as never) as AnyClient, listener);
    },
  });
  client.on('end', release);
  return client;
}
