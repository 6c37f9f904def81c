import { createClientPool } from 'redis';
import { describe, expect, it } from 'vitest';
import { nodeRedisPair, targetNames, useTarget } from '@fakeredis/tooling/clients';

// The blocking list commands through node-redis 6: a blocking command on a duplicate()
// (node-redis's advice for blocking commands) or a pool's client, served by another
// client's push; timeouts; node-redis's reply transforms (BLPOP's { key, element },
// BLMPOP's untransformed [key, elements]); CLIENT UNBLOCK and CLIENT KILL. Every test
// runs against the fake and, for reference, a real redis-server.

describe.each(targetNames)('node-redis: blocking list commands (%s)', (name) => {
  const target = useTarget(name);

  /** A connected client and a connected duplicate of it to block on. */
  const pair = (RESP: 2 | 3) => nodeRedisPair(target, RESP);

  describe.each([3, 2] as const)('RESP%i', (RESP) => {
    it('blPop, brPop, blMove, brPopLPush and blmPop on a duplicate() are served by a push', async () => {
      const [client, blocker] = await pair(RESP);
      try {
        const blPop = blocker.blPop(['l1', 'l2'], 0);
        await target.waitForBlocked(1);
        expect(await client.rPush('l2', ['x', 'y'])).toBe(2);
        expect(await blPop).toEqual({ key: 'l2', element: 'x' });

        const brPop = blocker.brPop('r', 0);
        await target.waitForBlocked(1);
        await client.lPush('r', ['p', 'q']);
        expect(await brPop).toEqual({ key: 'r', element: 'p' });

        const blMove = blocker.blMove('src', 'dst', 'LEFT', 'RIGHT', 0);
        await target.waitForBlocked(1);
        await client.rPush('src', ['s1', 's2']);
        expect(await blMove).toBe('s1');

        const brPopLPush = blocker.brPopLPush('src2', 'dst', 0);
        await target.waitForBlocked(1);
        await client.rPush('src2', 't');
        expect(await brPopLPush).toBe('t');
        expect(await client.lRange('dst', 0, -1)).toEqual(['t', 's1']);

        // node-redis leaves LMPOP/BLMPOP's reply as it comes: [key, elements].
        const blmPop = blocker.blmPop(0, ['m1', 'm2'], 'LEFT', { COUNT: 2 });
        await target.waitForBlocked(1);
        await client.rPush('m2', ['1', '2', '3']);
        expect(await blmPop).toEqual(['m2', ['1', '2']]);
        expect(await client.lRange('m2', 0, -1)).toEqual(['3']);
      } finally {
        blocker.destroy();
      }
    });

    it('timeouts resolve null', async () => {
      const [, blocker] = await pair(RESP);
      try {
        const started = Date.now();
        expect(await blocker.blPop('k', 0.1)).toBeNull();
        expect(Date.now() - started).toBeGreaterThanOrEqual(90);
        expect(await blocker.brPop(['k', 'j'], 0.05)).toBeNull();
        expect(await blocker.blMove('k', 'd', 'LEFT', 'LEFT', 0.05)).toBeNull();
        expect(await blocker.brPopLPush('k', 'd', 0.05)).toBeNull();
        expect(await blocker.blmPop(0.05, 'k', 'RIGHT')).toBeNull();
      } finally {
        blocker.destroy();
      }
    });

    it('commands after a blocked one on the same client wait for it; MULTI does not block', async () => {
      const [client, blocker] = await pair(RESP);
      try {
        const blPop = blocker.blPop('l', 0);
        const after = blocker.lLen('l');
        await target.waitForBlocked(1);
        await client.rPush('l', ['a', 'b']);
        expect(await blPop).toEqual({ key: 'l', element: 'a' });
        expect(await after).toBe(1);
        expect(await client.multi().blPop('missing', 0).blPop('l', 0).blMove('missing', 'd', 'LEFT', 'LEFT', 0).exec()).toEqual([
          null,
          { key: 'l', element: 'b' },
          null,
        ]);
      } finally {
        blocker.destroy();
      }
    });

    it('a pool runs the blocking command on a client of its own', async () => {
      const pool = createClientPool({ RESP, socket: await target.tcp() }, { minimum: 1, maximum: 2 });
      await pool.connect();
      try {
        const blPop = pool.blPop('k', 0);
        await target.waitForBlocked(1);
        expect(await pool.rPush('k', 'v')).toBe(1);
        expect(await blPop).toEqual({ key: 'k', element: 'v' });
      } finally {
        pool.destroy();
      }
    });
  });

  it('CLIENT UNBLOCK ends the wait with null, or with UNBLOCKED ... ERROR', async () => {
    const [client, blocker] = await pair(3);
    try {
      const id = await blocker.clientId();
      const blPop = blocker.blPop('k', 0);
      await target.waitForBlocked(1);
      expect(await client.clientUnblock(id)).toBe(1);
      expect(await blPop).toBeNull();

      // The rejection may arrive before UNBLOCK's own reply: expect it before unblocking.
      const blMove = expect(blocker.blMove('k', 'd', 'LEFT', 'LEFT', 0)).rejects.toThrow('UNBLOCKED client unblocked via CLIENT UNBLOCK');
      await target.waitForBlocked(1);
      expect(await client.clientUnblock(id, 'ERROR')).toBe(1);
      await blMove;
      expect(await client.clientUnblock(id, 'TIMEOUT')).toBe(0);
    } finally {
      blocker.destroy();
    }
  });

  it('CLIENT KILL of a blocked client rejects its command; node-redis reconnects', async () => {
    const [client, blocker] = await pair(3);
    try {
      const id = await blocker.clientId();
      const blPop = expect(blocker.blPop('k', 0)).rejects.toThrow('Socket closed unexpectedly');
      await target.waitForBlocked(1);
      const reconnected = new Promise<void>((resolve) => blocker.once('ready', () => resolve()));
      expect(await client.clientKill({ filter: 'ID', id })).toBe(1);
      await blPop;
      await reconnected;
      expect(target.nodeRedisErrors.map((e) => e.message)).toContain('Socket closed unexpectedly');
      // Not blocked any more: the push stays, and the reconnected client can pop it.
      expect(await client.rPush('k', 'v')).toBe(1);
      expect(await blocker.blPop('k', 0)).toEqual({ key: 'k', element: 'v' });
    } finally {
      blocker.destroy();
    }
  });
});
