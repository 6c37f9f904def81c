import { describe, expect, it } from 'vitest';
import { coreMixins, FakeServer, serverProfile, VerbatimReply } from '../../src/index.js';
import { bulkText, connect } from './wire.js';

const FIELDS_7_0 = [
  'id', 'addr', 'laddr', 'fd', 'name', 'age', 'idle', 'flags', 'db', 'sub', 'psub', 'ssub', 'multi', 'qbuf',
  'qbuf-free', 'argv-mem', 'multi-mem', 'rbs', 'rbp', 'obl', 'oll', 'omem', 'tot-mem', 'events', 'cmd', 'user',
  'redir', 'resp',
];

function parseLine(line: string): Map<string, string> {
  return new Map(line.split(' ').map((field) => {
    const eq = field.indexOf('=');
    return [field.slice(0, eq), field.slice(eq + 1)] as [string, string];
  }));
}

function lines(resp: string): string[] {
  const text = bulkText(resp);
  expect(text.endsWith('\n')).toBe(true);
  return text.slice(0, -1).split('\n').filter((l) => l !== '');
}

describe('CLIENT INFO and CLIENT LIST', () => {
  it('print every field Redis 7.0 prints, in order', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    s.clock.freeze(1_000_000_000);
    const a = connect(s, '10.0.0.1:4000', '10.0.0.2:6379');
    a.send('CLIENT', 'SETNAME', 'alpha');
    a.send('SELECT', '3');
    s.clock.advance(5_000);
    const [line] = lines(a.send('CLIENT', 'INFO'));
    const fields = parseLine(line as string);
    expect([...fields.keys()]).toEqual(FIELDS_7_0);
    expect(fields.get('id')).toBe(String(a.client.id));
    expect(fields.get('addr')).toBe('10.0.0.1:4000');
    expect(fields.get('laddr')).toBe('10.0.0.2:6379');
    expect(fields.get('name')).toBe('alpha');
    expect(fields.get('age')).toBe('5');
    expect(fields.get('idle')).toBe('0');
    expect(fields.get('flags')).toBe('N');
    expect(fields.get('db')).toBe('3');
    expect(fields.get('multi')).toBe('-1');
    expect(fields.get('argv-mem')).toBe('10');
    expect(fields.get('qbuf')).toBe('26');
    expect(fields.get('cmd')).toBe('client|info');
    expect(fields.get('user')).toBe('default');
    expect(fields.get('redir')).toBe('-1');
    expect(fields.get('resp')).toBe('2');
    expect(fields.get('events')).toBe('r');
  });

  it('answers verbatim text in RESP3', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    const a = connect(s);
    a.send('HELLO', '3');
    expect(a.send('CLIENT', 'INFO')).toMatch(/^=\d+\r\ntxt:id=\d+ .* resp=3\n\r\n$/);
    expect(s.call('CLIENT', 'LIST')).toBeInstanceOf(VerbatimReply);
  });

  it('shows the transaction, a touched WATCH, the last command and idle time', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    s.clock.freeze(1_000_000_000);
    const a = connect(s);
    const b = connect(s, '127.0.0.1:50002');
    a.send('WATCH', 'k');
    a.client.watchDirty = true; // as a write by another client would leave it
    a.send('MULTI');
    a.send('ECHO', 'x');
    a.send('PING');
    s.clock.advance(3_000);
    const all = lines(b.send('CLIENT', 'LIST'));
    expect(all).toHaveLength(2);
    const first = parseLine(all[0] as string);
    expect(first.get('id')).toBe(String(a.client.id));
    expect(first.get('flags')).toBe('xd');
    // Commands after a touched WATCH are not kept (queueMultiCommand), though QUEUED.
    expect(first.get('multi')).toBe('0');
    expect(first.get('cmd')).toBe('ping');
    expect(first.get('idle')).toBe('3');
    expect(first.get('argv-mem')).toBe('0');
    expect(first.get('qbuf')).toBe('0');
  });

  it('counts queued commands and their memory as Redis does', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    const a = connect(s);
    const b = connect(s);
    a.send('MULTI');
    a.send('ECHO', 'xy');
    a.send('PING');
    a.send('NOPE');
    const info = parseLine(lines(b.send('CLIENT', 'LIST', 'ID', String(a.client.id)))[0] as string);
    expect(info.get('flags')).toBe('x');
    // Arguments plus 8 bytes per argument; the rejected command is not queued.
    expect(info.get('multi')).toBe('2');
    expect(info.get('multi-mem')).toBe(String(6 + 16 + 4 + 8));
    expect(info.get('cmd')).toBe('NULL');
  });

  it('flags pub/sub, no-evict, closing and Unix-socket clients', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    const a = connect(s, '/tmp/redis.sock:0', '/tmp/redis.sock:0');
    const b = connect(s);
    a.send('CLIENT', 'NO-EVICT', 'on');
    a.client.patterns.add('p*' as never);
    const fields = parseLine(lines(b.send('CLIENT', 'LIST', 'ID', String(a.client.id)))[0] as string);
    expect(fields.get('flags')).toBe('PUe');
    expect(fields.get('psub')).toBe('1');
    expect(fields.get('addr')).toBe('/tmp/redis.sock:0');
    a.client.patterns.clear();
    a.client.closing = true;
    const first = (s.call('CLIENT', 'LIST') as VerbatimReply).text.split('\n')[0] as string;
    expect(parseLine(first).get('flags')).toBe('cUe');
  });

  it('shows the direct client without a connection', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    const text = (s.call('CLIENT', 'INFO') as VerbatimReply).text;
    const fields = parseLine(text.trimEnd());
    expect(fields.get('addr')).toBe('?:0');
    expect(fields.get('fd')).toBe('-1');
    expect(fields.get('events')).toBe('');
    expect(fields.get('resp')).toBe('3');
  });

  it('filters by TYPE and by ID, in the order of the ids given', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    const a = connect(s);
    const b = connect(s);
    const c = connect(s);
    b.client.channels.add('ch' as never);
    const ids = (resp: string) => lines(resp).map((l) => Number(parseLine(l).get('id')));
    expect(ids(a.send('CLIENT', 'LIST', 'TYPE', 'pubsub'))).toEqual([b.client.id]);
    expect(ids(a.send('CLIENT', 'LIST', 'TYPE', 'normal'))).toEqual([a.client.id, c.client.id]);
    expect(ids(a.send('CLIENT', 'LIST', 'ID', String(c.client.id), '999', String(a.client.id)))).toEqual([
      c.client.id,
      a.client.id,
    ]);
    expect(a.send('CLIENT', 'LIST', 'ID', '1', 'x')).toBe('-ERR Invalid client ID\r\n');
  });

  it('adds lib-name and lib-ver from Redis 7.2', () => {
    const s = new FakeServer({ mixins: [...coreMixins], profile: serverProfile('redis', '7.2') });
    const a = connect(s);
    expect(a.send('CLIENT', 'SETINFO', 'LIB-NAME', 'ioredis')).toBe('+OK\r\n');
    expect(a.send('CLIENT', 'SETINFO', 'lib-ver', '5.4.1')).toBe('+OK\r\n');
    const fields = parseLine(lines(a.send('CLIENT', 'INFO'))[0] as string);
    expect([...fields.keys()]).toEqual([...FIELDS_7_0, 'lib-name', 'lib-ver']);
    expect(fields.get('lib-name')).toBe('ioredis');
    expect(fields.get('lib-ver')).toBe('5.4.1');
    a.send('CLIENT', 'NO-TOUCH', 'on');
    expect(parseLine(lines(a.send('CLIENT', 'INFO'))[0] as string).get('flags')).toBe('T');
  });
});
