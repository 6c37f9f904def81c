// Measuring helpers shared by the bench suites: timed loops and the report table.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** Runs `fn` (sync or async) `ops` times after a warm-up; returns operations per second. */
export async function measure(ops, fn, { warmup = Math.min(1000, ops / 10) } = {}) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await fn(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { ops, seconds, opsPerSec: ops / seconds };
}

/** Same as measure for a synchronous body (no await per iteration). */
export function measureSync(ops, fn) {
  for (let i = 0; i < Math.min(10_000, ops / 10); i++) fn(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) fn(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { ops, seconds, opsPerSec: ops / seconds };
}

/**
 * Measures several cases in interleaved rounds (each case's share of `ops` once per
 * round, in turn), so that a noisy machine slows them alike; each result's ops/s is the
 * median of its rounds. `cases` are { fn, sync? } with fn(i) as for measure/measureSync.
 */
export async function interleaved(ops, rounds, cases) {
  const perRound = Math.max(1, Math.round(ops / rounds));
  const runs = cases.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let c = 0; c < cases.length; c++) {
      const { fn, sync } = cases[c];
      runs[c].push(sync ? measureSync(perRound, fn) : await measure(perRound, fn));
    }
  }
  return runs.map((results) => {
    const rates = results.map((r) => r.opsPerSec).sort((a, b) => a - b);
    return { ops: perRound * rounds, seconds: results.reduce((sum, r) => sum + r.seconds, 0), opsPerSec: rates[Math.floor(rates.length / 2)] };
  });
}

export function formatRate(n) {
  return n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0);
}

/** Prints rows of { name, result, baseline? } with ops/s and the ratio to the baseline. */
export function report(title, rows) {
  console.log(`\n## ${title}`);
  console.log('| case | ops | seconds | ops/s | ratio |');
  console.log('| --- | ---: | ---: | ---: | --- |');
  for (const row of rows) {
    if (!row.result) {
      console.log(`| ${row.name} | - | - | - | ${row.note ?? 'skipped'} |`);
      continue;
    }
    const { ops, seconds, opsPerSec } = row.result;
    const ratio = row.baseline?.result ? `${(opsPerSec / row.baseline.result.opsPerSec).toFixed(2)}x ${row.baseline.name}` : '';
    console.log(`| ${row.name} | ${ops} | ${seconds.toFixed(3)} | ${formatRate(opsPerSec)} | ${ratio} |`);
  }
}

/** Starts a throw-away redis-server on a free loopback port (with extra arguments, e.g. a module to load), or undefined without one. */
export async function startRedis(extraArgs = []) {
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extraArgs], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 400));
  return { port, stop: () => child.kill('SIGKILL') };
}

const PIPELINE = 1000;

/** Runs `ops` commands through an ioredis-like client in pipelines of PIPELINE. */
export async function pipelined(client, ops, add) {
  const result = await measure(Math.ceil(ops / PIPELINE), async (batch) => {
    const pipeline = client.pipeline();
    for (let i = batch * PIPELINE; i < Math.min(ops, (batch + 1) * PIPELINE); i++) add(pipeline, i);
    await pipeline.exec();
  }, { warmup: 0 });
  return { ops, seconds: result.seconds, opsPerSec: ops / result.seconds };
}

/** Times `ops` calls exactly (no warm-up calls, which would change the data measured). */
export function timed(ops, fn) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) fn(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { ops, seconds, opsPerSec: ops / seconds };
}

/**
 * Starts a real Redis Cluster of `masters` throw-away cluster-enabled redis-servers on
 * loopback, joined by `redis-cli --cluster create`, and waits (polling, with a deadline)
 * until every node reports cluster_state:ok; undefined without redis-server.
 */
export async function startRedisCluster(masters = 3) {
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const free = (port) => new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
  let base;
  for (let attempt = 0; attempt < 50 && base === undefined; attempt++) {
    const candidate = 20000 + Math.floor(Math.random() * 25000);
    let ok = true;
    for (let i = 0; i < masters && ok; i++) ok = (await free(candidate + i)) && (await free(candidate + i + 10000));
    if (ok) base = candidate;
  }
  if (base === undefined) throw new Error('no free ports for a cluster');
  const dir = mkdtempSync(join(tmpdir(), 'fakeredis-bench-cluster-'));
  const ports = Array.from({ length: masters }, (_, i) => base + i);
  const children = ports.map((port) => spawn('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`,
    '--dir', dir, '--save', '', '--appendonly', 'no', '--logfile', '',
  ], { stdio: 'ignore' }));
  const stop = () => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  const cli = (port, ...args) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
  const deadline = Date.now() + 30_000;
  const waitFor = async (condition, what) => {
    while (!condition()) {
      if (Date.now() > deadline) {
        stop();
        throw new Error(`the real cluster: ${what}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await waitFor(() => ports.every((port) => cli(port, 'PING').stdout.trim() === 'PONG'), 'the servers did not start');
  const created = spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-yes'], { encoding: 'utf8' });
  if (created.status !== 0) {
    stop();
    throw new Error(`redis-cli --cluster create failed: ${created.stdout}${created.stderr}`);
  }
  await waitFor(() => ports.every((port) => cli(port, 'CLUSTER', 'INFO').stdout.includes('cluster_state:ok')), 'not ok in 30 s');
  return { ports, stop };
}
