// maxclients, run the same way against the fake (over TCP) and a throw-away redis-server.
import { redisServerAvailable, startRealServer } from '@fakeredis/tooling/conformance';
import Redis from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TcpFakeServer } from '../src/index.js';
import { rawConnection } from './helpers.js';

const targets: Array<'fake' | 'redis-server'> = redisServerAvailable() ? ['fake', 'redis-server'] : ['fake'];
const infoField = (info: string, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1];

describe.each(targets)('maxclients (%s)', (target) => {
  let port = 0;
  let stop: () => Promise<void> = async () => {};
  let control: Redis;
  beforeAll(async () => {
    if (target === 'fake') {
      const tcp = await new TcpFakeServer({ port: 0 }).listen();
      port = tcp.port as number;
      stop = () => tcp.close();
    } else {
      const real = await startRealServer();
      port = real.port;
      stop = real.stop;
    }
    control = new Redis({ port, host: '127.0.0.1' });
    await control.ping();
  });
  afterAll(async () => {
    control.disconnect();
    await stop();
  });

  it('refuses a connection past maxclients with Redis error, then closes it', async () => {
    const before = await control.info('stats');
    expect(await control.config('SET', 'maxclients', '2')).toBe('OK');
    const second = await rawConnection({ port });
    second.socket.write('PING\r\n');
    await second.waitFor('+PONG\r\n');
    // The third gets the error at once, without sending anything, and is closed.
    const third = await rawConnection({ port });
    await third.closed;
    expect(third.received()).toBe('-ERR max number of clients reached\r\n');
    const info = await control.info();
    expect(infoField(info, 'connected_clients')).toBe('2');
    expect(infoField(info, 'maxclients')).toBe('2');
    expect(Number(infoField(info, 'rejected_connections'))).toBe(Number(infoField(before, 'rejected_connections')) + 1);
    // Rejected connections are not received connections.
    expect(Number(infoField(info, 'total_connections_received'))).toBe(Number(infoField(before, 'total_connections_received')) + 1);
    // Lowering it below the connected count closes no one.
    expect(await control.config('SET', 'maxclients', '1')).toBe('OK');
    second.socket.write('PING\r\n');
    await second.waitFor('+PONG\r\n+PONG\r\n');
    await expect(control.config('SET', 'maxclients', '0')).rejects.toThrow(
      "ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must be between 1 and 4294967295 inclusive",
    );
    // Room again once a connection closes.
    second.socket.destroy();
    await second.closed;
    await new Promise((r) => setTimeout(r, 50));
    expect(await control.config('SET', 'maxclients', '2')).toBe('OK');
    const fourth = await rawConnection({ port });
    fourth.socket.write('PING\r\n');
    await fourth.waitFor('+PONG\r\n');
    fourth.socket.destroy();
    await control.config('SET', 'maxclients', '10000');
  });
});
