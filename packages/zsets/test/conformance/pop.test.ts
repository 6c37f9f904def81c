import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

// ZPOPMIN, ZPOPMAX (flat without a count, pairs with one), ZMPOP ([key, pairs], a null
// array when nothing): replies in RESP2 and RESP3, errors and their order, events.
runScenarios('zsets: ZPOPMIN ZPOPMAX ZMPOP', options, [
  { name: 'single pops', events: true, steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'], ['ZPOPMIN', 'z'], ['ZPOPMAX', 'z'], ['ZPOPMIN', 'z'], ['EXISTS', 'z'], ['ZPOPMIN', 'z'], ['ZPOPMAX', 'missing'],
  ] },
  { name: 'pops with a count', events: true, steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '0.5', 'e'], ['ZPOPMIN', 'z', '2'], ['ZPOPMAX', 'z', '1'], ['ZPOPMIN', 'z', '0'], ['ZPOPMAX', 'z', '10'], ['EXISTS', 'z'],
    ['ZPOPMIN', 'missing', '0'], ['ZPOPMIN', 'missing', '3'],
  ] },
  { name: 'ties pop in member order', steps: [
    ['ZADD', 'z', '1', 'b', '1', 'a', '1', 'c'], ['ZPOPMIN', 'z'], ['ZPOPMAX', 'z'], ['ZPOPMIN', 'z', '5'],
  ] },
  { name: 'ZPOP errors', steps: [
    ['SET', 'str', 'v'], ['ZADD', 'z', '1', 'a'], ['ZPOPMIN', 'z', '-1'], ['ZPOPMIN', 'z', 'x'], ['ZPOPMAX', 'z', '1', '2'], ['ZPOPMIN', 'str'], ['ZPOPMIN', 'str', '0'], ['ZPOPMAX', 'str', '-1'],
    ['ZPOPMIN'], ['ZRANGE', 'z', '0', '-1'],
  ] },
  { name: 'ZMPOP', events: true, steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'], ['ZADD', 'y', '9', 'q'], ['ZMPOP', '2', 'missing', 'z', 'MIN'], ['ZMPOP', '2', 'z', 'y', 'max', 'COUNT', '5'], ['ZMPOP', '1', 'z', 'MIN'],
    ['ZMPOP', '2', 'z', 'y', 'MIN', 'count', '1'], ['ZMPOP', '1', 'y', 'MIN'], ['ZMPOP', '3', 'x', 'y', 'z', 'MAX'],
  ] },
  { name: 'ZMPOP errors', steps: [
    ['SET', 'str', 'v'], ['ZADD', 'z', '1', 'a'], ['ZMPOP', '0', 'z', 'MIN'], ['ZMPOP', '-1', 'z', 'MIN'], ['ZMPOP', 'x', 'z', 'MIN'], ['ZMPOP', '2', 'z', 'MIN'], ['ZMPOP', '1', 'z', 'MIDDLE'],
    ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '0'], ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '-1'], ['ZMPOP', '1', 'z', 'MIN', 'COUNT', 'x'], ['ZMPOP', '1', 'z', 'MIN', 'COUNT'],
    ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '1', 'COUNT', '1'], ['ZMPOP', '1', 'z', 'MIN', 'foo'], ['ZMPOP', '1', 'str', 'MIN'], ['ZMPOP', '2', 'missing', 'str', 'MIN'],
    ['ZMPOP', '2', 'str', 'z', 'MIN'], ['ZMPOP', '1', 'z'], ['ZMPOP', '9223372036854775807', 'z', 'MIN'], ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '9223372036854775808'], ['ZRANGE', 'z', '0', '-1'],
  ] },
  { name: 'ZPOP inside MULTI', events: true, steps: [
    ['ZADD', 'z', '1', 'a', '2', 'b'], ['MULTI'], ['ZPOPMIN', 'z'], ['ZMPOP', '1', 'z', 'MAX'], ['ZMPOP', '1', 'z', 'MAX'], ['EXEC'],
  ] },
]);
