// Issue #16's persistence figures: SAVE of 1e6 string keys (DEBUG POPULATE's key:N /
// value:N), the file's size, and loading it back (DEBUG RELOAD NOSAVE), in the fake
// (server.call) and in a real redis-server (redis-cli round trips; its time is the
// server's own work plus one loopback round trip).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeServer } from '@fakeredis/all';
import { report } from '../harness.mjs';

const seconds = (fn) => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
};

export async function run({ scale }) {
  const n = Math.max(1000, Math.round(1_000_000 * scale));
  const dir = mkdtempSync(join(tmpdir(), 'fakeredis-bench-rdb-'));
  const fake = new FakeServer({ config: { dir, 'enable-debug-command': 'yes' } });
  fake.call('DEBUG', 'POPULATE', String(n));
  const fakeSave = seconds(() => fake.call('SAVE'));
  const fakeSize = statSync(join(dir, 'dump.rdb')).size;
  const fakeLoad = seconds(() => fake.call('DEBUG', 'RELOAD', 'NOSAVE'));
  if (fake.call('DBSIZE') !== n) throw new Error('persistence bench: wrong key count after reload');
  fake.close();

  const rows = [
    { name: `fakeredis SAVE (file ${fakeSize} bytes)`, result: { ops: n, seconds: fakeSave, opsPerSec: n / fakeSave } },
    { name: 'fakeredis DEBUG RELOAD NOSAVE (load)', result: { ops: n, seconds: fakeLoad, opsPerSec: n / fakeLoad } },
  ];
  const redis = await startRedisWithDebug();
  if (redis !== undefined) {
    const realDir = redis.dir;
    const cli = (...args) => {
      const r = spawnSync('redis-cli', ['-p', String(redis.port), ...args], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return r.stdout;
    };
    cli('DEBUG', 'POPULATE', String(n));
    const realSave = seconds(() => cli('SAVE'));
    const realSize = statSync(join(realDir, 'dump.rdb')).size;
    const realLoad = seconds(() => cli('DEBUG', 'RELOAD', 'NOSAVE'));
    redis.stop();
    const saveRow = { name: `redis-server SAVE (file ${realSize} bytes)`, result: { ops: n, seconds: realSave, opsPerSec: n / realSave } };
    const loadRow = { name: 'redis-server DEBUG RELOAD NOSAVE (load)', result: { ops: n, seconds: realLoad, opsPerSec: n / realLoad } };
    rows[0].baseline = saveRow;
    rows[1].baseline = loadRow;
    rows.push(saveRow, loadRow);
  }
  report(`RDB SAVE and load of ${n} string keys (ops = keys)`, rows);
}

/** A throw-away redis-server with DEBUG enabled, writing into a fresh directory. */
async function startRedisWithDebug() {
  if (spawnSync('redis-server', ['--version']).status !== 0) return undefined;
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const dir = mkdtempSync(join(tmpdir(), 'fakeredis-bench-rdb-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--enable-debug-command', 'yes'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 300));
  return { port, dir, stop: () => child.kill('SIGKILL') };
}
