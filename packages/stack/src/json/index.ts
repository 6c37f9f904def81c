export { JsonCommands } from './mixin.js';
export { JsonDocument, jsonType } from './document.js';
