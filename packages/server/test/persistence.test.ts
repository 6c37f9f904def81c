import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisServerAvailable } from '@fakeredis/tooling/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, freePort, ready, run } from './helpers.js';

beforeAll(() => buildCli(), 120_000);


describe('fakeredis-server persistence', () => {
  it('saves on SIGTERM with save points and loads the file at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-cli-rdb-'));
    const port = await freePort();
    const first = run(['--port', String(port), '--dir', dir]);
    await ready(first);
    await cli(port, 'SET', 'a', 'kept');
    await cli(port, 'RPUSH', 'l', 'x', 'y');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toContain('Saving the final RDB snapshot before exiting.');
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(true);
    const second = run(['--port', String(port), '--dir', dir]);
    await ready(second);
    expect(second.stdout()).toContain('Done loading RDB, keys loaded: 2, keys expired: 0.');
    expect(await cli(port, 'GET', 'a')).toBe('kept\n');
    expect(await cli(port, 'LRANGE', 'l', '0', '-1')).toBe('x\ny\n');
    await cli(port, 'SHUTDOWN', 'NOSAVE');
    expect(await second.exited).toBe(0);
  });

  it('without save points a SIGTERM saves nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-cli-rdb-'));
    const port = await freePort();
    const r = run(['--port', String(port), '--dir', dir, '--save', '']);
    await ready(r);
    await cli(port, 'SET', 'a', '1');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    expect(existsSync(join(dir, 'dump.rdb'))).toBe(false);
  });

  it('a damaged dump.rdb ends the start with Redis\'s error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-cli-rdb-'));
    writeFileSync(join(dir, 'dump.rdb'), Buffer.from('REDIS0010\xfa\x09redis-ver', 'latin1'));
    const r = run(['--port', String(await freePort()), '--dir', dir]);
    expect(await r.exited).toBe(1);
    expect(r.stdout()).toContain('Short read or OOM loading DB. Unrecoverable error, aborting now.');
  });

  it.skipIf(!redisServerAvailable())("loads a dump.rdb written by redis-server 7.0, and redis-server loads the fake's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-cli-rdb-'));
    const realPort = await freePort();
    const real = run(['--port', String(realPort), '--dir', dir, '--save', ''], 'redis-server', []);
    await ready(real);
    await cli(realPort, 'SET', 'from', 'redis');
    await cli(realPort, 'ZADD', 'z', '1', 'a', '2', 'b');
    await cli(realPort, 'SHUTDOWN', 'SAVE');
    await real.exited;
    const port = await freePort();
    const fake = run(['--port', String(port), '--dir', dir]);
    await ready(fake);
    expect(await cli(port, 'GET', 'from')).toBe('redis\n');
    expect(await cli(port, 'ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toBe('a\n1\nb\n2\n');
    await cli(port, 'SET', 'from', 'fake');
    await cli(port, 'SHUTDOWN', 'SAVE');
    await fake.exited;
    const again = run(['--port', String(realPort), '--dir', dir, '--save', ''], 'redis-server', []);
    await ready(again);
    expect(await cli(realPort, 'GET', 'from')).toBe('fake\n');
    expect(await cli(realPort, 'ZSCORE', 'z', 'b')).toBe('2\n');
    await cli(realPort, 'SHUTDOWN', 'NOSAVE');
    await again.exited;
  });

  it('a server killed during BGSAVE leaves the last complete dump.rdb, which loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-cli-rdb-'));
    const port = await freePort();
    const first = run(['--port', String(port), '--dir', dir, '--enable-debug-command', 'yes']);
    await ready(first);
    await cli(port, 'SET', 'before', '1');
    await cli(port, 'SAVE');
    const saved = readFileSync(join(dir, 'dump.rdb'));
    await cli(port, 'DEBUG', 'POPULATE', '200000');
    await cli(port, 'BGSAVE');
    first.child.kill('SIGKILL');
    await first.exited;
    // Either the old file or the new one, whole: never a partial file under the name.
    const now = readFileSync(join(dir, 'dump.rdb'));
    expect(now.equals(saved) || now.length > 1_000_000).toBe(true);
    const second = run(['--port', String(port), '--dir', dir]);
    await ready(second);
    expect(await cli(port, 'GET', 'before')).toBe('1\n');
    await cli(port, 'SHUTDOWN', 'NOSAVE');
    await second.exited;
  });
});
