import { describe, expect, it } from 'vitest';
import { coreMixins, FakeServer } from '../../src/index.js';
import { connect } from './wire.js';

const server = () => new FakeServer({ mixins: [...coreMixins] });

describe('CLIENT KILL', () => {
  it('kills another client by id at once', () => {
    const s = server();
    const a = connect(s);
    const b = connect(s);
    expect(a.send('CLIENT', 'KILL', 'ID', String(b.client.id))).toBe(':1\r\n');
    expect(b.closed).toBe(true);
    expect(s.clients.has(b.client.id)).toBe(false);
    expect(a.send('CLIENT', 'KILL', 'ID', String(b.client.id))).toBe(':0\r\n');
  });

  it('skips the caller unless SKIPME no, and then closes it after the reply', () => {
    const s = server();
    const a = connect(s);
    const id = String(a.client.id);
    expect(a.send('CLIENT', 'KILL', 'ID', id)).toBe(':0\r\n');
    expect(a.closed).toBe(false);
    // Later pipelined commands are not run once the connection is closing.
    expect(a.sendRaw(`*5\r\n$6\r\nCLIENT\r\n$4\r\nKILL\r\n$2\r\nID\r\n$${id.length}\r\n${id}\r\n$6\r\nSKIPME\r\n*1\r\n$4\r\nPING\r\n`)).toBe(
      '-ERR syntax error\r\n+PONG\r\n',
    );
    expect(a.send('CLIENT', 'KILL', 'ID', id, 'SKIPME', 'no') + a.send('PING')).toBe(':1\r\n');
    expect(a.closed).toBe(true);
  });

  it('kills by address in the old form, the caller included, answering OK', () => {
    const s = server();
    const a = connect(s, '127.0.0.1:50001');
    const b = connect(s, '127.0.0.1:50002');
    expect(a.send('CLIENT', 'KILL', '127.0.0.1:50002')).toBe('+OK\r\n');
    expect(b.closed).toBe(true);
    expect(a.send('CLIENT', 'KILL', '127.0.0.1:50002')).toBe('-ERR No such client\r\n');
    expect(a.send('CLIENT', 'KILL', '127.0.0.1:50001')).toBe('+OK\r\n');
    expect(a.closed).toBe(true);
  });

  it('combines filters: ADDR, LADDR, TYPE and USER', () => {
    const s = server();
    const a = connect(s, '10.0.0.1:1', '10.0.0.9:6379');
    const b = connect(s, '10.0.0.2:2', '10.0.0.9:6379');
    const c = connect(s, '10.0.0.3:3', '10.0.0.8:6380');
    c.client.channels.add('news' as never);
    expect(a.send('CLIENT', 'KILL', 'LADDR', '10.0.0.9:6379', 'TYPE', 'pubsub')).toBe(':0\r\n');
    expect(a.send('CLIENT', 'KILL', 'LADDR', '10.0.0.9:6379', 'USER', 'default')).toBe(':1\r\n');
    expect(b.closed).toBe(true);
    expect(a.send('CLIENT', 'KILL', 'TYPE', 'PUBSUB', 'ADDR', '10.0.0.3:3')).toBe(':1\r\n');
    expect(c.closed).toBe(true);
    expect(a.closed).toBe(false);
  });

  it('lets the direct client be killed; the next call opens a new one', () => {
    const s = server();
    const first = s.call('CLIENT', 'ID');
    expect(s.call('CLIENT', 'KILL', 'ID', String(first), 'SKIPME', 'no')).toBe(1);
    const second = s.call('CLIENT', 'ID');
    expect(second).not.toBe(first);
    expect(s.clients.has(first as number)).toBe(false);
  });
});

describe('QUIT', () => {
  it('replies OK and closes, inside MULTI too, running nothing after it', () => {
    const s = server();
    const a = connect(s);
    a.send('MULTI');
    expect(a.sendRaw('*1\r\n$4\r\nQUIT\r\n*1\r\n$4\r\nPING\r\n')).toBe('+OK\r\n');
    expect(a.closed).toBe(true);
    expect(s.clients.has(a.client.id)).toBe(false);
  });

  it('ends the direct client; the next call opens a new one', () => {
    const s = server();
    s.call('CLIENT', 'SETNAME', 'before');
    expect(s.call('QUIT')).toEqual(expect.objectContaining({ value: 'OK' }));
    expect(s.call('CLIENT', 'GETNAME')).toBe(null);
  });
});
