import { createFakeNodeRedisClient } from '@fakeredis/composer';
import { afterEach, describe, expect, it } from 'vitest';
import { PubSubServer } from './fixtures.js';

type Closable = { isOpen: boolean; close(): Promise<unknown> };
const open: Closable[] = [];
function track<T extends Closable>(client: T): T {
  open.push(client);
  return client;
}
afterEach(async () => {
  for (const client of open.splice(0)) if (client.isOpen) await client.close();
});

/** A listener that collects what it is called with and resolves once it has `count` calls. */
function collector<T extends unknown[]>(count: number): { listener: (...args: T) => void; done: Promise<T[]> } {
  const calls: T[] = [];
  let resolve: (calls: T[]) => void = () => {};
  const done = new Promise<T[]>((r) => (resolve = r));
  return {
    listener: (...args: T) => {
      calls.push(args);
      if (calls.length === count) resolve(calls);
    },
    done,
  };
}

describe.each([3, 2] as const)('node-redis, RESP%i', (RESP) => {
  it('subscribe(channel, listener) and publish', async () => {
    const server = new PubSubServer();
    const pub = track(createFakeNodeRedisClient(server, { RESP }));
    const sub = track(pub.duplicate());
    await Promise.all([pub.connect(), sub.connect()]);
    const { listener, done } = collector<[string, string]>(2);
    await sub.subscribe(['news', 'sport'], listener);
    expect(server.pubsub.subscriptions().channels).toEqual(new Map([['news', 1], ['sport', 1]]));
    expect(await pub.publish('news', 'one')).toBe(1);
    expect(await pub.publish('sport', 'two')).toBe(1);
    expect(await done).toEqual([
      ['one', 'news'],
      ['two', 'sport'],
    ]);
    expect(await pub.pubSubNumSub(['news', 'none'])).toEqual({ news: 1, none: 0 });
    await sub.unsubscribe('news');
    expect(await pub.pubSubChannels()).toEqual(['sport']);
  });

  it('pSubscribe: the listener gets the channel', async () => {
    const server = new PubSubServer();
    const pub = track(createFakeNodeRedisClient(server, { RESP }));
    const sub = track(pub.duplicate());
    await Promise.all([pub.connect(), sub.connect()]);
    const { listener, done } = collector<[string, string]>(1);
    await sub.pSubscribe('user:*', listener);
    expect(await pub.pubSubNumPat()).toBe(1);
    expect(await pub.publish('user:7', 'login')).toBe(1);
    expect(await done).toEqual([['login', 'user:7']]);
    await sub.pUnsubscribe('user:*');
    expect(await pub.pubSubNumPat()).toBe(0);
  });

  it('sSubscribe and sPublish', async () => {
    const server = new PubSubServer();
    const pub = track(createFakeNodeRedisClient(server, { RESP }));
    const sub = track(pub.duplicate());
    await Promise.all([pub.connect(), sub.connect()]);
    const { listener, done } = collector<[string, string]>(1);
    await sub.sSubscribe('orders', listener);
    expect(await pub.pubSubShardChannels()).toEqual(['orders']);
    expect(await pub.sPublish('orders', 'o-1')).toBe(1);
    expect(await done).toEqual([['o-1', 'orders']]);
    expect(await pub.pubSubShardNumSub(['orders'])).toEqual({ orders: 1 });
    await sub.sUnsubscribe('orders');
    expect(await pub.pubSubShardNumSub(['orders'])).toEqual({ orders: 0 });
  });

  it('binary messages as Buffers', async () => {
    const server = new PubSubServer();
    const pub = track(createFakeNodeRedisClient(server, { RESP }));
    const sub = track(pub.duplicate());
    await Promise.all([pub.connect(), sub.connect()]);
    const { listener, done } = collector<[Buffer, Buffer]>(1);
    await sub.subscribe('bin', listener, true);
    const payload = Buffer.from([0, 0xff, 0x0d, 0x0a]);
    expect(await pub.publish('bin', payload)).toBe(1);
    const [[message, channel]] = (await done) as [[Buffer, Buffer]];
    expect(message).toEqual(payload);
    expect(channel).toEqual(Buffer.from('bin'));
  });
});

describe('node-redis, RESP3', () => {
  it('one client subscribes and runs commands on the same connection', async () => {
    const server = new PubSubServer();
    const client = track(createFakeNodeRedisClient(server, { RESP: 3 }));
    await client.connect();
    const { listener, done } = collector<[string, string]>(1);
    await client.subscribe('self', listener);
    expect(await client.set('k', 'v')).toBe('OK');
    expect(await client.publish('self', 'hi')).toBe(1);
    expect(await done).toEqual([['hi', 'self']]);
    expect(await client.get('k')).toBe('v');
  });
});
