import { coreMixins, FakeServer } from '@fakeredis/core';
import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { PubSubCommands } from '@fakeredis/pubsub';
import { SetCommands } from '@fakeredis/sets';
import { StringCommands } from '@fakeredis/strings';
import { SortedSetCommands } from '@fakeredis/zsets';
import type { ConformanceOptions } from '@fakeredis/tooling/conformance';
import { FunctionCommands, ScriptingCommands } from '../../src/index.js';

/** Core, scripting, and the data types scripts call in these scenarios. */
export const mixins = [...coreMixins, ScriptingCommands, FunctionCommands, StringCommands, ListCommands, HashCommands, SetCommands, SortedSetCommands, PubSubCommands];

export const options: ConformanceOptions = {
  createServer: (config) => new FakeServer({ mixins, config }),
};

export const bin = (...bytes: number[]): Buffer => Buffer.from(bytes);
