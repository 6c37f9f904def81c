import { coreMixins, FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { describePropagationCases, type PropagationCase } from '@fakeredis/tooling/conformance';
import { referenceBinary } from '@fakeredis/tooling/conformance/reference';
import { BloomCommands } from '../../src/bloom/index.js';
import { CountMinSketchCommands } from '../../src/cms/index.js';
import { CuckooCommands } from '../../src/cuckoo/index.js';
import { REDISBLOOM_ENV } from './server.js';

// What BF.*, CF.* and CMS.* propagate (RedisModule_ReplicateVerbatim), compared with the AOF
// redis-server 7.0.15 with redisbloom.so writes for the same commands.
const cases: PropagationCase[] = [
  { name: 'Bloom: the writes when they succeed or add nothing, never the reads', steps: [
    ['BF.RESERVE', 'b', '0.01', '100'], ['BF.RESERVE', 'b', '0.01', '100'], ['BF.RESERVE', 'x', '2', '100'], ['BF.ADD', 'b', 'a'], ['BF.ADD', 'b', 'a'],
    ['BF.MADD', 'b', 'a', 'c'], ['BF.INSERT', 'i', 'ITEMS', 'a'], ['BF.INSERT', 'n', 'NOCREATE', 'ITEMS', 'a'], ['BF.INSERT', 'i', 'CAPACITY', 'x', 'ITEMS', 'a'],
    ['BF.RESERVE', 'ns', '0.1', '2', 'NONSCALING'], ['BF.MADD', 'ns', 'a', 'b', 'c', 'd'], ['BF.ADD', 'ns', 'e'],
    ['BF.EXISTS', 'b', 'a'], ['BF.MEXISTS', 'b', 'a'], ['BF.CARD', 'b'], ['BF.INFO', 'b'], ['BF.SCANDUMP', 'b', '0'], ['SET', 's', 'v'], ['BF.ADD', 's', 'a'],
    ['BF.ADD', 'b'], ['MULTI'], ['BF.ADD', 'b', 'z'], ['BF.EXISTS', 'b', 'z'], ['EXEC'],
  ] },
  { name: 'Bloom: SCANDUMP and LOADCHUNK', steps: [
    ['BF.RESERVE', 'b', '0.01', '10'], ['BF.MADD', 'b', 'a', 'b', 'c'], ['BF.SCANDUMP', 'b', '0'], ['BF.LOADCHUNK', 'b', '1', 'junk'], ['BF.LOADCHUNK', 'missing', '2', 'x'], ['BF.DEBUG', 'b'],
  ] },
  { name: 'cuckoo: the writes, failing ones, DEL of a missing item or key', steps: [
    ['CF.RESERVE', 'c', '100'], ['CF.RESERVE', 'c', '100'], ['CF.RESERVE', 'x', '1'], ['CF.ADD', 'c', 'a'], ['CF.ADD', 'c', 'a'], ['CF.ADDNX', 'c', 'a'], ['CF.ADDNX', 'c', 'b'],
    ['CF.INSERT', 'c', 'ITEMS', 'd', 'e'], ['CF.INSERTNX', 'c', 'ITEMS', 'd', 'f'], ['CF.INSERT', 'n', 'NOCREATE', 'ITEMS', 'a'], ['CF.INSERT', 'c', 'CAPACITY', 'x', 'ITEMS', 'a'],
    ['CF.DEL', 'c', 'a'], ['CF.DEL', 'c', 'zz'], ['CF.DEL', 'missing', 'a'], ['CF.EXISTS', 'c', 'a'], ['CF.MEXISTS', 'c', 'a'], ['CF.COUNT', 'c', 'b'], ['CF.INFO', 'c'],
    ['CF.SCANDUMP', 'c', '0'], ['CF.LOADCHUNK', 'c', '1', 'x'], ['CF.LOADCHUNK', 'missing', '2', 'x'], ['SET', 's', 'v'], ['CF.ADD', 's', 'a'], ['CF.DEL', 's', 'a'],
    ['CF.RESERVE', 'full', '4', 'BUCKETSIZE', '1', 'EXPANSION', '0'], ['CF.INSERT', 'full', 'ITEMS', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], ['CF.ADD', 'full', 'i'],
    ['CF.ADDNX', 'full', 'j'], ['CF.DEBUG', 'c'], ['CF.COMPACT', 'c'], ['CF.COMPACT', 'missing'], ['CF.COMPACT', 's'], ['CF.COMPACT'],
  ] },
  { name: 'cuckoo: LOADCHUNK of the header only', steps: [
    ['CF.RESERVE', 'c', '100'], ['CF.ADD', 'c', 'a'], ['CF.SCANDUMP', 'c', '0'], ['CF.SCANDUMP', 'c', '1'], ['CF.LOADCHUNK', 'bad', '0', 'x'], ['CF.LOADCHUNK', 'bad', '1', 'x'],
  ] },
  { name: 'Count-min sketch: the writes when they succeed', steps: [
    ['CMS.INITBYDIM', 'm', '10', '3'], ['CMS.INITBYDIM', 'm', '10', '3'], ['CMS.INITBYPROB', 'p', '0.01', '0.01'], ['CMS.INITBYPROB', 'q', '2', '0.01'],
    ['CMS.INCRBY', 'm', 'a', '5'], ['CMS.INCRBY', 'm', 'a', 'x'], ['CMS.INCRBY', 'missing', 'a', '1'], ['CMS.INCRBY', 'm', 'a', '4294967295', 'b', '1'],
    ['CMS.QUERY', 'm', 'a'], ['CMS.INFO', 'm'], ['CMS.INITBYDIM', 'm2', '10', '3'], ['CMS.MERGE', 'm2', '1', 'm'], ['CMS.MERGE', 'm2', '1', 'missing'],
    ['CMS.MERGE', 'm2', '2', 'm', 'm', 'WEIGHTS', '1', '2'], ['CMS.MERGE', 'nodest', '1', 'm'],
  ] },
];

const module = referenceBinary(REDISBLOOM_ENV);

describePropagationCases(`propagation feed vs redis-server AOF (BF.*, CF.*, CMS.*; needs ${REDISBLOOM_ENV})`, cases, () => new FakeServer({ mixins: [...coreMixins, BloomCommands, CuckooCommands, CountMinSketchCommands, StringCommands] }), { realArgs: ['--loadmodule', module!], skip: module === undefined });
