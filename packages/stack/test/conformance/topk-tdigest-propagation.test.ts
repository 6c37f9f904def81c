import { coreMixins, FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { describePropagationCases, type PropagationCase } from '@fakeredis/tooling/conformance';
import { referenceBinary } from '@fakeredis/tooling/conformance/reference';
import { TDigestCommands } from '../../src/tdigest/index.js';
import { TopKCommands } from '../../src/topk/index.js';
import { REDISBLOOM_ENV } from './server.js';

// What TOPK.* and TDIGEST.* propagate (RedisModule_ReplicateVerbatim), compared with the AOF
// redis-server 7.0.15 with redisbloom.so writes for the same commands.
const cases: PropagationCase[] = [
  { name: 'Top-K: RESERVE, ADD and INCRBY when they succeed (INCRBY after a bad increment too), never the reads', steps: [
    ['TOPK.RESERVE', 'k', '2', '50', '3', '1'], ['TOPK.RESERVE', 'k', '2'], ['TOPK.RESERVE', 'x', '0'], ['TOPK.ADD', 'k', 'a', 'b'], ['TOPK.ADD', 'missing', 'a'],
    ['TOPK.INCRBY', 'k', 'a', '3'], ['TOPK.INCRBY', 'k', 'c', 'x'], ['TOPK.INCRBY', 'missing', 'a', '1'], ['TOPK.QUERY', 'k', 'a'], ['TOPK.COUNT', 'k', 'a'],
    ['TOPK.LIST', 'k'], ['TOPK.INFO', 'k'], ['SET', 's', 'v'], ['TOPK.ADD', 's', 'a'], ['MULTI'], ['TOPK.ADD', 'k', 'z'], ['TOPK.LIST', 'k'], ['TOPK.ADD', 'k', 'y'], ['EXEC'],
  ] },
  { name: 't-digest: the writes when they succeed, never the reads (which merge)', steps: [
    ['TDIGEST.CREATE', 't'], ['TDIGEST.CREATE', 't'], ['TDIGEST.CREATE', 'u', 'COMPRESSION', '0'], ['TDIGEST.ADD', 't', '1', '2', '3'], ['TDIGEST.ADD', 't', '4', 'x'],
    ['TDIGEST.ADD', 'missing', '1'], ['TDIGEST.QUANTILE', 't', '0.5'], ['TDIGEST.CDF', 't', '1'], ['TDIGEST.RANK', 't', '1'], ['TDIGEST.BYRANK', 't', '1'],
    ['TDIGEST.TRIMMED_MEAN', 't', '0', '1'], ['TDIGEST.MIN', 't'], ['TDIGEST.INFO', 't'], ['TDIGEST.MERGE', 'm', '1', 't'], ['TDIGEST.MERGE', 'm', '1', 'missing'],
    ['TDIGEST.RESET', 't'], ['TDIGEST.RESET', 'missing'], ['MULTI'], ['TDIGEST.ADD', 't', '9'], ['TDIGEST.MAX', 't'], ['TDIGEST.MERGE', 'm', '2', 'm', 't', 'OVERRIDE'], ['EXEC'],
  ] },
];

const module = referenceBinary(REDISBLOOM_ENV);

describePropagationCases(`propagation feed vs redis-server AOF (TOPK.*, TDIGEST.*; needs ${REDISBLOOM_ENV})`, cases, () => new FakeServer({ mixins: [...coreMixins, TopKCommands, TDigestCommands, StringCommands] }), { realArgs: ['--loadmodule', module!], skip: module === undefined });
