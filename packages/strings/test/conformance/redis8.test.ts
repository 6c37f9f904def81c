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
