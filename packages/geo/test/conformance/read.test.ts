import { runScenarios } from '@fakeredis/tooling/conformance';
import { ANTIMERIDIAN, CITIES, geoadd, options, POLAR } from './server.js';

const names = (places: string[][]): string[] => places.map((p) => p[2] as string);

// GEOPOS, GEOHASH, GEODIST: decoded cell centres, base32 hashes, haversine distances.
runScenarios('geo: GEOPOS GEOHASH GEODIST', options, [
  { name: 'GEOPOS of cities, missing members and keys', steps: [
    geoadd('g', CITIES), ['GEOPOS', 'g', ...names(CITIES)], ['GEOPOS', 'g', 'Palermo', 'nope', 'Rome', 'nope'], ['GEOPOS', 'g'], ['GEOPOS', 'missing', 'a', 'b'], ['GEOPOS', 'missing'],
  ] },
  { name: 'GEOPOS at the limits', steps: [
    geoadd('g', ANTIMERIDIAN), geoadd('g', POLAR), ['GEOPOS', 'g', ...names(ANTIMERIDIAN), ...names(POLAR)],
    ['GEOADD', 'g', '0', '0', 'origin', '-0.000001', '-0.000001', 'nearOrigin'], ['GEOPOS', 'g', 'origin', 'nearOrigin'],
  ] },
  { name: 'GEOHASH of cities and limits', steps: [
    geoadd('g', CITIES), geoadd('g', ANTIMERIDIAN), geoadd('g', POLAR),
    ['GEOHASH', 'g', ...names(CITIES), ...names(ANTIMERIDIAN), ...names(POLAR), 'nope'], ['GEOHASH', 'g'], ['GEOHASH', 'missing', 'a'],
  ] },
  { name: 'GEODIST in every unit', steps: [
    geoadd('g', CITIES), ['GEODIST', 'g', 'Palermo', 'Catania'], ['GEODIST', 'g', 'Palermo', 'Catania', 'm'], ['GEODIST', 'g', 'Palermo', 'Catania', 'KM'],
    ['GEODIST', 'g', 'London', 'NewYork', 'mi'], ['GEODIST', 'g', 'London', 'NewYork', 'Ft'], ['GEODIST', 'g', 'Sydney', 'Madrid', 'km'], ['GEODIST', 'g', 'Tokyo', 'Rio'],
    ['GEODIST', 'g', 'Paris', 'Paris'], ['GEODIST', 'g', 'Singapore', 'BuenosAires', 'mi'],
  ] },
  { name: 'GEODIST across the antimeridian and near the poles', steps: [
    geoadd('g', ANTIMERIDIAN), geoadd('g', POLAR), ['GEODIST', 'g', 'Suva', 'Apia', 'km'], ['GEODIST', 'g', 'Anadyr', 'Nome', 'km'], ['GEODIST', 'g', 'EastEdge', 'WestEdge'],
    ['GEODIST', 'g', 'OnLine', 'OnLineWest', 'ft'], ['GEODIST', 'g', 'NorthLimit', 'SouthLimit', 'km'], ['GEODIST', 'g', 'Corner', 'NorthLimit'], ['GEODIST', 'g', 'Alert', 'McMurdo', 'mi'],
  ] },
  { name: 'GEODIST missing parts and errors', steps: [
    geoadd('g', CITIES), ['GEODIST', 'g', 'Palermo', 'nope'], ['GEODIST', 'g', 'nope', 'Palermo', 'km'], ['GEODIST', 'missing', 'a', 'b'], ['GEODIST', 'missing', 'a', 'b', 'yd'],
    ['GEODIST', 'g', 'Palermo', 'Catania', 'yd'], ['GEODIST', 'g', 'Palermo', 'Catania', 'km', 'x'], ['GEODIST', 'g', 'Palermo', 'Catania', ''], ['GEODIST', 'g', 'Palermo', 'Catania', 'kms'],
    ['GEODIST', 'g', 'Palermo', 'Catania', Buffer.from('km\0x')], ['GEODIST', 'g', 'Palermo'], ['GEODIST', 'g'],
  ] },
  { name: 'wrong type', steps: [
    ['SET', 's', 'v'], ['GEOPOS', 's', 'a'], ['GEOHASH', 's', 'a'], ['GEODIST', 's', 'a', 'b'], ['GEODIST', 's', 'a', 'b', 'yd'], ['GEOPOS', 's'], ['GEOHASH', 's'],
  ] },
  { name: 'scores no GEOADD would write', steps: [
    ['ZADD', 'z', '-1', 'neg1', '-0.5', 'negHalf', '0.7', 'frac', '1e20', 'huge', '4503599627370496', 'p52', '13510798882111488', 'top', '-9.3e18', 'veryNeg',
      'inf', 'pinf', '-inf', 'ninf', '9.3e18', 'big63', '18446744073709551615', 'p64', '0', 'zero', '12345678.9', 'mid'],
    ['GEOPOS', 'z', 'neg1', 'negHalf', 'frac', 'huge', 'p52', 'top', 'veryNeg', 'pinf', 'ninf', 'big63', 'p64', 'zero', 'mid'],
    ['GEOHASH', 'z', 'neg1', 'negHalf', 'frac', 'huge', 'p52', 'top', 'veryNeg', 'pinf', 'ninf', 'big63', 'p64', 'zero', 'mid'],
    ['GEODIST', 'z', 'neg1', 'frac', 'km'], ['GEODIST', 'z', 'p52', 'top'], ['GEODIST', 'z', 'veryNeg', 'mid', 'mi'],
  ] },
]);
