import { runScenarios } from '@fakeredis/tooling/conformance';
import { options, pairs } from './server.js';

const scores = ['ZADD', 'z', '1', 'a', '2', 'b', '2', 'bb', '3', 'c', '4', 'd'];
const lex = ['ZADD', 'l', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e'];

// ZREMRANGEBYRANK, ZREMRANGEBYSCORE, ZREMRANGEBYLEX: counts, empty ranges, deleting the
// key, argument errors before the type check, events.
runScenarios('zsets: ZREMRANGEBY*', options, [
  { name: 'ZREMRANGEBYRANK', events: true, steps: [
    scores, ['ZREMRANGEBYRANK', 'z', '1', '2'], ['ZRANGE', 'z', '0', '-1'], ['ZREMRANGEBYRANK', 'z', '5', '10'], ['ZREMRANGEBYRANK', 'z', '2', '1'], ['ZREMRANGEBYRANK', 'z', '-100', '-50'],
    ['ZREMRANGEBYRANK', 'z', '-1', '-1'], ['ZRANGE', 'z', '0', '-1'], ['ZREMRANGEBYRANK', 'z', '-100', '100'], ['EXISTS', 'z'], ['ZREMRANGEBYRANK', 'missing', '0', '-1'],
  ] },
  { name: 'ZREMRANGEBYSCORE', events: true, steps: [
    scores, ['ZREMRANGEBYSCORE', 'z', '(1', '(3'], ['ZRANGE', 'z', '0', '-1'], ['ZREMRANGEBYSCORE', 'z', '5', '6'], ['ZREMRANGEBYSCORE', 'z', '3', '1'], ['ZREMRANGEBYSCORE', 'z', '4', '4'],
    ['ZREMRANGEBYSCORE', 'z', '-inf', '+inf'], ['EXISTS', 'z'], ['ZREMRANGEBYSCORE', 'missing', '0', '1'],
  ] },
  { name: 'ZREMRANGEBYLEX', events: true, steps: [
    lex, ['ZREMRANGEBYLEX', 'l', '(a', '[c'], ['ZRANGE', 'l', '0', '-1'], ['ZREMRANGEBYLEX', 'l', '[x', '[z'], ['ZREMRANGEBYLEX', 'l', '+', '-'], ['ZREMRANGEBYLEX', 'l', '-', '(d'],
    ['ZRANGE', 'l', '0', '-1'], ['ZREMRANGEBYLEX', 'l', '-', '+'], ['EXISTS', 'l'], ['ZREMRANGEBYLEX', 'missing', '-', '+'],
  ] },
  { name: 'in a skiplist', events: true, steps: [
    ['ZADD', 'z', ...pairs(300)], ['ZREMRANGEBYRANK', 'z', '10', '19'], ['ZREMRANGEBYSCORE', 'z', '(100', '200'], ['ZCARD', 'z'], ['ZRANGE', 'z', '8', '12', 'WITHSCORES'],
    ['ZRANGE', 'z', '88', '92'], ['ZRANK', 'z', 'm201'], ['OBJECT', 'ENCODING', 'z'], ['ZREMRANGEBYRANK', 'z', '0', '-2'], ['OBJECT', 'ENCODING', 'z'], ['ZRANGE', 'z', '0', '-1'],
  ] },
  { name: 'errors', steps: [
    ['SET', 'str', 'v'], ['ZREMRANGEBYRANK', 'z', 'x', '1'], ['ZREMRANGEBYRANK', 'str', 'x', '1'], ['ZREMRANGEBYRANK', 'str', '0', '1'], ['ZREMRANGEBYSCORE', 'str', 'x', '1'],
    ['ZREMRANGEBYSCORE', 'str', '0', '1'], ['ZREMRANGEBYSCORE', 'missing', 'x', '1'], ['ZREMRANGEBYLEX', 'str', 'x', '+'], ['ZREMRANGEBYLEX', 'str', '-', '+'], ['ZREMRANGEBYLEX', 'missing', 'x', '+'],
    ['ZREMRANGEBYRANK', 'z', '0'], ['ZREMRANGEBYSCORE', 'z', '0', '1', '2'],
  ] },
]);
