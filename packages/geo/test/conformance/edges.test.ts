import { runScenarios } from '@fakeredis/tooling/conformance';
import { ANTIMERIDIAN, CITIES, geoadd, options, POLAR } from './server.js';

// Searches at the edges: the antimeridian, the latitude limits, tiny and huge shapes.
runScenarios('geo: edge cases', options, [
  { name: 'across the antimeridian', steps: [
    geoadd('g', ANTIMERIDIAN), ['GEOSEARCH', 'g', 'FROMLONLAT', '179.9', '0', 'BYRADIUS', '100', 'km', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '-179.9', '0.5', 'BYRADIUS', '200', 'km', 'WITHDIST', 'ASC'], ['GEOSEARCH', 'g', 'FROMLONLAT', '180', '0', 'BYRADIUS', '500', 'km'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '-180', '0', 'BYBOX', '400', '400', 'km', 'WITHCOORD'], ['GEOSEARCH', 'g', 'FROMMEMBER', 'Suva', 'BYRADIUS', '1200', 'km', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMMEMBER', 'Anadyr', 'BYRADIUS', '1000', 'km', 'WITHDIST'], ['GEORADIUSBYMEMBER', 'g', 'OnLine', '300', 'km', 'WITHDIST', 'WITHHASH'],
  ] },
  { name: 'near the latitude limits', steps: [
    geoadd('g', POLAR), ['GEOSEARCH', 'g', 'FROMLONLAT', '0', '85.05112878', 'BYRADIUS', '500', 'km', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '0', '-85.05112878', 'BYRADIUS', '2000', 'km', 'WITHCOORD'], ['GEOSEARCH', 'g', 'FROMMEMBER', 'Longyearbyen', 'BYRADIUS', '1500', 'km', 'WITHDIST', 'ASC'],
    ['GEOSEARCH', 'g', 'FROMMEMBER', 'Alert', 'BYBOX', '3000', '3000', 'km', 'WITHDIST'], ['GEOSEARCH', 'g', 'FROMMEMBER', 'Corner', 'BYRADIUS', '5000', 'km', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '180', '85.05112878', 'BYBOX', '100', '100', 'km'], ['GEOSEARCH', 'g', 'FROMLONLAT', '-180', '-85.05112878', 'BYRADIUS', '8000', 'km', 'WITHDIST'],
    ['GEORADIUS', 'g', '90', '70', '2000', 'km', 'WITHDIST'], ['GEORADIUS', 'g', '-90', '-81', '1000', 'km', 'WITHDIST'],
  ] },
  { name: 'tiny and zero radii', steps: [
    geoadd('g', CITIES), ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo2'], ['GEOSEARCH', 'g', 'FROMMEMBER', 'Palermo', 'BYRADIUS', '0', 'm', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '13.361389', '38.115556', 'BYRADIUS', '0.0001', 'm', 'WITHDIST'], ['GEOSEARCH', 'g', 'FROMLONLAT', '13.361389', '38.115556', 'BYRADIUS', '1', 'm', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMMEMBER', 'Rome', 'BYBOX', '0', '0', 'km', 'WITHDIST'], ['GEOSEARCH', 'g', 'FROMMEMBER', 'Rome', 'BYBOX', '0', '10000', 'km'],
    ['GEOSEARCH', 'g', 'FROMMEMBER', 'Rome', 'BYBOX', '10000', '0', 'km'],
  ] },
  { name: 'huge radii cover the earth', steps: [
    geoadd('g', CITIES), geoadd('g', ANTIMERIDIAN), geoadd('g', POLAR), ['GEOSEARCH', 'g', 'FROMLONLAT', '0', '0', 'BYRADIUS', '20000', 'km'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '0', '0', 'BYRADIUS', '5000', 'km', 'WITHDIST'], ['GEOSEARCH', 'g', 'FROMLONLAT', '100', '-40', 'BYRADIUS', '10000', 'km', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1e10', 'm', 'COUNT', '5'], ['GEOSEARCH', 'g', 'FROMLONLAT', '0', '0', 'BYRADIUS', 'inf', 'm', 'DESC', 'COUNT', '4', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '45', '45', 'BYBOX', '40000', '20000', 'km'], ['GEOSEARCH', 'g', 'FROMLONLAT', '45', '45', 'BYBOX', 'inf', 'inf', 'km', 'COUNT', '3', 'ANY'],
    ['GEOSEARCH', 'g', 'FROMMEMBER', 'Sydney', 'BYRADIUS', '12000', 'mi', 'WITHDIST', 'ASC'], ['GEORADIUS', 'g', '-100', '60', '15000', 'km', 'COUNT', '10', 'WITHDIST'],
  ] },
  { name: 'points on cell boundaries', steps: [
    ['GEOADD', 'g', '0', '0', 'o', '0', '0.000001', 'n', '-0.000001', '0', 'w', '0.000001', '-0.000001', 'se', '90', '0', 'q', '-90', '0', 'mq', '0', '42.525564', 'mid'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'm', 'WITHDIST'], ['GEOSEARCH', 'g', 'FROMLONLAT', '0', '0', 'BYRADIUS', '10010', 'km', 'WITHDIST'],
    ['GEOSEARCH', 'g', 'FROMLONLAT', '45', '21', 'BYRADIUS', '5100', 'km', 'WITHDIST'], ['GEOSEARCH', 'g', 'FROMMEMBER', 'mid', 'BYBOX', '2', '2', 'm', 'WITHHASH'],
  ] },
  { name: 'members with scores no GEOADD writes', steps: [
    ['ZADD', 'z', '-1', 'neg', '0.5', 'half', '0', 'zero', '1e20', 'huge', '4503599627370495.5', 'frac', '13510798882111488', 'top', 'inf', 'pinf'],
    ['GEOSEARCH', 'z', 'FROMLONLAT', '-179.99', '-85.05', 'BYRADIUS', '10', 'km', 'WITHHASH', 'WITHCOORD'], ['GEOSEARCH', 'z', 'FROMMEMBER', 'neg', 'BYRADIUS', '1', 'km', 'WITHHASH'],
    ['GEOSEARCH', 'z', 'FROMLONLAT', '0', '0', 'BYRADIUS', '30000', 'km', 'WITHHASH', 'WITHDIST'], ['GEOSEARCHSTORE', 'd', 'z', 'FROMMEMBER', 'top', 'BYRADIUS', '30000', 'km'],
    ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
  ] },
]);
