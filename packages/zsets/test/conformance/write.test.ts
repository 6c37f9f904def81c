import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options } from './server.js';

// ZADD (every flag and conflict), ZINCRBY, ZREM: replies, errors and their order, NaN,
// -0, binary members, events.
runScenarios('zsets: ZADD ZINCRBY ZREM', options, [
  { name: 'ZADD adds and updates', events: true, steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'], ['ZADD', 'z', '1', 'a', '5', 'b', '4', 'd'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZADD', 'z', '1', 'a'],
    ['ZADD', 'z', '7', 'x', '8', 'x'], ['ZSCORE', 'z', 'x'], ['ZCARD', 'z'], ['TYPE', 'z'],
  ] },
  { name: 'ZADD CH counts changes', events: true, steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b'], ['ZADD', 'z', 'CH', '1', 'a', '3', 'b', '4', 'c'], ['ZADD', 'z', 'ch', '1', 'a'], ['ZADD', 'z', 'CH', 'XX', '9', 'a', '9', 'q'],
    ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'ZADD NX and XX', events: true, steps: [
    ['ZADD', 'z', 'XX', '1', 'a'], ['EXISTS', 'z'], ['ZADD', 'z', 'NX', '1', 'a', '2', 'b'], ['ZADD', 'z', 'NX', '5', 'a', '3', 'c'], ['ZADD', 'z', 'XX', '5', 'a', '6', 'd'],
    ['ZADD', 'z', 'xx', 'ch', '5', 'a', '7', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'ZADD GT and LT', events: true, steps: [
    ['ZADD', 'z', '5', 'a', '5', 'b'], ['ZADD', 'z', 'GT', 'CH', '6', 'a', '4', 'b', '1', 'c'], ['ZADD', 'z', 'LT', 'CH', '7', 'a', '3', 'b', '9', 'd'],
    ['ZADD', 'z', 'GT', 'XX', 'CH', '10', 'a', '10', 'new'], ['ZADD', 'z', 'LT', '5', 'a'], ['ZADD', 'z', 'GT', '5', 'a'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ['ZADD', 'z2', 'GT', '1', 'a'], ['ZADD', 'z3', 'LT', 'CH', '1', 'a'], ['ZRANGE', 'z2', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'ZADD INCR', events: true, steps: [
    ['ZADD', 'z', 'INCR', '1.5', 'a'], ['ZADD', 'z', 'INCR', '2', 'a'], ['ZADD', 'z', 'INCR', '0', 'a'], ['ZADD', 'z', 'NX', 'INCR', '1', 'a'], ['ZADD', 'z', 'XX', 'INCR', '1', 'b'],
    ['ZADD', 'z', 'XX', 'INCR', '1', 'a'], ['ZADD', 'z', 'GT', 'INCR', '-1', 'a'], ['ZADD', 'z', 'LT', 'INCR', '-1', 'a'], ['ZADD', 'z', 'LT', 'INCR', '1', 'a'],
    ['ZADD', 'z', 'GT', 'INCR', '0', 'a'], ['ZADD', 'z', 'INCR', 'CH', '1', 'a'], ['ZADD', 'nokey', 'XX', 'INCR', '1', 'a'], ['EXISTS', 'nokey'], ['ZSCORE', 'z', 'a'],
  ] },
  { name: 'ZADD INCR to NaN is refused and changes nothing', events: true, steps: [
    ['ZADD', 'z', 'INCR', 'inf', 'a'], ['ZADD', 'z', 'INCR', '-inf', 'a'], ['ZINCRBY', 'z', '-inf', 'a'], ['ZSCORE', 'z', 'a'], ['ZADD', 'z', 'INCR', '+inf', 'a'],
    ['ZINCRBY', 'z', 'inf', 'a'], ['ZADD', 'z', '-inf', 'b'], ['ZINCRBY', 'z', '+inf', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'ZADD option errors come before score errors and the type check', steps: [
    ['SET', 'str', 'v'], ['ZADD', 'z', 'NX', 'XX', '1', 'a'], ['ZADD', 'z', 'GT', 'LT', '1', 'a'], ['ZADD', 'z', 'NX', 'GT', '1', 'a'], ['ZADD', 'z', 'LT', 'NX', '1', 'a'],
    ['ZADD', 'z', 'INCR', '1', 'a', '2', 'b'], ['ZADD', 'z', 'x', 'a'], ['ZADD', 'z', '1', 'a', 'x'], ['ZADD', 'z', '1', 'a', '2'], ['ZADD', 'z', 'nan', 'a'],
    ['ZADD', 'z', 'INCR', 'nan', 'a'], ['ZADD', 'z', 'INCR', '1'], ['ZADD', 'z', 'CH'], ['ZADD', 'z', 'xx', 'nx'], ['ZADD', 'str', '1', 'a'], ['ZADD', 'str', 'x', 'a'],
    ['ZADD', 'str', 'NX', 'XX', '1', 'a'], ['ZADD', 'str', '1', 'a', '2'], ['ZADD', 'z'], ['ZADD', 'z', '1'], ['ZADD', 'z', '1', 'a', '2', 'b', 'nan', 'c'], ['EXISTS', 'z'],
  ] },
  { name: 'ZADD score syntax', steps: [
    ['ZADD', 'z', ' 1', 'a'], ['ZADD', 'z', '1 ', 'a'], ['ZADD', 'z', '', 'a'], ['ZADD', 'z', '0x10', 'hex'], ['ZADD', 'z', '1e400', 'a'], ['ZADD', 'z', '1e-400', 'a'],
    ['ZADD', 'z', '+5', 'plus'], ['ZADD', 'z', '.5', 'dot'], ['ZADD', 'z', '5.', 'dot2'], ['ZADD', 'z', '1e3', 'exp'], ['ZADD', 'z', '-INF', 'ninf'], ['ZADD', 'z', 'Infinity', 'pinf'],
    ['ZADD', 'z', '0.1', 'tenth'], ['ZADD', 'z', '12345678901234567890', 'big'], ['ZADD', 'z', '-1.5e-7', 'tiny'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ['ZADD', 'z', bin(49, 0, 50), 'nul'],
  ] },
  { name: '-0 in a listpack and in a skiplist', steps: [
    ['ZADD', 'z', '-0', 'a'], ['ZSCORE', 'z', 'a'], ['ZADD', 'z', '0', 'a'], ['ZINCRBY', 'z', '-0', 'a'], ['ZADD', 'z', 'INCR', '-0', 'new'], ['ZSCORE', 'z', 'new'],
    ['CONFIG', 'SET', 'zset-max-listpack-entries', '0'], ['ZADD', 's', '-0', 'a'], ['ZSCORE', 's', 'a'], ['ZRANGE', 's', '0', '-1', 'WITHSCORES'], ['ZADD', 's', '0', 'a'],
    ['ZMSCORE', 's', 'a'], ['ZINCRBY', 's', '1', 'a'], ['ZINCRBY', 's', '-1', 'a'],
  ] },
  { name: 'binary and empty members, tie order by bytes', steps: [
    ['ZADD', 'z', '1', bin(0, 255), '1', '', '1', bin(0), '1', bin(255), '1', 'a', '1', 'A', '1', 'ab', '1', bin(128)], ['ZRANGE', 'z', '0', '-1'],
    ['ZSCORE', 'z', ''], ['ZRANK', 'z', bin(0)], ['ZREM', 'z', '', bin(255)], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
  ] },
  { name: 'ZINCRBY', events: true, steps: [
    ['ZINCRBY', 'z', '2', 'a'], ['ZINCRBY', 'z', '-5.5', 'a'], ['ZINCRBY', 'z', '0', 'a'], ['ZINCRBY', 'z', '1e308', 'b'], ['ZINCRBY', 'z', '1e308', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ['ZINCRBY', 'z', '0.1', 'c'], ['ZINCRBY', 'z', '0.2', 'c'], ['ZSCORE', 'z', 'c'],
  ] },
  { name: 'ZINCRBY errors', steps: [
    ['SET', 'str', 'v'], ['ZINCRBY', 'str', '1', 'a'], ['ZINCRBY', 'str', 'x', 'a'], ['ZINCRBY', 'z', 'x', 'a'], ['ZINCRBY', 'z', 'nan', 'a'], ['ZINCRBY', 'z', '1'],
    ['ZINCRBY', 'z', '1', 'a', 'b'], ['EXISTS', 'z'],
  ] },
  { name: 'ZREM', events: true, steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'], ['ZREM', 'z', 'x'], ['ZREM', 'z', 'a', 'a', 'x'], ['ZREM', 'missing', 'a'], ['ZRANGE', 'z', '0', '-1'],
    ['ZREM', 'z', 'b', 'c', 'b', 'zz'], ['EXISTS', 'z'], ['SET', 'str', 'v'], ['ZREM', 'str', 'a'], ['ZREM', 'z'],
  ] },
  { name: 'ZREM in a skiplist', events: true, steps: [
    ['CONFIG', 'SET', 'zset-max-listpack-entries', '1'], ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'], ['OBJECT', 'ENCODING', 'z'], ['ZREM', 'z', 'b'],
    ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZREM', 'z', 'a', 'c'], ['EXISTS', 'z'],
  ] },
  { name: 'WATCH sees ZADD, not a no-op ZADD', steps: [
    ['ZADD', 'z', '1', 'a'], ['WATCH', 'z'], { cmd: ['ZADD', 'z', '1', 'a'], conn: 'b' }, ['MULTI'], ['ZCARD', 'z'], ['EXEC'], ['WATCH', 'z'],
    { cmd: ['ZADD', 'z', 'XX', '2', 'b'], conn: 'b' }, ['MULTI'], ['ZCARD', 'z'], ['EXEC'], ['WATCH', 'z'], { cmd: ['ZINCRBY', 'z', '1', 'a'], conn: 'b' }, ['MULTI'], ['ZCARD', 'z'], ['EXEC'],
  ] },
]);
