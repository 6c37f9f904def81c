import { FakeServer } from '@fakeredis/core';
import { type Arg, fuzzCommands } from '@fakeredis/tooling/conformance';
import { referenceBinary } from '@fakeredis/tooling/conformance/reference';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { mixins, REDISBLOOM_ENV } from '../conformance/server.js';

// Random CF.* and CMS.* sequences, redis-server 7.0.15 with redisbloom.so vs the fake,
// RESP2 and RESP3, fixed seed, every reply compared exactly. Small filters and sketches
// and a small item alphabet, so filters fill, grow, evict, collide and compact, counters
// saturate and merges overflow. (No random LOADCHUNK headers: a huge one makes the
// module's allocation end redis-server 7.0.)

const cfKey = fc.constantFrom<Arg>('c', 'c', 'c2', 's', 'm');
const cmsKey = fc.constantFrom<Arg>('m', 'm', 'm2', 's', 'c');
const item = fc.oneof(fc.integer({ min: 0, max: 40 }).map((n) => `i${n}`), fc.constantFrom<Arg>('', 'same', Buffer.from([0, 255])));
const items = (max: number) => fc.array(item, { minLength: 1, maxLength: max });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const reserve = fc.tuple(cfKey, fc.constantFrom('4', '8', '16', '64', '1000', '3', 'x'), opt(fc.constantFrom('1', '2', '3', '4')), opt(fc.constantFrom('1', '5', '20')), opt(fc.constantFrom('0', '1', '2', '3')))
  .map(([k, cap, b, i, e]): Arg[] => ['CF.RESERVE', k, cap, ...(b ? ['BUCKETSIZE', b] : []), ...(i ? ['MAXITERATIONS', i] : []), ...(e ? ['EXPANSION', e] : [])]);
const insert = fc.tuple(fc.constantFrom('CF.INSERT', 'CF.INSERTNX'), cfKey, opt(fc.constantFrom('4', '8', '50', '2')), fc.boolean(), items(20))
  .map(([cmd, k, cap, nocreate, its]): Arg[] => [cmd, k, ...(cap ? ['CAPACITY', cap] : []), ...(nocreate ? ['NOCREATE'] : []), 'ITEMS', ...its]);
const cfPos = fc.constantFrom('0', '1', '2', '5', '9', '17', '33', '65', '129', '1000', '-1');

const pair = fc.tuple(item, fc.constantFrom('0', '1', '5', '1000', '4294967294', '4294967295', '9223372036854775807', '-1', 'x'));
const merge = fc.tuple(cmsKey, fc.array(cmsKey, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.constantFrom('2', '1', '0', '-1', '3'))
  .map(([d, srcs, weighted, w]): Arg[] => ['CMS.MERGE', d, String(srcs.length), ...srcs, ...(weighted ? ['WEIGHTS', ...srcs.map((_, i) => (i === 0 ? w : '1'))] : [])]);

const command = fc.oneof(
  { weight: 3, arbitrary: reserve },
  { weight: 6, arbitrary: insert },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('CF.ADD', 'CF.ADDNX', 'CF.EXISTS', 'CF.COUNT', 'CF.DEL'), cfKey, item).map(([c, k, i]): Arg[] => [c, k, i]) },
  { weight: 2, arbitrary: fc.tuple(cfKey, items(10)).map(([k, its]): Arg[] => ['CF.MEXISTS', k, ...its]) },
  { weight: 2, arbitrary: cfKey.map((k): Arg[] => ['CF.INFO', k]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('CF.COMPACT', 'CF.DEBUG'), cfKey).map(([c, k]): Arg[] => [c, k]) },
  { weight: 2, arbitrary: fc.tuple(cfKey, cfPos).map(([k, p]): Arg[] => ['CF.SCANDUMP', k, p]) },
  { weight: 1, arbitrary: fc.tuple(cfKey, cfPos, fc.uint8Array({ minLength: 0, maxLength: 8 })).map(([k, p, d]): Arg[] => ['CF.LOADCHUNK', k, p, Buffer.from(d)]) },
  { weight: 2, arbitrary: fc.tuple(cmsKey, fc.constantFrom('1', '2', '5', '10', '50', '0', 'x'), fc.constantFrom('1', '2', '3', '5')).map(([k, w, d]): Arg[] => ['CMS.INITBYDIM', k, w, d]) },
  { weight: 1, arbitrary: fc.tuple(cmsKey, fc.constantFrom('0.5', '0.1', '0.01', '0.3', '1'), fc.constantFrom('0.5', '0.1', '0.01', '0.9', '0')).map(([k, e, p]): Arg[] => ['CMS.INITBYPROB', k, e, p]) },
  { weight: 5, arbitrary: fc.tuple(cmsKey, fc.array(pair, { minLength: 1, maxLength: 6 })).map(([k, ps]): Arg[] => ['CMS.INCRBY', k, ...ps.flat()]) },
  { weight: 3, arbitrary: fc.tuple(cmsKey, items(8)).map(([k, its]): Arg[] => ['CMS.QUERY', k, ...its]) },
  { weight: 2, arbitrary: merge },
  { weight: 2, arbitrary: cmsKey.map((k): Arg[] => ['CMS.INFO', k]) },
  { weight: 1, arbitrary: fc.constantFrom<Arg[]>(['SET', 's', 'v'], ['DEL', 'c'], ['DEL', 'm'], ['TYPE', 'c'], ['TYPE', 'm'], ['MEMORY', 'USAGE', 'c'], ['MEMORY', 'USAGE', 'm'], ['DUMP', 'c'], ['DUMP', 'c2'], ['DUMP', 'm'], ['DUMP', 'm2']) },
);

const module = referenceBinary(REDISBLOOM_ENV);
if (module === undefined) {
  describe.skip(`cuckoo and count-min sketch fuzzing (needs ${REDISBLOOM_ENV})`, () => {
    it('skipped', () => {});
  });
} else {
  fuzzCommands('cuckoo and count-min sketch', {
    createServer: (config) => new FakeServer({ mixins, config }),
    command,
    realServerArgs: ['--loadmodule', module],
    numRuns: 150,
  });
}
