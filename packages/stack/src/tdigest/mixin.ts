import { defineMixin, installValueType } from '@fakeredis/core';
import {
  TDIGEST_ADD, TDIGEST_BYRANK, TDIGEST_BYREVRANK, TDIGEST_CDF, TDIGEST_CREATE, TDIGEST_INFO, TDIGEST_MAX, TDIGEST_MERGE, TDIGEST_MIN,
  TDIGEST_QUANTILE, TDIGEST_RANK, TDIGEST_RESET, TDIGEST_REVRANK, TDIGEST_TRIMMED_MEAN,
} from './commands.js';
import { TDIGEST_METADATA } from './metadata.js';
import { tdigestType } from './tdigest.js';

/** RedisBloom 2.8's t-digest commands (module "bf", version 20820). */
export const TDigestCommands = defineMixin({
  name: 'TDigestCommands',
  metadata: TDIGEST_METADATA,
  redisModule: { name: 'bf', version: 20820, hasTypes: true, options: ['handle-io-errors'] },
  // DUMP, RESTORE and dump.rdb reach the type through it.
  install(server) {
    installValueType(server, tdigestType);
  },
  commands: {
    TDIGEST_CREATE, TDIGEST_RESET, TDIGEST_ADD, TDIGEST_MERGE, TDIGEST_MIN, TDIGEST_MAX, TDIGEST_QUANTILE, TDIGEST_CDF,
    TDIGEST_TRIMMED_MEAN, TDIGEST_RANK, TDIGEST_REVRANK, TDIGEST_BYRANK, TDIGEST_BYREVRANK, TDIGEST_INFO,
  },
});
