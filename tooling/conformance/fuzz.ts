import type { FakeServer } from '@fakeredis/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Arg, connectFake, connectReal } from './connection.js';
import { redisServerAvailable, SHARED_START_CONFIG, startRealServer, type RealServer } from './real-server.js';
import { type Compare, compare } from './runner.js';

export interface FuzzOptions {
  createServer: (config: Record<string, string>) => FakeServer;
  /** One random command (argv). Keep key and value alphabets small so commands collide. */
  command: fc.Arbitrary<Arg[]>;
  /** How to compare a command's replies; default 'exact'. */
  compareFor?: (argv: Arg[]) => Compare;
  /** Commands per run (default 1..40). */
  maxCommands?: number;
  /** Runs per protocol; FAKEREDIS_FUZZ_RUNS overrides (default 60 in CI). */
  numRuns?: number;
  seed?: number;
}

/**
 * Differential fuzzing: random command sequences run on a real redis-server and on the
 * fake, every reply compared, in RESP2 and RESP3. fast-check shrinks a failure to a
 * minimal sequence. The seed is fixed so CI is repeatable; FAKEREDIS_FUZZ_SEED and
 * FAKEREDIS_FUZZ_RUNS widen a run on demand.
 */
export function fuzzCommands(suite: string, options: FuzzOptions): void {
  const available = redisServerAvailable();
  const runs = Number(process.env.FAKEREDIS_FUZZ_RUNS ?? options.numRuns ?? 60);
  const seed = Number(process.env.FAKEREDIS_FUZZ_SEED ?? options.seed ?? 20261121);
  if (!available && process.env.CI) {
    describe(suite, () => {
      it('needs redis-server', () => {
        throw new Error('redis-server is not installed; fuzzing needs it under CI');
      });
    });
    return;
  }
  describe.skipIf(!available)(`${suite} (differential fuzzing vs redis-server)`, () => {
    let real: RealServer;
    beforeAll(async () => {
      real = await startRealServer();
    });
    afterAll(async () => {
      await real?.stop();
    });
    for (const protocol of [2, 3] as const) {
      it(`random sequences agree [RESP${protocol}]`, async () => {
        const sequences = fc.array(options.command, { minLength: 1, maxLength: options.maxCommands ?? 40 });
        await fc.assert(
          fc.asyncProperty(sequences, async (commands) => {
            const fake = options.createServer({ ...SHARED_START_CONFIG });
            const realConn = await connectReal(real.port);
            const fakeConn = connectFake(fake);
            try {
              if (protocol === 3) {
                await realConn.conn.send(['HELLO', '3']);
                await fakeConn.conn.send(['HELLO', '3']);
              }
              await realConn.conn.send(['FLUSHALL']);
              for (const argv of commands) {
                const [expected, actual] = await Promise.all([realConn.conn.send(argv), fakeConn.conn.send(argv)]);
                const diff = compare(expected, actual, options.compareFor?.(argv) ?? 'exact');
                if (diff) throw new Error(`${argv.map((a) => JSON.stringify(String(a))).join(' ')}: ${diff}`);
              }
            } finally {
              realConn.close();
              fakeConn.close();
              fake.close();
            }
          }),
          { numRuns: runs, seed, endOnFailure: false },
        );
      }, 120_000);
    }
  });
}
