// One catalogue, one file per command family so modules extend it without clashing.
export * from './common.js';
export * from './blocking.js';
export * from './strings.js';
export * from './connection.js';
export * from './transactions.js';
export * from './keyspace.js';
export * from './server.js';
export * from './sets.js';
export * from './hashes.js';
export * from './pubsub.js';
export * from './geo.js';
export * from './lists.js';
export * from './zsets.js';
