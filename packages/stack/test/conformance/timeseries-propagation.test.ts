import { coreMixins, FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { describePropagationCases, type PropagationCase } from '@fakeredis/tooling/conformance';
import { REDISTIMESERIES_ENV, referenceBinary } from '@fakeredis/tooling/conformance/reference';
import { TimeSeriesCommands } from '../../src/timeseries/index.js';

// What TS.* propagate (RedisModule_Replicate / ReplicateVerbatim), compared with the AOF
// redis-server 7.0.15 with redistimeseries.so writes for the same commands.
const cases: PropagationCase[] = [
  { name: 'the writes that succeed, TS.ADD and TS.MADD only for the samples that went in, never the reads', steps: [
    ['TS.CREATE', 'a', 'LABELS', 'l', '1'], ['TS.CREATE', 'a'], ['TS.CREATE', 'i', 'IGNORE', '10', '1', 'DUPLICATE_POLICY', 'last'], ['TS.ADD', 'a', '1', '1'],
    ['TS.ADD', 'a', '1', '2'], ['TS.ADD', 'a', '2', 'x'], ['TS.ADD', 'n', '5', '1', 'RETENTION', '10'], ['TS.ADD', 'i', '100', '1'], ['TS.ADD', 'i', '105', '1.5'],
    ['TS.MADD', 'a', '3', '3', 'a', '1', '9', 'missing', '1', '1', 'i', '200', '1'], ['TS.MADD', 'a', '1', '1'], ['TS.INCRBY', 'a', '1', 'TIMESTAMP', '10'],
    ['TS.INCRBY', 'a', 'x', 'TIMESTAMP', '11'], ['TS.DECRBY', 'n', '1', 'TIMESTAMP', '1'], ['TS.INCRBY', 'a', '1', 'TIMESTAMP', '1'], ['TS.ALTER', 'a', 'RETENTION', '100'],
    ['TS.ALTER', 'missing', 'RETENTION', '1'], ['TS.CREATE', 'd'], ['TS.CREATERULE', 'a', 'd', 'AGGREGATION', 'sum', '5'], ['TS.CREATERULE', 'a', 'd', 'AGGREGATION', 'sum', '5'],
    ['TS.ADD', 'a', '20', '1'], ['TS.DEL', 'a', '0', '2'], ['TS.DEL', 'missing', '0', '2'], ['TS.DELETERULE', 'a', 'd'], ['TS.DELETERULE', 'a', 'd'],
    ['TS.GET', 'a'], ['TS.RANGE', 'a', '-', '+'], ['TS.INFO', 'a'], ['TS.MGET', 'FILTER', 'l=1'], ['TS.MRANGE', '-', '+', 'FILTER', 'l=1'], ['TS.QUERYINDEX', 'l=1'],
    ['SET', 's', 'v'], ['TS.ADD', 's', '1', '1'], ['MULTI'], ['TS.ADD', 'a', '30', '1'], ['TS.INFO', 'a'], ['TS.MADD', 'a', '31', '1', 'a', '2', 'x'], ['EXEC'],
  ] },
];

const module = referenceBinary(REDISTIMESERIES_ENV);

describePropagationCases(`propagation feed vs redis-server AOF (TS.*; needs ${REDISTIMESERIES_ENV})`, cases, () => new FakeServer({ mixins: [...coreMixins, TimeSeriesCommands, StringCommands] }), { realArgs: ['--loadmodule', module!, '--dbfilename', `timeseries-aof-${process.pid}.rdb`], skip: module === undefined });
