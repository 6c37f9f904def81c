// client-output-buffer-limit for the normal and pubsub classes, run the same way against
// the fake (over TCP) and a throw-away redis-server: who is closed, when, and what it got.
import { redisServerAvailable, startRealServer } from '@fakeredis/tooling/conformance';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpFakeServer } from '../src/index.js';
import { rawConnection } from './helpers.js';

const targets: Array<'fake' | 'redis-server'> = redisServerAvailable() ? ['fake', 'redis-server'] : ['fake'];
const encode = (...args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves 'closed' when the connection closes within `ms`, else 'open'. */
const closedWithin = (closed: Promise<void>, ms: number) => Promise.race([closed.then(() => 'closed'), sleep(ms).then(() => 'open')]);

describe.each(targets)('client-output-buffer-limit (%s)', (target) => {
  let port = 0;
  let stop: () => Promise<void> = async () => {};
  let tcp: TcpFakeServer | undefined;
  let control: Redis;
  const logged: string[] = [];
  beforeAll(async () => {
    if (target === 'fake') {
      tcp = await new TcpFakeServer({ port: 0 }).listen();
      (tcp.server.hooks.log ??= []).push((level, message) => logged.push(`${level} ${message}`));
      port = tcp.port as number;
      stop = () => (tcp as TcpFakeServer).close();
    } else {
      const real = await startRealServer();
      port = real.port;
      stop = real.stop;
    }
    control = new Redis({ port, host: '127.0.0.1' });
    await control.set('big', 'x'.repeat(200_000));
    await control.set('medium', 'm'.repeat(50_000));
  });
  afterAll(async () => {
    control.disconnect();
    await stop();
  });

  it('closes a normal client past the hard limit at once, without its reply', async () => {
    await control.config('SET', 'client-output-buffer-limit', 'normal 100000 0 0');
    logged.length = 0;
    const under = await rawConnection({ port });
    under.socket.write(encode('GET', 'medium'));
    await under.waitFor('m'.repeat(100));
    expect(await closedWithin(under.closed, 200)).toBe('open');
    under.socket.destroy();

    const over = await rawConnection({ port });
    over.socket.write(encode('GET', 'big'));
    expect(await closedWithin(over.closed, 2000)).toBe('closed');
    expect(over.received()).toBe('');
    if (target === 'fake') {
      // Verbose lines (accepted and closed connections) aside, one warning.
      const warnings = logged.filter((line) => line.startsWith('warning '));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^warning Client id=\d+ addr=127\.0\.0\.1:\d+ .* flags=N .* cmd=get .* scheduled to be closed ASAP for overcoming of output buffer limits\.$/);
      expect(warnings[0]).toMatch(/ oll=[1-9]\d* omem=[1-9]\d* /);
    }
    // The server goes on: normal clients with no limit again.
    await control.config('SET', 'client-output-buffer-limit', 'normal 0 0 0');
    expect((await control.get('big'))?.length).toBe(200_000);
  });

  it('closes a normal client past the soft limit for longer than its seconds', async () => {
    await control.config('SET', 'client-output-buffer-limit', 'normal 0 100000 1');
    const client = await rawConnection({ port });
    const size = '$200000\r\n'.length + 200_002;
    // First time past the soft limit: the time is noted, the reply sent.
    client.socket.write(encode('GET', 'big'));
    await client.waitFor('x\r\n');
    expect(client.received().length).toBe(size);
    // Small replies (in the static buffer) do not reset the time.
    client.socket.write(encode('PING'));
    await client.waitFor('+PONG');
    await sleep(2100);
    // More than 1 s later, still past it: closed, without the reply.
    client.socket.write(encode('GET', 'big'));
    expect(await closedWithin(client.closed, 2000)).toBe('closed');
    expect(client.received().length).toBe(size + '+PONG\r\n'.length);
    await control.config('SET', 'client-output-buffer-limit', 'normal 0 0 0');
  });

  it('closes a subscriber that does not read once its output passes the pubsub hard limit', async () => {
    await control.config('SET', 'client-output-buffer-limit', 'pubsub 1000000 0 0');
    const subscriber = await rawConnection({ port });
    subscriber.socket.write(encode('SUBSCRIBE', 'ch'));
    await subscriber.waitFor('subscribe');
    subscriber.socket.pause();
    const message = 'y'.repeat(10_000);
    let closed = false;
    void subscriber.closed.then(() => (closed = true));
    let sawOmem = false;
    let published = 0;
    while (!closed && published < 5000) {
      const pipeline = control.pipeline();
      for (let i = 0; i < 50; i++) pipeline.publish('ch', message);
      await pipeline.exec();
      published += 50;
      const list = String(await control.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
      const omem = /omem=(\d+)/.exec(list);
      if (omem && Number(omem[1]) > 0) {
        sawOmem = true;
        expect(list).toMatch(/ flags=P .* oll=[1-9]\d* omem=[1-9]\d* tot-mem=\d+ /);
      }
      await sleep(5);
    }
    subscriber.socket.resume();
    await closedWithin(subscriber.closed, 2000);
    expect(closed).toBe(true);
    expect(sawOmem).toBe(true);
    expect(await control.publish('ch', 'x')).toBe(0);
    await control.config('SET', 'client-output-buffer-limit', 'pubsub 33554432 8388608 60');
  }, 60_000);
});
