import { describe, expect, it } from 'vitest';
import {
  type Bytes,
  defineMixin,
  ErrorReply,
  FakeServer,
  OK,
  serverProfile,
  SimpleString,
} from '../src/index.js';

const Tiny = defineMixin({
  name: 'Tiny',
  commands: {
    GET: (client, argv) => client.db.lookupString(argv[1] as Bytes) ?? null,
    SET: (client, argv) => {
      client.db.set(argv[1] as Bytes, argv[2] as Bytes);
      return OK;
    },
    'CONFIG GET': (client, argv) => client.server.config.get(argv[2] as Bytes) as Bytes,
  },
});

describe('engine', () => {
  it('runs installed commands and rejects others as Redis does', () => {
    const server = new FakeServer({ mixins: [Tiny] });
    expect(server.call('SET', 'k', 'v')).toEqual(new SimpleString('OK'));
    expect(server.call('GET', 'k')).toBe('v');
    expect(server.call('GET')).toEqual(new ErrorReply("ERR wrong number of arguments for 'get' command"));
    expect(server.call('FOO', 'a', 'b')).toEqual(
      new ErrorReply("ERR unknown command 'FOO', with args beginning with: 'a' 'b' "),
    );
    expect(server.call('CONFIG', 'NOPE')).toEqual(new ErrorReply("ERR unknown subcommand 'NOPE'. Try CONFIG HELP."));
    expect(server.call('config', 'get')).toEqual(new ErrorReply("ERR wrong number of arguments for 'config|get' command"));
    // DEL is in the metadata but not installed: unknown, as on a server without it.
    expect(server.call('DEL', 'k')).toEqual(new ErrorReply("ERR unknown command 'DEL', with args beginning with: 'k' "));
  });

  it('frames RESP and inline input and encodes RESP2 and RESP3', () => {
    const server = new FakeServer({ mixins: [Tiny], profile: serverProfile('redis', '7.2') });
    const out: string[] = [];
    const client = server.createClient({
      write: (s) => out.push(s),
      close: () => out.push('<closed>'),
      remoteAddress: '127.0.0.1:1',
      localAddress: '127.0.0.1:6379',
    });
    client.feed(Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n\x00\xff\r\nGET k\r\n', 'latin1'));
    expect(out.join('')).toBe('+OK\r\n$2\r\n\x00\xff\r\n');
    out.length = 0;
    client.feed('*1\r\n$3\r\nGE');
    expect(out).toEqual([]);
    client.feed('T\r\n');
    expect(out.join('')).toBe("-ERR wrong number of arguments for 'get' command\r\n");
    out.length = 0;
    client.feed('*1\r\n!3\r\n');
    expect(out.join('')).toBe("-ERR Protocol error: expected '$', got '!'\r\n<closed>");
  });

  it('expires keys lazily and actively on the server clock', () => {
    const server = new FakeServer({ mixins: [Tiny] });
    server.clock.freeze(1_000_000);
    server.call('SET', 'k', 'v');
    const expired: string[] = [];
    server.notifier.onEvent((e) => expired.push(`${e.event}:${e.key}`));
    server.db(0).setExpire('k' as Bytes, 1_000_100);
    server.clock.advance(100);
    // Redis expires a key once its time is past, not when it is reached.
    expect(server.call('GET', 'k')).toBe('v');
    server.clock.advance(1);
    expect(server.db(0).size).toBe(0);
    expect(expired).toEqual(['expired:k']);
    server.close();
  });
});
