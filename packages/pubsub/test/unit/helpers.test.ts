import { type Bytes, FakeServer, PushReply, serverProfile, type VerbatimReply } from '@fakeredis/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mixins } from '../conformance/server.js';

const servers: FakeServer[] = [];
function newServer(config: Record<string, string> = {}): FakeServer {
  const server = new FakeServer({ mixins, config });
  servers.push(server);
  return server;
}
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
  vi.useRealTimers();
});

/** A connected client whose output is collected as text. */
function connection(server: FakeServer): { client: ReturnType<FakeServer['createClient']>; output: () => string } {
  let out = '';
  const client = server.createClient({
    write: (encoded) => {
      out += encoded;
    },
    close: () => {},
    remoteAddress: '127.0.0.1:50000',
    localAddress: '127.0.0.1:6379',
  });
  return { client, output: () => out };
}
const command = (...args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

describe('server.pubsub.nextMessage', () => {
  it('resolves with the next message on a channel, published by any client or by server.call', async () => {
    const server = newServer();
    const next = server.pubsub.nextMessage('news');
    expect(server.call('PUBLISH', 'other', 'x')).toBe(0);
    expect(server.call('PUBLISH', 'news', 'héllo')).toBe(0); // a helper is no receiver
    await expect(next).resolves.toEqual({
      kind: 'message',
      channel: 'news',
      message: 'héllo',
      channelBuffer: Buffer.from('news'),
      messageBuffer: Buffer.from('héllo'),
    });
  });

  it('matches a pattern with pattern: true, and shard channels with shard: true', async () => {
    const server = newServer();
    const byPattern = server.pubsub.nextMessage('user:*', { pattern: true });
    const byShard = server.pubsub.nextMessage('orders', { shard: true });
    server.call('PUBLISH', 'orders', 'not a shard message');
    server.call('PUBLISH', 'user:1', 'login');
    server.call('SPUBLISH', 'orders', 'o-1');
    expect(await byPattern).toMatchObject({ kind: 'pmessage', pattern: 'user:*', channel: 'user:1', message: 'login' });
    expect(await byShard).toMatchObject({ kind: 'smessage', channel: 'orders', message: 'o-1' });
    expect(() => server.pubsub.nextMessage('x*', { pattern: true, shard: true })).toThrow(TypeError);
  });

  it('sees keyspace notifications: an expiry through clock.advance', async () => {
    const server = newServer({ 'notify-keyspace-events': 'Ex' });
    const expired = server.pubsub.nextMessage('__keyevent@0__:expired');
    server.call('SET', 'session', 'x', 'PX', '100');
    server.clock.advance(100);
    expect((await expired).message).toBe('session');
  });

  it('works under vitest fake timers', async () => {
    vi.useFakeTimers();
    const server = newServer({ 'notify-keyspace-events': 'KEA' });
    const event = server.pubsub.nextMessage('__keyspace@0__:*', { pattern: true });
    server.call('SET', 'k', 'v', 'EX', '10');
    expect(await event).toMatchObject({ channel: '__keyspace@0__:k', message: 'set' });
    const expired = server.pubsub.nextMessage('__keyevent@0__:expired');
    // Past the deadline, the key expires when next touched (or at the next expiry cycle).
    vi.advanceTimersByTime(10_001);
    expect(server.call('GET', 'k')).toBeNull();
    expect((await expired).message).toBe('k');
  });

  it('takes binary names as Buffers', async () => {
    const server = newServer();
    const channel = Buffer.from([0, 0xff]);
    const next = server.pubsub.nextMessage(channel);
    server.call('PUBLISH', channel, Buffer.from([0x80]));
    const message = await next;
    expect(message.channelBuffer).toEqual(channel);
    expect(message.messageBuffer).toEqual(Buffer.from([0x80]));
  });

  it('rejects after timeoutMs, and when the server closes', async () => {
    const server = newServer();
    await expect(server.pubsub.nextMessage('quiet', { timeoutMs: 20 })).rejects.toThrow("no message on channel 'quiet' within 20 ms");
    const pending = server.pubsub.nextMessage('never');
    server.close();
    await expect(pending).rejects.toThrow('the fake server closed');
  });
});

describe('server.pubsub.waitForSubscribers and subscriptions', () => {
  it('waits until a channel, pattern or shard channel has enough subscribers', async () => {
    const server = newServer();
    const a = connection(server);
    const b = connection(server);
    let twoOnNews = false;
    const news = server.pubsub.waitForSubscribers('news', { count: 2 }).then(() => (twoOnNews = true));
    const pattern = server.pubsub.waitForSubscribers('n*', { pattern: true });
    const shard = server.pubsub.waitForSubscribers('s', { shard: true });
    a.client.feed(command('SUBSCRIBE', 'news'));
    await Promise.resolve();
    expect(twoOnNews).toBe(false);
    b.client.feed(command('SUBSCRIBE', 'news'));
    b.client.feed(command('PSUBSCRIBE', 'n*'));
    a.client.feed(command('SSUBSCRIBE', 's'));
    await Promise.all([news, pattern, shard]);
    expect(twoOnNews).toBe(true);
    // Already there: resolves at once.
    await server.pubsub.waitForSubscribers('news');
    await expect(server.pubsub.waitForSubscribers('news', { count: 3, timeoutMs: 20 })).rejects.toThrow(
      "fewer than 3 subscribers on channel 'news' within 20 ms",
    );
    expect(server.pubsub.subscriptions()).toEqual({
      channels: new Map([['news', 2]]),
      patterns: new Map([['n*', 1]]),
      shardChannels: new Map([['s', 1]]),
    });
  });

  it('onMessage sees every publish until unsubscribed', () => {
    const server = newServer();
    const seen: string[] = [];
    const stop = server.pubsub.onMessage((m) => seen.push(`${m.kind} ${m.channel} ${m.message}`));
    server.call('PUBLISH', 'a', '1');
    server.call('SPUBLISH', 'b', '2');
    stop();
    server.call('PUBLISH', 'a', '3');
    expect(seen).toEqual(['message a 1', 'smessage b 2']);
  });
});

describe('PubSubHub', () => {
  it('counts deliveries: a client on a channel and a matching pattern counts twice', () => {
    const server = newServer();
    const a = connection(server);
    a.client.feed(command('SUBSCRIBE', 'a.b') + command('PSUBSCRIBE', 'a.*', '*.b'));
    expect(server.pubsub.publish('a.b' as Bytes, 'm' as Bytes)).toBe(3);
    expect(server.pubsub.publish('x' as Bytes, 'm' as Bytes)).toBe(0);
    expect(server.pubsub.numsub('a.b' as Bytes)).toBe(1);
    expect(server.pubsub.patternCount).toBe(2);
  });

  it('forgets a client that disconnects, is killed or RESETs', () => {
    const server = newServer();
    const a = connection(server);
    const b = connection(server);
    const c = connection(server);
    for (const { client } of [a, b, c]) client.feed(command('SUBSCRIBE', 'c') + command('PSUBSCRIBE', 'p*') + command('SSUBSCRIBE', 's'));
    expect(server.pubsub.subscriptions().channels.get('c')).toBe(3);
    a.client.disconnected();
    server.call('CLIENT', 'KILL', 'ID', String(b.client.id));
    const before = c.output().length;
    c.client.feed(command('RESET'));
    expect(c.output().slice(before)).toBe('+RESET\r\n');
    expect(server.pubsub.subscriptions()).toEqual({ channels: new Map(), patterns: new Map(), shardChannels: new Map() });
    expect([c.client.channels.size, c.client.patterns.size, c.client.shardChannels.size]).toEqual([0, 0, 0]);
    expect(server.call('PUBLISH', 'c', 'm')).toBe(0);
  });

  it('UNSUBSCRIBE with no argument confirms each channel, in subscription order', () => {
    const server = newServer();
    const a = connection(server);
    a.client.feed(command('SUBSCRIBE', 'x', 'y', 'z'));
    const before = a.output().length;
    a.client.feed(command('UNSUBSCRIBE'));
    const confirm = (name: string, count: number) => `*3\r\n$11\r\nunsubscribe\r\n$${name.length}\r\n${name}\r\n:${count}\r\n`;
    expect(a.output().slice(before)).toBe(confirm('x', 2) + confirm('y', 1) + confirm('z', 0));
  });

  it('sends nothing and keeps nothing for a channel without subscribers', () => {
    const server = newServer();
    const a = connection(server);
    a.client.feed(command('SUBSCRIBE', 'c'));
    const before = a.output().length;
    expect(server.call('PUBLISH', 'nobody', 'm')).toBe(0);
    expect(a.output().length).toBe(before);
    expect(server.pubsub.channelCount).toBe(1);
  });

  it('writes one RESP3 push or RESP2 array per subscriber, by its protocol', () => {
    const server = newServer();
    const two = connection(server);
    const three = connection(server);
    three.client.feed(command('HELLO', '3'));
    two.client.feed(command('SUBSCRIBE', 'c'));
    three.client.feed(command('SUBSCRIBE', 'c'));
    const [b2, b3] = [two.output().length, three.output().length];
    server.call('PUBLISH', 'c', 'm');
    expect(two.output().slice(b2)).toBe('*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n');
    expect(three.output().slice(b3)).toBe('>3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n');
  });
});

describe('the direct API', () => {
  it('server.call(SUBSCRIBE ...) returns the confirmations; messages to it go nowhere', () => {
    const server = newServer();
    expect(server.call('SUBSCRIBE', 'a', 'b')).toEqual([new PushReply(['subscribe', 'a', 1]), new PushReply(['subscribe', 'b', 2])]);
    expect(server.call('PUBLISH', 'a', 'm')).toBe(1);
    expect(server.call('UNSUBSCRIBE')).toEqual([new PushReply(['unsubscribe', 'a', 1]), new PushReply(['unsubscribe', 'b', 0])]);
    expect(server.call('SUNSUBSCRIBE')).toEqual([new PushReply(['sunsubscribe', null, 0])]);
  });
});

describe('README', () => {
  it('announces an expired session', async () => {
    const server = newServer({ 'notify-keyspace-events': 'Ex' });
    const expired = server.pubsub.nextMessage('__keyevent@0__:expired', { timeoutMs: 1000 });
    server.call('SET', 'session:42', 'data', 'PX', '30000');
    server.clock.advance(30_001);
    expect((await expired).message).toBe('session:42');
  });
});

describe('INFO and CLIENT LIST', () => {
  it('INFO stats counts channels, distinct patterns and shard channels', () => {
    const server = newServer();
    const a = connection(server);
    const b = connection(server);
    a.client.feed(command('SUBSCRIBE', 'c1', 'c2') + command('PSUBSCRIBE', 'p*') + command('SSUBSCRIBE', 's'));
    b.client.feed(command('SUBSCRIBE', 'c1') + command('PSUBSCRIBE', 'p*', 'q*'));
    const info = (server.call('INFO', 'stats') as VerbatimReply).text;
    expect(info).toContain('pubsub_channels:2\r\npubsub_patterns:2\r\npubsubshard_channels:1\r\n');
  });

  it('CLIENT LIST shows sub, psub, ssub and the P flag', () => {
    const server = newServer();
    const a = connection(server);
    a.client.feed(command('SUBSCRIBE', 'c1', 'c2') + command('PSUBSCRIBE', 'p*') + command('SSUBSCRIBE', 's1', 's2', 's3'));
    const line = (server.call('CLIENT', 'LIST', 'ID', String(a.client.id)) as VerbatimReply).text;
    expect(line).toMatch(/ flags=P db=0 sub=2 psub=1 ssub=3 /);
  });
});

describe('Redis 7.2', () => {
  const server72 = () => {
    const server = new FakeServer({ mixins, profile: serverProfile('redis', '7.2') });
    servers.push(server);
    return server;
  };

  it('holds a message to the publisher itself until after its reply, EXEC included', () => {
    const server = server72();
    const a = connection(server);
    a.client.feed(command('HELLO', '3') + command('SUBSCRIBE', 'x'));
    let before = a.output().length;
    a.client.feed(command('PUBLISH', 'x', 'm'));
    expect(a.output().slice(before)).toBe(':1\r\n>3\r\n$7\r\nmessage\r\n$1\r\nx\r\n$1\r\nm\r\n');
    before = a.output().length;
    a.client.feed(command('MULTI') + command('PUBLISH', 'x', 'm') + command('EXEC'));
    expect(a.output().slice(before)).toBe('+OK\r\n+QUEUED\r\n*1\r\n:1\r\n>3\r\n$7\r\nmessage\r\n$1\r\nx\r\n$1\r\nm\r\n');
  });

  it('counts a client\'s patterns as a dict in its memory, and says "Print this help."', () => {
    const server = server72();
    const a = connection(server);
    a.client.feed(command('HELLO', '3') + command('PSUBSCRIBE', 'p*'));
    // One dict entry (24 bytes) and the initial 4 buckets (8 bytes each); 7.0's list node is 24.
    expect(server.pubsub.clientMemory(a.client)).toBe(24 + 4 * 8);
    const help = server.call('PUBSUB', 'HELP') as Array<{ value: string }>;
    expect(help.at(-1)?.value).toBe('    Print this help.');
  });
});

describe('client memory (Redis 7.0)', () => {
  it('grows as Redis grows its dicts: 4 buckets, doubled when full, counted twice while rehashing', () => {
    const server = newServer();
    const a = connection(server);
    expect(server.pubsub.clientMemory(a.client)).toBe(0);
    a.client.feed(command('SUBSCRIBE', 'a', 'b', 'c', 'd'));
    expect(server.pubsub.clientMemory(a.client)).toBe(4 * 24 + 4 * 8);
    a.client.feed(command('SUBSCRIBE', 'e'));
    expect(server.pubsub.clientMemory(a.client)).toBe(5 * 24 + (4 + 8) * 8);
    a.client.feed(command('UNSUBSCRIBE'));
    // Emptied, the table stays (client dicts are never shrunk).
    expect(server.pubsub.clientMemory(a.client)).toBe(8 * 8);
    a.client.feed(command('PSUBSCRIBE', 'x', 'y'));
    expect(server.pubsub.clientMemory(a.client)).toBe(8 * 8 + 2 * 24);
  });
});

describe('outside any command', () => {
  it('a message published by the test reaches subscribers at once', () => {
    const server = newServer();
    const a = connection(server);
    a.client.feed(command('SUBSCRIBE', 'c'));
    const before = a.output().length;
    expect(server.pubsub.publish('c' as Bytes, 'm' as Bytes)).toBe(1);
    expect(a.output().slice(before)).toBe('*3\r\n$7\r\nmessage\r\n$1\r\nc\r\n$1\r\nm\r\n');
  });

  it('keeps distinct binary names apart in subscriptions()', () => {
    const server = newServer();
    const a = connection(server);
    const cafe = Buffer.from('café', 'utf8').toString('latin1');
    a.client.feed(`*4\r\n$9\r\nSUBSCRIBE\r\n$${cafe.length}\r\n${cafe}\r\n$1\r\n\xff\r\n$1\r\n\xfe\r\n`);
    expect([...server.pubsub.subscriptions().channels.keys()]).toEqual(['café', '\xff', '\xfe']);
  });

  it('after close: waits reject at once, call() throws', async () => {
    const server = newServer();
    server.close();
    await expect(server.pubsub.nextMessage('x')).rejects.toThrow('the fake server closed');
    await expect(server.pubsub.waitForSubscribers('x')).rejects.toThrow('the fake server closed');
    expect(() => server.call('SUBSCRIBE', 'x')).toThrow('the fake server is closed');
  });

  it('refuses a pattern on shard channels in both helpers', () => {
    const server = newServer();
    expect(() => server.pubsub.waitForSubscribers('x', { pattern: true, shard: true })).toThrow(TypeError);
    expect(() => server.pubsub.nextMessage('x', { pattern: true, shard: true })).toThrow(TypeError);
  });
});
