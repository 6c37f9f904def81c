import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options } from './server.js';

runScenarios('hashes: HSET, HMSET, HSETNX', options, [
  {
    name: 'HSET creates, counts only new fields, overwrites',
    steps: [
      ['HSET', 'h', 'a', '1'],
      ['HSET', 'h', 'a', '2', 'b', '3'],
      ['HSET', 'h', 'c', '4', 'c', '5', 'd', '6'],
      ['HGET', 'h', 'a'],
      ['HGET', 'h', 'c'],
      ['HLEN', 'h'],
      ['HGETALL', 'h'],
      ['TYPE', 'h'],
    ],
  },
  {
    name: 'HSET arity: odd field/value lists and too few arguments',
    steps: [
      ['HSET', 'h'],
      ['HSET', 'h', 'f'],
      ['HSET', 'h', 'f', 'v', 'g'],
      ['HSET', 'h', 'f', 'v', 'g', 'w', 'x'],
      ['EXISTS', 'h'],
      ['HMSET', 'h'],
      ['HMSET', 'h', 'f'],
      ['HMSET', 'h', 'f', 'v', 'g'],
      ['EXISTS', 'h'],
      ['HSETNX', 'h', 'f'],
      ['HSETNX', 'h', 'f', 'v', 'x'],
    ],
  },
  {
    name: 'HMSET replies OK and sets every pair',
    steps: [
      ['HMSET', 'h', 'a', '1', 'b', '2'],
      ['HMSET', 'h', 'a', '9'],
      ['HMGET', 'h', 'a', 'b'],
      ['hmset', 'h', 'c', '3'],
      ['HLEN', 'h'],
    ],
  },
  {
    name: 'HSETNX sets only absent fields, creating the key',
    steps: [
      ['HSETNX', 'h', 'a', '1'],
      ['HSETNX', 'h', 'a', '2'],
      ['HSETNX', 'h', 'b', '3'],
      ['HGETALL', 'h'],
    ],
  },
  {
    name: 'WRONGTYPE for every writer, key untouched',
    steps: [
      ['SET', 's', 'x'],
      ['HSET', 's', 'a', '1'],
      ['HMSET', 's', 'a', '1'],
      ['HSETNX', 's', 'a', '1'],
      ['GET', 's'],
      ['HSET', 's', 'a'],
    ],
  },
  {
    name: 'binary and empty fields and values',
    steps: [
      ['HSET', 'h', '', ''],
      ['HSET', 'h', bin(0, 255, 10, 13), bin(0, 1, 2)],
      ['HGET', 'h', ''],
      ['HGET', 'h', bin(0, 255, 10, 13)],
      ['HSTRLEN', 'h', bin(0, 255, 10, 13)],
      ['HLEN', 'h'],
      ['HGETALL', 'h'],
      ['HSET', bin(1, 2, 3), 'f', 'v'],
      ['HGETALL', bin(1, 2, 3)],
    ],
  },
  {
    name: 'integer-looking values come back as sent',
    steps: [
      ['HSET', 'h', 'a', '0', 'b', '-0', 'c', '007', 'd', '9223372036854775807', 'e', '-9223372036854775808', 'f', '9223372036854775808', 'g', '+1', 'h', ' 1'],
      ['HMGET', 'h', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
      ['HSTRLEN', 'h', 'd'],
      ['HSTRLEN', 'h', 'e'],
      ['HSTRLEN', 'h', 'b'],
      ['HGETALL', 'h'],
    ],
  },
  {
    name: 'HSET after HDEL of the last field creates a new key',
    steps: [
      ['HSET', 'h', 'a', '1'],
      ['HDEL', 'h', 'a'],
      ['EXISTS', 'h'],
      ['HSET', 'h', 'b', '2'],
      ['HGETALL', 'h'],
    ],
  },
  {
    name: 'HSET keeps the key TTL',
    steps: [
      ['HSET', 'h', 'a', '1'],
      ['EXPIRE', 'h', '100'],
      ['HSET', 'h', 'b', '2'],
      ['TTL', 'h'],
      ['HSETNX', 'h', 'c', '3'],
      ['TTL', 'h'],
    ],
  },
  {
    name: 'WATCH sees HSET and HSETNX but not a failed HSETNX',
    steps: [
      ['HSET', 'h', 'a', '1'],
      ['WATCH', 'h'],
      { cmd: ['HSETNX', 'h', 'a', '2'], conn: 'b' },
      ['MULTI'],
      ['HGET', 'h', 'a'],
      ['EXEC'],
      ['WATCH', 'h'],
      { cmd: ['HSET', 'h', 'a', '1'], conn: 'b' },
      ['MULTI'],
      ['HGET', 'h', 'a'],
      ['EXEC'],
    ],
  },
  {
    name: 'inside MULTI',
    steps: [['MULTI'], ['HSET', 'h', 'a', '1'], ['HSET', 'h', 'a'], ['HGET', 'h', 'a'], ['EXEC'], ['MULTI'], ['HSET', 'h', 'b', '2'], ['HGETALL', 'h'], ['EXEC']],
  },
]);
