import { describe, expect, it } from 'vitest';
import type { Bytes } from '../src/bytes.js';
import {
  BigNumberReply, BooleanReply, DoubleReply, ErrorReply, MapReply, NULL_ARRAY, PushReply,
  SetReply, SimpleString, VerbatimReply,
} from '../src/reply.js';
import { ReplyEncoder } from '../src/resp/encoder.js';
import { RequestParser, splitInlineArgs } from '../src/resp/parser.js';

const limits = { maxBulkLength: 512 * 1024 * 1024, authenticated: true };

/** Feeds chunks and pulls every command they complete. */
function parseAll(parser: RequestParser, ...chunks: string[]): Bytes[][] {
  const out: Bytes[][] = [];
  for (const chunk of chunks) {
    parser.feed(chunk);
    for (let argv = parser.next(limits); argv !== undefined; argv = parser.next(limits)) out.push(argv);
  }
  return out;
}

describe('RequestParser', () => {
  it('frames multibulk requests split at every byte', () => {
    const request = '*2\r\n$3\r\nGET\r\n$4\r\na\r\nb\r\n*1\r\n$4\r\nPING\r\n';
    const parser = new RequestParser();
    expect(parseAll(parser, ...request)).toEqual([['GET', 'a\r\nb'], ['PING']]);
    expect(parser.error).toBeUndefined();
  });

  it('assembles a large bulk arriving in many chunks', () => {
    const value = 'x'.repeat(100_000);
    const request = `*2\r\n$4\r\nECHO\r\n$${value.length}\r\n${value}\r\n`;
    const chunks: string[] = [];
    for (let i = 0; i < request.length; i += 1000) chunks.push(request.slice(i, i + 1000));
    const out = parseAll(new RequestParser(), ...chunks);
    expect(out).toHaveLength(1);
    expect(out[0]?.[1]).toHaveLength(100_000);
  });

  it('hands out one command at a time, leaving the rest held', () => {
    const parser = new RequestParser();
    parser.feed('PING\r\nPING\r\n');
    expect(parser.next(limits)).toEqual(['PING']);
    expect(parser.hasInput).toBe(true);
    expect(parser.next(limits)).toEqual(['PING']);
    expect(parser.next(limits)).toBeUndefined();
  });

  it('applies the limits in force when each command is parsed', () => {
    const parser = new RequestParser();
    parser.feed('*2\r\n$4\r\nAUTH\r\n$2\r\npw\r\n*11\r\n');
    expect(parser.next({ ...limits, authenticated: false })).toEqual(['AUTH', 'pw']);
    expect(parser.next(limits)).toBeUndefined();
    expect(parser.error).toBeUndefined();
    const strict = new RequestParser();
    strict.feed('*11\r\n');
    expect(strict.next({ ...limits, authenticated: false })).toBeUndefined();
    expect(strict.error?.detail).toBe('unauthenticated multibulk length');
  });

  it('splits inline commands as sdssplitargs does', () => {
    expect(splitInlineArgs('SET  k "a b\\x41\\n" \'it\\\'s\'')).toEqual(['SET', 'k', 'a bA\n', "it's"]);
    expect(splitInlineArgs('')).toEqual([]);
    expect(splitInlineArgs('"unbalanced')).toBeUndefined();
    expect(splitInlineArgs('"a"b')).toBeUndefined();
    // \v and \f separate nothing (only isspace() knows them), and a NUL ends the line.
    expect(splitInlineArgs('ECHO a\vb')).toEqual(['ECHO', 'a\vb']);
    expect(splitInlineArgs('ECHO ab\0 cd')).toEqual(['ECHO', 'ab']);
  });

  it('skips empty multibulk and empty inline lines', () => {
    expect(parseAll(new RequestParser(), '*0\r\n\r\n*-1\r\nPING\r\n')).toEqual([['PING']]);
  });

  it('ends headers at CR, skipping the byte after it as Redis does', () => {
    expect(parseAll(new RequestParser(), '*1\rX$4\r\nPING\r\n')).toEqual([['PING']]);
  });

  it('waits on an inline line whose newline follows a NUL', () => {
    const parser = new RequestParser();
    expect(parseAll(parser, 'ECHO a\0b\r\n')).toEqual([]);
    expect(parser.error).toBeUndefined();
  });

  it('hides a header line end behind a NUL, as strchr does, until the line is too long', () => {
    for (const [input, detail] of [
      ['*1\0\r\n$4\r\nPING\r\n', 'too big mbulk count string'],
      ['*1\r\n$4\0\r\nPING\r\n', 'too big bulk count string'],
      ['*1\r\nx\0\r\n', 'too big bulk count string'],
    ] as const) {
      const parser = new RequestParser();
      expect(parseAll(parser, input)).toEqual([]);
      expect(parser.error).toBeUndefined();
      parseAll(parser, 'y'.repeat(70_000));
      expect(parser.error?.detail).toBe(detail);
    }
  });

  it('reports framing errors after the commands before them', () => {
    const cases: Array<[string, string]> = [
      ['*1\r\n!3\r\n', "expected '$', got '!'"],
      ['*x\r\n', 'invalid multibulk length'],
      ['*2147483648\r\n', 'invalid multibulk length'],
      ['*1\r\n$-5\r\n', 'invalid bulk length'],
      ['*1\r\n$600000000\r\n', 'invalid bulk length'],
      ['"abc\r\n', 'unbalanced quotes in request'],
      ['x'.repeat(70_000), 'too big inline request'],
    ];
    for (const [input, detail] of cases) {
      const parser = new RequestParser();
      expect(parseAll(parser, `PING\r\n${input}`)).toEqual([['PING']]);
      expect(parser.error?.detail, input.slice(0, 20)).toBe(detail);
    }
  });
});

describe('ReplyEncoder', () => {
  const encoder = new ReplyEncoder('printf17g');
  const both = (reply: Parameters<ReplyEncoder['encode']>[0]) => [encoder.encode(reply, 2), encoder.encode(reply, 3)];

  it('writes every reply type in RESP2 and RESP3', () => {
    expect(both('ab' as Bytes)).toEqual(['$2\r\nab\r\n', '$2\r\nab\r\n']);
    expect(both(null)).toEqual(['$-1\r\n', '_\r\n']);
    expect(both(NULL_ARRAY)).toEqual(['*-1\r\n', '_\r\n']);
    expect(both(42)).toEqual([':42\r\n', ':42\r\n']);
    expect(both(2n ** 62n)).toEqual([':4611686018427387904\r\n', ':4611686018427387904\r\n']);
    expect(both(new SimpleString('OK'))).toEqual(['+OK\r\n', '+OK\r\n']);
    expect(both(new ErrorReply('ERR x'))).toEqual(['-ERR x\r\n', '-ERR x\r\n']);
    expect(both(new MapReply([['a' as Bytes, 1]]))).toEqual(['*2\r\n$1\r\na\r\n:1\r\n', '%1\r\n$1\r\na\r\n:1\r\n']);
    expect(both(new SetReply(['a' as Bytes]))).toEqual(['*1\r\n$1\r\na\r\n', '~1\r\n$1\r\na\r\n']);
    expect(both(new PushReply(['a' as Bytes]))).toEqual(['*1\r\n$1\r\na\r\n', '>1\r\n$1\r\na\r\n']);
    expect(both(new DoubleReply(1.1))).toEqual(['$18\r\n1.1000000000000001\r\n', ',1.1000000000000001\r\n']);
    expect(both(new DoubleReply(-Infinity))).toEqual(['$4\r\n-inf\r\n', ',-inf\r\n']);
    expect(both(new BooleanReply(true))).toEqual([':1\r\n', '#t\r\n']);
    expect(both(new BigNumberReply(123n))).toEqual(['$3\r\n123\r\n', '(123\r\n']);
    expect(both(new VerbatimReply('txt', 'hi' as Bytes))).toEqual(['$2\r\nhi\r\n', '=6\r\ntxt:hi\r\n']);
    expect(both([1, ['x' as Bytes], null])).toEqual(['*3\r\n:1\r\n*1\r\n$1\r\nx\r\n$-1\r\n', '*3\r\n:1\r\n*1\r\n$1\r\nx\r\n_\r\n']);
  });
});
