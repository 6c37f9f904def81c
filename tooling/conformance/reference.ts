import { existsSync } from 'node:fs';
import type { ServerType } from '@fakeredis/core';
import { redisServerVersion } from './real-server.js';
import { type ConformanceOptions, describeScenarios, type Scenario } from './runner.js';

/**
 * Reference servers: scenarios of a later version (or another server type) run against a
 * binary built locally, never committed, named by an environment variable
 * `FAKEREDIS_<TYPE>_<MAJOR>_<MINOR>` (FAKEREDIS_REDIS_7_2=/tmp/ref/7.2.4/redis-server).
 * Without the variable the suite is skipped, under CI too: CI compares with Debian's 7.0.15.
 */
export function referenceEnv(serverType: ServerType, version: string): string {
  const [major, minor] = version.split('.');
  return `FAKEREDIS_${serverType.toUpperCase()}_${major}_${minor ?? '0'}`;
}

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
