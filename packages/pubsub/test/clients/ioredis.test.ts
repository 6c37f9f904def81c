import { createFakeIoredisClass, type FakeIoredis } from '@fakeredis/composer';
import { afterEach, describe, expect, it } from 'vitest';
import { nextEvent, PubSubServer } from './fixtures.js';

const FakeRedis = createFakeIoredisClass(PubSubServer);

const open: FakeIoredis[] = [];
function track<T extends FakeIoredis>(client: T): T {
  open.push(client);
  return client;
}
afterEach(() => {
  for (const client of open.splice(0)) client.disconnect();
  FakeRedis.registry.reset();
});

describe.each([2, 3] as const)('ioredis, RESP%i', (protocol) => {
  it('subscribe: the count, then message events in publish order', async () => {
    const server = new PubSubServer();
    const sub = track(new FakeRedis({ server, protocol }));
    const pub = track(new FakeRedis({ server, protocol }));
    expect(await sub.subscribe('news', 'sport')).toBe(2);
    const received: Array<[string, string]> = [];
    const done = new Promise<void>((resolve) => {
      sub.on('message', (channel: string, message: string) => {
        received.push([channel, message]);
        if (received.length === 3) resolve();
      });
    });
    expect(await pub.publish('news', 'one')).toBe(1);
    expect(await pub.publish('sport', 'two')).toBe(1);
    expect(await pub.publish('nobody', 'x')).toBe(0);
    expect(await pub.publish('news', 'héllo ✓')).toBe(1);
    await done;
    expect(received).toEqual([
      ['news', 'one'],
      ['sport', 'two'],
      ['news', 'héllo ✓'],
    ]);
    expect(await pub.pubsub('NUMSUB', 'news', 'sport')).toEqual(['news', 1, 'sport', 1]);
    expect(await sub.unsubscribe('news')).toBe(1);
    expect(await pub.pubsub('CHANNELS')).toEqual(['sport']);
  });

  it('psubscribe: pmessage events with the pattern', async () => {
    const server = new PubSubServer();
    const sub = track(new FakeRedis({ server, protocol }));
    const pub = track(new FakeRedis({ server, protocol }));
    expect(await sub.psubscribe('user:*')).toBe(1);
    const event = nextEvent<[string, string, string]>(sub, 'pmessage');
    expect(await pub.publish('user:42', 'login')).toBe(1);
    expect(await event).toEqual(['user:*', 'user:42', 'login']);
    expect(await pub.pubsub('NUMPAT')).toBe(1);
    expect(await sub.punsubscribe()).toBe(0);
    expect(await pub.pubsub('NUMPAT')).toBe(0);
  });

  it('ssubscribe: smessage events', async () => {
    const server = new PubSubServer();
    const sub = track(new FakeRedis({ server, protocol }));
    const pub = track(new FakeRedis({ server, protocol }));
    expect(await sub.ssubscribe('orders')).toBe(1);
    const event = nextEvent<[string, string]>(sub, 'smessage');
    expect(await pub.spublish('orders', 'o-1')).toBe(1);
    expect(await event).toEqual(['orders', 'o-1']);
    expect(await pub.pubsub('SHARDNUMSUB', 'orders')).toEqual(['orders', 1]);
    expect(await sub.sunsubscribe('orders')).toBe(0);
  });

  it('messageBuffer carries binary channels and messages', async () => {
    const server = new PubSubServer();
    const sub = track(new FakeRedis({ server, protocol }));
    const pub = track(new FakeRedis({ server, protocol }));
    const channel = Buffer.from([0, 0xff, 0x0d, 0x0a]);
    const payload = Buffer.from([0xfe, 0, 0x80]);
    await sub.subscribe(channel);
    const event = nextEvent<[Buffer, Buffer]>(sub, 'messageBuffer');
    expect(await pub.publish(channel, payload)).toBe(1);
    const [gotChannel, gotMessage] = await event;
    expect(gotChannel).toEqual(channel);
    expect(gotMessage).toEqual(payload);
  });

  it('a client on a channel and a matching pattern gets both, and counts twice', async () => {
    const server = new PubSubServer();
    const sub = track(new FakeRedis({ server, protocol }));
    const pub = track(new FakeRedis({ server, protocol }));
    await sub.subscribe('a.b');
    await sub.psubscribe('a.*');
    const message = nextEvent<[string, string]>(sub, 'message');
    const pmessage = nextEvent<[string, string, string]>(sub, 'pmessage');
    expect(await pub.publish('a.b', 'x')).toBe(2);
    expect(await message).toEqual(['a.b', 'x']);
    expect(await pmessage).toEqual(['a.*', 'a.b', 'x']);
  });

  it('a duplicate() subscribes on its own connection; a reconnect resubscribes', async () => {
    const server = new PubSubServer();
    const pub = track(new FakeRedis({ server, protocol }));
    const sub = track(pub.duplicate());
    expect(sub.server).toBe(server);
    await sub.subscribe('c');
    await sub.psubscribe('p*');
    expect(await pub.pubsub('NUMSUB', 'c')).toEqual(['c', 1]);
    // Kill the subscriber's connection: ioredis reconnects and subscribes again.
    const ready = nextEvent(sub, 'ready');
    const [id] = [...server.clients.values()].filter((c) => c.channels.size > 0).map((c) => c.id);
    expect(await pub.client('KILL', 'ID', String(id))).toBe(1);
    expect(await pub.pubsub('NUMSUB', 'c')).toEqual(['c', 0]);
    await ready;
    await server.pubsub.waitForSubscribers('p*', { pattern: true, timeoutMs: 2000 });
    await server.pubsub.waitForSubscribers('c', { timeoutMs: 2000 });
    const message = nextEvent<[string, string]>(sub, 'message');
    const pmessage = nextEvent<[string, string, string]>(sub, 'pmessage');
    expect(await pub.publish('c', 'again')).toBe(1);
    expect(await pub.publish('pq', 'too')).toBe(1);
    expect(await message).toEqual(['c', 'again']);
    expect(await pmessage).toEqual(['p*', 'pq', 'too']);
  });

  it('keyspace notifications reach a subscriber; expiry through clock.advance', async () => {
    const server = new PubSubServer({ config: { 'notify-keyspace-events': 'Ex' } });
    const sub = track(new FakeRedis({ server, protocol }));
    const redis = track(new FakeRedis({ server, protocol }));
    await sub.subscribe('__keyevent@0__:expired');
    await redis.set('session', 'x', 'PX', 1000);
    const event = nextEvent<[string, string]>(sub, 'message');
    server.clock.advance(1000);
    expect(await event).toEqual(['__keyevent@0__:expired', 'session']);
  });

  it('subscriber mode refuses other commands in RESP2 only', async () => {
    const server = new PubSubServer();
    const sub = track(new FakeRedis({ server, protocol }));
    await sub.subscribe('c');
    if (protocol === 2) {
      // ioredis itself refuses them before sending.
      await expect(sub.get('k')).rejects.toThrow(/Connection in subscriber mode/);
      expect(await sub.call('PING')).toEqual(['pong', '']);
    } else {
      expect(await sub.get('k')).toBeNull();
      expect(await sub.ping()).toBe('PONG');
    }
  });
});
