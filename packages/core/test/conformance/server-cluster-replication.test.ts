import { type Compare, runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { serverProfile } from '../../src/index.js';
import { serverForConformance } from '../server/fixtures.js';

const options = { createServer: (config: Record<string, string>) => serverForConformance(config) };

const clusterSubcommands = [
  ['INFO'], ['HELP'], ['NODES'], ['SLOTS'], ['SHARDS'], ['MYID'], ['KEYSLOT', 'foo'], ['COUNTKEYSINSLOT', '1'],
  ['GETKEYSINSLOT', '1', '1'], ['LINKS'], ['RESET'], ['RESET', 'HARD'], ['ADDSLOTS', '1'], ['ADDSLOTSRANGE', '1', '2'],
  ['DELSLOTS', '1'], ['FLUSHSLOTS'], ['FORGET', 'x'], ['MEET', '127.0.0.1', '1'], ['REPLICATE', 'x'], ['REPLICAS', 'x'],
  ['SLAVES', 'x'], ['SAVECONFIG'], ['SETSLOT', '1', 'STABLE'], ['SET-CONFIG-EPOCH', '1'], ['BUMPEPOCH'], ['FAILOVER'],
  ['COUNT-FAILURE-REPORTS', 'x'],
];

const scenarios: Scenario[] = [
  {
    name: 'CLUSTER subcommands on a standalone server',
    steps: [
      ...clusterSubcommands.map((sub) => ['CLUSTER', ...sub]),
      ['cluster', 'info'], ['CLUSTER'], ['CLUSTER', 'NOSUCH'], ['CLUSTER', 'INFO', 'x'], ['CLUSTER', 'KEYSLOT'],
    ],
  },
  {
    name: 'READONLY, READWRITE, ASKING',
    steps: [['READONLY'], ['READWRITE'], ['ASKING'], ['READONLY', 'x'], ['asking']],
  },
  {
    name: 'ROLE',
    steps: [['ROLE'], ['role'], ['ROLE', 'x']],
  },
  {
    name: 'WAIT without replicas',
    steps: [
      ['WAIT', '0', '0'], ['WAIT', '-1', '0'], ['WAIT', '0', '100'], ['WAIT', '1', '10'], ['WAIT', 'x', '0'], ['WAIT', '0', '-1'],
      ['WAIT', '0', 'x'], ['WAIT', '0', '1.5'], ['WAIT', '0'], ['MULTI'], ['WAIT', '5', '0'], ['WAIT', '0', '0'], ['EXEC'],
    ],
  },
  {
    name: 'REPLICAOF / SLAVEOF NO ONE and their errors',
    steps: [
      ['REPLICAOF', 'NO', 'ONE'], ['SLAVEOF', 'no', 'one'], ['REPLICAOF', 'NO'], ['REPLICAOF', 'a', 'b'], ['REPLICAOF', 'a', '-1'],
      ['REPLICAOF', 'a', '65536'], ['REPLICAOF', 'NO', 'TWO'], ['SLAVEOF', 'x', 'y'],
    ],
  },
  {
    name: 'FAILOVER without replicas',
    steps: [
      ['FAILOVER'], ['FAILOVER', 'ABORT'], ['FAILOVER', 'TO', '127.0.0.1', '1'], ['FAILOVER', 'x'], ['FAILOVER', 'TO'],
      ['FAILOVER', 'TIMEOUT', '-1'], ['FAILOVER', 'TIMEOUT', '0'], ['FAILOVER', 'FORCE'], ['FAILOVER', 'TIMEOUT', '10', 'FORCE'],
      ['FAILOVER', 'TO', 'h', '1', 'FORCE'], ['FAILOVER', 'TO', 'h', 'x'], ['FAILOVER', 'ABORT', 'TIMEOUT', '5'],
      ['FAILOVER', 'TO', 'h', '1', 'TO', 'h', '2'], ['FAILOVER', 'TIMEOUT', 'x'], ['FAILOVER', 'FORCE', 'FORCE'],
      ['FAILOVER', 'TIMEOUT', '5', 'TIMEOUT', '6'],
    ],
  },
  {
    name: 'LOLWUT',
    steps: [
      ['LOLWUT'], ['LOLWUT', 'VERSION'], ['LOLWUT', 'foo'], ['LOLWUT', 'VERSION', 'x'], ['LOLWUT', 'VERSION', '7', 'a'],
      { cmd: ['LOLWUT', 'VERSION', '4294967301'], compare: 'shape' }, ['LOLWUT', 'version', '1'],
      ['LOLWUT', 'VERSION', '5', '1', '1', '1'], ['LOLWUT', 'VERSION', '5', '10', '2', '2'], ['LOLWUT', 'VERSION', '5', '40', '8', '2'],
      ['LOLWUT', 'VERSION', '5', '66', '8', '1'], ['LOLWUT', 'VERSION', '5', '-5', '0', '0'], ['LOLWUT', 'VERSION', '5', '3000', '300', '1'],
      ['LOLWUT', 'VERSION', '5', 'x'], ['LOLWUT', 'VERSION', '5', '1', 'x'], ['LOLWUT', 'VERSION', '5', '1', '1', 'x'],
      { cmd: ['LOLWUT', 'VERSION', '5'], compare: 'shape' },
    ],
  },
];

runScenarios('server: CLUSTER, replication, LOLWUT', options, scenarios);

/** CLIENT INFO reduced to its flags. */
const clientFlags: Compare = { normalize: (text) => / flags=\S+/.exec(text)?.[0] ?? text };
const valkeyScenarios: Scenario[] = [
  {
    name: 'READONLY and READWRITE set and clear the r flag of a standalone server\'s client; ASKING is refused',
    steps: [
      ['READONLY'], { cmd: ['CLIENT', 'INFO'], compare: clientFlags }, ['READWRITE'], { cmd: ['CLIENT', 'INFO'], compare: clientFlags },
      ['ASKING'], ['READONLY', 'x'], ['readwrite', 'x'], ['CLUSTER', 'INFO'],
    ],
  },
];
for (const version of ['8.0', '8.1', '9.1']) {
  const profile = serverProfile('valkey', version);
  runReferenceScenarios(referenceEnv('valkey', version), `server: READONLY on a standalone Valkey ${version}`, {
    createServer: (config) => serverForConformance(config, undefined, profile),
  }, valkeyScenarios);
}
