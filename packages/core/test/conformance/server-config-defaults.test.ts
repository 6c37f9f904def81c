import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectReal, redisServerAvailable, redisServerVersion, type Wire } from '@fakeredis/tooling/conformance';
import { describe, expect, it } from 'vitest';
import defaults from '../../src/config/defaults.redis-7.0.15.json' with { type: 'json' };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The probed defaults (src/config/defaults.redis-7.0.15.json) are what a fresh
 * redis-server started with no configuration prints for CONFIG GET *.
 */
describe.skipIf(!redisServerAvailable() || redisServerVersion() !== defaults.version)('probed config defaults are current', () => {
  it('match a fresh redis-server', async () => {
    const port = await freePort();
    const cwd = mkdtempSync(join(tmpdir(), 'fakeredis-defaults-'));
    const child = spawn('redis-server', ['--port', String(port)], { cwd, stdio: 'ignore' });
    try {
      let reply: Wire | undefined;
      for (let attempt = 0; attempt < 100 && !reply; attempt++) {
        try {
          const { conn, close } = await connectReal(port);
          reply = await conn.send(['CONFIG', 'GET', '*']);
          close();
        } catch {
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      const values: Record<string, string | null> = {};
      if (reply?.t === 'array') {
        for (let i = 0; i < reply.v.length; i += 2) values[(reply.v[i] as { v: string }).v] = (reply.v[i + 1] as { v: string }).v;
      }
      values.port = '6379';
      values.dir = null;
      expect(values).toEqual(defaults.parameters);
    } finally {
      child.kill('SIGKILL');
      rmSync(cwd, { recursive: true, force: true });
    }
  });
});
