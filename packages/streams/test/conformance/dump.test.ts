import { coreMixins, FakeServer, serverProfile } from '@fakeredis/core';
import { runDumpRoundTrips, type DumpCase } from '@fakeredis/tooling/conformance';
import { StreamCommands } from '../../src/index.js';

const many = (n: number, f: (i: number) => string[]): string[] => Array.from({ length: n }, (_, i) => f(i)).flat();
const read = [['XRANGE', '$', '-', '+'], ['XLEN', '$']];
const groups = [['XINFO', 'GROUPS', '$'], ['XPENDING', '$', 'g'], ['XPENDING', '$', 'a-group']];
const full = [['XINFO', 'STREAM', '$', 'FULL']];

const cases: DumpCase[] = [
  { name: 'one node, same fields and new fields, numbers as values', setup: [['XADD', 's', '1-1', 'a', '1', 'b', 'x'], ['XADD', 's', '1-2', 'a', '-300', 'b', 'y'], ['XADD', 's', '5-0', 'c', 'hello', '17', '18']], keys: ['s'], read: [...read, ...full] },
  { name: 'tombstones and trimming', setup: [['XADD', 's', '1-1', 'f', 'v'], ['XADD', 's', '2-1', 'f', 'v'], ['XADD', 's', '3-1', 'f', 'v'], ['XDEL', 's', '2-1'], ['XADD', 's', '4-0', 'g', 'w'], ['XTRIM', 's', 'MAXLEN', '3']], keys: ['s'], read: [...read, ...full] },
  { name: 'many nodes', setup: [['XADD', 's', '1-1', ...many(20, (i) => [`f${i}`, `value ${i}`])], ...Array.from({ length: 300 }, (_, i) => ['XADD', 's', `${i + 2}-0`, 'f', `v${i}`, 'n', String(i)])], keys: ['s'], read: [['XLEN', '$'], ['XRANGE', '$', '-', '+', 'COUNT', '5'], ['XREVRANGE', '$', '+', '-', 'COUNT', '5'], ...full] },
  {
    name: 'consumer groups, consumers and pending entries',
    setup: [
      ['XADD', 's', '1-0', 'a', '1'], ['XADD', 's', '2-0', 'a', '2'], ['XADD', 's', '3-0', 'a', '3'],
      ['XGROUP', 'CREATE', 's', 'g', '0'], ['XGROUP', 'CREATE', 's', 'empty', '$'], ['XGROUP', 'CREATE', 's', 'a-group', '1-0', 'ENTRIESREAD', '1'],
      ['XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '2', 'STREAMS', 's', '>'], ['XREADGROUP', 'GROUP', 'g', 'bob', 'STREAMS', 's', '>'],
      ['XACK', 's', 'g', '2-0'], ['XGROUP', 'CREATECONSUMER', 's', 'g', 'carol'],
    ],
    keys: ['s'],
    // Delivery and seen times are each server's clock: the structure is compared through
    // replies without times (the bytes were equal but for those 8-byte times).
    read: [...read, ...groups],
    sameBytes: false,
  },
  { name: 'an empty stream with a last id', setup: [['XADD', 's', '5-5', 'f', 'v'], ['XDEL', 's', '5-5']], keys: ['s'], read: [...read, ['XINFO', 'STREAM', '$']] },
  { name: 'ids past 2^53', setup: [['XADD', 's', '18446744073709551614-18446744073709551615', 'f', 'v']], keys: ['s'], read },
];

runDumpRoundTrips('streams', (config) => new FakeServer({ mixins: [...coreMixins, StreamCommands], config }), cases);

// Redis 7.2: STREAM_LISTPACKS_3 (consumers' active time).
const streams72 = (version: string) => (config: Record<string, string>) => new FakeServer({ mixins: [...coreMixins, StreamCommands], config, profile: serverProfile('redis', version) });
for (const [version, env] of [['7.2', 'FAKEREDIS_REDIS_7_2'], ['7.4', 'FAKEREDIS_REDIS_7_4']] as const) {
  runDumpRoundTrips(`streams ${version}`, streams72(version), [cases[0] as DumpCase, cases[1] as DumpCase, { ...(cases[3] as DumpCase), read: [...read, ...groups] }], env);
}

// Redis 8.6: RDB version 13 and STREAM_LISTPACKS_4 (the idempotent producers' limits, iids and counters).
const FUTURE = '9999999999999';
const idmpCase: DumpCase = {
  name: 'idempotent producers: limits, iids in insertion order, counters',
  setup: [
    ['XADD', 's', `${FUTURE}-0`, 'f', 'v'], ['XCFGSET', 's', 'IDMP-DURATION', '500', 'IDMP-MAXSIZE', '3'], ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'],
    ['XADD', 's', 'IDMP', 'producer-two', 'i', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'j', '*', 'f', 'v'], ['XADD', 's', 'IDMP', 'p', 'i', '*', 'f', 'v'],
    ['XADD', 's', 'IDMP', 'a', 'x'.repeat(100), '*', 'f', 'v'], ['XIDMPRECORD', 's', 'p', 'k', `${FUTURE}-0`], ['XIDMPRECORD', 's', 'p', 'l', `${FUTURE}-1`],
  ],
  keys: ['s'],
  read: [...read, ['XINFO', 'STREAM', '$', 'FULL'], ['MEMORY', 'USAGE', '$']],
};
// IDMPAUTO's iids are XXH3-128 hashes of each pair (field, its length in 8 bytes, value):
// pairs of 8 to 3000 bytes take every path of the hash; the payloads must be the same bytes.
const sizes = [0, 1, 7, 8, 9, 100, 119, 120, 121, 200, 231, 232, 233, 500, 1015, 1016, 1017, 1100, 2100, 3000];
const idmpAutoCase: DumpCase = {
  name: 'IDMPAUTO iids: pairs of every length the hash treats apart, binary, repeated, in any order',
  setup: [
    ['XADD', 's', `${FUTURE}-0`, 'f', 'v'], ['XCFGSET', 's', 'IDMP-MAXSIZE', '100'],
    ...sizes.map((n) => ['XADD', 's', 'IDMPAUTO', 'p', '*', '', 'x'.repeat(n)]),
    ...sizes.map((n) => ['XADD', 's', 'IDMPAUTO', 'q', '*', 'field', String.fromCharCode(...Array.from({ length: n }, (_, i) => (i * 37) % 256)), 'n', String(n)]),
    ['XADD', 's', 'IDMPAUTO', 'q', '*', 'a', '1', 'a', '1', 'b', '2'], ['XADD', 's', 'IDMPAUTO', 'q', '*', 'b', '2', 'a', '1', 'a', '1'],
  ],
  keys: ['s'],
  read: [...read, ['XINFO', 'STREAM', '$']],
};
runDumpRoundTrips('streams 8.6', streams72('8.6'), [cases[0] as DumpCase, cases[1] as DumpCase, { ...(cases[3] as DumpCase), read: [...read, ...groups] }, idmpCase, idmpAutoCase], 'FAKEREDIS_REDIS_8_6');
