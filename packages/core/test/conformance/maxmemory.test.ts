import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { SetCommands } from '@fakeredis/sets';
import { StreamCommands } from '@fakeredis/streams';
import { BitmapCommands, HyperLogLogCommands, StringCommands } from '@fakeredis/strings';
import { SortedSetCommands } from '@fakeredis/zsets';
import { type Compare, pipeline, runScenarios, type Scenario, type Step } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { coreMixins, serverProfile } from '../../src/index.js';
import { serverForConformance } from '../server/fixtures.js';

/**
 * maxmemory, eviction and lazyfree where Redis is deterministic: with `maxmemory 1` every
 * command starts over the limit, so noeviction refuses every denyoom command, an
 * allkeys-* policy evicts every key and a volatile-* one every key with a TTL (and then
 * refuses), whatever the sampling. INFO's counters are compared field by field.
 */
const mixins = [
  ...coreMixins, StringCommands, BitmapCommands, HyperLogLogCommands, ListCommands, SetCommands, HashCommands, SortedSetCommands, StreamCommands,
];
const options = { createServer: (config: Record<string, string>) => serverForConformance(config, mixins) };

/** Only the named INFO fields of a reply (the others differ by nature between the servers). */
const fields = (...names: string[]): Compare => ({
  normalize: (text) => text.split('\r\n').filter((line) => names.some((name) => line.startsWith(`${name}:`))).join('\n'),
});
const info = (...names: string[]): Step => ({ cmd: ['INFO', 'everything'], compare: fields(...names) });
const COUNTERS = ['evicted_keys', 'evicted_clients', 'lazyfree_pending_objects', 'lazyfreed_objects', 'maxmemory_policy', 'mem_not_counted_for_evict', 'maxmemory'];

const members = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const pairs = (n: number) => Array.from({ length: n }, (_, i) => [String(i), `m${i}`]).flat();

const oom: Scenario[] = [
  {
    name: 'noeviction over maxmemory: denyoom commands refused, the others run',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['SET', 'a', '1'], ['RPUSH', 'l', 'x'], ['CONFIG', 'SET', 'maxmemory', '1'],
      ['SET', 'b', '2'], ['INCR', 'a'], ['APPEND', 'a', 'x'], ['RPUSH', 'l', 'y'], ['LPUSH', 'new', 'y'], ['SADD', 's', 'm'],
      ['HSET', 'h', 'f', 'v'], ['ZADD', 'z', '1', 'm'], ['XADD', 'x', '*', 'f', 'v'], ['SETBIT', 'b', '1', '1'], ['PFADD', 'p', 'a'],
      ['GET', 'a'], ['LPOP', 'l'], ['EXPIRE', 'a', '100'], ['PERSIST', 'a'], ['RENAME', 'a', 'a2'], ['COPY', 'a2', 'a3'],
      ['DEL', 'a2'], ['PING'], ['DBSIZE'], info(...COUNTERS),
      ['CONFIG', 'SET', 'maxmemory', '0'], ['SET', 'b', '2'], ['GET', 'b'],
    ],
  },
];

// Inside MULTI, Redis 7.0 and 7.2 refuse every command over maxmemory; 7.4 only denyoom ones.
const multiOom: Scenario[] = [
  {
    name: 'MULTI over maxmemory: what is queued, EXEC aborted, DISCARD allowed',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['MULTI'], ['GET', 'k'], ['SET', 'k', 'v'], { cmd: ['CONFIG', 'SET', 'maxmemory', '1'], conn: 'b' },
      ['EXEC'], ['MULTI'], ['GET', 'k'], ['EXEC'], ['MULTI'], ['DEL', 'k'], ['DISCARD'], ['MULTI'], ['MULTI'], ['DISCARD'],
      ['MULTI'], ['PING'], ['SET', 'k', 'v'], ['GET', 'k'], ['EXEC'], ['MULTI'], ['WATCH', 'k'], ['PING'], ['EXEC'],
      { cmd: ['CONFIG', 'SET', 'maxmemory', '0'], conn: 'b' }, ['MULTI'], ['GET', 'k'], ['EXEC'],
    ],
  },
  {
    name: 'a read-only transaction runs over maxmemory',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['SET', 'k', 'v'], ['MULTI'], ['GET', 'k'], ['TTL', 'k'], { cmd: ['CONFIG', 'SET', 'maxmemory', '1'], conn: 'b' },
      ['EXEC'], { cmd: ['CONFIG', 'SET', 'maxmemory', '0'], conn: 'b' },
    ],
  },
];

const evictions: Scenario[] = [
  ...['allkeys-lru', 'allkeys-lfu', 'allkeys-random'].map((policy): Scenario => ({
    name: `${policy} evicts every key when nothing fits, then refuses`,
    events: 'KEA',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['CONFIG', 'SET', 'maxmemory-policy', policy], ['SET', 'a', '1'], ['CONFIG', 'SET', 'maxmemory', '1'],
      ['DBSIZE'], ['SET', 'b', '1'], ['GET', 'b'], info(...COUNTERS), ['CONFIG', 'SET', 'maxmemory', '0'],
      ['SET', 'c', '1', 'EX', '100'], ['CONFIG', 'SET', 'maxmemory', '1'], ['EXISTS', 'c'], info(...COUNTERS),
    ],
  })),
  ...['volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl'].map((policy): Scenario => ({
    name: `${policy} evicts the key with a TTL only, then refuses`,
    events: 'KEA',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['CONFIG', 'SET', 'maxmemory-policy', policy], ['SET', 'keep', '1'], ['SET', 'ttl', '1', 'EX', '100'],
      ['CONFIG', 'SET', 'maxmemory', '1'], ['EXISTS', 'keep', 'ttl'], ['SET', 'x', '1'], ['SET', 'y', '1', 'EX', '10'],
      ['DEL', 'keep'], ['SET', 'x', '1'], info(...COUNTERS), ['CONFIG', 'SET', 'maxmemory', '0'],
    ],
  })),
  {
    name: 'no volatile key: volatile-lru refuses at once and evicts nothing',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru'], ['MSET', 'a', '1', 'b', '2'], ['CONFIG', 'SET', 'maxmemory', '1'],
      ['SET', 'c', '3'], ['DBSIZE'], info(...COUNTERS), ['CONFIG', 'SET', 'maxmemory', '0'],
    ],
  },
  {
    name: 'evicted keys count once and reset with CONFIG RESETSTAT',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-random'], ['MSET', 'a', '1', 'b', '2', 'c', '3'],
      ['CONFIG', 'SET', 'maxmemory', '1'], ['DBSIZE'], info('evicted_keys'), ['CONFIG', 'SET', 'maxmemory', '0'],
      ['CONFIG', 'RESETSTAT'], info('evicted_keys', 'total_eviction_exceeded_time', 'current_eviction_exceeded_time'),
    ],
  },
];

const objectFreq: Scenario[] = [
  {
    name: 'OBJECT FREQ only under an LFU policy, OBJECT IDLETIME only outside one',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['SET', 'k', 'v'], ['OBJECT', 'FREQ', 'k'], ['OBJECT', 'FREQ', 'nokey'],
      // SET and IDLETIME in one write: no second of Redis's LRU clock ticks between them (a
      // new value's clock is read as its argument is parsed, so not in one transaction)
      pipeline(['SET', 'k', 'v'], ['OBJECT', 'IDLETIME', 'k']),
      ['CONFIG', 'SET', 'maxmemory-policy', 'volatile-lfu'], ['SET', 'n', 'v'], ['OBJECT', 'FREQ', 'n'], ['OBJECT', 'IDLETIME', 'n'],
      ['OBJECT', 'IDLETIME', 'nokey'], ['OBJECT', 'FREQ', 'nokey'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'], ['SET', 'm', 'v'], ['OBJECT', 'FREQ', 'm'],
      ['CONFIG', 'SET', 'lfu-log-factor', '0'], ['GET', 'm'], ['GET', 'm'], ['OBJECT', 'FREQ', 'm'],
      ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru'], ['OBJECT', 'FREQ', 'm'],
    ],
  },
];

const lazyfree: Scenario[] = [
  {
    name: 'UNLINK and lazy DEL count values over 64 allocations in lazyfreed_objects',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['SADD', 'bigset', ...members('m', 100)], ['SADD', 'smallset', 'a', 'b'], ['UNLINK', 'bigset', 'smallset'], info('lazyfreed_objects'),
      ['SADD', 'bigset', ...members('m', 100)], ['DEL', 'bigset'], info('lazyfreed_objects'),
      ['CONFIG', 'SET', 'lazyfree-lazy-user-del', 'yes'],
      ['HSET', 'bighash', ...members('f', 200)], ['ZADD', 'bigzset', ...pairs(100)], ['ZADD', 'smallzset', '1', 'a'],
      ['SADD', 'intset', ...Array.from({ length: 100 }, (_, i) => String(i))], ['HSET', 'smallhash', 'f', 'v'],
      ['DEL', 'bighash', 'bigzset', 'smallzset', 'intset', 'smallhash'], info('lazyfreed_objects', 'lazyfree_pending_objects'),
      ['SADD', 'exact', ...members('m', 64)], ['SADD', 'over', ...members('m', 65)], ['UNLINK', 'exact', 'over'], info('lazyfreed_objects'),
      ['CONFIG', 'RESETSTAT'], info('lazyfreed_objects'),
    ],
  },
  {
    name: 'a list counts its quicklist nodes, not its elements',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['RPUSH', 'packed', ...members('e', 500)], ['UNLINK', 'packed'], info('lazyfreed_objects'),
      ['CONFIG', 'SET', 'list-max-listpack-size', '1'], ['RPUSH', 'nodes', ...members('e', 65)], ['RPUSH', 'fewer', ...members('e', 64)],
      ['UNLINK', 'nodes', 'fewer'], info('lazyfreed_objects'),
    ],
  },
  {
    name: 'FLUSHALL / FLUSHDB ASYNC count every key; lazyfree-lazy-user-flush makes them async',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['MSET', 'a', '1', 'b', '2', 'c', '3'], ['SELECT', '1'], ['SET', 'd', '4'], ['FLUSHALL', 'ASYNC'], info('lazyfreed_objects'),
      ['MSET', 'a', '1', 'b', '2'], ['FLUSHDB', 'ASYNC'], ['SET', 'x', '1'], ['FLUSHDB', 'SYNC'], ['SET', 'x', '1'], ['FLUSHDB'],
      info('lazyfreed_objects'), ['CONFIG', 'SET', 'lazyfree-lazy-user-flush', 'yes'], ['MSET', 'a', '1', 'b', '2'], ['FLUSHALL'],
      info('lazyfreed_objects'), ['SET', 'a', '1'], ['FLUSHALL', 'SYNC'], info('lazyfreed_objects'), ['FLUSHALL', 'LAZY'],
    ],
  },
  {
    name: 'lazyfree-lazy-server-del: overwritten and replaced values',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['CONFIG', 'SET', 'lazyfree-lazy-server-del', 'yes'],
      ['SADD', 'big', ...members('m', 100)], ['SET', 'big', 'string'], info('lazyfreed_objects'),
      ['SADD', 'big2', ...members('m', 100)], ['SET', 'dst', 'v'], ['SADD', 'src', 'a'], ['RENAME', 'big2', 'dst'], ['RENAME', 'src', 'dst'],
      info('lazyfreed_objects'), ['SADD', 'big3', ...members('m', 100)], ['SADD', 'one', 'a'], ['COPY', 'one', 'big3', 'REPLACE'],
      info('lazyfreed_objects'), ['SADD', 'big4', ...members('m', 100)], ['SINTERSTORE', 'big4', 'one', 'one'], info('lazyfreed_objects'),
      ['SADD', 'big5', ...members('m', 100)], ['UNLINK', 'big5'], ['DEL', 'one'], info('lazyfreed_objects'),
      // SUNION and SDIFF free their result as a server deletion would (SINTER builds none)
      ['SADD', 'u', ...members('m', 100)], { cmd: ['SUNION', 'u'], compare: 'unordered' }, { cmd: ['SDIFF', 'u'], compare: 'unordered' },
      ['SDIFF', 'u', 'u'], { cmd: ['SINTER', 'u'], compare: 'unordered' }, info('lazyfreed_objects'),
      ['CONFIG', 'SET', 'lazyfree-lazy-server-del', 'no'], ['SADD', 'big', ...members('m', 100)], ['SET', 'big', 'v'], info('lazyfreed_objects'),
    ],
  },
  {
    name: 'lazyfree-lazy-expire: EXPIRE in the past; lazyfree-lazy-eviction: evicted values',
    steps: [
      ['CONFIG', 'RESETSTAT'],
      ['SADD', 'big', ...members('m', 100)], ['EXPIRE', 'big', '0'], info('lazyfreed_objects'),
      ['CONFIG', 'SET', 'lazyfree-lazy-expire', 'yes'], ['SADD', 'big', ...members('m', 100)], ['PEXPIREAT', 'big', '1'], ['EXISTS', 'big'],
      info('lazyfreed_objects'), ['SADD', 'big', ...members('m', 100)], ['PEXPIRE', 'big', '100'], { advance: 300 }, ['EXISTS', 'big'],
      info('lazyfreed_objects', 'expired_keys'), ['CONFIG', 'SET', 'lazyfree-lazy-eviction', 'yes'], ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-random'],
      ['SADD', 'big', ...members('m', 100)], ['SADD', 'small', 'a'], ['CONFIG', 'SET', 'maxmemory', '1'], ['DBSIZE'],
      info('lazyfreed_objects', 'evicted_keys'), ['CONFIG', 'SET', 'maxmemory', '0'],
    ],
  },
];

/** lazyfree.tcl's stream cases (7.0.15), with fixed ids instead of `*` and rand(). */
const lazyfreeStreams: Scenario[] = [
  {
    name: 'lazy free a stream with all types of metadata',
    steps: [
      ['CONFIG', 'RESETSTAT'], ['CONFIG', 'SET', 'stream-node-max-entries', '5'],
      ...Array.from({ length: 1000 }, (_, j): Step => ['XADD', 'stream', `${j + 1}-0`, j % 10 === 9 ? 'bar' : 'foo', String(j)]),
      ['XGROUP', 'CREATE', 'stream', 'mygroup', '0'], ['XREADGROUP', 'GROUP', 'mygroup', 'Alice', 'COUNT', '2', 'STREAMS', 'stream', '>'],
      ['XDEL', 'stream', '2-0'], ['XACK', 'stream', 'mygroup', '1-0'], ['UNLINK', 'stream'], info('lazyfree_pending_objects', 'lazyfreed_objects'),
    ],
  },
  {
    name: 'lazy free a stream with deleted cgroup',
    steps: [
      ['CONFIG', 'RESETSTAT'], ['XADD', 's', '1-0', 'a', 'b'], ['XGROUP', 'CREATE', 's', 'bla', '$'], ['XGROUP', 'DESTROY', 's', 'bla'],
      ['UNLINK', 's'], info('lazyfree_pending_objects', 'lazyfreed_objects'),
    ],
  },
];

/**
 * Redis frees in a background thread: before reading the lazyfree counters, wait as Redis's
 * own tests do until lazyfree_pending_objects is back to 0 on the real server.
 */
function settled(scenarios: Scenario[]): Scenario[] {
  const isInfo = (step: Step) => typeof step === 'object' && 'cmd' in step && step.cmd[0] === 'INFO';
  const drained: Step = { realUntil: ['INFO', 'memory'], until: /\blazyfree_pending_objects:0\r\n/ };
  return scenarios.map((scenario) => ({ ...scenario, steps: scenario.steps.flatMap((step) => (isInfo(step) ? [drained, step] : [step])) }));
}

runScenarios('maxmemory: OOM refusals', options, oom);
runScenarios('maxmemory: MULTI', options, multiOom);
for (const version of ['7.2', '7.4']) {
  const later = { createServer: (config: Record<string, string>) => serverForConformance(config, mixins, serverProfile('redis', version)) };
  runReferenceScenarios(referenceEnv('redis', version), `maxmemory: MULTI (Redis ${version})`, later, multiOom);
}
runScenarios('maxmemory: eviction policies', options, evictions);
runScenarios('maxmemory: OBJECT FREQ and IDLETIME', options, objectFreq);
runScenarios('lazyfree', options, settled(lazyfree));
runScenarios('lazyfree: lazyfree.tcl streams', options, settled(lazyfreeStreams));
