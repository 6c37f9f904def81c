export { StreamCommands } from './mixin.js';
export { RedisStream, streamType, type NodeLimits, type TrimArgs } from './stream.js';
export { StreamNode, type StreamEntry } from './node.js';
export { ConsumerGroup, Consumer, Nack } from './groups.js';
export { type StreamId, type U64, cmpId, formatId, parseIdArg } from './id.js';
export { raxNodeCount } from './rax.js';
