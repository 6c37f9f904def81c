import { runDumpRoundTrips, type DumpCase } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

const many = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
const read = [['SORT', '$', 'BY', 'nosort', 'ALPHA'], ['HLEN', '$'], ['HGET', '$', 'f1'], ['HGET', '$', 'n']];
const sortedPairs = [['HKEYS', '$'], ['HVALS', '$']];

const cases: DumpCase[] = [
  { name: 'a listpack hash', setup: [['HSET', 'h', 'f1', 'v1', 'n', '12', 'neg', '-7000', 'empty', '', 'big', '123456789012345']], keys: ['h'], read: [...read, ...sortedPairs] },
  { name: 'a listpack hash after deletes and updates', setup: [['HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'f1', 'x'], ['HDEL', 'h', 'b'], ['HSET', 'h', 'a', 'changed', 'd', '4']], keys: ['h'], read: [...read, ...sortedPairs] },
  { name: 'a hashtable by field count', setup: [['HSET', 'h', ...many(300, (i) => [`f${i}`, `v${i}`]).flat()]], keys: ['h'], read: [['HLEN', '$'], ['HGET', '$', 'f1'], ['HGET', '$', 'f299']], sameBytes: false },
  { name: 'a hashtable by value length', setup: [['HSET', 'h', 'f1', 'x'.repeat(100), 'n', '5']], keys: ['h'], read, sameBytes: false },
  { name: 'a hashtable that fits a listpack again on load', setup: [['HSET', 'h', 'f1', 'x'.repeat(100), 'n', '5'], ['HSET', 'h', 'f1', 'short']], keys: ['h'], read, sameBytes: false },
];

runDumpRoundTrips('hashes', options.createServer, cases);
