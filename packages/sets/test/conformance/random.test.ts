import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

const ints = (n: number, from = 1) => Array.from({ length: n }, (_, i) => String(from + i));
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);

// Which members SPOP and SRANDMEMBER pick is random: those replies are compared by shape
// (type and length); everything that does not depend on the draw is compared exactly.
runScenarios('sets: SPOP', options, [
  { name: 'SPOP one member', steps: [
    ['SPOP', 'missing'], ['SADD', 's', 'only'], ['SPOP', 's'], ['EXISTS', 's'], ['SADD', 's', 'a', 'b', 'c'], { cmd: ['SPOP', 's'], compare: 'shape' }, ['SCARD', 's'],
  ] },
  { name: 'SPOP with a count: shapes and what is left', steps: [
    ['SADD', 's', ...words(20)], { cmd: ['SPOP', 's', '3'], compare: 'shape' }, ['SCARD', 's'], { cmd: ['SPOP', 's', '15'], compare: 'shape' }, ['SCARD', 's'],
    { cmd: ['SPOP', 's', '1'], compare: 'shape' }, ['SCARD', 's'], { cmd: ['SPOP', 's', '5'], compare: 'shape' }, ['EXISTS', 's'],
  ] },
  { name: 'SPOP with a count on intsets', steps: [
    ['SADD', 's', ...ints(10)], { cmd: ['SPOP', 's', '2'], compare: 'shape' }, ['SCARD', 's'], ['OBJECT', 'ENCODING', 's'], { cmd: ['SPOP', 's', '7'], compare: 'shape' },
    ['SCARD', 's'], ['OBJECT', 'ENCODING', 's'], ['SADD', 't', '5', '-1', '3'], ['SPOP', 't', '3'], ['SADD', 't', '9', '8'], ['SPOP', 't', '100'], ['EXISTS', 't'],
  ] },
  { name: 'SPOP count 0 and missing keys', steps: [
    ['SADD', 's', 'a'], ['SPOP', 's', '0'], ['SCARD', 's'], ['SPOP', 'missing', '0'], ['SPOP', 'missing', '3'], ['SPOP', 's', '9223372036854775807'], ['EXISTS', 's'],
  ] },
  { name: 'SPOP count errors', steps: [
    ['SADD', 's', 'a'], ['SPOP', 's', '-1'], ['SPOP', 's', 'x'], ['SPOP', 's', '9223372036854775808'], ['SPOP', 's', '1.5'], ['SPOP', 'missing', '-1'],
    ['SPOP', 's', '1', '2'], ['SPOP'], ['SET', 'str', 'x'], ['SPOP', 'str'], ['SPOP', 'str', '1'], ['SPOP', 'str', '-1'], ['SCARD', 's'],
  ] },
  { name: 'SPOP rebuilding a set keeps its TTL and picks its encoding anew', steps: [
    ['CONFIG', 'SET', 'set-max-intset-entries', '4'], ['SADD', 's', ...ints(10)], ['EXPIRE', 's', '100'], ['OBJECT', 'ENCODING', 's'],
    { cmd: ['SPOP', 's', '9'], compare: 'shape' }, ['OBJECT', 'ENCODING', 's'], ['TTL', 's'], ['SADD', 'h', ...ints(10)], { cmd: ['SPOP', 'h', '8'], compare: 'shape' },
    ['OBJECT', 'ENCODING', 'h'], ['SCARD', 'h'], ['SADD', 'w', ...words(10)], { cmd: ['SPOP', 'w', '9'], compare: 'shape' }, ['OBJECT', 'ENCODING', 'w'], ['TTL', 'w'],
  ] },
  { name: 'SPOP of the whole set replies as SUNION would (intset order)', steps: [
    ['CONFIG', 'SET', 'set-max-intset-entries', '4'], ['SADD', 's', ...ints(6)], ['SREM', 's', '1', '2'], ['OBJECT', 'ENCODING', 's'], ['SPOP', 's', '4'],
  ] },
]);

runScenarios('sets: SRANDMEMBER', options, [
  { name: 'SRANDMEMBER without a count', steps: [
    ['SRANDMEMBER', 'missing'], ['SADD', 's', 'only'], ['SRANDMEMBER', 's'], ['SADD', 's', 'a', 'b'], { cmd: ['SRANDMEMBER', 's'], compare: 'shape' }, ['SCARD', 's'],
  ] },
  { name: 'SRANDMEMBER positive counts', steps: [
    ['SADD', 's', ...words(30)], { cmd: ['SRANDMEMBER', 's', '1'], compare: 'shape' }, { cmd: ['SRANDMEMBER', 's', '5'], compare: 'shape' },
    { cmd: ['SRANDMEMBER', 's', '15'], compare: 'shape' }, { cmd: ['SRANDMEMBER', 's', '29'], compare: 'shape' }, { cmd: ['SRANDMEMBER', 's', '30'], compare: 'unordered' },
    { cmd: ['SRANDMEMBER', 's', '1000'], compare: 'unordered' }, ['SCARD', 's'],
  ] },
  { name: 'SRANDMEMBER positive counts on an intset', steps: [
    ['SADD', 's', '7', '-2', '100', '3'], ['SRANDMEMBER', 's', '4'], ['SRANDMEMBER', 's', '9223372036854775807'], { cmd: ['SRANDMEMBER', 's', '3'], compare: 'shape' },
    ['SADD', 'one', '5'], ['SRANDMEMBER', 'one', '1'], ['SRANDMEMBER', 'one', '-3'], ['SRANDMEMBER', 'one', '2'],
  ] },
  { name: 'SRANDMEMBER negative counts repeat members', steps: [
    ['SADD', 's', 'a', 'b', 'c'], { cmd: ['SRANDMEMBER', 's', '-1'], compare: 'shape' }, { cmd: ['SRANDMEMBER', 's', '-10'], compare: 'shape' },
    ['SADD', 'one', 'x'], ['SRANDMEMBER', 'one', '-4'], ['SRANDMEMBER', 'missing', '-4'], ['SRANDMEMBER', 'missing', '-9223372036854775807'],
  ] },
  { name: 'SRANDMEMBER count 0 and missing keys', steps: [
    ['SADD', 's', 'a'], ['SRANDMEMBER', 's', '0'], ['SRANDMEMBER', 'missing', '0'], ['SRANDMEMBER', 'missing', '3'], ['SRANDMEMBER', 'missing', '-0'],
  ] },
  { name: 'SRANDMEMBER count errors', steps: [
    ['SADD', 's', 'a'], ['SRANDMEMBER', 's', 'x'], ['SRANDMEMBER', 's', '-9223372036854775808'], ['SRANDMEMBER', 'missing', '-9223372036854775808'],
    ['SRANDMEMBER', 's', '9223372036854775808'], ['SRANDMEMBER', 's', '1.0'], ['SRANDMEMBER', 's', '1', '2'], ['SRANDMEMBER'],
    ['SET', 'str', 'x'], ['SRANDMEMBER', 'str'], ['SRANDMEMBER', 'str', '2'], ['SRANDMEMBER', 'str', 'x'], ['SRANDMEMBER', 'str', '-9223372036854775808'],
  ] },
]);
