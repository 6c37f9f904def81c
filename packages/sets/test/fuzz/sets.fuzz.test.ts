import { FakeServer } from '@fakeredis/core';
import { type Arg, type Compare, fuzzCommands } from '@fakeredis/tooling/conformance';
import fc from 'fast-check';
import { mixins } from '../conformance/server.js';

// Random sequences of set commands, real vs fake, RESP2 and RESP3, fixed seed. SPOP is
// drawn only with counts whose outcome does not depend on the draw (0, everything,
// invalid), so both servers keep the same members; SRANDMEMBER is compared by shape.
const key = fc.constantFrom<Arg>('a', 'b', 'a', 'b', 'c', 'str');
const member = fc.oneof(
  fc.constantFrom<Arg>('1', '2', '3', '-1', '10', '65536', '9223372036854775807', '9223372036854775808', '01', '-0', '', 'x', 'y', 'z'),
  fc.integer({ min: 0, max: 40 }).map((n) => `m${n}`),
  fc.integer({ min: -20, max: 600 }).map(String),
);
const members = fc.array(member, { minLength: 1, maxLength: 5 });
const keys = fc.array(key, { minLength: 1, maxLength: 3 });
// Never a huge negative SRANDMEMBER count: redis-server would try to build that reply.
const count = fc.oneof(
  fc.integer({ min: -5, max: 12 }).map(String),
  fc.constantFrom('x', '9223372036854775807', '-9223372036854775808', '9223372036854775808', '1.5'),
);

type Weighted = fc.Arbitrary<Arg[]> | { arbitrary: fc.Arbitrary<Arg[]>; weight: number };
const choices: Weighted[] = [
  fc.tuple(key, members).map(([k, m]) => ['SADD', k, ...m]),
  // Integer runs reach and cross the intset limit (512), some to exactly 511..514 members.
  {
    weight: 3,
    arbitrary: fc.tuple(key, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 100, max: 600 })).map(([k, from, n]): Arg[] => [
      'SADD', k, ...Array.from({ length: n }, (_, i) => String(from + i)),
    ]),
  },
  fc.tuple(key, fc.integer({ min: 511, max: 514 })).map(([k, n]): Arg[] => ['SADD', k, ...Array.from({ length: n }, (_, i) => String(i))]),
  fc.tuple(key, members).map(([k, m]) => ['SREM', k, ...m]),
  fc.tuple(key, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 50, max: 300 })).map(([k, from, n]) => [
    'SREM', k, ...Array.from({ length: n }, (_, i) => String(from + i)),
  ]),
  fc.tuple(key, key, member).map(([s, d, m]) => ['SMOVE', s, d, m]),
  fc.tuple(key, member).map(([k, m]) => ['SISMEMBER', k, m]),
  fc.tuple(key, members).map(([k, m]) => ['SMISMEMBER', k, ...m]),
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('SCARD', 'SMEMBERS', 'TYPE', 'EXISTS'), key).map(([c, k]): Arg[] => [c, k]) },
  fc.tuple(fc.constantFrom('SINTER', 'SUNION', 'SDIFF'), keys).map(([c, ks]) => [c, ...ks]),
  fc.tuple(fc.constantFrom('SINTERSTORE', 'SUNIONSTORE', 'SDIFFSTORE'), key, keys).map(([c, d, ks]) => [c, d, ...ks]),
  fc.tuple(keys, fc.option(count, { nil: undefined })).map(([ks, limit]) => [
    'SINTERCARD', String(ks.length), ...ks, ...(limit === undefined ? [] : ['LIMIT', limit]),
  ]),
  fc.tuple(key, fc.constantFrom('0', '1000', '-1', 'x', '9223372036854775808')).map(([k, c]) => ['SPOP', k, c]),
  fc.tuple(key, fc.option(count, { nil: undefined })).map(([k, c]) => (c === undefined ? ['SRANDMEMBER', k] : ['SRANDMEMBER', k, c])),
  fc.tuple(key, fc.constantFrom<Arg[]>([], ['MATCH', '*1*'], ['MATCH', 'm?'], ['COUNT', '0'], ['TYPE', 'set'])).map(([k, o]) => [
    'SSCAN', k, '0', 'COUNT', '10000', ...o,
  ]),
  { weight: 3, arbitrary: key.map((k): Arg[] => ['OBJECT', 'ENCODING', k]) },
  fc.tuple(key, key).map(([s, d]) => ['COPY', s, d, 'REPLACE']),
  fc.constant<Arg[]>(['SET', 'str', 'v']),
  keys.map((ks): Arg[] => ['DEL', ...ks]),
];
const command = fc.oneof(...choices);

function compareFor(argv: Arg[]): Compare {
  const name = String(argv[0]).toUpperCase();
  if (name === 'SRANDMEMBER' || name === 'SSCAN') return 'shape';
  if (['SMEMBERS', 'SINTER', 'SUNION', 'SDIFF'].includes(name)) return 'unordered';
  // SPOP with a count that empties the set replies with all of it, in no defined order.
  if (name === 'SPOP') return 'unordered';
  return 'exact';
}

fuzzCommands('sets', {
  createServer: (config) => new FakeServer({ mixins, config }),
  command,
  compareFor,
  numRuns: 150,
});
