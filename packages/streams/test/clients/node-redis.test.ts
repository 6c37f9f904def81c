import { describe, expect, it } from 'vitest';
import { nodeRedisPair, targetNames, useTarget } from '@fakeredis/tooling/clients';

// Blocking stream reads through node-redis 6 on a duplicate() (node-redis's advice for
// blocking commands): xRead and xReadGroup with BLOCK served by another client's xAdd,
// timeouts, and node-redis's reply transforms. Every test runs against the fake and, for
// reference, a real redis-server.

describe.each(targetNames)('node-redis: blocking stream reads (%s)', (name) => {
  const target = useTarget(name);

  /** A connected client and a connected duplicate of it to block on. */
  const pair = (RESP: 2 | 3) => nodeRedisPair(target, RESP);

  describe.each([3, 2] as const)('RESP%i', (RESP) => {
    it('xRead and xReadGroup with BLOCK on a duplicate() are served by xAdd', async () => {
      const [client, blocker] = await pair(RESP);
      try {
        const read = blocker.xRead({ key: 's', id: '$' }, { BLOCK: 0 });
        await target.waitForBlocked(1);
        expect(await client.xAdd('s', '1-1', { f: 'v' })).toBe('1-1');
        expect(JSON.stringify(await read)).toContain('1-1');
        expect(JSON.stringify(await read)).toContain('"f":"v"');

        await client.xGroupCreate('s', 'g', '$');
        const group = blocker.xReadGroup('g', 'c', { key: 's', id: '>' }, { BLOCK: 0, COUNT: 5 });
        await target.waitForBlocked(1);
        await client.xAdd('s', '2-1', { job: 'a' });
        const served = JSON.stringify(await group);
        expect(served).toContain('2-1');
        expect(served).toContain('"job":"a"');
        expect(await client.xAck('s', 'g', '2-1')).toBe(1);
        expect(await client.xLen('s')).toBe(2);
      } finally {
        blocker.destroy();
        client.destroy();
      }
    });

    it('a BLOCK timeout resolves null', async () => {
      const [client, blocker] = await pair(RESP);
      try {
        expect(await blocker.xRead({ key: 's', id: '$' }, { BLOCK: 30 })).toBeNull();
      } finally {
        blocker.destroy();
        client.destroy();
      }
    });
  });
});
