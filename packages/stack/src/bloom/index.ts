export { BloomCommands } from './mixin.js';
export { BloomChain, BloomLink, bloomType } from './chain.js';
export { bloomHash32, bloomHash64, murmurHash2, murmurHash64A } from './murmur.js';
