import { describe, expect, it } from 'vitest';
import { addHook, coreMixins, defineMixin, FakeServer, type Transport } from '../../src/index.js';
import { connect } from './wire.js';

// A fault of the fake (an exception where none was expected) costs at most the client it
// happened for: the server logs it and goes on serving everyone else.

const Faulty = defineMixin({
  name: 'Faulty',
  commands: {
    // A handler with a bug: a TypeError instead of a reply.
    GET: () => {
      throw new TypeError('cannot read properties of undefined');
    },
  },
});

function serverWithLog(): { server: FakeServer; log: string[] } {
  const server = new FakeServer({ mixins: [...coreMixins, Faulty] });
  const log: string[] = [];
  addHook(server, 'log', (_level, message) => log.push(message));
  return { server, log };
}

describe('faults are isolated', () => {
  it('answers an exception in a handler with an error, logs it, and goes on', () => {
    const { server, log } = serverWithLog();
    const a = connect(server);
    const b = connect(server, '127.0.0.1:50002');
    expect(a.send('GET', 'k')).toBe('-ERR internal error in fakeredis: cannot read properties of undefined\r\n');
    expect(log.some((line) => line.startsWith('fakeredis internal error in get: TypeError: cannot read properties of undefined'))).toBe(true);
    expect(a.send('PING')).toBe('+PONG\r\n');
    expect(b.send('PING')).toBe('+PONG\r\n');
    expect(a.closed).toBe(false);
  });

  it('closes a client whose command failed outside its handler; the others and the direct API go on', () => {
    const { server, log } = serverWithLog();
    const a = connect(server);
    const b = connect(server, '127.0.0.1:50002');
    // A hook that throws once, for a's command only.
    addHook(server, 'commandCalled', (client) => {
      if (client === a.client) throw new RangeError('hook fault');
    });
    expect(a.sendRaw('PING\r\nPING\r\n')).toBe('');
    expect(a.closed).toBe(true);
    expect(log.some((line) => line.startsWith(`fakeredis internal error serving client ${a.client.id}, closing it: RangeError: hook fault`))).toBe(true);
    expect(b.send('ECHO', 'x')).toBe('$1\r\nx\r\n');
    expect(server.call('PING')).toEqual(expect.anything());
    expect(server.clients.has(a.client.id)).toBe(false);
  });

  it('closes a client whose input parsing fails unexpectedly', () => {
    const { server, log } = serverWithLog();
    const a = connect(server);
    const b = connect(server, '127.0.0.1:50002');
    (a.client as unknown as { parser: { next: () => never } }).parser.next = () => {
      throw new Error('parser fault');
    };
    a.sendRaw('PING\r\n');
    expect(a.closed).toBe(true);
    expect(log.some((line) => line.includes('parser fault'))).toBe(true);
    expect(b.send('PING')).toBe('+PONG\r\n');
  });

  it('drops a client whose transport throws, still writing the other clients output', () => {
    const { server, log } = serverWithLog();
    const broken: Transport = {
      write: () => {
        throw new Error('socket fault');
      },
      close: () => {},
      remoteAddress: '127.0.0.1:1',
      localAddress: '127.0.0.1:6379',
    };
    const a = server.createClient(broken);
    const received: string[] = [];
    const b = server.createClient({ write: (s) => received.push(s), close: () => {}, remoteAddress: '127.0.0.1:2', localAddress: '127.0.0.1:6379' });
    a.channels.add('ch' as never);
    b.channels.add('ch' as never);
    // Both get output in the same flush: a's write throws, b's still happens.
    server.markOutput(a);
    a.push(['message', 'ch', 'x']);
    b.push(['message', 'ch', 'x']);
    server.flushOutput();
    expect(received.join('')).toBe('*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$1\r\nx\r\n');
    expect(a.closed).toBe(true);
    expect(log.some((line) => line.includes('socket fault'))).toBe(true);
  });
});
