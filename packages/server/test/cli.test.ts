import { knownVersions } from '@fakeredis/core';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { freePort, redisCli } from './helpers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.mjs');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** Newest modification time under a directory. */
function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

beforeAll(() => {
  // turbo builds dependencies before tests, not this package: build the CLI if stale.
  let built = 0;
  try {
    built = statSync(cli).mtimeMs;
  } catch {
    // not built yet
  }
  if (built < newest(join(root, 'src'))) {
    const tsdown = join(createRequire(join(root, 'package.json')).resolve('tsdown/package.json'), '..', 'dist', 'run.mjs');
    const result = spawnSync(process.execPath, [tsdown, '--log-level', 'warn'], { cwd: root, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`building the CLI failed: ${result.stderr}${result.stdout}`);
  }
}, 120_000);

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[]): Running {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

async function listening(r: Running): Promise<void> {
  for (let i = 0; i < 200 && !r.stdout().includes('listening on'); i++) {
    if (r.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!r.stdout().includes('listening on')) throw new Error(`CLI did not start: ${r.stderr()}`);
}

describe('fakeredis-server CLI', () => {
  it('prints its version and usage', async () => {
    const v = run(['--version']);
    expect(await v.exited).toBe(0);
    expect(v.stdout()).toBe(
      `fakeredis-server v=${version} (emulates redis ${knownVersions('redis').join(', ')}; valkey ${knownVersions('valkey').join(', ')})\n`,
    );
    const h = run(['-h']);
    expect(await h.exited).toBe(0);
    expect(h.stdout()).toContain('Usage: fakeredis-server');
  });

  it('serves on the given port, applies config, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const r = run(['--port', String(port), '--requirepass', 'pw', '--server-version', '7.2']);
    await listening(r);
    expect(r.stdout()).toBe(`fakeredis-server ${version} (redis 7.2.4) listening on 127.0.0.1:${port}\n`);
    expect((await redisCli(['-p', String(port), 'PING'])).stdout).toBe('NOAUTH Authentication required.\n\n'); // redis-cli adds a line after errors
    expect((await redisCli(['-p', String(port), '--no-auth-warning', '-a', 'pw', 'CONFIG', 'GET', 'port'])).stdout).toBe(`port\n${port}\n`);
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
    await listening(r);
    expect(r.stdout()).toContain(`listening on 127.0.0.1:${port}, ${path}`);
    expect((await redisCli(['-s', path, 'SELECT', '2'])).stdout).toBe('ERR DB index is out of range\n\n');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    rmSync(conf);
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const port = await freePort();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    const r = run(['--port', String(port)]);
    expect(await r.exited).toBe(1);
    expect(r.stderr()).toBe(`fakeredis-server: Could not create server listening socket 127.0.0.1:${port}: bind: Address already in use\n`);
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('runs from the package bin (a committed shim over dist/cli.mjs)', async () => {
    const bin = join(root, 'bin', 'fakeredis-server.mjs');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
    expect(join(root, pkg.bin['fakeredis-server'] as string)).toBe(bin);
    expect(pkg.files).toContain('bin');
    const result = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^fakeredis-server v=/);
  });

  it('accepts persistence and daemon flags as configuration, and acts on none of them', async () => {
    const port = await freePort();
    const r = run(['--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dbfilename', 'x.rdb']);
    await listening(r);
    expect(r.stderr()).toBe('');
    expect((await redisCli(['-p', String(port), 'CONFIG', 'GET', 'appendonly'])).stdout).toBe('appendonly\nno\n');
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
  });

  it('exits 1 on a bad configuration value', async () => {
    const r = run(['--port', 'abc']);
    expect(await r.exited).toBe(1);
    expect(r.stderr()).toContain("argument couldn't be parsed into an integer");
  });
});
