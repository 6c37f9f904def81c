import { existsSync } from 'node:fs';
import type { ServerType } from '@fakeredis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisServerVersion, SHARED_START_CONFIG, startRealServer, type RealServer } from './real-server.js';
import { type ConformanceOptions, runScenario, type Scenario } from './runner.js';

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
  describe.skipIf(binary === undefined)(`${suite} (conformance vs ${env}${version === undefined ? '' : ` = ${version}`})`, () => {
    let real: RealServer;
    beforeAll(async () => {
      real = await startRealServer(options.realServerArgs, binary);
    });
    afterAll(async () => {
      await real?.stop();
    });
    for (const scenario of scenarios) {
      for (const protocol of scenario.protocols ?? [2, 3]) {
        it(`${scenario.name} [RESP${protocol}]`, async () => {
          const fake = options.createServer({ ...SHARED_START_CONFIG });
          try {
            const withEvents = scenario.events === undefined && options.events !== undefined ? { ...scenario, events: options.events } : scenario;
            const mismatches = await runScenario(withEvents, protocol, real.port, fake);
            expect(mismatches.join('\n\n')).toBe('');
          } finally {
            fake.close();
          }
        });
      }
    }
  });
}
