import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options, optionsWith } from './server.js';

runScenarios('strings: APPEND, STRLEN', options, [
  { name: 'APPEND creates and extends', steps: [
    ['APPEND', 'k', 'he'], ['APPEND', 'k', 'llo'], ['GET', 'k'], ['STRLEN', 'k'], ['APPEND', 'k', ''], ['APPEND', 'e', ''], ['EXISTS', 'e'], ['GET', 'e'],
  ] },
  { name: 'APPEND keeps the TTL and works on integers', steps: [
    ['SET', 'k', '12', 'EX', '100'], ['APPEND', 'k', '34'], ['GET', 'k'], ['TTL', 'k'], ['INCR', 'k'],
  ] },
  { name: 'APPEND binary', steps: [['APPEND', 'k', bin(0, 255)], ['APPEND', 'k', bin(0)], ['GET', 'k'], ['STRLEN', 'k']] },
  { name: 'APPEND and STRLEN on other types', steps: [['LPUSH', 'l', 'a'], ['APPEND', 'l', 'x'], ['STRLEN', 'l'], ['STRLEN', 'nope']] },
  { name: 'STRLEN of integers', steps: [['SET', 'k', '-12345'], ['STRLEN', 'k'], ['SET', 'k', ''], ['STRLEN', 'k']] },
]);

runScenarios('strings: APPEND and SETRANGE size limit', optionsWith({ 'proto-max-bulk-len': '1mb' }), [
  { name: 'growing past proto-max-bulk-len is an error', steps: [
    ['SETRANGE', 'k', '1048575', 'x'], ['STRLEN', 'k'], ['SETRANGE', 'k', '1048576', 'x'], ['SETRANGE', 'n', '1048575', 'xy'], ['EXISTS', 'n'],
    ['APPEND', 'k', 'x'], ['STRLEN', 'k'], ['SETRANGE', 'k', '1048575', ''], ['SETRANGE', 'n', '99999999', ''],
  ] },
]);

runScenarios('strings: GETRANGE, SUBSTR', options, [
  { name: 'ranges', steps: [
    ['SET', 'k', 'Hello World'], ['GETRANGE', 'k', '0', '4'], ['GETRANGE', 'k', '-5', '-1'], ['GETRANGE', 'k', '0', '-1'], ['GETRANGE', 'k', '0', '100'],
    ['GETRANGE', 'k', '5', '3'], ['GETRANGE', 'k', '-100', '2'], ['GETRANGE', 'k', '20', '30'], ['GETRANGE', 'k', '-1', '-3'], ['GETRANGE', 'k', '-30', '-20'],
    ['GETRANGE', 'k', '0', '-100'], ['GETRANGE', 'k', '3', '-100'], ['GETRANGE', 'k', '-3', '100'], ['GETRANGE', 'k', '10', '10'], ['GETRANGE', 'k', '11', '11'],
    ['SUBSTR', 'k', '1', '3'], ['SUBSTR', 'k', '-3', '-1'],
  ] },
  { name: 'extreme indexes', steps: [
    ['SET', 'k', 'abc'], ['GETRANGE', 'k', '-9223372036854775808', '9223372036854775807'], ['GETRANGE', 'k', '9223372036854775807', '-9223372036854775808'],
    ['GETRANGE', 'k', '0', '9223372036854775808'], ['GETRANGE', 'k', '1.5', '2'], ['GETRANGE', 'k', '0', 'x'],
  ] },
  { name: 'missing keys, empty strings, integers, other types', steps: [
    ['GETRANGE', 'nope', '0', '-1'], ['GETRANGE', 'nope', 'x', '1'], ['SET', 'e', ''], ['GETRANGE', 'e', '0', '-1'], ['GETRANGE', 'e', '-1', '0'],
    ['SET', 'i', '123456'], ['GETRANGE', 'i', '1', '-2'], ['LPUSH', 'l', 'a'], ['GETRANGE', 'l', '0', '1'], ['SUBSTR', 'l', 'a', 'b'],
  ] },
  { name: 'binary', steps: [['SET', 'k', bin(0, 1, 255, 254, 0)], ['GETRANGE', 'k', '1', '3'], ['GETRANGE', 'k', '-1', '-1']] },
]);

runScenarios('strings: SETRANGE', options, [
  { name: 'overwrite and extend', steps: [
    ['SET', 'k', 'Hello World'], ['SETRANGE', 'k', '6', 'Redis'], ['GET', 'k'], ['SETRANGE', 'k', '20', 'x'], ['GET', 'k'], ['STRLEN', 'k'],
    ['SETRANGE', 'k', '0', 'A'], ['GET', 'k'],
  ] },
  { name: 'missing keys are zero-padded; empty values do nothing', steps: [
    ['SETRANGE', 'n', '5', 'ab'], ['GET', 'n'], ['SETRANGE', 'm', '3', ''], ['EXISTS', 'm'], ['SETRANGE', 'n', '100', ''], ['STRLEN', 'n'],
    ['SETRANGE', 'z', '0', 'v'], ['GET', 'z'],
  ] },
  { name: 'offset errors', steps: [
    ['SETRANGE', 'k', '-1', 'x'], ['SETRANGE', 'k', 'x', 'x'], ['SETRANGE', 'k', '1.0', 'x'], ['SETRANGE', 'k', '9223372036854775808', 'x'],
    ['SETRANGE', 'k', '536870912', 'x'], ['SETRANGE', 'k', '536870911', 'xy'], ['SETRANGE', 'k', '9223372036854775807', 'x'], ['EXISTS', 'k'],
    ['SETRANGE', 'k', '-1', ''], ['LPUSH', 'l', 'a'], ['SETRANGE', 'l', '0', 'x'], ['SETRANGE', 'l', '-1', 'x'], ['SETRANGE', 'l', '0', ''],
  ] },
  { name: 'keeps the TTL; integers become strings', steps: [
    ['SET', 'k', '1234', 'EX', '100'], ['SETRANGE', 'k', '1', 'x'], ['GET', 'k'], ['TTL', 'k'], ['SET', 'i', '10'], ['SETRANGE', 'i', '0', '2'], ['INCR', 'i'],
  ] },
  { name: 'binary', steps: [['SETRANGE', 'k', '2', bin(0, 255)], ['GET', 'k'], ['SETRANGE', 'k', '0', bin(255)], ['GET', 'k']] },
]);
