import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { pipeline, type Scenario } from '@fakeredis/tooling/conformance';
import { serverProfile } from '../src/index.js';
import { serverForConformance, serverMixins } from './server/fixtures.js';

// Valkey's transaction rules (MULTI and WATCH flagged no_multi, 9.0's text naming the command)
// and 8.1's BGSAVE CANCEL, against valkey-server binaries built locally (FAKEREDIS_VALKEY_8_0 /
// _8_1 / _9_1); a suite whose variable is unset is skipped.

const fake = (version: string) => (config: Record<string, string>) => serverForConformance(config, serverMixins, serverProfile('valkey', version));

/** Both servers save into a directory of their own (never /tmp itself). */
const dir = mkdtempSync(join(tmpdir(), 'fakeredis-valkey-bgsave-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const transactions: Scenario[] = [
  {
    name: 'MULTI and WATCH inside MULTI are refused and abort the transaction',
    steps: [
      ['MULTI'], ['MULTI'], ['SET', 'a', '1'], ['EXEC'], ['GET', 'a'], ['MULTI'], ['WATCH', 'x'], ['EXEC'],
      ['MULTI'], ['SAVE'], ['EXEC'], ['MULTI'], ['SHUTDOWN'], ['DISCARD'], ['MULTI'], ['CLIENT', 'REPLY', 'ON'], ['EXEC'], ['MULTI'], ['multi', 'x'], ['EXEC'],
    ],
  },
];

const bgsaveCancel: Scenario[] = [
  {
    name: 'BGSAVE CANCEL: a running save is killed, a scheduled one forgotten',
    steps: [
      ['CONFIG', 'SET', 'dir', dir, 'rdb-key-save-delay', '0'], ['BGSAVE', 'CANCEL'], ['BGSAVE', 'SCHEDULE', 'CANCEL'], ['BGSAVE', 'cancel', 'x'], ['BGSAVE', 'x'],
      ['SET', 'k', 'v'], ['CONFIG', 'SET', 'rdb-key-save-delay', '10000000'], ['BGSAVE'], ['BGSAVE'], ['BGSAVE', 'Cancel'],
      { realUntil: ['INFO', 'persistence'], until: /rdb_bgsave_in_progress:0/ }, ['BGSAVE', 'CANCEL'],
      pipeline(['MULTI'], ['BGSAVE'], ['EXEC'], ['BGSAVE', 'CANCEL'], ['BGSAVE', 'CANCEL']),
      ['CONFIG', 'SET', 'rdb-key-save-delay', '0'],
    ],
  },
];

/** 8.0 has no CANCEL (its running save could not be stopped between the RESP2 and RESP3 runs). */
const bgsave80: Scenario[] = [{ name: 'BGSAVE CANCEL is a syntax error before 8.1', steps: [['BGSAVE', 'CANCEL'], ['BGSAVE', 'SCHEDULE', 'CANCEL']] }];

runReferenceScenarios(referenceEnv('valkey', '8.0'), 'Valkey 8.0 transactions and BGSAVE', { createServer: fake('8.0') }, [...transactions, ...bgsave80]);
for (const version of ['8.1', '9.1']) {
  runReferenceScenarios(referenceEnv('valkey', version), `Valkey ${version} transactions and BGSAVE`, { createServer: fake(version) }, [...transactions, ...bgsaveCancel]);
}
