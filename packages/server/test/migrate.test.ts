import { afterEach, describe, expect, it } from 'vitest';
import { TcpFakeServer } from '../src/index.js';

const running: TcpFakeServer[] = [];
async function start(): Promise<TcpFakeServer> {
  const tcp = new TcpFakeServer({ port: 0 });
  running.push(tcp);
  return tcp.listen();
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((t) => t.close()));
});

describe('MIGRATE to a TcpFakeServer of the same process', () => {
  it('reaches it in memory, so a MIGRATE that cannot wait (MULTI, server.call) is answered', async () => {
    const source = await start();
    const target = await start();
    source.server.call('SET', 'k', 'v');
    source.server.call('SET', 'j', 'w');
    expect(source.server.command('MIGRATE', 'localhost', String(target.port), 'k', '2', '5000')).toBe('OK');
    target.server.call('SELECT', '2');
    expect(target.server.call('GET', 'k')).toBe('v');
    // Once it stops listening it is no longer found: a socket is tried, and refused.
    await target.close();
    expect(() => source.server.command('MIGRATE', '127.0.0.1', String(target.port), 'j', '0', '300')).toThrow('IOERR error or timeout writing to target instance');
  });
});
