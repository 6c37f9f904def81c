import { FakeServer } from '@fakeredis/core';
import { type Arg, fuzzCommands } from '@fakeredis/tooling/conformance';
import fc from 'fast-check';
import { mixins } from '../conformance/server.js';

// Random sequences of string, integer/float, bitmap and HyperLogLog commands, real vs
// fake, RESP2 and RESP3, fixed seed; every reply must be identical. Small key alphabets
// make commands collide (and meet the wrong type: PFADD on a string, SETBIT on HYLL).

const key = fc.constantFrom('a', 'b', 'c', 'h');
const integer = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', '9223372036854775806', '4611686018427387904', '0', '-0', '01', ' 1', '1.5', ''),
);
const float = fc.oneof(
  integer,
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map(String),
  fc.constantFrom('0.1', '-2.5e-3', '1e20', '3.0e3', '0x1p-2', 'inf', '-inf', 'nan', 'abc', '1e5000', '.5'),
);
const value: fc.Arbitrary<Arg> = fc.oneof(
  integer,
  fc.string({ maxLength: 12 }),
  fc.uint8Array({ maxLength: 10 }).map((b) => Buffer.from(b)),
  fc.constantFrom('HYLL', 'foobar', 'x'.repeat(50)),
);
const index = fc.oneof(fc.integer({ min: -40, max: 40 }).map(String), fc.constantFrom('9223372036854775807', '-9223372036854775808', 'x'));
const offset = fc.integer({ min: 0, max: 200 }).map(String);
const bitType = fc.oneof(fc.constantFrom('u1', 'i1', 'u8', 'i8', 'u16', 'i16', 'u63', 'i64', 'u64', 'i0', 'x3'), fc.integer({ min: 1, max: 63 }).map((n) => `u${n}`));
const bitOffset = fc.oneof(offset, fc.integer({ min: 0, max: 20 }).map((n) => `#${n}`));
const element = fc.oneof(fc.string({ maxLength: 6 }), fc.integer({ min: 0, max: 5000 }).map((n) => `e${n}`));

const setOption = fc.constantFrom<Arg[]>(['NX'], ['XX'], ['GET'], ['EX', '1000'], ['PX', '1000000'], ['EXAT', '4102444800'], ['PXAT', '1'], ['KEEPTTL'], ['EX', '0'], ['PERSIST']);
const getexOption = fc.constantFrom<Arg[]>([], ['PERSIST'], ['EX', '1000'], ['PXAT', '4102444800000'], ['EXAT', '1'], ['EX', '-1'], ['NX']);
const bitfieldOp = fc.oneof(
  fc.tuple(fc.constant('GET'), bitType, bitOffset).map((t): Arg[] => t),
  fc.tuple(fc.constantFrom('SET', 'INCRBY'), bitType, bitOffset, integer).map((t): Arg[] => t),
  fc.constantFrom<Arg[]>(['OVERFLOW', 'WRAP'], ['OVERFLOW', 'SAT'], ['OVERFLOW', 'FAIL']),
);

const command: fc.Arbitrary<Arg[]> = fc.oneof(
  fc.tuple(key, value, fc.array(setOption, { maxLength: 3 })).map(([k, v, o]): Arg[] => ['SET', k, v, ...o.flat()]),
  key.map((k): Arg[] => ['GET', k]),
  fc.tuple(fc.constantFrom('SETNX', 'GETSET', 'APPEND'), key, value).map((t): Arg[] => t),
  fc.tuple(fc.constantFrom('GETDEL', 'STRLEN', 'INCR', 'DECR', 'TYPE', 'TTL'), key).map((t): Arg[] => t),
  fc.tuple(key, getexOption).map(([k, o]): Arg[] => ['GETEX', k, ...o]),
  fc.array(key, { minLength: 1, maxLength: 4 }).map((ks): Arg[] => ['MGET', ...ks]),
  fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((kv): Arg[] => ['MSET', ...kv.flat()]),
  fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((kv): Arg[] => ['MSETNX', ...kv.flat()]),
  fc.tuple(fc.constantFrom('GETRANGE', 'SUBSTR'), key, index, index).map((t): Arg[] => t),
  fc.tuple(key, offset, value).map(([k, o, v]): Arg[] => ['SETRANGE', k, o, v]),
  fc.tuple(fc.constantFrom('INCRBY', 'DECRBY'), key, integer).map((t): Arg[] => t),
  fc.tuple(key, float).map(([k, f]): Arg[] => ['INCRBYFLOAT', k, f]),
  fc.tuple(key, key, fc.constantFrom<Arg[]>([], ['LEN'], ['IDX'], ['IDX', 'WITHMATCHLEN'], ['IDX', 'MINMATCHLEN', '2'])).map(([a, b, o]): Arg[] => ['LCS', a, b, ...o]),
  fc.tuple(key, offset, fc.constantFrom('0', '1', '2')).map(([k, o, b]): Arg[] => ['SETBIT', k, o, b]),
  fc.tuple(key, offset).map(([k, o]): Arg[] => ['GETBIT', k, o]),
  fc.tuple(key, fc.option(fc.tuple(index, index, fc.constantFrom<Arg[]>([], ['BIT'], ['BYTE'])), { nil: undefined })).map(([k, r]): Arg[] =>
    r ? ['BITCOUNT', k, r[0], r[1], ...r[2]] : ['BITCOUNT', k]),
  fc.tuple(key, fc.constantFrom('0', '1'), fc.array(index, { maxLength: 2 }), fc.constantFrom<Arg[]>([], ['BIT'], ['BYTE'])).map(([k, b, r, u]): Arg[] =>
    ['BITPOS', k, b, ...r, ...(r.length === 2 ? u : [])]),
  fc.tuple(fc.constantFrom('AND', 'OR', 'XOR', 'NOT'), key, fc.array(key, { minLength: 1, maxLength: 3 })).map(([op, d, s]): Arg[] =>
    ['BITOP', op, d, ...(op === 'NOT' ? s.slice(0, 1) : s)]),
  fc.tuple(fc.constantFrom('BITFIELD', 'BITFIELD_RO'), key, fc.array(bitfieldOp, { maxLength: 4 })).map(([c, k, ops]): Arg[] => [c, k, ...ops.flat()]),
  fc.tuple(key, fc.array(element, { maxLength: 8 })).map(([k, e]): Arg[] => ['PFADD', k, ...e]),
  fc.tuple(key, fc.integer({ min: 0, max: 3000 })).map(([k, n]): Arg[] => ['PFADD', k, ...Array.from({ length: n }, (_, i) => `m${n}-${i}`)]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks): Arg[] => ['PFCOUNT', ...ks]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks): Arg[] => ['PFMERGE', ...ks]),
  key.map((k): Arg[] => ['OBJECT', 'ENCODING', k]),
);

fuzzCommands('strings', {
  createServer: (config) => new FakeServer({ mixins, config }),
  command,
  maxCommands: 30,
  numRuns: 150,
  seed: 20240611,
});
