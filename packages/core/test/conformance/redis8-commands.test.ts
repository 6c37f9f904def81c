import type { Scenario } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { coreMixins, serverProfile } from '../../src/index.js';
import { serverForConformance } from '../server/fixtures.js';

/**
 * Redis 8.x commands of the server level that a standalone server answers, compared with
 * redis-server 8.6.3: TRIMSLOTS (8.4) is cluster-only, its arity checked first.
 */
const scenarios: Scenario[] = [
  {
    name: 'TRIMSLOTS on a standalone server',
    steps: [['TRIMSLOTS'], ['TRIMSLOTS', 'RANGES', '1'], ['TRIMSLOTS', 'foo', 'bar', 'baz'], ['TRIMSLOTS', 'RANGES', '1', '0', '100'], ['TRIMSLOTS', 'RANGES', 'x', '1', '2']],
  },
];

const profile = serverProfile('redis', '8.6');
runReferenceScenarios(referenceEnv('redis', '8.6'), 'Redis 8.6 commands', { createServer: (config) => serverForConformance(config, coreMixins, profile) }, scenarios);
