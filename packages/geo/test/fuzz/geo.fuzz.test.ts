import { FakeServer } from '@fakeredis/core';
import { type Arg, type Compare, fuzzCommands } from '@fakeredis/tooling/conformance';
import fc from 'fast-check';
import { mixins } from '../conformance/server.js';

// Random points and searches, real vs fake, RESP2 and RESP3, fixed seed. Points gather
// around a few hubs (some by the antimeridian and the latitude limits) so searches of
// every size find something; every reply is compared exactly, result order included.
const HUBS: Array<[number, number]> = [[13.4, 52.5], [0, 0], [179.9, -18], [-179.95, 64], [15.6, 78.2], [-62, 82.5], [151.2, -33.9], [0, 85.05], [-120, -84.9]];

const key = fc.constantFrom<Arg>('g', 'g', 'g', 'h', 'str');
const member = fc.oneof(fc.integer({ min: 0, max: 30 }).map((n) => `m${n}`), fc.constantFrom('', 'same', 'x'));
const degrees = (max: number) => fc.double({ min: -max, max, noNaN: true });

/** A coordinate pair near a hub (or anywhere), as text with varied precision. */
const point = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom(...HUBS), degrees(2), degrees(1), fc.integer({ min: 0, max: 9 })).map(([[lon, lat], dx, dy, digits]) => {
      const x = Math.max(-180, Math.min(180, lon + dx));
      const y = Math.max(-85.05112878, Math.min(85.05112878, lat + dy));
      return [x.toFixed(digits), y.toFixed(digits)] as [string, string];
    }),
  },
  { weight: 1, arbitrary: fc.tuple(degrees(180), degrees(85.05112878)).map(([x, y]) => [String(x), String(y)] as [string, string]) },
  { weight: 1, arbitrary: fc.constantFrom<[string, string]>(['180', '0'], ['-180', '85.05112878'], ['180', '-85.05112878'], ['0', '0'], ['13.4', '52.5']) },
);

const unit = fc.constantFrom('m', 'km', 'mi', 'ft', 'KM');
const radius = fc.oneof(
  fc.constantFrom('0', '1', '100', '5000', '20000000'),
  fc.double({ min: 0, max: 3000, noNaN: true }).map((r) => r.toFixed(3)),
);
const shape = fc.oneof(
  fc.tuple(radius, unit).map(([r, u]): Arg[] => ['BYRADIUS', r, u]),
  fc.tuple(radius, radius, unit).map(([w, h, u]): Arg[] => ['BYBOX', w, h, u]),
);
const centre = fc.oneof(
  point.map(([x, y]): Arg[] => ['FROMLONLAT', x, y]),
  member.map((m): Arg[] => ['FROMMEMBER', m]),
);
const count = fc.option(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.boolean()), { nil: undefined }).map((c): Arg[] =>
  c === undefined ? [] : c[1] ? ['COUNT', String(c[0]), 'ANY'] : ['COUNT', String(c[0])],
);
const order = fc.constantFrom<Arg[]>([], [], ['ASC'], ['DESC']);
const withs = fc.subarray<Arg>(['WITHDIST', 'WITHHASH', 'WITHCOORD']);

type Weighted = fc.Arbitrary<Arg[]> | { arbitrary: fc.Arbitrary<Arg[]>; weight: number };
const choices: Weighted[] = [
  {
    weight: 5,
    arbitrary: fc.tuple(key, fc.array(fc.tuple(point, member), { minLength: 1, maxLength: 8 })).map(([k, pts]): Arg[] => [
      'GEOADD', k, ...pts.flatMap(([[x, y], m]) => [x, y, m]),
    ]),
  },
  { weight: 6, arbitrary: fc.tuple(key, centre, shape, withs, count, order).map(([k, c, s, w, n, o]): Arg[] => ['GEOSEARCH', k, ...c, ...s, ...w, ...n, ...o]) },
  { weight: 2, arbitrary: fc.tuple(key, key, centre, shape, count, order, fc.boolean()).map(([d, k, c, s, n, o, dist]): Arg[] => [
    'GEOSEARCHSTORE', d, k, ...c, ...s, ...n, ...o, ...(dist ? ['STOREDIST'] : []),
  ]) },
  { weight: 2, arbitrary: fc.tuple(key, point, radius, unit, withs, count, order).map(([k, [x, y], r, u, w, n, o]): Arg[] => ['GEORADIUS', k, x, y, r, u, ...w, ...n, ...o]) },
  { weight: 2, arbitrary: fc.tuple(key, member, radius, unit, count, order, fc.constantFrom('STORE', 'STOREDIST'), key).map(([k, m, r, u, n, o, s, d]): Arg[] => [
    'GEORADIUSBYMEMBER', k, m, r, u, ...n, ...o, s, d,
  ]) },
  fc.tuple(key, member, member, fc.constantFrom<Arg[]>([], ['km'], ['mi'], ['ft'])).map(([k, a, b, u]): Arg[] => ['GEODIST', k, a, b, ...u]),
  fc.tuple(fc.constantFrom('GEOPOS', 'GEOHASH'), key, fc.array(member, { maxLength: 4 })).map(([c, k, ms]): Arg[] => [c, k, ...ms]),
  fc.tuple(key, fc.constantFrom('-1', '0.5', '4503599627370495', '1e20', '13510798882111488', '3479099956230698'), member).map(([k, s, m]): Arg[] => ['ZADD', k, s, m]),
  fc.tuple(key, member).map(([k, m]): Arg[] => ['ZREM', k, m]),
  key.map((k): Arg[] => ['ZRANGE', k, '0', '-1', 'WITHSCORES']),
  fc.constant<Arg[]>(['SET', 'str', 'v']),
];
const command = fc.oneof(...choices);

fuzzCommands('geo', {
  createServer: (config) => new FakeServer({ mixins, config }),
  command,
  compareFor: (): Compare => 'exact',
  numRuns: 150,
});
