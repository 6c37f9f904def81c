import { runScenarios } from '@fakeredis/tooling/conformance';
import { fields, options } from './server.js';

runScenarios('hashes: HGET, HMGET, HEXISTS, HSTRLEN, HLEN', options, [
  {
    name: 'present, absent field, absent key',
    steps: [
      ['HSET', 'h', 'a', '1', 'b', 'hello'],
      ['HGET', 'h', 'a'],
      ['HGET', 'h', 'zz'],
      ['HGET', 'nope', 'a'],
      ['HMGET', 'h', 'a', 'zz', 'b', 'a'],
      ['HMGET', 'nope', 'a', 'b'],
      ['HEXISTS', 'h', 'a'],
      ['HEXISTS', 'h', 'zz'],
      ['HEXISTS', 'nope', 'a'],
      ['HSTRLEN', 'h', 'b'],
      ['HSTRLEN', 'h', 'a'],
      ['HSTRLEN', 'h', 'zz'],
      ['HSTRLEN', 'nope', 'a'],
      ['HLEN', 'h'],
      ['HLEN', 'nope'],
    ],
  },
  {
    name: 'arity',
    steps: [['HGET', 'h'], ['HGET', 'h', 'a', 'b'], ['HMGET', 'h'], ['HEXISTS', 'h'], ['HSTRLEN', 'h', 'a', 'b'], ['HLEN'], ['HLEN', 'h', 'x']],
  },
  {
    name: 'WRONGTYPE',
    steps: [
      ['SET', 's', 'x'],
      ['HGET', 's', 'a'],
      ['HMGET', 's', 'a'],
      ['HEXISTS', 's', 'a'],
      ['HSTRLEN', 's', 'a'],
      ['HLEN', 's'],
    ],
  },
  {
    name: 'a hash table answers the same',
    steps: [
      ['HSET', 'h', ...fields(600)],
      ['OBJECT', 'ENCODING', 'h'],
      ['HGET', 'h', 'f150'],
      ['HMGET', 'h', 'f0', 'f599', 'f600'],
      ['HEXISTS', 'h', 'f7'],
      ['HSTRLEN', 'h', 'f123'],
      ['HLEN', 'h'],
    ],
  },
  {
    name: 'HSTRLEN of numbers stored compactly',
    steps: [
      ['HSET', 'h', 'a', '-1', 'b', '123456789012', 'c', '-9223372036854775808', 'd', '12.50'],
      ['HSTRLEN', 'h', 'a'],
      ['HSTRLEN', 'h', 'b'],
      ['HSTRLEN', 'h', 'c'],
      ['HSTRLEN', 'h', 'd'],
    ],
  },
  {
    name: 'reads keep the key TTL',
    steps: [
      ['HSET', 'h', 'a', '1'],
      ['EXPIRE', 'h', '1000'],
      ['HGET', 'h', 'a'],
      ['HMGET', 'h', 'a'],
      ['HLEN', 'h'],
      ['TTL', 'h'],
    ],
  },
]);
