import { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  attachStream, coreMixins, BigNumberReply, BooleanReply, type Bytes, defineMixin, DoubleReply, encodeChunks, ErrorReply, FakeServer, MapReply,
  NULL_ARRAY, OK, OUTPUT_CHUNK_SIZE, PairsMapReply, PairsReply, PushReply, type Reply, ReplyEncoder, SetReply,
  SimpleString, type Transport, VerbatimReply,
} from '../src/index.js';

const MiB = 1024 * 1024;
/** More than V8's longest string (2^29 - 24 chars): the output that used to kill the server. */
const PAST_STRING_LIMIT = 2 ** 29 + MiB;

const Big = defineMixin({
  name: 'Big',
  commands: {
    GET: (client, argv) => client.db.lookupString(argv[1] as Bytes) ?? null,
    SET: (client, argv) => {
      client.db.set(argv[1] as Bytes, argv[2] as Bytes);
      return OK;
    },
    // An aggregate reply past the string limit, as LRANGE or MGET of big values can give.
    LRANGE: (client, argv) => {
      const value = client.db.lookupString(argv[1] as Bytes) as Bytes;
      return new Array<Reply>(Number(argv[3]) + 1).fill(value);
    },
  },
});

/** A transport that keeps the pieces it is sent (strings share the value: no copies). */
function recorder(): { transport: Transport; pieces: string[] } {
  const pieces: string[] = [];
  return {
    pieces,
    transport: { write: (s) => pieces.push(s), close: () => {}, remoteAddress: '127.0.0.1:1', localAddress: '127.0.0.1:6379' },
  };
}

const resp = (...args: string[]) => `*${args.length}\r\n${args.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`;

/** Checks that `pieces` are `count` RESP bulk replies of `value`, without joining them. */
function expectBulks(pieces: string[], value: string, count: number, header = ''): void {
  const bulk = `$${value.length}\r\n${value}\r\n`;
  let total = 0;
  for (const piece of pieces) total += piece.length;
  expect(total).toBe(header.length + count * bulk.length);
  // Walk the pieces as one stream and compare with the expected stream, piece by piece.
  let offset = 0;
  const expectedAt = (position: number, length: number): string => {
    let out = header.slice(position, position + length);
    if (out.length === length) return out;
    let p = (position + out.length - header.length) % bulk.length;
    while (out.length < length) {
      out += bulk.slice(p, p + length - out.length);
      p = 0;
    }
    return out;
  };
  for (const piece of pieces) {
    expect(piece.length).toBeGreaterThan(0);
    // Compare the piece's start and end (full comparisons of 600 MiB would be slow).
    const n = Math.min(64, piece.length);
    expect(piece.slice(0, n)).toBe(expectedAt(offset, n));
    expect(piece.slice(piece.length - n)).toBe(expectedAt(offset + piece.length - n, n));
    offset += piece.length;
  }
}

describe('output buffer', () => {
  it('sends 600 pipelined replies of 1 MiB (past the string limit) in pieces', () => {
    const server = new FakeServer({ mixins: [Big] });
    const value = 'x'.repeat(MiB - 1) + '\xff';
    server.call('SET', 'big', Buffer.from(value, 'latin1'));
    const { transport, pieces } = recorder();
    const client = server.createClient(transport);
    client.feed(resp('GET', 'big').repeat(600) + resp('SET', 'k', 'v'));
    expect(client.closed).toBe(false);
    // Every piece is bounded; together they are every reply, in order, then SET's +OK.
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(OUTPUT_CHUNK_SIZE + 16);
    const last = pieces.pop() as string;
    expect(last.endsWith('+OK\r\n')).toBe(true);
    if (last.length > 5) pieces.push(last.slice(0, -5));
    expectBulks(pieces, value, 600);
    // The client goes on working.
    pieces.length = 0;
    client.feed(resp('GET', 'k'));
    expect(pieces).toEqual(['$1\r\nv\r\n']);
  });

  it('sends one aggregate reply whose encoding is past the string limit', () => {
    const server = new FakeServer({ mixins: [Big] });
    const value = 'y'.repeat(MiB);
    server.call('SET', 'big', value);
    const count = Math.ceil(PAST_STRING_LIMIT / MiB);
    for (const protocol of [2, 3] as const) {
      const { transport, pieces } = recorder();
      const client = server.createClient(transport);
      client.protocol = protocol;
      client.feed(resp('LRANGE', 'big', '0', String(count - 1)));
      expect(pieces[0]?.startsWith('-')).toBe(false);
      expectBulks(pieces, value, count, `*${count}\r\n`);
    }
  });

  it('keeps small replies in one write per flush', () => {
    const server = new FakeServer({ mixins: [Big] });
    server.call('SET', 'k', 'v');
    const { transport, pieces } = recorder();
    const client = server.createClient(transport);
    client.feed(resp('GET', 'k').repeat(100));
    expect(pieces).toEqual(['$1\r\nv\r\n'.repeat(100)]);
  });
});

describe('encodeChunks', () => {
  const encoder = new ReplyEncoder('redis7');
  const replies: Reply[] = [
    'bulk\r\nwith crlf',
    '',
    42,
    -7n,
    null,
    new SimpleString('OK'),
    new ErrorReply('ERR nope'),
    NULL_ARRAY,
    new DoubleReply(1.5),
    new BooleanReply(true),
    new BigNumberReply(12345678901234567890n),
    new VerbatimReply('txt', 'some text'),
    ['a', 1, ['nested', null, new SetReply(['s1', 's2'])]],
    new MapReply([['k1', 'v1'], ['k2', [1, 2, 3]]]),
    new PairsMapReply([['stream', [['1-0', ['f', 'v']]]]]),
    new SetReply(['m1', 'm2', 'm3']),
    new PushReply(['message', 'chan', 'payload']),
    new PairsReply([['a', 1], ['b', 2]]),
    [],
  ];
  it('writes what encode() writes, in every protocol and piece size', () => {
    for (const protocol of [2, 3] as const) {
      for (const reply of replies) {
        const whole = encoder.encode(reply, protocol);
        for (const size of [1, 5, 16, 1024]) {
          const pieces = encodeChunks(encoder, reply, protocol, size);
          expect(pieces.join('')).toBe(whole);
          for (const piece of pieces) expect(piece.length).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('client-output-buffer-limit', () => {
  /** A transport whose peer has not taken `pending` bytes (a socket's writableLength). */
  function slowPeer(): { transport: Transport; pieces: string[]; aborted: () => boolean; setPending: (n: number) => void } {
    const pieces: string[] = [];
    let pending = 0;
    let aborted = false;
    return {
      pieces,
      aborted: () => aborted,
      setPending: (n) => {
        pending = n;
      },
      transport: {
        write: (s) => pieces.push(s),
        close: (abort) => {
          aborted = abort === true;
        },
        get pendingBytes() {
          return pending;
        },
        remoteAddress: '127.0.0.1:2',
        localAddress: '127.0.0.1:6379',
      },
    };
  }

  it('counts the soft limit seconds on server.clock and shows omem in CLIENT LIST', () => {
    const server = new FakeServer({ mixins: [...coreMixins, Big] });
    server.clock.freeze();
    server.call('SET', 'big', 'x'.repeat(200_000));
    server.call('CONFIG', 'SET', 'client-output-buffer-limit', 'normal 0 100000 10');
    const logged: string[] = [];
    (server.hooks.log ??= []).push((_level, message) => logged.push(message));
    const peer = slowPeer();
    const client = server.createClient(peer.transport);
    client.feed(resp('GET', 'big'));
    expect(peer.pieces.join('').length).toBe(200_011);
    // The peer has not read it: CLIENT LIST shows it in the reply list.
    peer.setPending(200_011);
    const line = server.call('CLIENT', 'LIST', 'ID', String(client.id)) as VerbatimReply;
    expect(line.text).toMatch(/ obl=16384 oll=12 omem=197088 tot-mem=\d+ /);
    server.clock.advance(10_000);
    client.feed(resp('GET', 'big'));
    expect(client.closed).toBe(false);
    server.clock.advance(1_000);
    client.feed(resp('GET', 'big'));
    expect(client.closed).toBe(true);
    expect(peer.aborted()).toBe(true);
    expect(peer.pieces.join('').length).toBe(2 * 200_011);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^Client id=\d+ .* cmd=get .* scheduled to be closed ASAP for overcoming of output buffer limits\.$/);
  });

  it('resets the soft limit time when a write finds the output under it', () => {
    const server = new FakeServer({ mixins: [...coreMixins, Big] });
    server.clock.freeze();
    server.call('SET', 'big', 'x'.repeat(200_000));
    server.call('SET', 'small', 'x'.repeat(20_000));
    server.call('CONFIG', 'SET', 'client-output-buffer-limit', 'normal 0 100000 10');
    const peer = slowPeer();
    const client = server.createClient(peer.transport);
    client.feed(resp('GET', 'big'));
    server.clock.advance(20_000);
    client.feed(resp('GET', 'small')); // past the static buffer, under the soft limit
    client.feed(resp('GET', 'big'));
    expect(client.closed).toBe(false);
  });

  it('applies the pubsub class to subscribed clients only', () => {
    const server = new FakeServer({ mixins: [...coreMixins, Big] });
    server.call('SET', 'big', 'x'.repeat(200_000));
    server.call('CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 100000 0 0');
    const peer = slowPeer();
    const client = server.createClient(peer.transport);
    client.feed(resp('GET', 'big'));
    expect(client.closed).toBe(false);
    // A RESP3 subscriber may run any command; its replies count against the pubsub class.
    client.protocol = 3;
    client.channels.add('ch' as Bytes);
    client.feed(resp('GET', 'big'));
    expect(client.closed).toBe(true);
  });
});

describe('maxclients', () => {
  /** An in-memory duplex that records what the server writes and whether it ended. */
  function duplex(): { stream: Duplex; written: () => string; ended: () => boolean } {
    let written = '';
    let ended = false;
    const stream = new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString('latin1');
        done();
      },
      final(done) {
        ended = true;
        done();
      },
    });
    return { stream, written: () => written, ended: () => ended };
  }

  it('refuses a stream past maxclients with Redis error (the direct client does not count)', async () => {
    const server = new FakeServer({ mixins: [...coreMixins, Big], config: { maxclients: 1 } });
    server.call('PING');
    const addresses = { remoteAddress: '127.0.0.1:1', localAddress: '127.0.0.1:6379' };
    const first = duplex();
    expect(attachStream(server, first.stream, addresses)).toBeDefined();
    const second = duplex();
    expect(attachStream(server, second.stream, addresses)).toBeUndefined();
    await new Promise((r) => setImmediate(r));
    expect(second.written()).toBe('-ERR max number of clients reached\r\n');
    expect(second.ended()).toBe(true);
    expect(server.stats.rejectedConnections).toBe(1);
    expect(first.ended()).toBe(false);
  });
});
