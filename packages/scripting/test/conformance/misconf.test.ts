import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeServer, persistenceState } from '@fakeredis/core';
import { type Arg, connectFake, connectReal, redisServerAvailable, showWire, startRealServer } from '@fakeredis/tooling/conformance';
import { describe, expect, it } from 'vitest';
import { mixins } from './server.js';

// After a failed BGSAVE (stop-writes-on-bgsave-error), the dispatcher refuses a script that
// may write by its declared flags; one queued in MULTI before its script or function was
// loaded passes EXEC (judged by the flags of queueing time) and is refused as it starts
// (scriptPrepareForRun: "Writable scripts are blocked"), before the OOM and *_ro checks.
// The save fails because its directory was removed after `dir` was set.
const SCRIPT = '#!lua\nreturn 1';
const sha = createHash('sha1').update(SCRIPT).digest('hex');
const LIB = "#!lua name=late\nredis.register_function('f', function() return 1 end)";

type Step = { conn: 'a' | 'b'; cmd: Arg[] };
const a = (...cmd: Arg[]): Step => ({ conn: 'a', cmd });
const b = (...cmd: Arg[]): Step => ({ conn: 'b', cmd });
const BEFORE: Step[] = [a('MULTI'), a('EVALSHA', sha, '0'), a('FCALL', 'f', '0'), a('EVAL', '#!lua flags=no-writes\nreturn 2', '0'), b('SCRIPT', 'LOAD', SCRIPT), b('FUNCTION', 'LOAD', LIB)];
const AFTER: Step[] = [
  a('EXEC'),
  a('EVAL', SCRIPT, '0'), a('EVAL', 'return 1', '0'), a('FCALL', 'f', '0'), a('EVALSHA', sha, '0'), a('EVAL_RO', SCRIPT, '0'), a('FCALL_RO', 'f', '0'),
  a('MULTI'), a('EVAL_RO', 'return 1', '0'), a('EVALSHA_RO', sha, '0'), a('FCALL_RO', 'f', '0'), b('SCRIPT', 'FLUSH'), a('EXEC'),
  a('MULTI'), a('EVAL', 'return redis.call("SET", "k", "v")', '0'), a('EVAL', '#!lua flags=no-writes\nreturn redis.call("GET", "k")', '0'), a('EXEC'),
];

describe.skipIf(!redisServerAvailable())('scripts after a failed BGSAVE (conformance vs redis-server)', () => {
  it('a script queued before it was loaded is refused as it starts', async () => {
    const realDir = mkdtempSync(join(tmpdir(), 'fakeredis-script-misconf-real-'));
    const fakeDir = mkdtempSync(join(tmpdir(), 'fakeredis-script-misconf-fake-'));
    const real = await startRealServer(['--dir', realDir, '--save', '900 1']);
    const fake = new FakeServer({ mixins, config: { dir: fakeDir, save: '900 1' } });
    const realA = await connectReal(real.port);
    const realB = await connectReal(real.port);
    const fakeA = connectFake(fake);
    const fakeB = connectFake(fake);
    const run = async (steps: Step[], out: string[][]) => {
      for (const step of steps) {
        const [ra, rb] = [(step.conn === 'a' ? realA : realB).conn, (step.conn === 'a' ? fakeA : fakeB).conn];
        const [r, f] = [await ra.send(step.cmd), await rb.send(step.cmd)];
        out.push([`${step.cmd.join(' ')}`, showWire(r), showWire(f)]);
      }
    };
    try {
      const got: string[][] = [];
      await run(BEFORE, got);
      rmSync(realDir, { recursive: true });
      rmSync(fakeDir, { recursive: true });
      await realB.conn.send(['BGSAVE']);
      await fakeB.conn.send(['BGSAVE']);
      await persistenceState(fake).pending;
      for (let i = 0; i < 100; i++) {
        const info = await realB.conn.send(['INFO', 'persistence']);
        const text = 'v' in info ? String(info.v) : '';
        if (text.includes('rdb_last_bgsave_status:err') && text.includes('rdb_bgsave_in_progress:0')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await run(AFTER, got);
      const mismatches = got.filter(([, r, f]) => r !== f).map(([cmd, r, f]) => `${JSON.stringify(cmd)}\n  redis: ${r}\n  fake:  ${f}`);
      expect(mismatches.join('\n\n')).toBe('');
      // The case this checks: EXEC ran the queued scripts and they refused themselves.
      expect(got.find(([cmd]) => cmd === 'EXEC')?.[1]).toContain('Writable scripts are blocked');
    } finally {
      for (const c of [realA, realB, fakeA, fakeB]) c.close();
      fake.close();
      await real.stop();
    }
  });
});
