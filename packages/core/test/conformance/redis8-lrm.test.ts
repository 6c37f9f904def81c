import { StringCommands } from '@fakeredis/strings';
import { HashCommands } from '@fakeredis/hashes';
import type { Compare, Scenario, Step, Wire } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios, runScenariosByVersion } from '@fakeredis/tooling/conformance/reference';
import { coreMixins, Crc64, serverProfile } from '../../src/index.js';
import { serverForConformance } from '../server/fixtures.js';

/**
 * Redis 8.6's volatile-lrm and allkeys-lrm maxmemory policies (least recently modified):
 * reads leave a key's idle time as it was, changes refresh it, and eviction takes the
 * longest unmodified key first. Idle times are set with RESTORE ... IDLETIME, so both
 * servers start from the same ages; eviction under `maxmemory 1` with more samples than
 * keys removes them all in the order the events show.
 */
const mixins = [...coreMixins, StringCommands, HashCommands];
const create = (config: Record<string, string>, profile?: Parameters<typeof serverForConformance>[2]) => serverForConformance(config, mixins, profile);

/** A DUMP payload of the string "hello" (RDB 10, which every version reads). */
function hello(): Buffer {
  const head = Buffer.from([0, 5, ...Buffer.from('hello'), 10, 0]);
  const crc = new Crc64();
  crc.update(head);
  return Buffer.concat([head, Buffer.from(crc.bytes())]);
}
const HELLO = hello();

/** OBJECT IDLETIME to the nearest 100 s: the LRU clock may tick a second between the two servers' steps. */
const roughly: Compare = {
  map: (reply: Wire): Wire => (reply.t === 'int' ? { t: 'int', v: Math.round(Number(reply.v) / 100) * 100 } : reply) as Wire,
};
const idle = (key: string): Step => ({ cmd: ['OBJECT', 'IDLETIME', key], compare: roughly });

const policies: Scenario = {
  name: 'maxmemory-policy values by version (8.6 adds volatile-lrm and allkeys-lrm)',
  steps: [
    ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lrm'], ['CONFIG', 'GET', 'maxmemory-policy'],
    ['CONFIG', 'SET', 'maxmemory-policy', 'volatile-lrm'], ['CONFIG', 'GET', 'maxmemory-policy'],
    ['CONFIG', 'SET', 'maxmemory-policy', 'bogus'], ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
  ],
};

const lrm: Scenario[] = [
  {
    name: 'allkeys-lrm: reads keep the idle time, writes refresh it, so does RENAME (a new key to dbAdd)',
    steps: [
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lrm'],
      ['RESTORE', 'a', '0', HELLO, 'IDLETIME', '1000'], ['RESTORE', 'b', '0', HELLO, 'IDLETIME', '2000'],
      ['RESTORE', 'c', '0', HELLO, 'IDLETIME', '3000'], ['RESTORE', 'd', '0', HELLO, 'IDLETIME', '4000'],
      idle('a'), idle('b'), idle('c'),
      ['GET', 'a'], ['STRLEN', 'b'], ['EXISTS', 'c'], ['TOUCH', 'a'], ['GETRANGE', 'c', '0', '1'], idle('a'), idle('b'), idle('c'),
      ['OBJECT', 'FREQ', 'a'],
      ['APPEND', 'b', 'x'], idle('b'), ['EXPIRE', 'c', '1000'], idle('c'), ['RENAME', 'd', 'e'], idle('e'),
      ['SET', 'a', 'v'], idle('a'),
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'], ['GET', 'e'], idle('e'),
      ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
    ],
  },
  {
    name: 'allkeys-lrm evicts the longest unmodified key first, whatever was read since',
    events: 'KEA',
    steps: [
      ['CONFIG', 'RESETSTAT'], ['CONFIG', 'SET', 'maxmemory-samples', '10'], ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lrm'],
      ['RESTORE', 'a', '0', HELLO, 'IDLETIME', '1000'], ['RESTORE', 'b', '0', HELLO, 'IDLETIME', '3000'],
      ['RESTORE', 'c', '0', HELLO, 'IDLETIME', '2000'], ['RESTORE', 'd', '0', HELLO, 'IDLETIME', '4000'],
      ['GET', 'd'], ['GET', 'b'], ['APPEND', 'c', '!'],
      ['CONFIG', 'SET', 'maxmemory', '1'], ['DBSIZE'], ['CONFIG', 'SET', 'maxmemory', '0'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'], ['CONFIG', 'SET', 'maxmemory-samples', '5'],
    ],
  },
  {
    name: 'volatile-lrm evicts only keys with a TTL, the longest unmodified first',
    events: 'KEA',
    steps: [
      ['CONFIG', 'SET', 'maxmemory-samples', '10'], ['CONFIG', 'SET', 'maxmemory-policy', 'volatile-lrm'],
      ['RESTORE', 'a', '100000', HELLO, 'IDLETIME', '1000'], ['RESTORE', 'b', '100000', HELLO, 'IDLETIME', '3000'],
      ['RESTORE', 'c', '0', HELLO, 'IDLETIME', '5000'], ['RESTORE', 'd', '100000', HELLO, 'IDLETIME', '2000'],
      ['GET', 'a'], ['SETRANGE', 'b', '0', 'j'],
      ['CONFIG', 'SET', 'maxmemory', '1'], ['DBSIZE'], ['SET', 'x', '1'], ['CONFIG', 'SET', 'maxmemory', '0'], ['KEYS', '*'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'], ['CONFIG', 'SET', 'maxmemory-samples', '5'],
    ],
  },
];

/** 7.2's dbAdd starts a renamed or moved key's LRU time and LFU counter afresh; 7.0 keeps them. */
const moved: Scenario = {
  name: 'RENAME and MOVE: the LFU counter kept (7.0) or started afresh (7.2+)',
  steps: [
    ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'],
    ['RESTORE', 'k', '0', HELLO, 'FREQ', '255'], ['OBJECT', 'FREQ', 'k'], ['RENAME', 'k', 'k2'], ['OBJECT', 'FREQ', 'k2'],
    ['RESTORE', 'm', '0', HELLO, 'FREQ', '255'], ['MOVE', 'm', '1'], ['SELECT', '1'], ['OBJECT', 'FREQ', 'm'], ['DEL', 'm'], ['SELECT', '0'],
    ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
  ],
};

runScenariosByVersion('maxmemory-policy values, a moved key\'s access data', create, [policies, moved], ['7.2', '7.4', '8.0', '8.6']);
const profile86 = serverProfile('redis', '8.6');
runReferenceScenarios(referenceEnv('redis', '8.6'), 'LRM eviction (Redis 8.6)', { createServer: (config) => create(config, profile86) }, lrm);
