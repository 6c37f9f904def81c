import { defineMixin, installValueType } from '@fakeredis/core';
import { never, verbatimUnlessError } from '../module-io.js';
import { CMS_INCRBY, CMS_INFO, CMS_INITBYDIM, CMS_INITBYPROB, CMS_MERGE, CMS_QUERY } from './commands.js';
import { CMS_METADATA } from './metadata.js';
import { cmsType } from './sketch.js';

// RedisModule_ReplicateVerbatim: the writes ask when they succeed (CMS.INCRBY with an
// overflowing item too: its reply is an array), the reads never.

/** RedisBloom 2.8's Count-min sketch commands (module "bf", version 20820, as BloomCommands). */
export const CountMinSketchCommands = defineMixin({
  name: 'CountMinSketchCommands',
  metadata: CMS_METADATA,
  redisModule: { name: 'bf', version: 20820, hasTypes: true, options: ['handle-io-errors'] },
  // DUMP, RESTORE and dump.rdb reach the type through it.
  install(server) {
    installValueType(server, cmsType);
  },
  commands: { CMS_INITBYDIM, CMS_INITBYPROB, CMS_INCRBY, CMS_QUERY, CMS_MERGE, CMS_INFO },
  propagation: {
    CMS_INITBYDIM: verbatimUnlessError, CMS_INITBYPROB: verbatimUnlessError, CMS_INCRBY: verbatimUnlessError, CMS_MERGE: verbatimUnlessError,
    CMS_QUERY: never, CMS_INFO: never,
  },
});
