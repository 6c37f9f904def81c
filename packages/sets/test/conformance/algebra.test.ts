import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

const ints = (n: number, from = 1) => Array.from({ length: n }, (_, i) => String(from + i));

// SINTER, SINTERCARD, SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE. A result built
// as an intset comes out in ascending order, so those replies are compared exactly.
runScenarios('sets: SINTER SINTERCARD SINTERSTORE', options, [
  { name: 'SINTER', steps: [
    ['SADD', 'a', 'x', 'y', 'z', '1'], ['SADD', 'b', 'y', 'z', 'w', '1'], ['SADD', 'c', 'z', '1', 'q'], { cmd: ['SINTER', 'a', 'b'], compare: 'unordered' },
    { cmd: ['SINTER', 'a', 'b', 'c'], compare: 'unordered' }, { cmd: ['SINTER', 'a'], compare: 'unordered' }, { cmd: ['SINTER', 'a', 'a'], compare: 'unordered' },
    ['SINTER', 'a', 'missing'], ['SINTER', 'missing'], ['SINTER'],
  ] },
  { name: 'SINTER walks the smallest set (intset order)', steps: [
    ['SADD', 'i', '30', '10', '20', '-5'], ['SADD', 'h', 'x', '10', '20', '30', '-5', 'y'], ['SINTER', 'h', 'i'], ['SINTER', 'i', 'h'],
    ['SADD', 'j', '20', '10', 'q', '30'], ['SINTER', 'i', 'j'], { cmd: ['SINTER', 'j', 'i', 'h'], compare: 'unordered' },
  ] },
  { name: 'SINTER type errors, even after a missing key', steps: [
    ['SET', 'str', 'x'], ['SADD', 'a', 'x'], ['SINTER', 'a', 'str'], ['SINTER', 'missing', 'str'], ['SINTER', 'str', 'missing'], ['SINTERSTORE', 'd', 'missing', 'str'],
    ['SINTERCARD', '2', 'missing', 'str'],
  ] },
  { name: 'SINTERSTORE', steps: [
    ['SADD', 'a', '1', '2', '3', 'x'], ['SADD', 'b', '2', '3', '4', 'x'], ['SINTERSTORE', 'd', 'a', 'b'], { cmd: ['SMEMBERS', 'd'], compare: 'unordered' },
    ['OBJECT', 'ENCODING', 'd'], ['SADD', 'c', '2', '3'], ['SINTERSTORE', 'e', 'a', 'c'], ['SMEMBERS', 'e'], ['OBJECT', 'ENCODING', 'e'],
    ['SINTERSTORE', 'a', 'a', 'c'], ['SMEMBERS', 'a'], ['SINTERSTORE', 'd', 'd'], { cmd: ['SMEMBERS', 'd'], compare: 'unordered' },
  ] },
  { name: 'SINTERSTORE with an empty result deletes the destination', steps: [
    ['SADD', 'a', '1'], ['SADD', 'b', '2'], ['SADD', 'd', 'old'], ['SINTERSTORE', 'd', 'a', 'b'], ['EXISTS', 'd'], ['SINTERSTORE', 'd', 'a', 'b'],
    ['SET', 'd', 'str'], ['SINTERSTORE', 'd', 'a', 'missing'], ['EXISTS', 'd'], ['SINTERSTORE', 'd', 'missing'], ['EXISTS', 'd'],
  ] },
  { name: 'SINTERSTORE replaces any type and drops the TTL', steps: [
    ['SADD', 'a', '1', '2'], ['SET', 'd', 'str'], ['EXPIRE', 'd', '100'], ['SINTERSTORE', 'd', 'a'], ['TYPE', 'd'], ['TTL', 'd'], ['SMEMBERS', 'd'],
    ['SINTERSTORE', 'd'], ['SINTERSTORE'],
  ] },
  { name: 'SINTERCARD', steps: [
    ['SADD', 'a', '1', '2', '3', 'x', 'y'], ['SADD', 'b', '2', '3', 'x', 'z'], ['SINTERCARD', '2', 'a', 'b'], ['SINTERCARD', '1', 'a'], ['SINTERCARD', '2', 'a', 'missing'],
    ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '0'], ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '2'], ['SINTERCARD', '2', 'a', 'b', 'limit', '100'],
    ['SINTERCARD', '1', 'a', 'LIMIT', '1', 'LIMIT', '3'], ['SINTERCARD', '2', 'a', 'a'], ['SINTERCARD', '1', 'missing'],
  ] },
  { name: 'SINTERCARD errors', steps: [
    ['SADD', 'a', '1'], ['SINTERCARD', '0', 'a'], ['SINTERCARD', '-1', 'a'], ['SINTERCARD', 'x', 'a'], ['SINTERCARD', '9223372036854775808', 'a'],
    ['SINTERCARD', '2', 'a'], ['SINTERCARD', '1', 'a', 'LIMIT'], ['SINTERCARD', '1', 'a', 'LIMIT', '-1'], ['SINTERCARD', '1', 'a', 'LIMIT', 'x'],
    ['SINTERCARD', '1', 'a', 'FOO', '1'], ['SINTERCARD', '1', 'a', 'b'], ['SINTERCARD', '1'], ['SINTERCARD'], ['SINTERCARD', '1', 'a', 'LIMIT', '1.5'],
    ['SINTERCARD', '01', 'a'], ['SINTERCARD', '1', 'LIMIT', '5'], ['SINTERCARD', '2', 'a', 'LIMIT'], ['SINTERCARD', '1', 'a', 'LIMIT', '1', 'x'],
    ['SINTERCARD', '1', 'a', 'LIMIT\0x', '1'], ['SINTERCARD', '1', 'a', 'LIMIT', '9223372036854775807'], ['SINTERCARD', '1', 'a', 'LIMIT', '9223372036854775808'],
    ['SET', 'str', 'x'], ['SINTERCARD', '1', 'str', 'LIMIT', '-1'], ['SINTERCARD', '1', 'str'],
  ] },
]);

runScenarios('sets: SUNION SDIFF and STORE', options, [
  { name: 'SUNION', steps: [
    ['SADD', 'a', '3', '1'], ['SADD', 'b', '2', '1', '-7'], ['SUNION', 'a', 'b'], ['SUNION', 'a', 'missing', 'b'], ['SUNION', 'missing'], ['SADD', 'h', 'x'],
    { cmd: ['SUNION', 'a', 'h'], compare: 'unordered' }, ['SUNION', 'a', 'a'], ['SUNION'],
  ] },
  { name: 'SUNIONSTORE', steps: [
    ['SADD', 'a', '3', '1'], ['SADD', 'b', 'x'], ['SUNIONSTORE', 'd', 'a', 'missing'], ['SMEMBERS', 'd'], ['OBJECT', 'ENCODING', 'd'], ['SUNIONSTORE', 'd', 'a', 'b'],
    ['OBJECT', 'ENCODING', 'd'], ['SUNIONSTORE', 'd', 'missing'], ['EXISTS', 'd'], ['SUNIONSTORE', 'a', 'a', 'b'], { cmd: ['SMEMBERS', 'a'], compare: 'unordered' },
    ['SUNIONSTORE', 'd'],
  ] },
  { name: 'SDIFF', steps: [
    ['SADD', 'a', '1', '2', '3', '4'], ['SADD', 'b', '2'], ['SADD', 'c', '4', 'x'], ['SDIFF', 'a', 'b', 'c'], ['SDIFF', 'a'], ['SDIFF', 'a', 'missing'],
    ['SDIFF', 'missing', 'a'], ['SDIFF', 'a', 'a'], ['SDIFF', 'a', 'b', 'a'], ['SADD', 'h', 'x', 'y', '1'], { cmd: ['SDIFF', 'h', 'a'], compare: 'unordered' }, ['SDIFF'],
  ] },
  { name: 'SDIFF with the second algorithm', steps: [
    ['SADD', 'big', ...ints(20)], ['SADD', 'o1', '1'], ['SADD', 'o2', '2'], ['SDIFF', 'big', 'o1', 'o2'], ['SDIFFSTORE', 'd', 'big', 'o1', 'o2'],
    ['OBJECT', 'ENCODING', 'd'], ['SDIFF', 'big', 'big', 'o1'], ['SDIFF', 'o1', 'big', 'big'],
  ] },
  { name: 'SDIFFSTORE', steps: [
    ['SADD', 'a', '1', '2', 'x'], ['SADD', 'b', 'x'], ['SDIFFSTORE', 'd', 'a', 'b'], ['SMEMBERS', 'd'], ['OBJECT', 'ENCODING', 'd'], ['SDIFFSTORE', 'd', 'a', 'a'],
    ['EXISTS', 'd'], ['SET', 'd', 'v'], ['EXPIRE', 'd', '100'], ['SDIFFSTORE', 'd', 'a'], ['TTL', 'd'], { cmd: ['SMEMBERS', 'd'], compare: 'unordered' },
    ['SDIFFSTORE', 'd', 'missing', 'a'], ['EXISTS', 'd'], ['SDIFFSTORE', 'd'],
  ] },
  { name: 'type errors', steps: [
    ['SET', 'str', 'x'], ['SADD', 'a', '1'], ['SUNION', 'a', 'str'], ['SUNION', 'missing', 'str'], ['SDIFF', 'str', 'a'], ['SDIFF', 'a', 'str'], ['SDIFF', 'missing', 'str'],
    ['SUNIONSTORE', 'd', 'a', 'str'], ['SDIFFSTORE', 'd', 'missing', 'str'], ['SUNIONSTORE', 'str', 'a'], ['TYPE', 'str'],
  ] },
]);
