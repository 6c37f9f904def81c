import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { SetCommands } from '@fakeredis/sets';
import { StringCommands } from '@fakeredis/strings';
import { SortedSetCommands } from '@fakeredis/zsets';
import type { Scenario, Step } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios, runScenariosByVersion } from '@fakeredis/tooling/conformance/reference';
import { coreMixins, serverProfile } from '../../src/index.js';
import { serverForConformance } from '../server/fixtures.js';

/**
 * MEMORY USAGE of lists, sets, sorted sets and hashes by version: Redis 7's sampling,
 * 8.0's quicklist averaged per element, 8.6's exact accounting (the object with its key
 * and what the type counts as it allocates: listpacks at their length, a hashtable's
 * members as their sds headers say, 8.6's hash entries with embedded values). Compared
 * with redis-server 7.0.15 and the reference binaries of 7.2, 7.4, 8.0 and 8.6. Skiplist
 * sorted sets are left out: a node's size is its random height, which no two servers share.
 */
const mixins = [...coreMixins, StringCommands, ListCommands, SetCommands, SortedSetCommands, HashCommands];

const range = (from: number, to: number, f: (i: number) => string = String) => Array.from({ length: to - from + 1 }, (_, i) => f(from + i));
const usage = (key: string): Step[] => [['MEMORY', 'USAGE', key], ['MEMORY', 'USAGE', key, 'SAMPLES', '0'], ['MEMORY', 'USAGE', key, 'SAMPLES', '1']];

const scenarios: Scenario[] = [
  {
    name: 'lists: listpacks, quicklists from one push and from many, after pops and inserts',
    steps: [
      ['RPUSH', 'l1', 'a'], ...usage('l1'),
      ['RPUSH', 'l2', ...range(1, 10, (i) => `e${i}`)], ...usage('l2'),
      ['RPUSH', 'l3', ...range(1, 200)], ...usage('l3'),
      ['RPUSH', 'big', ...range(1, 20000)], ['OBJECT', 'ENCODING', 'big'], ...usage('big'),
      ...range(1, 10).map((): Step => ['RPUSH', 'many', ...range(1, 1000, (i) => `value-${i}`)]), ...usage('many'),
      ['LPOP', 'many', '2500'], ['RPOP', 'big', '7'], ['LINSERT', 'big', 'BEFORE', '5000', 'x'.repeat(100)], ...usage('many'), ...usage('big'),
      ['RPUSH', 'long', 'x'.repeat(70000)], ...usage('long'),
    ],
  },
  {
    name: 'a key with a TTL (8.6: the object gains an expiry slot)',
    steps: [
      ['RPUSH', 'abcdefgh', 'a'], ...usage('abcdefgh'), ['EXPIRE', 'abcdefgh', '100'], ...usage('abcdefgh'),
      ['SADD', 'setkey01', 'a', 'b'], ['PEXPIRE', 'setkey01', '100000'], ...usage('setkey01'),
      ['RPUSH', 'k'.repeat(130), 'a'], ...usage('k'.repeat(130)),
    ],
  },
  {
    name: 'PERSIST keeps the expiry slot (8.2+), a new object for the key drops it',
    steps: [
      ['SET', 'strkey01', 'v', 'EX', '100'], ...usage('strkey01'), ['PERSIST', 'strkey01'], ...usage('strkey01'),
      ['APPEND', 'strkey01', 'x'], ...usage('strkey01'),
      ['SET', 'strkey02', 'v', 'EX', '100'], ['GETEX', 'strkey02', 'PERSIST'], ...usage('strkey02'), ['SET', 'strkey02', 'w'], ...usage('strkey02'),
      ['SET', 'strkey03', 'v', 'EX', '100'], ['PERSIST', 'strkey03'], ['SET', 'strkey03', 'w', 'KEEPTTL'], ...usage('strkey03'),
      ['SET', 'strkey04', 'v', 'EX', '100'], ['PERSIST', 'strkey04'], ['COPY', 'strkey04', 'strkey05'], ...usage('strkey05'),
      ['RPUSH', 'lstkey01', 'a'], ['EXPIRE', 'lstkey01', '100'], ['PERSIST', 'lstkey01'], ['RPUSH', 'lstkey01', 'b'], ...usage('lstkey01'),
      ['RENAME', 'lstkey01', 'lstkey02'], ...usage('lstkey02'),
      ['SADD', 'setkey02', 'a'], ['EXPIRE', 'setkey02', '100'], ['PERSIST', 'setkey02'], ['MOVE', 'setkey02', '1'], ['SELECT', '1'], ...usage('setkey02'),
      ['FLUSHDB'], ['SELECT', '0'],
    ],
  },
  {
    name: 'sets: intsets and listpacks',
    steps: [
      ['SADD', 's1', '1', '2', '3'], ...usage('s1'), ['SADD', 's1', '70000', '-5000000000'], ...usage('s1'),
      ['SADD', 's2', 'a', 'b', 'c'], ...usage('s2'),
    ],
  },
  {
    name: 'sorted sets in listpacks: integral and fractional scores (shortest digits from 7.2)',
    steps: [
      ['ZADD', 'z1', '1', 'a', '2', 'b'], ...usage('z1'),
      ['ZADD', 'z2', '0.1', 'a', '1e300', 'b', '-inf', 'c', '3.14159', 'd', '-2.5', 'e', '123456789012', 'f'], ...usage('z2'),
      ['ZADD', 'z3', ...range(1, 100).flatMap((i) => [String(i / 7), `member-${i}`])], ...usage('z3'),
    ],
  },
  {
    name: 'hashes: listpacks and listpackex with field TTLs',
    steps: [
      ['HSET', 'h1', 'f', 'v'], ...usage('h1'),
      ['HSET', 'h2', ...range(1, 100).flatMap((i) => [`f${i}`, `v${i}`])], ...usage('h2'),
      ['HSET', 'h3', 'f', 'v', 'g', 'w'], ['HEXPIRE', 'h3', '100', 'FIELDS', '1', 'f'], ...usage('h3'),
      ['HPERSIST', 'h3', 'FIELDS', '1', 'f'], ...usage('h3'),
    ],
  },
];

/**
 * Hashtables: Redis 7's and 8.0's figures average the first `samples` elements in the
 * dict's hash order (the fake samples its own order), so they are compared on 8.6 only,
 * where every element counts. A table that shrinks is left out: Redis counts both tables
 * until its incremental rehash ends, which the fake does not model.
 */
const exact: Scenario[] = [
  {
    name: 'sets in hashtables: short, long and empty members, from an intset, after removals',
    steps: [
      ['SADD', 's3', ...range(1, 200, (i) => `m${i}`)], ['OBJECT', 'ENCODING', 's3'], ...usage('s3'),
      ['SADD', 's4', '', 'x'.repeat(31), 'y'.repeat(32), 'z'.repeat(300), ...range(1, 130, (i) => `member:${i}`)], ...usage('s4'),
      ['SADD', 's5', ...range(1, 600)], ['OBJECT', 'ENCODING', 's5'], ...usage('s5'), ['SADD', 's5', 'word'], ['OBJECT', 'ENCODING', 's5'], ...usage('s5'),
      ['SREM', 's4', ...range(1, 100, (i) => `member:${i}`)], ...usage('s4'),
    ],
  },
  {
    name: 'hashes in hashtables: embedded and separate values, field TTLs, HPERSIST keeping the slot, a table that does not shrink',
    steps: [
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '4'],
      ['HSET', 'h4', ...range(1, 20).flatMap((i) => [`field${i}`, `value${i}`])], ['OBJECT', 'ENCODING', 'h4'], ...usage('h4'),
      ['HSET', 'h5', 'short', 'x'.repeat(100), 'x'.repeat(40), 'v', 'y'.repeat(120), 'w', 'mid', 'z'.repeat(118), 'f5', '1'], ['OBJECT', 'ENCODING', 'h5'], ...usage('h5'),
      ['HEXPIRE', 'h4', '100', 'FIELDS', '3', 'field1', 'field2', 'field3'], ...usage('h4'),
      ['HEXPIRE', 'h5', '100', 'FIELDS', '2', 'short', 'f5'], ...usage('h5'),
      ['HPERSIST', 'h4', 'FIELDS', '1', 'field1'], ...usage('h4'),
      ['HSET', 'h4', 'field2', 'new'], ...usage('h4'),
      ['HDEL', 'h4', ...range(1, 15, (i) => `field${i}`)], ...usage('h4'),
    ],
  },
];

const [lists, ttl, slot, sets, zsets, hashes] = scenarios as [Scenario, Scenario, Scenario, Scenario, Scenario, Scenario];
const create = (config: Record<string, string>, profile?: Parameters<typeof serverForConformance>[2]) => serverForConformance(config, mixins, profile);
runScenariosByVersion('MEMORY USAGE of collections', create, [lists, ttl, slot, sets, zsets], ['7.2', '7.4', '8.0', '8.6']);
// Field TTLs are 7.4's (7.0.15 refuses HEXPIRE).
for (const version of ['7.4', '8.0', '8.6']) {
  const profile = serverProfile('redis', version);
  runReferenceScenarios(referenceEnv('redis', version), `MEMORY USAGE of hashes (Redis ${version})`, { createServer: (config) => create(config, profile) }, [hashes]);
}
const profile86 = serverProfile('redis', '8.6');
runReferenceScenarios(referenceEnv('redis', '8.6'), 'MEMORY USAGE of hashtables (Redis 8.6)', { createServer: (config) => create(config, profile86) }, exact);
