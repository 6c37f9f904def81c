import { FakeServer, serverProfile } from '@fakeredis/core';
import { runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { bin, mixins } from './server.js';

// Redis 8.x additions to the string family, compared with a Redis 8.6 reference binary
// (FAKEREDIS_REDIS_8_6); skipped without it. 7.x answers these as before (unit/versions.test.ts).
const redis86 = { createServer: (config: Record<string, string>) => new FakeServer({ mixins, config, profile: serverProfile('redis', '8.6') }) };

runReferenceScenarios('FAKEREDIS_REDIS_8_6', 'redis 8.x: BITOP DIFF, DIFF1, ANDOR, ONE', redis86, [
  { name: 'results', steps: [
    ['SET', 'a', bin(0xf0, 0x0f, 0xaa)], ['SET', 'b', bin(0x3c)], ['SET', 'c', bin(0xff, 0x00, 0x01, 0x80)],
    ['BITOP', 'DIFF', 'd', 'a', 'b', 'c'], ['GET', 'd'], ['BITOP', 'DIFF1', 'd', 'a', 'b', 'c'], ['GET', 'd'],
    ['BITOP', 'ANDOR', 'd', 'a', 'b', 'c'], ['GET', 'd'], ['BITOP', 'ONE', 'd', 'a', 'b', 'c'], ['GET', 'd'],
    ['BITOP', 'ONE', 'd', 'a'], ['GET', 'd'], ['BITOP', 'ONE', 'd', 'a', 'a'], ['GET', 'd'], ['BITOP', 'one', 'd', 'a', 'b', 'c', 'a'], ['GET', 'd'],
    ['BITOP', 'diff', 'd', 'a', 'nope'], ['GET', 'd'], ['BITOP', 'DIFF1', 'd', 'nope', 'a'], ['GET', 'd'], ['BITOP', 'ANDOR', 'd', 'nope', 'a'], ['GET', 'd'],
    ['OBJECT', 'ENCODING', 'd'], ['BITOP', 'DIFF', 'd', 'nope', 'nope2'], ['EXISTS', 'd'],
  ] },
  { name: 'long strings', steps: [
    ['SET', 'a', 'the quick brown fox jumps over the lazy dog, twice over'], ['SET', 'b', 'pack my box with five dozen liquor jugs, please'],
    ['SET', 'c', 'sphinx of black quartz, judge my vow!'],
    ['BITOP', 'DIFF', 'd', 'a', 'b', 'c'], ['GET', 'd'], ['BITOP', 'DIFF1', 'd', 'a', 'b', 'c'], ['GET', 'd'],
    ['BITOP', 'ANDOR', 'd', 'a', 'b', 'c'], ['GET', 'd'], ['BITOP', 'ONE', 'd', 'a', 'b', 'c'], ['GET', 'd'], ['BITOP', 'ONE', 'd', 'c', 'b', 'a'], ['GET', 'd'],
  ] },
  { name: 'errors', steps: [
    ['SET', 'a', 'x'], ['BITOP', 'DIFF', 'd', 'a'], ['BITOP', 'diff1', 'd', 'a'], ['BITOP', 'Andor', 'd', 'a'], ['BITOP', 'ONE', 'd'],
    ['BITOP', 'DIFF', 'd'], ['BITOP', 'DIFF2', 'd', 'a', 'a'], ['BITOP', bin(0x64, 0x69, 0x66, 0x66, 0, 0x78), 'd', 'a'],
    ['LPUSH', 'l', 'x'], ['BITOP', 'DIFF', 'd', 'a', 'l'], ['BITOP', 'ONE', 'd', 'l'], ['BITOP', 'ANDOR', 'l', 'a', 'a'], ['TYPE', 'l'], ['EXISTS', 'd'],
  ] },
]);

runReferenceScenarios('FAKEREDIS_REDIS_8_6', 'redis 8.x: DIGEST and DELEX', redis86, [
  { name: 'DIGEST', steps: [
    ['SET', 'k', 'hello'], ['DIGEST', 'k'], ['DIGEST', 'nope'], ['SET', 'e', ''], ['DIGEST', 'e'], ['SET', 'i', '123'], ['INCR', 'i'], ['DIGEST', 'i'],
    ['SET', 's', '124'], ['DIGEST', 's'], ['SETRANGE', 's', '10', 'x'], ['DIGEST', 's'], ['SET', 'b', bin(0, 255, 10, 13)], ['DIGEST', 'b'],
    ['SET', 'f', '1.5'], ['INCRBYFLOAT', 'f', '1'], ['DIGEST', 'f'], ['SETBIT', 'bits', '1000', '1'], ['DIGEST', 'bits'], ['PFADD', 'h', 'a', 'b'], ['DIGEST', 'h'],
    ['LPUSH', 'l', 'a'], ['DIGEST', 'l'], ['DIGEST'], ['DIGEST', 'a', 'b'],
  ] },
  { name: 'DELEX conditions', steps: [
    ['SET', 'k', 'hello'], ['DELEX', 'k', 'IFEQ', 'x'], ['DELEX', 'k', 'ifne', 'hello'], ['DELEX', 'k', 'IFDEQ', '0123456789abcdef'], ['DIGEST', 'k'],
    ['DELEX', 'k', 'IFDNE', '9555e8555c62dcfd'], ['DELEX', 'k', 'IFDNE', '9555E8555C62DCFD'], ['DELEX', 'k', 'IFDEQ', '9555E8555C62DCFD'], ['EXISTS', 'k'],
    ['SET', 'k', 'hello'], ['DELEX', 'k', 'IFEQ', 'hello'], ['SET', 'k', 'hello'], ['DELEX', 'k', 'IFNE', 'x'], ['SET', 'k', 'hello'], ['DELEX', 'k', 'IFDNE', '0000000000000000'],
    ['SET', 'k', '5'], ['DELEX', 'k', 'IFEQ', '5'], ['SET', 'k', 'hello'], ['DELEX', 'k', 'IFDEQ', bin(0x39, 0x35, 0x35, 0x35, 0x65, 0x38, 0x35, 0x35, 0x35, 0x63, 0x36, 0x32, 0x64, 0x63, 0x66, 0x64)],
    ['SET', 'k', 'v'], ['DELEX', 'k'], ['DELEX', 'k'], ['LPUSH', 'l', 'a'], ['DELEX', 'l'], ['EXISTS', 'l'],
  ] },
  { name: 'DELEX errors', steps: [
    ['DELEX'], ['DELEX', 'k', 'IFEQ'], ['DELEX', 'k', 'IFEQ', 'a', 'b'], ['DELEX', 'nope', 'IFEQ', 'a'], ['DELEX', 'nope', 'FOO', 'a'], ['DELEX', 'nope', 'IFDEQ', '1'],
    ['LPUSH', 'l', 'a'], ['DELEX', 'l', 'IFEQ', 'a'], ['DELEX', 'l', 'FOO', 'a'], ['SET', 'k', 'v'], ['DELEX', 'k', 'FOO', 'a'], ['DELEX', 'k', 'IFDEQ', 'abc'],
    ['DELEX', 'k', 'IFDNE', '0000000000000000x'], ['DELEX', 'k', bin(0x69, 0x66, 0x65, 0x71, 0, 0x78), 'v'], ['EXISTS', 'k', 'l'],
  ] },
]);

runReferenceScenarios('FAKEREDIS_REDIS_8_6', 'redis 8.x: SET IFEQ, IFNE, IFDEQ, IFDNE', redis86, [
  { name: 'conditions', steps: [
    ['SET', 'k', 'v', 'IFEQ', 'x'], ['SET', 'k', 'v', 'IFNE', 'x'], ['GET', 'k'], ['SET', 'k', 'w', 'IFNE', 'v'], ['SET', 'k', 'w', 'ifne', 'x'], ['GET', 'k'],
    ['SET', 'k', 'z', 'IFEQ', 'w', 'GET'], ['SET', 'k', 'y', 'GET', 'IFEQ', 'nope'], ['GET', 'k'], ['SET', 'nope', 'a', 'IFDEQ', '1'], ['SET', 'nope', 'a', 'IFDNE', '1'],
    ['GET', 'nope'], ['SET', 'n2', 'v', 'IFDNE', '123', 'GET'], ['SET', 'n3', 'v', 'IFNE', '123', 'GET'], ['SET', 'n4', 'v', 'IFEQ', '123', 'GET'], ['EXISTS', 'n4'],
    ['DIGEST', 'k'], ['SET', 'k', 'b', 'IFDEQ', '3E94FD4E5BEE5B40'], ['SET', 'k', 'b', 'IFDEQ', 'ae94fd4e5bee5b40'], ['GET', 'k'], ['DIGEST', 'k'],
    ['SET', 'k', 'c', 'IFDNE', '0000000000000000', 'GET'], ['SET', 'k', 'd', 'IFDNE', '0000000000000000', 'GET'], ['SET', 'k', 'e', 'IFDNE', 'e73ef4b5830bb6d2'],
    ['SET', 'i', '10'], ['SET', 'i', '11', 'IFEQ', '10'], ['INCR', 'i'], ['SET', 'i', 'x', 'IFEQ', '12'], ['GET', 'i'],
  ] },
  { name: 'with expiry and other options', steps: [
    ['SET', 'k', 'a'], ['SET', 'k', 'q', 'IFEQ', 'b', 'EX', '100'], ['TTL', 'k'], ['SET', 'k', 'q', 'IFEQ', 'a', 'EX', '100'], ['TTL', 'k'],
    ['SET', 'k', 'r', 'IFNE', 'zz', 'KEEPTTL', 'GET'], ['TTL', 'k'], ['SET', 'k', 's', 'IFEQ', 'r'], ['TTL', 'k'], ['SET', 'k', 't', 'IFEQ', 's', 'XX'], ['GET', 'k'],
    ['SET', 'k', 'u', 'IFEQ', 't', 'NX'], ['SET', 'k', 'u', 'IFEQ', 't', 'IFEQ', 't'], ['GET', 'k'], ['SET', 'k', 'v', 'IFEQ', 'u', 'PXAT', '1'], ['EXISTS', 'k'],
  ] },
  { name: 'errors', steps: [
    ['SET', 'k', 'a'], ['SET', 'k', 'b', 'NX', 'IFEQ', 'a'], ['SET', 'k', 'b', 'XX', 'IFNE', 'a'], ['SET', 'k', 'b', 'IFEQ', 'a', 'IFNE', 'a'], ['SET', 'k', 'b', 'IFDEQ', 'a', 'IFDNE', 'a'],
    ['SET', 'k', 'b', 'IFEQ'], ['SET', 'k', 'b', 'GET', 'IFNE'], ['SET', 'k', 'b', 'IFDEQ', '1'], ['SET', 'k', 'b', 'IFDNE', '00000000000000000'], ['SET', 'k', 'b', 'IFEQ', 'a', 'EX', '-1'],
    ['SET', 'k', 'b', 'IFEQ', 'a', 'EX', 'x'], ['SET', 'k', 'b', 'IFFY', 'a'], ['GET', 'k'], ['LPUSH', 'l', 'x'], ['SET', 'l', 'a', 'IFEQ', 'x'], ['SET', 'l', 'a', 'IFNE', 'x', 'GET'],
    ['SET', 'l', 'a', 'IFDEQ', '1'], ['SET', 'l', 'a', 'IFEQ', 'x', 'NX'], ['SET', 'l', 'a', 'IFDNE', '0000000000000000'], ['TYPE', 'l'],
  ] },
]);

runReferenceScenarios('FAKEREDIS_REDIS_8_6', 'redis 8.x: MSETEX', redis86, [
  { name: 'sets and conditions', steps: [
    ['MSETEX', '2', 'a', '1', 'b', '2', 'EX', '100'], ['TTL', 'a'], ['TTL', 'b'], ['MGET', 'a', 'b'], ['MSETEX', '2', 'a', '1', 'c', '2', 'NX'], ['EXISTS', 'c'],
    ['MSETEX', '2', 'a', '1', 'c', '2', 'XX'], ['MSETEX', '1', 'a', '5', 'KEEPTTL'], ['TTL', 'a'], ['MSETEX', '1', 'a', '6'], ['TTL', 'a'], ['MSETEX', '2', 'a', 'x', 'a', 'y'],
    ['GET', 'a'], ['MSETEX', '2', 'n1', 'v', 'n2', 'w', 'nx', 'px', '100000'], ['PTTL', 'n1'], ['MSETEX', '1', 'n1', 'z', 'xx', 'EX', '10', 'ex', '20'], ['TTL', 'n1'],
    ['MSETEX', '1', 'e', 'v', 'EXAT', '99999999999'], ['EXPIRETIME', 'e'], ['MSETEX', '1', 'e', 'v', 'PXAT', '99999999999999'], ['PEXPIRETIME', 'e'],
    ['LPUSH', 'l', 'x'], ['MSETEX', '1', 'l', 'v', 'XX'], ['TYPE', 'l'], ['MSETEX', '1', 'i', '123'], ['OBJECT', 'ENCODING', 'i'],
  ] },
  { name: 'errors', steps: [
    ['MSETEX', '0', 'k', 'v'], ['MSETEX', 'x', 'k', 'v'], ['MSETEX', '-1', 'k', 'v'], ['MSETEX', '2147483648', 'k', 'v'], ['MSETEX', '2', 'k', 'v'],
    ['MSETEX', '1', 'k'], ['MSETEX', '1', 'k', 'v', 'GET'], ['MSETEX', '1', 'k', 'v', 'NX', 'XX'], ['MSETEX', '1', 'k', 'v', 'IFEQ', 'a'], ['MSETEX', '1', 'k', 'v', 'PERSIST'],
    ['MSETEX', '1', 'k', 'v', 'EX', '0'], ['MSETEX', '1', 'k', 'v', 'EX', 'x'], ['MSETEX', '1', 'k', 'v', 'KEEPTTL', 'EX', '10'], ['MSETEX', '1', 'a', '1', 'a'],
    ['MSETEX', '2147483647', 'k', 'v'], ['MSETEX', '1', 'k', 'v', 'EX'], ['MSETEX', '1', 'k', 'v', 'PXAT', '9223372036854775808'], ['EXISTS', 'k', 'a'],
  ] },
]);
