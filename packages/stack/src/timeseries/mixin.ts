import { defineMixin, installValueType } from '@fakeredis/core';
import {
  TS_ADD, TS_ALTER, TS_CREATE, TS_CREATERULE, TS_DECRBY, TS_DEL, TS_DELETERULE, TS_GET, TS_INCRBY, TS_INFO, TS_MADD, TS_MGET, TS_MRANGE,
  TS_MREVRANGE, TS_QUERYINDEX, TS_RANGE, TS_REVRANGE,
} from './commands.js';
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
});
