// Issue #11's scripting figures: cached EVALSHA of a one-call script through FakeRedis
// (ioredis over the in-memory socket) against the same ioredis code to a real
// redis-server on loopback (the goal: at least as fast), and FCALL of the same body in a
// library beside it (FCALL / EVALSHA on both servers), and of a function whose library
// keeps state (a counter, on the functions worker); the same through server.call,
// inline (the main-thread engine) and on a worker thread (a script naming pcall runs
// there); a script doing 1,000 redis.call; the first EVAL on a new server in a warm
// process, and the first EVAL of a process (child processes), cold and after
// preloadLuaEngine().
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FakeRedis, FakeServer } from '@fakeredis/all';
import { preloadLuaEngine } from '@fakeredis/scripting';
import Redis from 'ioredis';
import { measure, measureSync, report, startRedis } from '../harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const ONE_CALL = 'return redis.call("GET", KEYS[1])';
/** The same one-call body as a function (FCALL), in a library of two functions. */
const LIBRARY = "#!lua name=benchlib\nredis.register_function('get1', function(keys) return redis.call('GET', keys[1]) end)\nredis.register_function('one', function() return 1 end)";
/** A function whose library keeps state (a counter): it runs on the functions worker, never inline. */
const COUNTER_LIBRARY = "#!lua name=benchstate\nlocal n = 0\nredis.register_function('count', function() n = n + 1 return n end)";
const THOUSAND_CALLS = 'local n = 0 for i = 1, 1000 do n = n + redis.call("INCR", KEYS[1]) end return n';
/** The same scripts run on a worker thread: a script naming pcall never runs inline. */
const onWorker = (script) => `local _ = pcall ${script}`;

/** Sequential awaited EVALSHA of the one-call script, GET (the round trip without Lua), the 1,000-call script. */
async function clientFigures(client, n) {
  await client.set('k', 'v');
  const sha = await client.script('LOAD', ONE_CALL);
  // A longer warm-up than measure's own: the JIT settles after a few thousand scripts.
  for (let i = 0; i < 5000; i++) await client.evalsha(sha, 1, 'k');
  const evalsha = await measure(n, () => client.evalsha(sha, 1, 'k'));
  await client.call('FUNCTION', 'LOAD', 'REPLACE', LIBRARY);
  for (let i = 0; i < 1000; i++) await client.call('FCALL', 'get1', 1, 'k');
  const fcall = await measure(n, () => client.call('FCALL', 'get1', 1, 'k'));
  await client.call('FUNCTION', 'LOAD', 'REPLACE', COUNTER_LIBRARY);
  const fcallState = await measure(n, () => client.call('FCALL', 'count', 0));
  const get = await measure(n, () => client.get('k'));
  const big = await client.script('LOAD', THOUSAND_CALLS);
  const thousand = await measure(Math.max(20, Math.round(n / 100)), () => client.evalsha(big, 1, 'counter'), { warmup: 10 });
  return { evalsha, fcall, fcallState, get, thousand };
}

/** Milliseconds of the first EVAL of a fresh process, and of a second server's first EVAL (medians of `runs` processes). */
function firstInProcess(runs, preload) {
  const code = `
    const t0 = performance.now();
    const { FakeServer } = await import('@fakeredis/all');
    const t1 = performance.now();
    ${preload ? "await (await import('@fakeredis/scripting')).preloadLuaEngine();" : ''}
    const a = new FakeServer();
    const t2 = performance.now();
    if (a.call('EVAL', 'return 1', '0') !== 1) throw new Error('first EVAL: ' + JSON.stringify(a.call('EVAL', 'return 1', '0')));
    const t3 = performance.now();
    const b = new FakeServer();
    const t4 = performance.now();
    b.call('EVAL', 'return 2', '0');
    const t5 = performance.now();
    console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t3 - t2, secondServerMs: t5 - t4 }));
    a.close(); b.close();`;
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [...process.execArgv, '--input-type=module', '-e', code], { cwd: here, encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`first-EVAL child failed: ${child.stderr}`);
    samples.push(JSON.parse(child.stdout.trim().split('\n').pop()));
  }
  const median = (key) => samples.map((s) => s[key]).sort((x, y) => x - y)[Math.floor(samples.length / 2)];
  return { importMs: median('importMs'), firstMs: median('firstMs'), secondServerMs: median('secondServerMs') };
}

const micros = (result) => (1e6 / result.opsPerSec).toFixed(1);

export async function run({ scale }) {
  const n = Math.max(1000, Math.round(20_000 * scale));
  // Steady state: the engines are loaded (the first script of a process loads them; see the last section).
  await preloadLuaEngine();

  // Through ioredis: FakeRedis in memory, and the same client code to a real server.
  const fake = new FakeRedis({ server: new FakeServer() });
  const fakeFigures = await clientFigures(fake, n);
  fake.disconnect();
  const redis = await startRedis();
  let realFigures;
  if (redis) {
    const client = new Redis({ port: redis.port, host: '127.0.0.1' });
    realFigures = await clientFigures(client, n);
    client.disconnect();
    redis.stop();
  }
  const fakeEvalsha = { name: 'FakeRedis EVALSHA (ioredis RESP3, in-memory)', result: fakeFigures.evalsha };
  const realEvalsha = { name: 'ioredis -> redis-server EVALSHA (loopback)', result: realFigures?.evalsha, note: 'no redis-server' };
  fakeEvalsha.baseline = realEvalsha;
  const fakeGet = { name: 'FakeRedis GET (the same round trip without Lua)', result: fakeFigures.get, baseline: fakeEvalsha };
  const realGet = { name: 'ioredis -> redis-server GET (loopback)', result: realFigures?.get, baseline: realEvalsha, note: 'no redis-server' };
  const realFcall = { name: 'ioredis -> redis-server FCALL (loopback)', result: realFigures?.fcall, note: 'no redis-server' };
  const fakeFcall = { name: 'FakeRedis FCALL of the same body (ioredis RESP3, in-memory)', result: fakeFigures.fcall, baseline: realFcall };
  const realFcallState = { name: 'ioredis -> redis-server FCALL of a counter (loopback)', result: realFigures?.fcallState, note: 'no redis-server' };
  const fakeFcallState = { name: 'FakeRedis FCALL of a counter (library state: functions worker)', result: fakeFigures.fcallState, baseline: realFcallState };
  report(`cached EVALSHA of a one-call script, sequential awaited (${n}); goal: FakeRedis >= 1.00x redis-server`, [fakeEvalsha, realEvalsha, fakeFcall, realFcall, fakeFcallState, realFcallState, fakeGet, realGet]);
  if (realFigures) console.log(`FakeRedis EVALSHA vs redis-server: ${(fakeFigures.evalsha.opsPerSec / realFigures.evalsha.opsPerSec).toFixed(2)}x; FCALL: ${(fakeFigures.fcall.opsPerSec / realFigures.fcall.opsPerSec).toFixed(2)}x`);
  console.log(`FCALL / EVALSHA throughput: FakeRedis ${(fakeFigures.fcall.opsPerSec / fakeFigures.evalsha.opsPerSec).toFixed(2)}` + (realFigures ? `, redis-server ${(realFigures.fcall.opsPerSec / realFigures.evalsha.opsPerSec).toFixed(2)}` : ''));

  // Through server.call (synchronous, no client): inline and on a worker.
  const server = new FakeServer();
  server.call('SET', 'k', 'v');
  const load = (script) => server.call('SCRIPT', 'LOAD', script);
  const [one, oneW, empty, emptyW] = [ONE_CALL, onWorker(ONE_CALL), 'return 1', onWorker('return 1')].map(load);
  const direct = { name: 'server.call EVALSHA, one redis.call (inline)', result: measureSync(n, () => server.call('EVALSHA', one, '1', 'k')) };
  const directW = { name: 'server.call EVALSHA, one redis.call (worker)', result: measureSync(n, () => server.call('EVALSHA', oneW, '1', 'k')), baseline: direct };
  const directEmpty = { name: 'server.call EVALSHA `return 1` (inline)', result: measureSync(n, () => server.call('EVALSHA', empty, '0')), baseline: direct };
  const directEmptyW = { name: 'server.call EVALSHA `return 1` (worker)', result: measureSync(n, () => server.call('EVALSHA', emptyW, '0')), baseline: direct };
  const directGet = { name: 'server.call GET', result: measureSync(n, () => server.call('GET', 'k')), baseline: direct };
  server.call('FUNCTION', 'LOAD', LIBRARY);
  const directFcall = { name: 'server.call FCALL, one redis.call', result: measureSync(n, () => server.call('FCALL', 'get1', '1', 'k')), baseline: direct };
  const directFcallEmpty = { name: 'server.call FCALL `return 1`', result: measureSync(n, () => server.call('FCALL', 'one', '0')), baseline: direct };
  server.call('FUNCTION', 'LOAD', COUNTER_LIBRARY);
  const directFcallState = { name: 'server.call FCALL of a counter (functions worker)', result: measureSync(n, () => server.call('FCALL', 'count', '0')), baseline: direct };
  report(`synchronous EVALSHA and FCALL through server.call (${n})`, [direct, directW, directEmpty, directEmptyW, directFcall, directFcallEmpty, directFcallState, directGet]);
  console.log(
    `server.call EVALSHA, µs per script: one call ${micros(direct.result)} inline, ${micros(directW.result)} on a worker; ` +
      `\`return 1\` ${micros(directEmpty.result)} inline, ${micros(directEmptyW.result)} on a worker; ` +
      `FCALL one call ${micros(directFcall.result)}, \`return 1\` ${micros(directFcallEmpty.result)}, a counter (functions worker) ${micros(directFcallState.result)}`,
  );

  // A script doing 1,000 redis.call.
  const scripts = Math.max(20, Math.round(n / 100));
  const [big, bigW] = [THOUSAND_CALLS, onWorker(THOUSAND_CALLS)].map(load);
  const thousandDirect = { name: 'server.call EVALSHA, 1,000 INCR (inline)', result: measureSync(scripts, () => server.call('EVALSHA', big, '1', 'counter')) };
  const thousandDirectW = { name: 'server.call EVALSHA, 1,000 INCR (worker)', result: measureSync(scripts, () => server.call('EVALSHA', bigW, '1', 'counter')) };
  const thousandFake = { name: 'FakeRedis EVALSHA, 1,000 INCR', result: fakeFigures.thousand };
  const thousandReal = { name: 'ioredis -> redis-server EVALSHA, 1,000 INCR', result: realFigures?.thousand, note: 'no redis-server' };
  for (const row of [thousandDirect, thousandDirectW, thousandFake]) row.baseline = thousandReal;
  report(`a script doing 1,000 redis.call (${scripts} scripts; ops/s counts scripts)`, [thousandDirect, thousandDirectW, thousandFake, thousandReal]);
  const perCall = (result) => (1e6 / result.opsPerSec / 1000).toFixed(2);
  console.log(
    `per redis.call, µs: server.call ${perCall(thousandDirect.result)} inline, ${perCall(thousandDirectW.result)} on a worker` +
      (realFigures ? `; redis-server ${perCall(realFigures.thousand)}` : ''),
  );
  server.close();

  // The first EVAL on a new server in this (warm) process: a new server and a new script.
  const servers = Math.max(50, Math.round(500 * scale));
  const fresh = measureSync(servers, (i) => {
    const s = new FakeServer();
    s.call('EVAL', `return ${i}`, '0');
    s.close();
  });
  const bare = measureSync(servers, () => new FakeServer().close());
  report(`the first EVAL on a new server, warm process (${servers} servers)`, [
    { name: 'new FakeServer + first EVAL (a new script) + close', result: fresh, baseline: { name: 'new FakeServer + close', result: bare } },
    { name: 'new FakeServer + close', result: bare },
  ]);
  const runs = Math.max(3, Math.round(5 * Math.min(scale, 1)));
  const cold = firstInProcess(runs, false);
  const preloaded = firstInProcess(runs, true);
  console.log(
    `first EVAL of a process (median of ${runs} child processes): ${cold.firstMs.toFixed(1)} ms (a worker starts and loads the WebAssembly), ` +
      `a second server's first EVAL then ${cold.secondServerMs.toFixed(2)} ms; after \`await preloadLuaEngine()\`: ${preloaded.firstMs.toFixed(2)} ms; ` +
      `import of @fakeredis/all: ${cold.importMs.toFixed(0)} ms`,
  );
}
