import { runDumpRoundTrips, type DumpCase } from '@fakeredis/tooling/conformance';
import { FakeServer, serverProfile } from '@fakeredis/core';
import { mixins, options } from './server.js';

const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const read = [['ZRANGE', '$', '0', '-1', 'WITHSCORES'], ['ZCARD', '$']];
const pairs = (n: number, score: (i: number) => string, member: (i: number) => string): string[] => many(n, (i) => [score(i), member(i)]).flat() as unknown as string[];

const cases: DumpCase[] = [
  { name: 'a listpack: integer, fractional, huge and infinite scores', setup: [['ZADD', 'z', '1', 'a', '2.5', 'b', '-3', 'c', '0', 'd', '1e300', 'e', '-inf', 'f', '+inf', 'g', '4611686018427387904', 'h', '0.1', 'i', '123456789012', 'j']], keys: ['z'], read },
  { name: 'a listpack with -0 and integer members', setup: [['ZADD', 'z', '-0', 'a', '5', '12', '6', '-7']], keys: ['z'], read },
  { name: 'a skiplist by count', setup: [['ZADD', 'z', ...pairs(200, (i) => String(i * 1.5 - 40), (i) => `member:${i}`)]], keys: ['z'], read },
  { name: 'a skiplist by member length', setup: [['ZADD', 'z', '1', 'x'.repeat(100), '2', 'short', '-0', 'zero']], keys: ['z'], read },
  { name: 'equal scores, binary members', setup: [['ZADD', 'z', '1', 'b', '1', 'a', '1', Buffer.from([0, 255]) as unknown as string]], keys: ['z'], read },
  { name: 'a skiplist restored where it fits a listpack', setup: [['ZADD', 'z', '1', 'x'.repeat(100), '2', 'a', '3', 'b'], ['ZREM', 'z', 'x'.repeat(100)]], keys: ['z'], read },
];

runDumpRoundTrips('sorted sets', options.createServer, cases);

// Redis 7.2 writes listpack scores in the shortest form (0.1, not 0.10000000000000001).
runDumpRoundTrips('sorted sets 7.2', (config) => new FakeServer({ mixins, config, profile: serverProfile('redis', '7.2') }), [
  { name: 'a listpack with fractional scores', setup: [['ZADD', 'z', '0.1', 'a', '2.5', 'b', '1e300', 'c', '-3', 'd', '3.3333333333333335', 'e']], keys: ['z'], read },
  { name: 'a skiplist', setup: [['ZADD', 'z', ...pairs(200, (i) => String(i / 7), (i) => `member:${i}`)]], keys: ['z'], read },
], 'FAKEREDIS_REDIS_7_2');
