import { runScenarios } from '@fakeredis/tooling/conformance';
import { options, seq } from './server.js';

// LLEN, LINDEX, LRANGE: indexes from both ends, out of range, errors and their order.
runScenarios('lists: LLEN LINDEX LRANGE', options, [
  { name: 'LLEN', steps: [['LLEN', 'missing'], ['RPUSH', 'l', 'a', 'b'], ['LLEN', 'l'], ['SET', 's', 'x'], ['LLEN', 's'], ['LLEN'], ['LLEN', 'l', 'l']] },
  { name: 'LINDEX from both ends', steps: [
    ['RPUSH', 'l', 'a', 'b', 'c'], ['LINDEX', 'l', '0'], ['LINDEX', 'l', '2'], ['LINDEX', 'l', '3'], ['LINDEX', 'l', '-1'], ['LINDEX', 'l', '-3'], ['LINDEX', 'l', '-4'],
    ['LINDEX', 'l', '9223372036854775807'], ['LINDEX', 'l', '-9223372036854775808'], ['LINDEX', 'missing', '0'],
  ] },
  { name: 'LINDEX errors in Redis order', steps: [
    ['RPUSH', 'l', 'a'], ['LINDEX', 'l', 'x'], ['LINDEX', 'l', '1.0'], ['LINDEX', 'l', '9223372036854775808'], ['LINDEX', 'missing', 'x'],
    ['SET', 's', 'v'], ['LINDEX', 's', 'x'], ['LINDEX', 's', '0'], ['LINDEX', 'l'],
  ] },
  { name: 'LINDEX on a long list', steps: [
    ['RPUSH', 'l', ...seq(3000)], ['LINDEX', 'l', '0'], ['LINDEX', 'l', '1500'], ['LINDEX', 'l', '-1'], ['LINDEX', 'l', '-2999'], ['LINDEX', 'l', '2999'],
  ] },
  { name: 'LRANGE windows', steps: [
    ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'], ['LRANGE', 'l', '0', '-1'], ['LRANGE', 'l', '1', '3'], ['LRANGE', 'l', '-2', '-1'], ['LRANGE', 'l', '-100', '1'],
    ['LRANGE', 'l', '3', '100'], ['LRANGE', 'l', '4', '4'], ['LRANGE', 'l', '5', '10'], ['LRANGE', 'l', '3', '1'], ['LRANGE', 'l', '-1', '-2'], ['LRANGE', 'l', '0', '-6'],
    ['LRANGE', 'l', '-9223372036854775808', '9223372036854775807'], ['LRANGE', 'l', '0', '-9223372036854775808'], ['LRANGE', 'l', '9223372036854775807', '-1'],
  ] },
  { name: 'LRANGE errors in Redis order', steps: [
    ['LRANGE', 'missing', '0', '-1'], ['LRANGE', 'missing', 'x', '1'], ['LRANGE', 'missing', '0', 'y'], ['SET', 's', 'v'], ['LRANGE', 's', 'x', '1'], ['LRANGE', 's', '0', '1'],
    ['LRANGE', 'l', '0'], ['LRANGE', 'l', '0', '1', '2'],
  ] },
  { name: 'reads record hits and misses', steps: [
    ['CONFIG', 'RESETSTAT'], ['RPUSH', 'l', 'a'], ['LLEN', 'l'], ['LINDEX', 'missing', '0'], ['LRANGE', 'l', '0', '0'], ['LPOS', 'missing', 'a'],
    { cmd: ['INFO', 'stats'], compare: 'none' },
  ] },
]);
