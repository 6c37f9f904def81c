import { coreMixins, FakeServer } from '@fakeredis/core';
import { ListCommands } from '@fakeredis/lists';
import { type ConformanceOptions, withStartConfig } from '@fakeredis/tooling/conformance';
import { BitmapCommands, HyperLogLogCommands, StringCommands } from '../../src/index.js';

export const mixins = [...coreMixins, StringCommands, BitmapCommands, HyperLogLogCommands, ListCommands];

/** A fake with the core mixins and this package's, configured as the real server is. */
export const options: ConformanceOptions = {
  createServer: (config) => new FakeServer({ mixins, config }),
};

/** Options for a suite whose real and fake servers both start with extra configuration. */
export const optionsWith = (extra: Record<string, string>): ConformanceOptions => withStartConfig(options, extra);

export const bin = (...bytes: number[]): Buffer => Buffer.from(bytes);
