import { redisServerAvailable, startRealServer, type RealServer } from '@fakeredis/tooling/conformance';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTcp, type Outcome, probeBoth } from '../connection/tcp-pair.js';

// Differential fuzzing of request framing: random and mutated input sent over TCP to
// redis-server and to the fake, each on a fresh connection; what comes back and whether
// the connection is closed must be the same. Only commands whose replies do not depend on
// the connection or on time (no ids, no shared keys written). FUZZ_REAL_RUNS=n runs more,
// FUZZ_SEED=n other inputs.

const RUNS = Number(process.env.FUZZ_REAL_RUNS ?? 60);
const BATCH = 15;
const SEED = Number(process.env.FUZZ_SEED ?? 7014);

const token = fc.oneof(
  fc.constantFrom(
    '*', '$', '\r\n', '\r', '\n', '\0', '"', "'", '\\', '\\x4', '\\x41', ' ', '\t', '-1', '0', '1', '2', '3', '10',
    '2147483648', '99999999999999999999', 'PING', 'ping', 'ECHO', 'GET', 'EXISTS', 'TYPE', 'MULTI', 'EXEC',
    'DISCARD', 'QUIT', 'post', 'Host:', 'k', 'nosuch',
  ),
  fc.string({ maxLength: 6 }),
  fc.uint8Array({ maxLength: 6 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
const randomInput = fc.array(token, { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));

const arg = fc.constantFrom('k', '', 'a b', 'x\r\ny', '\0\xff', '"q"', "it's");
const command = fc.oneof(
  fc.constant(['PING']),
  arg.map((a) => ['ECHO', a]),
  arg.map((a) => ['GET', a]),
  fc.constant(['MULTI']),
  fc.constant(['EXEC']),
  fc.array(arg, { maxLength: 3 }).map((args) => ['nosuch', ...args]),
);
const encode = (args: string[]) => `*${args.length}\r\n${args.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`;
const inline = (args: string[]) => `${args.map((a) => (/^[a-z]+$/i.test(a) ? a : `"${a.replace(/[\\"]/g, '\\$&').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`)).join(' ')}\r\n`;
const mutatedInput = fc
  .tuple(
    fc.array(fc.tuple(command, fc.boolean()), { minLength: 1, maxLength: 6 }),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom('flip', 'insert', 'delete', 'truncate'), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
  )
  .map(([commands, mutations]) => {
    let text = commands.map(([args, asInline]) => (asInline ? inline(args) : encode(args))).join('');
    for (const [at, kind, byte] of mutations) {
      const i = at % Math.max(1, text.length);
      const c = String.fromCharCode(byte);
      if (kind === 'flip') text = text.slice(0, i) + c + text.slice(i + 1);
      else if (kind === 'insert') text = text.slice(0, i) + c + text.slice(i);
      else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1);
      else text = text.slice(0, i);
    }
    return text;
  });

const available = redisServerAvailable();

describe.skipIf(!available)('RESP framing, real vs fake', () => {
  let real: RealServer;
  const fake = new FakeTcp();

  beforeAll(async () => {
    real = await startRealServer();
    await fake.start();
  });
  afterAll(async () => {
    fake.stop();
    await real?.stop();
  });

  it('answers and closes as redis-server does on random and mutated input', async () => {
    const inputs = fc.sample(fc.oneof(randomInput, mutatedInput), { numRuns: RUNS, seed: SEED });
    const differences: string[] = [];
    for (let i = 0; i < inputs.length; i += BATCH) {
      const batch = inputs.slice(i, i + BATCH);
      const outcomes = await Promise.all(
        batch.map(async (input): Promise<[string, Outcome, Outcome]> => {
          const bytes = Buffer.from(input, 'latin1');
          const [r, f] = await probeBoth(real.port, fake.port, [bytes]);
          return [input, r, f];
        }),
      );
      for (const [input, r, f] of outcomes) {
        if (r.out !== f.out || r.closed !== f.closed) differences.push(`${JSON.stringify(input)}\n  redis: ${JSON.stringify(r)}\n  fake:  ${JSON.stringify(f)}`);
      }
    }
    expect(differences).toEqual([]);
  }, 120_000);
});
