import { defineMixin, ErrorReply, installValueType, type PropagationRule } from '@fakeredis/core';
import { BF_ADD, BF_CARD, BF_DEBUG, BF_EXISTS, BF_INFO, BF_INSERT, BF_LOADCHUNK, BF_MADD, BF_MEXISTS, BF_RESERVE, BF_SCANDUMP } from './commands.js';
import { never, verbatimUnlessError } from '../module-io.js';
import { bloomType } from './chain.js';
import { ERR_BF_FULL, ERR_BF_INSERT } from './errors.js';
import { BLOOM_METADATA } from './metadata.js';

/**
 * RedisModule_ReplicateVerbatim: BF.RESERVE and BF.LOADCHUNK ask when they succeed; BF.ADD,
 * MADD and INSERT once past the key (after a full non-scaling filter's error too); the
 * reads never.
 */
const insertPropagation: PropagationRule = (call) =>
  call.reply instanceof ErrorReply && call.reply !== ERR_BF_FULL && call.reply !== ERR_BF_INSERT ? null : [call.argv];

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
    BF_RESERVE, BF_ADD, BF_MADD, BF_INSERT, BF_EXISTS, BF_MEXISTS, BF_CARD, BF_INFO, BF_DEBUG, BF_SCANDUMP, BF_LOADCHUNK,
  },
  propagation: {
    BF_RESERVE: verbatimUnlessError, BF_ADD: insertPropagation, BF_MADD: insertPropagation, BF_INSERT: insertPropagation, BF_LOADCHUNK: verbatimUnlessError,
    BF_EXISTS: never, BF_MEXISTS: never, BF_CARD: never, BF_INFO: never, BF_DEBUG: never, BF_SCANDUMP: never,
  },
});
