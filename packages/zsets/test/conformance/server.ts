import { coreMixins, FakeServer } from '@fakeredis/core';
import { ListCommands } from '@fakeredis/lists';
import { SetCommands } from '@fakeredis/sets';
import { StringCommands } from '@fakeredis/strings';
import { type ConformanceOptions, withStartConfig } from '@fakeredis/tooling/conformance';
import { SortedSetCommands } from '../../src/index.js';

/** Core, zsets, sets (plain sets as ZUNION inputs), strings and lists (keys of other types). */
export const mixins = [...coreMixins, SortedSetCommands, SetCommands, StringCommands, ListCommands];

export const options: ConformanceOptions = {
  createServer: (config) => new FakeServer({ mixins, config }),
};

/** Options for a suite whose real and fake servers both start with extra configuration. */
export const optionsWith = (extra: Record<string, string>): ConformanceOptions => withStartConfig(options, extra);

export const bin = (...bytes: number[]): Buffer => Buffer.from(bytes);

/** ZADD arguments for `n` members "prefix0".. with scores 0..n-1. */
export const pairs = (n: number, prefix = 'm'): string[] => Array.from({ length: n }, (_, i) => [String(i), `${prefix}${i}`]).flat();
