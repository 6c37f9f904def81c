import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClusterCommands } from '@fakeredis/cluster';
import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { StringCommands } from '@fakeredis/strings';
import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { afterAll } from 'vitest';
import { coreMixins, FakeServer, overrideCommands, serverProfile, type ServerProfile } from '../../src/index.js';

/**
 * SORT's BY and GET patterns on a one-node cluster that serves every slot: refused in
 * cluster mode up to 7.2, from 7.4 (and Valkey 8) only when the keys a pattern forms may
 * hash to another slot than the sorted key's (patternHashSlot), GET # never from Redis 8.0
 * and Valkey 8.1. Each real server runs with
 * cluster-enabled in a directory of its own (its nodes.conf).
 */
const mixins = overrideCommands([...coreMixins, StringCommands, ListCommands, HashCommands], ClusterCommands);
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function clusterOptions(profile?: ServerProfile) {
  const dir = mkdtempSync(join(tmpdir(), 'fakeredis-sort-cluster-'));
  dirs.push(dir);
  return {
    createServer: (config: Record<string, string>) =>
      new FakeServer({ mixins, profile, config: { ...config, save: '', appendonly: 'no', 'protected-mode': 'no', logfile: '', 'cluster-enabled': 'yes' } }),
    realServerArgs: ['--cluster-enabled', 'yes', '--dir', dir],
  };
}

const slotsServed: Scenario['steps'] = [
  // The real server keeps its slots from one scenario to the next: its answer may be "busy".
  { cmd: ['CLUSTER', 'ADDSLOTSRANGE', '0', '16383'], compare: 'none' },
  // A master waits a moment before it declares its state ok (CLUSTER_WRITABLE_DELAY).
  { realUntil: ['CLUSTER', 'INFO'], until: /cluster_state:ok/ },
];

const scenarios: Scenario[] = [
  {
    name: 'SORT BY and GET patterns in cluster mode',
    steps: [
      ...slotsServed,
      ['RPUSH', '{l}x', '3', '1', '2'], ['MSET', '{l}w_1', '3', '{l}w_2', '2', '{l}w_3', '1', '{l}o_1', 'a', '{l}o_2', 'b', '{l}o_3', 'c'],
      ['HSET', '{l}h_1', 'f', 'z'], ['HSET', '{l}h_2', 'f', 'y'],
      ['SORT', '{l}x', 'BY', '{l}w_*'], ['SORT', '{l}x', 'BY', 'w_*'], ['SORT', '{l}x', 'BY', 'nosort'], ['SORT', '{l}x', 'BY', '{l}nosort'],
      ['SORT', '{l}x', 'GET', '#'], ['SORT', '{l}x', 'GET', '{l}o_*'], ['SORT', '{l}x', 'GET', 'o_*'], ['SORT', '{l}x', 'BY', '{l}h_*->f', 'GET', '{l}h_*->f', 'ALPHA'],
      ['SORT', '{l}x', 'GET', '{l}'], ['SORT', '{l}x', 'GET', 'l'], ['SORT', '{l}x', 'BY', '?{l}w_*'], ['SORT', '{l}x', 'BY', '{}{l}w_*'], ['SORT', '{l}x', 'BY', '\\{l}w_*'],
      ['SORT', '{l}x', 'BY', '{l}w_*', 'GET', 'o_*'], ['SORT', '{l}x', 'GET', '{l}o_*', 'BY', 'w_*'], ['SORT_RO', '{l}x', 'BY', '{l}w_*', 'GET', '{l}o_*'],
      ['SORT', '{l}x', 'BY', '{l}w_*', 'GET', '#', 'STORE', '{l}dst'], ['LRANGE', '{l}dst', '0', '-1'], ['SORT', '{l}x', 'LIMIT', '0', 'x', 'GET', 'o_*'],
      ['SORT', 'x{l}', 'BY', '{l}*'], ['SORT', 'nokey', 'GET', 'nokey'], ['SORT', 'nokey', 'GET', 'nokey*'],
    ],
  },
];

runScenarios('keyspace: SORT in cluster mode', clusterOptions(), scenarios);
for (const [serverType, version] of [['redis', '7.2'], ['redis', '7.4'], ['redis', '8.0'], ['redis', '8.6'], ['valkey', '8.0'], ['valkey', '8.1'], ['valkey', '9.1']] as const) {
  runReferenceScenarios(referenceEnv(serverType, version), `keyspace: SORT in cluster mode (${serverType} ${version})`, clusterOptions(serverProfile(serverType, version)), scenarios);
}
