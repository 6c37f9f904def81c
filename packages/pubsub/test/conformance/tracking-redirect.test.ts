import { connectFake, connectReal, redisServerAvailable, type RealServer, startRealServer, type Wire, type WireConnection } from '@fakeredis/tooling/conformance';
import { FakeServer } from '@fakeredis/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixins } from './server.js';

// CLIENT TRACKING ... REDIRECT <id> names another connection's id, which differs between
// two servers, so these run the same steps on redis-server and on the fake with each
// side's own id, and compare what every connection received, in order (replies and
// messages alike).

type Step = { conn: string; cmd: string[] } | { wait: number };

async function run(open: () => Promise<{ conn: WireConnection; close: () => void }>, steps: Step[], protocol: 2 | 3): Promise<Record<string, unknown[]>> {
  const conns = new Map<string, { conn: WireConnection; close: () => void; log: unknown[] }>();
  const ids = new Map<string, string>();
  const get = async (name: string) => {
    let entry = conns.get(name);
    if (!entry) {
      const opened = await open();
      entry = { ...opened, log: [] };
      conns.set(name, entry);
      if (protocol === 3 && name !== 'r2') await opened.conn.send(['HELLO', '3']);
      const id = await opened.conn.send(['CLIENT', 'ID']);
      ids.set(name, String((id as { v: unknown }).v));
    }
    return entry;
  };
  for (const step of steps) {
    if ('wait' in step) {
      await new Promise((r) => setTimeout(r, step.wait));
      continue;
    }
    const entry = await get(step.conn);
    // "$id:<conn>" stands for that connection's id on this server.
    const cmd = await Promise.all(step.cmd.map(async (a) => (a.startsWith('$id:') ? ((await get(a.slice(4))), ids.get(a.slice(4)) as string) : a)));
    let reply: Wire = await entry.conn.send(cmd);
    await new Promise((r) => setTimeout(r, 20));
    // Ids differ between the servers: GETREDIR's and TRACKINGINFO's are shown by name.
    if (step.cmd[1] === 'GETREDIR' || step.cmd[1] === 'TRACKINGINFO') reply = maskIds(reply, ids);
    entry.log.push({ cmd: step.cmd, reply, pushes: entry.conn.unsolicited.splice(0).map((w) => maskIds(w, ids)) });
  }
  await new Promise((r) => setTimeout(r, 50));
  const out: Record<string, unknown[]> = {};
  for (const [name, entry] of conns) {
    out[name] = [...entry.log, { after: entry.conn.unsolicited.splice(0) }];
    entry.close();
  }
  return out;
}

/** Integers equal to a connection's id, shown as "$id:<name>". */
function maskIds(wire: Wire, ids: Map<string, string>): Wire {
  let text = JSON.stringify(wire);
  for (const [name, id] of ids) text = text.replaceAll(`{"t":"int","v":"${id}"}`, `{"t":"int","v":"$id:${name}"}`);
  return JSON.parse(text) as Wire;
}

const STEPS: Step[] = [
  { conn: 'r', cmd: ['SUBSCRIBE', '__redis__:invalidate'] },
  { conn: 'a', cmd: ['CLIENT', 'TRACKING', 'on', 'REDIRECT', '$id:r'] },
  { conn: 'a', cmd: ['CLIENT', 'GETREDIR'] },
  { conn: 'a', cmd: ['SET', 'k', 'v'] },
  { conn: 'a', cmd: ['GET', 'k'] },
  { conn: 'b', cmd: ['SET', 'k', 'v2'] },
  { conn: 'a', cmd: ['MGET', 'k', 'j'] },
  { conn: 'a', cmd: ['SET', 'j', '1'] },
  { conn: 'b', cmd: ['FLUSHALL'] },
  { conn: 'a', cmd: ['CLIENT', 'TRACKING', 'on', 'BCAST', 'REDIRECT', '$id:r'] },
  { conn: 'a', cmd: ['CLIENT', 'TRACKING', 'off'] },
  { conn: 'a', cmd: ['CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'p', 'REDIRECT', '$id:r'] },
  { conn: 'b', cmd: ['MSET', 'p2', 'x', 'q', 'y', 'p1', 'z'] },
  { wait: 50 },
  { conn: 'a', cmd: ['CLIENT', 'TRACKINGINFO'] },
  { conn: 'a', cmd: ['CLIENT', 'TRACKING', 'off'] },
  { conn: 'a', cmd: ['CLIENT', 'TRACKING', 'on', 'REDIRECT', '$id:r2'] },
  { conn: 'r2', cmd: ['QUIT'] },
  { conn: 'a', cmd: ['GET', 'k'] },
  { conn: 'b', cmd: ['SET', 'k', 'v3'] },
  { conn: 'a', cmd: ['CLIENT', 'TRACKINGINFO'] },
  { conn: 'a', cmd: ['PING'] },
];

describe.skipIf(!redisServerAvailable())('tracking with REDIRECT (conformance vs redis-server)', () => {
  let real: RealServer;
  beforeAll(async () => {
    real = await startRealServer();
  });
  afterAll(async () => {
    await real?.stop();
  });
  for (const protocol of [2, 3] as const) {
    it(`invalidation messages on __redis__:invalidate, BCAST, a broken redirection [RESP${protocol}]`, async () => {
      const fake = new FakeServer({ mixins });
      try {
        const expected = await run(() => connectReal(real.port), STEPS, protocol);
        const actual = await run(async () => connectFake(fake), STEPS, protocol);
        expect(JSON.stringify(actual, null, 1)).toBe(JSON.stringify(expected, null, 1));
      } finally {
        fake.close();
      }
    });
  }
});
