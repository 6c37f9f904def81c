import { runScenarios } from '@fakeredis/tooling/conformance';
import { options, pairs } from './server.js';

// ZRANDMEMBER: exact where Redis's reply is determined (missing key, count 0, a count
// covering the zset, a one-member zset, errors and limits), shape where it is random.
runScenarios('zsets: ZRANDMEMBER', options, [
  { name: 'determined replies', steps: [
    ['ZADD', 'z', '1', 'a', '2.5', 'b', '-inf', 'c', '0.1', 'd'], ['ZRANDMEMBER', 'z', '4'], ['ZRANDMEMBER', 'z', '100', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '0'],
    ['ZRANDMEMBER', 'z', '0', 'WITHSCORES'], ['ZRANDMEMBER', 'missing'], ['ZRANDMEMBER', 'missing', '5'], ['ZRANDMEMBER', 'missing', '-5', 'WITHSCORES'],
    ['ZADD', 'one', '7', 'only'], ['ZRANDMEMBER', 'one'], ['ZRANDMEMBER', 'one', '-3'], ['ZRANDMEMBER', 'one', '-3', 'WITHSCORES'], ['ZRANDMEMBER', 'one', '1', 'withscores'],
  ] },
  { name: 'a count covering a skiplist', steps: [
    ['ZADD', 'z', ...pairs(200)], ['ZRANDMEMBER', 'z', '200', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '1000'],
  ] },
  { name: 'random picks have the right shape', steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e', '6', 'f', '7', 'g'], { cmd: ['ZRANDMEMBER', 'z'], compare: 'shape' }, { cmd: ['ZRANDMEMBER', 'z', '2'], compare: 'shape' },
    { cmd: ['ZRANDMEMBER', 'z', '5', 'WITHSCORES'], compare: 'shape' }, { cmd: ['ZRANDMEMBER', 'z', '-20', 'WITHSCORES'], compare: 'shape' }, { cmd: ['ZRANDMEMBER', 'z', '1'], compare: 'shape' },
    ['ZADD', 'big', ...pairs(300)], { cmd: ['ZRANDMEMBER', 'big', '10', 'WITHSCORES'], compare: 'shape' }, { cmd: ['ZRANDMEMBER', 'big', '250'], compare: 'shape' },
    { cmd: ['ZRANDMEMBER', 'big', '-400'], compare: 'shape' }, { cmd: ['ZRANDMEMBER', 'big'], compare: 'shape' },
  ] },
  { name: 'errors and limits', steps: [
    ['SET', 'str', 'v'], ['ZADD', 'z', '1', 'a'], ['ZRANDMEMBER', 'z', 'x'], ['ZRANDMEMBER', 'z', '1', 'foo'], ['ZRANDMEMBER', 'z', '1', 'WITHSCORES', 'foo'],
    ['ZRANDMEMBER', 'z', '-9223372036854775808'], ['ZRANDMEMBER', 'missing', '-9223372036854775808'], ['ZRANDMEMBER', 'z', '4611686018427387904', 'WITHSCORES'],
    ['ZRANDMEMBER', 'z', '-4611686018427387904', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '4611686018427387903', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '9223372036854775807'],
    ['ZRANDMEMBER', 'missing', '1', 'foo'], ['ZRANDMEMBER', 'str'], ['ZRANDMEMBER', 'str', '0'], ['ZRANDMEMBER', 'str', '-1', 'WITHSCORES'], ['ZRANDMEMBER', 'str', 'x'],
  ] },
]);
