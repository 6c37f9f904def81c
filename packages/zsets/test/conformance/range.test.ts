import { runScenarios } from '@fakeredis/tooling/conformance';
import { options, pairs } from './server.js';

const scores = ['ZADD', 'z', '1', 'a', '2', 'b', '2', 'bb', '3', 'c', '4', 'd', '-inf', 'ninf', '+inf', 'pinf', '2.5', 'half'];
const lex = ['ZADD', 'l', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e', '0', 'ee', '0', 'f'];

// ZRANGE (BYSCORE, BYLEX, REV, LIMIT, WITHSCORES), its older forms and ZRANGESTORE:
// replies (pairs of member and double in RESP3), option errors in Redis's order, ranks
// out of range, LIMIT edge cases, both encodings.
runScenarios('zsets: ZRANGE family', options, [
  { name: 'ranks', steps: [
    scores, ['ZRANGE', 'z', '0', '-1'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZRANGE', 'z', '2', '4', 'withscores'], ['ZRANGE', 'z', '-3', '-1'], ['ZRANGE', 'z', '-100', '100'],
    ['ZRANGE', 'z', '5', '2'], ['ZRANGE', 'z', '8', '10'], ['ZRANGE', 'z', '-1', '-1'], ['ZRANGE', 'z', '0', '-100'], ['ZRANGE', 'z', '0', '0', 'REV'], ['ZRANGE', 'z', '1', '3', 'REV', 'WITHSCORES'],
    ['ZRANGE', 'z', '-9223372036854775808', '9223372036854775807'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES', 'WITHSCORES'], ['ZRANGE', 'missing', '0', '-1'],
    ['ZRANGE', 'z', '0', '-1', 'LIMIT', '5', '-1'],
  ] },
  { name: 'ZREVRANGE', steps: [
    scores, ['ZREVRANGE', 'z', '0', '-1'], ['ZREVRANGE', 'z', '0', '2', 'WITHSCORES'], ['ZREVRANGE', 'z', '-2', '-1'], ['ZREVRANGE', 'z', '3', '1'], ['ZREVRANGE', 'missing', '0', '1'],
    ['ZREVRANGE', 'z', '0', '-1', 'REV'], ['ZREVRANGE', 'z', '0', '-1', 'BYSCORE'], ['ZREVRANGE', 'z', '0', '-1', 'LIMIT', '0', '1'], ['ZREVRANGE', 'z', '0', '-1', 'foo'],
  ] },
  { name: 'BYSCORE', steps: [
    scores, ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE'], ['ZRANGE', 'z', '2', '3', 'BYSCORE', 'WITHSCORES'], ['ZRANGE', 'z', '(2', '3', 'BYSCORE'], ['ZRANGE', 'z', '(2', '(3', 'BYSCORE'],
    ['ZRANGE', 'z', '3', '2', 'BYSCORE'], ['ZRANGE', 'z', '3', '2', 'BYSCORE', 'REV'], ['ZRANGE', 'z', '(3', '(2', 'BYSCORE', 'REV', 'WITHSCORES'], ['ZRANGE', 'z', '+inf', '-inf', 'BYSCORE', 'REV'],
    ['ZRANGE', 'z', '(-inf', '(+inf', 'BYSCORE'], ['ZRANGE', 'z', '2', '2', 'BYSCORE'], ['ZRANGE', 'z', '(2', '2', 'BYSCORE'], ['ZRANGE', 'missing', '0', '1', 'BYSCORE'],
  ] },
  { name: 'BYSCORE LIMIT', steps: [
    scores, ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '2', '3'], ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '0', '0'], ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '0', '-1'],
    ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '3', '-5'], ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '-1', '2'], ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '7', '5'],
    ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '8', '5'], ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE', 'LIMIT', '100', '5'], ['ZRANGE', 'z', '2', '3', 'BYSCORE', 'LIMIT', '1', '2', 'WITHSCORES'],
    ['ZRANGE', 'z', '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', '1', '3'], ['ZRANGE', 'z', '3', '2', 'BYSCORE', 'REV', 'LIMIT', '2', '10'], ['ZRANGE', 'z', '3', '2', 'BYSCORE', 'REV', 'LIMIT', '4', '10'],
    ['ZRANGE', 'z', '0', '10', 'LIMIT', '1', '1', 'BYSCORE', 'LIMIT', '2', '1'],
  ] },
  { name: 'ZRANGEBYSCORE and ZREVRANGEBYSCORE', steps: [
    scores, ['ZRANGEBYSCORE', 'z', '2', '3'], ['ZRANGEBYSCORE', 'z', '-inf', '+inf', 'WITHSCORES', 'LIMIT', '1', '2'], ['ZRANGEBYSCORE', 'z', '(1', '(3', 'LIMIT', '0', '1', 'WITHSCORES'],
    ['ZREVRANGEBYSCORE', 'z', '3', '2'], ['ZREVRANGEBYSCORE', 'z', '+inf', '-inf', 'WITHSCORES', 'LIMIT', '1', '2'], ['ZREVRANGEBYSCORE', 'z', '2', '3'],
    ['ZRANGEBYSCORE', 'z', '0', '5', 'BYSCORE'], ['ZRANGEBYSCORE', 'z', '0', '5', 'REV'], ['ZRANGEBYSCORE', 'z', '0', '5', 'LIMIT', '1'], ['ZRANGEBYSCORE', 'z', '0', '5', 'foo'],
    ['ZREVRANGEBYSCORE', 'z', '5', '0', 'REV'], ['ZRANGEBYSCORE', 'z', 'x', '5'], ['ZRANGEBYSCORE', 'missing', '0', '5'],
  ] },
  { name: 'BYLEX', steps: [
    lex, ['ZRANGE', 'l', '-', '+', 'BYLEX'], ['ZRANGE', 'l', '[b', '[e', 'BYLEX'], ['ZRANGE', 'l', '(b', '(e', 'BYLEX'], ['ZRANGE', 'l', '[e', '[ee', 'BYLEX'], ['ZRANGE', 'l', '(e', '+', 'BYLEX'],
    ['ZRANGE', 'l', '+', '-', 'BYLEX', 'REV'], ['ZRANGE', 'l', '[e', '(b', 'BYLEX', 'REV'], ['ZRANGE', 'l', '-', '+', 'BYLEX', 'LIMIT', '2', '3'], ['ZRANGE', 'l', '+', '-', 'BYLEX', 'REV', 'LIMIT', '1', '2'],
    ['ZRANGE', 'l', '-', '+', 'BYLEX', 'LIMIT', '-1', '2'], ['ZRANGE', 'l', '-', '+', 'BYLEX', 'LIMIT', '1', '-2'], ['ZRANGE', 'l', '+', '-', 'BYLEX'], ['ZRANGE', 'l', '-', '-', 'BYLEX'],
    ['ZRANGE', 'l', '[c', '[a', 'BYLEX'], ['ZRANGE', 'l', '[', '[b', 'BYLEX'], ['ZRANGE', 'missing', '-', '+', 'BYLEX'],
  ] },
  { name: 'ZRANGEBYLEX and ZREVRANGEBYLEX', steps: [
    lex, ['ZRANGEBYLEX', 'l', '[b', '(e'], ['ZRANGEBYLEX', 'l', '-', '+', 'LIMIT', '1', '2'], ['ZREVRANGEBYLEX', 'l', '+', '-', 'LIMIT', '0', '3'], ['ZREVRANGEBYLEX', 'l', '(e', '[b'],
    ['ZRANGEBYLEX', 'l', '-', '+', 'WITHSCORES'], ['ZRANGEBYLEX', 'l', '-', '+', 'BYLEX'], ['ZRANGEBYLEX', 'l', 'a', '+'], ['ZREVRANGEBYLEX', 'l', '-', '+'], ['ZRANGEBYLEX', 'missing', 'x', '+'],
  ] },
  { name: 'option errors in Redis order', steps: [
    ['SET', 'str', 'v'], scores, ['ZRANGE', 'z', '0', '-1', 'LIMIT', '0', '1'], ['ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES'], ['ZRANGE', 'z', '0', '-1', 'BYSCORE', 'BYLEX'],
    ['ZRANGE', 'z', '0', '-1', 'REV', 'REV'], ['ZRANGE', 'z', '0', '-1', 'BYSCORE', 'LIMIT', '0'], ['ZRANGE', 'z', '0', '-1', 'LIMIT', 'x', '1'], ['ZRANGE', 'z', '0', '-1', 'BYSCORE', 'LIMIT', '0', 'x'],
    ['ZRANGE', 'z', 'x', '1'], ['ZRANGE', 'z', '0', '1.5'], ['ZRANGE', 'z', '0'], ['ZRANGE', 'z', 'a', 'b', 'BYSCORE'], ['ZRANGE', 'z', 'a', 'b', 'BYLEX'], ['ZRANGE', 'str', '0', '-1'],
    ['ZRANGE', 'str', 'x', '1'], ['ZRANGE', 'str', '0', '-1', 'LIMIT', '0', '1'], ['ZRANGE', 'z', '0', '-1', 'LIMIT', 'x', '1', 'BYSCORE', 'BYLEX'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES', 'BYLEX', 'LIMIT', '0', '1'],
    ['ZRANGE', 'missing', 'x', '1'], ['ZRANGE', 'missing', '0', '1', 'LIMIT', '0', '1'],
  ] },
  { name: 'ranges over a skiplist', steps: [
    ['ZADD', 'z', ...pairs(200)], ['ZADD', 'z', '50', 'tie', '50', 'tia'], ['OBJECT', 'ENCODING', 'z'], ['ZRANGE', 'z', '48', '53', 'WITHSCORES'], ['ZRANGE', 'z', '-3', '-1', 'REV'],
    ['ZRANGE', 'z', '(49', '52', 'BYSCORE', 'LIMIT', '1', '3', 'WITHSCORES'], ['ZRANGE', 'z', '52', '(49', 'BYSCORE', 'REV', 'LIMIT', '1', '3'], ['ZRANGE', 'z', '150', '+inf', 'BYSCORE', 'LIMIT', '40', '100'],
    ['ZCOUNT', 'z', '50', '50'], ['ZRANGEBYSCORE', 'z', '199', '+inf', 'WITHSCORES'], ['ZRANGE', 'z', '100', '105'],
  ] },
  { name: 'ZRANGESTORE', events: true, steps: [
    scores, ['ZRANGESTORE', 'd', 'z', '0', '2'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['ZRANGESTORE', 'd', 'z', '2', '3', 'BYSCORE', 'LIMIT', '1', '5'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    ['ZRANGESTORE', 'd', 'z', '+inf', '(3', 'BYSCORE', 'REV'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], lex, ['ZRANGESTORE', 'd', 'l', '[b', '[d', 'BYLEX'], ['ZRANGE', 'd', '0', '-1'],
    ['ZRANGESTORE', 'd', 'z', '5', '1'], ['EXISTS', 'd'], ['ZRANGESTORE', 'd', 'missing', '0', '-1'], ['ZRANGESTORE', 'z', 'z', '0', '1'], ['ZRANGE', 'z', '0', '-1'],
  ] },
  { name: 'ZRANGESTORE overwrites any type and drops the TTL', events: true, steps: [
    ['SET', 'str', 'v', 'EX', '100'], ['ZADD', 'z', '1', 'a'], ['ZRANGESTORE', 'str', 'z', '0', '-1'], ['TYPE', 'str'], ['TTL', 'str'], ['ZRANGESTORE', 'str', 'missing', '0', '-1'],
    ['EXISTS', 'str'],
  ] },
  { name: 'ZRANGESTORE errors', steps: [
    ['SET', 'str', 'v'], ['ZADD', 'z', '1', 'a'], ['ZRANGESTORE', 'd', 'z', '0', '-1', 'WITHSCORES'], ['ZRANGESTORE', 'd', 'str', '0', '-1'], ['ZRANGESTORE', 'd', 'z', '0', '-1', 'LIMIT', '0', '1'],
    ['ZRANGESTORE', 'd', 'z', 'x', '1'], ['ZRANGESTORE', 'd', 'z', '-', '+', 'BYSCORE'], ['ZRANGESTORE', 'd', 'z'], ['EXISTS', 'd'],
  ] },
]);
