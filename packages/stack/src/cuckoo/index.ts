export { CuckooCommands } from './mixin.js';
export { CuckooFilter, cuckooType, SubFilter } from './filter.js';
