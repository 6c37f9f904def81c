import { runScenarios } from '@fakeredis/tooling/conformance';
import { options, pairs } from './server.js';

// ZSCAN: a listpack comes whole, in order, with scores as the listpack holds them; a
// skiplist's order is Redis's hash order, so only single matches are compared exactly.
runScenarios('zsets: ZSCAN', options, [
  { name: 'listpack', steps: [
    ['ZADD', 'z', '0.1', 'a', '1e20', 'b', '-0', 'c', '3', 'd', '1.5e-7', 'e', '123456789012345678', 'f', '-inf', 'g', '4611686018427387904', 'h', '-4611686018427387904', 'i'],
    ['ZSCAN', 'z', '0'], ['ZSCAN', 'z', '123'], ['ZSCAN', 'z', '0', 'MATCH', '[a-c]'], ['ZSCAN', 'z', '0', 'COUNT', '1'], ['ZSCAN', 'missing', '0'], ['ZSCAN', 'z', '0', 'MATCH', 'nomatch'],
  ] },
  { name: 'skiplist', steps: [
    ['ZADD', 'z', ...pairs(200)], ['ZADD', 'z', '0.1', 'tenth', '-0', 'negzero', '1e20', 'huge'], ['ZSCAN', 'z', '0', 'MATCH', 'm17', 'COUNT', '1000'], ['ZSCAN', 'z', '0', 'MATCH', 'tenth', 'COUNT', '1000'],
    ['ZSCAN', 'z', '0', 'MATCH', 'negzero', 'COUNT', '1000'], ['ZSCAN', 'z', '0', 'MATCH', 'huge', 'COUNT', '1000'], { cmd: ['ZSCAN', 'z', '0', 'COUNT', '1000'], compare: 'shape' },
  ] },
  { name: 'errors', steps: [
    ['SET', 'str', 'v'], ['ZADD', 'z', '1', 'a'], ['ZSCAN', 'str', '0'], ['ZSCAN', 'z', 'x'], ['ZSCAN', 'z', '0', 'COUNT', '0'], ['ZSCAN', 'z', '0', 'COUNT', 'x'], ['ZSCAN', 'z', '0', 'foo'],
    ['ZSCAN', 'z', '0', 'MATCH'], ['ZSCAN', 'missing', '0', 'foo'], ['ZSCAN', 'missing', 'x'], ['ZSCAN', 'z', '-1'], ['ZSCAN', 'z'],
  ] },
]);
