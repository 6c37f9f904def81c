import { defineMixin, installValueType, type PropagationRule } from '@fakeredis/core';
import { never, verbatimUnlessError } from '../module-io.js';
import { TOPK_ADD, TOPK_COUNT, TOPK_INCRBY, TOPK_INFO, TOPK_LIST, TOPK_QUERY, TOPK_RESERVE } from './commands.js';
import { topkType } from './heavykeeper.js';
import { TOPK_METADATA } from './metadata.js';

/**
 * RedisModule_ReplicateVerbatim: a module command reaches the AOF and replicas only when it
 * asks. TOPK.RESERVE and ADD ask when they succeed; INCRBY once past the key check, even
 * after a bad increment; the reads never.
 */
const incrbyPropagation: PropagationRule = (call) => (Array.isArray(call.reply) ? [call.argv] : null);

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
  propagation: {
    TOPK_RESERVE: verbatimUnlessError, TOPK_ADD: verbatimUnlessError, TOPK_INCRBY: incrbyPropagation,
    TOPK_QUERY: never, TOPK_COUNT: never, TOPK_LIST: never, TOPK_INFO: never,
  },
});
