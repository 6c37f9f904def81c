export { SetCommands } from './mixin.js';
export { RedisSet, type SetEncoding } from './value.js';
export { type SetLimits, setLimits } from './limits.js';
