import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import type { Scenario } from '@fakeredis/tooling/conformance';
import { FakeServer } from '../../src/index.js';
import { everyValkeyCommand, maskInfoFields, START_CONFIG } from './reference-config.js';

// Server types and versions against binaries built locally (never committed), each named by
// FAKEREDIS_<TYPE>_<MAJOR>_<MINOR> (FAKEREDIS_VALKEY_8_0=/tmp/ref/valkey-8.0.1/valkey-server,
// FAKEREDIS_REDIS_7_2=/tmp/ref/7.2.4/redis-server); a suite whose variable is unset is skipped.

/** The fake configured as the runner starts the real server. */
const fakeValkey = (version: string) => (config: Record<string, string>) =>
  new FakeServer({
    serverType: 'valkey',
    version,
    config: { ...config, ...START_CONFIG },
  });


/** Fields of INFO server whose values depend on the process, the build or the time, not on the server type. */
const VARYING = new Set(['redis_git_sha1', 'redis_build_id', 'os', 'gcc_version', 'process_id', 'run_id', 'tcp_port', 'server_time_usec', 'uptime_in_seconds', 'lru_clock', 'executable', 'listener0']);

/** INFO server with the values of VARYING fields masked. */
const infoServer = maskInfoFields(VARYING);

const u = (...cmd: string[]) => ({ cmd, compare: 'unordered' as const });

const scenarios: Scenario[] = [
  {
    name: 'HELLO names the server',
    steps: [{ cmd: ['HELLO', '3'], compare: { except: ['id'] } }, { cmd: ['HELLO', '2'], compare: { except: ['id'] } }],
  },
  {
    name: 'extended-redis-compatibility answers as Redis 7.2.4',
    steps: [
      ['CONFIG', 'SET', 'extended-redis-compatibility', 'yes'], { cmd: ['HELLO', '3'], compare: { except: ['id'] } },
      { cmd: ['INFO', 'server'], compare: { map: infoServer } }, ['CONFIG', 'GET', 'extended-redis-compatibility'],
      ['CONFIG', 'SET', 'extended-redis-compatibility', 'no'], { cmd: ['HELLO'], compare: { except: ['id'] } },
      ['CONFIG', 'SET', 'extended-redis-compatibility', 'maybe'],
    ],
  },
  { name: 'INFO server', steps: [{ cmd: ['INFO', 'server'], compare: { map: infoServer } }] },
  {
    name: 'error texts',
    steps: [
      ['NOSUCH', 'a', 'b'], ['CLIENT', 'NOSUCH'], ['GET'], ['SET', 'k', 'v', 'NX', 'XX'], ['SET', 's', 'v'], ['LPUSH', 's', 'x'],
      ['INCR', 's'], ['CONFIG', 'GET'], ['CONFIG', 'SET', 'nosuch', '1'], ['OBJECT', 'ENCODING', 'nokey'],
      ['ZADD', 'z', 'x', '1'], ['HSET', 'h'], ['EXPIRE', 'k', 'x'], ['SELECT', '100'], ['DEBUG', 'nosuch'], ['XADD', 'x', 'bad', 'f', 'v'],
      ['SET', 'k', 'v', 'IFEQ', 'v'], ['DELIFEQ', 'k', 'v'], ['COMMANDLOG', 'LEN', 'slow'], ['HEXPIRE', 'h', '10', 'FIELDS', '1', 'a'],
      ['ACL', 'SAVE'], ['ACL', 'LOAD'],
    ],
  },
  {
    name: 'CLIENT KILL MAXAGE and the primary client type',
    steps: [
      ['CLIENT', 'KILL', 'MAXAGE', '0'], ['CLIENT', 'KILL', 'MAXAGE', '-1'], ['CLIENT', 'KILL', 'MAXAGE', 'x'], ['CLIENT', 'KILL', 'MAXAGE'],
      // Subscribers only: the runner keeps a connection of its own to the real server.
      { cmd: ['SUBSCRIBE', 'ch'], conn: 'b' }, ['CLIENT', 'KILL', 'MAXAGE', '1000', 'TYPE', 'pubsub'], ['CLIENT', 'KILL', 'MAXAGE', '1', 'TYPE', 'pubsub'],
      { sleep: 1100 }, { cmd: ['SUBSCRIBE', 'ch2'], conn: 'c' }, ['CLIENT', 'KILL', 'MAXAGE', '1', 'TYPE', 'pubsub'], ['PUBSUB', 'NUMSUB', 'ch', 'ch2'],
      ['CLIENT', 'LIST', 'TYPE', 'primary'], ['CLIENT', 'LIST', 'TYPE', 'PRIMARY'], ['CLIENT', 'KILL', 'TYPE', 'primary'], ['CLIENT', 'LIST', 'TYPE', 'primaryx'],
    ],
  },
  {
    name: 'CLIENT CAPA',
    steps: [['CLIENT', 'CAPA'], ['CLIENT', 'CAPA', 'redirect'], ['CLIENT', 'CAPA', 'nosuch', 'REDIRECT'], ['CLIENT', 'HELP']],
  },
  {
    name: 'CONFIG names, aliases and defaults',
    steps: [
      ['CONFIG', 'GET', 'primaryauth'], ['CONFIG', 'GET', 'masterauth'], ['CONFIG', 'GET', 'primaryuser'], ['CONFIG', 'GET', 'masteruser'],
      ['CONFIG', 'GET', 'bgsave-cpulist'], ['CONFIG', 'GET', 'bgsave_cpulist'], ['CONFIG', 'GET', 'server-cpulist'], ['CONFIG', 'GET', 'server_cpulist'],
      ['CONFIG', 'GET', 'bio-cpulist'], ['CONFIG', 'GET', 'aof-rewrite-cpulist'], ['CONFIG', 'GET', 'extended-redis-compatibility'],
      ['CONFIG', 'GET', 'availability-zone'], ['CONFIG', 'GET', 'io-threads'], u('CONFIG', 'GET', '*cpulist*'), u('CONFIG', 'GET', 'primary*'),
      u('CONFIG', 'GET', 'master*'), u('CONFIG', 'GET', 'replica*'), u('CONFIG', 'GET', 'slave*'), u('CONFIG', 'GET', '*max-listpack*'),
      u('CONFIG', 'GET', 'lazyfree*'), u('CONFIG', 'GET', 'repl-*'), u('CONFIG', 'GET', '*cycle*'), u('CONFIG', 'GET', 'cluster-*'),
      u('CONFIG', 'GET', 'debug-context', 'enable-debug-assert', 'events-per-io-thread', 'prefetch-batch-max-size', 'unixsocketgroup', 'hide-user-data-from-log'),
      u('CONFIG', 'GET', 'dual-channel-replication-enabled', 'syslog-ident', 'io-threads-do-reads'),
      // Set and reset under one name each: the runner restores the real server's values by name, in order.
      ['CONFIG', 'SET', 'masterauth', 'x'], ['CONFIG', 'GET', 'primaryauth'], ['CONFIG', 'SET', 'masterauth', ''],
      ['CONFIG', 'SET', 'primaryauth', 'pw'], ['CONFIG', 'GET', 'masterauth'], ['CONFIG', 'SET', 'primaryauth', ''], ['CONFIG', 'GET', 'masterauth'],
      ['CONFIG', 'SET', 'bgsave-cpulist', '1'], ['CONFIG', 'SET', 'bgsave_cpulist', '1'], ['CONFIG', 'SET', 'unixsocketgroup', 'x'],
      ['CONFIG', 'SET', 'availability-zone', 'az-1'], { cmd: ['INFO', 'server'], compare: { map: infoServer } }, ['CONFIG', 'SET', 'availability-zone', ''],
      ['CONFIG', 'SET', 'cluster-announce-client-ipv4', '1.2.3.4'], ['CONFIG', 'SET', 'cluster-announce-client-ipv4', '1.2.3'],
      ['CONFIG', 'SET', 'cluster-announce-client-ipv4', '01.2.3.4'], ['CONFIG', 'SET', 'cluster-announce-client-ipv4', ''],
      ['CONFIG', 'SET', 'cluster-announce-client-ipv6', '::1'], ['CONFIG', 'SET', 'cluster-announce-client-ipv6', 'fe80::1%lo'],
      ['CONFIG', 'SET', 'cluster-announce-client-ipv6', '1.2.3.4'], ['CONFIG', 'SET', 'cluster-announce-client-ipv6', ''],
      ['CONFIG', 'SET', 'max-new-connections-per-cycle', '0'], ['CONFIG', 'SET', 'max-new-connections-per-cycle', '1001'],
      ['CONFIG', 'SET', 'max-new-connections-per-cycle', '10'], ['CONFIG', 'SET', 'prefetch-batch-max-size', '129'],
      ['CONFIG', 'SET', 'events-per-io-thread', '-1'], ['CONFIG', 'SET', 'cluster-blacklist-ttl', '-1'], ['CONFIG', 'SET', 'cluster-blacklist-ttl', '60'],
      ['CONFIG', 'SET', 'enable-debug-assert', 'yes'], ['CONFIG', 'SET', 'hide-user-data-from-log', 'maybe'],
    ],
  },
  {
    name: 'a command sample',
    steps: [
      ['SET', 'k', '1'], ['INCRBYFLOAT', 'k', '0.1'], ['GET', 'k'], ['HSET', 'h', 'a', '1', 'b', '2'], ['HGETALL', 'h'], ['HSCAN', 'h', '0', 'NOVALUES'],
      ['RPUSH', 'l', 'a', 'b', 'c'], ['LRANGE', 'l', '0', '-1'], ['LPOS', 'l', 'b'], ['SADD', 's1', '1', '2', '3'], ['SMEMBERS', 's1'], ['OBJECT', 'ENCODING', 's1'],
      ['ZADD', 'z', '1.5', 'a', '2', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZSCORE', 'z', 'a'], ['ZSCAN', 'z', '0', 'NOSCORES'], ['ZRANK', 'z', 'b', 'WITHSCORE'],
      ['XADD', 'x', '1-1', 'f', 'v'], ['XRANGE', 'x', '-', '+'], ['XINFO', 'STREAM', 'x'], ['PFADD', 'p', 'a'], ['PFCOUNT', 'p'], ['SETBIT', 'b', '7', '1'], ['BITCOUNT', 'b'],
      ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo'], ['GEOPOS', 'g', 'Palermo'], ['OBJECT', 'ENCODING', 'h'], ['OBJECT', 'ENCODING', 'z'], ['OBJECT', 'ENCODING', 'l'],
      ['MEMORY', 'USAGE', 'h'], ['MEMORY', 'USAGE', 'k'], ['MEMORY', 'USAGE', 's1'], ['MEMORY', 'USAGE', 'z'], ['MEMORY', 'USAGE', 'l'], ['TYPE', 'x'], ['DBSIZE'],
      ['EVAL', 'return {server.call("GET","k"), redis.REDIS_VERSION, server.VALKEY_VERSION, redis.SERVER_NAME, server.REDIS_VERSION_NUM}', '0'],
      ['OBJECT', 'HELP'], ['COMMAND', 'HELP'], ['CONFIG', 'HELP'], ['MEMORY', 'HELP'], ['XINFO', 'HELP'],
    ],
  },
];

/** COMMAND's answers from the metadata: every command in the table. */
const commandScenarios: Scenario[] = [
  { name: 'COMMAND COUNT and LIST', steps: [['COMMAND', 'COUNT'], u('COMMAND', 'LIST'), u('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'client*')] },
  {
    name: 'COMMAND DOCS and INFO of commands Valkey changed or added',
    steps: [
      ['COMMAND', 'DOCS', 'client|capa', 'client|kill', 'client|list', 'hscan', 'zscan', 'set', 'script|show', 'cluster|slot-stats'],
      ['COMMAND', 'INFO', 'client|capa', 'client|kill', 'hscan', 'zscan', 'set', 'script|show', 'cluster|slot-stats'],
    ],
  },
];

/** The identity scenarios for Redis builds too: INFO server's layout changed in 7.2 (listener lines). */
const redisIdentity: Scenario[] = [
  ...scenarios.filter((s) => s.name === 'HELLO names the server' || s.name === 'INFO server' || s.name.startsWith('CLIENT KILL MAXAGE')),
  {
    name: "7.2's cluster-announce-human-nodename and OBJECT HELP",
    steps: [
      ['CONFIG', 'GET', 'cluster-announce-human-nodename'], ['CONFIG', 'SET', 'cluster-announce-human-nodename', 'node a-1'],
      ['CONFIG', 'GET', 'cluster-announce-human-nodename'], ['CONFIG', 'SET', 'cluster-announce-human-nodename', 'a!b'],
      ['CONFIG', 'SET', 'cluster-announce-human-nodename', 'a:b'], ['CONFIG', 'SET', 'cluster-announce-human-nodename', ''],
      ['OBJECT', 'HELP'],
    ],
  },
];
const fakeRedis = (version: string) => (config: Record<string, string>) => new FakeServer({ version, config: { ...config, ...START_CONFIG } });
for (const version of ['7.2', '7.4']) {
  runReferenceScenarios(referenceEnv('redis', version), `Redis ${version} identity`, { createServer: fakeRedis(version) }, redisIdentity);
}

for (const version of ['8.0']) {
  const env = referenceEnv('valkey', version);
  runReferenceScenarios(env, `Valkey ${version}`, { createServer: fakeValkey(version) }, scenarios);
  runReferenceScenarios(env, `Valkey ${version} COMMAND`, { createServer: everyValkeyCommand(version) }, commandScenarios);
}
