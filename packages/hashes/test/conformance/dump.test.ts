import { runDumpRoundTrips, type DumpCase } from '@fakeredis/tooling/conformance';
import { FakeServer, serverProfile } from '@fakeredis/core';
import { mixins, options } from './server.js';

const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
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

// Redis 7.4: field TTLs (RDB_TYPE_HASH_LISTPACK_EX, RDB_TYPE_HASH_METADATA), at fixed
// absolute times so that the bytes can be compared.
const ttls = [['HPEXPIRETIME', '$', 'FIELDS', '3', 'f1', 'n', 'x']];
runDumpRoundTrips('hashes 7.4', (config) => new FakeServer({ mixins, config, profile: serverProfile('redis', '7.4') }), [
  { name: 'a listpack hash', setup: [['HSET', 'h', 'f1', 'v1', 'n', '12']], keys: ['h'], read: [...read, ...sortedPairs] },
  {
    name: 'a listpackex: fields with TTLs first, by time',
    setup: [['HSET', 'h', 'f1', 'v1', 'n', '12', 'x', 'y', 'z', 'w'], ['HPEXPIREAT', 'h', '4102444800000', 'FIELDS', '1', 'x'], ['HPEXPIREAT', 'h', '4102444700000', 'FIELDS', '2', 'n', 'z']],
    keys: ['h'],
    read: [...read, ...sortedPairs, ...ttls],
  },
  {
    name: 'a hashtable with TTLs (metadata)',
    setup: [['HSET', 'h', ...many(200, (i) => [`f${i}`, `v${i}`]).flat(), 'n', '1', 'x', '2'], ['HPEXPIREAT', 'h', '4102444800000', 'FIELDS', '2', 'f1', 'x']],
    keys: ['h'],
    read: [['HLEN', '$'], ['HGET', '$', 'f1'], ...ttls],
    sameBytes: false,
  },
], 'FAKEREDIS_REDIS_7_4');
