import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options, optionsWith } from './server.js';

runScenarios('bitmaps: SETBIT, GETBIT', options, [
  { name: 'set and get bits', steps: [
    ['SETBIT', 'k', '7', '1'], ['GET', 'k'], ['SETBIT', 'k', '7', '1'], ['SETBIT', 'k', '7', '0'], ['GETBIT', 'k', '7'], ['SETBIT', 'k', '100', '1'],
    ['STRLEN', 'k'], ['GETBIT', 'k', '100'], ['GETBIT', 'k', '101'], ['GETBIT', 'k', '10000'], ['GETBIT', 'nope', '0'], ['GET', 'k'],
  ] },
  { name: 'errors', steps: [
    ['SETBIT', 'k', '-1', '1'], ['SETBIT', 'k', 'x', '1'], ['SETBIT', 'k', '0', '2'], ['SETBIT', 'k', '0', '-1'], ['SETBIT', 'k', '0', 'x'],
    ['SETBIT', 'k', '4294967296', '1'], ['SETBIT', 'k', '0', ''], ['GETBIT', 'k', '-1'], ['GETBIT', 'k', '4294967296'], ['GETBIT', 'k', '1.5'],
    ['LPUSH', 'l', 'a'], ['SETBIT', 'l', '0', '1'], ['GETBIT', 'l', '0'], ['SETBIT', 'l', '-1', '1'], ['GETBIT', 'l', 'x'], ['EXISTS', 'k'],
  ] },
  { name: 'on strings and integers', steps: [
    ['SET', 'k', 'a'], ['GETBIT', 'k', '1'], ['GETBIT', 'k', '2'], ['SETBIT', 'k', '6', '1'], ['GET', 'k'], ['OBJECT', 'ENCODING', 'k'],
    ['SET', 'i', '5'], ['GETBIT', 'i', '5'], ['GETBIT', 'i', '7'], ['SETBIT', 'i', '6', '1'], ['GET', 'i'], ['INCR', 'i'],
    ['SET', 's', 'a'], ['SETBIT', 's', '1', '1'], ['OBJECT', 'ENCODING', 's'], ['SET', 't', 'v', 'EX', '100'], ['SETBIT', 't', '0', '1'], ['TTL', 't'],
  ] },
  { name: 'binary keys', steps: [['SETBIT', bin(0, 255), '3', '1'], ['GET', bin(0, 255)], ['GETBIT', bin(0, 255), '3']] },
]);

runScenarios('bitmaps: big offsets', optionsWith({ 'proto-max-bulk-len': '1mb' }), [
  { name: 'offsets up to proto-max-bulk-len bytes', steps: [
    ['SETBIT', 'k', '8388607', '1'], ['STRLEN', 'k'], ['GETBIT', 'k', '8388607'], ['SETBIT', 'k', '8388608', '1'], ['GETBIT', 'k', '8388608'],
    ['BITCOUNT', 'k'], ['BITPOS', 'k', '1'], ['BITPOS', 'k', '0', '-1'], ['BITCOUNT', 'k', '-1', '-1'],
  ] },
]);

runScenarios('bitmaps: BITCOUNT', options, [
  { name: 'whole string and ranges', steps: [
    ['SET', 'k', 'foobar'], ['BITCOUNT', 'k'], ['BITCOUNT', 'k', '0', '0'], ['BITCOUNT', 'k', '1', '1'], ['BITCOUNT', 'k', '1', '-2'], ['BITCOUNT', 'k', '-2', '-1'],
    ['BITCOUNT', 'k', '5', '30'], ['BITCOUNT', 'k', '-100', '100'], ['BITCOUNT', 'k', '3', '1'], ['BITCOUNT', 'k', '-1', '-3'], ['BITCOUNT', 'k', '-100', '-200'],
    ['BITCOUNT', 'k', '0', '-100'], ['BITCOUNT', 'k', '100', '200'],
  ] },
  { name: 'BIT and BYTE units', steps: [
    ['SET', 'k', 'foobar'], ['BITCOUNT', 'k', '5', '30', 'BIT'], ['BITCOUNT', 'k', '0', '0', 'bit'], ['BITCOUNT', 'k', '1', '1', 'BYTE'], ['BITCOUNT', 'k', '-3', '-1', 'BIT'],
    ['BITCOUNT', 'k', '0', '47', 'BIT'], ['BITCOUNT', 'k', '7', '8', 'BIT'], ['BITCOUNT', 'k', '9', '9', 'BIT'], ['BITCOUNT', 'k', '10', '3', 'BIT'],
    ['BITCOUNT', 'k', '-1000', '1000', 'BIT'], ['BITCOUNT', 'k', '3', '12', 'BIT'], ['BITCOUNT', 'k', '0', '0', 'foo'], ['BITCOUNT', 'k', '-1', '-3', 'foo'],
  ] },
  { name: 'errors and missing keys (7.0 looks the key up first)', steps: [
    ['BITCOUNT', 'nope'], ['BITCOUNT', 'nope', 'a', 'b'], ['BITCOUNT', 'nope', '0'], ['BITCOUNT', 'nope', '0', '1', 'x'], ['BITCOUNT', 'nope', '1', '2', '3', '4'],
    ['SET', 'k', 'abc'], ['BITCOUNT', 'k', '0'], ['BITCOUNT', 'k', 'a', 'b'], ['BITCOUNT', 'k', '0', 'b'], ['BITCOUNT', 'k', '0', '1', 'BIT', 'x'],
    ['LPUSH', 'l', 'a'], ['BITCOUNT', 'l'], ['BITCOUNT', 'l', 'x', 'y'], ['BITCOUNT', 'k', '9223372036854775808', '1'],
  ] },
  { name: 'integers and empty strings', steps: [['SET', 'i', '-17'], ['BITCOUNT', 'i'], ['BITCOUNT', 'i', '1', '1'], ['SET', 'e', ''], ['BITCOUNT', 'e'], ['BITCOUNT', 'e', '0', '-1', 'BIT']] },
]);

runScenarios('bitmaps: BITPOS', options, [
  { name: 'first set and clear bit', steps: [
    ['SET', 'k', bin(0xff, 0xf0, 0x00)], ['BITPOS', 'k', '0'], ['BITPOS', 'k', '1'], ['BITPOS', 'k', '1', '2'], ['BITPOS', 'k', '0', '2'],
    ['SET', 'z', bin(0, 0, 0)], ['BITPOS', 'z', '1'], ['BITPOS', 'z', '0'], ['SET', 'f', bin(0xff, 0xff)], ['BITPOS', 'f', '0'], ['BITPOS', 'f', '1'],
    ['BITPOS', 'f', '0', '0'], ['BITPOS', 'f', '0', '0', '-1'], ['BITPOS', 'f', '0', '1', '1'], ['BITPOS', 'f', '1', '2'], ['BITPOS', 'f', '0', '2'],
  ] },
  { name: 'byte ranges', steps: [
    ['SET', 'k', bin(0x00, 0xff, 0xf0, 0x0f, 0x00)], ['BITPOS', 'k', '1', '0', '-1'], ['BITPOS', 'k', '1', '2'], ['BITPOS', 'k', '1', '-2'], ['BITPOS', 'k', '0', '1', '2'],
    ['BITPOS', 'k', '0', '1', '1'], ['BITPOS', 'k', '1', '4', '4'], ['BITPOS', 'k', '0', '3', '2'], ['BITPOS', 'k', '1', '-100', '100'], ['BITPOS', 'k', '0', '100'],
    ['BITPOS', 'k', '1', '-1', '-5'], ['BITPOS', 'k', '0', '1', '1', 'BYTE'],
  ] },
  { name: 'bit ranges', steps: [
    ['SET', 'k', bin(0x00, 0xff, 0xf0, 0x0f, 0x00)], ['BITPOS', 'k', '1', '0', '-1', 'BIT'], ['BITPOS', 'k', '1', '3', '7', 'BIT'], ['BITPOS', 'k', '1', '7', '9', 'bit'],
    ['BITPOS', 'k', '0', '8', '15', 'BIT'], ['BITPOS', 'k', '0', '8', '16', 'BIT'], ['BITPOS', 'k', '0', '9', '14', 'BIT'], ['BITPOS', 'k', '1', '17', '27', 'BIT'],
    ['BITPOS', 'k', '1', '20', '27', 'BIT'], ['BITPOS', 'k', '0', '20', '27', 'BIT'], ['BITPOS', 'k', '1', '-7', '-1', 'BIT'], ['BITPOS', 'k', '0', '-1000', '1000', 'BIT'],
    ['BITPOS', 'k', '1', '10', '2', 'BIT'], ['BITPOS', 'k', '0', '30', '39', 'BIT'], ['BITPOS', 'k', '1', '25', '30', 'BIT'], ['BITPOS', 'k', '0', '12', '13', 'BIT'],
  ] },
  { name: 'errors, missing keys, integers', steps: [
    ['BITPOS', 'nope', '1'], ['BITPOS', 'nope', '0'], ['BITPOS', 'nope', '1', 'x'], ['BITPOS', 'nope', '2'], ['BITPOS', 'nope', 'x'], ['BITPOS', 'nope', '0', '1', '2', '3', '4'],
    ['SET', 'k', 'a'], ['BITPOS', 'k', '2'], ['BITPOS', 'k', '-1'], ['BITPOS', 'k', '1', 'x'], ['BITPOS', 'k', '1', '0', 'x'], ['BITPOS', 'k', '1', '0', '1', 'x'],
    ['BITPOS', 'k', '1', '0', '1', 'BIT', 'x'], ['LPUSH', 'l', 'a'], ['BITPOS', 'l', '1'], ['BITPOS', 'l', '3'], ['SET', 'i', '12'], ['BITPOS', 'i', '1'], ['BITPOS', 'i', '0', '1'],
    ['SET', 'e', ''], ['BITPOS', 'e', '0'], ['BITPOS', 'e', '1'], ['BITPOS', 'e', '0', '0'], ['BITPOS', 'e', '0', '0', '-1', 'BIT'],
  ] },
]);

runScenarios('bitmaps: BITOP', options, [
  { name: 'AND, OR, XOR, NOT', steps: [
    ['SET', 'a', 'foobar'], ['SET', 'b', 'abcdef'], ['BITOP', 'AND', 'd', 'a', 'b'], ['GET', 'd'], ['BITOP', 'OR', 'd', 'a', 'b'], ['GET', 'd'],
    ['BITOP', 'XOR', 'd', 'a', 'b'], ['GET', 'd'], ['BITOP', 'NOT', 'd', 'a'], ['GET', 'd'], ['BITOP', 'and', 'd', 'a'], ['GET', 'd'], ['OBJECT', 'ENCODING', 'd'],
  ] },
  { name: 'different lengths and missing keys', steps: [
    ['SET', 'a', bin(0xff, 0x0f)], ['SET', 'b', bin(0xf0)], ['BITOP', 'AND', 'd', 'a', 'b'], ['GET', 'd'], ['BITOP', 'OR', 'd', 'a', 'b', 'nope'], ['GET', 'd'],
    ['BITOP', 'XOR', 'd', 'b', 'a'], ['GET', 'd'], ['BITOP', 'AND', 'd', 'nope', 'a'], ['GET', 'd'], ['BITOP', 'NOT', 'd', 'nope'], ['EXISTS', 'd'],
    ['SET', 'd', 'x'], ['BITOP', 'OR', 'd', 'nope', 'nope2'], ['EXISTS', 'd'], ['BITOP', 'OR', 'd', 'nope'], ['SET', 'e', ''], ['BITOP', 'OR', 'd', 'e'], ['EXISTS', 'd'],
  ] },
  { name: 'long inputs and in-place targets', steps: [
    ['SET', 'a', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ'], ['SET', 'b', 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvutsrqponmlkjihgfedcba'],
    ['BITOP', 'AND', 'a', 'a', 'b'], ['GET', 'a'], ['BITOP', 'XOR', 'b', 'b', 'b', 'a'], ['GET', 'b'], ['BITOP', 'NOT', 'b', 'b'], ['GET', 'b'],
  ] },
  { name: 'the result replaces the target and its TTL', steps: [
    ['SET', 't', 'v', 'EX', '100'], ['SET', 'a', 'x'], ['BITOP', 'OR', 't', 'a'], ['TTL', 't'], ['LPUSH', 'l', 'x'], ['BITOP', 'OR', 'l', 'a'], ['TYPE', 'l'],
    ['SET', 'i', '123'], ['BITOP', 'NOT', 'n', 'i'], ['GET', 'n'],
  ] },
  { name: 'errors', steps: [
    ['SET', 'a', 'x'], ['BITOP', 'NOT', 'd', 'a', 'a'], ['BITOP', 'FOO', 'd', 'a'], ['BITOP', 'AND', 'd'], ['LPUSH', 'l', 'x'], ['BITOP', 'AND', 'd', 'a', 'l'],
    ['BITOP', 'NOT', 'd', 'l'], ['EXISTS', 'd'], ['BITOP', 'FOO', 'd', 'l'], ['BITOP', 'DIFF', 'd', 'a', 'a'], ['BITOP', 'ONE', 'd', 'a'], ['BITOP', Buffer.from('OR\0x'), 'd', 'a'],
  ] },
]);
