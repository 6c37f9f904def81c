import { withDirtyChecks, type Scenario } from '@fakeredis/tooling/conformance';
import { runBloomScenarios } from './server.js';
import { runTimeSeriesScenarios } from './timeseries-server.js';

// rdb_changes_since_last_save (Redis's server.dirty) after each RedisBloom write, no-op and
// failing forms included: a module command counts its RedisModule_ReplicateVerbatim calls.
const scenario = (name: string, steps: Scenario['steps']): Scenario => ({ name, steps: withDirtyChecks(steps), protocols: [2] });

runBloomScenarios('rdb_changes_since_last_save', [
  scenario('bloom and cuckoo', [
    ['BF.RESERVE', 'b', '0.01', '100'], ['BF.RESERVE', 'b', '0.01', '100'], ['BF.ADD', 'b', 'a'], ['BF.ADD', 'b', 'a'], ['BF.MADD', 'b', 'a', 'x', 'y'],
    ['BF.INSERT', 'b2', 'ITEMS', 'a', 'b'], ['BF.INSERT', 'nokey', 'NOCREATE', 'ITEMS', 'a'], ['BF.EXISTS', 'b', 'a'], ['SET', 's', 'v'], ['BF.ADD', 's', 'a'],
    ['CF.RESERVE', 'c', '100'], ['CF.ADD', 'c', 'a'], ['CF.ADDNX', 'c', 'a'], ['CF.ADDNX', 'c', 'z'], ['CF.DEL', 'c', 'a'], ['CF.DEL', 'c', 'nope'],
    ['CF.INSERT', 'c2', 'ITEMS', 'a', 'b'], ['CF.INSERTNX', 'c2', 'ITEMS', 'a', 'q'], ['CF.COMPACT', 'c2'], ['CF.COMPACT', 'nokey'], ['CF.DEBUG', 'c2'], ['BF.DEBUG', 'b'],
  ]),
  scenario('cms, topk and tdigest', [
    ['CMS.INITBYDIM', 'm', '10', '3'], ['CMS.INCRBY', 'm', 'a', '5', 'b', '3'], ['CMS.INCRBY', 'm', 'a', 'x'], ['CMS.INITBYDIM', 'm2', '10', '3'], ['CMS.MERGE', 'm3', '1', 'm'],
    ['CMS.INITBYDIM', 'm3', '10', '3'], ['CMS.MERGE', 'm3', '2', 'm', 'm2'], ['TOPK.RESERVE', 't', '2'], ['TOPK.ADD', 't', 'a', 'b', 'c'], ['TOPK.INCRBY', 't', 'a', '3'],
    ['TOPK.INCRBY', 't', 'a', 'x'], ['TDIGEST.CREATE', 'd'], ['TDIGEST.ADD', 'd', '1', '2', '3'], ['TDIGEST.ADD', 'd', 'x'], ['TDIGEST.RESET', 'd'],
    ['TDIGEST.CREATE', 'd2'], ['TDIGEST.MERGE', 'd3', '2', 'd', 'd2'], ['TDIGEST.QUANTILE', 'd', '0.5'],
  ]),
]);

runTimeSeriesScenarios('rdb_changes_since_last_save', [
  scenario('timeseries', [
    ['TS.CREATE', 'ts'], ['TS.CREATE', 'ts'], ['TS.ADD', 'ts', '1000', '1'], ['TS.ADD', 'ts', '1000', '2'], ['TS.ADD', 'ts', 'x', '1'], ['TS.MADD', 'ts', '2000', '1', 'ts', '3000', '2'],
    ['TS.INCRBY', 'ts', '5', 'TIMESTAMP', '4000'], ['TS.DECRBY', 'ts', '1', 'TIMESTAMP', '5000'], ['TS.ALTER', 'ts', 'RETENTION', '0'], ['TS.DEL', 'ts', '0', '1500'], ['TS.DEL', 'ts', '0', '10'],
    ['TS.CREATE', 'dst'], ['TS.CREATERULE', 'ts', 'dst', 'AGGREGATION', 'avg', '1000'], ['TS.ADD', 'ts', '9000', '1'], ['TS.DELETERULE', 'ts', 'dst'], ['TS.ADD', 'auto', '1', '1'],
  ]),
]);
