import { runDumpRoundTrips, type DumpCase } from '@fakeredis/tooling/conformance';
import { FakeServer, serverProfile } from '@fakeredis/core';
import { mixins, options } from './server.js';

const many = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
const read = [['SORT', '$', 'ALPHA'], ['SCARD', '$']];

const cases: DumpCase[] = [
  { name: 'an intset of 16-bit integers', setup: [['SADD', 's', '3', '-1', '200', '0']], keys: ['s'], read },
  { name: 'an intset of 32- and 64-bit integers', setup: [['SADD', 's', '70000', '-5'], ['SADD', 't', '9223372036854775807', '1', '-9223372036854775808']], keys: ['s', 't'], read },
  { name: 'an intset keeps its width after the wide member goes', setup: [['SADD', 's', '1', '2', '5000000000'], ['SREM', 's', '5000000000']], keys: ['s'], read },
  { name: 'a hashtable of strings', setup: [['SADD', 's', 'a', 'b', 'c', '1', 'hello world']], keys: ['s'], read, sameBytes: false },
  { name: 'a large hashtable', setup: [['SADD', 's', ...many(1000, (i) => `m${i}`)]], keys: ['s'], read, sameBytes: false },
  { name: 'integers past set-max-intset-entries', setup: [['SADD', 's', ...many(600, String)]], keys: ['s'], read, sameBytes: false },
  { name: 'a hashtable of integers restores as an intset', setup: [['SADD', 's', 'x', '1', '2', '3'], ['SREM', 's', 'x']], keys: ['s'], read, sameBytes: false },
];

runDumpRoundTrips('sets', options.createServer, cases);

// Redis 7.2: small sets of strings are listpacks (RDB_TYPE_SET_LISTPACK).
runDumpRoundTrips('sets 7.2', (config) => new FakeServer({ mixins, config, profile: serverProfile('redis', '7.2') }), [
  { name: 'a listpack set', setup: [['SADD', 's', 'a', 'b', '1', 'hello']], keys: ['s'], read },
  { name: 'an intset turned listpack', setup: [['SADD', 's', '1', '2', '3'], ['SADD', 's', 'x']], keys: ['s'], read },
  { name: 'an intset', setup: [['SADD', 's', '5', '-70000']], keys: ['s'], read },
  { name: 'a hashtable', setup: [['SADD', 's', ...many(200, (i) => `m${i}`)]], keys: ['s'], read, sameBytes: false },
], 'FAKEREDIS_REDIS_7_2');
