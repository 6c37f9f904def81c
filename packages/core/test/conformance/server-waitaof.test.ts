import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { ScriptingCommands } from '@fakeredis/scripting';
import { afterAll } from 'vitest';
import { FakeServer, serverProfile } from '../../src/index.js';
import { serverMixins } from '../server/fixtures.js';

/**
 * WAITAOF (Redis 7.2+) on a server without replicas: answered at once, [local fsynced,
 * replicas acknowledged], with its argument errors, in MULTI and refused in scripts. The
 * real server turns appendonly on in a directory of its own, the fake in another.
 */
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const scenarios: Scenario[] = [
  {
    name: 'WAITAOF without replicas, appendonly off then on',
    steps: [
      ['WAITAOF', '0', '0', '0'], ['WAITAOF', '1', '0', '0'], ['WAITAOF', '0', '1', '10'], ['WAITAOF', 'x', '0', '0'], ['WAITAOF', '0', 'x', '0'],
      ['WAITAOF', '0', '0', 'x'], ['WAITAOF', '0', '0', '-1'], ['WAITAOF', '-1', '0', '0'], ['WAITAOF', '0', '-1', '0'], ['WAITAOF', '2', '0', '0'],
      ['WAITAOF', '0', '0'], ['WAITAOF', '1', 'x', '-1'], ['waitaof', '0', '0', '0', '0'],
      ['MULTI'], ['WAITAOF', '0', '1', '0'], ['WAITAOF', '1', '0', '0'], ['EXEC'],
      ['EVAL', 'return redis.call("WAITAOF", 0, 0, 0)', '0'],
      ['CONFIG', 'SET', 'appendonly', 'yes'], { realUntil: ['INFO', 'persistence'], until: /aof_rewrite_in_progress:0\r\n(?:.*\r\n)*?aof_last_bgrewrite_status:ok/ },
      { realUntil: ['INFO', 'persistence'], until: /aof_rewrite_scheduled:0/ },
      ['WAITAOF', '0', '0', '0'], ['WAITAOF', '1', '0', '0'], ['SET', 'k', 'v'], ['WAITAOF', '1', '0', '0'], ['WAITAOF', '1', '1', '10'], ['WAITAOF', '2', '0', '0'],
      ['MULTI'], ['SET', 'k', 'w'], ['WAITAOF', '1', '0', '0'], ['EXEC'],
      ['CONFIG', 'SET', 'appendonly', 'no'], ['WAITAOF', '1', '0', '0'], ['WAITAOF', '0', '0', '0'],
      // A replica refuses it after parsing (a master that cannot be reached makes one all the same).
      ['REPLICAOF', '127.0.0.1', '1'], ['WAITAOF', '0', '0', '0'], ['WAITAOF', '5', '0', '0'], ['WAITAOF', '0', '0', 'x'], ['REPLICAOF', 'NO', 'ONE'],
    ],
  },
];

for (const version of ['7.2', '7.4', '8.0', '8.6']) {
  const dir = mkdtempSync(join(tmpdir(), 'fakeredis-waitaof-'));
  const fakeDir = mkdtempSync(join(tmpdir(), 'fakeredis-waitaof-fake-'));
  dirs.push(dir, fakeDir);
  const profile = serverProfile('redis', version);
  runReferenceScenarios(referenceEnv('redis', version), `server: WAITAOF (Redis ${version})`, {
    // Not serverForConformance: its dir is /tmp, where the fake's AOF would stay.
    createServer: (config) =>
      new FakeServer({ mixins: [...serverMixins, ScriptingCommands], profile, config: { ...config, save: '', appendonly: 'no', logfile: '', dir: fakeDir } }),
    realServerArgs: ['--dir', dir],
  }, scenarios);
}
