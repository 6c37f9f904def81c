import { allMixins } from '@fakeredis/server';
import { describeEventTable } from '@fakeredis/tooling/conformance';
import { eventSections } from './rows.js';

// This package's keyspace event rows, each run against redis-server and the fake (all modules composed).
describeEventTable(eventSections, allMixins);
