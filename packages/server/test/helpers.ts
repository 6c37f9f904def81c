import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
export { freePort } from '@fakeredis/tooling/conformance';

/** The package's root, and the CLI bundle the tests run as a child process. */
export const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = join(packageRoot, '..', '..');
// Outside dist/, which the package's own build empties.
export const cliPath = join(packageRoot, 'node_modules', '.cache', 'fakeredis-test-cli', 'cli.mjs');
/**
 * The bundle holds the workspace packages from their sources (other packages' dist/
 * folders may be stale or mid-rebuild); the Lua engine is still found at run time from
 * the scripting package, as an installed one finds it.
 */
export const cliEnv = { ...process.env, NODE_PATH: join(workspaceRoot, 'packages', 'scripting', 'node_modules') };

/** Newest modification time under a directory. */
function newest(dir: string): number {
  let time = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    time = Math.max(time, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return time;
}

const BUNDLE = `
import { build } from 'tsdown';
await build({
  cwd: process.cwd(), config: false, entry: { cli: 'src/cli.ts' }, outDir: 'OUT_DIR', format: ['esm'],
  dts: false, clean: false, sourcemap: false, logLevel: 'error', noExternal: [/^@fakeredis\\//],
  inputOptions: { resolve: { conditionNames: ['source', 'import', 'node', 'default'] } },
});`;

/** Bundles the CLI for the tests when a workspace source is newer than the bundle. */
export function buildCli(attempt = 1): void {
  let built = 0;
  try {
    built = statSync(cliPath).mtimeMs;
  } catch {
    // not built yet
  }
  const packages = join(workspaceRoot, 'packages');
  const sources = readdirSync(packages).map((name) => join(packages, name, 'src'));
  if (sources.every((src) => !existsSync(src) || newest(src) <= built)) return;
  // Built aside and moved into place, cli.mjs last: test files run side by side.
  const temp = join(dirname(cliPath), `tmp-${process.pid}`);
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', BUNDLE.replace("'OUT_DIR'", JSON.stringify(temp))], { cwd: packageRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bundling the CLI failed: ${result.stderr}${result.stdout}`);
  // A source caught mid-write by the build bundles to nothing: build again rather than run that.
  if (!readFileSync(join(temp, 'cli.mjs'), 'latin1').includes('Redis is starting')) {
    rmSync(temp, { recursive: true, force: true });
    if (attempt < 3) return buildCli(attempt + 1);
    throw new Error('bundling the CLI gave an empty bundle');
  }
  const files = readdirSync(temp).filter((file) => file !== 'cli.mjs');
  for (const file of [...files, 'cli.mjs']) renameSync(join(temp, file), join(dirname(cliPath), file));
  rmSync(temp, { recursive: true, force: true });
}

/** Builds the package's own dist/ (what its bin runs) when its sources are newer. */
export function buildDist(): void {
  const dist = join(packageRoot, 'dist', 'cli.mjs');
  let built = 0;
  try {
    built = statSync(dist).mtimeMs;
  } catch {
    // not built yet
  }
  if (built >= newest(join(packageRoot, 'src'))) return;
  const tsdown = join(createRequire(join(packageRoot, 'package.json')).resolve('tsdown/package.json'), '..', 'dist', 'run.mjs');
  const result = spawnSync(process.execPath, [tsdown, '--log-level', 'warn'], { cwd: packageRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`building the CLI failed: ${result.stderr}${result.stdout}`);
}

/** Runs redis-cli with arguments and optional stdin; resolves with its output and code. */
export function redisCli(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-cli', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.on('error', () => {}); // redis-cli may exit (connection refused) before reading it
    child.stdin.end(input ?? '');
  });
}

/** A raw connection that collects every byte received until the peer closes. */
export function rawConnection(options: { port: number } | { path: string }): Promise<{
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
  waitFor: (text: string) => Promise<void>;
}> {
  return new Promise((resolve, reject) => {
    const socket = connect(options as never);
    let data = '';
    const waiters: Array<() => void> = [];
    socket.on('data', (chunk: Buffer) => {
      data += chunk.toString('latin1');
      for (const w of waiters.splice(0)) w();
    });
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('error', reject);
    socket.on('connect', () =>
      resolve({
        socket,
        received: () => data,
        closed,
        waitFor: (text) =>
          new Promise<void>((done) => {
            const check = () => (data.includes(text) ? done() : waiters.push(check));
            check();
          }),
      }),
    );
  });
}

/** A fakeredis-server (or, with `command`, another server) started by a test, its stdout kept. */
export interface Running {
  child: ChildProcess;
  stdout: () => string;
  exited: Promise<number | null>;
}

export function run(args: string[], command = process.execPath, prefix = [cliPath]): Running {
  const child = spawn(command, [...prefix, ...args], { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, exited };
}

/** Waits for the "Ready to accept connections" line (10 s at most). */
export async function ready(r: Running): Promise<void> {
  for (let i = 0; i < 400 && !r.stdout().includes('Ready to accept connections'); i++) {
    if (r.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!r.stdout().includes('Ready to accept connections')) throw new Error(`did not start: ${r.stdout()}`);
}

/** redis-cli's stdout for one command. */
export const cli = async (port: number, ...args: string[]): Promise<string> => (await redisCli(['-p', String(port), ...args])).stdout;
