#!/usr/bin/env node
// The client matrix: packs the published packages, installs the tarballs into fresh
// projects outside the workspace (one per client major: ioredis 5 and 6, node-redis 4, 5
// and 6; and one per package manager: npm, pnpm, yarn), and runs user-style suites there
// (Vitest ESM, Jest CommonJS with jest.mock and moduleNameMapper, Jest native ESM, tsc with
// skipLibCheck off, process-exit timing, the dual package hazard) against the fake and a
// real redis-server. See README.md in this directory.
//
//   node tooling/clients/run.mjs [--clients ioredis5,redis6] [--pm npm,pnpm,yarn] [--keep]
//                                [--workdir DIR] [--no-build]
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');
const suite = join(here, 'suite');

/** The client majors under test: each gets its own project with only that client. */
const CLIENTS = [
  { id: 'ioredis5', kind: 'ioredis', dependency: ['ioredis', '^5'] },
  { id: 'ioredis6', kind: 'ioredis', dependency: ['ioredis', '^6'] },
  { id: 'redis4', kind: 'node-redis', dependency: ['redis', '^4'] },
  { id: 'redis5', kind: 'node-redis', dependency: ['redis', '^5'] },
  { id: 'redis6', kind: 'node-redis', dependency: ['redis', '^6'] },
  // The oldest releases the peer ranges admit.
  { id: 'ioredis5.0', kind: 'ioredis', dependency: ['ioredis', '5.0.3'] },
  { id: 'redis4.0', kind: 'node-redis', dependency: ['redis', '4.0.0'] },
];
/** The test runners and compiler, installed once in a directory every project sits in. */
const RUNNER = { vitest: '^4', jest: '^30', '@jest/globals': '^30', typescript: '^5', '@types/node': '^20' };
const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn'];
const PNPM = 'pnpm@10.34.9';
const YARN = 'yarn@1.22.22';
/**
 * Install warnings that come from dependencies outside these packages' control, each with
 * its reason. Anything else a package manager warns about fails the matrix.
 */
const KNOWN_WARNINGS = [
  {
    // The runner layer's own dependencies (vitest's watcher), not a fakeredis package.
    pattern: /install-scripts|@parcel\/watcher|Run `npm install-scripts/,
    reason: "npm 11's notice about a runner dependency's install script (vitest's @parcel/watcher)",
    runnerOnly: true,
  },
];

// ---- arguments ---------------------------------------------------------------------

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const clients = (option('--clients')?.split(',') ?? CLIENTS.map((c) => c.id)).map((id) => {
  const client = CLIENTS.find((c) => c.id === id);
  if (!client) throw new Error(`unknown client ${id}; known: ${CLIENTS.map((c) => c.id).join(', ')}`);
  return client;
});
const managers = option('--pm')?.split(',').filter(Boolean) ?? PACKAGE_MANAGERS;
const keep = args.includes('--keep');
const build = !args.includes('--no-build');
const workdir = option('--workdir') ?? mkdtempSync(join(tmpdir(), 'fakeredis-clients-'));
const inCi = process.env.CI === 'true' || process.env.CI === '1';

// ---- helpers -----------------------------------------------------------------------

const results = [];
const started = Date.now();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function log(message) {
  process.stdout.write(`[clients ${seconds(Date.now() - started).padStart(7)}] ${message}\n`);
}

/** Runs a command, capturing its output; resolves with { code, output, ms }. */
function run(command, commandArgs, { cwd, env = {}, timeout = 300_000 } = {}) {
  const t0 = Date.now();
  return new Promise((resolveRun) => {
    const child = spawn(command, commandArgs, {
      cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[timed out after ${timeout} ms]`;
      child.kill('SIGKILL');
    }, timeout);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ code: code ?? (signal ? 1 : 0), output, ms: Date.now() - t0 });
    });
  });
}

function record(project, step, outcome, extra = {}) {
  const entry = { project, step, ok: outcome.code === 0 && !extra.fail, ms: outcome.ms, ...extra };
  results.push(entry);
  const mark = entry.ok ? 'ok  ' : 'FAIL';
  log(`${mark} ${project.padEnd(10)} ${step.padEnd(28)} ${seconds(outcome.ms)}${extra.note ? `  (${extra.note})` : ''}`);
  if (!entry.ok) process.stdout.write(`${indent(tail(outcome.output, 80))}\n`);
  return entry;
}

const tail = (text, lines) => text.trimEnd().split('\n').slice(-lines).join('\n');
const indent = (text) => text.replace(/^/gm, '    | ');

/** Runs `worker` over `items`, at most `limit` at a time. */
async function pool(items, limit, worker) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      while (queue.length > 0) await worker(queue.shift());
    }),
  );
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function hasCommand(command) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts a throw-away redis-server; resolves with its port and a stop function. */
async function startRedis(extra = []) {
  const port = await freePort();
  // Its own empty directory: redis-server loads a dump.rdb it finds in its working directory.
  const dir = mkdtempSync(join(tmpdir(), 'fakeredis-clients-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, ...extra], {
    cwd: dir,
    stdio: 'ignore',
  });
  child.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  for (let i = 0; i < 100; i++) {
    const up = await new Promise((ok) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        ok(true);
      });
      socket.on('error', () => ok(false));
    });
    if (up) return { port, stop: () => child.kill() };
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill();
  throw new Error('redis-server did not start');
}

/** Lines of an install log that are warnings, each matched against the known ones. */
function installWarnings(output, { runner = false } = {}) {
  const lines = output.split('\n').filter((line) => /^\s*(npm warn|warning\b| WARN |WARN )/i.test(line));
  const unknown = [];
  const known = new Map();
  for (const line of lines) {
    const match = KNOWN_WARNINGS.find((k) => k.pattern.test(line) && (runner || !k.runnerOnly));
    if (match) known.set(match.reason, (known.get(match.reason) ?? 0) + 1);
    else unknown.push(line.trim());
  }
  // npm prints a multi-line block per engine warning; keep the lines that name nothing.
  const filtered = unknown.filter((line) => !/EBADENGINE\s+(required|current|\})|EBADENGINE Unsupported engine \{$/.test(line));
  return { unknown: filtered, known: [...known.keys()] };
}

function packageJson(name, dependencies, extra = {}) {
  return `${JSON.stringify({ name, private: true, version: '0.0.0', dependencies, ...extra }, null, 2)}\n`;
}

// ---- steps -------------------------------------------------------------------------

async function buildAndPack(packs) {
  const pnpm = hasCommand('pnpm') ? ['pnpm', []] : ['npx', ['--yes', PNPM]];
  if (build) {
    // A loaded machine (CI, or helpers sharing two cores) can take minutes for a cold build.
    const outcome = await run(pnpm[0], [...pnpm[1], 'exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: repo, timeout: 1_200_000 });
    record('workspace', 'build', outcome);
    if (outcome.code !== 0) throw new Error('build failed');
  }
  const outcome = await run(pnpm[0], [...pnpm[1], '-r', '--filter', './packages/*', 'pack', '--pack-destination', packs], { cwd: repo });
  const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
  record('workspace', 'pack', outcome, { note: `${tarballs.length} tarballs` });
  if (outcome.code !== 0 || tarballs.length === 0) throw new Error('pack failed');
  // "@fakeredis/core" -> "file:/.../fakeredis-core-0.1.0.tgz"
  return Object.fromEntries(
    tarballs.map((file) => {
      const manifest = JSON.parse(execFileSync('tar', ['-xzOf', join(packs, file), 'package/package.json'], { encoding: 'utf8' }));
      return [manifest.name, `file:${join(packs, file)}`];
    }),
  );
}

/**
 * Publishing readiness: `pnpm release`'s publish dry run (every package, no warning but the
 * dry run's own note that publishing needs a login), and the changesets: `changeset status`
 * bumps only the published packages, and `changeset version` in a clone of HEAD writes each
 * release's version and a CHANGELOG section holding every one of its changesets.
 */
async function releaseChecks(pnpm, names) {
  const publish = await run(pnpm[0], [...pnpm[1], 'publish', '-r', '--dry-run', '--no-git-checks'], { cwd: repo, timeout: 600_000 });
  const published = [...publish.output.matchAll(/^\+ (@fakeredis\/[\w-]+)@/gm)].map((m) => m[1]).sort();
  const warnings = publish.output.split('\n').filter((line) => /\bwarn/i.test(line) && !/requires you to be logged in/.test(line));
  record('workspace', 'release dry run', publish, {
    fail: warnings.length > 0 || published.join() !== [...names].sort().join(),
    note: `${published.length} of ${names.length} packages${warnings.length ? `; warnings: ${warnings.join(' / ')}` : ''}`,
  });

  // On a clone of HEAD (what CI has), with the workspace's changesets CLI.
  const changeset = join(repo, 'node_modules', '@changesets', 'cli', 'bin.js');
  const clone = join(workdir, 'changesets-clone');
  const statusFile = join(workdir, 'changesets.json');
  const cloned = await run('git', ['clone', '--quiet', repo, clone]);
  const status = cloned.code === 0 ? await run(process.execPath, [changeset, 'status', '--output', statusFile], { cwd: clone }) : cloned;
  const version = status.code === 0 ? await run(process.execPath, [changeset, 'version'], { cwd: clone }) : status;
  const problems = [];
  const { releases = [], changesets = [] } = status.code === 0 ? JSON.parse(readFileSync(statusFile, 'utf8')) : {};
  if (version.code === 0) {
    const dirs = Object.fromEntries(
      readdirSync(join(clone, 'packages')).flatMap((d) => {
        const file = join(clone, 'packages', d, 'package.json');
        return existsSync(file) ? [[JSON.parse(readFileSync(file, 'utf8')).name, join(clone, 'packages', d)]] : [];
      }),
    );
    // Compared as text: the changelog's Prettier pass escapes Markdown characters (`\\*`).
    const plain = (text) => text.replace(/\\(?=[^\sA-Za-z0-9])/g, '').replace(/\s+/g, ' ');
    const summaries = Object.fromEntries(changesets.map((c) => [c.id, plain(c.summary.split('\n')[0].trim())]));
    for (const release of releases.filter((r) => r.type !== 'none')) {
      if (!names.includes(release.name)) {
        problems.push(`${release.name} is not published but gets ${release.newVersion}`);
        continue;
      }
      const dir = dirs[release.name];
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (manifest.version !== release.newVersion) problems.push(`${release.name} is ${manifest.version}, not ${release.newVersion}`);
      const changelog = existsSync(join(dir, 'CHANGELOG.md')) ? readFileSync(join(dir, 'CHANGELOG.md'), 'utf8') : '';
      const section = changelog.split(/^## /m).find((part) => part.startsWith(`${release.newVersion}\n`)) ?? '';
      if (section === '') problems.push(`${release.name}'s CHANGELOG has no ${release.newVersion} section`);
      for (const id of release.changesets) if (section !== '' && !plain(section).includes(summaries[id])) problems.push(`${release.name}'s CHANGELOG lacks ${id}`);
    }
  }
  const outcome = { code: version.code, output: `${status.output}\n${version.output}\n${problems.join('\n')}`, ms: cloned.ms + status.ms + version.ms };
  const released = releases.filter((r) => r.type !== 'none');
  const bumped = [...new Set(released.map((r) => `${r.oldVersion} -> ${r.newVersion}`))];
  record('workspace', 'changesets status + version', outcome, {
    fail: problems.length > 0 || released.length === 0,
    note: `${released.length} packages ${bumped.join(', ')}, ${changesets.length} changesets${problems.length ? `; ${problems.slice(0, 5).join(' / ')}` : ''}`,
  });
  rmSync(clone, { recursive: true, force: true });
}

async function installRunner(runnerDir) {
  mkdirSync(runnerDir, { recursive: true });
  writeFileSync(join(runnerDir, 'package.json'), packageJson('fakeredis-clients-runner', RUNNER));
  const outcome = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: runnerDir });
  const warnings = installWarnings(outcome.output, { runner: true });
  record('runner', 'npm install', outcome, { note: Object.entries(RUNNER).map(([n, v]) => `${n}@${v}`).join(' ') });
  if (outcome.code !== 0) throw new Error('runner install failed');
  return warnings;
}

/** One project per client major, inside the runner directory (so the runners resolve). */
async function setUpProject(runnerDir, client, tarballs) {
  const dir = join(runnerDir, client.id);
  mkdirSync(dir, { recursive: true });
  const [name, range] = client.dependency;
  writeFileSync(join(dir, 'package.json'), packageJson(`fakeredis-${client.id}`, { ...tarballs, [name]: range }));
  // The suites are named *.suite.* here, so the workspace's own runners never pick them up;
  // in the project they become the *.test.* files Vitest and Jest look for.
  for (const part of [client.kind, 'app', 'common']) {
    cpSync(join(suite, part), join(dir, part), { recursive: true });
    for (const file of readdirSync(join(dir, part), { recursive: true })) {
      if (/\.suite\.[cm]?[jt]s$/.test(file)) renameSync(join(dir, part, file), join(dir, part, file.replace('.suite.', '.test.')));
    }
  }
  const kind = client.kind;
  writeFileSync(
    join(dir, 'vitest.config.mjs'),
    `export default { test: { include: ['${kind}/*.test.mjs'], testTimeout: 20000, hookTimeout: 20000 } };\n`,
  );
  writeFileSync(
    join(dir, 'jest.config.cjs'),
    `module.exports = { rootDir: __dirname, testEnvironment: 'node', testMatch: ['<rootDir>/${kind}/jest/mock.test.cjs', '<rootDir>/${kind}/jest/isolation-*.test.cjs'] };\n`,
  );
  if (kind === 'ioredis') {
    writeFileSync(
      join(dir, 'jest.mapper.config.cjs'),
      `module.exports = { rootDir: __dirname, testEnvironment: 'node', testMatch: ['<rootDir>/ioredis/jest/mapper.test.cjs'],\n` +
        `  moduleNameMapper: { '^ioredis$': '<rootDir>/ioredis/jest/fake-ioredis.cjs' } };\n`,
    );
    writeFileSync(
      join(dir, 'jest.esm.config.mjs'),
      `export default { testEnvironment: 'node', testMatch: ['<rootDir>/ioredis/jest/esm.test.mjs'], transform: {} };\n`,
    );
  }
  const compilerOptions = { strict: true, skipLibCheck: false, noEmit: true, target: 'es2022', types: ['node'], esModuleInterop: true };
  const typeFiles = readdirSync(join(suite, kind)).filter((f) => f.endsWith('.ts'));
  const typeFilesHere = typeFiles.filter((f) => !(f === 'types-v6.ts' && !client.id.endsWith('6')));
  // Each also as .mts: under nodenext, .ts files here are CommonJS (the .d.cts declarations)
  // and .mts files ES modules (the .d.mts ones).
  for (const f of typeFilesHere) cpSync(join(suite, kind, f), join(dir, kind, f.replace(/\.ts$/, '.mts')));
  const files = typeFilesHere.flatMap((f) => [`${kind}/${f}`, `${kind}/${f.replace(/\.ts$/, '.mts')}`]);
  writeFileSync(
    join(dir, 'tsconfig.nodenext.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'nodenext', moduleResolution: 'nodenext' }, files }, null, 2),
  );
  writeFileSync(
    join(dir, 'tsconfig.bundler.json'),
    JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'esnext', moduleResolution: 'bundler' }, files }, null, 2),
  );
  // The older `node` (node10) resolution, which reads `types` and ignores `exports`.
  writeFileSync(
    join(dir, 'tsconfig.node10.json'),
    JSON.stringify(
      { compilerOptions: { ...compilerOptions, module: 'commonjs', moduleResolution: 'node10' }, files: files.filter((f) => !f.endsWith('.mts')) },
      null,
      2,
    ),
  );
  const outcome = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir });
  const version = existsSync(join(dir, 'node_modules', name, 'package.json'))
    ? JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version
    : '?';
  const warnings = installWarnings(outcome.output);
  record(client.id, 'npm install', outcome, {
    fail: warnings.unknown.length > 0,
    note: `${name}@${version}${warnings.unknown.length ? `; warnings: ${warnings.unknown.join(' / ')}` : ''}`,
  });
  client.version = version;
  return { dir, warnings };
}

/**
 * The READMEs' examples on the packed packages: a project with both clients (the newest
 * majors) runs @fakeredis/all's README as its tarball has it and the repository's README.
 */
async function readmeProject(runnerDir, tarballs) {
  const dir = join(runnerDir, 'readme');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), packageJson('fakeredis-readme', { ...tarballs, ioredis: '^6', redis: '^6' }));
  cpSync(join(suite, 'readme'), join(dir, 'readme'), { recursive: true });
  renameSync(join(dir, 'readme', 'readme.suite.ts'), join(dir, 'readme', 'readme.test.ts'));
  cpSync(join(repo, 'README.md'), join(dir, 'ROOT-README.md'));
  writeFileSync(join(dir, 'vitest.config.mjs'), `export default { test: { include: ['readme/*.test.ts'], testTimeout: 20000 } };\n`);
  const outcome = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir });
  const warnings = installWarnings(outcome.output);
  record('readme', 'npm install', outcome, {
    fail: warnings.unknown.length > 0,
    note: `ioredis ^6, redis ^6${warnings.unknown.length ? `; warnings: ${warnings.unknown.join(' / ')}` : ''}`,
  });
  return { dir, warnings };
}

async function runReadme(runnerDir, dir) {
  const outcome = await run(process.execPath, [join(runnerDir, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--config', 'vitest.config.mjs'], {
    cwd: dir,
    timeout: 180_000,
  });
  record('readme', 'README examples (vitest)', outcome, { note: /Tests\s+(.*)/.exec(outcome.output)?.[1]?.trim() ?? 'no summary' });
}

/** tsc errors in fakeredis's declarations or the test files fail; the client's own are reported. */
function typeErrors(output) {
  const errors = output.split('\n').filter((line) => /error TS\d+/.test(line));
  const ours = errors.filter((line) => line.includes('@fakeredis/') || !line.includes('node_modules'));
  const theirs = errors.filter((line) => !ours.includes(line));
  return { ours, theirs };
}

async function runProject(runnerDir, client, dir, real) {
  const bin = (pkg, path) => join(runnerDir, 'node_modules', pkg, path);
  const env = real ? { REAL_REDIS_PORT: String(real.port), REAL_REDIS_AUTH_PORT: String(real.authPort) } : {};
  const step = async (name, command, commandArgs, options = {}, check) => {
    // A hung suite (a client that never closes keeps Jest alive) fails in bounded time.
    const outcome = await run(command, commandArgs, { cwd: dir, env: { ...env, ...options.env }, timeout: 180_000 });
    const extra = check ? check(outcome) : {};
    return record(client.id, name, outcome, extra);
  };
  const jestCheck = (outcome) => {
    const counts = /Tests:\s+(.*)/.exec(outcome.output)?.[1]?.trim();
    const lingering = /did not exit one second|open handle/i.test(outcome.output);
    return { fail: lingering, note: `${counts ?? 'no summary'}${lingering ? '; Jest reported an open handle' : ''}` };
  };

  await step('vitest (ESM)', process.execPath, [bin('vitest', 'vitest.mjs'), 'run', '--config', 'vitest.config.mjs'], {}, (o) => ({
    note: /Tests\s+(.*)/.exec(o.output)?.[1]?.trim() ?? 'no summary',
  }));
  // In one process, so that the isolation test sees whether test files share a registry.
  await step('jest (CJS, jest.mock)', process.execPath, [bin('jest', 'bin/jest.js'), '--config', 'jest.config.cjs', '--runInBand'], {}, jestCheck);
  if (client.kind === 'ioredis') {
    await step('jest (moduleNameMapper)', process.execPath, [bin('jest', 'bin/jest.js'), '--config', 'jest.mapper.config.cjs'], {}, jestCheck);
    await step(
      'jest (native ESM)',
      process.execPath,
      ['--experimental-vm-modules', '--no-warnings', bin('jest', 'bin/jest.js'), '--config', 'jest.esm.config.mjs'],
      {},
      jestCheck,
    );
  }
  for (const config of ['nodenext', 'bundler', 'node10']) {
    await step(`tsc (${config}, no skipLibCheck)`, process.execPath, [bin('typescript', 'bin/tsc'), '-p', `tsconfig.${config}.json`], {}, (o) => {
      const { ours, theirs } = typeErrors(o.output);
      // The exit code counts the client's own declaration errors too; only ours fail.
      o.code = ours.length > 0 ? 1 : 0;
      return { note: `${ours.length} in fakeredis or the tests${theirs.length ? `; ${theirs.length} in ${client.dependency[0]}'s own declarations` : ''}` };
    });
  }
  await step('exit after quit/disconnect', process.execPath, [`common/exit-${client.kind}.mjs`], {}, (o) => {
    const done = Number(/done (\d+)/.exec(o.output)?.[1]);
    const lag = Number.isFinite(done) ? Date.now() - done : Number.NaN;
    // Date.now() here is read after 'close'; the lag bounds the time the process lingered.
    return { fail: !(lag < 500), note: `exited ${Number.isFinite(lag) ? `${lag} ms` : '?'} after the clients closed` };
  });
  await step('CJS + ESM: one registry', process.execPath, ['common/dual.mjs', client.kind]);
}

/** A fresh project per package manager: install the tarballs with it, then a smoke test. */
async function packageManager(pm, tarballs) {
  const dir = join(workdir, `pm-${pm}`);
  mkdirSync(dir, { recursive: true });
  // As a user installs it: @fakeredis/all, @fakeredis/server for the fakeredis-server bin, and
  // the clients. The tarballs depend on each other by version (0.1.0), which no registry has:
  // each package manager's override points those at the files.
  // (npm: every tarball as a dependency satisfies the nested ones; pnpm: an override for every
  // package; yarn 1: a resolution for every package it meets only as a nested dependency, which
  // is all but @fakeredis/all: resolutions do not reach direct dependencies.)
  const direct = pm === 'yarn' ? ['@fakeredis/all'] : ['@fakeredis/all', '@fakeredis/server'];
  const only = (names, keep) => Object.fromEntries(Object.entries(tarballs).filter(([name]) => names.includes(name) === keep));
  const clientsDeps = { ioredis: '^6', redis: '^6' };
  const dependencies = { ...(pm === 'npm' ? tarballs : only(direct, true)), ...clientsDeps };
  const extra = pm === 'pnpm' ? { pnpm: { overrides: tarballs } } : pm === 'yarn' ? { resolutions: only(direct, false) } : {};
  writeFileSync(join(dir, 'package.json'), packageJson(`fakeredis-${pm}`, dependencies, extra));
  cpSync(join(suite, 'common', 'smoke.cjs'), join(dir, 'smoke.cjs'));
  const command =
    pm === 'npm'
      ? ['npm', ['install', '--no-audit', '--no-fund']]
      : pm === 'pnpm'
        ? ['npx', ['--yes', PNPM, 'install']]
        : ['npx', ['--yes', YARN, 'install', '--non-interactive', '--no-lockfile']];
  const outcome = await run(command[0], command[1], { cwd: dir, env: { COREPACK_INTEGRITY_KEYS: '0' } });
  const warnings = installWarnings(outcome.output);
  record(pm, 'install', outcome, {
    fail: warnings.unknown.length > 0,
    note: warnings.unknown.length ? `warnings: ${warnings.unknown.join(' / ')}` : warnings.known.length ? 'only known warnings' : 'no warnings',
  });
  const smoke = await run(process.execPath, ['smoke.cjs'], { cwd: dir });
  record(pm, 'require + import + bin', smoke);
  return warnings;
}

// ---- main --------------------------------------------------------------------------

async function main() {
  log(`work directory ${workdir}`);
  const packs = join(workdir, 'packs');
  mkdirSync(packs, { recursive: true });
  const tarballs = await buildAndPack(packs);
  await releaseChecks(hasCommand('pnpm') ? ['pnpm', []] : ['npx', ['--yes', PNPM]], Object.keys(tarballs));
  const runnerDir = join(workdir, 'runner');

  const realAvailable = hasCommand('redis-server');
  if (!realAvailable && inCi) throw new Error('redis-server is needed under CI (the suites compare with it)');
  if (!realAvailable) log('redis-server not found: the suites run against the fake only');

  const known = new Set();
  const runnerWarnings = await installRunner(runnerDir);
  for (const reason of runnerWarnings.known) known.add(reason);
  const projects = [];
  let readme;
  await Promise.all([
    ...clients.map(async (client) => {
      const project = await setUpProject(runnerDir, client, tarballs);
      for (const reason of project.warnings.known) known.add(reason);
      projects.push({ client, ...project });
    }),
    readmeProject(runnerDir, tarballs).then((project) => {
      for (const reason of project.warnings.known) known.add(reason);
      readme = project;
    }),
  ]);
  await runReadme(runnerDir, readme.dir);

  const servers = [];
  try {
    await pool(projects, Math.max(1, Math.min(3, Math.floor(cpus().length / 2))), async ({ client, dir }) => {
      let real;
      if (realAvailable) {
        const plain = await startRedis();
        const auth = await startRedis(['--requirepass', 's3cret']);
        servers.push(plain, auth);
        real = { port: plain.port, authPort: auth.port };
      }
      await runProject(runnerDir, client, dir, real);
    });
  } finally {
    for (const server of servers) server.stop();
  }

  await pool(managers, managers.length, async (pm) => {
    const warnings = await packageManager(pm, tarballs);
    for (const reason of warnings.known) known.add(reason);
  });

  const failed = results.filter((r) => !r.ok);
  const total = Date.now() - started;
  log(`clients: ${clients.map((c) => `${c.dependency[0]}@${c.version}`).join(', ')}`);
  for (const reason of known) log(`known install warning: ${reason}`);
  log(`${results.length - failed.length}/${results.length} steps passed in ${seconds(total)}`);
  writeFileSync(join(workdir, 'summary.json'), `${JSON.stringify({ total, results, known: [...known] }, null, 2)}\n`);
  if (!keep) rmSync(workdir, { recursive: true, force: true });
  else log(`kept ${workdir}`);
  if (failed.length > 0) {
    log(`failed: ${failed.map((f) => `${f.project} ${f.step}`).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  log(`error: ${error.stack ?? error}`);
  process.exitCode = 1;
});
