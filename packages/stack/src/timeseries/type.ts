import { defineValueType } from '@fakeredis/core';
import { seriesRdbLoad, seriesRdbSave, TS_ENCODING_VERSION } from './rdb.js';
import type { Series } from './series.js';

/**
 * The module's data type "TSDB-TYPE". Its commands' keyspace events are the module's own
 * (class 'd': ts.add, ts.create ...); a copy keeps chunks and labels, not rules.
 */
export const seriesType = defineValueType<Series>({
  name: 'TSDB-TYPE',
  eventClass: 'd',
  isEmpty: () => false,
  moduleType: { module: 'timeseries', encodingVersion: TS_ENCODING_VERSION },
  rdbSave: (value, writer, server) => seriesRdbSave(value, writer, server),
  rdbLoad: (encver, reader, server) => seriesRdbLoad(encver, reader, server),
});
