import { connectFake, connectReal, redisServerAvailable, type RealServer, startRealServer, type Wire, type WireConnection } from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreMixins, FakeServer } from '../../src/index.js';

// Differential fuzzing of ACL rules against redis-server: random rule sequences (fixed
// seed) applied with ACL SETUSER on both servers, then the replies of SETUSER, the user's
// ACL LIST line and ACL DRYRUN of calls touching keys, channels, subcommands and first
// arguments compared. Redis lists single-command rules in its command table's hash
// order (seeded at random per process), so the LIST line is compared as a set of words.
// ACL_FUZZ_RUNS sets the number of rule sequences.

const RULES = [
  'on', 'off', '>p', '<p', '>q', 'nopass', 'resetpass', '~a*', '~k*', '%R~r*', '%W~w*', '%RW~b*', '%', '%~x', 'allkeys', 'resetkeys',
  '&c*', '&d', 'allchannels', 'resetchannels', '+get', '-get', '+@read', '-@read', '+@write', '-@string', '-@hash', '+@all', '-@all',
  '+config|get', '-config', '+select|0', '+client', '-client|kill', 'allcommands', 'nocommands', 'reset', '(~s* +set)', '(%R~k* +@read)',
  '(&x* +publish)', '(+@admin)', 'clearselectors', '+nope', '#abc', 'foo', '~*', '&*', '-@dangerous', '+@slow', '-@fast', '+debug|object',
  '-@keyspace', '+@pubsub', '+exists', '+del', '+copy', '+rename', '+sort', 'skip-sanitize-payload', 'sanitize-payload',
];
const CALLS = [
  ['get', 'k1'], ['get', 'r1'], ['set', 'w1', 'v'], ['set', 'r1', 'v'], ['set', 'k1', 'v', 'get'], ['exists', 'r1', 'k2', 'w3'],
  ['del', 'w1', 'b1'], ['copy', 'r1', 'w1'], ['copy', 'w1', 'r1'], ['rename', 'b1', 'w1'], ['publish', 'c1', 'm'], ['publish', 'x1', 'm'],
  ['subscribe', 'c1', 'd'], ['psubscribe', 'c*'], ['psubscribe', 'x*'], ['config', 'get', 'x'], ['config', 'set', 'x', 'y'],
  ['client', 'id'], ['client', 'kill', 'x'], ['select', '0'], ['select', '1'], ['sort', 'k1', 'by', 'w*', 'store', 'r1'],
  ['mget', 'k1', 'a1'], ['ping'], ['spublish', 'c1', 'm'], ['debug', 'object', 'k1'],
];
const RUNS = Number(process.env.ACL_FUZZ_RUNS ?? 40);

const text = (w: Wire): string => JSON.stringify(w);
/** The fuzzed user's ACL LIST line as a sorted set of words. */
function listLine(w: Wire): string {
  if (w.t !== 'array') return text(w);
  const line = w.v.map((x) => (x.t === 'bulk' ? x.v : '')).find((l) => l.startsWith('user fz ')) ?? '';
  return line.split(' ').sort().join(' ');
}

describe.skipIf(!redisServerAvailable())('acl: random rules (differential fuzzing vs redis-server)', () => {
  let real: RealServer;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(async () => {
    await real?.stop();
  });

  it(`${RUNS} rule sequences agree (seed 7)`, async () => {
    const fake = new FakeServer({ mixins: [...coreMixins] });
    const r = await connectReal(real.port);
    const f = connectFake(fake);
    const both = (cmd: string[]) => Promise.all([r.conn.send(cmd), f.conn.send(cmd)]);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const mismatches: string[] = [];
    const check = (label: string, a: string, b: string) => {
      if (a !== b && mismatches.length < 20) mismatches.push(`${label}\n  redis: ${a}\n  fake:  ${b}`);
    };
    try {
      for (let run = 0; run < RUNS; run++) {
        if (run % 5 === 0) await both(['ACL', 'DELUSER', 'fz']);
        const rules = Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => RULES[Math.floor(rnd() * RULES.length)] as string);
        const [setR, setF] = await both(['ACL', 'SETUSER', 'fz', ...rules]);
        check(`SETUSER ${rules.join(' ')}`, text(setR), text(setF));
        const [listR, listF] = await both(['ACL', 'LIST']);
        check(`LIST after ${rules.join(' ')}`, listLine(listR), listLine(listF));
        for (const call of CALLS) {
          const [dryR, dryF] = await both(['ACL', 'DRYRUN', 'fz', ...call]);
          check(`DRYRUN ${call.join(' ')} after ${rules.join(' ')}`, text(dryR), text(dryF));
        }
      }
    } finally {
      await r.conn.send(['ACL', 'DELUSER', 'fz']);
      r.close();
      f.close();
      fake.close();
    }
    expect(mismatches.join('\n')).toBe('');
  }, 120_000);
});
