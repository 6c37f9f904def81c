import { runScenarios } from '@fakeredis/tooling/conformance';
import { options, seq } from './server.js';

// LPOP, RPOP (with counts), LMPOP: replies and nulls in RESP2 and RESP3, errors, events.
runScenarios('lists: LPOP RPOP LMPOP', options, [
  { name: 'single pops', events: true, steps: [
    ['RPUSH', 'l', 'a', 'b', 'c'], ['LPOP', 'l'], ['RPOP', 'l'], ['LPOP', 'l'], ['LPOP', 'l'], ['RPOP', 'l'], ['EXISTS', 'l'],
  ] },
  { name: 'pops with a count', events: true, steps: [
    ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'], ['LPOP', 'l', '2'], ['RPOP', 'l', '2'], ['LPOP', 'l', '0'], ['RPOP', 'l', '0'], ['RPOP', 'l', '10'], ['EXISTS', 'l'],
    ['RPUSH', 'l', 'x'], ['LPOP', 'l', '1'], ['RPUSH', 'l', 'x', 'y'], ['RPOP', 'l', '9223372036854775807'],
  ] },
  { name: 'pops on a missing key: null, or null array with a count', steps: [
    ['LPOP', 'missing'], ['RPOP', 'missing'], ['LPOP', 'missing', '0'], ['RPOP', 'missing', '0'], ['LPOP', 'missing', '3'], ['RPOP', 'missing', '1'],
  ] },
  { name: 'pop errors in Redis order', steps: [
    ['RPUSH', 'l', 'a'], ['LPOP', 'l', '-1'], ['LPOP', 'l', 'x'], ['RPOP', 'l', '1.5'], ['LPOP', 'l', '9223372036854775808'], ['LPOP', 'l', '1', '2'],
    ['RPOP', 'l', '1', '2', '3'], ['LPOP'], ['SET', 's', 'v'], ['LPOP', 's'], ['RPOP', 's', '0'], ['LPOP', 's', '-1'], ['LPOP', 'missing', '-1'], ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'popping across nodes', steps: [
    ['RPUSH', 'l', ...seq(4000)], ['LPOP', 'l', '1500'], { cmd: ['MEMORY', 'USAGE', 'l', 'SAMPLES', '0'] }, ['RPOP', 'l', '1200'], ['MEMORY', 'USAGE', 'l', 'SAMPLES', '0'],
    ['LPOP', 'l'], ['RPOP', 'l'], ['MEMORY', 'USAGE', 'l'], ['LLEN', 'l'],
  ] },
  { name: 'LMPOP from the first non-empty key', events: true, steps: [
    ['RPUSH', 'b', '1', '2', '3'], ['RPUSH', 'c', 'x'], ['LMPOP', '3', 'a', 'b', 'c', 'LEFT'], ['LMPOP', '3', 'a', 'b', 'c', 'RIGHT', 'COUNT', '5'],
    ['LMPOP', '2', 'b', 'c', 'left', 'count', '1'], ['LMPOP', '3', 'a', 'b', 'c', 'LEFT'], ['EXISTS', 'b', 'c'],
  ] },
  { name: 'LMPOP errors in Redis order', steps: [
    ['RPUSH', 'l', 'a', 'b'], ['LMPOP', '0', 'l', 'LEFT'], ['LMPOP', '-1', 'l', 'LEFT'], ['LMPOP', 'x', 'l', 'LEFT'], ['LMPOP', '2', 'l', 'LEFT'], ['LMPOP', '3', 'l', 'LEFT'],
    ['LMPOP', '1', 'l', 'MIDDLE'], ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '0'], ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '-1'], ['LMPOP', '1', 'l', 'LEFT', 'COUNT', 'x'],
    ['LMPOP', '1', 'l', 'LEFT', 'COUNT'], ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '1', 'COUNT', '2'], ['LMPOP', '1', 'l', 'LEFT', 'FOO'], ['LMPOP', '1', 'l'],
    ['LMPOP', '9223372036854775807', 'l', 'LEFT'], ['LMPOP', '9223372036854775808', 'l', 'LEFT'], ['LMPOP', '1', 'missing', 'LEFT', 'COUNT', '0'],
    ['LMPOP', '1', 'missing', 'MIDDLE'], ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'LMPOP with wrong types and missing keys', steps: [
    ['SET', 's', 'v'], ['RPUSH', 'l', 'a', 'b'], ['LMPOP', '2', 's', 'l', 'LEFT'], ['LMPOP', '2', 'missing', 's', 'LEFT'], ['LMPOP', '2', 'l', 's', 'RIGHT'],
    ['LMPOP', '2', 'missing', 'other', 'LEFT'], ['LMPOP', '1', 'l', 'LEFT', 'COUNT', '9223372036854775807'], ['LMPOP', '2', 'l', 'l', 'LEFT'], ['LMPOP', '1', 'missing', 'RIGHT'],
  ] },
]);
