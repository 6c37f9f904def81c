import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

// OBJECT ENCODING shows which representation Redis picked; values keep Redis's choice.
runScenarios('strings: encodings', options, [
  { name: 'SET picks int, embstr or raw', steps: [
    ['SET', 'a', '123'], ['SET', 'b', '-9223372036854775808'], ['SET', 'c', '9223372036854775808'], ['SET', 'd', '0123'], ['SET', 'e', 'x'.repeat(44)],
    ['SET', 'f', 'x'.repeat(45)], ['SET', 'g', ''], ['SET', 'h', '1.5'],
    ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((k) => ['OBJECT', 'ENCODING', k]),
  ] },
  { name: 'other writers', steps: [
    ['MSET', 'a', '1', 'b', 'xyz'], ['SETNX', 'c', '77'], ['GETSET', 'd', '88'], ['SETEX', 'e', '100', '99'], ['APPEND', 'f', '5'], ['APPEND', 'g', 'x'.repeat(50)],
    ['APPEND', 'a', '2'], ['SETRANGE', 'h', '0', '1'], ['SETBIT', 'i', '0', '1'], ['SET', 'j', 'x'], ['BITOP', 'OR', 'k', 'j'], ['INCR', 'l'], ['INCRBYFLOAT', 'm', '2'],
    ['INCRBYFLOAT', 'n', '2.5'], ['PFADD', 'o', 'x'], ['SET', 'p', '10'], ['SETRANGE', 'p', '0', ''], ['SET', 'q', '12'], ['GETEX', 'q', 'EX', '100'], ['GETDEL', 'q'],
    ...['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p'].map((k) => ['OBJECT', 'ENCODING', k]),
  ] },
  { name: 'bit writers make raw strings even when nothing changes', steps: [
    ['SET', 'a', 'a'], ['SETBIT', 'a', '1', '1'], ['OBJECT', 'ENCODING', 'a'], ['SET', 'b', '7'], ['BITFIELD', 'b', 'SET', 'u8', '0', '55'], ['OBJECT', 'ENCODING', 'b'],
    ['SET', 'c', '7'], ['BITFIELD', 'c', 'GET', 'u8', '0'], ['OBJECT', 'ENCODING', 'c'], ['SET', 'd', '7'], ['BITFIELD', 'd', 'OVERFLOW', 'FAIL', 'SET', 'u2', '0', '9'],
    ['OBJECT', 'ENCODING', 'd'], ['GETBIT', 'd', '0'], ['BITCOUNT', 'c'], ['OBJECT', 'ENCODING', 'c'],
  ] },
  { name: 'writes touch the key they replace (OBJECT IDLETIME)', steps: [
    ['MSET', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5'], { sleep: 1100 },
    ['SET', 'a', 'x'], ['MSET', 'b', 'y'], ['BITOP', 'OR', 'c', 'a'], ['INCRBYFLOAT', 'd', '1'], ['APPEND', 'e', 'z'],
    ...['a', 'b', 'c', 'd', 'e'].map((k) => ['OBJECT', 'IDLETIME', k]),
  ] },
]);
