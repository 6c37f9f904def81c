import { runScenarios } from '@fakeredis/tooling/conformance';
import { fields, options } from './server.js';

// Random picks are compared by shape (types and lengths); whatever Redis fixes (a
// whole small hash in its order, a one-field hash, errors) is compared exactly.
runScenarios('hashes: HRANDFIELD', options, [
  {
    name: 'a count at least the size returns the whole small hash in order',
    steps: [
      ['HSET', 'h', 'c', '1', 'a', '2', 'b', '3'],
      ['HRANDFIELD', 'h', '3'],
      ['HRANDFIELD', 'h', '100'],
      ['HRANDFIELD', 'h', '3', 'WITHVALUES'],
      ['HRANDFIELD', 'h', '9223372036854775807'],
      ['HRANDFIELD', 'h', '4611686018427387903', 'withvalues'],
    ],
  },
  {
    name: 'a one-field hash: every pick is that field',
    steps: [
      ['HSET', 'h', 'only', 'v'],
      ['HRANDFIELD', 'h'],
      ['HRANDFIELD', 'h', '1'],
      ['HRANDFIELD', 'h', '-5'],
      ['HRANDFIELD', 'h', '-3', 'WITHVALUES'],
      ['HRANDFIELD', 'h', '5', 'WITHVALUES'],
    ],
  },
  {
    name: 'random picks: lengths and reply shapes',
    steps: [
      ['HSET', 'h', ...fields(10)],
      { cmd: ['HRANDFIELD', 'h'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '2'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '5'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '-20'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '2', 'WITHVALUES'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '8', 'WITHVALUES'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '-7', 'WITHVALUES'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '1', 'WITHVALUES'], compare: 'shape' },
      ['HRANDFIELD', 'h', '0'],
      ['HRANDFIELD', 'h', '0', 'WITHVALUES'],
    ],
  },
  {
    name: 'random picks from a hash table',
    steps: [
      ['HSET', 'h', ...fields(600)],
      ['OBJECT', 'ENCODING', 'h'],
      { cmd: ['HRANDFIELD', 'h'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '5', 'WITHVALUES'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '250'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '500', 'WITHVALUES'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '-400'], compare: 'shape' },
      { cmd: ['HRANDFIELD', 'h', '600'], compare: 'unordered' },
      { cmd: ['HRANDFIELD', 'h', '1000'], compare: 'unordered' },
    ],
  },
  {
    name: 'absent key',
    steps: [
      ['HRANDFIELD', 'nope'],
      ['HRANDFIELD', 'nope', '5'],
      ['HRANDFIELD', 'nope', '-5', 'WITHVALUES'],
      ['HRANDFIELD', 'nope', '0'],
    ],
  },
  {
    name: 'errors: count, WITHVALUES, range, type, arity',
    steps: [
      ['HSET', 'h', 'a', '1'],
      ['HRANDFIELD', 'h', 'x'],
      ['HRANDFIELD', 'h', '1.5'],
      ['HRANDFIELD', 'h', ''],
      ['HRANDFIELD', 'h', '-9223372036854775808'],
      ['HRANDFIELD', 'h', '9223372036854775808'],
      ['HRANDFIELD', 'h', '1', 'WITHVALUE'],
      ['HRANDFIELD', 'h', '1', 'WITHVALUES', 'x'],
      ['HRANDFIELD', 'h', '4611686018427387904', 'WITHVALUES'],
      ['HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES'],
      ['HRANDFIELD', 'nope', 'x'],
      ['HRANDFIELD', 'nope', '1', 'foo'],
      ['SET', 's', 'x'],
      ['HRANDFIELD', 's'],
      ['HRANDFIELD', 's', '0'],
      ['HRANDFIELD', 's', 'x'],
      ['HRANDFIELD', 's', '1', 'foo'],
      ['HRANDFIELD'],
    ],
  },
]);
