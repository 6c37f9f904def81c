import type { FakeServer } from '@fakeredis/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Arg, connectFake, connectReal, type WireConnection } from './connection.js';
import { redisServerAvailable, SHARED_START_CONFIG, startRealServer, type RealServer } from './real-server.js';
import { referenceBinary } from './reference.js';
import { type Compare, compare, STEP_TIMEOUT_MS, TIMED_OUT, withTimeout } from './runner.js';

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
  /**
   * A reference server instead of Debian's redis-server: the environment variable naming
   * its binary (FAKEREDIS_REDIS_7_2, see reference.ts). Skipped when unset, under CI too.
   */
  reference?: string;
  /** Extra arguments of the real server (`--loadmodule <path>` for a module's commands). */
  realServerArgs?: string[];
}

/**
 * Differential fuzzing: random command sequences run on a real redis-server and on the
 * fake, every reply compared, in RESP2 and RESP3. fast-check shrinks a failure to a
 * minimal sequence. The seed is fixed so CI is repeatable; FAKEREDIS_FUZZ_SEED and
 * FAKEREDIS_FUZZ_RUNS widen a run on demand.
 */
export function fuzzCommands(suite: string, options: FuzzOptions): void {
  const binary = options.reference === undefined ? 'redis-server' : referenceBinary(options.reference);
  const available = binary !== undefined && redisServerAvailable(binary);
  const runs = Number(process.env.FAKEREDIS_FUZZ_RUNS ?? options.numRuns ?? 60);
  const seed = Number(process.env.FAKEREDIS_FUZZ_SEED ?? options.seed ?? 20261121);
  if (!available && process.env.CI && options.reference === undefined) {
    describe(suite, () => {
      it('needs redis-server', () => {
        throw new Error('redis-server is not installed; fuzzing needs it under CI');
      });
    });
    return;
  }
  describe.skipIf(!available)(`${suite} (differential fuzzing vs ${options.reference ?? 'redis-server'})`, () => {
    let real: RealServer;
    beforeAll(async () => {
      real = await startRealServer(options.realServerArgs ?? [], binary);
    });
    afterAll(async () => {
      await real?.stop();
    });
    for (const protocol of [2, 3] as const) {
      it(`random sequences agree [RESP${protocol}]`, async () => {
        let sent = 0;
        const sequences = fc.array(options.command, { minLength: 1, maxLength: options.maxCommands ?? 40 });
        await fc.assert(
          fc.asyncProperty(sequences, async (commands) => {
            const fake = options.createServer({ ...SHARED_START_CONFIG });
            const realConn = await connectReal(real.port);
            const fakeConn = connectFake(fake);
            try {
              if (protocol === 3) await replaySequence(realConn.conn, fakeConn.conn, [['HELLO', '3']], () => ({ except: ['id', 'path'] })); // a module's path: the real one loaded it from a file
              await realConn.conn.send(['FLUSHALL']);
              await replaySequence(realConn.conn, fakeConn.conn, commands, options.compareFor);
              sent += commands.length;
            } finally {
              realConn.close();
              fakeConn.close();
              fake.close();
            }
          }),
          { numRuns: runs, seed, endOnFailure: false },
        );
        // The figure an on-demand run records in its package's README.
        if (process.env.FAKEREDIS_FUZZ_RUNS) console.log(`${suite} RESP${protocol}: ${runs} runs, ${sent} commands, seed ${seed}, no divergence`);
      }, Math.max(120_000, runs * 50));
    }
  });
}

/**
 * Sends each command to both servers in turn and compares the replies; throws at the
 * first difference, or when a server does not answer within `timeoutMs` (naming the
 * whole sequence, since a lost reply would shift every later one).
 */
export async function replaySequence(
  real: WireConnection,
  fake: WireConnection,
  commands: Arg[][],
  compareFor?: (argv: Arg[]) => Compare,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  for (const [index, argv] of commands.entries()) {
    const [expected, actual] = await Promise.all([withTimeout(real.send(argv), timeoutMs), withTimeout(fake.send(argv), timeoutMs)]);
    if (expected === TIMED_OUT || actual === TIMED_OUT) {
      const silent = expected === TIMED_OUT ? (actual === TIMED_OUT ? 'redis and fake' : 'redis') : 'fake';
      throw new Error(`no reply from ${silent} within ${timeoutMs} ms to command ${index + 1} of:\n${showSequence(commands)}`);
    }
    const diff = compare(expected, actual, compareFor?.(argv) ?? 'exact');
    if (diff) throw new Error(`${showCommand(argv)}: ${diff}`);
  }
}

function showCommand(argv: Arg[]): string {
  return argv.map((a) => (Buffer.isBuffer(a) ? `<${a.toString('hex')}>` : JSON.stringify(String(a)))).join(' ');
}

function showSequence(commands: Arg[][]): string {
  return commands.map((argv, i) => `  ${i + 1}. ${showCommand(argv)}`).join('\n');
}
