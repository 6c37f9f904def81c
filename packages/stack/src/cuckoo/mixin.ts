import { defineMixin, ErrorReply, installValueType, type PropagationRule, tryParseInt64 } from '@fakeredis/core';
import { never, verbatimUnlessError } from '../module-io.js';
import {
  CF_ADD, CF_ADDNX, CF_COMPACT, CF_COUNT, CF_DEBUG, CF_DEL, CF_EXISTS, CF_INFO, CF_INSERT, CF_INSERTNX, CF_LOADCHUNK, CF_MEXISTS, CF_RESERVE,
  CF_SCANDUMP,
} from './commands.js';
import { cuckooType } from './filter.js';
import { CUCKOO_METADATA } from './metadata.js';

/**
 * RedisModule_ReplicateVerbatim: the writes ask when they succeed (CF.ADD and ADDNX not on
 * a full filter; CF.DEL, found item or not; CF.COMPACT, flagged readonly, too); CF.LOADCHUNK
 * only for the header (iterator 1), as the module's; the reads never.
 */
const loadchunkPropagation: PropagationRule = (call) => (call.reply instanceof ErrorReply || tryParseInt64(call.argv[2]!) !== 1n ? null : [call.argv]);

/** RedisBloom 2.8's cuckoo filter commands (module "bf", version 20820, as BloomCommands). */
export const CuckooCommands = defineMixin({
  name: 'CuckooCommands',
  metadata: CUCKOO_METADATA,
  redisModule: { name: 'bf', version: 20820, hasTypes: true, options: ['handle-io-errors'] },
  // DUMP, RESTORE and dump.rdb reach the type through it.
  install(server) {
    installValueType(server, cuckooType);
  },
  commands: {
    CF_RESERVE, CF_ADD, CF_ADDNX, CF_INSERT, CF_INSERTNX, CF_EXISTS, CF_MEXISTS, CF_COUNT, CF_DEL, CF_COMPACT, CF_INFO, CF_DEBUG, CF_SCANDUMP,
    CF_LOADCHUNK,
  },
  propagation: {
    CF_RESERVE: verbatimUnlessError, CF_ADD: verbatimUnlessError, CF_ADDNX: verbatimUnlessError, CF_INSERT: verbatimUnlessError,
    CF_INSERTNX: verbatimUnlessError, CF_DEL: verbatimUnlessError, CF_COMPACT: verbatimUnlessError, CF_LOADCHUNK: loadchunkPropagation,
    CF_EXISTS: never, CF_MEXISTS: never, CF_COUNT: never, CF_INFO: never, CF_DEBUG: never, CF_SCANDUMP: never,
  },
});
