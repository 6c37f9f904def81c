import { runScenarios } from '@fakeredis/tooling/conformance';
import { options, optionsWith } from './server.js';

const ints = (n: number, from = 1) => Array.from({ length: n }, (_, i) => String(from + i));

// OBJECT ENCODING follows Redis's conversions: intset while every member is an integer and
// the count is within set-max-intset-entries, hashtable after (and for good); *STORE and
// SPOP build new sets whose encoding is chosen again. MEMORY USAGE of intsets is exact.
runScenarios('sets: encodings', options, [
  { name: 'intset up to 512 members, hashtable from 513', steps: [
    ['SADD', 's', ...ints(512)], ['OBJECT', 'ENCODING', 's'], ['SADD', 's', '512'], ['OBJECT', 'ENCODING', 's'], ['SADD', 's', '513'], ['OBJECT', 'ENCODING', 's'],
    ['SREM', 's', '513', '1', '2'], ['OBJECT', 'ENCODING', 's'], ['SADD', 't', ...ints(513)], ['OBJECT', 'ENCODING', 't'],
  ] },
  { name: 'a non-integer member makes a hashtable for good', steps: [
    ['SADD', 's', '1', '2'], ['SADD', 's', 'x'], ['OBJECT', 'ENCODING', 's'], ['SREM', 's', 'x'], ['OBJECT', 'ENCODING', 's'], ['SADD', 'a', 'x', '1'],
    ['OBJECT', 'ENCODING', 'a'], ['SADD', 'b', '01'], ['OBJECT', 'ENCODING', 'b'], ['SADD', 'c', '9223372036854775807', '-9223372036854775808'],
    ['OBJECT', 'ENCODING', 'c'], ['SADD', 'd', '9223372036854775808'], ['OBJECT', 'ENCODING', 'd'], ['OBJECT', 'ENCODING', 'missing'],
  ] },
  { name: 'CONFIG SET set-max-intset-entries applies to later writes', steps: [
    ['SADD', 's', ...ints(10)], ['CONFIG', 'SET', 'set-max-intset-entries', '5'], ['OBJECT', 'ENCODING', 's'], ['SADD', 's', '1'], ['OBJECT', 'ENCODING', 's'],
    ['SADD', 's', '11'], ['OBJECT', 'ENCODING', 's'], ['SADD', 't', ...ints(5)], ['OBJECT', 'ENCODING', 't'], ['SADD', 'u', ...ints(6)], ['OBJECT', 'ENCODING', 'u'],
    ['CONFIG', 'SET', 'set-max-intset-entries', '0'], ['SADD', 'z', '1'], ['OBJECT', 'ENCODING', 'z'], ['CONFIG', 'GET', 'set-max-intset-entries'],
  ] },
  { name: 'stored results are encoded afresh', steps: [
    ['CONFIG', 'SET', 'set-max-intset-entries', '4'], ['SADD', 'h', ...ints(8)], ['SADD', 'small', '1', '2', '3'], ['SINTERSTORE', 'i', 'h', 'small'], ['OBJECT', 'ENCODING', 'i'],
    ['SINTERSTORE', 'j', 'h', 'h'], ['OBJECT', 'ENCODING', 'j'], ['SUNIONSTORE', 'k', 'small', 'small'], ['OBJECT', 'ENCODING', 'k'], ['SUNIONSTORE', 'l', 'small', 'h'],
    ['OBJECT', 'ENCODING', 'l'], ['SDIFFSTORE', 'm', 'h', 'small'], ['OBJECT', 'ENCODING', 'm'], ['SREM', 'h', '4', '5', '6', '7'], ['OBJECT', 'ENCODING', 'h'],
    ['SUNIONSTORE', 'n', 'h'], ['OBJECT', 'ENCODING', 'n'], ['SMEMBERS', 'n'], ['SUNION', 'h', 'small'],
  ] },
  { name: 'SDIFFSTORE keeps the hashtable its second algorithm made', steps: [
    ['CONFIG', 'SET', 'set-max-intset-entries', '4'], ['SADD', 'big', ...ints(10)], ['SADD', 'o1', '1'], ['SADD', 'o2', '2'], ['SDIFFSTORE', 'f', 'big', 'o1', 'o2'],
    ['OBJECT', 'ENCODING', 'f'], ['SDIFFSTORE', 'g', 'big', 'o1'], ['OBJECT', 'ENCODING', 'g'],
  ] },
  { name: 'COPY keeps the encoding', steps: [
    ['SADD', 'i', '1', '2'], ['COPY', 'i', 'i2'], ['OBJECT', 'ENCODING', 'i2'], ['SMEMBERS', 'i2'], ['SADD', 'h', 'a', 'b'], ['COPY', 'h', 'h2'], ['OBJECT', 'ENCODING', 'h2'],
    ['SADD', 'i2', '3'], ['SCARD', 'i'], ['SCARD', 'i2'], ['TYPE', 'h2'],
  ] },
  { name: 'MEMORY USAGE of intsets', steps: [
    ['SADD', 'a', '1', '2', '3'], ['MEMORY', 'USAGE', 'a'], ['SADD', 'b', '1', '70000'], ['MEMORY', 'USAGE', 'b'], ['SREM', 'b', '70000'], ['MEMORY', 'USAGE', 'b'],
    ['SADD', 'c', '-9223372036854775808'], ['MEMORY', 'USAGE', 'c'], ['SADD', 'd', ...ints(100)], ['MEMORY', 'USAGE', 'd'], ['SADD', 'e', ...ints(200, 40000)],
    ['MEMORY', 'USAGE', 'e'], ['MEMORY', 'USAGE', 'e', 'SAMPLES', '0'],
  ] },
  { name: 'MEMORY USAGE of one-member hashtables', steps: [
    ['SADD', 'h', 'a'], ['MEMORY', 'USAGE', 'h'], ['SADD', 'g', 'x'.repeat(40)], ['MEMORY', 'USAGE', 'g'], ['SADD', 'e', ''], ['MEMORY', 'USAGE', 'e'],
  ] },
]);

runScenarios('sets: encodings with set-max-intset-entries 2 at start-up', optionsWith({ 'set-max-intset-entries': '2' }), [
  { name: 'start-up configuration', steps: [
    ['SADD', 's', '1', '2'], ['OBJECT', 'ENCODING', 's'], ['SADD', 's', '3'], ['OBJECT', 'ENCODING', 's'], ['CONFIG', 'GET', 'set-max-intset-entries'],
  ] },
]);
