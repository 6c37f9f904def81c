import { describe, expect, it } from 'vitest';
import { coreMixins, FakeServer } from '../../src/index.js';
import { connect } from '../connection/wire.js';

describe('SLOWLOG entries', () => {
  it('records argv cut at 32 arguments and 128 bytes, the peer and the client name, newest first', () => {
    const server = new FakeServer({ mixins: coreMixins, config: { 'slowlog-log-slower-than': 0 } });
    const a = connect(server, '10.0.0.1:4242');
    a.send('CLIENT', 'SETNAME', 'me');
    a.send('ECHO', 'x'.repeat(130));
    a.send('PING', ...Array.from({ length: 40 }, (_, i) => String(i)));
    const log = server.call('SLOWLOG', 'GET', '-1') as unknown[][];
    expect(log.map((e) => e[3])).toEqual([
      ['PING', ...Array.from({ length: 30 }, (_, i) => String(i)), '... (10 more arguments)'],
      ['ECHO', `${'x'.repeat(128)}... (2 more bytes)`],
      ['CLIENT', 'SETNAME', 'me'],
    ]);
    expect(log[0]?.slice(4)).toEqual(['10.0.0.1:4242', 'me']);
    expect(log[2]?.[5]).toBe('me'); // logged after the call, as Redis does
    expect(log.map((e) => e[0])).toEqual([2, 1, 0]);
    server.close();
  });

  it('logs what takes at least slowlog-log-slower-than µs (DEBUG SLEEP)', () => {
    const server = new FakeServer({ mixins: coreMixins, config: { 'enable-debug-command': 'yes' } });
    server.call('PING');
    server.call('DEBUG', 'SLEEP', '0.02');
    const log = server.call('SLOWLOG', 'GET') as unknown[][];
    expect(log).toHaveLength(1);
    expect(log[0]?.[3]).toEqual(['DEBUG', 'SLEEP', '0.02']);
    expect(log[0]?.[2]).toBeGreaterThanOrEqual(20_000);
    server.close();
  });
});
