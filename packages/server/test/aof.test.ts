import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisServerAvailable } from '@fakeredis/tooling/conformance';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, freePort, ready, run } from './helpers.js';

beforeAll(() => buildCli(), 120_000);


describe('fakeredis-server with appendonly yes', () => {
  it('creates the AOF at start, appends every write, and loads it at the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-cli-aof-'));
    const port = await freePort();
    const first = run(['--port', String(port), '--dir', dir, '--appendonly', 'yes', '--save', '']);
    await ready(first);
    expect(first.stdout()).toContain('Creating AOF base file appendonly.aof.1.base.rdb on server start');
    expect(first.stdout()).toContain('Creating AOF incr file appendonly.aof.1.incr.aof on server start');
    expect(first.stdout()).not.toContain('does not act on');
    await cli(port, 'SET', 'a', 'kept');
    await cli(port, 'RPUSH', 'l', 'x', 'y');
    await cli(port, 'SET', 'e', 'v', 'EX', '1000');
    expect(readdirSync(join(dir, 'appendonlydir')).sort()).toEqual(['appendonly.aof.1.base.rdb', 'appendonly.aof.1.incr.aof', 'appendonly.aof.manifest']);
    expect(readFileSync(join(dir, 'appendonlydir', 'appendonly.aof.1.incr.aof'), 'latin1')).toContain('$3\r\nSET\r\n$1\r\ne\r\n$1\r\nv\r\n$4\r\nPXAT\r\n');
    // SHUTDOWN syncs the AOF; no RDB snapshot without save points.
    await cli(port, 'SHUTDOWN');
    expect(await first.exited).toBe(0);
    expect(first.stdout()).toContain('Calling fsync() on the AOF file.');
    const second = run(['--port', String(port), '--dir', dir, '--appendonly', 'yes', '--save', '']);
    await ready(second);
    expect(second.stdout()).toContain('DB loaded from incr file appendonly.aof.1.incr.aof');
    expect(second.stdout()).toContain('Opening AOF incr file appendonly.aof.1.incr.aof on server start');
    expect(await cli(port, 'GET', 'a')).toBe('kept\n');
    expect(await cli(port, 'LRANGE', 'l', '0', '-1')).toBe('x\ny\n');
    expect(await cli(port, 'BGREWRITEAOF')).toBe('Background append only file rewriting started\n');
    await cli(port, 'SHUTDOWN', 'NOSAVE');
    expect(await second.exited).toBe(0);
  });

  it.skipIf(!redisServerAvailable())("redis-server 7.0 starts from fakeredis-server's AOF directory, and the reverse", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-cli-aof-'));
    const port = await freePort();
    const fake = run(['--port', String(port), '--dir', dir, '--appendonly', 'yes', '--save', '', '--enable-debug-command', 'yes']);
    await ready(fake);
    await cli(port, 'SET', 'from', 'fake');
    await cli(port, 'HSET', 'h', 'f', 'v');
    const digest = await cli(port, 'DEBUG', 'DIGEST');
    await cli(port, 'SHUTDOWN');
    await fake.exited;
    const realPort = await freePort();
    const real = run(['--port', String(realPort), '--dir', dir, '--appendonly', 'yes', '--save', '', '--enable-debug-command', 'yes'], 'redis-server', []);
    await ready(real);
    expect(await cli(realPort, 'DEBUG', 'DIGEST')).toBe(digest);
    await cli(realPort, 'SET', 'from', 'redis');
    await cli(realPort, 'BGREWRITEAOF');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await cli(realPort, 'ZADD', 'z', '1', 'a');
    const realDigest = await cli(realPort, 'DEBUG', 'DIGEST');
    await cli(realPort, 'SHUTDOWN');
    await real.exited;
    const again = run(['--port', String(port), '--dir', dir, '--appendonly', 'yes', '--save', '', '--enable-debug-command', 'yes']);
    await ready(again);
    expect(await cli(port, 'DEBUG', 'DIGEST')).toBe(realDigest);
    expect(await cli(port, 'GET', 'from')).toBe('redis\n');
    await cli(port, 'SHUTDOWN', 'NOSAVE');
    await again.exited;
  });
});
