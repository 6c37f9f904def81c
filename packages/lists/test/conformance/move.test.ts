import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

// LMOVE, RPOPLPUSH: all four directions, the same key as source and destination, type
// checks and their order, events.
runScenarios('lists: LMOVE RPOPLPUSH', options, [
  { name: 'LMOVE in every direction', events: true, steps: [
    ['RPUSH', 's', 'a', 'b', 'c', 'd'], ['LMOVE', 's', 'd', 'LEFT', 'LEFT'], ['LMOVE', 's', 'd', 'LEFT', 'RIGHT'], ['LMOVE', 's', 'd', 'right', 'left'],
    ['LMOVE', 's', 'd', 'Right', 'Right'], ['LRANGE', 'd', '0', '-1'], ['EXISTS', 's'], ['LMOVE', 's', 'd', 'LEFT', 'LEFT'],
  ] },
  { name: 'LMOVE onto the same key rotates without deleting', events: true, steps: [
    ['RPUSH', 'l', 'a', 'b', 'c'], ['LMOVE', 'l', 'l', 'LEFT', 'RIGHT'], ['LRANGE', 'l', '0', '-1'], ['LMOVE', 'l', 'l', 'RIGHT', 'LEFT'], ['LMOVE', 'l', 'l', 'LEFT', 'LEFT'],
    ['LRANGE', 'l', '0', '-1'], ['RPUSH', 'one', 'x'], ['LMOVE', 'one', 'one', 'LEFT', 'RIGHT'], ['LRANGE', 'one', '0', '-1'], ['EXISTS', 'one'],
  ] },
  { name: 'LMOVE type checks', steps: [
    ['SET', 'str', 'v'], ['RPUSH', 'l', 'a'], ['LMOVE', 'str', 'd', 'LEFT', 'LEFT'], ['LMOVE', 'l', 'str', 'LEFT', 'LEFT'], ['LMOVE', 'missing', 'str', 'LEFT', 'LEFT'],
    ['LMOVE', 'missing', 'd', 'LEFT', 'LEFT'], ['LRANGE', 'l', '0', '-1'], ['GET', 'str'],
  ] },
  { name: 'LMOVE syntax errors come first', steps: [
    ['SET', 'str', 'v'], ['LMOVE', 'l', 'd', 'MIDDLE', 'LEFT'], ['LMOVE', 'l', 'd', 'LEFT', 'UP'], ['LMOVE', 'str', 'd', 'UP', 'LEFT'], ['LMOVE', 'l', 'd', 'LEFT'],
    ['LMOVE', 'l', 'd', 'LEFT', 'LEFT', 'x'],
  ] },
  { name: 'LMOVE keeps the TTLs and creates the destination without one', steps: [
    ['RPUSH', 's', 'a', 'b'], ['EXPIRE', 's', '100'], ['LMOVE', 's', 'd', 'LEFT', 'LEFT'], ['TTL', 's'], ['TTL', 'd'], ['EXPIRE', 'd', '50'], ['LMOVE', 's', 'd', 'LEFT', 'LEFT'],
    ['TTL', 'd'], ['EXISTS', 's'],
  ] },
  { name: 'RPOPLPUSH', events: true, steps: [
    ['RPUSH', 's', 'a', 'b', 'c'], ['RPOPLPUSH', 's', 'd'], ['RPOPLPUSH', 's', 'd'], ['RPOPLPUSH', 's', 's'], ['LRANGE', 's', '0', '-1'], ['RPOPLPUSH', 's', 'd'],
    ['LRANGE', 'd', '0', '-1'], ['EXISTS', 's'], ['RPOPLPUSH', 's', 'd'], ['SET', 'str', 'v'], ['RPOPLPUSH', 'str', 'd'], ['RPOPLPUSH', 'd', 'str'], ['RPOPLPUSH', 's', 'str'],
    ['RPOPLPUSH', 's'], ['LRANGE', 'd', '0', '-1'],
  ] },
  { name: 'WATCH on source and destination', steps: [
    ['RPUSH', 's', 'a', 'b'], ['WATCH', 'd'], ['LMOVE', 's', 'd', 'LEFT', 'LEFT'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 's'], ['LMOVE', 'missing', 's', 'LEFT', 'LEFT'],
    ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 's'], ['LMOVE', 's', 's', 'LEFT', 'LEFT'], ['MULTI'], ['PING'], ['EXEC'],
  ] },
]);
