import { resolve } from 'node:path';
import { describeEventReadme } from '@fakeredis/tooling/conformance';
import { eventSections } from './rows.js';

// The README's keyspace event table, generated from ./rows.ts (FAKEREDIS_WRITE_EVENTS=1 rewrites it).
describeEventReadme(resolve(__dirname, '../../README.md'), eventSections);
