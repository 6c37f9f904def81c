import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options } from './server.js';

// SADD, SREM, SMOVE: replies, errors, empty-key deletion, what the key holds afterwards.
runScenarios('sets: SADD SREM SMOVE', options, [
  { name: 'SADD counts new members only', steps: [
    ['SADD', 's', 'a', 'b', 'a'], ['SADD', 's', 'b', 'c'], ['SADD', 's', 'c'], { cmd: ['SMEMBERS', 's'], compare: 'unordered' }, ['SCARD', 's'], ['TYPE', 's'],
  ] },
  { name: 'SADD integers keep intset order', steps: [
    ['SADD', 's', '3', '-9223372036854775808', '70000', '-3', '9223372036854775807', '0'], ['SMEMBERS', 's'], ['SADD', 's', '5', '5'], ['SMEMBERS', 's'],
  ] },
  { name: 'SADD non-canonical integers are strings', steps: [
    ['SADD', 's', '01', '-0', '+1', ' 1', '1.0', '1', '9223372036854775808', '-9223372036854775809'], { cmd: ['SMEMBERS', 's'], compare: 'unordered' },
    ['SISMEMBER', 's', '1'], ['SISMEMBER', 's', '01'], ['SCARD', 's'],
  ] },
  { name: 'SADD binary and empty members', steps: [
    ['SADD', 's', bin(0, 255), '', bin(0)], ['SISMEMBER', 's', bin(0, 255)], ['SISMEMBER', 's', ''], ['SISMEMBER', 's', bin(255)],
    { cmd: ['SMEMBERS', 's'], compare: 'unordered' }, ['SREM', 's', '', bin(0)], ['SMEMBERS', 's'],
  ] },
  { name: 'SADD errors', steps: [
    ['SADD', 's'], ['SADD'], ['SET', 'str', 'x'], ['SADD', 'str', 'a'], ['GET', 'str'],
  ] },
  { name: 'SREM', steps: [
    ['SADD', 's', 'a', 'b', 'c', '1'], ['SREM', 's', 'x'], ['SREM', 's', 'a', 'a', 'x'], ['SREM', 'missing', 'a'], { cmd: ['SMEMBERS', 's'], compare: 'unordered' },
    ['SREM', 's', 'b', 'c', '1', 'zzz'], ['EXISTS', 's'], ['TYPE', 's'], ['SREM', 's'],
  ] },
  { name: 'SREM stops when the set empties', steps: [
    ['SADD', 's', '1', '2'], ['SREM', 's', '1', '2', '1', '2'], ['EXISTS', 's'], ['SADD', 's', '1'], ['SREM', 's', '1', '1'],
  ] },
  { name: 'SREM on intsets with strings and integers', steps: [
    ['SADD', 's', '1', '2', '3'], ['SREM', 's', '01', 'a', '2.0', '2'], ['SMEMBERS', 's'],
  ] },
  { name: 'SREM errors', steps: [
    ['SET', 'str', 'x'], ['SREM', 'str', 'a'], ['SREM', 'str'], ['SREM', 'missing'],
  ] },
  { name: 'SMOVE between sets', steps: [
    ['SADD', 'a', '1', '2', 'x'], ['SADD', 'b', '3'], ['SMOVE', 'a', 'b', '1'], ['SMEMBERS', 'b'], { cmd: ['SMEMBERS', 'a'], compare: 'unordered' },
    ['SMOVE', 'a', 'b', 'nope'], ['SMOVE', 'a', 'c', 'x'], ['SMEMBERS', 'c'], ['OBJECT', 'ENCODING', 'c'], ['SMOVE', 'a', 'd', '2'], ['OBJECT', 'ENCODING', 'd'],
    ['EXISTS', 'a'], ['SMOVE', 'missing', 'b', '3'],
  ] },
  { name: 'SMOVE a member the destination already has', steps: [
    ['SADD', 'a', 'm', 'n'], ['SADD', 'b', 'm'], ['SMOVE', 'a', 'b', 'm'], ['SMEMBERS', 'a'], ['SMEMBERS', 'b'], ['SMOVE', 'a', 'b', 'n'], ['EXISTS', 'a'],
    { cmd: ['SMEMBERS', 'b'], compare: 'unordered' },
  ] },
  { name: 'SMOVE to the same key', steps: [
    ['SADD', 'a', 'm'], ['SMOVE', 'a', 'a', 'm'], ['SMOVE', 'a', 'a', 'x'], ['SMEMBERS', 'a'], ['SMOVE', 'nope', 'nope', 'x'],
  ] },
  { name: 'SMOVE type checks', steps: [
    ['SET', 'str', 'x'], ['SADD', 'a', 'm'], ['SMOVE', 'str', 'a', 'm'], ['SMOVE', 'a', 'str', 'm'], ['SMOVE', 'a', 'str', 'zzz'], ['SMOVE', 'missing', 'str', 'm'],
    ['SMEMBERS', 'a'], ['SMOVE', 'a', 'b'], ['SMOVE', 'a', 'b', 'm', 'n'],
  ] },
  { name: 'SMOVE keeps the source TTL and creates the destination without one', steps: [
    ['SADD', 'a', 'm', 'n'], ['EXPIRE', 'a', '100'], ['SADD', 'b', 'x'], ['EXPIRE', 'b', '200'], ['SMOVE', 'a', 'b', 'm'], ['TTL', 'a'], ['TTL', 'b'],
    ['SMOVE', 'a', 'c', 'n'], ['TTL', 'c'], ['EXISTS', 'a'],
  ] },
  { name: 'writes on expired keys', steps: [
    ['SADD', 'a', 'm'], ['PEXPIRE', 'a', '10'], { sleep: 30 }, ['SREM', 'a', 'm'], ['SADD', 'a', 'n'], ['TTL', 'a'], ['SMEMBERS', 'a'],
  ] },
]);
