import { connect, Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TcpFakeServer } from '../src/index.js';

// tcp-keepalive: each TCP client's socket gets SO_KEEPALIVE with that many seconds of idle
// before the first probe (Redis's anetKeepAlive); 0 turns it off. Node sets no probe interval.

describe('tcp-keepalive', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function keepAliveCalls(config: Record<string, string>): Promise<unknown[][]> {
    const spy = vi.spyOn(Socket.prototype, 'setKeepAlive');
    const tcp = await new TcpFakeServer({ port: 0, config }).listen();
    const socket = connect(tcp.port as number, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('PING\r\n');
    await new Promise((resolve) => socket.once('data', resolve));
    // Only the server side's accepted socket: the client socket never calls it.
    const calls = spy.mock.calls.slice();
    spy.mockRestore();
    socket.destroy();
    await tcp.close();
    return calls;
  }

  it('sets keepalive on accepted TCP sockets, with the configured delay (300 s by default)', async () => {
    expect(await keepAliveCalls({})).toEqual([[true, 300_000]]);
    expect(await keepAliveCalls({ 'tcp-keepalive': '60' })).toEqual([[true, 60_000]]);
  });

  it('leaves it off with tcp-keepalive 0', async () => {
    expect(await keepAliveCalls({ 'tcp-keepalive': '0' })).toEqual([]);
  });
});
