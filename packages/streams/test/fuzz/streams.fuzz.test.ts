import { FakeServer, serverProfile } from '@fakeredis/core';
import { type Arg, fuzzCommands } from '@fakeredis/tooling/conformance';
import fc from 'fast-check';
import { referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { LATER_VERSIONS, mixins } from '../conformance/server.js';

// Random sequences of the non-blocking stream commands, real vs fake, RESP2 and RESP3,
// fixed seed. Explicit ids from a small range make XADD, XDEL, XRANGE and the claims
// collide; values of 1 kB make a few XADDs span several nodes, so XINFO's radix-tree
// fields and MEMORY USAGE check the node model after trimming and deletion. Auto ids ('*') and anything
// that shows idle times are left out: they depend on each server's clock.
const key = fc.constantFrom<Arg>('a', 'b', 'a', 'str');
const ms = fc.integer({ min: 0, max: 400 });
const idArg = fc.oneof(
  fc.tuple(ms, fc.integer({ min: 0, max: 3 })).map(([m, s]) => `${m}-${s}`),
  ms.map(String),
  fc.constantFrom('-', '+', '(5', '(100-1', 'x', '0-0', '18446744073709551615-18446744073709551615'),
);
const field = fc.constantFrom<Arg>('f', 'g', 'h', '1', '');
// Values of ~1 kB fill a 4 kB node in a few entries, so short sequences span many nodes.
const value = fc.oneof(fc.constantFrom<Arg>('v', '', '12', '-3', 'long-'.repeat(30), 'x'.repeat(900), 'y'.repeat(1500)), fc.integer({ min: 0, max: 99 }).map((n) => `v${n}`));
const pairs = fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 3 }).map((ps) => ps.flat());
const count = fc.oneof(fc.integer({ min: -1, max: 12 }).map(String), fc.constant('x'));
const group = fc.constantFrom<Arg>('g1', 'g2');
const consumer = fc.constantFrom<Arg>('c1', 'c2', 'c3');
const trim = fc.oneof(
  fc.tuple(fc.constantFrom('MAXLEN', 'maxlen'), fc.constantFrom<Arg[]>([], ['~'], ['=']), fc.integer({ min: 0, max: 250 })).map(([t, a, n]): Arg[] => [t, ...a, String(n)]),
  fc.tuple(fc.constantFrom<Arg[]>([], ['~']), ms).map(([a, m]): Arg[] => ['MINID', ...a, String(m)]),
  fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 300 })).map(([n, l]): Arg[] => ['MAXLEN', '~', String(n), 'LIMIT', String(l)]),
);

type Weighted = fc.Arbitrary<Arg[]> | { arbitrary: fc.Arbitrary<Arg[]>; weight: number };
const choices: Weighted[] = [
  { weight: 6, arbitrary: fc.tuple(key, fc.option(trim, { nil: undefined }), idArg, pairs).map(([k, t, i, p]): Arg[] => ['XADD', k, ...(t ?? []), i, ...p]) },
  fc.tuple(key, trim).map(([k, t]): Arg[] => ['XTRIM', k, ...t]),
  fc.tuple(key, fc.array(idArg, { minLength: 1, maxLength: 4 })).map(([k, ids]): Arg[] => ['XDEL', k, ...ids]),
  fc.tuple(fc.constantFrom('XRANGE', 'XREVRANGE'), key, idArg, idArg, fc.option(count, { nil: undefined })).map(([c, k, s, e, n]): Arg[] => [c, k, s, e, ...(n === undefined ? [] : ['COUNT', n])]),
  fc.tuple(key, idArg, fc.option(count, { nil: undefined })).map(([k, i, n]): Arg[] => ['XREAD', ...(n === undefined ? [] : ['COUNT', n]), 'STREAMS', k, i]),
  fc.tuple(key, group, fc.constantFrom<Arg>('$', '0', '5-1', '200')).map(([k, g, i]): Arg[] => ['XGROUP', 'CREATE', k, g, i, 'MKSTREAM']),
  fc.tuple(key, group, idArg).map(([k, g, i]): Arg[] => ['XGROUP', 'SETID', k, g, i]),
  fc.tuple(key, group).map(([k, g]): Arg[] => ['XGROUP', 'DESTROY', k, g]),
  fc.tuple(fc.constantFrom('CREATECONSUMER', 'DELCONSUMER'), key, group, consumer).map(([c, k, g, n]): Arg[] => ['XGROUP', c, k, g, n]),
  { weight: 3, arbitrary: fc.tuple(key, group, consumer, fc.option(count, { nil: undefined }), fc.boolean(), fc.constantFrom<Arg>('>', '>', '0', '10-0')).map(([k, g, c, n, noack, i]): Arg[] => [
    'XREADGROUP', 'GROUP', g, c, ...(n === undefined ? [] : ['COUNT', n]), ...(noack ? ['NOACK'] : []), 'STREAMS', k, i,
  ]) },
  fc.tuple(key, group, fc.array(idArg, { minLength: 1, maxLength: 3 })).map(([k, g, ids]): Arg[] => ['XACK', k, g, ...ids]),
  fc.tuple(key, group).map(([k, g]): Arg[] => ['XPENDING', k, g]),
  fc.tuple(key, group, consumer, fc.array(idArg, { minLength: 1, maxLength: 3 }), fc.constantFrom<Arg[]>(['JUSTID'], ['FORCE', 'JUSTID'], ['RETRYCOUNT', '3', 'JUSTID'], ['LASTID', '300-0', 'JUSTID'])).map(
    ([k, g, c, ids, o]): Arg[] => ['XCLAIM', k, g, c, '0', ...ids, ...o],
  ),
  fc.tuple(key, group, consumer, idArg, fc.option(count, { nil: undefined })).map(([k, g, c, i, n]): Arg[] => ['XAUTOCLAIM', k, g, c, '0', i, ...(n === undefined ? [] : ['COUNT', n]), 'JUSTID']),
  fc.tuple(key, idArg).map(([k, i]): Arg[] => ['XSETID', k, i]),
  { weight: 3, arbitrary: key.map((k): Arg[] => ['XINFO', 'STREAM', k]) },
  key.map((k): Arg[] => ['XINFO', 'GROUPS', k]),
  { weight: 2, arbitrary: key.map((k): Arg[] => ['MEMORY', 'USAGE', k, 'SAMPLES', '0']) },
  fc.tuple(fc.constantFrom('XLEN', 'TYPE', 'EXISTS'), key).map(([c, k]): Arg[] => [c, k]),
  fc.tuple(key, key).map(([s, d]) => ['COPY', s, d, 'REPLACE']),
  fc.constant<Arg[]>(['SET', 'str', 'v']),
  key.map((k): Arg[] => ['DEL', k]),
];

fuzzCommands('streams', {
  createServer: (config) => new FakeServer({ mixins, config }),
  command: fc.oneof(...choices),
  maxCommands: 60,
  numRuns: 120,
});

// The same against the later versions' reference servers, when named (FAKEREDIS_REDIS_7_2 ...).
for (const version of LATER_VERSIONS) {
  fuzzCommands(`streams (Redis ${version})`, {
    createServer: (config) => new FakeServer({ mixins, config, profile: serverProfile('redis', version) }),
    command: fc.oneof(...choices),
    maxCommands: 60,
    numRuns: 120,
    reference: referenceEnv('redis', version),
  });
}
