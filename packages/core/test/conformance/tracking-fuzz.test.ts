import { connectFake, connectReal, redisServerAvailable, type RealServer, startRealServer, SHARED_START_CONFIG, type Wire } from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreMixins, FakeServer } from '../../src/index.js';

// Differential fuzzing of client-side caching against redis-server: a RESP3 tracking
// connection (a random mode per run: default, OPTIN, OPTOUT, NOLOOP or BCAST with
// prefixes) and a writer run random reads and writes of a few keys (core's commands);
// every reply, and the pushes the tracking connection received after each step, in
// order, must agree. TRACKING_FUZZ_RUNS sets the number of runs.

const KEYS = ['k:0', 'k:1', 'k:2', 'p:0', 'p:1'];
const MODES = [[], ['OPTIN'], ['OPTOUT'], ['NOLOOP'], ['BCAST'], ['BCAST', 'PREFIX', 'p:'], ['BCAST', 'PREFIX', 'k:', 'NOLOOP']];
const RUNS = Number(process.env.TRACKING_FUZZ_RUNS ?? 6);
const STEPS = 40;

describe.skipIf(!redisServerAvailable())('tracking: random reads and writes (differential fuzzing vs redis-server)', () => {
  let real: RealServer;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(async () => {
    await real?.stop();
  });

  it(`${RUNS} runs of ${STEPS} steps agree (seed 5)`, async () => {
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const mismatches: string[] = [];
    let pushes = 0;
    for (let run = 0; run < RUNS; run++) {
      const fake = new FakeServer({ mixins: [...coreMixins], config: { ...SHARED_START_CONFIG } });
      const sides = [
        { a: await connectReal(real.port), b: await connectReal(real.port) },
        { a: connectFake(fake), b: connectFake(fake) },
      ];
      const send = async (who: 'a' | 'b', cmd: string[]): Promise<[Wire, Wire]> => {
        const [r, f] = await Promise.all(sides.map((s) => s[who].conn.send(cmd)));
        return [r as Wire, f as Wire];
      };
      const mode = pick(MODES);
      const log: string[] = [`run ${run}: CLIENT TRACKING on ${mode.join(' ')}`];
      try {
        await send('a', ['FLUSHALL']);
        await send('a', ['HELLO', '3']);
        await send('a', ['CLIENT', 'TRACKING', 'on', ...mode]);
        for (let step = 0; step < STEPS && mismatches.length < 10; step++) {
          const key = pick(KEYS);
          const choices: Array<['a' | 'b', string[]]> = [
            ['a', ['EXISTS', key]], ['a', ['TYPE', key]], ['a', ['EXISTS', key, pick(KEYS)]], ['a', ['TTL', key]],
            ['b', ['DEBUG', 'POPULATE', '1', key.slice(0, 2)]], ['b', ['DEL', key]], ['a', ['DEL', key]], ['b', ['EXPIRE', key, '100']],
            ['b', ['PERSIST', key]], ['b', ['RENAME', key, pick(KEYS)]], ['a', ['COPY', key, pick(KEYS)]], ['b', ['FLUSHDB']],
            ['a', ['CLIENT', 'CACHING', pick(['yes', 'no'])]], ['a', ['MULTI']], ['a', ['EXEC']], ['b', ['DEBUG', 'POPULATE', '3', 'p:']],
          ];
          const [who, cmd] = pick(choices);
          const [r, f] = await send(who, cmd);
          await new Promise((resolve) => setTimeout(resolve, 15));
          const [pr, pf] = sides.map((s) => JSON.stringify(s.a.conn.unsolicited.splice(0)));
          if (pr !== '[]') pushes++;
          log.push(`${who}: ${cmd.join(' ')}`);
          if (JSON.stringify(r) !== JSON.stringify(f)) mismatches.push(`${log.join('\n')}\n  reply redis: ${JSON.stringify(r)}\n  reply fake:  ${JSON.stringify(f)}`);
          if (pr !== pf) mismatches.push(`${log.join('\n')}\n  pushes redis: ${pr}\n  pushes fake:  ${pf}`);
        }
      } finally {
        for (const s of sides) {
          s.a.close();
          s.b.close();
        }
        fake.close();
      }
    }
    expect(mismatches.slice(0, 3).join('\n\n')).toBe('');
    // Not vacuous: invalidations did arrive.
    expect(pushes).toBeGreaterThan(RUNS);
  }, 120_000);
});
