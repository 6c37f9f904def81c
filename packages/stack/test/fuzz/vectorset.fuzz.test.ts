import { coreMixins, FakeServer, serverProfile } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import { type Arg, fuzzCommands } from '@fakeredis/tooling/conformance';
import { referenceEnv } from '@fakeredis/tooling/conformance/reference';
import fc from 'fast-check';
import { VectorSetCommands } from '../../src/vectorset/index.js';

// Random vector-set sequences, redis-server 8.0.6 / 8.6.3 (FAKEREDIS_REDIS_8_0 / _8_6) vs
// the fake, RESP2 and RESP3, fixed seed, every reply compared exactly. Few elements and
// keys, so adds update, dimensions and quantizations clash and sets empty. VSIM runs with
// TRUTH: equal distances come in the order of Redis's graph walk otherwise (see the
// README); VINFO's max-level and VRANDMEMBER depend on Redis's random draws.

const mixins = [...coreMixins, StringCommands, VectorSetCommands];
const key = fc.constantFrom<Arg>('v', 'v', 'w', 's');
const element = fc.integer({ min: 0, max: 9 }).map((n): Arg => `e${n}`);
const component = fc.oneof(
  fc.integer({ min: -2000, max: 2000 }).map((n) => String(n / 100)),
  fc.constantFrom('0', '1', '-1', '1e-3', '123456.789', '-0.000001'),
);
const vector = fc.constantFrom(2, 3, 3, 8, 17).chain((n) => fc.array(component, { minLength: n, maxLength: n }));
const quant = fc.constantFrom<Arg[]>([], [], ['NOQUANT'], ['BIN'], ['Q8']);
const attrs = fc.constantFrom('{"a":1}', '{"a":5,"s":"x"}', '{"s":"yx","t":[1,2]}', '', 'junk', '{"a":null}');
const filters = fc.constantFrom('.a > 2', '.a', '.s == "x"', '"x" in .s', '.a * 2 >= 2 and not .t', '.t', 'null == .a', '1', '.a ==');

const vadd = fc.tuple(key, vector, element, quant, fc.option(attrs, { nil: undefined }), fc.option(fc.constantFrom('4', '16', '8'), { nil: undefined }), fc.boolean())
  .map(([k, vec, e, q, attr, m, cas]): Arg[] => ['VADD', k, 'VALUES', String(vec.length), ...vec, e, ...q, ...(attr !== undefined ? ['SETATTR', attr] : []), ...(m ? ['M', m] : []), ...(cas ? ['CAS'] : [])]);
const vsim = fc.tuple(key, fc.oneof(element.map((e): Arg[] => ['ELE', e]), vector.map((v): Arg[] => ['VALUES', String(v.length), ...v])), fc.boolean(), fc.boolean(),
  fc.option(fc.constantFrom('1', '3', '20'), { nil: undefined }), fc.option(fc.constantFrom('0.1', '0.5', '1.5'), { nil: undefined }), fc.option(filters, { nil: undefined }))
  .map(([k, q, ws, wa, count, eps, filter]): Arg[] => ['VSIM', k, ...q, ...(ws ? ['WITHSCORES'] : []), ...(wa ? ['WITHATTRIBS'] : []), ...(count ? ['COUNT', count] : []),
    ...(eps ? ['EPSILON', eps] : []), ...(filter !== undefined ? ['FILTER', filter] : []), 'TRUTH']);

const vrange = fc.tuple(key, fc.constantFrom('-', '[e3', '(e5'), fc.constantFrom('+', '[e6', '(e2'), fc.option(fc.constantFrom('2', '-1'), { nil: undefined }))
  .map(([k, a, b, c]): Arg[] => ['VRANGE', k, a, b, ...(c ? [c] : [])]);

const command = (withRange: boolean) => fc.oneof(
  { weight: withRange ? 1 : 0, arbitrary: vrange },
  { weight: 8, arbitrary: vadd },
  { weight: 5, arbitrary: vsim },
  { weight: 2, arbitrary: fc.tuple(key, element).map(([k, e]): Arg[] => ['VREM', k, e]) },
  { weight: 3, arbitrary: fc.tuple(key, element, fc.boolean()).map(([k, e, raw]): Arg[] => ['VEMB', k, e, ...(raw ? ['RAW'] : [])]) },
  { weight: 2, arbitrary: fc.tuple(key, element, attrs).map(([k, e, a]): Arg[] => ['VSETATTR', k, e, a]) },
  { weight: 1, arbitrary: fc.tuple(key, element).map(([k, e]): Arg[] => ['VGETATTR', k, e]) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('VCARD', 'VDIM', 'TYPE', 'EXISTS'), key).map(([c, k]): Arg[] => [c, k]) },
  { weight: 1, arbitrary: fc.tuple(key, element).map(([k, e]): Arg[] => ['VISMEMBER', k, e]) },
  { weight: 1, arbitrary: fc.constantFrom<Arg[]>(['SET', 's', 'x'], ['DEL', 'v'], ['RENAME', 'v', 'w'], ['MEMORY', 'USAGE', 'v'], ['MEMORY', 'USAGE', 'w']) },
);

for (const version of ['8.0', '8.6']) {
  fuzzCommands(`vector sets (Redis ${version})`, {
    createServer: (config) => new FakeServer({ profile: serverProfile('redis', version), mixins, config }),
    command: command(version === '8.6'),
    reference: referenceEnv('redis', version),
    numRuns: 100,
  });
}
