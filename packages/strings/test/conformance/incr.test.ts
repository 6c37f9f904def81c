import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

runScenarios('strings: INCR, DECR, INCRBY, DECRBY', options, [
  { name: 'counting from a missing key', steps: [['INCR', 'k'], ['INCR', 'k'], ['DECR', 'k'], ['DECR', 'n'], ['INCRBY', 'a', '10'], ['DECRBY', 'b', '-7'], ['MGET', 'k', 'n', 'a', 'b']] },
  { name: 'limits and overflow', steps: [
    ['SET', 'k', '9223372036854775806'], ['INCR', 'k'], ['INCR', 'k'], ['GET', 'k'], ['SET', 'k', '-9223372036854775807'], ['DECR', 'k'], ['DECR', 'k'],
    ['INCRBY', 'k', '9223372036854775807'], ['INCRBY', 'k', '-1'], ['SET', 'k', '1'], ['INCRBY', 'k', '9223372036854775807'],
    ['SET', 'k', '-2'], ['INCRBY', 'k', '-9223372036854775807'], ['DECRBY', 'k', '9223372036854775807'], ['DECRBY', 'k', '-9223372036854775808'],
    ['SET', 'k', '0'], ['DECRBY', 'k', '-9223372036854775808'], ['INCRBY', 'k', '-9223372036854775808'], ['DECRBY', 'k', '-9223372036854775807'],
    ['INCRBY', 'z', '9007199254740993'], ['INCRBY', 'z', '9007199254740993'], ['DECRBY', 'z', '1'],
  ] },
  { name: 'values that are not canonical integers', steps: [
    ['SET', 'k', ' 1'], ['INCR', 'k'], ['SET', 'k', '1 '], ['INCR', 'k'], ['SET', 'k', '+1'], ['INCR', 'k'], ['SET', 'k', '01'], ['INCR', 'k'],
    ['SET', 'k', '1.0'], ['INCR', 'k'], ['SET', 'k', ''], ['INCR', 'k'], ['SET', 'k', '-0'], ['INCR', 'k'], ['SET', 'k', '9223372036854775808'], ['INCR', 'k'],
    ['SET', 'k', 'abc'], ['DECRBY', 'k', '1'], ['SET', 'k', '1e3'], ['INCRBY', 'k', '1'], ['SET', 'k', '-'], ['DECR', 'k'], ['GET', 'k'],
  ] },
  { name: 'increments that are not integers', steps: [
    ['INCRBY', 'k', 'x'], ['INCRBY', 'k', '1.5'], ['INCRBY', 'k', ''], ['DECRBY', 'k', '9223372036854775808'], ['INCRBY', 'k', ' 1'], ['EXISTS', 'k'],
    ['LPUSH', 'l', 'a'], ['INCRBY', 'l', 'x'], ['INCRBY', 'l', '1'], ['INCR', 'l'], ['DECRBY', 'l', '2'],
  ] },
  { name: 'keeps the TTL', steps: [['SET', 'k', '5', 'EX', '100'], ['INCR', 'k'], ['TTL', 'k'], ['DECRBY', 'k', '3'], ['TTL', 'k'], ['GET', 'k']] },
  { name: 'results are int encoded', steps: [
    ['SET', 'k', 'x'], ['APPEND', 'a', '5'], ['APPEND', 'a', '5'], ['OBJECT', 'ENCODING', 'a'], ['INCR', 'a'], ['OBJECT', 'ENCODING', 'a'],
    ['INCRBY', 'b', '123456789012'], ['OBJECT', 'ENCODING', 'b'], ['SET', 'c', '12345678901234567890'], ['OBJECT', 'ENCODING', 'c'],
  ] },
]);
