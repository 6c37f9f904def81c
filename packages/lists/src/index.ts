export { ListCommands } from './mixin.js';
export { RedisList, type ListEncoding, listType } from './value.js';
export { type ListSettings, listSettings } from './settings.js';
