import { coreMixins, FakeServer, serverProfile } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { type ConformanceOptions, runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { REDISTIMESERIES_ENV, referenceBinary, referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { describe, it } from 'vitest';
import { TimeSeriesCommands } from '../../src/timeseries/index.js';

/** Core, TimeSeries, and strings (to hold keys of another type for WRONGTYPE). */
export const tsMixins = [...coreMixins, TimeSeriesCommands, StringCommands];

const optionsFor = (module: string, version = '7.0'): ConformanceOptions => ({
  createServer: (config) => new FakeServer({ mixins: tsMixins, config, profile: serverProfile('redis', version) }),
  // Its own RDB file name: a dump.rdb another server left in /tmp (a newer RDB version) would stop it starting.
  realServerArgs: ['--loadmodule', module, '--dbfilename', `timeseries-${process.pid}.rdb`],
});

/**
 * Runs the scenarios against redis-server with redistimeseries.so loaded (7.0.15, and 7.4
 * when FAKEREDIS_REDIS_7_4 names a binary); skipped unless FAKEREDIS_REDISTIMESERIES names
 * a redistimeseries.so built from RedisTimeSeries' source (never committed).
 */
export function runTimeSeriesScenarios(suite: string, scenarios: Scenario[]): void {
  const module = referenceBinary(REDISTIMESERIES_ENV);
  if (module === undefined) {
    describe.skip(`${suite} (needs ${REDISTIMESERIES_ENV})`, () => {
      it('skipped', () => {});
    });
    return;
  }
  runScenarios(`${suite} (RedisTimeSeries)`, optionsFor(module), scenarios);
  runReferenceScenarios(referenceEnv('redis', '7.4'), `${suite} (RedisTimeSeries, Redis 7.4)`, optionsFor(module, '7.4'), scenarios);
}
