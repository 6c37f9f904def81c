import { describe, expect, it } from 'vitest';
import { targetNames, useTarget } from '@fakeredis/tooling/clients';

// Blocking stream reads through ioredis 6: XREAD BLOCK and XREADGROUP BLOCK on one
// connection served by XADD on another, in blocking order; BLOCK's own timeout; XGROUP
// DESTROY and DEL failing a blocked XREADGROUP; CLIENT UNBLOCK. Every test runs against
// the fake and, for reference, a real redis-server.

describe.each(targetNames)('ioredis: blocking stream reads (%s)', (name) => {
  const target = useTarget(name);

  describe.each([3, 2] as const)('RESP%i', (protocol) => {
    it('XREAD BLOCK $ is served by another client\'s XADD', async () => {
      const a = target.ioredis({ protocol });
      const b = target.ioredis({ protocol });
      await b.xadd('s', '1-1', 'f', 'old');
      const read = a.xread('BLOCK', 0, 'STREAMS', 's', '$');
      await target.waitForBlocked(1);
      expect(await b.xadd('s', '2-1', 'f', 'new', 'g', 'x')).toBe('2-1');
      const reply = await read;
      if (protocol === 2) expect(reply).toEqual([['s', [['2-1', ['f', 'new', 'g', 'x']]]]]);
      else expect(JSON.stringify(reply)).toContain('"2-1",["f","new","g","x"]');
    });

    it('XREADGROUP BLOCK >: two consumers of a group share the new entries in blocking order', async () => {
      const [a, b, c] = [target.ioredis({ protocol }), target.ioredis({ protocol }), target.ioredis({ protocol })];
      await c.xgroup('CREATE', 'jobs', 'workers', '$', 'MKSTREAM');
      const first = a.xreadgroup('GROUP', 'workers', 'w1', 'COUNT', 1, 'BLOCK', 0, 'STREAMS', 'jobs', '>');
      await target.waitForBlocked(1);
      const second = b.xreadgroup('GROUP', 'workers', 'w2', 'COUNT', 1, 'BLOCK', 0, 'STREAMS', 'jobs', '>');
      await target.waitForBlocked(2);
      await c.xadd('jobs', '1-1', 'job', 'a');
      await c.xadd('jobs', '2-1', 'job', 'b');
      expect(JSON.stringify(await first)).toContain('"1-1",["job","a"]');
      expect(JSON.stringify(await second)).toContain('"2-1",["job","b"]');
      expect(await c.xpending('jobs', 'workers')).toEqual([2, '1-1', '2-1', [['w1', '1'], ['w2', '1']]]);
      expect(await c.xack('jobs', 'workers', '1-1', '2-1')).toBe(2);
    });

    it('BLOCK times out with a null reply', async () => {
      const a = target.ioredis({ protocol });
      await a.xgroup('CREATE', 's', 'g', '$', 'MKSTREAM');
      expect(await a.xread('BLOCK', 30, 'STREAMS', 's', '$')).toBeNull();
      expect(await a.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 30, 'STREAMS', 's', '>')).toBeNull();
    });

    it('a blocked XREADGROUP fails when its group is destroyed or its key deleted', async () => {
      const a = target.ioredis({ protocol });
      const b = target.ioredis({ protocol });
      await b.xgroup('CREATE', 's', 'g', '$', 'MKSTREAM');
      const destroyed = a.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 0, 'STREAMS', 's', '>').then(String, (e: Error) => e.message);
      await target.waitForBlocked(1);
      await b.xgroup('DESTROY', 's', 'g');
      expect(await destroyed).toBe('NOGROUP the consumer group this client was blocked on no longer exists');
      await b.xgroup('CREATE', 's', 'g', '$');
      const deleted = a.xreadgroup('GROUP', 'g', 'c', 'BLOCK', 0, 'STREAMS', 's', '>').then(String, (e: Error) => e.message);
      await target.waitForBlocked(1);
      await b.del('s');
      expect(await deleted).toBe('UNBLOCKED the stream key no longer exists');
    });

    it('CLIENT UNBLOCK ends a blocked XREAD as a timeout', async () => {
      const a = target.ioredis({ protocol });
      const b = target.ioredis({ protocol });
      const read = a.xread('BLOCK', 0, 'STREAMS', 's', '$');
      await target.waitForBlocked(1);
      const id = await target.idOfClientRunning('xread');
      expect(await b.client('UNBLOCK', id)).toBe(1);
      expect(await read).toBeNull();
    });
  });
});
