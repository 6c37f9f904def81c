import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options } from './server.js';

// LPUSH, RPUSH, LPUSHX, RPUSHX, LINSERT: replies, order, errors, events.
runScenarios('lists: push and insert', options, [
  { name: 'LPUSH and RPUSH order and length', events: true, steps: [
    ['LPUSH', 'l', 'a', 'b', 'c'], ['RPUSH', 'l', 'x', 'y'], ['LRANGE', 'l', '0', '-1'], ['LLEN', 'l'], ['TYPE', 'l'], ['OBJECT', 'ENCODING', 'l'],
  ] },
  { name: 'pushes of integers, binary and empty elements', steps: [
    ['RPUSH', 'l', '1', '-1', '01', '9223372036854775807', '9223372036854775808', '-0', '', bin(0, 255), '1.5'],
    ['LRANGE', 'l', '0', '-1'], ['LINDEX', 'l', '2'], ['LPOS', 'l', '1'], ['LPOS', 'l', ''], ['LPOS', 'l', bin(0, 255)], ['MEMORY', 'USAGE', 'l'],
  ] },
  { name: 'push errors', steps: [
    ['LPUSH', 'l'], ['RPUSH'], ['SET', 's', 'x'], ['LPUSH', 's', 'a'], ['RPUSH', 's', 'a'], ['LPUSHX', 's', 'a'], ['RPUSHX', 's', 'a'], ['GET', 's'], ['LPUSHX', 'l'],
  ] },
  { name: 'LPUSHX and RPUSHX only on existing lists', events: true, steps: [
    ['LPUSHX', 'l', 'a'], ['RPUSHX', 'l', 'a', 'b'], ['EXISTS', 'l'], ['RPUSH', 'l', 'm'], ['LPUSHX', 'l', 'a', 'b'], ['RPUSHX', 'l', 'y', 'z'], ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'push keeps the TTL', steps: [
    ['RPUSH', 'l', 'a'], ['EXPIRE', 'l', '100'], ['LPUSH', 'l', 'b'], ['TTL', 'l'], ['RPUSHX', 'l', 'c'], ['TTL', 'l'],
  ] },
  { name: 'push on an expired key creates a new list', steps: [
    ['RPUSH', 'l', 'a', 'b'], ['PEXPIRE', 'l', '10'], { sleep: 30 }, ['RPUSHX', 'l', 'x'], ['LPUSH', 'l', 'c'], ['LRANGE', 'l', '0', '-1'], ['TTL', 'l'],
  ] },
  { name: 'LINSERT before and after', events: true, steps: [
    ['RPUSH', 'l', 'a', 'b', 'c', 'b'], ['LINSERT', 'l', 'BEFORE', 'b', 'x'], ['LINSERT', 'l', 'after', 'b', 'y'], ['LINSERT', 'l', 'After', 'c', 'z'],
    ['LINSERT', 'l', 'before', 'a', 'first'], ['LINSERT', 'l', 'AFTER', 'b', 'w'], ['LRANGE', 'l', '0', '-1'], ['LINSERT', 'l', 'BEFORE', 'nope', 'v'], ['LLEN', 'l'],
  ] },
  { name: 'LINSERT pivot matching', steps: [
    ['RPUSH', 'l', '1', '01', '', bin(0, 1)], ['LINSERT', 'l', 'AFTER', '1', 'i'], ['LINSERT', 'l', 'AFTER', '1.0', 'j'], ['LINSERT', 'l', 'BEFORE', '', 'k'],
    ['LINSERT', 'l', 'BEFORE', bin(0, 1), 'm'], ['LINSERT', 'l', 'BEFORE', bin(0), 'n'], ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'LINSERT errors and a missing key', steps: [
    ['LINSERT', 'missing', 'BEFORE', 'a', 'x'], ['LINSERT', 'missing', 'MIDDLE', 'a', 'x'], ['RPUSH', 'l', 'a'], ['LINSERT', 'l', 'MIDDLE', 'a', 'x'],
    ['LINSERT', 'l', 'BEFORE', 'a'], ['LINSERT', 'l', 'BEFORE', 'a', 'x', 'y'], ['SET', 's', 'v'], ['LINSERT', 's', 'BEFORE', 'a', 'x'], ['LINSERT', 's', 'BAD', 'a', 'x'],
    ['EXISTS', 'missing'], ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'WATCH sees pushes and inserts, not failed ones', steps: [
    ['RPUSH', 'l', 'a'], ['WATCH', 'l'], ['LINSERT', 'l', 'BEFORE', 'zz', 'x'], ['LPUSHX', 'other', 'x'], ['MULTI'], ['LLEN', 'l'], ['EXEC'],
    ['WATCH', 'l'], ['RPUSHX', 'l', 'b'], ['MULTI'], ['LLEN', 'l'], ['EXEC'], ['WATCH', 'l'], ['LINSERT', 'l', 'AFTER', 'a', 'c'], ['MULTI'], ['LLEN', 'l'], ['EXEC'],
  ] },
]);
