import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { keyspaceServer } from '../keyspace/fixtures.js';

// Each side writes its own file: the fake into a fresh directory, redis-server (dir /tmp)
// under a name no other suite uses.
const dir = mkdtempSync(join(tmpdir(), 'fakeredis-rdb-'));
const options = {
  createServer: (config: Record<string, string>) => keyspaceServer({ config: { ...config, dir } }),
  realServerArgs: ['--dbfilename', `fakeredis-persistence-${process.pid}.rdb`],
};

/** Only whether a background save runs (the rest are each server's counters). */
const inProgress = (text: string): string => /rdb_bgsave_in_progress:\d/.exec(text)?.[0] ?? text;

const scenarios: Scenario[] = [
  {
    name: 'SAVE, BGSAVE and their argument errors',
    steps: [
      ['SET', 'a', '1'], ['SAVE'], ['SAVE', 'x'], ['BGSAVE', 'foo'], ['BGSAVE', 'SCHEDULE', 'x'], { sleep: 300 },
      ['BGSAVE', 'SCHEDULE'], { sleep: 300 }, ['BGSAVE'], { sleep: 300 },
    ],
  },
  {
    name: 'BGSAVE in a transaction is scheduled; SAVE is refused there',
    steps: [['MULTI'], ['BGSAVE'], ['BGSAVE', 'SCHEDULE'], ['EXEC'], { sleep: 1200 }, ['MULTI'], ['SAVE'], ['EXEC']],
  },
  {
    name: 'SAVE resets the changes counted since the last save',
    steps: [
      // The real server is shared by the scenarios: its counters of earlier saves and
      // changes differ, so only what SAVE resets is compared.
      ['SET', 'a', '1'], ['SET', 'b', '2'], ['SAVE'],
      { cmd: ['INFO', 'persistence'], compare: { normalize: (text) => text.replace(/^(rdb_last_save_time|rdb_saves|rdb_last_bgsave_time_sec|rdb_last_cow_size):.*$/gm, '$1:-') } },
    ],
  },
  {
    name: 'DEBUG RELOAD keeps strings, lists, sorted sets, expiry and databases',
    steps: [
      ['SET', 's', 'hello'], ['SET', 'n', '12345'], ['SET', 'big', 'x'.repeat(100)], ['PEXPIRE', 's', '100000'],
      ['RPUSH', 'l', 'a', 'b', '1'], ['ZADD', 'z', '1', 'm', '2.5', 'n'], ['SELECT', '3'], ['SET', 'other', 'db'], ['SELECT', '0'],
      ['DEBUG', 'RELOAD'], ['GET', 's'], ['GET', 'n'], ['GET', 'big'], ['LRANGE', 'l', '0', '-1'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
      { cmd: ['PTTL', 's'], compare: 'shape' }, ['OBJECT', 'ENCODING', 'n'], ['DBSIZE'], ['SELECT', '3'], ['GET', 'other'],
    ],
  },
  {
    name: 'DEBUG RELOAD options',
    steps: [
      ['SET', 'a', '1'], ['DEBUG', 'RELOAD', 'FOO'], ['DEBUG', 'RELOAD', 'NOSAVE'], ['GET', 'a'], ['SET', 'b', '2'],
      ['SAVE'], ['SET', 'c', '3'], ['DEBUG', 'RELOAD', 'NOSAVE'], ['EXISTS', 'a', 'b', 'c'],
      ['SET', 'd', '4'], ['DEBUG', 'RELOAD', 'NOSAVE', 'NOFLUSH', 'MERGE'], ['EXISTS', 'a', 'b', 'c', 'd'],
    ],
  },
  {
    // (The fixtures' SET emits no events: lists and sorted sets are the real modules.)
    name: 'DEBUG RELOAD loads keys without keyspace events',
    steps: [['ZADD', 'z', '1', 'a'], ['RPUSH', 'l', 'x'], ['DEBUG', 'RELOAD'], ['LRANGE', 'l', '0', '-1'], ['DEBUG', 'RELOAD', 'NOSAVE']],
    events: 'KEAn',
  },
  {
    name: 'a BGSAVE in progress (rdb-key-save-delay) refuses BGSAVE, BGSAVE SCHEDULE and SAVE',
    steps: [
      ['CONFIG', 'SET', 'rdb-key-save-delay', '1000000'], ['RPUSH', 'l', 'a'], ['BGSAVE'], { sleep: 100 },
      ['BGSAVE'], ['BGSAVE', 'SCHEDULE'], ['SAVE'],
      { cmd: ['INFO', 'persistence'], compare: { normalize: inProgress } },
      { sleep: 1500 },
      { cmd: ['INFO', 'persistence'], compare: { normalize: inProgress } },
      ['CONFIG', 'SET', 'rdb-key-save-delay', '0'],
    ],
    protocols: [2],
  },
];

runScenarios('RDB persistence', options, scenarios);
