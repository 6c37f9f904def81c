// The engine's catalogue: errors of core's own commands and those several modules share.
// A module's own errors live in the module (its src/errors.ts).
export * from './common.js';
export * from './blocking.js';
export * from './connection.js';
export * from './transactions.js';
export * from './keyspace.js';
export * from './server.js';
