import { FakeServer, serverProfile } from '@fakeredis/core';
import { type Arg, fuzzCommands } from '@fakeredis/tooling/conformance';
import { REDISTIMESERIES_ENV, referenceBinary } from '@fakeredis/tooling/conformance/reference';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { tsMixins } from '../conformance/timeseries-server.js';

// Random TS.* sequences, redis-server 7.0.15 with redistimeseries.so vs the fake, RESP2
// and RESP3, fixed seed, every reply compared exactly. Few keys, small chunks, near
// timestamps and repeating values, so chunks fill and split, duplicates meet their
// policies, retention trims, rules compact and deletions reach the compactions.

const key = fc.constantFrom<Arg>('a', 'a', 'b', 'c', 'd', 's');
const ts = fc.oneof(fc.integer({ min: 0, max: 400 }).map(String), fc.constantFrom<Arg>('-1', 'x', '1000', '5000'));
const value = fc.oneof(fc.integer({ min: -20, max: 20 }).map(String), fc.constantFrom<Arg>('1.5', '-0.25', '1e10', 'nan', 'x', '3.333333333333'));
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const policy = fc.constantFrom('block', 'last', 'first', 'min', 'max', 'sum', 'bad');
const agg = fc.constantFrom('min', 'max', 'sum', 'avg', 'count', 'first', 'last', 'range', 'std.p', 'std.s', 'var.p', 'var.s', 'twa', 'foo');
const bucket = fc.constantFrom('1', '5', '10', '33', '100', '0');
const labels = fc.option(fc.constantFrom<Arg[]>(['LABELS', 'k', 'v1'], ['LABELS', 'k', 'v2', 'z', '1'], ['LABELS', 'z', '1'], ['LABELS', 'k', 'v1', 'z', '2']), { nil: undefined });

const createOpts = fc.tuple(
  opt(fc.constantFrom('0', '20', '100', '-1')), opt(fc.constantFrom('COMPRESSED', 'UNCOMPRESSED')), opt(fc.constantFrom('48', '64', '128', '4096', '50')),
  opt(policy), labels,
).map(([r, e, c, p, l]): Arg[] => [
  ...(r ? ['RETENTION', r] : []), ...(e ? ['ENCODING', e] : []), ...(c ? ['CHUNK_SIZE', c] : []), ...(p ? ['DUPLICATE_POLICY', p] : []), ...(l ?? []),
]);

const rangeOpts = fc.tuple(
  fc.boolean(), opt(fc.constantFrom('1', '3', '0')), opt(fc.tuple(agg, bucket, fc.boolean(), opt(fc.constantFrom('start', 'end', 'mid')))),
  opt(fc.constantFrom('start', 'end', '7', '-')), opt(fc.tuple(fc.constantFrom('-5', '0', '2'), fc.constantFrom('5', '10', '20'))), opt(fc.array(fc.integer({ min: 0, max: 400 }).map(String), { minLength: 1, maxLength: 5 })),
).map(([latest, count, aggr, align, byValue, byTs]): Arg[] => [
  ...(latest ? ['LATEST'] : []), ...(count ? ['COUNT', count] : []), ...(align && aggr ? ['ALIGN', align] : []),
  // No EMPTY with twa: the module's in-place fill then reads moved buffers (REVRANGE) or
  // computes a wrapped bucket count and aborts redis-server on the realloc (FILTER_BY_TS).
  ...(aggr ? ['AGGREGATION', aggr[0], aggr[1], ...(aggr[3] ? ['BUCKETTIMESTAMP', aggr[3]] : []), ...(aggr[2] && aggr[0] !== 'twa' ? ['EMPTY'] : [])] : []),
  ...(byValue ? ['FILTER_BY_VALUE', ...byValue] : []), ...(byTs ? ['FILTER_BY_TS', ...byTs] : []),
]);
const from = fc.constantFrom('-', '0', '50', '120', '300');
const to = fc.constantFrom('+', '100', '250', '399', '40');
const filter = fc.constantFrom<Arg[]>(['k=v1'], ['k=(v1,v2)'], ['z=1', 'k!=v2'], ['k=v1', 'z='], ['z!=', 'k=(v1,v2,v3)'], ['nope']);

const command = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(key, createOpts).map(([k, o]): Arg[] => ['TS.CREATE', k, ...o]) },
  { weight: 10, arbitrary: fc.tuple(key, ts, value, opt(policy), fc.option(createOpts, { nil: undefined })).map(([k, t, v, p, o]): Arg[] => ['TS.ADD', k, t, v, ...(p ? ['ON_DUPLICATE', p] : []), ...(o ?? [])]) },
  { weight: 3, arbitrary: fc.array(fc.tuple(key, ts, value), { minLength: 1, maxLength: 5 }).map((triples): Arg[] => ['TS.MADD', ...triples.flat()]) },
  // Bursts of mostly increasing samples into one series: chunks fill, split and trim.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom<Arg>('a', 'b'), fc.integer({ min: 0, max: 300 }), fc.array(fc.tuple(fc.integer({ min: -3, max: 12 }), value), { minLength: 10, maxLength: 60 }))
    .map(([k, start, steps]): Arg[] => {
      let t = start;
      return ['TS.MADD', ...steps.flatMap(([d, v]) => [k, String((t = Math.max(0, t + d))), v])];
    }) },
  // INCRBY's TIMESTAMP is a long long the module then uses as a uint64: a negative one (above 2^63) is not emulated.
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('TS.INCRBY', 'TS.DECRBY'), key, value, ts.filter((t) => t !== '-1')).map(([c, k, v, t]): Arg[] => [c, k, v, 'TIMESTAMP', t]) },
  { weight: 1, arbitrary: fc.tuple(key, createOpts).map(([k, o]): Arg[] => ['TS.ALTER', k, ...o]) },
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom('TS.RANGE', 'TS.REVRANGE'), key, from, to, rangeOpts).map(([c, k, f, t, o]): Arg[] => [c, k, f, t, ...o]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('TS.MRANGE', 'TS.MREVRANGE'), from, to, rangeOpts, fc.boolean(), filter, opt(fc.tuple(fc.constantFrom('k', 'z'), fc.constantFrom('sum', 'max', 'avg', 'count', 'min'))))
    .map(([c, f, t, o, wl, fl, g]): Arg[] => [c, f, t, ...o, ...(wl ? ['WITHLABELS'] : []), 'FILTER', ...fl, ...(g ? ['GROUPBY', g[0], 'REDUCE', g[1]] : [])]) },
  { weight: 2, arbitrary: fc.tuple(fc.boolean(), fc.boolean(), filter).map(([latest, wl, fl]): Arg[] => ['TS.MGET', ...(latest ? ['LATEST'] : []), ...(wl ? ['WITHLABELS'] : []), 'FILTER', ...fl]) },
  { weight: 1, arbitrary: filter.map((fl): Arg[] => ['TS.QUERYINDEX', ...fl]) },
  { weight: 3, arbitrary: fc.tuple(key, fc.boolean()).map(([k, d]): Arg[] => ['TS.INFO', k, ...(d ? ['DEBUG'] : [])]) },
  { weight: 2, arbitrary: fc.tuple(key, fc.boolean()).map(([k, l]): Arg[] => ['TS.GET', k, ...(l ? ['LATEST'] : [])]) },
  { weight: 2, arbitrary: fc.tuple(key, from, to).map(([k, f, t]): Arg[] => ['TS.DEL', k, f, t]) },
  { weight: 2, arbitrary: fc.tuple(key, key, agg, bucket, opt(fc.constantFrom('0', '3', '7'))).map(([s, d, a, b, al]): Arg[] => ['TS.CREATERULE', s, d, 'AGGREGATION', a, b, ...(al ? [al] : [])]) },
  { weight: 1, arbitrary: fc.tuple(key, key).map(([s, d]): Arg[] => ['TS.DELETERULE', s, d]) },
  { weight: 1, arbitrary: fc.constantFrom<Arg[]>(['SET', 's', 'v'], ['DEL', 'a'], ['DEL', 'b'], ['TYPE', 'a'], ['MEMORY', 'USAGE', 'a'], ['MEMORY', 'USAGE', 'c'], ['COPY', 'a', 'd'], ['EXISTS', 'a', 'b', 'c'], ['RENAME', 'a', 'c'], ['RENAME', 'c', 'a'], ['RENAME', 'b', 'd'], ['RENAMENX', 'd', 'b']) },
);

const module = referenceBinary(REDISTIMESERIES_ENV);
if (module === undefined) {
  describe.skip(`timeseries fuzzing (needs ${REDISTIMESERIES_ENV})`, () => {
    it('skipped', () => {});
  });
} else {
  fuzzCommands('timeseries', {
    createServer: (config) => new FakeServer({ mixins: tsMixins, config }),
    command,
    realServerArgs: ['--loadmodule', module, '--dbfilename', `timeseries-fuzz-${process.pid}.rdb`],
    numRuns: 150,
  });
  // The same against Redis 7.4 with the module, when FAKEREDIS_REDIS_7_4 names its binary.
  fuzzCommands('timeseries (Redis 7.4)', {
    createServer: (config) => new FakeServer({ mixins: tsMixins, config, profile: serverProfile('redis', '7.4') }),
    command,
    reference: 'FAKEREDIS_REDIS_7_4',
    realServerArgs: ['--loadmodule', module, '--dbfilename', `timeseries-fuzz74-${process.pid}.rdb`],
    numRuns: 150,
  });
}
