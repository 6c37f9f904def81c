import { describe, expect, it } from 'vitest';
import { FakeServer, serverProfile } from '../../src/index.js';
import { serverMixins } from '../server/fixtures.js';

/** A client on a transport that records what it is sent. */
function open(server: FakeServer) {
  const out: string[] = [];
  const client = server.createClient({ write: (s) => out.push(s), close: () => {}, remoteAddress: '127.0.0.1:5000', localAddress: '127.0.0.1:6379' });
  const send = (...argv: string[]) => client.feed(argv.reduce((s, a) => `${s}$${a.length}\r\n${a}\r\n`, `*${argv.length}\r\n`));
  return { client, out, send, text: () => out.join('') };
}

describe('CLIENT PAUSE (fake-only details)', () => {
  it('the pause ends when the server clock passes its end', () => {
    const server = new FakeServer({ mixins: serverMixins });
    server.clock.freeze(1_000_000);
    const a = open(server);
    server.call('CLIENT', 'PAUSE', '500', 'WRITE');
    a.send('SET', 'k', 'v');
    expect(a.text()).toBe('');
    expect(a.client.blocked).toBeDefined();
    server.clock.advance(500);
    expect(a.text()).toBe('');
    server.clock.advance(1);
    expect(a.text()).toBe('+OK\r\n');
    expect(server.clientPause).toBeUndefined();
    server.close();
  });

  it('CLIENT UNBLOCK ERROR: 7.0 runs the command again (it waits again), 7.2 drops it; TIMEOUT leaves it waiting', () => {
    for (const [version, after] of [['7.0', '+OK\r\n'], ['7.2', '']] as const) {
      const server = new FakeServer({ mixins: serverMixins, profile: serverProfile('redis', version) });
      const a = open(server);
      server.call('CLIENT', 'PAUSE', '100000', 'WRITE');
      a.send('SET', 'k', 'v');
      expect(server.call('CLIENT', 'UNBLOCK', String(a.client.id), 'TIMEOUT')).toBe(0);
      expect(server.call('CLIENT', 'UNBLOCK', String(a.client.id), 'ERROR')).toBe(1);
      expect(a.text()).toBe('-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n');
      expect(server.command<string>('INFO', 'clients')).toMatch(version === '7.0' ? /blocked_clients:1\r\n/ : /blocked_clients:0\r\n/);
      server.call('CLIENT', 'UNPAUSE');
      expect(a.text()).toBe(`-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n${after}`);
      expect(server.call('EXISTS', 'k')).toBe(version === '7.0' ? 1 : 0);
      server.close();
    }
  });

  it('a postponed client that disconnects leaves nothing behind', () => {
    const server = new FakeServer({ mixins: serverMixins });
    const a = open(server);
    server.call('CLIENT', 'PAUSE', '100000', 'ALL');
    a.send('PING');
    a.client.disconnected();
    expect(server.postponedClients.size).toBe(0);
    server.call('CLIENT', 'UNPAUSE');
    expect(server.command<string>('INFO', 'clients')).toMatch(/blocked_clients:0\r\n/);
    server.close();
  });
});
