// Issue #20's goals that strings.mjs does not print: the TCP server against redis-server
// 7.0.15 under redis-benchmark (-P 16 -c 50, and unpipelined with one client), the cost of
// importing @fakeredis/all, of a new server and its first reply, and heap bytes per small
// string key and per hash field against redis-server's used_memory. Every row runs beside
// its reference in the same run; medians of several rounds where one figure is noisy.
import { spawn, spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FakeRedis, FakeServer, TcpFakeServer } from '@fakeredis/all';
import Redis from 'ioredis';
import { formatRate, startRedis } from '../harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const TESTS = ['set', 'get', 'lpush', 'zadd', 'hset', 'xadd'];

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs redis-benchmark against a port; returns { test: requests per second }. */
function redisBenchmark(port, args) {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), '--csv', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => {
      const rates = {};
      for (const line of out.split('\n')) {
        const m = /^"([^"]+)","([\d.]+)"/.exec(line);
        if (m) rates[m[1].split(' ')[0].toLowerCase()] = Number(m[2]);
      }
      resolve(rates);
    });
  });
}

function table(title, header, rows) {
  console.log(`\n## ${title}`);
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map(() => '---').join(' | ')} |`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** redis-benchmark against the fake (TcpFakeServer in this process) and redis-server, interleaved rounds. */
async function tcp(scale, rounds) {
  const redis = await startRedis();
  if (!redis) {
    console.log('\n(no redis-server: TCP rows skipped)');
    return;
  }
  const fake = await new TcpFakeServer({ port: 0 }).listen();
  const requests = String(Math.max(1000, Math.round(200_000 * scale)));
  const single = String(Math.max(500, Math.round(20_000 * scale)));
  // redis-benchmark 7.0 has no xadd test: XADD runs as a command line of its own.
  const pipelined = ['-P', '16', '-c', '50', '-n', requests];
  const runs = [
    { title: `redis-benchmark -P 16 -c 50 -n ${requests} (requests/s)`, invocations: [[...pipelined, '-t', 'set,get,lpush,zadd,hset'], [...pipelined, 'XADD', 'mystream', '*', 'field', 'value']], tests: TESTS },
    { title: `redis-benchmark -P 1 -c 1 -n ${single}: unpipelined single-client (requests/s; latency is the inverse)`, invocations: [['-P', '1', '-c', '1', '-n', single, '-t', 'set,get']], tests: ['set', 'get'] },
  ];
  for (const { title, invocations, tests } of runs) {
    const fakeRates = Object.fromEntries(tests.map((t) => [t, []]));
    const realRates = Object.fromEntries(tests.map((t) => [t, []]));
    for (let round = 0; round < rounds; round++) {
      for (const args of invocations) {
        const f = await redisBenchmark(fake.port, args);
        const r = await redisBenchmark(redis.port, args);
        for (const t of tests) {
          if (t in f) fakeRates[t].push(f[t]);
          if (t in r) realRates[t].push(r[t]);
        }
        // Lists and streams grow by every request: each round starts empty on both.
        fake.server.call('FLUSHALL');
        spawnSync('redis-cli', ['-p', String(redis.port), 'FLUSHALL']);
      }
    }
    table(`${title}, median of ${rounds} interleaved rounds`, ['test', 'fakeredis-server', 'redis-server 7.0.15', 'ratio'], tests.map((t) => {
      const f = median(fakeRates[t]);
      const r = median(realRates[t]);
      return [t.toUpperCase(), formatRate(f), formatRate(r), `${(f / r).toFixed(2)}x`];
    }));
  }
  await fake.close();
  fake.server.close();
  redis.stop();
}

/** Milliseconds to import a module in a fresh node process (median of `rounds`). */
async function importCost(specifier, rounds) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const times = [];
  for (let i = 0; i < rounds; i++) {
    times.push(await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: here, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('error', reject);
      child.on('close', () => resolve(Number(out.trim())));
    }));
  }
  return median(times);
}

/** A fresh process's first `new FakeServer()` + call and first FakeRedis reply (ms). */
async function firstInProcess() {
  const code = `import { FakeRedis, FakeServer } from '@fakeredis/all';
let t = performance.now(); const s = new FakeServer(); s.call('PING'); const server = performance.now() - t;
t = performance.now(); const r = new FakeRedis({ server: new FakeServer() }); await r.ping(); const client = performance.now() - t;
r.disconnect(); console.log(JSON.stringify({ server, client })); process.exit(0);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: here, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', () => resolve(JSON.parse(out)));
  });
}

async function creation(scale, rounds) {
  const fakeImport = await importCost('@fakeredis/all', rounds);
  const ioredisImport = await importCost('ioredis', rounds);
  const firsts = [];
  for (let i = 0; i < rounds; i++) firsts.push(await firstInProcess());
  // Warm: many servers in this process (what a suite creating one per test pays).
  const n = Math.max(20, Math.round(500 * scale));
  let t = performance.now();
  for (let i = 0; i < n; i++) {
    const s = new FakeServer();
    s.call('PING');
    s.close();
  }
  const serverMs = (performance.now() - t) / n;
  const clients = Math.max(10, Math.round(200 * scale));
  t = performance.now();
  for (let i = 0; i < clients; i++) {
    const r = new FakeRedis({ server: new FakeServer() });
    await r.ping();
    r.disconnect();
  }
  const clientMs = (performance.now() - t) / clients;
  table(`creation and import (medians of ${rounds} fresh processes; warm figures averaged over ${n} / ${clients})`, ['case', 'ms', 'goal'], [
    ["import('@fakeredis/all'), fresh process", fakeImport.toFixed(1), '<= 50'],
    ["import('ioredis'), fresh process (reference)", ioredisImport.toFixed(1), ''],
    ['first new FakeServer + server.call PING, fresh process', median(firsts.map((f) => f.server)).toFixed(2), '<= 0.2'],
    ['first new FakeRedis (own server) to first reply, fresh process', median(firsts.map((f) => f.client)).toFixed(2), '<= 1'],
    ['new FakeServer + server.call PING + close, warm', serverMs.toFixed(3), '<= 0.2'],
    ['new FakeRedis (own server) to first reply + disconnect, warm', clientMs.toFixed(3), '<= 1'],
  ]);
}

function gc() {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc');
  collect();
  collect();
}

async function usedMemory(client) {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)[1]);
}

/** Heap bytes per small string key and per field of one hash, beside redis-server's used_memory. */
async function memory(scale) {
  const n = Math.max(10_000, Math.round(1_000_000 * scale));
  const redis = await startRedis();
  const rows = [];
  const cases = [
    { name: `${n} small string keys (SET key:i value:i)`, per: 'key', fill: (call, i) => call('SET', `key:${i}`, `value:${i}`), batch: (p, i) => p.set(`key:${i}`, `value:${i}`) },
    { name: `one hash of ${n} fields (HSET h field:i value:i)`, per: 'field', fill: (call, i) => call('HSET', 'h', `field:${i}`, `value:${i}`), batch: (p, i) => p.hset('h', `field:${i}`, `value:${i}`) },
  ];
  for (const c of cases) {
    let server = new FakeServer();
    gc();
    const before = process.memoryUsage().heapUsed;
    const call = server.call.bind(server);
    for (let i = 0; i < n; i++) c.fill(call, i);
    gc();
    const fakePer = (process.memoryUsage().heapUsed - before) / n;
    server.close();
    server = undefined;
    let realPer;
    if (redis) {
      const client = new Redis({ port: redis.port, host: '127.0.0.1' });
      await client.flushall();
      const start = await usedMemory(client);
      for (let i = 0; i < n; i += 1000) {
        const p = client.pipeline();
        for (let j = i; j < Math.min(n, i + 1000); j++) c.batch(p, j);
        await p.exec();
      }
      realPer = ((await usedMemory(client)) - start) / n;
      await client.flushall();
      client.disconnect();
    }
    rows.push([c.name, `${fakePer.toFixed(0)} B/${c.per}`, realPer === undefined ? '-' : `${realPer.toFixed(0)} B/${c.per}`, realPer === undefined ? '' : `${(fakePer / realPer).toFixed(2)}x`]);
  }
  redis?.stop();
  gc();
  table('memory: V8 heap growth (fake) against used_memory growth (redis-server 7.0.15)', ['case', 'fakeredis', 'redis-server', 'ratio'], rows);
}

export async function run({ scale }) {
  const rounds = Math.max(3, Number(process.env.FAKEREDIS_BENCH_ROUNDS ?? 3));
  await tcp(scale, rounds);
  await creation(scale, rounds);
  await memory(scale);
}
