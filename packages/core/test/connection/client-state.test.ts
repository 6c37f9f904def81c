import { describe, expect, it } from 'vitest';
import { addHook, type Client, coreMixins, ErrorReply, FakeServer, serverProfile, SimpleString } from '../../src/index.js';
import { connect } from './wire.js';

const server72 = () => new FakeServer({ mixins: [...coreMixins], profile: serverProfile('redis', '7.2') });

describe('CLIENT SETINFO (Redis 7.2)', () => {
  it('sets and clears the library name and version', () => {
    const s = server72();
    const a = connect(s);
    expect(a.send('CLIENT', 'SETINFO', 'lib-name', 'node-redis')).toBe('+OK\r\n');
    expect(a.send('CLIENT', 'SETINFO', 'LIB-VER', '4.7.0')).toBe('+OK\r\n');
    expect(a.client.libName).toBe('node-redis');
    expect(a.client.libVersion).toBe('4.7.0');
    expect(a.send('CLIENT', 'SETINFO', 'lib-name', '')).toBe('+OK\r\n');
    expect(a.client.libName).toBe('');
  });

  it('names the attribute in its errors as the client spelled it', () => {
    const s = server72();
    expect(s.call('CLIENT', 'SETINFO', 'Lib-Name', 'a b')).toEqual(
      new ErrorReply('ERR Lib-Name cannot contain spaces, newlines or special characters.'),
    );
    expect(s.call('CLIENT', 'SETINFO', 'lib-ver', 'x\ny')).toEqual(
      new ErrorReply('ERR lib-ver cannot contain spaces, newlines or special characters.'),
    );
    expect(s.call('CLIENT', 'SETINFO', 'libname', 'x')).toEqual(new ErrorReply("ERR Unrecognized option 'libname'"));
    expect(s.call('CLIENT', 'SETINFO', 'lib-name')).toEqual(
      new ErrorReply("ERR wrong number of arguments for 'client|setinfo' command"),
    );
  });

  it('does not exist in Redis 7.0', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    expect(s.call('CLIENT', 'SETINFO', 'lib-name', 'x')).toEqual(
      new ErrorReply("ERR unknown subcommand 'SETINFO'. Try CLIENT HELP."),
    );
  });
});

describe('CLIENT HELP', () => {
  it('lists SETINFO and NO-TOUCH from Redis 7.2', () => {
    const help72 = (server72().call('CLIENT', 'HELP') as SimpleString[]).map((l) => l.value);
    const help70 = (new FakeServer({ mixins: [...coreMixins] }).call('CLIENT', 'HELP') as SimpleString[]).map((l) => l.value);
    expect(help70).toHaveLength(48);
    expect(help70.at(-1)).toBe('    Prints this help.');
    expect(help72).toHaveLength(54);
    expect(help72.indexOf('SETINFO <option> <value>')).toBe(help72.indexOf('SETNAME <name>') + 2);
    expect(help72.slice(-4)).toEqual([
      'NO-TOUCH (ON|OFF)',
      '    Will not touch LRU/LFU stats when this mode is on.',
      'HELP',
      '    Print this help.',
    ]);
  });
});

describe('RESET', () => {
  it('restores a new connection’s state and keeps the library attributes', () => {
    const s = server72();
    const a = connect(s);
    let resetSeen: Client | undefined;
    addHook(s, 'clientReset', (client) => {
      resetSeen = client;
    });
    a.send('HELLO', '3', 'SETNAME', 'n');
    a.send('CLIENT', 'SETINFO', 'lib-name', 'lib');
    a.send('SELECT', '5');
    a.send('CLIENT', 'NO-EVICT', 'on');
    a.send('CLIENT', 'NO-TOUCH', 'on');
    a.send('WATCH', 'k');
    a.send('MULTI');
    a.client.channels.add('c' as never);
    expect(a.send('RESET')).toBe('+RESET\r\n');
    const c = a.client;
    expect(resetSeen).toBe(c);
    expect([c.protocol, c.db.index, c.name, c.multi, c.watched.length, c.channels.size]).toEqual([2, 0, '', undefined, 0, 0]);
    expect([c.noEvict, c.noTouch, c.libName]).toEqual([false, false, 'lib']);
  });

  it('keeps NO-EVICT in Redis 7.0', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    const a = connect(s);
    a.send('CLIENT', 'NO-EVICT', 'on');
    a.send('RESET');
    expect(a.client.noEvict).toBe(true);
  });

  it('requires authentication again when a password is set', () => {
    const s = new FakeServer({ mixins: [...coreMixins], config: { requirepass: 'pw' } });
    const a = connect(s);
    expect(a.send('AUTH', 'pw')).toBe('+OK\r\n');
    expect(a.send('RESET')).toBe('+RESET\r\n');
    expect(a.send('PING')).toBe('-NOAUTH Authentication required.\r\n');
  });
});

describe('CLIENT REPLY', () => {
  it('silences replies, skips one, and resumes', () => {
    const s = new FakeServer({ mixins: [...coreMixins] });
    const a = connect(s);
    expect(a.send('CLIENT', 'REPLY', 'OFF')).toBe('');
    expect(a.send('PING')).toBe('');
    expect(a.send('CLIENT', 'REPLY', 'SKIP')).toBe('');
    expect(a.send('CLIENT', 'REPLY', 'ON')).toBe('+OK\r\n');
    expect(a.send('CLIENT', 'REPLY', 'SKIP')).toBe('');
    expect(a.send('ECHO', 'gone')).toBe('');
    expect(a.send('ECHO', 'here')).toBe('$4\r\nhere\r\n');
  });
});
