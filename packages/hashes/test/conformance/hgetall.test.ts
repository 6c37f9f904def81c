import { runScenarios } from '@fakeredis/tooling/conformance';
import { fields, options } from './server.js';

runScenarios('hashes: HGETALL, HKEYS, HVALS', options, [
  {
    // A listpack keeps insertion order, so the order is compared too.
    name: 'small hash: insertion order, overwrites in place, re-added fields last',
    steps: [
      ['HSET', 'h', 'z', '1', 'a', '2', 'm', '3'],
      ['HSET', 'h', 'a', '20'],
      ['HDEL', 'h', 'z'],
      ['HSET', 'h', 'z', '10'],
      ['HGETALL', 'h'],
      ['HKEYS', 'h'],
      ['HVALS', 'h'],
    ],
  },
  {
    name: 'absent key: empty map and arrays',
    steps: [['HGETALL', 'nope'], ['HKEYS', 'nope'], ['HVALS', 'nope']],
  },
  {
    name: 'hash table (order undefined)',
    steps: [
      ['HSET', 'h', ...fields(600)],
      ['OBJECT', 'ENCODING', 'h'],
      { cmd: ['HGETALL', 'h'], compare: 'unordered' },
      { cmd: ['HKEYS', 'h'], compare: 'unordered' },
      { cmd: ['HVALS', 'h'], compare: 'unordered' },
    ],
  },
  {
    name: 'arity and WRONGTYPE',
    steps: [['HGETALL'], ['HGETALL', 'a', 'b'], ['HKEYS', 'a', 'b'], ['HVALS'], ['SET', 's', 'x'], ['HGETALL', 's'], ['HKEYS', 's'], ['HVALS', 's']],
  },
]);
