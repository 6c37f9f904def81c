import { runScenarios } from '@fakeredis/tooling/conformance';
import { options, seq } from './server.js';

// LSET, LREM, LTRIM: replies, errors in Redis's order, deletion of emptied keys, events.
runScenarios('lists: LSET LREM LTRIM', options, [
  { name: 'LSET by index from both ends', events: true, steps: [
    ['RPUSH', 'l', 'a', 'b', 'c'], ['LSET', 'l', '0', 'x'], ['LSET', 'l', '-1', 'z'], ['LSET', 'l', '1', '12345'], ['LSET', 'l', '-3', ''], ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'LSET errors in Redis order', events: true, steps: [
    ['LSET', 'missing', '0', 'x'], ['LSET', 'missing', 'x', 'x'], ['RPUSH', 'l', 'a'], ['LSET', 'l', '1', 'x'], ['LSET', 'l', '-2', 'x'], ['LSET', 'l', 'x', 'y'],
    ['LSET', 'l', '9223372036854775807', 'x'], ['LSET', 'l', '9223372036854775808', 'x'], ['SET', 's', 'v'], ['LSET', 's', '0', 'x'], ['LSET', 's', 'x', 'x'],
    ['LSET', 'l', '0'], ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'LSET on a long list changes memory', steps: [
    ['RPUSH', 'l', ...seq(2000)], ['MEMORY', 'USAGE', 'l'], ['LSET', 'l', '10', 'x'.repeat(5000)], ['MEMORY', 'USAGE', 'l'], ['LSET', 'l', '-5', 'y'],
    ['MEMORY', 'USAGE', 'l', 'SAMPLES', '0'], ['LINDEX', 'l', '10'], ['LINDEX', 'l', '-5'],
  ] },
  { name: 'LREM from the head, the tail, everywhere', events: true, steps: [
    ['RPUSH', 'l', 'a', 'b', 'a', 'c', 'a', 'b', 'a'], ['LREM', 'l', '2', 'a'], ['LRANGE', 'l', '0', '-1'], ['LREM', 'l', '-1', 'b'], ['LRANGE', 'l', '0', '-1'],
    ['LREM', 'l', '0', 'a'], ['LRANGE', 'l', '0', '-1'], ['LREM', 'l', '0', 'zz'], ['LREM', 'l', '100', 'b'], ['LREM', 'l', '-100', 'c'], ['EXISTS', 'l'],
  ] },
  { name: 'LREM count extremes', steps: [
    ['RPUSH', 'l', 'a', 'b', 'a', 'a'], ['LREM', 'l', '-9223372036854775807', 'a'], ['RPUSH', 'l', 'a', 'a'], ['LREM', 'l', '-9223372036854775808', 'a'], ['LRANGE', 'l', '0', '-1'],
    ['RPUSH', 'l', 'a', 'b'], ['LREM', 'l', '9223372036854775807', 'b'], ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'LREM errors in Redis order', steps: [
    ['LREM', 'missing', '0', 'a'], ['LREM', 'missing', 'x', 'a'], ['SET', 's', 'v'], ['LREM', 's', 'x', 'a'], ['LREM', 's', '0', 'a'], ['LREM', 'l', '1.5', 'a'],
    ['LREM', 'l', '9223372036854775808', 'a'], ['LREM', 'l', '0'],
  ] },
  { name: 'LREM across many nodes', steps: [
    ['RPUSH', 'l', ...seq(3000).map((e, i) => (i % 3 === 0 ? 'x' : e))], ['MEMORY', 'USAGE', 'l', 'SAMPLES', '0'], ['LREM', 'l', '5', 'x'], ['MEMORY', 'USAGE', 'l', 'SAMPLES', '0'],
    ['LREM', 'l', '-700', 'x'], ['MEMORY', 'USAGE', 'l', 'SAMPLES', '0'], ['LREM', 'l', '0', 'x'], ['MEMORY', 'USAGE', 'l', 'SAMPLES', '0'], ['LLEN', 'l'], ['LINDEX', 'l', '1000'],
  ] },
  { name: 'LTRIM', events: true, steps: [
    ['RPUSH', 'l', '1', '2', '3', '4', '5', '6'], ['LTRIM', 'l', '1', '-2'], ['LRANGE', 'l', '0', '-1'], ['LTRIM', 'l', '0', '-1'], ['LTRIM', 'l', '-100', '100'],
    ['LRANGE', 'l', '0', '-1'], ['LTRIM', 'l', '1', '1'], ['LRANGE', 'l', '0', '-1'], ['LTRIM', 'l', '1', '0'], ['EXISTS', 'l'], ['LTRIM', 'l', '0', '-1'],
  ] },
  { name: 'LTRIM to nothing in several ways', events: true, steps: [
    ['RPUSH', 'a', '1', '2'], ['LTRIM', 'a', '5', '10'], ['RPUSH', 'b', '1', '2'], ['LTRIM', 'b', '0', '-3'], ['RPUSH', 'c', '1', '2'], ['LTRIM', 'c', '-1', '-2'],
    ['RPUSH', 'd', '1'], ['LTRIM', 'd', '9223372036854775807', '-9223372036854775808'], ['EXISTS', 'a', 'b', 'c', 'd'],
  ] },
  { name: 'LTRIM errors in Redis order', steps: [
    ['LTRIM', 'missing', '0', '1'], ['LTRIM', 'missing', 'x', '1'], ['SET', 's', 'v'], ['LTRIM', 's', '0', 'x'], ['LTRIM', 's', '0', '1'], ['LTRIM', 'l', '0'],
  ] },
  { name: 'LTRIM across nodes', steps: [
    ['RPUSH', 'l', ...seq(5000)], ['LTRIM', 'l', '1234', '-1001'], ['MEMORY', 'USAGE', 'l', 'SAMPLES', '0'], ['LLEN', 'l'], ['LINDEX', 'l', '0'], ['LINDEX', 'l', '-1'],
    ['LTRIM', 'l', '1', '1'], ['MEMORY', 'USAGE', 'l'], ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'WATCH: LTRIM touches even without change; LREM without a match does not', steps: [
    ['RPUSH', 'l', 'a', 'b'], ['WATCH', 'l'], ['LTRIM', 'l', '0', '-1'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'l'], ['LREM', 'l', '0', 'zz'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 'l'], ['LSET', 'l', '0', 'a'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'missing'], ['LTRIM', 'missing', '0', '1'], ['MULTI'], ['PING'], ['EXEC'],
  ] },
]);
