export { SetCommands } from './mixin.js';
export { RedisSet, type SetEncoding, setType } from './value.js';
export { type SetLimits, setLimits } from './limits.js';
