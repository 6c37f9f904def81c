import { describe, expect, it } from 'vitest';
import { coreMixins, ErrorReply, FakeServer, MapReply, serverProfile, SimpleString } from '../../src/index.js';
import { connect } from './wire.js';

const server = (options: ConstructorParameters<typeof FakeServer>[0] = {}) =>
  new FakeServer({ mixins: [...coreMixins], ...options });

describe('HELLO', () => {
  it('describes the server in the protocol it switches to', () => {
    const s = server();
    const conn = connect(s);
    const id = conn.client.id;
    expect(conn.send('HELLO', '3')).toBe(
      '%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:3\r\n' +
        `$2\r\nid\r\n:${id}\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n`,
    );
    expect(conn.client.protocol).toBe(3);
    expect(conn.send('HELLO', '2')).toMatch(/^\*14\r\n\$6\r\nserver\r\n/);
    expect(conn.client.protocol).toBe(2);
    // Without a version the protocol stays as it is.
    expect(conn.send('HELLO')).toMatch(/^\*14\r\n.*\$5\r\nproto\r\n:2\r\n/s);
  });

  it('reports the emulated version and server type', () => {
    const version = (s: FakeServer) => (s.call('HELLO') as MapReply).entries.find(([k]) => k === 'version')?.[1];
    const kind = (s: FakeServer) => (s.call('HELLO') as MapReply).entries.find(([k]) => k === 'server')?.[1];
    expect(version(server({ profile: serverProfile('redis', '7.2') }))).toBe('7.2.4');
    expect(kind(server({ profile: serverProfile('valkey', '8.0') }))).toBe('valkey');
    expect(kind(server())).toBe('redis');
  });

  it('sets the name even when AUTH then fails', () => {
    const s = server();
    const conn = connect(s);
    expect(conn.send('HELLO', '3', 'SETNAME', 'n', 'AUTH', 'bob', 'x')).toBe(
      '-WRONGPASS invalid username-password pair or user is disabled.\r\n',
    );
    expect(conn.client.name).toBe('n');
    expect(conn.client.protocol).toBe(2);
  });

  it('checks the client flag, not the current password', () => {
    const s = server({ config: { requirepass: 'pw' } });
    const conn = connect(s);
    s.config.set('requirepass', '');
    // Commands run once no password is required, but HELLO still wants authentication.
    expect(conn.send('PING')).toBe('+PONG\r\n');
    expect(conn.send('HELLO', '3')).toMatch(/^-NOAUTH HELLO must be called/);
    expect(conn.send('HELLO', '3', 'AUTH', 'default', 'whatever')).toMatch(/^%7\r\n/);
  });
});

describe('AUTH', () => {
  it('authenticates against requirepass as the default user', () => {
    const s = server({ config: { requirepass: 'secret' } });
    const conn = connect(s);
    expect(conn.send('PING')).toBe('-NOAUTH Authentication required.\r\n');
    expect(conn.send('AUTH', 'nope')).toBe('-WRONGPASS invalid username-password pair or user is disabled.\r\n');
    expect(conn.send('AUTH', 'other', 'secret')).toMatch(/^-WRONGPASS/);
    expect(conn.send('AUTH', 'secret')).toBe('+OK\r\n');
    expect(conn.send('PING')).toBe('+PONG\r\n');
    // A failed AUTH afterwards keeps the connection authenticated.
    expect(conn.send('AUTH', 'default', 'nope')).toMatch(/^-WRONGPASS/);
    expect(conn.send('PING')).toBe('+PONG\r\n');
  });

  it('refuses the one-argument form without a password', () => {
    const s = server();
    expect(s.call('AUTH', 'x')).toEqual(
      new ErrorReply(
        'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
      ),
    );
    expect(s.call('AUTH', 'default', 'anything')).toEqual(new SimpleString('OK'));
    expect(s.call('AUTH', 'a', 'b', 'c')).toEqual(new ErrorReply('ERR syntax error'));
  });

  it('turns a rejected EXEC into EXECABORT with the reason', () => {
    const s = server({ config: { requirepass: 'pw' } });
    const conn = connect(s);
    expect(conn.send('EXEC')).toBe('-EXECABORT Transaction discarded because of: NOAUTH Authentication required.\r\n');
  });
});

describe('PING', () => {
  it('answers ["pong", message] to a RESP2 client in subscribed mode only', () => {
    const s = server();
    const conn = connect(s);
    conn.client.channels.add('news' as never);
    expect(conn.send('PING')).toBe('*2\r\n$4\r\npong\r\n$0\r\n\r\n');
    expect(conn.send('PING', 'hi')).toBe('*2\r\n$4\r\npong\r\n$2\r\nhi\r\n');
    conn.client.protocol = 3;
    expect(conn.send('PING')).toBe('+PONG\r\n');
  });
});
