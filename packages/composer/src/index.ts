export { compose, defaultVersion, isComposedServerClass, type ComposeOptions, type ComposedServerClass, type ComposedServerOptions } from './compose.js';
export {
  addressKey,
  DEFAULT_HOST,
  DEFAULT_PORT,
  registryKey,
  serverRegistry,
  ServerRegistry,
  type ServerAddress,
} from './registry.js';
export {
  createFakeIoredisClass,
  type FakeIoredis,
  type FakeIoredisClass,
  type FakeIoredisOptions,
  type FakeIoredisResp3,
  type ServerClass,
} from './ioredis.js';
export {
  createFakeNodeRedisClient,
  fakeNodeRedisCreateClient,
  parseRedisUrl,
  type NodeRedisClient,
  type NodeRedisCreateClient,
  type NodeRedisOptions,
} from './node-redis.js';
export { MemorySocket, type Endpoint } from './memory-socket.js';
export { SocketListener } from './socket-listener.js';
export { later } from './schedule.js';
export { markFake } from './peer.js';
