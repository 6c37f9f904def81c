import { existsSync } from 'node:fs';
import { type FakeServer, type ServerProfile, type ServerType, serverProfile } from '@fakeredis/core';
import { redisServerVersion } from './real-server.js';
import { type ConformanceOptions, describeScenarios, runScenarios, type Scenario } from './runner.js';

/**
 * Reference servers: scenarios of a later version (or another server type) run against a
 * binary built locally, never committed, named by an environment variable
 * `FAKEREDIS_<TYPE>_<MAJOR>_<MINOR>` (FAKEREDIS_REDIS_7_2=/tmp/ref/7.2.4/redis-server,
 * FAKEREDIS_VALKEY_8_0=/tmp/ref/valkey-8.0.1/valkey-server, FAKEREDIS_KEYDB_6_3=/tmp/ref/keydb-6.3.4/keydb-server).
 * Without the variable the suite is skipped, under CI too: CI compares with Debian's 7.0.15.
 * Known: FAKEREDIS_REDIS_7_2, _7_4, _8_0, _8_6; FAKEREDIS_VALKEY_8_0, _8_1, _9_1 (Valkey 8.1+
 * must be built with its bundled jemalloc's own 8-byte quantum: its defrag asserts it at
 * start); FAKEREDIS_KEYDB_6_3.
 */
export function referenceEnv(serverType: ServerType, version: string): string {
  const [major, minor] = version.split('.');
  return `FAKEREDIS_${serverType.toUpperCase()}_${major}_${minor ?? '0'}`;
}

/**
 * Redis modules built locally from their public source (never committed), loaded into the
 * reference servers by the stack scenarios: FAKEREDIS_REDISTIMESERIES names a
 * redistimeseries.so (RedisTimeSeries 1.12), as FAKEREDIS_REDISBLOOM names a redisbloom.so.
 */
export const REDISTIMESERIES_ENV = 'FAKEREDIS_REDISTIMESERIES';

/** The binary a reference variable names, when it names one that exists. */
export function referenceBinary(env: string): string | undefined {
  const binary = process.env[env];
  return binary !== undefined && binary !== '' && existsSync(binary) ? binary : undefined;
}

/**
 * runScenarios against the reference server `env` names: each scenario in RESP2 and RESP3,
 * every reply compared. `options.createServer` makes a fake of the same type and version.
 */
export function runReferenceScenarios(env: string, suite: string, options: ConformanceOptions, scenarios: Scenario[]): void {
  const binary = referenceBinary(env);
  const version = binary === undefined ? undefined : redisServerVersion(binary);
  describeScenarios(`${suite} (conformance vs ${env}${version === undefined ? '' : ` = ${version}`})`, binary === undefined, options, scenarios, binary);
}

/**
 * runScenarios against redis-server 7.0.15, then against each later Redis version whose
 * reference variable names a binary, with a fake of that version (`profile`). A version
 * may name another server type: "keydb 6.3" (FAKEREDIS_KEYDB_6_3), "valkey 8.0".
 */
export function runScenariosByVersion(
  suite: string,
  createServer: (config: Record<string, string>, profile?: ServerProfile) => FakeServer,
  scenarios: Scenario[],
  versions: readonly string[] = ['7.2', '7.4'],
): void {
  runScenarios(suite, { createServer: (config) => createServer(config) }, scenarios);
  for (const target of versions) {
    const [serverType, version] = (target.includes(' ') ? target.split(' ') : ['redis', target]) as [ServerType, string];
    const later = { createServer: (config: Record<string, string>) => createServer(config, serverProfile(serverType, version)) };
    const title = `${serverType === 'keydb' ? 'KeyDB' : serverType === 'valkey' ? 'Valkey' : 'Redis'} ${version}`;
    runReferenceScenarios(referenceEnv(serverType, version), `${suite} (${title})`, later, scenarios);
  }
}
