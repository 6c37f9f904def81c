import { FakeServer } from '@fakeredis/core';
import { type Arg, fuzzCommands } from '@fakeredis/tooling/conformance';
import { referenceBinary } from '@fakeredis/tooling/conformance/reference';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { mixins, REDISBLOOM_ENV } from '../conformance/server.js';

// Random TOPK.* and TDIGEST.* sequences, redis-server 7.0.15 with redisbloom.so vs the
// fake, RESP2 and RESP3, fixed seed, every reply compared exactly. Top-K sketches are
// narrow so items collide, with decay 1: every draw of the server's rand() then decays
// (topk-random.test.ts compares the draws at other decays). Digests are small so samples
// merge often; values repeat, and merges mix compressions.

const topkKey = fc.constantFrom<Arg>('k', 'k', 'k2', 's', 't');
const tdKey = fc.constantFrom<Arg>('t', 't', 't2', 't3', 's', 'k');
const item = fc.oneof(fc.integer({ min: 0, max: 12 }).map((n) => `i${n}`), fc.constantFrom<Arg>('', Buffer.from([0x61, 0, 0x62]), 'same'));
const items = (max: number) => fc.array(item, { minLength: 1, maxLength: max });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const topkReserve = fc.tuple(topkKey, fc.constantFrom('1', '2', '3', '5', '0', 'x'), fc.constantFrom('1', '2', '3', '8', '0'), fc.constantFrom('1', '2', '4'), fc.constantFrom('1', '1', '1', '0', '2', 'x'))
  .map(([k, top, w, d, decay]): Arg[] => ['TOPK.RESERVE', k, top, w, d, decay]);
const increment = fc.constantFrom('0', '1', '2', '7', '300', '100000');
// A bad increment only in the last pair: before others, the module's reply announces more
// elements than it sends and the connection's next replies fill them (see the README).
const lastIncrement = fc.constantFrom('0', '1', '2', '7', '300', '100000', '-1', '100001', 'x');
const topk = [
  { weight: 2, arbitrary: topkReserve },
  { weight: 6, arbitrary: fc.tuple(topkKey, items(6)).map(([k, its]): Arg[] => ['TOPK.ADD', k, ...its]) },
  { weight: 4, arbitrary: fc.tuple(topkKey, fc.array(fc.tuple(item, increment), { maxLength: 3 }), item, lastIncrement).map(([k, ps, i, n]): Arg[] => ['TOPK.INCRBY', k, ...ps.flat(), i, n]) },
  { weight: 2, arbitrary: fc.tuple(topkKey, items(4)).map(([k, its]): Arg[] => ['TOPK.QUERY', k, ...its]) },
  { weight: 2, arbitrary: fc.tuple(topkKey, items(4)).map(([k, its]): Arg[] => ['TOPK.COUNT', k, ...its]) },
  { weight: 3, arbitrary: fc.tuple(topkKey, opt(fc.constantFrom('WITHCOUNT', 'withcount', 'with', 'x'))).map(([k, w]): Arg[] => ['TOPK.LIST', k, ...(w ? [w] : [])]) },
  { weight: 1, arbitrary: topkKey.map((k): Arg[] => ['TOPK.INFO', k]) },
];

const value = fc.oneof(fc.integer({ min: -20, max: 60 }).map(String), fc.constantFrom('0.5', '-0', '1e300', '-1e300', '3.25', 'inf', 'x', '7', '7', '7'));
const values = (max: number) => fc.array(value, { minLength: 1, maxLength: max });
const fraction = fc.constantFrom('0', '0.01', '0.1', '0.25', '0.5', '0.5', '0.9', '0.99', '1', '1.5', '-0.1', 'x');
const point = fc.constantFrom('-30', '-1', '0', '1', '2.5', '7', '10', '30', '59', '100', 'inf', '-inf', 'x');
const rank = fc.constantFrom('0', '1', '2', '5', '10', '50', '100', '-1', 'x');
const compression = fc.constantFrom('1', '2', '5', '20', '100', '0', 'x');
const merge = fc.tuple(tdKey, fc.array(tdKey, { minLength: 1, maxLength: 3 }), opt(compression), fc.boolean())
  .map(([d, srcs, c, override]): Arg[] => ['TDIGEST.MERGE', d, String(srcs.length), ...srcs, ...(c ? ['COMPRESSION', c] : []), ...(override ? ['OVERRIDE'] : [])]);
const tdigest = [
  { weight: 2, arbitrary: fc.tuple(tdKey, opt(compression)).map(([k, c]): Arg[] => ['TDIGEST.CREATE', k, ...(c ? ['COMPRESSION', c] : [])]) },
  { weight: 8, arbitrary: fc.tuple(tdKey, values(40)).map(([k, vs]): Arg[] => ['TDIGEST.ADD', k, ...vs]) },
  { weight: 2, arbitrary: merge },
  { weight: 3, arbitrary: fc.tuple(tdKey, fc.array(fraction, { minLength: 1, maxLength: 5 })).map(([k, qs]): Arg[] => ['TDIGEST.QUANTILE', k, ...qs]) },
  { weight: 2, arbitrary: fc.tuple(tdKey, fc.array(point, { minLength: 1, maxLength: 4 })).map(([k, ps]): Arg[] => ['TDIGEST.CDF', k, ...ps]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('TDIGEST.RANK', 'TDIGEST.REVRANK'), tdKey, fc.array(point, { minLength: 1, maxLength: 4 })).map(([c, k, ps]): Arg[] => [c, k, ...ps]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('TDIGEST.BYRANK', 'TDIGEST.BYREVRANK'), tdKey, fc.array(rank, { minLength: 1, maxLength: 4 })).map(([c, k, rs]): Arg[] => [c, k, ...rs]) },
  { weight: 2, arbitrary: fc.tuple(tdKey, fraction, fraction).map(([k, lo, hi]): Arg[] => ['TDIGEST.TRIMMED_MEAN', k, lo, hi]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('TDIGEST.MIN', 'TDIGEST.MAX', 'TDIGEST.INFO', 'TDIGEST.RESET'), tdKey).map(([c, k]): Arg[] => [c, k]) },
];

const command = fc.oneof(
  ...topk,
  ...tdigest,
  { weight: 1, arbitrary: fc.constantFrom<Arg[]>(['SET', 's', 'v'], ['DEL', 'k'], ['DEL', 't'], ['TYPE', 'k'], ['TYPE', 't'], ['MEMORY', 'USAGE', 'k'], ['MEMORY', 'USAGE', 't'], ['RENAME', 't', 't2']) },
);

const module = referenceBinary(REDISBLOOM_ENV);
if (module === undefined) {
  describe.skip(`Top-K and t-digest fuzzing (needs ${REDISBLOOM_ENV})`, () => {
    it('skipped', () => {});
  });
} else {
  fuzzCommands('Top-K and t-digest', {
    createServer: (config) => new FakeServer({ mixins, config }),
    command,
    realServerArgs: ['--loadmodule', module],
    numRuns: 150,
  });
}
