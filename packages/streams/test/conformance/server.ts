import { coreMixins, FakeServer, serverProfile } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { type ConformanceOptions, runScenarios, type Scenario, withStartConfig } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { StreamCommands } from '../../src/index.js';

/** Core, streams, and strings (to hold keys of another type for WRONGTYPE). */
export const mixins = [...coreMixins, StreamCommands, StringCommands];

/** A fake of Redis `version` (7.0 by default) for the conformance runner. */
export const optionsFor = (version = '7.0'): ConformanceOptions => ({
  createServer: (config) => new FakeServer({ mixins, config, profile: serverProfile('redis', version) }),
});

export const options: ConformanceOptions = optionsFor();

/** Options for a suite whose real and fake servers both start with extra configuration. */
export const optionsWith = (extra: Record<string, string>, version?: string): ConformanceOptions => withStartConfig(optionsFor(version), extra);

/** Later versions the streams scenarios also run against, when a reference binary is named (FAKEREDIS_REDIS_7_2 ... FAKEREDIS_REDIS_8_6). */
export const LATER_VERSIONS = ['7.2', '7.4', '8.0', '8.6'] as const;

/**
 * Runs scenarios against redis-server 7.0 and against each later version's reference
 * binary when its variable names one; the fake then emulates that version. Behaviour that
 * changed with a version is in the scenarios as it is: the fake must answer as each server.
 */
export function runAllVersions(suite: string, scenarios: Scenario[], extra?: Record<string, string>): void {
  runScenarios(suite, extra === undefined ? options : optionsWith(extra), scenarios);
  for (const version of LATER_VERSIONS) runOn(version, suite, scenarios, extra);
}

/** Scenarios against one later version's reference binary only (behaviour 7.0 does not have). */
export function runOn(version: string, suite: string, scenarios: Scenario[], extra?: Record<string, string>): void {
  const versionOptions = extra === undefined ? optionsFor(version) : optionsWith(extra, version);
  runReferenceScenarios(referenceEnv('redis', version), `${suite} (Redis ${version})`, versionOptions, scenarios);
}

export const bin = (...bytes: number[]): Buffer => Buffer.from(bytes);
