import { defineMixin, installValueType } from '@fakeredis/core';
import { BF_ADD, BF_CARD, BF_EXISTS, BF_INFO, BF_INSERT, BF_LOADCHUNK, BF_MADD, BF_MEXISTS, BF_RESERVE, BF_SCANDUMP } from './commands.js';
import { bloomType } from './chain.js';
import { BLOOM_METADATA } from './metadata.js';

/** RedisBloom 2.8's Bloom filter commands (module "bf", version 20820). */
export const BloomCommands = defineMixin({
  name: 'BloomCommands',
  metadata: BLOOM_METADATA,
  redisModule: { name: 'bf', version: 20820, hasTypes: true, options: ['handle-io-errors'] },
  // DUMP, RESTORE and dump.rdb reach the type through it.
  install(server) {
    installValueType(server, bloomType);
  },
  commands: {
    BF_RESERVE, BF_ADD, BF_MADD, BF_INSERT, BF_EXISTS, BF_MEXISTS, BF_CARD, BF_INFO, BF_SCANDUMP, BF_LOADCHUNK,
  },
});
