import { coreMixins, FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { type ConformanceOptions, withStartConfig } from '@fakeredis/tooling/conformance';
import { ListCommands } from '../../src/index.js';

/** Core, lists, and strings (to hold keys of another type for WRONGTYPE). */
export const mixins = [...coreMixins, ListCommands, StringCommands];

export const options: ConformanceOptions = {
  createServer: (config) => new FakeServer({ mixins, config }),
};

/** Options for a suite whose real and fake servers both start with extra configuration. */
export const optionsWith = (extra: Record<string, string>): ConformanceOptions => withStartConfig(options, extra);

export const bin = (...bytes: number[]): Buffer => Buffer.from(bytes);

/** `n` elements "prefix0" .. "prefix{n-1}". */
export const seq = (n: number, prefix = 'e'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
