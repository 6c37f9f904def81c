import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { keyspaceServer } from '../keyspace/fixtures.js';

// BGREWRITEAOF, CONFIG SET appendonly and their INFO fields against redis-server 7.0.15.
// Each side writes into a temp directory of its own.
const dir = mkdtempSync(join(tmpdir(), 'fakeredis-aof-'));
const realDir = mkdtempSync(join(tmpdir(), 'fakeredis-aof-real-'));
const options = {
  createServer: (config: Record<string, string>) => keyspaceServer({ config: { ...config, dir } }),
  realServerArgs: ['--dir', realDir],
};

/** The AOF fields whose value does not depend on timing or sizes. */
const AOF_FIELDS = /^(aof_enabled|aof_rewrite_in_progress|aof_rewrite_scheduled|aof_last_bgrewrite_status|aof_last_write_status|aof_pending_rewrite|aof_buffer_length|aof_rewrites_consecutive_failures):.*$/;
const aofInfo = (text: string): string => text.split('\r\n').filter((line) => AOF_FIELDS.test(line)).join('\n');
const INFO = { cmd: ['INFO', 'persistence'], compare: { normalize: aofInfo } };

const scenarios: Scenario[] = [
  {
    name: 'BGREWRITEAOF and its errors; a second one while the first runs',
    steps: [
      ['SET', 'a', '1'], ['BGREWRITEAOF', 'x'], ['CONFIG', 'SET', 'rdb-key-save-delay', '1000000'], ['BGREWRITEAOF'], { sleep: 100 },
      INFO, ['BGREWRITEAOF'], ['CONFIG', 'SET', 'rdb-key-save-delay', '0'], { sleep: 1500 }, INFO,
    ],
    protocols: [2],
  },
  {
    name: 'BGREWRITEAOF in a transaction is scheduled, then runs',
    steps: [['MULTI'], ['BGREWRITEAOF'], ['EXEC'], { sleep: 1500 }, INFO],
    protocols: [2],
  },
  {
    name: 'BGREWRITEAOF while a BGSAVE runs is scheduled; BGSAVE while a rewrite runs is refused unless SCHEDULE',
    steps: [
      ['CONFIG', 'SET', 'rdb-key-save-delay', '1000000'], ['RPUSH', 'l', 'a'], ['BGSAVE'], { sleep: 100 }, ['BGREWRITEAOF'], INFO,
      ['CONFIG', 'SET', 'rdb-key-save-delay', '0'], { sleep: 2500 }, INFO,
      ['CONFIG', 'SET', 'rdb-key-save-delay', '1000000'], ['BGREWRITEAOF'], { sleep: 100 }, ['BGSAVE'], ['BGSAVE', 'SCHEDULE'], ['SAVE'],
      ['CONFIG', 'SET', 'rdb-key-save-delay', '0'], { sleep: 2500 }, INFO,
    ],
    protocols: [2],
  },
  {
    name: 'CONFIG SET appendonly yes starts the AOF with a rewrite; no stops it',
    steps: [
      INFO, ['CONFIG', 'SET', 'appendonly', 'yes'], { sleep: 1200 }, INFO, ['SET', 'k', 'v'], ['CONFIG', 'GET', 'appendonly'],
      ['CONFIG', 'SET', 'appendonly', 'yes'], ['CONFIG', 'SET', 'appendonly', 'no'], INFO, ['CONFIG', 'SET', 'appendonly', 'maybe'],
    ],
    protocols: [2],
  },
  {
    name: 'DEBUG LOADAOF reloads the dataset from the AOF files',
    steps: [
      ['CONFIG', 'SET', 'appendonly', 'yes'], { sleep: 1200 }, ['SET', 'k', 'v'], ['RPUSH', 'l', 'a', 'b'], ['SELECT', '2'], ['SET', 'other', '1'],
      ['DEBUG', 'LOADAOF'], ['GET', 'other'], ['SELECT', '0'], ['GET', 'k'], ['LRANGE', 'l', '0', '-1'], ['DBSIZE'], ['CONFIG', 'SET', 'appendonly', 'no'],
    ],
    protocols: [2],
  },
  {
    name: 'SHUTDOWN is refused while the first AOF is being written',
    steps: [
      ['CONFIG', 'SET', 'rdb-key-save-delay', '1000000'], ['SET', 'a', '1'], ['CONFIG', 'SET', 'appendonly', 'yes'], { sleep: 100 },
      ['SHUTDOWN'], INFO, ['CONFIG', 'SET', 'appendonly', 'no'], ['CONFIG', 'SET', 'rdb-key-save-delay', '0'], INFO,
    ],
    protocols: [2],
  },
  {
    name: 'appendfilename and appenddirname are immutable; appendfsync takes always, everysec, no',
    steps: [
      ['CONFIG', 'SET', 'appendfilename', 'x.aof'], ['CONFIG', 'SET', 'appenddirname', 'd'], ['CONFIG', 'SET', 'appendfsync', 'always'],
      ['CONFIG', 'SET', 'appendfsync', 'sometimes'], ['CONFIG', 'GET', 'appendfsync'], ['CONFIG', 'GET', 'appendfilename'], ['CONFIG', 'GET', 'appenddirname'],
      ['CONFIG', 'SET', 'appendfsync', 'everysec'], ['CONFIG', 'GET', 'auto-aof-rewrite-percentage'], ['CONFIG', 'GET', 'auto-aof-rewrite-min-size'],
      ['CONFIG', 'GET', 'aof-use-rdb-preamble'], ['CONFIG', 'GET', 'aof-load-truncated'],
    ],
  },
];

runScenarios('AOF', options, scenarios);
