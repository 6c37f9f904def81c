import { runDumpRoundTrips, type DumpCase } from '@fakeredis/tooling/conformance';
import { FakeServer, serverProfile } from '@fakeredis/core';
import { mixins, options } from './server.js';

const many = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));
const read = [['LRANGE', '$', '0', '-1'], ['LLEN', '$']];

const cases: DumpCase[] = [
  { name: 'a small list: strings and integers of every listpack width', setup: [['RPUSH', 'l', 'a', '0', '127', '128', '-1', '-4096', '4095', '40000', '-8000000', '2000000000', '-9223372036854775808', '007', '']], keys: ['l'], read },
  { name: 'strings of 6-, 12- and 32-bit lengths', setup: [['RPUSH', 'l', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(4095), 'w'.repeat(5000)]], keys: ['l'], read },
  { name: 'many quicklist nodes', setup: [['RPUSH', 'l', ...many(2000, (i) => `element-${i}`)]], keys: ['l'], read },
  { name: 'nodes after LINSERT splits and LREM', setup: [['RPUSH', 'l', ...many(300, (i) => `v${i % 7}-${'p'.repeat(i % 40)}`)], ['LINSERT', 'l', 'BEFORE', 'v3-ppp', 'x'.repeat(3000)], ['LREM', 'l', '5', 'v1-p'], ['LPUSH', 'l', 'head']], keys: ['l'], read },
  { name: 'list-max-listpack-size by count', config: { 'list-max-listpack-size': '3' }, setup: [['RPUSH', 'l', ...many(10, String)]], keys: ['l'], read },
  { name: 'list-compress-depth 1', config: { 'list-compress-depth': '1' }, setup: [['RPUSH', 'l', ...many(3000, (i) => `compressible-element-${i % 10}`)]], keys: ['l'], read },
  { name: 'binary elements', setup: [['RPUSH', 'l', Buffer.from([0, 255, 1]) as unknown as string, '\r\n']], keys: ['l'], read },
];

runDumpRoundTrips('lists', options.createServer, cases);

// Redis 7.2: small lists are listpacks, saved as a quicklist of one node; a load of one
// small node gives a listpack again.
const v72 = (config: Record<string, string>) => new FakeServer({ mixins, config, profile: serverProfile('redis', '7.2') });
runDumpRoundTrips('lists 7.2', v72, [
  { name: 'a listpack list', setup: [['RPUSH', 'l', 'a', '1', '-5', 'hello']], keys: ['l'], read },
  { name: 'a quicklist of many nodes', setup: [['RPUSH', 'l', ...many(2000, (i) => `element-${i}`)]], keys: ['l'], read },
  { name: 'a quicklist shrunk to one node', setup: [['RPUSH', 'l', ...many(200, (i) => `element-${i}`)], ['LTRIM', 'l', '0', '9']], keys: ['l'], read },
], 'FAKEREDIS_REDIS_7_2');
