import { knownVersions } from '@fakeredis/core';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { redisServerAvailable } from '@fakeredis/tooling/conformance';
import { buildCli, buildDist, cliEnv, cliPath, freePort, packageRoot, redisCli } from './helpers.js';

const version = (JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

beforeAll(() => buildCli(), 120_000);

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[]): Running {
  // A fresh working directory each: a server saves dump.rdb there on SIGTERM, as redis-server does.
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: mkdtempSync(join(tmpdir(), 'fakeredis-cli-')), env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits for `line` in the log (each log line is its own write: a later one may not have arrived yet). */
async function listening(r: Running, line = 'Ready to accept connections'): Promise<void> {
  for (let i = 0; i < 400 && !r.stdout().includes(line); i++) {
    if (r.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!r.stdout().includes(line)) throw new Error(`CLI did not start: ${r.stderr()}`);
}

describe('fakeredis-server CLI', () => {
  it('prints its version and usage', async () => {
    const v = run(['--version']);
    expect(await v.exited).toBe(0);
    expect(v.stdout()).toBe(
      `fakeredis-server v=${version} (emulates redis ${knownVersions('redis').join(', ')}; valkey ${knownVersions('valkey').join(', ')}; keydb ${knownVersions('keydb').join(', ')})\n`,
    );
    // Usage goes to stderr with exit code 1, as redis-server's does.
    const h = run(['-h']);
    expect(await h.exited).toBe(1);
    expect(h.stderr()).toContain('Usage: fakeredis-server');
    if (redisServerAvailable()) expect(spawnSync('redis-server', ['--help']).status).toBe(1);
  });

  it('serves on the given port, applies config, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const sock = join(tmpdir(), `fakeredis-cli-72-${process.pid}.sock`);
    const r = run(['--port', String(port), '--requirepass', 'pw', '--server-version', '7.2', '--unixsocket', sock]);
    await listening(r);
    // Redis 7.2's start-up lines: notice level, and the listener's type after "Ready to accept connections".
    expect(r.stdout()).toContain(` * Redis version=7.2.4, bits=64, commit=fakeredis-${version}, modified=0, pid=${r.child.pid}, just started\n`);
    expect(r.stdout()).toContain(` * Ready to accept connections tcp\n`);
    expect(r.stdout()).toContain(` * Ready to accept connections unix\n`);
    expect((await redisCli(['-p', String(port), 'PING'])).stdout).toBe('NOAUTH Authentication required.\n\n'); // redis-cli adds a line after errors
    expect((await redisCli(['-p', String(port), '--no-auth-warning', '-a', 'pw', 'CONFIG', 'GET', 'port'])).stdout).toBe(`port\n${port}\n`);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('honours CONFIG SET loglevel at once, with the verbose lines of connections', async () => {
    const port = await freePort();
    const r = run(['--port', String(port)]);
    await listening(r);
    await redisCli(['-p', String(port), 'PING']);
    expect(r.stdout()).not.toContain(' - Accepted ');
    await redisCli(['-p', String(port), 'CONFIG', 'SET', 'loglevel', 'verbose']);
    await redisCli(['-p', String(port), 'PING']);
    for (let i = 0; i < 100 && !r.stdout().includes('cmd=ping'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.stdout()).toMatch(/:M \d\d \w{3} \d{4} [\d:.]+ - Accepted 127\.0\.0\.1:\d+\n/);
    expect(r.stdout()).toMatch(/:M [\d\w :.]+ - Client closed connection id=\d+ addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:\d+ .* cmd=ping user=default .*\n/);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('exits 0 on SIGINT', async () => {
    const port = await freePort();
    const r = run(['--port', String(port)]);
    await listening(r);
    r.child.kill('SIGINT');
    expect(await r.exited).toBe(0);
  });

  it('exits 0 on SHUTDOWN', async () => {
    const port = await freePort();
    const r = run(['--port', String(port)]);
    await listening(r);
    await redisCli(['-p', String(port), 'SHUTDOWN', 'NOSAVE']);
    expect(await r.exited).toBe(0);
  });

  it('serves a Unix socket and reads a configuration file', async () => {
    const dir = tmpdir();
    const path = join(dir, `fakeredis-cli-${process.pid}.sock`);
    const conf = join(dir, `fakeredis-cli-${process.pid}.conf`);
    const port = await freePort();
    writeFileSync(conf, `# test\nport 1\nunixsocket ${path}\ndatabases 2\n`);
    const r = run([conf, '--port', String(port)]);
    await listening(r, `The server is now ready to accept connections at ${path}`);
    expect(r.stdout()).toContain(` * The server is now ready to accept connections at ${path}\n`);
    expect((await redisCli(['-s', path, 'SELECT', '2'])).stdout).toBe('ERR DB index is out of range\n\n');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    rmSync(conf);
  });

  it('exits 1 with redis-server 7.2\'s message when the port is taken', async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    const r = run(['--port', String(port), '--server-version', '7.2']);
    expect(await r.exited).toBe(1);
    expect(r.stdout()).toContain(` # Failed listening on port ${port} (tcp), aborting.\n`);
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('runs from the package bin (a committed shim over dist/cli.mjs)', async () => {
    buildDist();
    const bin = join(packageRoot, 'bin', 'fakeredis-server.mjs');
    const pkg = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
    expect(join(packageRoot, pkg.bin['fakeredis-server'] as string)).toBe(bin);
    expect(pkg.files).toContain('bin');
    const result = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^fakeredis-server v=/);
  });

  it('accepts persistence flags as configuration, naming those it does not act on', async () => {
    const port = await freePort();
    const r = run(['--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dbfilename', 'x.rdb', '--appendfsync', 'always', '--aof-timestamp-enabled', 'yes']);
    await listening(r);
    expect(r.stderr()).toBe('');
    // The AOF's settings are acted on; its timestamp annotations are not.
    expect(r.stdout()).toContain(' # Warning: fakeredis accepts but does not act on: aof-timestamp-enabled\n');
    expect((await redisCli(['-p', String(port), 'CONFIG', 'GET', 'appendonly'])).stdout).toBe('appendonly\nno\n');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('exits 1 on a bad configuration value', async () => {
    const r = run(['--port', 'abc']);
    expect(await r.exited).toBe(1);
    expect(r.stderr()).toContain("argument couldn't be parsed into an integer");
  });

  it('refuses to run as Redis Sentinel', async () => {
    const r = run(['--sentinel']);
    expect(await r.exited).toBe(1);
    expect(r.stderr()).toBe('fakeredis-server does not emulate Redis Sentinel (--sentinel)\n');
  });
});
