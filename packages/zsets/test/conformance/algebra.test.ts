import { runScenarios } from '@fakeredis/tooling/conformance';
import { options, pairs } from './server.js';

const a = ['ZADD', 'a', '1', 'x', '2', 'y', '3', 'z'];
const b = ['ZADD', 'b', '10', 'y', '20', 'z', '30', 'w'];

// ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD: WEIGHTS, AGGREGATE, plain sets
// as inputs, infinities, missing keys, the result's encoding, errors in Redis's order, events.
runScenarios('zsets: ZUNION ZINTER ZDIFF', options, [
  { name: 'ZUNION', steps: [
    a, b, ['ZUNION', '2', 'a', 'b'], ['ZUNION', '2', 'a', 'b', 'WITHSCORES'], ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '2', '0.5', 'WITHSCORES'],
    ['ZUNION', '2', 'a', 'b', 'AGGREGATE', 'MIN', 'WITHSCORES'], ['ZUNION', '2', 'a', 'b', 'aggregate', 'max', 'withscores', 'weights', '1', '-1'], ['ZUNION', '3', 'a', 'missing', 'b', 'WITHSCORES'],
    ['ZUNION', '1', 'missing'], ['ZUNION', '2', 'a', 'a', 'WITHSCORES'],
  ] },
  { name: 'ZINTER', steps: [
    a, b, ['ZINTER', '2', 'a', 'b'], ['ZINTER', '2', 'a', 'b', 'WITHSCORES'], ['ZINTER', '2', 'a', 'b', 'WEIGHTS', '-1', '1', 'AGGREGATE', 'MAX', 'WITHSCORES'],
    ['ZINTER', '2', 'b', 'a', 'AGGREGATE', 'MIN', 'WITHSCORES'], ['ZINTER', '2', 'a', 'missing'], ['ZINTER', '2', 'a', 'a', 'WITHSCORES'], ['ZINTER', '1', 'a', 'WITHSCORES'],
  ] },
  { name: 'ZDIFF', steps: [
    a, b, ['ZDIFF', '2', 'a', 'b'], ['ZDIFF', '2', 'a', 'b', 'WITHSCORES'], ['ZDIFF', '2', 'b', 'a', 'WITHSCORES'], ['ZDIFF', '1', 'a', 'WITHSCORES'], ['ZDIFF', '2', 'missing', 'a'],
    ['ZDIFF', '2', 'a', 'missing', 'WITHSCORES'], ['ZDIFF', '2', 'a', 'a'], ['ZDIFF', '3', 'a', 'b', 'b'],
  ] },
  { name: 'plain sets count 1 per member', steps: [
    a, ['SADD', 's', 'x', 'q', 'z'], ['SADD', 'ints', '1', '2', '3'], ['ZUNION', '2', 'a', 's', 'WITHSCORES'], ['ZINTER', '2', 's', 'a', 'WEIGHTS', '5', '1', 'WITHSCORES'],
    ['ZDIFF', '2', 's', 'a', 'WITHSCORES'], ['ZDIFF', '2', 'a', 's', 'WITHSCORES'], ['ZUNION', '2', 's', 'ints', 'WITHSCORES'], ['ZINTERCARD', '2', 's', 'a'], ['ZUNIONSTORE', 'd', '1', 'ints'],
    ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['OBJECT', 'ENCODING', 'd'],
  ] },
  { name: 'infinities and NaN', steps: [
    ['ZADD', 'p', 'inf', 'm', '-inf', 'n', '0', 'o'], ['ZADD', 'q', '-inf', 'm', '-inf', 'n', '5', 'o'], ['ZUNION', '2', 'p', 'q', 'WITHSCORES'], ['ZINTER', '2', 'p', 'q', 'WITHSCORES'],
    ['ZUNION', '1', 'p', 'WEIGHTS', '0', 'WITHSCORES'], ['ZUNION', '2', 'p', 'q', 'WEIGHTS', 'inf', '-inf', 'WITHSCORES'], ['ZUNION', '1', 'p', 'WEIGHTS', '-1', 'WITHSCORES'],
    ['ZUNIONSTORE', 'd', '1', 'p', 'WEIGHTS', '-1'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['ZUNION', '2', 'p', 'q', 'AGGREGATE', 'MAX', 'WITHSCORES'],
  ] },
  { name: 'inf * 0 weights: 0 for the first input, NaN for the others', steps: [
    ['ZADD', 'a', '5', 'x'], ['ZADD', 'b', 'inf', 'x'], ['ZINTER', '2', 'a', 'b', 'WEIGHTS', '1', '0', 'WITHSCORES'],
    ['ZINTER', '2', 'a', 'b', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MIN', 'WITHSCORES'], ['ZINTER', '2', 'a', 'b', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MAX', 'WITHSCORES'],
    ['ZINTER', '2', 'b', 'a', 'WEIGHTS', '0', '1', 'AGGREGATE', 'MIN', 'WITHSCORES'], ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MIN', 'WITHSCORES'],
    ['ZINTERSTORE', 'd', '2', 'a', 'b', 'WEIGHTS', '1', '0'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['ZINTERSTORE', 'd', '2', 'a', 'b', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MIN'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['ZINTER', '2', 'b', 'b', 'WEIGHTS', '1', '0', 'WITHSCORES'], ['ZINTER', '2', 'b', 'b', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MIN', 'WITHSCORES'],
    ['ZINTER', '2', 'b', 'b', 'WEIGHTS', '0', '1', 'AGGREGATE', 'MAX', 'WITHSCORES'],
    // Every ZUNION input's NaN is 0, whichever is first.
    ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', '0', 'WITHSCORES'], ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '0', '1', 'AGGREGATE', 'MIN', 'WITHSCORES'],
    ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '0', '1', 'AGGREGATE', 'MAX', 'WITHSCORES'], ['ZUNIONSTORE', 'd', '2', 'b', 'a', 'WEIGHTS', '0', '1', 'AGGREGATE', 'MIN'],
    ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    // The smallest input goes first: here b, whose inf * 0 becomes 0 before a's 5 joins it.
    ['ZADD', 'a', '1', 'y'], ['ZINTER', '2', 'a', 'b', 'WEIGHTS', '1', '0', 'WITHSCORES'], ['ZINTER', '2', 'a', 'b', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MIN', 'WITHSCORES'],
    ['ZINTER', '2', 'a', 'b', 'WEIGHTS', '-1', '0', 'AGGREGATE', 'MAX', 'WITHSCORES'],
  ] },
  { name: 'an empty result deletes a destination whose time has passed with del', events: true, steps: [
    ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'], ['SET', 'd', 'v', 'PX', '20'], { sleep: 40 }, ['ZUNIONSTORE', 'd', '1', 'missing'], ['SET', 'd', 'v', 'PX', '20'], { sleep: 40 },
    ['ZRANGESTORE', 'd', 'missing', '0', '-1'], ['SET', 'd', 'v', 'PX', '20'], { sleep: 40 }, ['ZINTERSTORE', 'd', '1', 'missing'], ['SET', 'd', 'v', 'PX', '20'],
    { sleep: 40 }, ['ZDIFFSTORE', 'd', '1', 'missing'], ['SET', 'd', 'v', 'PX', '20'], { sleep: 40 }, ['ZADD', 's', '1', 'a'], ['ZUNIONSTORE', 'd', '1', 's'], ['TYPE', 'd'],
    ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'],
  ] },
  { name: 'sums follow the inputs sorted by size', steps: [
    ['ZADD', 'k1', '0.1', 'm'], ['ZADD', 'k2', '0.2', 'm', '0', 'n'], ['ZADD', 'k3', '0.3', 'm', '0', 'n', '0', 'o'], ['ZUNION', '3', 'k3', 'k2', 'k1', 'WITHSCORES'],
    ['ZUNION', '3', 'k1', 'k2', 'k3', 'WITHSCORES'], ['ZINTER', '3', 'k3', 'k1', 'k2', 'WITHSCORES'], ['ZADD', 'k4', '1e16', 'm'], ['ZUNION', '3', 'k4', 'k1', 'k2', 'WITHSCORES'],
    ['ZUNION', '2', 'k1', 'k4', 'WEIGHTS', '1', '-1', 'WITHSCORES'],
  ] },
  { name: 'STORE forms', events: true, steps: [
    a, b, ['ZUNIONSTORE', 'd', '2', 'a', 'b'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['ZINTERSTORE', 'd', '2', 'a', 'b', 'WEIGHTS', '1', '2'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['ZDIFFSTORE', 'd', '2', 'a', 'b'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['ZINTERSTORE', 'd', '2', 'a', 'missing'], ['EXISTS', 'd'], ['ZDIFFSTORE', 'd', '2', 'a', 'a'],
    ['ZUNIONSTORE', 'a', '2', 'a', 'b'], ['ZRANGE', 'a', '0', '-1', 'WITHSCORES'], ['SET', 'str', 'v', 'EX', '100'], ['ZUNIONSTORE', 'str', '1', 'b'], ['TTL', 'str'], ['TYPE', 'str'],
  ] },
  { name: 'stored results are listpacks when they fit', steps: [
    ['ZADD', 'big', ...pairs(200)], ['ZUNIONSTORE', 'd', '1', 'big'], ['OBJECT', 'ENCODING', 'd'], ['ZREMRANGEBYRANK', 'big', '10', '-1'], ['OBJECT', 'ENCODING', 'big'],
    ['ZUNIONSTORE', 'd', '1', 'big'], ['OBJECT', 'ENCODING', 'd'], ['ZADD', 'big', '0', 'x'.repeat(65)], ['ZINTERSTORE', 'd', '1', 'big'], ['OBJECT', 'ENCODING', 'd'],
    ['ZRANGESTORE', 'r', 'big', '0', '1'], ['OBJECT', 'ENCODING', 'r'], ['ZRANGESTORE', 'r', 'big', '0', '-1'], ['OBJECT', 'ENCODING', 'r'],
  ] },
  { name: 'ZINTERCARD', steps: [
    a, b, ['SADD', 's', 'y', 'z'], ['ZINTERCARD', '2', 'a', 'b'], ['ZINTERCARD', '3', 'a', 'b', 's'], ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '1'], ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '0'],
    ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '5'], ['ZINTERCARD', '2', 'a', 'missing'], ['ZINTERCARD', '1', 'a'], ['ZINTERCARD', '2', 'a', 'a', 'limit', '2'],
  ] },
  { name: 'errors in Redis order', steps: [
    a, ['SET', 'str', 'v'], ['ZUNIONSTORE', 'd', '0', 'a'], ['ZUNIONSTORE', 'd', '-1', 'a'], ['ZUNIONSTORE', 'd', 'x', 'a'], ['ZUNIONSTORE', 'd', '2', 'a'], ['ZUNIONSTORE', 'd', '1', 'a', 'WEIGHTS'],
    ['ZUNIONSTORE', 'd', '1', 'a', 'WEIGHTS', 'x'], ['ZUNIONSTORE', 'd', '1', 'a', 'WEIGHTS', 'nan'], ['ZUNIONSTORE', 'd', '1', 'a', 'WEIGHTS', '1', '2'], ['ZUNIONSTORE', 'd', '1', 'a', 'AGGREGATE'],
    ['ZUNIONSTORE', 'd', '1', 'a', 'AGGREGATE', 'avg'], ['ZUNIONSTORE', 'd', '1', 'a', 'WITHSCORES'], ['ZUNIONSTORE', 'd', '1', 'str', 'WEIGHTS', 'x'], ['ZUNION', '2', 'a', 'str'],
    ['ZUNION', '0', 'a'], ['ZUNION', '1', 'a', 'foo'], ['ZINTER', '1', 'a', 'WEIGHTS', ' 1'], ['ZDIFF', '1', 'a', 'WEIGHTS', '1'], ['ZDIFF', '1', 'a', 'AGGREGATE', 'SUM'],
    ['ZDIFFSTORE', 'd', '1', 'a', 'WITHSCORES'], ['ZDIFFSTORE', 'd', '0', 'a'], ['ZINTERCARD', '0', 'a'], ['ZINTERCARD', '2', 'a'], ['ZINTERCARD', '1', 'a', 'LIMIT', '-1'],
    ['ZINTERCARD', '1', 'a', 'LIMIT', 'x'], ['ZINTERCARD', '1', 'a', 'LIMIT'], ['ZINTERCARD', '1', 'a', 'WITHSCORES'], ['ZINTERCARD', '1', 'a', 'WEIGHTS', '1'], ['ZINTERCARD', '1', 'str'],
    ['ZINTERCARD', '1', 'str', 'LIMIT', 'x'], ['ZINTERCARD', 'x', 'a'], ['ZINTER', '9223372036854775807', 'a'], ['EXISTS', 'd'],
  ] },
]);
