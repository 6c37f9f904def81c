import { defineMixin, installValueType } from '@fakeredis/core';
import { TOPK_ADD, TOPK_COUNT, TOPK_INCRBY, TOPK_INFO, TOPK_LIST, TOPK_QUERY, TOPK_RESERVE } from './commands.js';
import { topkType } from './heavykeeper.js';
import { TOPK_METADATA } from './metadata.js';

/** RedisBloom 2.8's Top-K commands (module "bf", version 20820). */
export const TopKCommands = defineMixin({
  name: 'TopKCommands',
  metadata: TOPK_METADATA,
  redisModule: { name: 'bf', version: 20820, hasTypes: true, options: ['handle-io-errors'] },
  // DUMP, RESTORE and dump.rdb reach the type through it.
  install(server) {
    installValueType(server, topkType);
  },
  commands: {
    TOPK_RESERVE, TOPK_ADD, TOPK_INCRBY, TOPK_QUERY, TOPK_COUNT, TOPK_LIST, TOPK_INFO,
  },
});
