export { PubSubCommands } from './mixin.js';
