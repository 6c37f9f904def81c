#!/usr/bin/env node
// Writes src/config/defaults.redis-<version>.json: every parameter a fresh redis-server
// prints with `CONFIG GET *` (aliases included), plus the hidden ones (exact names only),
// with their defaults. Run with a redis-server on the PATH:
//   node packages/core/test/config/probe-defaults.mjs
// `port` is recorded as Redis's default 6379 and `dir` as null (the working directory).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// lua-enable-deprecated-api: Debian's 7.0.15 has it from a security backport.
const HIDDEN = ['use-exit-on-panic', 'rdb-key-save-delay', 'key-load-delay', 'watchdog-period', 'loading-process-events-interval-bytes', 'lua-enable-deprecated-api'];

function freePort() {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

function command(port, args) {
  return new Promise((res, rej) => {
    const sock = createConnection(port, '127.0.0.1');
    let buf = Buffer.alloc(0);
    sock.on('error', rej);
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const parsed = parse(buf, 0);
      if (parsed) {
        sock.end();
        res(parsed[0]);
      }
    });
    sock.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}

function parse(buf, at) {
  const nl = buf.indexOf('\r\n', at);
  if (nl < 0) return undefined;
  const head = buf.toString('latin1', at, nl);
  const type = head[0];
  const n = Number(head.slice(1));
  if (type === '$') {
    if (n < 0) return [null, nl + 2];
    if (buf.length < nl + 2 + n + 2) return undefined;
    return [buf.toString('utf8', nl + 2, nl + 2 + n), nl + 2 + n + 2];
  }
  if (type === '*') {
    const out = [];
    let pos = nl + 2;
    for (let i = 0; i < n; i++) {
      const item = parse(buf, pos);
      if (!item) return undefined;
      out.push(item[0]);
      pos = item[1];
    }
    return [out, pos];
  }
  return [head.slice(1), nl + 2];
}

const version = /v=([0-9.]+)/.exec(spawnSync('redis-server', ['--version'], { encoding: 'utf8' }).stdout)?.[1];
const port = await freePort();
const cwd = mkdtempSync(join(tmpdir(), 'fakeredis-probe-'));
const child = spawn('redis-server', ['--port', String(port)], { cwd, stdio: 'ignore' });
try {
  let all;
  for (let i = 0; i < 100 && !all; i++) {
    try {
      all = await command(port, ['CONFIG', 'GET', '*']);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const parameters = {};
  for (let i = 0; i < all.length; i += 2) parameters[all[i]] = all[i + 1];
  const hidden = {};
  for (const name of HIDDEN) {
    const [, value] = await command(port, ['CONFIG', 'GET', name]);
    hidden[name] = value;
  }
  parameters.port = '6379';
  parameters.dir = null;
  const sorted = (o) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1)));
  const out = { server: 'redis', version, parameters: sorted(parameters), hidden: sorted(hidden) };
  const file = resolve(dirname(fileURLToPath(import.meta.url)), `../../src/config/defaults.redis-${version}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${file} (${Object.keys(parameters).length} parameters)`);
} finally {
  child.kill('SIGKILL');
  rmSync(cwd, { recursive: true, force: true });
}
