import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { Crc64 } from '../../src/index.js';
import { keyspaceServer } from '../keyspace/fixtures.js';

const options = { createServer: (config: Record<string, string>) => keyspaceServer({ config }) };

/** A DUMP payload: body, RDB version `version` and the CRC-64 (or a wrong one). */
function payload(body: number[] | Buffer, version = 10, badCrc = false): Buffer {
  const head = Buffer.concat([Buffer.from(body), Buffer.from([version & 0xff, version >> 8])]);
  const crc = new Crc64();
  crc.update(head);
  const sum = Buffer.from(crc.bytes());
  if (badCrc) sum[0] = (sum[0] as number) ^ 1;
  return Buffer.concat([head, sum]);
}
const str = (s: string): number[] => [0, s.length, ...Buffer.from(s)];
const HELLO = payload(str('hello'));
const long = (n: number, unit: string) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const random = Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 7919 + 13) % 251));

const scenarios: Scenario[] = [
  {
    name: 'DUMP of strings in every RDB encoding',
    steps: [
      ['SET', 'i8', '-12'], ['SET', 'i16', '1234'], ['SET', 'i32', '-123456789'], ['SET', 'i64', '12345678901234'],
      ['SET', 'lead0', '0123'], ['SET', 'minus0', '-0'], ['SET', 'short', 'hello'], ['SET', 'empty', ''],
      ['SET', 'lzf', long(100, 'abcabcab')], ['SET', 'long20', long(21, 'a')], ['SET', 'rand', random],
      ['SET', 'big', long(70000, 'redis fake ')], ['SET', 'bin', Buffer.from([0, 255, 10, 13])],
      ['DUMP', 'i8'], ['DUMP', 'i16'], ['DUMP', 'i32'], ['DUMP', 'i64'], ['DUMP', 'lead0'], ['DUMP', 'minus0'],
      ['DUMP', 'short'], ['DUMP', 'empty'], ['DUMP', 'lzf'], ['DUMP', 'long20'], ['DUMP', 'rand'], ['DUMP', 'big'],
      ['DUMP', 'bin'], ['DUMP', 'nokey'],
    ],
  },
  {
    name: 'DUMP of lists and sorted sets',
    steps: [
      ['RPUSH', 'l', 'a', '1', '-5', 'hello', '300000', long(80, 'x')], ['DUMP', 'l'],
      ['ZADD', 'z', '1', 'a', '2.5', 'b', '-3', 'c'], ['DUMP', 'z'],
    ],
  },
  {
    name: 'DUMP with rdbcompression off',
    steps: [['CONFIG', 'SET', 'rdbcompression', 'no'], ['SET', 'lzf', long(100, 'abcabcab')], ['DUMP', 'lzf'], ['CONFIG', 'SET', 'rdbcompression', 'yes']],
  },
  {
    name: 'RESTORE a string, with TTL, ABSTTL and REPLACE',
    steps: [
      ['RESTORE', 'k', '0', HELLO], ['GET', 'k'], ['TTL', 'k'], ['OBJECT', 'ENCODING', 'k'],
      ['RESTORE', 'k', '0', HELLO], ['RESTORE', 'k', '100000', HELLO, 'REPLACE'], ['TTL', 'k'],
      ['RESTORE', 'k2', '4102444800000', HELLO, 'ABSTTL'], ['PEXPIRETIME', 'k2'],
      ['RESTORE', 'k3', '1', HELLO, 'ABSTTL'], ['EXISTS', 'k3'],
      ['RESTORE', 'k', '1', HELLO, 'ABSTTL', 'REPLACE'], ['EXISTS', 'k'],
      ['RESTORE', 'n', '0', payload([0, 0xc0, 0x7b])], ['GET', 'n'], ['OBJECT', 'ENCODING', 'n'],
    ],
    events: true,
  },
  {
    name: 'RESTORE option errors and their order',
    steps: [
      ['SET', 's', 'x'],
      ['RESTORE', 's', '0', 'x'], ['RESTORE', 's2', '-1', 'x'], ['RESTORE', 's2', 'abc', 'x'], ['RESTORE', 's2', '0', 'x'],
      ['RESTORE', 's2', '0', 'x', 'foo'], ['RESTORE', 's2', '0', 'x', 'IDLETIME', '-1'], ['RESTORE', 's2', '0', 'x', 'FREQ', '300'],
      ['RESTORE', 's2', '0', 'x', 'FREQ', '-1'], ['RESTORE', 's2', '0', 'x', 'IDLETIME', 'x'],
      ['RESTORE', 's2', '0', 'x', 'IDLETIME', '1', 'FREQ', '3'], ['RESTORE', 's2', '0', 'x', 'FREQ', '1', 'IDLETIME', '3'],
      ['RESTORE', 's', '0', 'x', 'REPLACE'], ['RESTORE', 's', '0', 'x', 'IDLETIME'], ['RESTORE', 's', 'abc', 'x', 'REPLACE'],
      ['RESTORE', 's2'], ['DUMP'], ['DUMP', 'a', 'b'],
    ],
  },
  {
    name: 'RESTORE payload checks: version, checksum, bad data',
    steps: [
      ['RESTORE', 'a', '0', payload(str('hello'), 11)], ['RESTORE', 'a', '0', payload(str('hello'), 10, true)],
      ['RESTORE', 'a', '0', payload(str('hello'), 9)], ['GET', 'a'],
      ['RESTORE', 'b', '0', payload([0, 10, 65])], ['RESTORE', 'b', '0', payload([99, 1, 65])],
      ['RESTORE', 'b', '0', payload([8, 1, 65])], ['RESTORE', 'b', '0', payload([0, 0xc3, 5, 10, 0, 1, 2, 3, 4])],
      ['RESTORE', 'b', '0', payload([0, 0xc4])], ['RESTORE', 'b', '0', payload([])], ['EXISTS', 'b'],
      ['RESTORE', 'c', '0', Buffer.from('short')],
    ],
  },
  {
    name: 'RESTORE with IDLETIME (LRU) and FREQ ignored without an LFU policy',
    steps: [
      // Each RESTORE and the IDLETIME after it in one transaction: no second of Redis's LRU
      // clock ticks inside one, however slow the machine.
      ['MULTI'], ['RESTORE', 'k', '0', HELLO, 'IDLETIME', '1000'], ['OBJECT', 'IDLETIME', 'k'], ['EXEC'],
      ['MULTI'], ['RESTORE', 'k2', '0', HELLO, 'FREQ', '100'], ['OBJECT', 'IDLETIME', 'k2'], ['EXEC'],
    ],
  },
  {
    name: 'RESTORE with FREQ under an LFU policy',
    steps: [
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'],
      ['RESTORE', 'k', '0', HELLO, 'FREQ', '100'], ['OBJECT', 'FREQ', 'k'],
      ['RESTORE', 'k2', '0', HELLO, 'IDLETIME', '100'], ['OBJECT', 'FREQ', 'k2'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
    ],
  },
  {
    name: 'RESTORE-ASKING outside a cluster is RESTORE: options, errors, events, metadata',
    steps: [
      ['RESTORE-ASKING', 'k', '0', HELLO], ['GET', 'k'], ['RESTORE-ASKING', 'k', '0', HELLO],
      ['RESTORE-ASKING', 'k', '100000', HELLO, 'REPLACE'], ['TTL', 'k'],
      ['RESTORE-ASKING', 'k2', '4102444800000', HELLO, 'ABSTTL'], ['PEXPIRETIME', 'k2'],
      ['RESTORE-ASKING', 'k', '1', HELLO, 'ABSTTL', 'REPLACE'], ['EXISTS', 'k'],
      ['RESTORE-ASKING', 'k3', '-1', HELLO], ['RESTORE-ASKING', 'k3', '0', HELLO, 'foo'],
      ['RESTORE-ASKING', 'k3', '0', HELLO, 'FREQ', '300'], ['RESTORE-ASKING', 'k3', '0', HELLO, 'IDLETIME', '-1'],
      ['RESTORE-ASKING', 'k3', '0', payload(str('hello'), 11)], ['RESTORE-ASKING', 'k3', '0', payload([0, 10, 65])],
      ['RESTORE-ASKING', 'k3'], ['RESTORE-ASKING', 'k3', '0'],
      ['MULTI'], ['RESTORE-ASKING', 'k4', '0', HELLO, 'IDLETIME', '1000'], ['OBJECT', 'IDLETIME', 'k4'], ['EXEC'],
      ['COMMAND', 'INFO', 'RESTORE-ASKING'], ['COMMAND', 'DOCS', 'RESTORE-ASKING'],
      ['COMMAND', 'GETKEYS', 'RESTORE-ASKING', 'k', '0', 'x'],
      ['MULTI'], ['RESTORE-ASKING', 'k6', '0', HELLO], ['RESTORE-ASKING', 'k6', '0', HELLO], ['EXEC'],
    ],
    events: true,
  },
];

runScenarios('DUMP / RESTORE', options, scenarios);
