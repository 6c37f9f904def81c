import {
  compose,
  createFakeIoredisClass,
  createFakeNodeRedisClient,
  defaultVersion,
  markFake,
  serverRegistry,
  type FakeIoredisClass,
  type ServerAddress,
  type NodeRedisClient,
  type NodeRedisCreateClient,
  type NodeRedisOptions,
} from '@fakeredis/composer';
import {
  FakeServer as CoreFakeServer,
  serverProfile,
  type FakeServerOptions,
  type Mixin,
  type ServerProfile,
  type ServerType,
} from '@fakeredis/core';
import { allMixins } from '@fakeredis/server';
import { BloomCommands, CountMinSketchCommands, CuckooCommands, JsonCommands, TDigestCommands, TimeSeriesCommands, TopKCommands } from '@fakeredis/stack';

export interface AllFakeServerOptions extends Omit<FakeServerOptions, 'profile' | 'mixins'> {
  /** The server to emulate; default 'redis'. */
  serverType?: ServerType;
  /** The version ("7.0", "7.2" or full); default '7.0' for Redis, the newest known for others. */
  version?: string;
}

const profiles = new Map<string, ServerProfile>();

/** Profiles are resolved once per server type and version and shared by instances. */
function cachedProfile(serverType: ServerType, version: string): ServerProfile {
  const key = `${serverType} ${version}`;
  let profile = profiles.get(key);
  if (profile === undefined) profiles.set(key, (profile = serverProfile(serverType, version)));
  return profile;
}

/**
 * A fake server with every fakeredis module installed; Redis 7.0 unless `serverType`
 * and `version` say otherwise: `new FakeServer({ version: '7.2' })`.
 */
export class FakeServer extends CoreFakeServer {
  /** What the registry's servers emulate (an instance may pick another version). */
  static readonly profile: ServerProfile = cachedProfile('redis', defaultVersion('redis'));
  /** Every module's mixins; with `profile`, what identifies the class's registry in the process. */
  static readonly mixins: readonly Mixin[] = allMixins;

  constructor(options: AllFakeServerOptions = {}) {
    const { serverType = 'redis', version = defaultVersion(serverType), ...rest } = options;
    super({ ...rest, profile: cachedProfile(serverType, version), mixins: allMixins });
  }
}

/** Redis 7.2 with every module: the server class behind FakeRedis72. */
export const FakeServer72 = compose({ serverType: 'redis', version: '7.2', mixins: allMixins });

/** Valkey 8.0 with every module: the server class behind FakeValkey and createValkeyClient. */
export const FakeValkeyServer = compose({ serverType: 'valkey', version: '8.0', mixins: allMixins });

/** KeyDB 6.3 with every module: the server class behind FakeKeyDB and createKeyDBClient. */
export const FakeKeyDBServer = compose({ serverType: 'keydb', version: '6.3', mixins: allMixins });

/** The Redis Stack modules fakeredis has so far (RedisBloom's Bloom filters, cuckoo filters, Count-min sketches, Top-K, t-digest; RedisTimeSeries; RedisJSON), for a "stack" server. */
export const stackMixins: readonly Mixin[] = Object.freeze([BloomCommands, CuckooCommands, CountMinSketchCommands, TopKCommands, TDigestCommands, TimeSeriesCommands, JsonCommands]);

/** Redis 7.4 with every module and the Redis Stack modules (as redis-stack-server 7.4 loads them). */
export const FakeStackServer = compose({ serverType: 'redis', version: '7.4', mixins: [...allMixins, ...stackMixins] });

/**
 * Builds the ioredis class now when ioredis is installed; otherwise a class whose
 * constructor explains what is missing, so node-redis users can import this package.
 */
function ioredisClass<S extends CoreFakeServer>(Server: new (options?: { config?: Record<string, string | number> }) => S): FakeIoredisClass<S> {
  try {
    return createFakeIoredisClass(Server);
  } catch (error) {
    // The registry needs no client library: `FakeRedis.registry.flushAll()` keeps working.
    const registry = serverRegistry(Server);
    const Missing = class {
      static readonly Server = Server;
      static readonly registry = registry;
      static getServer(address?: ServerAddress): S {
        return registry.get(address);
      }
      constructor() {
        throw error;
      }
    };
    return Missing as unknown as FakeIoredisClass<S>;
  }
}

/**
 * ioredis's Redis, connected in memory to a Redis 7.0 fake with every module. Clients
 * naming the same host and port (default 127.0.0.1:6379) share a server;
 * `new FakeRedis({ server })` picks one explicitly.
 */
export const FakeRedis = ioredisClass(FakeServer);
export type FakeRedis = InstanceType<typeof FakeRedis>;

/** As FakeRedis, with Redis 7.2 servers. */
export const FakeRedis72 = ioredisClass(FakeServer72);
export type FakeRedis72 = InstanceType<typeof FakeRedis72>;

/**
 * ioredis's Redis connected in memory to a Valkey 8.0 fake with every module (HELLO and
 * INFO say valkey, Valkey's commands, config names and texts). Clients of one address
 * share a server, apart from FakeRedis's servers.
 */
export const FakeValkey = ioredisClass(FakeValkeyServer);
export type FakeValkey = InstanceType<typeof FakeValkey>;

/**
 * ioredis's Redis connected in memory to a KeyDB 6.3 fake with every module (HELLO and INFO
 * say redis 6.3.4, Redis 6.2's commands and texts, KeyDB's own commands). Clients of one
 * address share a server, apart from FakeRedis's and FakeValkey's servers.
 */
export const FakeKeyDB = ioredisClass(FakeKeyDBServer);
export type FakeKeyDB = InstanceType<typeof FakeKeyDB>;

/** ioredis's Redis connected in memory to a Redis Stack fake (Redis 7.4 with the stack modules). */
export const FakeRedisStack = ioredisClass(FakeStackServer);
export type FakeRedisStack = InstanceType<typeof FakeRedisStack>;

/** node-redis's client options (4, 5 or 6), plus the server to connect to. */
export type FakeClientOptions = NodeRedisOptions & {
  /** The server to connect to; default the one at the options' address (shared with FakeRedis). */
  server?: CoreFakeServer;
};

/**
 * node-redis's createClient (the installed 4, 5 or 6, with its own types), connected to a
 * fake Redis 7.0 with every module over an in-process Unix socket. Call `connect()` as with
 * a real client. `server` picks a server; without it, the server at the options' address
 * (default 127.0.0.1:6379) is the one FakeRedis clients of that address share.
 */
export const createClient = markFake((options?: FakeClientOptions) => {
  const { server, ...rest } = options ?? {};
  return createFakeNodeRedisClient(server ?? FakeServer, rest as NodeRedisOptions);
}) as NodeRedisCreateClient & ((options: FakeClientOptions) => NodeRedisClient);

/**
 * As createClient, connected to a fake Valkey 8.0: without `server`, the one at the
 * options' address that FakeValkey clients of that address share.
 */
export const createValkeyClient = markFake((options?: FakeClientOptions) => {
  const { server, ...rest } = options ?? {};
  return createFakeNodeRedisClient(server ?? FakeValkeyServer, rest as NodeRedisOptions);
}) as NodeRedisCreateClient & ((options: FakeClientOptions) => NodeRedisClient);

/**
 * As createClient, connected to a fake KeyDB 6.3: without `server`, the one at the options'
 * address that FakeKeyDB clients of that address share.
 */
export const createKeyDBClient = markFake((options?: FakeClientOptions) => {
  const { server, ...rest } = options ?? {};
  return createFakeNodeRedisClient(server ?? FakeKeyDBServer, rest as NodeRedisOptions);
}) as NodeRedisCreateClient & ((options: FakeClientOptions) => NodeRedisClient);

/** As createClient, connected to a Redis Stack fake: without `server`, the one FakeRedisStack clients of that address share. */
export const createStackClient = markFake((options?: FakeClientOptions) => {
  const { server, ...rest } = options ?? {};
  return createFakeNodeRedisClient(server ?? FakeStackServer, rest as NodeRedisOptions);
}) as NodeRedisCreateClient & ((options: FakeClientOptions) => NodeRedisClient);

export {
  compose,
  createFakeIoredisClass,
  createFakeNodeRedisClient,
  serverRegistry,
  ServerRegistry,
  type ComposeOptions,
  type ComposedServerClass,
  type FakeIoredis,
  type FakeIoredisClass,
  type FakeIoredisOptions,
  type FakeIoredisResp3,
  type NodeRedisClient,
  type NodeRedisCreateClient,
  type NodeRedisOptions,
  type ServerAddress,
} from '@fakeredis/composer';
export { allMixins, TcpFakeServer, type TcpFakeServerOptions } from '@fakeredis/server';
export {
  ConnectionCommands,
  coreMixins,
  KeyspaceCommands,
  ServerCommands,
  TransactionCommands,
  ReplyError,
  type CommandArgument,
  type DataOptions,
  type KeyOptions,
  type KeyValue,
  type Mixin,
  type PlainReply,
  type SeedValue,
} from '@fakeredis/core';
export { BitmapCommands, HyperLogLogCommands, StringCommands } from '@fakeredis/strings';
export { HashCommands } from '@fakeredis/hashes';
export { ListCommands } from '@fakeredis/lists';
export { SetCommands } from '@fakeredis/sets';
export { SortedSetCommands } from '@fakeredis/zsets';
export { GeoCommands } from '@fakeredis/geo';
export { StreamCommands } from '@fakeredis/streams';
export { FunctionCommands, ScriptingCommands } from '@fakeredis/scripting';
export { PubSubCommands } from '@fakeredis/pubsub';
export { BloomCommands, CountMinSketchCommands, CuckooCommands, JsonCommands, TDigestCommands, TimeSeriesCommands, TopKCommands } from '@fakeredis/stack';
