export { StringCommands } from './strings/index.js';
export { BitmapCommands } from './bitmaps/index.js';
export { HyperLogLogCommands } from './hyperloglog/index.js';
