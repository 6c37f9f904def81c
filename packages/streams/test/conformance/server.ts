import { coreMixins, FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { type ConformanceOptions, withStartConfig } from '@fakeredis/tooling/conformance';
import { StreamCommands } from '../../src/index.js';

/** Core, streams, and strings (to hold keys of another type for WRONGTYPE). */
export const mixins = [...coreMixins, StreamCommands, StringCommands];

export const options: ConformanceOptions = {
  createServer: (config) => new FakeServer({ mixins, config }),
};

/** Options for a suite whose real and fake servers both start with extra configuration. */
export const optionsWith = (extra: Record<string, string>): ConformanceOptions => withStartConfig(options, extra);

export const bin = (...bytes: number[]): Buffer => Buffer.from(bytes);
