import { FakeServer } from '@fakeredis/core';
import { type Arg, fuzzCommands } from '@fakeredis/tooling/conformance';
import fc from 'fast-check';
import { mixins } from '../conformance/server.js';

// Random sequences of the non-blocking list commands, real vs fake, RESP2 and RESP3,
// fixed seed. Small key and element alphabets make commands collide; bulk pushes and
// long runs make lists span several quicklist nodes, so MEMORY USAGE checks the node
// layout after pushes, pops, LINSERT splits, LREM and LTRIM.
const key = fc.constantFrom<Arg>('a', 'b', 'a', 'b', 'c', 'str');
const element = fc.oneof(
  fc.constantFrom<Arg>('x', 'y', 'z', '', '1', '-1', '01', '9223372036854775807', 'long-'.repeat(20)),
  fc.integer({ min: 0, max: 30 }).map((n) => `e${n}`),
);
const elements = fc.array(element, { minLength: 1, maxLength: 6 });
const index = fc.oneof(fc.integer({ min: -12, max: 12 }).map(String), fc.constantFrom('x', '9223372036854775807', '-9223372036854775808', '1.5'));
const count = fc.oneof(fc.integer({ min: -3, max: 10 }).map(String), fc.constantFrom('x', '9223372036854775807', '-9223372036854775808'));
const end = fc.constantFrom<Arg>('LEFT', 'RIGHT', 'left', 'UP');

type Weighted = fc.Arbitrary<Arg[]> | { arbitrary: fc.Arbitrary<Arg[]>; weight: number };
const choices: Weighted[] = [
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('LPUSH', 'RPUSH'), key, elements).map(([c, k, e]) => [c, k, ...e]) },
  fc.tuple(fc.constantFrom('LPUSHX', 'RPUSHX'), key, elements).map(([c, k, e]) => [c, k, ...e]),
  // Runs of elements that fill several 8 kB nodes (the default fill, -2). The real
  // server's config outlives a sequence, so the fill is not fuzzed (see encoding.test.ts).
  fc.tuple(fc.constantFrom('LPUSH', 'RPUSH'), key, fc.integer({ min: 50, max: 900 }), fc.integer({ min: 0, max: 30 })).map(([c, k, n, from]): Arg[] => [
    c, k, ...Array.from({ length: n }, (_, i) => (i % 7 === 0 ? `e${(from + i) % 31}` : `element-${(from + i) % 997}`)),
  ]),
  fc.tuple(key, fc.constantFrom('BEFORE', 'AFTER', 'after', 'MIDDLE'), element, element).map(([k, w, p, e]) => ['LINSERT', k, w, p, e]),
  fc.tuple(fc.constantFrom('LPOP', 'RPOP'), key, fc.option(count, { nil: undefined })).map(([c, k, n]) => (n === undefined ? [c, k] : [c, k, n])),
  fc.tuple(key, index).map(([k, i]) => ['LINDEX', k, i]),
  fc.tuple(key, index, element).map(([k, i, e]) => ['LSET', k, i, e]),
  fc.tuple(key, index, index).map(([k, s, e]) => ['LRANGE', k, s, e]),
  fc.tuple(key, index, index).map(([k, s, e]) => ['LTRIM', k, s, e]),
  fc.tuple(key, count, element).map(([k, n, e]) => ['LREM', k, n, e]),
  fc.tuple(key, element, fc.constantFrom<Arg[]>([], ['RANK', '2'], ['RANK', '-1'], ['RANK', '0'], ['COUNT', '0'], ['COUNT', '2', 'RANK', '-2'], ['MAXLEN', '3'], ['COUNT', '0', 'MAXLEN', '5'], ['RANK', '-9223372036854775808', 'COUNT', '2'], ['FOO'])).map(
    ([k, e, o]) => ['LPOS', k, e, ...o],
  ),
  fc.tuple(key, key, end, end).map(([s, d, f, t]) => ['LMOVE', s, d, f, t]),
  fc.tuple(key, key).map(([s, d]) => ['RPOPLPUSH', s, d]),
  fc.tuple(fc.array(key, { minLength: 1, maxLength: 3 }), end, fc.option(count, { nil: undefined })).map(([ks, e, n]): Arg[] => [
    'LMPOP', String(ks.length), ...ks, e, ...(n === undefined ? [] : ['COUNT', n]),
  ]),
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('LLEN', 'TYPE', 'EXISTS'), key).map(([c, k]): Arg[] => [c, k]) },
  { weight: 2, arbitrary: key.map((k): Arg[] => ['MEMORY', 'USAGE', k, 'SAMPLES', '0']) },
  key.map((k): Arg[] => ['OBJECT', 'ENCODING', k]),
  fc.tuple(key, key).map(([s, d]) => ['COPY', s, d, 'REPLACE']),
  fc.constant<Arg[]>(['SET', 'str', 'v']),
  fc.array(key, { minLength: 1, maxLength: 2 }).map((ks): Arg[] => ['DEL', ...ks]),
];

fuzzCommands('lists', {
  createServer: (config) => new FakeServer({ mixins, config }),
  command: fc.oneof(...choices),
  numRuns: 150,
});
