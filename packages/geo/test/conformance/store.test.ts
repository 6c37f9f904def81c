import { runScenarios } from '@fakeredis/tooling/conformance';
import { CITIES, geoadd, options, optionsWith } from './server.js';

const sicily = ['GEOADD', 'Sicily', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania', '13.583333', '37.316667', 'Agrigento'];

// STORE / STOREDIST and GEOSEARCHSTORE: what the destination holds afterwards.
runScenarios('geo: STORE and GEOSEARCHSTORE', options, [
  { name: 'GEORADIUS STORE keeps the geohash scores', steps: [
    sicily, ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'd'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['GEOPOS', 'd', 'Palermo', 'Catania'], ['TYPE', 'd'],
    ['OBJECT', 'ENCODING', 'd'],
  ] },
  { name: 'STOREDIST stores distances in the unit', steps: [
    sicily, ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STOREDIST', 'd'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'mi', 'STOREDIST', 'd'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['GEORADIUSBYMEMBER', 'Sicily', 'Palermo', '500000', 'ft', 'STOREDIST', 'd'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'the last STORE or STOREDIST wins', steps: [
    sicily, ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'a', 'STOREDIST', 'b'], ['EXISTS', 'a'], ['ZRANGE', 'b', '0', '-1', 'WITHSCORES'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STOREDIST', 'c', 'STORE', 'b'], ['EXISTS', 'c'], ['ZRANGE', 'b', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'STORE with COUNT, ASC, DESC, ANY', steps: [
    sicily, ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '2', 'DESC', 'STORE', 'd'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '1', 'STOREDIST', 'd'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '1', 'ANY', 'STORE', 'd'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'an empty result deletes the destination', steps: [
    sicily, ['SET', 'd', 'string'], ['EXPIRE', 'd', '100'], ['GEORADIUS', 'Sicily', '0', '0', '1', 'km', 'STORE', 'd'], ['EXISTS', 'd'],
    ['GEORADIUS', 'Sicily', '0', '0', '1', 'km', 'STORE', 'd'], ['GEORADIUS', 'missing', '0', '0', '1', 'km', 'STORE', 'Sicily'], ['EXISTS', 'Sicily'],
  ] },
  { name: 'the destination is replaced whatever it held, its TTL dropped', steps: [
    sicily, ['SET', 'd', 'string'], ['EXPIRE', 'd', '100'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'd'], ['TTL', 'd'], ['ZCARD', 'd'],
    ['ZADD', 'e', '1', 'x'], ['GEOSEARCHSTORE', 'e', 'Sicily', 'FROMLONLAT', '15', '37', 'BYRADIUS', '100', 'km'], ['ZRANGE', 'e', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'storing into the source key', steps: [
    sicily, ['GEORADIUS', 'Sicily', '15', '37', '100', 'km', 'STOREDIST', 'Sicily'], ['ZRANGE', 'Sicily', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'GEOSEARCHSTORE', steps: [
    geoadd('g', CITIES), ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'Rome', 'BYRADIUS', '1500', 'km'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'Rome', 'BYBOX', '2000', '2000', 'km', 'STOREDIST'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['GEOSEARCHSTORE', 'd', 'g', 'FROMLONLAT', '0', '50', 'BYRADIUS', '1000', 'mi', 'COUNT', '2', 'storedist', 'STOREDIST'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['GEOSEARCHSTORE', 'd', 'g', 'FROMLONLAT', '0', '50', 'BYRADIUS', '1000', 'mi', 'COUNT', '2', 'ANY', 'DESC'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['GEOSEARCHSTORE', 'd', 'g', 'FROMLONLAT', '0', '0', 'BYRADIUS', '1', 'm'], ['EXISTS', 'd'],
  ] },
  { name: 'GEOSEARCHSTORE errors', steps: [
    geoadd('g', CITIES), ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'Rome', 'BYRADIUS', '1500', 'km', 'WITHDIST'],
    ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'Rome', 'BYRADIUS', '1500', 'km', 'WITHCOORD', 'STOREDIST'], ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'Rome', 'BYRADIUS', '1500', 'km', 'STORE', 'x'],
    ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'Rome', 'BYRADIUS', '1500', 'km', 'STOREDIST', 'x'], ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'Rome', 'WITHHASH', 'COUNT', '1'],
    ['GEOSEARCHSTORE', 'd', 'g', 'BYRADIUS', '1500', 'km', 'ASC'], ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'Rome', 'DESC', 'COUNT', '3'],
    ['geosearchstore', 'd', 'g', 'BYRADIUS', '1', 'km', 'DESC'], ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'Rome', 'BYRADIUS', '1500', 'km', 'ANY'],
    ['GEOSEARCHSTORE', 'd', 'g', 'FROMMEMBER', 'nope', 'BYRADIUS', '1500', 'km'], ['GEOSEARCHSTORE', 'd', 'g', 'FROMLONLAT', '0', '0'], ['EXISTS', 'd'],
  ] },
  { name: 'GEOSEARCHSTORE from a missing or wrong-type key', steps: [
    ['SET', 's', 'v'], ['ZADD', 'd', '1', 'x'], ['GEOSEARCHSTORE', 'd', 'missing', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'], ['EXISTS', 'd'],
    ['GEOSEARCHSTORE', 'd', 'missing', 'FROMMEMBER', 'x', 'BYRADIUS', '1', 'm'], ['GEOSEARCHSTORE', 'd', 's', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'],
    ['GEOSEARCHSTORE', 's', 'missing', 'FROMLONLAT', '15', '37', 'BYRADIUS', '1', 'm'], ['EXISTS', 's'],
  ] },
]);

// The stored zset takes the encoding its size and member lengths allow.
runScenarios('geo: STORE encoding', optionsWith({ 'zset-max-listpack-entries': '2', 'zset-max-listpack-value': '8' }), [
  { name: 'listpack when it fits, skiplist otherwise', steps: [
    sicily, ['OBJECT', 'ENCODING', 'Sicily'], ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'STORE', 'd'], ['OBJECT', 'ENCODING', 'd'],
    ['GEORADIUS', 'Sicily', '15', '37', '200', 'km', 'COUNT', '2', 'STORE', 'd'], ['OBJECT', 'ENCODING', 'd'],
    ['GEORADIUS', 'Sicily', '15', '37', '300', 'km', 'COUNT', '2', 'DESC', 'STORE', 'd'], ['OBJECT', 'ENCODING', 'd'], ['ZRANGE', 'd', '0', '-1'],
  ] },
]);
