import { defineMixin, installValueType } from '@fakeredis/core';
import {
  TS_ADD, TS_ALTER, TS_CREATE, TS_CREATERULE, TS_DECRBY, TS_DEL, TS_DELETERULE, TS_GET, TS_INCRBY, TS_INFO, TS_MADD, TS_MGET, TS_MRANGE,
  TS_MREVRANGE, TS_QUERYINDEX, TS_RANGE, TS_REVRANGE, replicatedWrite,
} from './commands.js';
import { never, verbatimUnlessError } from '../module-io.js';
import { TIMESERIES_METADATA } from './metadata.js';
import { seriesType } from './type.js';

/** RedisTimeSeries 1.12's commands (module "timeseries", version 11214). */
export const TimeSeriesCommands = defineMixin({
  name: 'TimeSeriesCommands',
  metadata: TIMESERIES_METADATA,
  redisModule: { name: 'timeseries', version: 11214, hasTypes: true },
  install(server) {
    installValueType(server, seriesType);
  },
  commands: {
    TS_CREATE, TS_ALTER, TS_CREATERULE, TS_DELETERULE, TS_ADD, TS_INCRBY, TS_DECRBY, TS_RANGE, TS_REVRANGE, TS_QUERYINDEX, TS_INFO,
    TS_GET, TS_DEL, TS_MADD, TS_MRANGE, TS_MREVRANGE, TS_MGET,
  },
  // What the module replicates (RedisModule_Replicate / ReplicateVerbatim); the AOF and replicas get that.
  propagation: {
    TS_CREATE: verbatimUnlessError, TS_ALTER: verbatimUnlessError, TS_CREATERULE: verbatimUnlessError, TS_DELETERULE: verbatimUnlessError,
    TS_DEL: verbatimUnlessError, TS_ADD: replicatedWrite, TS_MADD: replicatedWrite, TS_INCRBY: replicatedWrite, TS_DECRBY: replicatedWrite,
    TS_RANGE: never, TS_REVRANGE: never, TS_QUERYINDEX: never, TS_INFO: never, TS_GET: never, TS_MRANGE: never, TS_MREVRANGE: never, TS_MGET: never,
  },
});
