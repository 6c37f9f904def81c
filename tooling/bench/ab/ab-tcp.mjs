#!/usr/bin/env node
// `node tooling/bench/ab/ab-tcp.mjs base new [rounds] -- <redis-benchmark arguments>`: both
// bundles' TcpFakeServer in one process and a redis-server, benchmarked in turn each round
// (each emptied after its turn); prints medians and the medians of the per-round ratios.
import { spawn, spawnSync } from 'node:child_process';
import { startRedis } from '../harness.mjs';
const dash = process.argv.indexOf('--');
const pre = process.argv.slice(2, dash);
const files = pre.filter((a) => !/^\d+$/.test(a));
const rounds = Number(pre.find((a) => /^\d+$/.test(a)) ?? 3);
const args = process.argv.slice(dash + 1);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
function bench(port, extra = []) {
  return new Promise((resolve) => {
    const child = spawn('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), '--csv', ...args, ...extra], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = ''; child.stdout.on('data', (d) => (out += d));
    child.on('close', () => { const r = {}; for (const l of out.split('\n')) { const m = /^"([^"]+)","([\d.]+)"/.exec(l); if (m) r[m[1].split(' ')[0]] = Number(m[2]); } resolve(r); });
  });
}
const redis = await startRedis();
const servers = [];
for (const f of files) { const m = await import(new URL(`../node_modules/.ab/${f}.mjs`, import.meta.url)); servers.push({ name: f, tcp: await new m.TcpFakeServer({ port: 0 }).listen() }); }
const res = {};
for (let r = 0; r < rounds; r++) {
  for (const s of servers) { const out = await bench(s.tcp.port); for (const [k, v] of Object.entries(out)) (res[`${s.name} ${k}`] ??= []).push(v); s.tcp.server.call('FLUSHALL'); }
  const out = await bench(redis.port); for (const [k, v] of Object.entries(out)) (res[`redis ${k}`] ??= []).push(v); spawnSync('redis-cli', ['-p', String(redis.port), 'FLUSHALL']);
}
for (const [k, v] of Object.entries(res).sort()) console.log(k.padEnd(22), String(Math.round(median(v))).padStart(8), ' [', v.map((x) => Math.round(x)).join(' '), ']');
if (servers.length === 2) for (const k of Object.keys(res).filter((k) => k.startsWith(servers[0].name))) {
  const t = k.slice(servers[0].name.length + 1); const a = res[k], b = res[`${servers[1].name} ${t}`], r = res[`redis ${t}`];
  console.log(t.padEnd(8), 'paired new/base', median(b.map((x, i) => x / a[i])).toFixed(2), ' base/redis', median(a.map((x, i) => x / r[i])).toFixed(2), ' new/redis', median(b.map((x, i) => x / r[i])).toFixed(2));
}
for (const s of servers) { await s.tcp.close(); s.tcp.server.close(); }
redis.stop(); process.exit(0);
