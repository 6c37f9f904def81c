import { runScenarios } from '@fakeredis/tooling/conformance';
import { ANTIMERIDIAN, CITIES, geoadd, options, optionsWith, POLAR } from './server.js';

// GEOADD: the scores it writes, its ZADD options, its errors (with "%f" coordinates).
runScenarios('geo: GEOADD', options, [
  { name: 'cities become 52-bit scores', steps: [
    geoadd('g', CITIES), ['ZRANGE', 'g', '0', '-1', 'WITHSCORES'], ['TYPE', 'g'], ['ZCARD', 'g'], ['OBJECT', 'ENCODING', 'g'],
  ] },
  { name: 'antimeridian and polar limits', steps: [
    geoadd('g', ANTIMERIDIAN), geoadd('g', POLAR), ['ZRANGE', 'g', '0', '-1', 'WITHSCORES'],
    ['GEOADD', 'g', '-180', '-85.05112878', 'MinCorner', '180', '-85.05112878', 'SE', '-180', '85.05112878', 'NW'], ['ZMSCORE', 'g', 'MinCorner', 'SE', 'NW', 'Corner'],
  ] },
  { name: 'counts added members only; same point again is no change', steps: [
    ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'],
    ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo'], ['GEOADD', 'g', '13.361389', '38.2', 'Palermo'], ['GEOADD', 'g', '1', '1', 'x', '2', '2', 'x'],
    ['ZRANGE', 'g', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'NX, XX and CH', steps: [
    ['GEOADD', 'g', '1', '1', 'a'],
    ['GEOADD', 'g', 'NX', '2', '2', 'a', '3', '3', 'b'], ['GEOADD', 'g', 'XX', '4', '4', 'a', '5', '5', 'c'], ['GEOADD', 'g', 'XX', 'CH', '6', '6', 'a', '7', '7', 'd'],
    ['GEOADD', 'g', 'CH', '6', '6', 'a', '8', '8', 'e'], ['GEOADD', 'g', 'CH', 'NX', '9', '9', 'a', '9', '9', 'f'], ['GEOADD', 'g', 'ch', 'xx', 'ch', '10', '10', 'f'],
    ['GEOADD', 'g', 'xx', '10', '10', 'f'], ['ZRANGE', 'g', '0', '-1', 'WITHSCORES'], ['GEOADD', 'new', 'XX', '1', '1', 'a'], ['EXISTS', 'new'],
  ] },
  { name: 'option errors', steps: [
    ['GEOADD', 'g', 'NX', 'XX', '1', '1', 'a'], ['GEOADD', 'g', 'XX', 'NX', 'CH', '1', '1', 'a'], ['GEOADD', 'g', 'GT', '1', '1', 'a'], ['GEOADD', 'g', 'LT', 'CH', '1', '1', 'a'],
    ['GEOADD', 'g', 'INCR', '1', '1', 'a'], ['GEOADD', 'g', 'CH', 'CH', 'CH'], ['GEOADD', 'g', 'NX', 'CH', 'XX'], ['GEOADD', 'g', 'CH', 'NX', '1', '1'], ['EXISTS', 'g'],
  ] },
  { name: 'argument count errors', steps: [
    ['GEOADD', 'g', '1', '2'], ['GEOADD', 'g'], ['GEOADD'], ['GEOADD', 'g', '1', '2', 'm', '3'], ['GEOADD', 'g', '1', '2', 'm', '3', '4'], ['EXISTS', 'g'],
  ] },
  { name: 'invalid numbers', steps: [
    ['GEOADD', 'g', 'x', '2', 'm'], ['GEOADD', 'g', '1', 'y', 'm'], ['GEOADD', 'g', 'nan', '1', 'm'], ['GEOADD', 'g', '1e400', '1', 'm'], ['GEOADD', 'g', '', '1', 'm'],
    ['GEOADD', 'g', ' 1', '1', 'm'], ['GEOADD', 'g', '1 ', '1', 'm'], ['GEOADD', 'g', '0x10', '1', 'hex'], ['GEOADD', 'g', '1e1', '-.5', 'exp'], ['ZRANGE', 'g', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'coordinates out of range, printed with %f', steps: [
    ['GEOADD', 'g', '181', '0', 'm'], ['GEOADD', 'g', '1', '86', 'm'], ['GEOADD', 'g', '-180.0000001', '0', 'm'], ['GEOADD', 'g', '0', '85.05112879', 'm'],
    ['GEOADD', 'g', '0', '-85.051128781', 'm'], ['GEOADD', 'g', 'inf', '1', 'm'], ['GEOADD', 'g', '1', '-inf', 'm'], ['GEOADD', 'g', '1e300', '1.23456789', 'm'],
    ['GEOADD', 'g', '-0', '1e-7', 'ok'], ['GEOADD', 'g', '-200', '-0.0000005', 'm'], ['GEOADD', 'g', '200.0000005', '0.0000015', 'm'], ['GEOADD', 'g', '0.0000025', '100.0000025', 'm'],
    ['ZRANGE', 'g', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'one bad point adds nothing', steps: [
    ['GEOADD', 'g', '1', '1', 'a', '181', '0', 'b'], ['GEOADD', 'g', '1', '1', 'a', 'x', '0', 'b'], ['EXISTS', 'g'],
  ] },
  { name: 'wrong type, checked after the coordinates', steps: [
    ['SET', 's', 'v'], ['GEOADD', 's', '1', '1', 'm'], ['GEOADD', 's', '200', '1', 'm'], ['GEOADD', 's', 'NX', 'XX', '1', '1', 'm'], ['GET', 's'],
  ] },
  { name: 'binary and empty member names', steps: [
    ['GEOADD', 'g', '1', '1', Buffer.from([0, 255, 10]), '2', '2', ''], ['ZRANGE', 'g', '0', '-1', 'WITHSCORES'], ['GEOPOS', 'g', Buffer.from([0, 255, 10]), ''],
  ] },
  { name: 'keeps the TTL of the key', steps: [
    ['GEOADD', 'g', '1', '1', 'a'], ['EXPIRE', 'g', '100'], ['GEOADD', 'g', '2', '2', 'b'], ['TTL', 'g'],
  ] },
  { name: 'a sorted set of any scores takes points', steps: [
    ['ZADD', 'g', '1.5', 'x', '-3', 'y'], ['GEOADD', 'g', '1', '1', 'x'], ['ZRANGE', 'g', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'inside MULTI', steps: [
    ['MULTI'], ['GEOADD', 'g', '1', '1', 'a'], ['GEOADD', 'g', '200', '1', 'b'], ['GEOPOS', 'g', 'a'], ['EXEC'],
  ] },
]);

// Encoding follows ZADD's rules (listpack until a limit is passed).
runScenarios('geo: GEOADD encoding', optionsWith({ 'zset-max-listpack-entries': '3', 'zset-max-listpack-value': '8' }), [
  { name: 'listpack to skiplist', steps: [
    ['GEOADD', 'g', '1', '1', 'a', '2', '2', 'b', '3', '3', 'c'], ['OBJECT', 'ENCODING', 'g'], ['GEOADD', 'g', '4', '4', 'd'], ['OBJECT', 'ENCODING', 'g'],
    ['GEOADD', 'h', '1', '1', 'a-long-name'], ['OBJECT', 'ENCODING', 'h'], ['GEOADD', 'i', '1', '1', 'a', '2', '2', 'b', '3', '3', 'c', '4', '4', 'd'], ['OBJECT', 'ENCODING', 'i'],
  ] },
]);
