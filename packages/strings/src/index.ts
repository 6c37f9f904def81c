export { BitmapCommands, HyperLogLogCommands, StringCommands } from './mixin.js';
export { stringType, type StringValue } from './value.js';
