import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, fields, options } from './server.js';

runScenarios('hashes: HSCAN', options, [
  {
    name: 'a small hash comes whole with cursor 0, whatever the cursor and COUNT',
    steps: [
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'abc', '4'],
      ['HSCAN', 'h', '0'],
      ['HSCAN', 'h', '12345'],
      ['HSCAN', 'h', '-1'],
      ['HSCAN', 'h', '0', 'COUNT', '1'],
      ['HSCAN', 'h', '0', 'MATCH', 'a*'],
      ['HSCAN', 'h', '0', 'MATCH', '*'],
      ['HSCAN', 'h', '0', 'MATCH', 'zz*'],
      ['HSCAN', 'h', '0', 'MATCH', '?', 'COUNT', '2', 'MATCH', 'b'],
      ['hscan', 'h', '0', 'count', '5', 'match', '[ab]'],
    ],
  },
  {
    name: 'absent key: empty reply, options unchecked',
    steps: [
      ['HSCAN', 'nope', '0'],
      ['HSCAN', 'nope', '0', 'COUNT', '0'],
      ['HSCAN', 'nope', '0', 'BOGUS'],
      ['HSCAN', 'nope', 'abc'],
    ],
  },
  {
    name: 'errors',
    steps: [
      ['HSET', 'h', 'a', '1'],
      ['HSCAN', 'h', 'abc'],
      ['HSCAN', 'h', '1.5'],
      ['HSCAN', 'h', '0', 'COUNT', '0'],
      ['HSCAN', 'h', '0', 'COUNT', '-1'],
      ['HSCAN', 'h', '0', 'COUNT', 'x'],
      ['HSCAN', 'h', '0', 'COUNT'],
      ['HSCAN', 'h', '0', 'MATCH'],
      ['HSCAN', 'h', '0', 'TYPE', 'string'],
      ['HSCAN', 'h', '0', 'NOVALUES'],
      ['HSCAN', 'h', '0', 'BOGUS', 'x'],
      ['SET', 's', 'x'],
      ['HSCAN', 's', '0'],
      ['HSCAN', 's', 'abc'],
      ['HSCAN', 'h'],
    ],
  },
  {
    name: 'binary fields and patterns',
    steps: [
      ['HSET', 'h', bin(0, 1), 'x', bin(0, 2), 'y', 'plain', 'z'],
      ['HSCAN', 'h', '0', 'MATCH', bin(0, 63)],
      ['HSCAN', 'h', '0', 'MATCH', 'p*'],
    ],
  },
  {
    name: 'a hash table: one matching field, a count large enough for all',
    steps: [
      ['HSET', 'h', ...fields(600)],
      ['OBJECT', 'ENCODING', 'h'],
      ['HSCAN', 'h', '0', 'MATCH', 'f17', 'COUNT', '1000'],
      ['HSCAN', 'h', '0', 'MATCH', 'nothing', 'COUNT', '1000'],
    ],
  },
]);
