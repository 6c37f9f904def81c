import { describe, expect, it } from 'vitest';
import { FakeServer } from '../../src/index.js';
import { serverMixins } from './fixtures.js';

/** A client on a transport that records what it is sent. */
function open(server: FakeServer, remoteAddress = '127.0.0.1:5000', localAddress = '127.0.0.1:6379') {
  const out: string[] = [];
  const client = server.createClient({ write: (s) => out.push(s), close: () => {}, remoteAddress, localAddress });
  return { client, out, send: (...argv: string[]) => client.feed(argv.map((a) => `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`).reduce((s, a) => s + a, `*${argv.length}\r\n`)) };
}

describe('MONITOR (fake-only details)', () => {
  it('lines carry the server clock, the database and the Unix socket path', () => {
    const server = new FakeServer({ mixins: serverMixins, config: { unixsocket: '/tmp/fake.sock' } });
    server.clock.freeze(1_700_000_000_123.456);
    const monitor = open(server);
    monitor.send('MONITOR');
    const unix = open(server, '/tmp/fake.sock:0', '/tmp/fake.sock:0');
    unix.send('SELECT', '4');
    expect(monitor.out.join('')).toBe('+OK\r\n+1700000000.123456 [4 unix:/tmp/fake.sock] "SELECT" "4"\r\n');
    server.close();
  });

  it('the direct API cannot MONITOR; its commands show as ?:0; INFO connected_clients leaves monitors out', () => {
    const server = new FakeServer({ mixins: serverMixins });
    server.clock.freeze(1_000);
    expect(() => server.command('MONITOR')).toThrow("MONITOR isn't allowed for DENY BLOCKING client");
    const monitor = open(server);
    monitor.send('MONITOR');
    server.call('PING');
    expect(monitor.out.join('')).toBe('+OK\r\n+1.000000 [0 ?:0] "PING"\r\n');
    expect(server.command<string>('INFO', 'clients')).toMatch(/connected_clients:1\r\n/);
    monitor.client.close();
    expect(server.monitors.size).toBe(0);
    server.close();
  });
});

describe('redaction', () => {
  it('SLOWLOG shows AUTH and HELLO passwords as (redacted), as Redis does', () => {
    const server = new FakeServer({ mixins: serverMixins, config: { 'slowlog-log-slower-than': 0 } });
    server.call('AUTH', 'default', 'secret');
    server.call('HELLO', '3', 'AUTH', 'default', 'pw', 'SETNAME', 'n');
    const entries = server.command<unknown[][]>('SLOWLOG', 'GET', '2');
    expect(entries.map((e) => e[3])).toEqual([
      ['HELLO', '3', 'AUTH', '(redacted)', '(redacted)', 'SETNAME', 'n'],
      ['AUTH', '(redacted)', '(redacted)'],
    ]);
    server.close();
  });
});
