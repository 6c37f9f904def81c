import { defineMixin, installValueType } from '@fakeredis/core';
import { never, verbatimUnlessError } from '../module-io.js';
import {
  TDIGEST_ADD, TDIGEST_BYRANK, TDIGEST_BYREVRANK, TDIGEST_CDF, TDIGEST_CREATE, TDIGEST_INFO, TDIGEST_MAX, TDIGEST_MERGE, TDIGEST_MIN,
  TDIGEST_QUANTILE, TDIGEST_RANK, TDIGEST_RESET, TDIGEST_REVRANK, TDIGEST_TRIMMED_MEAN,
} from './commands.js';
import { TDIGEST_METADATA } from './metadata.js';
import { tdigestType } from './tdigest.js';

/**
 * RedisModule_ReplicateVerbatim: a module command reaches the AOF and replicas only when it
 * asks. The writes ask when they succeed (a failed TDIGEST.ADD keeps the samples it added
 * and is not propagated); the reads, which merge buffered samples, never.
 */

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
  propagation: {
    TDIGEST_CREATE: verbatimUnlessError, TDIGEST_RESET: verbatimUnlessError, TDIGEST_ADD: verbatimUnlessError, TDIGEST_MERGE: verbatimUnlessError,
    TDIGEST_MIN: never, TDIGEST_MAX: never, TDIGEST_QUANTILE: never, TDIGEST_CDF: never, TDIGEST_TRIMMED_MEAN: never, TDIGEST_RANK: never,
    TDIGEST_REVRANK: never, TDIGEST_BYRANK: never, TDIGEST_BYREVRANK: never, TDIGEST_INFO: never,
  },
});
