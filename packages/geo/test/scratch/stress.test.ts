import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);
import { FakeServer } from '@fakeredis/core';
import { connectFake, connectReal, replaySequence, startRealServer, type Arg } from '@fakeredis/tooling/conformance';
import { expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

it('many searches over many points agree', async () => {
  const real = await startRealServer();
  const fake = new FakeServer({ mixins });
  const r = await connectReal(real.port);
  const f = connectFake(fake);
  let seed = Number(process.env.SEED ?? 99);
  const rnd = () => { seed = (seed * 16807) % 2147483647; return seed / 2147483647; };
  const cmds: Arg[][] = [];
  const hubs = [[13.4, 52.5], [0, 0], [179.9, -18], [-179.95, 64], [15.6, 78.2], [0, 85.05], [-120, -84.9], [100, 30]];
  for (let c = 0; c < 40; c++) {
    const args: Arg[] = ['GEOADD', 'g'];
    for (let i = 0; i < 50; i++) {
      const [hx, hy] = hubs[Math.floor(rnd() * hubs.length)]!;
      const spread = rnd() < 0.5 ? 0.05 : 3;
      const x = Math.max(-180, Math.min(180, hx! + (rnd() - 0.5) * spread));
      const y = Math.max(-85.05112878, Math.min(85.05112878, hy! + (rnd() - 0.5) * spread));
      args.push(x.toFixed(Math.floor(rnd() * 8)), y.toFixed(Math.floor(rnd() * 8)), `m${c}_${i % 37}`);
    }
    cmds.push(args);
  }
  const units = ['m', 'km', 'mi', 'ft'];
  for (let i = 0; i < 4000; i++) {
    const [hx, hy] = hubs[Math.floor(rnd() * hubs.length)]!;
    const x = Math.max(-180, Math.min(180, hx! + (rnd() - 0.5) * 4)).toFixed(5);
    const y = Math.max(-85.05112878, Math.min(85.05112878, hy! + (rnd() - 0.5) * 4)).toFixed(5);
    const unit = units[Math.floor(rnd() * 4)]!;
    const size = (10 ** (rnd() * 7)).toFixed(3);
    const shape = rnd() < 0.5 ? ['BYRADIUS', size, 'm'] : ['BYBOX', size, (10 ** (rnd() * 7)).toFixed(3), 'm'];
    const opts: Arg[] = ['WITHDIST', 'WITHHASH'];
    if (rnd() < 0.3) opts.push('COUNT', String(1 + Math.floor(rnd() * 30)));
    if (rnd() < 0.3) opts.push(rnd() < 0.5 ? 'ASC' : 'DESC');
    cmds.push(['GEOSEARCH', 'g', 'FROMLONLAT', x, y, ...shape, ...opts]);
    if (i % 10 === 0) cmds.push(['GEOSEARCHSTORE', 'd', 'g', 'FROMLONLAT', x, y, ...shape, 'STOREDIST'], ['ZRANGE', 'd', '0', '-1']);
    void unit;
  }
  let error = '';
  try { await replaySequence(r.conn, f.conn, cmds); } catch (e) { error = String(e); require('node:fs').writeFileSync('/tmp/geo/stress-err.txt', error); }
  r.close(); f.close(); fake.close(); await real.stop();
  expect(error).toBe('');
}, 600_000);
