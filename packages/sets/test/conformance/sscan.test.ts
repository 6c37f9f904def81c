import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options } from './server.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`);

// Intsets are returned whole in one call, in order, whatever the cursor and COUNT. A
// hashtable's cursors are Redis's bucket numbers, so only scans that end in one call (and
// return at most one member, whose order cannot differ) are compared exactly here; the
// cursor contract of longer scans is unit-tested.
runScenarios('sets: SSCAN', options, [
  { name: 'intsets come whole', steps: [
    ['SADD', 's', '3', '1', '-2', '100'], ['SSCAN', 's', '0'], ['SSCAN', 's', '0', 'COUNT', '1'], ['SSCAN', 's', '12345'], ['SSCAN', 's', '0', 'MATCH', '1*'],
    ['SSCAN', 's', '0', 'MATCH', '*', 'COUNT', '2'], ['SSCAN', 's', '0', 'count', '1', 'match', '-*'], ['SSCAN', 's', '-1'], ['SSCAN', 's', '18446744073709551615'],
  ] },
  { name: 'hashtables scanned in one call', steps: [
    ['SADD', 'h', ...words(30)], ['SSCAN', 'h', '0', 'MATCH', 'w17', 'COUNT', '100'], ['SSCAN', 'h', '0', 'MATCH', 'nothing*', 'COUNT', '1000'], ['SADD', 'one', 'x'],
    ['SSCAN', 'one', '0'], ['SSCAN', 'one', '0', 'MATCH', 'y'], ['SADD', 'b', bin(0, 255)], ['SSCAN', 'b', '0', 'MATCH', bin(0, 0x2a)],
  ] },
  { name: 'missing keys answer an empty scan before options are read', steps: [
    ['SSCAN', 'missing', '0'], ['SSCAN', 'missing', '0', 'COUNT', '0'], ['SSCAN', 'missing', '0', 'BOGUS'], ['SSCAN', 'missing', 'x'],
  ] },
  { name: 'errors', steps: [
    ['SADD', 's', '1'], ['SSCAN', 's', 'x'], ['SSCAN', 's', '1.5'], ['SSCAN', 's', ' 1'], ['SSCAN', 's', '18446744073709551616'], ['SSCAN', 's', '0', 'COUNT', '0'],
    ['SSCAN', 's', '0', 'COUNT', '-1'], ['SSCAN', 's', '0', 'COUNT', 'x'], ['SSCAN', 's', '0', 'COUNT'], ['SSCAN', 's', '0', 'MATCH'], ['SSCAN', 's', '0', 'TYPE', 'set'],
    ['SSCAN', 's', '0', 'NOVALUES'], ['SSCAN', 's'], ['SET', 'str', 'x'], ['SSCAN', 'str', '0'], ['SSCAN', 'str', 'x'], ['SSCAN', 'str', '0', 'COUNT', '0'],
  ] },
]);
