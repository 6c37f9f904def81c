// What an A/B bundle exports (ab/bundle.mjs): the sources as they are, in one file.
export { FakeRedis, FakeServer, TcpFakeServer } from '@fakeredis/all';
export { MemorySocket } from '@fakeredis/composer';
