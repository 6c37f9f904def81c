import type { FakeServer } from '@fakeredis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Arg, connectFake, connectReal, type WireConnection } from './connection.js';
import { type RealServer, redisServerAvailable, SHARED_START_CONFIG, startRealServer } from './real-server.js';
import { referenceBinary } from './reference.js';
import type { Wire } from './wire.js';

/** One DUMP / RESTORE round trip: keys built by `setup` on both servers, then read with `read`. */
export interface DumpCase {
  name: string;
  /** Commands that build the keys (run on both servers, replies compared). */
  setup: Arg[][];
  keys: string[];
  /** Commands that read a key's value (`$` is the key), compared across every copy. */
  read: Arg[][];
  /**
   * Whether DUMP's bytes must be equal. False only for encodings whose iteration order
   * Redis leaves to its hash seed (hashtable sets and hashes): their values are compared.
   */
  sameBytes?: boolean;
  /** CONFIG SET pairs applied to both servers first. */
  config?: Record<string, string>;
}

const show = (w: Wire): string => JSON.stringify(w);

/**
 * DUMP / RESTORE between the fake and redis-server, both directions: for each key, DUMP on
 * each side (bytes compared unless `sameBytes` is false); the real server's payload
 * RESTOREd in the fake and the fake's in the real server; every copy read with `read`
 * and OBJECT ENCODING: the fake's key compared with the real one, every restored copy
 * with the real server's payload restored in the real server.
 */
export function runDumpRoundTrips(
  suite: string,
  createServer: (config: Record<string, string>) => FakeServer,
  cases: DumpCase[],
  /**
   * A reference server of a later version, named by its environment variable
   * (FAKEREDIS_REDIS_7_4, see reference.ts): the suite runs against it and is skipped
   * without it. Default: the installed redis-server (7.0).
   */
  referenceEnvName?: string,
): void {
  const binary = referenceEnvName === undefined ? undefined : referenceBinary(referenceEnvName);
  const skip = referenceEnvName === undefined ? !redisServerAvailable() && !process.env.CI : binary === undefined;
  describe.skipIf(skip)(`${suite} (DUMP / RESTORE round trips with ${referenceEnvName ?? 'redis-server'})`, () => {
    let real: RealServer;
    let realConn: WireConnection;
    let closeReal: () => void;
    beforeAll(async () => {
      real = await startRealServer([], binary);
      ({ conn: realConn, close: closeReal } = await connectReal(real.port));
    });
    afterAll(async () => {
      closeReal?.();
      await real?.stop();
    });
    for (const c of cases) {
      it(c.name, async () => {
        const fake = createServer({ ...SHARED_START_CONFIG });
        const { conn: fakeConn, close: closeFake } = connectFake(fake);
        const saved: Array<[string, string]> = [];
        try {
          await realConn.send(['FLUSHALL']);
          for (const [k, v] of Object.entries(c.config ?? {})) {
            const before = await realConn.send(['CONFIG', 'GET', k]);
            const value = before.t === 'array' ? before.v[1] : before.t === 'map' ? before.v[0]?.[1] : undefined;
            if (value !== undefined && value.t === 'bulk') saved.push([k, value.v]);
            const r = await realConn.send(['CONFIG', 'SET', k, v]);
            const f = await fakeConn.send(['CONFIG', 'SET', k, v]);
            expect(show(f)).toBe(show(r));
          }
          for (const cmd of c.setup) {
            const r = await realConn.send(cmd);
            const f = await fakeConn.send(cmd);
            expect(show(f), `setup ${cmd.join(' ')}`).toBe(show(r));
          }
          for (const key of c.keys) {
            const realDump = await realConn.send(['DUMP', key]);
            const fakeDump = await fakeConn.send(['DUMP', key]);
            expect(realDump.t).toBe('bulk');
            expect(fakeDump.t).toBe('bulk');
            if (c.sameBytes !== false) expect(show(fakeDump), `DUMP ${key}`).toBe(show(realDump));
            const realPayload = Buffer.from((realDump as { v: string }).v, 'latin1');
            const fakePayload = Buffer.from((fakeDump as { v: string }).v, 'latin1');
            expect(show(await fakeConn.send(['RESTORE', `${key}:r`, '0', realPayload])), `RESTORE in the fake of ${key}`).toBe('{"t":"simple","v":"OK"}');
            expect(show(await realConn.send(['RESTORE', `${key}:f`, '0', fakePayload])), `RESTORE in redis of ${key}`).toBe('{"t":"simple","v":"OK"}');
            // Copies restored on the same side, too.
            expect(show(await fakeConn.send(['RESTORE', `${key}:ff`, '0', fakePayload]))).toBe('{"t":"simple","v":"OK"}');
            expect(show(await realConn.send(['RESTORE', `${key}:rr`, '0', realPayload]))).toBe('{"t":"simple","v":"OK"}');
            const reads = [...c.read, ['OBJECT', 'ENCODING', '$']];
            for (const read of reads) {
              const at = (k: string): Arg[] => read.map((a) => (a === '$' ? k : a));
              const original = show(await realConn.send(at(key)));
              expect(show(await fakeConn.send(at(key))), `${read.join(' ')} on the fake's ${key}`).toBe(original);
              // A restored value takes the encoding a load gives it, which may differ from the original's.
              const expected = show(await realConn.send(at(`${key}:rr`)));
              expect(show(await fakeConn.send(at(`${key}:r`))), `${read.join(' ')} on redis's payload restored in the fake`).toBe(expected);
              expect(show(await fakeConn.send(at(`${key}:ff`))), `${read.join(' ')} on the fake's payload restored in the fake`).toBe(expected);
              expect(show(await realConn.send(at(`${key}:f`))), `${read.join(' ')} on the fake's payload restored in redis`).toBe(expected);
            }
            if (c.sameBytes !== false) {
              // The restored copies dump to the same bytes again.
              expect(show(await fakeConn.send(['DUMP', `${key}:r`]))).toBe(show(await realConn.send(['DUMP', `${key}:rr`])));
            }
          }
        } finally {
          for (const [k, v] of saved) await realConn.send(['CONFIG', 'SET', k, v]);
          closeFake();
          fake.close();
        }
      });
    }
  });
}
