export { HashCommands } from './mixin.js';
export { HashField, HashValue, hashType, type HashEncoding } from './value/hash-value.js';
