import { StringCommands } from '@fakeredis/strings';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coreMixins, FakeServer, type Transport } from '../../src/index.js';
import { RequestParser } from '../../src/resp/parser.js';

// The request parser and a client's input path under random and mutated bytes: nothing
// thrown, every call returns, memory bounded by the input, the server keeps serving, and
// the same bytes give the same replies however they are split. FUZZ_RUNS=n runs more.

const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** Per test: a long run (FUZZ_RUNS) gets the time it needs. */
const TIMEOUT = Math.max(20_000, RUNS * 100);

/** RESP-ish tokens, so random input reaches deep parser states, not only "unknown command". */
const token = fc.oneof(
  fc.constantFrom(
    '*', '$', '\r\n', '\r', '\n', '\0', '"', "'", '\\', '\\x4', ' ', '-1', '0', '1', '2', '3', '10', '11',
    '16385', '2147483648', '536870913', '99999999999999999999', 'PING', 'ECHO', 'SET', 'GET', 'k', 'v',
    'MULTI', 'EXEC', 'post', 'Host:', 'QUIT', 'CLIENT', 'LIST', 'HELLO', 'AUTH',
  ),
  fc.string({ maxLength: 8 }),
  fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
);
const randomInput = fc.array(token, { maxLength: 80 }).map((parts) => parts.join(''));

/** Valid requests: multibulk or inline, of commands that never block or close. */
const arg = fc.constantFrom('k', 'v', '', 'a b', 'x\r\ny', '\0\xff', 'v'.repeat(40));
const command = fc.oneof(
  fc.constant(['PING']),
  arg.map((a) => ['ECHO', a]),
  fc.tuple(arg, arg).map(([k, v]) => ['SET', k, v]),
  arg.map((k) => ['GET', k]),
  fc.constant(['CLIENT', 'ID']),
);
const encode = (args: string[]) => `*${args.length}\r\n${args.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`;
const inline = (args: string[]) => `${args.map((a) => (/^[a-zA-Z0-9]+$/.test(a) ? a : `"${[...a].map((c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('')}"`)).join(' ')}\r\n`;
const validInput = fc.array(fc.tuple(command, fc.boolean()), { minLength: 1, maxLength: 20 }).map((list) =>
  list.map(([args, asInline]) => (asInline ? inline(args) : encode(args))).join(''),
);

/** A valid input with a few byte-level mutations: flips, insertions, deletions, truncation. */
const mutatedInput = fc
  .tuple(validInput, fc.array(fc.tuple(fc.nat(), fc.constantFrom('flip', 'insert', 'delete', 'truncate', 'duplicate'), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
  .map(([input, mutations]) => {
    let text = input;
    for (const [at, kind, byte] of mutations) {
      const i = text.length === 0 ? 0 : at % text.length;
      const c = String.fromCharCode(byte);
      if (kind === 'flip') text = text.slice(0, i) + c + text.slice(i + 1);
      else if (kind === 'insert') text = text.slice(0, i) + c + text.slice(i);
      else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + 1);
      else if (kind === 'truncate') text = text.slice(0, i);
      else text = text.slice(0, i) + text.slice(i, i + 16) + text.slice(i);
    }
    return text;
  });

/** Splits `text` at the given points (each taken modulo its length). */
function split(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((c) => (text.length === 0 ? 0 : c % text.length)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let last = 0;
  for (const p of points) {
    pieces.push(text.slice(last, p));
    last = p;
  }
  pieces.push(text.slice(last));
  return pieces.filter((p) => p.length > 0);
}

/** Feeds pieces to a fresh client of a fresh server; what it wrote, and whether it closed. */
function run(pieces: string[]): { output: string; closed: boolean; server: FakeServer; maxUnparsed: number } {
  const server = new FakeServer({ mixins: [...coreMixins, StringCommands] });
  server.clock.freeze(1_700_000_000_000);
  let output = '';
  let closed = false;
  const transport: Transport = {
    write: (s) => {
      output += s;
    },
    close: () => {
      closed = true;
    },
    remoteAddress: '127.0.0.1:40000',
    localAddress: '127.0.0.1:6379',
  };
  const client = server.createClient(transport);
  let maxUnparsed = 0;
  for (const piece of pieces) {
    client.feed(Buffer.from(piece, 'latin1'));
    maxUnparsed = Math.max(maxUnparsed, client.queryBuffer.length);
  }
  return { output, closed: closed || client.closed, server, maxUnparsed };
}

/** HTTP-looking commands close without the replies not yet sent: those depend on the split. */
const closesEarly = (text: string) => /post|host:/i.test(text);

describe('RESP parser fuzzing', () => {
  it('RequestParser returns on random bytes in random pieces, holding no more than it was given', () => {
    fc.assert(
      fc.property(randomInput, fc.array(fc.nat(), { maxLength: 6 }), fc.boolean(), (input, cuts, authenticated) => {
        const parser = new RequestParser();
        const limits = { maxBulkLength: 512 * 1024 * 1024, authenticated };
        let fed = 0;
        for (const piece of split(input, cuts)) {
          parser.feed(piece);
          fed += piece.length;
          // Each next() either hands out a command (consuming input) or stops: bounded calls.
          for (let calls = 0; parser.next(limits) !== undefined; calls++) expect(calls).toBeLessThanOrEqual(fed);
          expect(parser.unparsedBytes).toBeLessThanOrEqual(fed);
        }
        if (parser.error !== undefined) expect(parser.error.message).toMatch(/^Protocol error: /);
      }),
      { numRuns: RUNS * 4, seed: 14 },
    );
  }, TIMEOUT);

  it('a client survives random and mutated input; the server keeps serving others', () => {
    fc.assert(
      fc.property(fc.oneof(randomInput, mutatedInput), fc.array(fc.nat(), { maxLength: 6 }), (input, cuts) => {
        const { output, closed, server, maxUnparsed } = run(split(input, cuts));
        expect(maxUnparsed).toBeLessThanOrEqual(input.length);
        // Whatever was written is whole RESP replies; a closed client was told why or closed by QUIT/POST.
        if (closed && !closesEarly(input) && !/quit/i.test(input)) expect(output).toMatch(/-ERR Protocol error: [^\r\n]*\r\n$/);
        expect(server.call('PING')).toEqual(expect.anything());
        const healthy = server.createClient({ write: () => {}, close: () => {}, remoteAddress: '127.0.0.1:1', localAddress: '127.0.0.1:6379' });
        healthy.feed('PING\r\n');
        expect(healthy.closed).toBe(false);
      }),
      { numRuns: RUNS, seed: 1414 },
    );
  }, TIMEOUT);

  it('gives the same replies however the input is split', () => {
    fc.assert(
      fc.property(fc.oneof(validInput, mutatedInput, randomInput), fc.array(fc.nat(), { maxLength: 8 }), (input, cuts) => {
        fc.pre(!closesEarly(input));
        const whole = run([input]);
        const pieces = run(split(input, cuts));
        // CLIENT ID and the like are equal too: each run has a fresh server.
        expect(pieces.output).toBe(whole.output);
        expect(pieces.closed).toBe(whole.closed);
      }),
      { numRuns: RUNS, seed: 141414 },
    );
  }, TIMEOUT);

  it('answers valid requests as if sent one at a time', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 20 }), (commands) => {
        const pipelined = run([commands.map(encode).join('')]);
        const oneByOne = run(commands.map(encode));
        expect(pipelined.output).toBe(oneByOne.output);
        expect(pipelined.closed).toBe(false);
      }),
      { numRuns: RUNS, seed: 14141414 },
    );
  }, TIMEOUT);

  it('waits on huge announced lengths without allocating them', () => {
    for (const input of ['*2147483647\r\n', '*1\r\n$500000000\r\n', '*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$500000000\r\nabc']) {
      const { output, closed, server } = run([input]);
      expect(output).toBe('');
      expect(closed).toBe(false);
      const [client] = [...server.clients.values()];
      // Room for a big argument is reserved as Redis reserves it; the bytes held are only those sent.
      expect(client?.queryBuffer.length).toBeLessThanOrEqual(input.length);
    }
  });
});
