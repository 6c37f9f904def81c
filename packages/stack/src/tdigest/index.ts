export { TDigestCommands } from './mixin.js';
export { TDigest, tdigestType } from './tdigest.js';
