import { FakeServer } from '@fakeredis/core';
import { type Arg, type Compare, fuzzCommands } from '@fakeredis/tooling/conformance';
import fc from 'fast-check';
import { mixins } from '../conformance/server.js';

// Random sequences of sorted set commands, real vs fake, RESP2 and RESP3, fixed seed.
// Scores come from a small alphabet so ties are common (order by member bytes then);
// lex commands run on 'l', whose members all have score 0, as lex ranges require.
// ZRANDMEMBER and ZSCAN are compared by shape (random picks, hash order).
const key = fc.constantFrom<Arg>('a', 'b', 'a', 'b', 'c', 'str', 'set');
const keys = fc.array(key, { minLength: 1, maxLength: 3 });
const member = fc.oneof(
  fc.constantFrom<Arg>('', 'x', 'y', 'z', 'xy', 'A', '\u00ff', 'x'.repeat(65), '1', '01'),
  fc.integer({ min: 0, max: 30 }).map((n) => `m${n}`),
);
const score = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map(String),
  fc.constantFrom('0.5', '-0', '1e300', '-1e300', 'inf', '-inf', '+inf', '0.1', '1.5e-7', '123456789012345678', 'nan', 'x'),
);
const bound = fc.oneof(score, score.map((s) => `(${s}`), fc.constantFrom('-inf', '+inf', '(-inf', '(+inf', '', ' 1'));
const lexBound = fc.oneof(
  fc.constantFrom('-', '+', '[', '(', 'x', '[m1', '(m2', '[m', '(x', '[z', '(\u00ff'),
  fc.integer({ min: 0, max: 30 }).map((n) => `[m${n}`),
);
const index = fc.oneof(fc.integer({ min: -12, max: 12 }).map(String), fc.constantFrom('x', '9223372036854775807', '-9223372036854775808'));
const count = fc.oneof(fc.integer({ min: -5, max: 12 }).map(String), fc.constantFrom('x', '9223372036854775807', '1.5'));
const limit = fc.option(fc.tuple(count, count).map(([o, c]): Arg[] => ['LIMIT', o, c]), { nil: [] as Arg[] });
const withScores = fc.constantFrom<Arg[]>([], ['WITHSCORES']);
const zaddFlags = fc.subarray<Arg>(['NX', 'XX', 'GT', 'LT', 'CH', 'INCR']);
const scoredMembers = fc.array(fc.tuple(score, member), { minLength: 1, maxLength: 4 }).map((ps) => ps.flat());

type Weighted = fc.Arbitrary<Arg[]> | { arbitrary: fc.Arbitrary<Arg[]>; weight: number };
const choices: Weighted[] = [
  { weight: 4, arbitrary: fc.tuple(key, zaddFlags, scoredMembers).map(([k, f, p]) => ['ZADD', k, ...f, ...p]) },
  // Big writes cross zset-max-listpack-entries (128).
  {
    weight: 2,
    arbitrary: fc.tuple(key, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 60, max: 200 }), fc.integer({ min: 1, max: 4 })).map(([k, from, n, mod]): Arg[] => [
      'ZADD', k, ...Array.from({ length: n }, (_, i) => [String((from + i) % mod), `m${from + i}`]).flat(),
    ]),
  },
  fc.tuple(key, score, member).map(([k, s, m]) => ['ZINCRBY', k, s, m]),
  fc.tuple(key, fc.array(member, { minLength: 1, maxLength: 4 })).map(([k, ms]) => ['ZREM', k, ...ms]),
  fc.tuple(key, member).map(([k, m]) => ['ZSCORE', k, m]),
  fc.tuple(key, fc.array(member, { minLength: 1, maxLength: 3 })).map(([k, ms]) => ['ZMSCORE', k, ...ms]),
  fc.tuple(fc.constantFrom('ZRANK', 'ZREVRANK'), key, member).map(([c, k, m]) => [c, k, m]),
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('ZCARD', 'TYPE', 'EXISTS'), key).map(([c, k]): Arg[] => [c, k]) },
  fc.tuple(key, bound, bound).map(([k, a, b]) => ['ZCOUNT', k, a, b]),
  { weight: 2, arbitrary: fc.tuple(key, index, index, fc.constantFrom<Arg[]>([], ['REV']), withScores).map(([k, a, b, r, w]) => ['ZRANGE', k, a, b, ...r, ...w]) },
  { weight: 2, arbitrary: fc.tuple(key, bound, bound, fc.constantFrom<Arg[]>([], ['REV']), limit, withScores).map(([k, a, b, r, l, w]) => ['ZRANGE', k, a, b, 'BYSCORE', ...r, ...l, ...w]) },
  fc.tuple(fc.constantFrom('ZRANGEBYSCORE', 'ZREVRANGEBYSCORE'), key, bound, bound, limit, withScores).map(([c, k, a, b, l, w]) => [c, k, a, b, ...w, ...l]),
  fc.tuple(key, index, index, withScores).map(([k, a, b, w]) => ['ZREVRANGE', k, a, b, ...w]),
  fc.tuple(key, key, index, index).map(([d, s, a, b]) => ['ZRANGESTORE', d, s, a, b]),
  fc.tuple(key, key, bound, bound, limit).map(([d, s, a, b, l]) => ['ZRANGESTORE', d, s, a, b, 'BYSCORE', ...l]),
  fc.tuple(key, index, index).map(([k, a, b]) => ['ZREMRANGEBYRANK', k, a, b]),
  fc.tuple(key, bound, bound).map(([k, a, b]) => ['ZREMRANGEBYSCORE', k, a, b]),
  fc.tuple(fc.constantFrom('ZPOPMIN', 'ZPOPMAX'), key, fc.option(count, { nil: undefined })).map(([c, k, n]) => (n === undefined ? [c, k] : [c, k, n])),
  fc.tuple(keys, fc.constantFrom('MIN', 'MAX', 'max'), fc.option(count, { nil: undefined })).map(([ks, w, n]) => [
    'ZMPOP', String(ks.length), ...ks, w, ...(n === undefined ? [] : ['COUNT', n]),
  ]),
  fc.tuple(key, fc.option(count, { nil: undefined }), withScores).map(([k, n, w]) => (n === undefined ? ['ZRANDMEMBER', k] : ['ZRANDMEMBER', k, n, ...w])),
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('ZUNION', 'ZINTER', 'ZDIFF', 'ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE'), key, keys, fc.boolean(), fc.constantFrom('', 'SUM', 'MIN', 'MAX'), withScores)
      .map(([c, d, ks, weights, agg, w]): Arg[] => {
        const store = c.endsWith('STORE');
        const diff = c.startsWith('ZDIFF');
        return [
          c, ...(store ? [d] : []), String(ks.length), ...ks,
          ...(weights && !diff ? ['WEIGHTS', ...ks.map((_, i) => ['2', '-1', '0.5', 'inf'][i % 4] as string)] : []),
          ...(agg !== '' && !diff ? ['AGGREGATE', agg] : []), ...(store ? [] : w),
        ];
      }),
  },
  fc.tuple(keys, fc.option(count, { nil: undefined })).map(([ks, l]) => ['ZINTERCARD', String(ks.length), ...ks, ...(l === undefined ? [] : ['LIMIT', l])]),
  fc.tuple(key, fc.constantFrom<Arg[]>([], ['MATCH', '*1*'], ['MATCH', 'm?'])).map(([k, o]) => ['ZSCAN', k, '0', 'COUNT', '10000', ...o]),
  // Lex commands on 'l' only, whose scores stay 0.
  { weight: 2, arbitrary: fc.array(member, { minLength: 1, maxLength: 4 }).map((ms): Arg[] => ['ZADD', 'l', ...ms.flatMap((m) => ['0', m])]) },
  fc.tuple(lexBound, lexBound).map(([a, b]): Arg[] => ['ZLEXCOUNT', 'l', a, b]),
  fc.tuple(lexBound, lexBound, fc.constantFrom<Arg[]>([], ['REV']), limit).map(([a, b, r, l]): Arg[] => ['ZRANGE', 'l', a, b, 'BYLEX', ...r, ...l]),
  fc.tuple(fc.constantFrom('ZRANGEBYLEX', 'ZREVRANGEBYLEX'), lexBound, lexBound, limit).map(([c, a, b, l]): Arg[] => [c, 'l', a, b, ...l]),
  fc.tuple(lexBound, lexBound).map(([a, b]): Arg[] => ['ZREMRANGEBYLEX', 'l', a, b]),
  fc.tuple(key, lexBound, lexBound).map(([d, a, b]): Arg[] => ['ZRANGESTORE', d, 'l', a, b, 'BYLEX']),
  { weight: 2, arbitrary: fc.constantFrom<Arg>('a', 'b', 'c', 'l').map((k): Arg[] => ['OBJECT', 'ENCODING', k]) },
  fc.tuple(key, key).map(([s, d]) => ['COPY', s, d, 'REPLACE']),
  fc.constant<Arg[]>(['SET', 'str', 'v']),
  fc.array(member, { minLength: 1, maxLength: 3 }).map((ms): Arg[] => ['SADD', 'set', ...ms]),
  keys.map((ks): Arg[] => ['DEL', ...ks]),
];
const command = fc.oneof(...choices);

function compareFor(argv: Arg[]): Compare {
  const name = String(argv[0]).toUpperCase();
  if (name === 'ZRANDMEMBER' || name === 'ZSCAN') return 'shape';
  return 'exact';
}

fuzzCommands('zsets', {
  createServer: (config) => new FakeServer({ mixins, config }),
  command,
  compareFor,
  numRuns: 150,
});
