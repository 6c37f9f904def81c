import { defineMixin, installValueType } from '@fakeredis/core';
import {
  CF_ADD, CF_ADDNX, CF_COUNT, CF_DEL, CF_EXISTS, CF_INFO, CF_INSERT, CF_INSERTNX, CF_LOADCHUNK, CF_MEXISTS, CF_RESERVE, CF_SCANDUMP,
} from './commands.js';
import { cuckooType } from './filter.js';
import { CUCKOO_METADATA } from './metadata.js';

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
    CF_RESERVE, CF_ADD, CF_ADDNX, CF_INSERT, CF_INSERTNX, CF_EXISTS, CF_MEXISTS, CF_COUNT, CF_DEL, CF_INFO, CF_SCANDUMP, CF_LOADCHUNK,
  },
});
