import { describe, expect, it } from 'vitest';
import { coreMixins, FakeServer } from '../../src/index.js';
import { connect, type TestConnection } from '../connection/wire.js';

// Wire-level checks of the invalidation messages (the conformance scenarios compare them
// with redis-server; these pin down the bytes and the redirection cases, whose client ids
// a scenario cannot name).
const server = () => new FakeServer({ mixins: [...coreMixins], config: { 'enable-debug-command': 'yes' } });
const PUSH_K0 = '>2\r\n$10\r\ninvalidate\r\n*1\r\n$3\r\nk:0\r\n';

/** What a connection's transport receives from now on (pushes arriving outside its own commands). */
function capture(conn: TestConnection): () => string {
  let got = '';
  const transport = conn.client.transport as { write: (s: string) => void };
  const write = transport.write;
  transport.write = (e) => {
    got += e;
    write(e);
  };
  return () => {
    const out = got;
    got = '';
    return out;
  };
}

describe('CLIENT TRACKING invalidation', () => {
  it('a RESP3 tracker gets its reply, then the push for its own write', () => {
    const s = server();
    const a = connect(s);
    a.send('HELLO', '3');
    a.send('CLIENT', 'TRACKING', 'on');
    a.send('DEBUG', 'POPULATE', '1', 'k');
    a.send('EXISTS', 'k:0');
    expect(a.send('DEL', 'k:0')).toBe(`:1\r\n${PUSH_K0}`);
    expect(a.send('DEL', 'k:0')).toBe(':0\r\n');
  });

  it('another client\'s write pushes at once; a key is invalidated once', () => {
    const s = server();
    const a = connect(s);
    const b = connect(s);
    a.send('HELLO', '3');
    a.send('CLIENT', 'TRACKING', 'on');
    b.send('DEBUG', 'POPULATE', '1', 'k');
    a.send('EXISTS', 'k:0');
    const pushed = capture(a);
    b.send('DEL', 'k:0');
    expect(pushed()).toBe(PUSH_K0);
  });

  it('RESP2 redirection to a subscribed client: a message on __redis__:invalidate; to an unsubscribed one: nothing', () => {
    const s = server();
    const r = connect(s);
    const a = connect(s);
    const id = String(r.client.id);
    expect(a.send('CLIENT', 'TRACKING', 'on', 'REDIRECT', id)).toBe('+OK\r\n');
    expect(a.send('CLIENT', 'GETREDIR')).toBe(`:${id}\r\n`);
    a.send('DEBUG', 'POPULATE', '1', 'k');
    a.send('EXISTS', 'k:0');
    // Not subscribed: nothing is sent (the pubsub mixin is not installed here).
    const got = capture(r);
    a.send('DEL', 'k:0');
    expect(got()).toBe('');
    r.client.channels.add('__redis__:invalidate' as never);
    a.send('DEBUG', 'POPULATE', '1', 'k');
    a.send('EXISTS', 'k:0');
    a.send('DEL', 'k:0');
    expect(got()).toBe('*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n*1\r\n$3\r\nk:0\r\n');
    a.send('FLUSHALL');
    expect(got()).toBe('*3\r\n$7\r\nmessage\r\n$20\r\n__redis__:invalidate\r\n$-1\r\n');
  });

  it('a redirection that went away: tracking-redir-broken in RESP3, R flag', () => {
    const s = server();
    const r = connect(s);
    const a = connect(s);
    a.send('HELLO', '3');
    a.send('CLIENT', 'TRACKING', 'on', 'REDIRECT', String(r.client.id));
    a.send('DEBUG', 'POPULATE', '1', 'k');
    a.send('EXISTS', 'k:0');
    r.client.close();
    expect(a.send('DEL', 'k:0')).toBe(`:1\r\n>2\r\n$21\r\ntracking-redir-broken\r\n:${r.client.id}\r\n`);
    expect(a.send('CLIENT', 'TRACKINGINFO')).toContain('broken_redirect');
    expect(a.send('CLIENT', 'INFO')).toContain(' flags=tR ');
  });

  it('INFO tracking fields', () => {
    const s = server();
    const a = connect(s);
    a.send('CLIENT', 'TRACKING', 'on');
    a.send('EXISTS', 'x', 'y');
    const b = connect(s);
    b.send('CLIENT', 'TRACKING', 'on', 'BCAST', 'PREFIX', 'p', 'PREFIX', 'q');
    const info = String(s.command('INFO', 'everything'));
    expect(info).toContain('tracking_clients:2\r\n');
    expect(info).toContain('tracking_total_keys:2\r\n');
    expect(info).toContain('tracking_total_items:2\r\n');
    expect(info).toContain('tracking_total_prefixes:2\r\n');
  });

  it('tracking-table-max-keys invalidates keys until the table fits', () => {
    const s = server();
    s.command('CONFIG', 'SET', 'tracking-table-max-keys', '2');
    const a = connect(s);
    a.send('HELLO', '3');
    a.send('CLIENT', 'TRACKING', 'on');
    a.send('EXISTS', 'x', 'y');
    const out = a.send('EXISTS', 'z');
    expect(out.startsWith(':0\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n')).toBe(true);
    expect(String(s.command('INFO', 'stats'))).toContain('tracking_total_keys:2\r\n');
  });

  it('an evicted key is invalidated (the database\'s evict signals it)', () => {
    const s = server();
    const a = connect(s);
    a.send('HELLO', '3');
    a.send('CLIENT', 'TRACKING', 'on');
    a.send('DEBUG', 'POPULATE', '1', 'k');
    a.send('EXISTS', 'k:0');
    const got = capture(a);
    expect(s.db(0).evict('k:0' as never)).toBe(true);
    s.flushOutput();
    expect(got()).toBe(PUSH_K0);
  });
});
