import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options, optionsWith } from './server.js';

runScenarios('bitmaps: BITFIELD', options, [
  { name: 'GET, SET, INCRBY', steps: [
    ['BITFIELD', 'k', 'SET', 'i8', '0', '100', 'GET', 'u4', '0', 'GET', 'i4', '4'], ['GET', 'k'], ['BITFIELD', 'k', 'INCRBY', 'i5', '100', '1', 'GET', 'u4', '0'],
    ['BITFIELD', 'k', 'SET', 'u8', '#1', '255', 'GET', 'u8', '8', 'GET', 'i8', '#1'], ['BITFIELD', 'k', 'get', 'u16', '0', 'set', 'i16', '#2', '-2', 'incrby', 'u3', '5', '10'],
    ['GET', 'k'], ['STRLEN', 'k'],
  ] },
  { name: 'widths from 1 to 64 bits, unaligned', steps: [
    ['SET', 'k', bin(0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd)],
    ['BITFIELD', 'k', 'GET', 'u1', '0', 'GET', 'i1', '0', 'GET', 'u63', '3', 'GET', 'i64', '5', 'GET', 'i64', '0', 'GET', 'u63', '0', 'GET', 'i13', '17', 'GET', 'u32', '#2'],
    ['BITFIELD', 'k', 'SET', 'i64', '3', '-9223372036854775808', 'GET', 'i64', '3', 'SET', 'u63', '1', '9223372036854775807', 'GET', 'u63', '1', 'GET', 'i64', '0'],
    ['BITFIELD', 'k', 'GET', 'u8', '80', 'GET', 'i16', '84', 'GET', 'u32', '1000'], ['GET', 'k'],
  ] },
  { name: 'overflow WRAP (default), SAT, FAIL', steps: [
    ['BITFIELD', 'k', 'SET', 'u8', '0', '250', 'INCRBY', 'u8', '0', '10', 'OVERFLOW', 'SAT', 'INCRBY', 'u8', '0', '300', 'INCRBY', 'u8', '0', '-1000'],
    ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '256', 'INCRBY', 'u8', '0', '-1', 'INCRBY', 'u8', '0', '5', 'GET', 'u8', '0'],
    ['BITFIELD', 'k', 'SET', 'i8', '8', '127', 'INCRBY', 'i8', '8', '1', 'OVERFLOW', 'SAT', 'INCRBY', 'i8', '8', '-300', 'INCRBY', 'i8', '8', '500', 'OVERFLOW', 'WRAP', 'INCRBY', 'i8', '8', '1'],
    ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'SET', 'i8', '8', '200', 'SET', 'u8', '8', '-1', 'SET', 'u8', '8', '256', 'GET', 'i8', '8'],
    ['BITFIELD', 'k', 'SET', 'i8', '8', '200', 'GET', 'i8', '8', 'SET', 'u4', '16', '-1', 'GET', 'u4', '16', 'OVERFLOW', 'SAT', 'SET', 'i4', '20', '-100', 'GET', 'i4', '20', 'SET', 'u2', '24', '9', 'GET', 'u2', '24'],
    ['BITFIELD', 'k', 'overflow', 'sat', 'set', 'u8', '0', '-5', 'get', 'u8', '0'],
  ] },
  { name: '64-bit signed limits', steps: [
    ['BITFIELD', 'k', 'SET', 'i64', '0', '9223372036854775807', 'INCRBY', 'i64', '0', '1', 'OVERFLOW', 'SAT', 'INCRBY', 'i64', '0', '-9223372036854775808', 'INCRBY', 'i64', '0', '-1'],
    ['BITFIELD', 'k', 'OVERFLOW', 'SAT', 'SET', 'i64', '0', '-9223372036854775808', 'INCRBY', 'i64', '0', '-1', 'OVERFLOW', 'WRAP', 'INCRBY', 'i64', '0', '-1', 'OVERFLOW', 'FAIL', 'INCRBY', 'i64', '0', '9223372036854775807', 'INCRBY', 'i64', '0', '1'],
    ['BITFIELD', 'k', 'SET', 'i63', '1', '4611686018427387903', 'INCRBY', 'i63', '1', '4611686018427387904', 'OVERFLOW', 'SAT', 'INCRBY', 'i63', '1', '9223372036854775807', 'INCRBY', 'i63', '1', '-9223372036854775808'],
    ['BITFIELD', 'k', 'SET', 'u63', '0', '9223372036854775807', 'INCRBY', 'u63', '0', '1', 'OVERFLOW', 'SAT', 'INCRBY', 'u63', '0', '-9223372036854775808', 'INCRBY', 'u63', '0', '9223372036854775807'],
    ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'INCRBY', 'u63', '0', '9223372036854775807', 'INCRBY', 'u1', '0', '2', 'INCRBY', 'i1', '0', '-1', 'INCRBY', 'i1', '0', '-1', 'GET', 'i1', '0'],
  ] },
  { name: 'errors', steps: [
    ['BITFIELD', 'k', 'GET', 'u64', '0'], ['BITFIELD', 'k', 'GET', 'i65', '0'], ['BITFIELD', 'k', 'GET', 'i0', '0'], ['BITFIELD', 'k', 'GET', 'x8', '0'],
    ['BITFIELD', 'k', 'GET', 'I8', '0'], ['BITFIELD', 'k', 'GET', 'u', '0'], ['BITFIELD', 'k', 'GET', 'u-1', '0'], ['BITFIELD', 'k', 'GET', 'u08', '0'],
    ['BITFIELD', 'k', 'GET', 'u8', '-1'], ['BITFIELD', 'k', 'GET', 'u8', '#-1'], ['BITFIELD', 'k', 'GET', 'u8', '4294967296'], ['BITFIELD', 'k', 'GET', 'u8', '#536870912'],
    ['BITFIELD', 'k', 'GET', 'u8', '#'], ['BITFIELD', 'k', 'GET', 'u8', '##1'], ['BITFIELD', 'k', 'GET', 'u8', 'x'], ['BITFIELD', 'k', 'SET', 'u8', '0'],
    ['BITFIELD', 'k', 'SET', 'u8', '0', 'x'], ['BITFIELD', 'k', 'INCRBY', 'u8', '0', '1.5'], ['BITFIELD', 'k', 'GET', 'u8'], ['BITFIELD', 'k', 'FOO', 'u8', '0'],
    ['BITFIELD', 'k', 'OVERFLOW', 'FOO', 'GET', 'u8', '0'], ['BITFIELD', 'k', 'OVERFLOW'], ['BITFIELD', 'k', 'GET', 'u8', '0', 'GET'], ['EXISTS', 'k'],
    ['BITFIELD', 'k', 'SET', 'u8', '0', '1', 'GET', 'u99', '0'], ['EXISTS', 'k'], ['BITFIELD', 'k', 'GET', 'u8', '#9223372036854775807'],
    ['BITFIELD', 'k', 'GET', 'i64', '#1152921504606846976'], ['BITFIELD', 'k', 'GET', Buffer.from('u8\0x'), '0'],
  ] },
  { name: 'no operations, missing keys, other types', steps: [
    ['BITFIELD', 'k'], ['BITFIELD', 'k', 'OVERFLOW', 'SAT'], ['BITFIELD', 'k', 'GET', 'u8', '0'], ['EXISTS', 'k'], ['LPUSH', 'l', 'a'],
    ['BITFIELD', 'l', 'GET', 'u8', '0'], ['BITFIELD', 'l', 'SET', 'u8', '0', '1'], ['BITFIELD', 'l'], ['BITFIELD', 'l', 'GET', 'u99', '0'],
  ] },
  { name: 'writes create and grow the string; FAIL still creates it', steps: [
    ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'SET', 'u8', '16', '256'], ['EXISTS', 'k'], ['GET', 'k'], ['BITFIELD', 'k', 'SET', 'u8', '100', '0'], ['STRLEN', 'k'],
    ['SET', 'i', '42'], ['BITFIELD', 'i', 'GET', 'u8', '0', 'SET', 'u8', '0', '57'], ['GET', 'i'], ['OBJECT', 'ENCODING', 'i'],
    ['SET', 't', 'v', 'EX', '100'], ['BITFIELD', 't', 'INCRBY', 'u8', '0', '1'], ['TTL', 't'],
  ] },
  { name: 'BITFIELD_RO', steps: [
    ['BITFIELD', 'k', 'SET', 'u8', '0', '200'], ['BITFIELD_RO', 'k', 'GET', 'u8', '0', 'GET', 'i8', '0'], ['BITFIELD_RO', 'k', 'SET', 'u8', '0', '1'],
    ['BITFIELD_RO', 'k', 'INCRBY', 'u8', '0', '1'], ['BITFIELD_RO', 'k', 'GET', 'u8', '0', 'SET', 'x', '0', '1'], ['BITFIELD_RO', 'k', 'OVERFLOW', 'FAIL'],
    ['BITFIELD_RO', 'k'], ['BITFIELD_RO', 'nope', 'GET', 'u8', '0'], ['BITFIELD_RO', 'nope', 'SET', 'u8', '0', '1'], ['EXISTS', 'nope'], ['LPUSH', 'l', 'a'],
    ['BITFIELD_RO', 'l', 'GET', 'u8', '0'], ['BITFIELD_RO', 'l', 'SET', 'u8', '0', '1'], ['BITFIELD_RO', 'k', 'FOO'],
  ] },
]);

runScenarios('bitmaps: BITFIELD big offsets', optionsWith({ 'proto-max-bulk-len': '1mb' }), [
  { name: 'offsets are limited by proto-max-bulk-len', steps: [
    ['BITFIELD', 'k', 'SET', 'u8', '8388600', '255'], ['STRLEN', 'k'], ['BITFIELD', 'k', 'SET', 'u8', '8388607', '255'], ['STRLEN', 'k'],
    ['BITFIELD', 'k', 'GET', 'u8', '8388608'], ['BITFIELD', 'k', 'GET', 'i64', '#131071'], ['BITFIELD', 'k', 'GET', 'i64', '#131072'],
  ] },
]);
