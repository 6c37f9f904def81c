#!/usr/bin/env node
// `node tooling/bench/ab/ab.mjs base new [rounds]` (ONLY=call,client,create to pick): two
// bundles of ab/bundle.mjs loaded in one process and measured in interleaved rounds:
// server.call SET+GET (µs per command), FakeRedis and the ioredis floor (µs per awaited
// SET+GET pair), a new FakeServer + PING + close and a new FakeRedis to first reply (ms).
// Prints medians, minima and the median of the per-round ratios new/base.
import Redis from 'ioredis';

const files = process.argv.slice(2).filter((a) => !/^\d+$/.test(a));
const rounds = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const only = process.env.ONLY?.split(',');
const variants = [];
for (const f of files) variants.push({ name: f, mod: await import(new URL(`../node_modules/.ab/${f}.mjs`, import.meta.url)) });
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const keys = Array.from({ length: 1000 }, (_, i) => `key:${i}`);
function callBench(m, n) {
  const s = new m.FakeServer();
  const t = performance.now();
  for (let i = 0; i < n; i++) { const k = keys[i % 1000]; s.call('SET', k, 'value'); s.call('GET', k); }
  const r = (performance.now() - t) * 1000 / n / 2; s.close(); return r; // µs per command
}
async function clientBench(c, n) {
  const t = performance.now();
  for (let i = 0; i < n; i++) { await c.set(`key:${i}`, `value:${i}`); await c.get(`key:${i}`); }
  return (performance.now() - t) * 1000 / n; // µs per pair
}
class FloorConnector {
  constructor(m) { this.m = m; }
  connect() {
    const end = { address: '127.0.0.1', port: 6379 }; let socket;
    socket = this.m.MemorySocket.toPeer(end, end, { receive(chunk) { const text = chunk.toString('latin1'); let c = text.startsWith('*') ? 1 : 0; for (let i = text.indexOf('\r\n*'); i >= 0; i = text.indexOf('\r\n*', i + 3)) c++; socket.deliver(Buffer.from('+OK\r\n'.repeat(c))); }, receiveEof() {} });
    return Promise.resolve(socket);
  }
  disconnect() {} check() { return true; }
}
function createBench(m, n) {
  const t = performance.now();
  for (let i = 0; i < n; i++) { const s = new m.FakeServer(); s.call('PING'); s.close(); }
  return (performance.now() - t) / n; // ms
}
async function clientCreate(m, n) {
  const t = performance.now();
  for (let i = 0; i < n; i++) { const r = new m.FakeRedis({ server: new m.FakeServer() }); await r.ping(); r.disconnect(); }
  return (performance.now() - t) / n;
}
const res = {};
const add = (k, v) => ((res[k] ??= []).push(v));
for (let r = 0; r < rounds; r++) {
  for (const v of variants) {
    if (!only || only.includes('call')) { add(`${v.name} call µs/cmd`, callBench(v.mod, 100000)); }
    if (!only || only.includes('client')) {
      const c = new v.mod.FakeRedis({ server: new v.mod.FakeServer() }); await clientBench(c, 500);
      add(`${v.name} FakeRedis µs/pair`, await clientBench(c, 4000)); c.disconnect();
      const f = new Redis({ protocol: 2, enableReadyCheck: false, Connector: class extends FloorConnector { constructor() { super(v.mod); } } });
      await clientBench(f, 500); add(`${v.name} floor µs/pair`, await clientBench(f, 4000)); f.disconnect();
    }
    if (!only || only.includes('create')) { add(`${v.name} new server ms`, createBench(v.mod, 40)); add(`${v.name} new FakeRedis ms`, await clientCreate(v.mod, 20)); }
  }
}
for (const [k, v] of Object.entries(res)) console.log(k.padEnd(40), 'median', median(v).toFixed(3), 'min', Math.min(...v).toFixed(3), ' [', v.map((x) => x.toFixed(2)).join(' '), ']');
if (variants.length === 2) {
  const [a, b] = variants.map((v) => v.name);
  for (const k of Object.keys(res)) {
    if (!k.startsWith(a)) continue;
    const other = res[k.replace(a, b)];
    if (!other) continue;
    const ratios = res[k].map((x, i) => other[i] / x);
    console.log(`paired ${b}/${a}`.padEnd(30), k.slice(a.length).padEnd(22), 'median ratio', median(ratios).toFixed(3), ' [', ratios.map((x) => x.toFixed(2)).join(' '), ']');
  }
}
process.exit(0);
