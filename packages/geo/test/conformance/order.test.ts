import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

/** GEOADD arguments for `n` members named prefix0.. at the same point. */
function samePoint(key: string, prefix: string, n: number, lon: string, lat: string): string[] {
  const args = ['GEOADD', key];
  for (let i = 0; i < n; i++) args.push(lon, lat, `${prefix}${i}`);
  return args;
}

/** A grid of points around (lon, lat), `side` x `side`, `spacing` degrees apart, some doubled. */
function grid(key: string, lon: number, lat: number, side: number, spacing: number): string[] {
  const args = ['GEOADD', key];
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const x = (lon + (i - side / 2) * spacing).toFixed(6);
      const y = (lat + (j - side / 2) * spacing).toFixed(6);
      args.push(x, y, `p${i}_${j}`);
      if ((i + j) % 3 === 0) args.push(x, y, `q${i}_${j}`);
    }
  }
  return args;
}

// The order of results: cell by cell in zset order when unsorted; equal distances as
// qsort (all returned) or pqsort (COUNT cuts the list) leave them.
runScenarios('geo: result order', options, [
  { name: 'equal distances, all returned', steps: [
    samePoint('t', 's', 12, '10', '10'), ['GEOADD', 't', '10.001', '10', 'near', '9.999', '10', 'west'],
    ['GEOSEARCH', 't', 'FROMLONLAT', '10', '10', 'BYRADIUS', '1', 'km', 'ASC'], ['GEOSEARCH', 't', 'FROMLONLAT', '10', '10', 'BYRADIUS', '1', 'km', 'DESC'],
    ['GEOSEARCH', 't', 'FROMLONLAT', '10', '10', 'BYRADIUS', '1', 'km'], ['GEOSEARCH', 't', 'FROMLONLAT', '10', '10', 'BYRADIUS', '1', 'km', 'COUNT', '14'],
  ] },
  { name: 'equal distances cut by COUNT (pqsort)', steps: [
    samePoint('t', 's', 12, '10', '10'), ['GEOADD', 't', '10.001', '10', 'near', '9.999', '10', 'west'],
    ['GEOSEARCH', 't', 'FROMLONLAT', '10', '10', 'BYRADIUS', '1', 'km', 'COUNT', '5'], ['GEOSEARCH', 't', 'FROMLONLAT', '10', '10', 'BYRADIUS', '1', 'km', 'COUNT', '5', 'DESC'],
    ['GEOSEARCH', 't', 'FROMLONLAT', '10', '10', 'BYRADIUS', '1', 'km', 'COUNT', '13', 'DESC'], ['GEOSEARCH', 't', 'FROMLONLAT', '10', '10', 'BYRADIUS', '1', 'km', 'COUNT', '1', 'DESC'],
    ['GEORADIUS', 't', '10', '10', '1', 'km', 'COUNT', '3', 'WITHDIST'], ['GEORADIUSBYMEMBER', 't', 's3', '1', 'km', 'COUNT', '6', 'DESC', 'WITHDIST'],
  ] },
  { name: 'many members, few distinct places, cut by COUNT', steps: [
    samePoint('t', 'a', 30, '2.35', '48.85'), samePoint('t', 'b', 25, '2.36', '48.85'), samePoint('t', 'c', 20, '2.35', '48.86'),
    ['GEOSEARCH', 't', 'FROMLONLAT', '2.35', '48.85', 'BYRADIUS', '5', 'km', 'COUNT', '10'], ['GEOSEARCH', 't', 'FROMLONLAT', '2.35', '48.85', 'BYRADIUS', '5', 'km', 'COUNT', '40', 'DESC'],
    ['GEOSEARCH', 't', 'FROMLONLAT', '2.355', '48.855', 'BYRADIUS', '5', 'km', 'COUNT', '74', 'WITHDIST'], ['GEOSEARCH', 't', 'FROMLONLAT', '2.355', '48.855', 'BYRADIUS', '5', 'km', 'ASC'],
  ] },
  { name: 'a grid: natural order across cells, sorted and cut', steps: [
    grid('g', 13.4, 52.5, 14, 0.01), ['GEOSEARCH', 'g', 'FROMLONLAT', '13.4', '52.5', 'BYRADIUS', '5', 'km'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '13.4', '52.5', 'BYBOX', '8', '6', 'km', 'WITHHASH'], ['GEOSEARCH', 'g', 'FROMLONLAT', '13.4', '52.5', 'BYRADIUS', '5', 'km', 'ASC', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '13.4', '52.5', 'BYRADIUS', '5', 'km', 'COUNT', '25', 'DESC'], ['GEOSEARCH', 'g', 'FROMLONLAT', '13.4', '52.5', 'BYRADIUS', '5', 'km', 'COUNT', '50'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '13.4', '52.5', 'BYRADIUS', '5', 'km', 'COUNT', '20', 'ANY'], ['GEOSEARCH', 'g', 'FROMLONLAT', '13.43', '52.47', 'BYRADIUS', '2', 'km', 'COUNT', '7', 'ANY', 'ASC'],
  ] },
]);
