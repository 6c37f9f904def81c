export { HashCommands } from './mixin.js';
export { HashField, HashValue, type HashEncoding } from './value/hash-value.js';
