import { coreMixins } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { describeEventTable } from '@fakeredis/tooling/conformance';
import { StreamCommands } from '../../src/index.js';
import { eventSections } from './rows.js';

// This package's keyspace event rows, each run against redis-server and the fake.
describeEventTable(eventSections, [...coreMixins, StreamCommands, StringCommands]);
