import { coreMixins, FakeServer } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import type { ConformanceOptions } from '@fakeredis/tooling/conformance';
import { PubSubCommands } from '../../src/index.js';

/** Core's mixins, strings (for keys and their keyspace events) and pub/sub. */
export const mixins = [...coreMixins, StringCommands, PubSubCommands];

export const options: ConformanceOptions = {
  createServer: (config) => new FakeServer({ mixins, config }),
};

export const bin = (...bytes: number[]): Buffer => Buffer.from(bytes);
