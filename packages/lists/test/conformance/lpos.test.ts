import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

const list = ['RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'c', 'a'];

// LPOS: RANK, COUNT, MAXLEN, their combinations and errors, RESP2 and RESP3 nulls.
runScenarios('lists: LPOS', options, [
  { name: 'first match, from either end', steps: [
    list, ['LPOS', 'l', 'a'], ['LPOS', 'l', 'c'], ['LPOS', 'l', 'z'], ['LPOS', 'l', 'a', 'RANK', '1'], ['LPOS', 'l', 'a', 'RANK', '2'], ['LPOS', 'l', 'a', 'RANK', '3'],
    ['LPOS', 'l', 'a', 'RANK', '4'], ['LPOS', 'l', 'a', 'RANK', '-1'], ['LPOS', 'l', 'b', 'RANK', '-2'], ['LPOS', 'l', 'c', 'RANK', '-3'],
  ] },
  { name: 'COUNT', steps: [
    list, ['LPOS', 'l', 'a', 'COUNT', '0'], ['LPOS', 'l', 'a', 'COUNT', '1'], ['LPOS', 'l', 'a', 'COUNT', '2'], ['LPOS', 'l', 'a', 'COUNT', '10'],
    ['LPOS', 'l', 'z', 'COUNT', '0'], ['LPOS', 'l', 'a', 'COUNT', '0', 'RANK', '-1'], ['LPOS', 'l', 'a', 'RANK', '2', 'COUNT', '0'], ['LPOS', 'l', 'a', 'RANK', '-2', 'COUNT', '1'],
    ['LPOS', 'l', 'a', 'RANK', '5', 'COUNT', '2'], ['LPOS', 'l', 'a', 'COUNT', '9223372036854775807'],
  ] },
  { name: 'MAXLEN', steps: [
    list, ['LPOS', 'l', 'c', 'MAXLEN', '2'], ['LPOS', 'l', 'c', 'MAXLEN', '3'], ['LPOS', 'l', 'a', 'MAXLEN', '0'], ['LPOS', 'l', 'c', 'COUNT', '0', 'MAXLEN', '2'],
    ['LPOS', 'l', 'a', 'COUNT', '0', 'MAXLEN', '4'], ['LPOS', 'l', 'a', 'RANK', '-1', 'MAXLEN', '1'], ['LPOS', 'l', 'c', 'RANK', '-1', 'MAXLEN', '1'],
    ['LPOS', 'l', 'a', 'RANK', '-2', 'COUNT', '2', 'MAXLEN', '6'], ['LPOS', 'l', 'a', 'MAXLEN', '9223372036854775807'],
  ] },
  { name: 'repeated options: the last wins', steps: [
    list, ['LPOS', 'l', 'a', 'RANK', '1', 'RANK', '2'], ['LPOS', 'l', 'a', 'COUNT', '1', 'COUNT', '2'], ['LPOS', 'l', 'a', 'MAXLEN', '1', 'MAXLEN', '0'],
    ['lpos', 'l', 'a', 'rank', '-1', 'count', '5', 'maxlen', '100'],
  ] },
  { name: 'RANK extremes (7.0 overflows -2^63 into "every match")', steps: [
    list, ['LPOS', 'l', 'a', 'RANK', '-9223372036854775808'], ['LPOS', 'l', 'a', 'RANK', '-9223372036854775808', 'COUNT', '1'],
    ['LPOS', 'l', 'a', 'RANK', '-9223372036854775808', 'COUNT', '0'], ['LPOS', 'l', 'a', 'RANK', '-9223372036854775808', 'MAXLEN', '2'],
    ['LPOS', 'l', 'z', 'RANK', '-9223372036854775808'], ['LPOS', 'l', 'a', 'RANK', '-9223372036854775807'], ['LPOS', 'l', 'a', 'RANK', '9223372036854775807'],
    ['LPOS', 'l', 'a', 'RANK', '9223372036854775807', 'COUNT', '0'],
  ] },
  { name: 'option errors', steps: [
    list, ['LPOS', 'l', 'a', 'RANK', '0'], ['LPOS', 'l', 'a', 'RANK', 'x'], ['LPOS', 'l', 'a', 'RANK', '9223372036854775808'], ['LPOS', 'l', 'a', 'RANK', '1.5'],
    ['LPOS', 'l', 'a', 'COUNT', '-1'], ['LPOS', 'l', 'a', 'COUNT', 'x'], ['LPOS', 'l', 'a', 'COUNT', '9223372036854775808'], ['LPOS', 'l', 'a', 'MAXLEN', '-1'],
    ['LPOS', 'l', 'a', 'MAXLEN', 'x'], ['LPOS', 'l', 'a', 'RANK'], ['LPOS', 'l', 'a', 'COUNT'], ['LPOS', 'l', 'a', 'MAXLEN'], ['LPOS', 'l', 'a', 'FOO'], ['LPOS', 'l', 'a', 'FOO', '1'],
    ['LPOS', 'l', 'a', 'COUNT', '2', 'RANK', '0'], ['LPOS', 'l', 'a', 'RANK', '0', 'COUNT', '-1'], ['LPOS', 'l'], ['LPOS', 'l', 'a', 'RANK', '1', 'BAD'],
  ] },
  { name: 'missing key and wrong type: options are checked first', steps: [
    ['LPOS', 'missing', 'a'], ['LPOS', 'missing', 'a', 'COUNT', '1'], ['LPOS', 'missing', 'a', 'COUNT', '0'], ['LPOS', 'missing', 'a', 'RANK', '0'],
    ['LPOS', 'missing', 'a', 'COUNT', '-1'], ['SET', 's', 'v'], ['LPOS', 's', 'a'], ['LPOS', 's', 'a', 'COUNT', '1'], ['LPOS', 's', 'a', 'RANK', '0'], ['LPOS', 's', 'a', 'MAXLEN', 'x'],
  ] },
]);
