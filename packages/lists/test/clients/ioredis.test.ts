import { once } from 'node:events';
import { FakeRedis, FakeServer } from '@fakeredis/all';
import { describe, expect, it, vi } from 'vitest';
import { targetNames, useTarget } from '@fakeredis/tooling/clients';

// The blocking list commands through ioredis 6: a client blocked on one connection is
// served by another's push; timeouts (the server's, and ioredis's own commandTimeout and
// blockingTimeout); commands queued behind a blocked one; duplicate(); CLIENT UNBLOCK and
// CLIENT KILL. Every test runs against the fake and, for reference, a real redis-server.

describe.each(targetNames)('ioredis: blocking list commands (%s)', (name) => {
  const target = useTarget(name);

  describe.each([3, 2] as const)('RESP%i', (protocol) => {
    it('BLPOP, BRPOP, BLMOVE, BRPOPLPUSH and BLMPOP are served by another client\'s push', async () => {
      const a = target.ioredis({ protocol });
      const b = target.ioredis({ protocol });

      const blpop = a.blpop('l1', 'l2', 0);
      await target.waitForBlocked(1);
      expect(await b.rpush('l2', 'x', 'y')).toBe(2); // the length before the blocked client is served
      expect(await blpop).toEqual(['l2', 'x']);
      expect(await b.lrange('l2', 0, -1)).toEqual(['y']);

      const brpop = a.brpop('r', 0);
      await target.waitForBlocked(1);
      await b.lpush('r', 'p', 'q');
      expect(await brpop).toEqual(['r', 'p']);

      const blmove = a.blmove('src', 'dst', 'LEFT', 'RIGHT', 0);
      await target.waitForBlocked(1);
      await b.rpush('src', 's1', 's2');
      expect(await blmove).toBe('s1');

      const brpoplpush = a.brpoplpush('src2', 'dst', 0);
      await target.waitForBlocked(1);
      await b.rpush('src2', 't1', 't2');
      expect(await brpoplpush).toBe('t2');
      expect(await b.lrange('dst', 0, -1)).toEqual(['t2', 's1']);

      const blmpop = a.blmpop(0, 2, 'm1', 'm2', 'RIGHT', 'COUNT', 2);
      await target.waitForBlocked(1);
      await b.rpush('m2', '1', '2', '3');
      expect(await blmpop).toEqual(['m2', ['3', '2']]);
      expect(await b.lrange('m2', 0, -1)).toEqual(['1']);
    });

    it('binary keys and elements', async () => {
      const a = target.ioredis({ protocol });
      const b = target.ioredis({ protocol });
      const key = Buffer.from([0xff, 0x00, 0x0d, 0x0a]);
      const element = Buffer.from([0x00, 0x80, 0xfe]);
      const blpop = a.blpopBuffer(key, 0);
      await target.waitForBlocked(1);
      await b.rpush(key, element);
      expect(await blpop).toEqual([key, element]);
      const blmove = a.blmoveBuffer(key, element, 'LEFT', 'LEFT', 0);
      await target.waitForBlocked(1);
      await b.lpush(key, element);
      expect(await blmove).toEqual(element);
      expect(await b.lrangeBuffer(element, 0, -1)).toEqual([element]);
    });

    it('several clients blocked on one key are served in the order they blocked', async () => {
      const [a, b, c, pusher] = [1, 2, 3, 4].map(() => target.ioredis({ protocol }));
      const first = a!.blpop('q', 0);
      await target.waitForBlocked(1);
      const second = b!.brpop('q', 0);
      await target.waitForBlocked(2);
      const third = c!.blmpop(0, 1, 'q', 'LEFT', 'COUNT', 5);
      await target.waitForBlocked(3);
      await pusher!.rpush('q', '1', '2', '3', '4', '5');
      expect(await Promise.all([first, second, third])).toEqual([['q', '1'], ['q', '5'], ['q', ['2', '3', '4']]]);
      expect(await pusher!.exists('q')).toBe(0);
    });

    it('a blocking command\'s own timeout resolves null', async () => {
      const a = target.ioredis({ protocol });
      const started = Date.now();
      expect(await a.blpop('k', 0.1)).toBeNull();
      expect(Date.now() - started).toBeGreaterThanOrEqual(90);
      expect(await a.brpop('k', 'j', 0.05)).toBeNull();
      expect(await a.blmove('k', 'd', 'LEFT', 'LEFT', 0.05)).toBeNull();
      expect(await a.brpoplpush('k', 'd', 0.05)).toBeNull();
      expect(await a.blmpop(0.05, 1, 'k', 'LEFT')).toBeNull();
      expect(await a.exists('k', 'd')).toBe(0);
    });

    it('commands sent after a blocked one wait for it and answer in order, alone or in a pipeline', async () => {
      const a = target.ioredis({ protocol });
      const b = target.ioredis({ protocol });
      await b.set('x', 'before');
      const blocked = a.blpop('l', 0);
      const after = a.get('x');
      await target.waitForBlocked(1);
      await b.set('x', 'changed while a waited');
      await b.rpush('l', 'v');
      expect(await blocked).toEqual(['l', 'v']);
      expect(await after).toBe('changed while a waited');

      const pipeline = a.pipeline().brpop('p', 0).rpush('mine', 'm').lrange('p', 0, -1).exec();
      await target.waitForBlocked(1);
      expect(await b.exists('mine')).toBe(0); // queued behind the blocked BRPOP
      await b.rpush('p', '1', '2');
      expect(await pipeline).toEqual([[null, ['p', '2']], [null, 1], [null, ['1']]]);
    });

    it('a pipeline\'s push serves a client blocked on another connection, MULTI/EXEC too', async () => {
      const a = target.ioredis({ protocol });
      const b = target.ioredis({ protocol });
      const blocked = a.blmove('s', 'd', 'RIGHT', 'LEFT', 0);
      await target.waitForBlocked(1);
      // Served right after the push, before the pipeline's next command runs.
      expect(await b.pipeline().rpush('s', 'x', 'y').lrange('s', 0, -1).exec()).toEqual([[null, 2], [null, ['x']]]);
      expect(await blocked).toBe('y');

      const again = a.blpop('t', 0);
      await target.waitForBlocked(1);
      // Served after EXEC, with what the transaction left.
      expect(await b.multi().rpush('t', '1').rpush('t', '2').lpop('t').exec()).toEqual([[null, 1], [null, 2], [null, '1']]);
      expect(await again).toEqual(['t', '2']);
    });

    it('inside MULTI a blocking command does not block', async () => {
      const a = target.ioredis({ protocol });
      await a.rpush('l', 'v');
      expect(await a.multi().blpop('missing', 0).blpop('l', 0).blmove('missing', 'd', 'LEFT', 'LEFT', 0).exec()).toEqual([
        [null, null],
        [null, ['l', 'v']],
        [null, null],
      ]);
    });

    it('duplicate() gives a second connection to the same server', async () => {
      const a = target.ioredis({ protocol });
      const waiter = a.duplicate();
      const blocked = waiter.blmpop(0, 1, 'k', 'LEFT');
      await target.waitForBlocked(1);
      await a.lpush('k', 'v');
      expect(await blocked).toEqual(['k', ['v']]);
      waiter.disconnect();
    });
  });

  it('a client blocked in one database is served by a push to that database only', async () => {
    const a = target.ioredis({ db: 1 });
    const other = target.ioredis();
    const same = target.ioredis({ db: 1 });
    const blpop = a.blpop('k', 0);
    await target.waitForBlocked(1);
    await other.rpush('k', 'db0');
    await target.waitForBlocked(1);
    await same.rpush('k', 'db1');
    expect(await blpop).toEqual(['k', 'db1']);
    expect(await other.lrange('k', 0, -1)).toEqual(['db0']);
  });

  it('commandTimeout rejects the blocked command; the server still holds the client blocked', async () => {
    const a = target.ioredis({ commandTimeout: 200 });
    const b = target.ioredis();
    await a.ping(); // connected first: the 200 ms run while BLPOP is blocked
    await expect(a.blpop('k', 0)).rejects.toThrow('Command timed out');
    await target.waitForBlocked(1);
    // The connection is still blocked, so a later command waits behind it: the push serves
    // the abandoned BLPOP (its element is gone, its late reply skipped) and then GET runs.
    await b.set('g', 'v');
    const get = a.get('g');
    await b.rpush('k', 'lost');
    expect(await get).toBe('v');
    expect(await b.exists('k')).toBe(0);
    await target.waitForBlocked(0);
  });

  it('blockingTimeout resolves a BLPOP 0 with null on the client side, as ioredis does for a real server', async () => {
    const a = target.ioredis({ blockingTimeout: 60 });
    const b = target.ioredis();
    expect(await a.blpop('k', 0)).toBeNull();
    await target.waitForBlocked(1);
    await b.rpush('k', 'taken by the abandoned BLPOP');
    await target.waitForBlocked(0);
    expect(await b.llen('k')).toBe(0);
    // A finite timeout gets ioredis's timer at timeout + grace; the server's null comes first.
    expect(await a.blpop('k', 0.05)).toBeNull();
    expect(await a.get('nothing')).toBeNull(); // replies stay in step
  });

  it('CLIENT UNBLOCK ends the wait with a null reply, or with UNBLOCKED ... ERROR', async () => {
    const a = target.ioredis();
    const admin = target.ioredis();
    const id = await a.client('ID');

    const blpop = a.blpop('k', 0);
    await target.waitForBlocked(1);
    expect(await admin.client('UNBLOCK', id)).toBe(1);
    expect(await blpop).toBeNull();

    const blmove = a.blmove('k', 'd', 'LEFT', 'LEFT', 0);
    await target.waitForBlocked(1);
    expect(await admin.client('UNBLOCK', id, 'TIMEOUT')).toBe(1);
    expect(await blmove).toBeNull();

    // The rejection may arrive before UNBLOCK's own reply: expect it before unblocking.
    const blmpop = expect(a.blmpop(0, 1, 'k', 'LEFT')).rejects.toThrow('UNBLOCKED client unblocked via CLIENT UNBLOCK');
    await target.waitForBlocked(1);
    expect(await admin.client('UNBLOCK', id, 'ERROR')).toBe(1);
    await blmpop;

    expect(await admin.client('UNBLOCK', id)).toBe(0); // not blocked any more
    expect(await a.rpush('k', 'v')).toBe(1);
  });

  it('CLIENT KILL of a blocked client: ioredis reconnects and sends the BLPOP again', async () => {
    const a = target.ioredis();
    const admin = target.ioredis();
    const blpop = a.blpop('k', 0);
    await target.waitForBlocked(1);
    const reconnected = once(a, 'ready');
    expect(await admin.client('KILL', 'ID', await target.idOfClientRunning('blpop'))).toBe(1);
    await reconnected;
    await target.waitForBlocked(1);
    await admin.rpush('k', 'after the reconnect');
    expect(await blpop).toEqual(['k', 'after the reconnect']);
  });

  it('CLIENT KILL of a blocked client that does not reconnect rejects its BRPOPLPUSH', async () => {
    const a = target.ioredis({ retryStrategy: () => null });
    const admin = target.ioredis();
    // The rejection may arrive before KILL's own reply: expect it before killing.
    const brpoplpush = expect(a.brpoplpush('k', 'd', 0)).rejects.toThrow('Connection is closed.');
    await target.waitForBlocked(1);
    expect(await admin.client('KILL', 'ID', await target.idOfClientRunning('brpoplpush'))).toBe(1);
    await brpoplpush;
    await target.waitForBlocked(0);
    await admin.rpush('k', 'v');
    expect(await admin.lrange('k', 0, -1)).toEqual(['v']);
  });
});

describe('ioredis: blocking timeouts follow the fake server\'s clock', () => {
  it('under vitest\'s fake timers', async () => {
    vi.useFakeTimers();
    const server = new FakeServer();
    const a = new FakeRedis({ server });
    const b = new FakeRedis({ server });
    try {
      await a.ping();
      let settled = false;
      const blpop = a.blpop('k', 5).finally(() => (settled = true));
      await vi.advanceTimersByTimeAsync(4900);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(200);
      expect(await blpop).toBeNull();
      // 0 waits however far the clock moves.
      const forever = a.blmove('k', 'd', 'LEFT', 'LEFT', 0);
      await vi.advanceTimersByTimeAsync(10 ** 9);
      await b.rpush('k', 'v');
      expect(await forever).toBe('v');
    } finally {
      a.disconnect();
      b.disconnect();
      server.close();
      vi.useRealTimers();
    }
  });

  it('with the clock driven by hand', async () => {
    const server = new FakeServer();
    server.clock.freeze();
    const a = new FakeRedis({ server });
    const admin = new FakeRedis({ server });
    const blocked = async () => /blocked_clients:(\d+)/.exec(await admin.info('clients'))?.[1];
    try {
      const brpop = a.brpop('k', 5);
      while ((await blocked()) !== '1') await new Promise((resolve) => setImmediate(resolve));
      server.clock.advance(4999);
      expect(await blocked()).toBe('1');
      server.clock.advance(2);
      expect(await brpop).toBeNull();
      expect(await blocked()).toBe('0');
    } finally {
      a.disconnect();
      admin.disconnect();
      server.close();
    }
  });
});
