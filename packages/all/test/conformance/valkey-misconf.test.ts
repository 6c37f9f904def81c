import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { persistenceState } from '@fakeredis/core';
import { connectReal, startRealServer, type Wire } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { describe, expect, it } from 'vitest';
import { FakeServer } from '../../src/index.js';

// A failed background save refuses writes with MISCONF, naming the server as it names
// itself: against a valkey-server 8.0.1 build (FAKEREDIS_VALKEY_8_0), skipped without one.
// The save fails because its directory was removed after `dir` was set.
const binary = referenceBinary(referenceEnv('valkey', '8.0'));

const text = (w: Wire): string => ('v' in w ? String(w.v) : w.t);

describe.skipIf(binary === undefined)('MISCONF after a failed BGSAVE (conformance vs FAKEREDIS_VALKEY_8_0)', () => {
  it('names Valkey, and Redis under extended-redis-compatibility', async () => {
    const realDir = mkdtempSync(join(tmpdir(), 'fakeredis-misconf-real-'));
    const fakeDir = mkdtempSync(join(tmpdir(), 'fakeredis-misconf-fake-'));
    // dir is a protected parameter: both start with it.
    const real = await startRealServer(['--dir', realDir, '--save', '900 1'], binary);
    const { conn, close } = await connectReal(real.port);
    const fake = new FakeServer({ serverType: 'valkey', version: '8.0', config: { dir: fakeDir, save: '900 1' } });
    try {
      rmSync(realDir, { recursive: true });
      rmSync(fakeDir, { recursive: true });
      await conn.send(['BGSAVE']);
      fake.command('BGSAVE');
      await persistenceState(fake).pending;
      for (let i = 0; i < 100; i++) {
        const info = text(await conn.send(['INFO', 'persistence']));
        if (info.includes('rdb_last_bgsave_status:err') && info.includes('rdb_bgsave_in_progress:0')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const fakeError = (): string => {
        try {
          fake.command('SET', 'k', 'v');
          return 'OK';
        } catch (error) {
          return (error as Error).message;
        }
      };
      const realSet = await conn.send(['SET', 'k', 'v']);
      expect(realSet.t).toBe('error');
      expect(fakeError()).toBe(text(realSet));
      expect(text(realSet)).toMatch(/^MISCONF Valkey is configured .* Please check the Valkey logs /);
      await conn.send(['CONFIG', 'SET', 'extended-redis-compatibility', 'yes']);
      fake.command('CONFIG', 'SET', 'extended-redis-compatibility', 'yes');
      const compatSet = await conn.send(['SET', 'k', 'v']);
      expect(fakeError()).toBe(text(compatSet));
      expect(text(compatSet)).toMatch(/^MISCONF Redis is configured /);
    } finally {
      close();
      fake.close();
      await real.stop();
    }
  });
});
