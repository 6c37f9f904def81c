import { runScenarios } from '@fakeredis/tooling/conformance';
import { fields, options } from './server.js';

runScenarios('hashes: HDEL', options, [
  {
    name: 'variadic, repeats, absent fields and keys',
    steps: [
      ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'],
      ['HDEL', 'h', 'a', 'a', 'zz'],
      ['HDEL', 'h', 'zz'],
      ['HDEL', 'nope', 'a'],
      ['HGETALL', 'h'],
      ['HDEL', 'h', 'b', 'c', 'b'],
      ['EXISTS', 'h'],
      ['HLEN', 'h'],
      ['HGETALL', 'h'],
    ],
  },
  {
    name: 'arity and WRONGTYPE',
    steps: [['HDEL', 'h'], ['SET', 's', 'x'], ['HDEL', 's', 'a'], ['HDEL', 's']],
  },
  {
    name: 'deleting the last field of a hash table deletes the key',
    steps: [
      ['HSET', 'h', ...fields(600)],
      ['OBJECT', 'ENCODING', 'h'],
      ['HDEL', 'h', ...fields(600).filter((_, i) => i % 2 === 0).slice(0, 599)],
      ['HLEN', 'h'],
      ['OBJECT', 'ENCODING', 'h'],
      ['HDEL', 'h', 'f599'],
      ['EXISTS', 'h'],
    ],
  },
  {
    name: 'WATCH: a delete that removes nothing does not touch the key',
    steps: [
      ['HSET', 'h', 'a', '1'],
      ['WATCH', 'h'],
      { cmd: ['HDEL', 'h', 'zz'], conn: 'b' },
      ['MULTI'],
      ['HLEN', 'h'],
      ['EXEC'],
      ['WATCH', 'h'],
      { cmd: ['HDEL', 'h', 'a'], conn: 'b' },
      ['MULTI'],
      ['HLEN', 'h'],
      ['EXEC'],
    ],
  },
]);
