export { compose, defaultVersion, isComposedServerClass, type ComposeOptions, type ComposedServerClass, type ComposedServerOptions } from './compose.js';
export {
  addressKey,
  DEFAULT_HOST,
  DEFAULT_PORT,
  serverRegistry,
  ServerRegistry,
  type ServerAddress,
} from './registry.js';
export {
  createFakeIoredisClass,
  type FakeIoredis,
  type FakeIoredisClass,
  type FakeIoredisOptions,
  type ServerClass,
} from './ioredis.js';
export { createFakeNodeRedisClient } from './node-redis.js';
export { MemorySocket, type Endpoint } from './memory-socket.js';
