// Each module also has its own entry point (@fakeredis/stack/bloom): importing one pulls in none of the others.
export * from './bloom/index.js';
export * from './cuckoo/index.js';
export * from './cms/index.js';
export * from './topk/index.js';
export * from './tdigest/index.js';
export * from './timeseries/index.js';
export * from './json/index.js';
export * from './vectorset/index.js';
