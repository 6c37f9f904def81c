import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { commandLogEntries, type Scenario } from '@fakeredis/tooling/conformance';
import { FakeServer } from '../../src/index.js';
import { everyValkeyCommand, maskInfoFields, START_CONFIG } from './reference-config.js';

// Valkey 8.1 and 9.x against binaries built locally (never committed), each named by
// FAKEREDIS_VALKEY_<MAJOR>_<MINOR> (FAKEREDIS_VALKEY_9_1=/tmp/ref/valkey-9.1.2/valkey-server,
// FAKEREDIS_VALKEY_8_1=/tmp/ref/valkey-8.1.1/valkey-server); a suite whose variable is unset is skipped.


/** The fake configured as the runner starts the real server. */
const fakeValkey = (version: string) => (config: Record<string, string>) =>
  new FakeServer({ serverType: 'valkey', version, config: { ...config, ...START_CONFIG } });

/**
 * Fields of INFO server whose values depend on the process, the build, the machine or the
 * time, not on the server type: monotonic_clock is the CPU's TSC rate in builds since 8.1
 * (processor clock on by default), gcc_version the compiler's.
 */
const VARYING = new Set([
  'redis_git_sha1', 'redis_git_dirty', 'redis_build_id', 'os', 'gcc_version', 'process_id', 'run_id', 'tcp_port', 'server_time_usec',
  'uptime_in_seconds', 'lru_clock', 'executable', 'listener0', 'monotonic_clock',
]);

/** INFO server with the values of VARYING fields masked. */
const infoServer = maskInfoFields(VARYING);

const u = (...cmd: string[]) => ({ cmd, compare: 'unordered' as const });

/** What Valkey 8.1 and later answer alike. */
const scenarios: Scenario[] = [
  {
    name: 'HELLO names the server',
    steps: [{ cmd: ['HELLO', '3'], compare: { except: ['id'] } }, { cmd: ['HELLO', '2'], compare: { except: ['id'] } }],
  },
  {
    name: 'INFO server, and as Redis 7.2.4 under extended-redis-compatibility',
    steps: [
      // clients_hz follows hz at clientsCron's next run, so hz is not changed here.
      { cmd: ['INFO', 'server'], compare: { map: infoServer } }, ['CONFIG', 'SET', 'extended-redis-compatibility', 'yes'], { cmd: ['HELLO', '3'], compare: { except: ['id'] } },
      { cmd: ['INFO', 'server'], compare: { map: infoServer } }, ['CONFIG', 'SET', 'extended-redis-compatibility', 'no'],
    ],
  },
  {
    name: 'error texts',
    steps: [
      ['NOSUCH', 'a', 'b'], ['CLIENT', 'NOSUCH'], ['GET'], ['SET', 'k', 'v', 'NX', 'XX'], ['SET', 's', 'v'], ['LPUSH', 's', 'x'],
      ['INCR', 's'], ['CONFIG', 'GET'], ['CONFIG', 'SET', 'nosuch', '1'], ['OBJECT', 'ENCODING', 'nokey'],
      ['ZADD', 'z', 'x', '1'], ['HSET', 'h'], ['EXPIRE', 'k', 'x'], ['SELECT', '100'], ['DEBUG', 'nosuch'], ['XADD', 'x', 'bad', 'f', 'v'],
      ['ACL', 'SAVE'], ['ACL', 'LOAD'],
    ],
  },
  {
    name: "SET IFEQ (8.1): only a string holding the value is replaced; Valkey's conditions exclude each other",
    events: true,
    steps: [
      ['SET', 'k', 'v', 'IFEQ', 'v'], ['EXISTS', 'k'], ['SET', 'k', 'v'], ['SET', 'k', 'w', 'IFEQ', 'x'], ['SET', 'k', 'w', 'IFEQ', 'v'], ['GET', 'k'],
      ['SET', 'k', 'z', 'IFEQ', 'w', 'GET'], ['SET', 'k', 'y', 'IFEQ', 'nope', 'GET'], ['SET', 'n', 'z', 'IFEQ', 'w', 'GET'], ['GET', 'k'],
      ['SET', 'k', 'v', 'ifeq', 'z', 'EX', '100'], ['TTL', 'k'], ['SET', 'k', 'w', 'IFEQ', 'v', 'KEEPTTL'], ['TTL', 'k'], ['SET', 'k', 'v', 'IFEQ', 'w'], ['TTL', 'k'],
      ['SET', 'i', '123'], ['SET', 'i', '7', 'IFEQ', '123'], ['GET', 'i'],
      ['LPUSH', 'l', 'a'], ['SET', 'l', 'z', 'IFEQ', 'w'], ['SET', 'l', 'z', 'IFEQ', 'w', 'GET'],
      ['SET', 'k', 'v', 'IFEQ', 'w', 'NX'], ['SET', 'k', 'v', 'NX', 'IFEQ', 'w'], ['SET', 'k', 'v', 'XX', 'IFEQ', 'w'], ['SET', 'k', 'v', 'IFEQ', 'w', 'XX'],
      ['SET', 'k', 'v', 'IFEQ'], ['SET', 'k', 'v', 'IFEQ', 'a', 'IFEQ', 'b'], ['SET', 'k', 'v', 'NX', 'NX'], ['SET', 'k', 'v', 'XX', 'XX'],
      ['SET', 'k', 'v', 'IFEQ', 'w', 'EX', '0'], ['SET', 'k', 'v', 'IFEQ', 'w', 'EX', '10', 'KEEPTTL'], ['SET', 'k', 'v', 'IFNE', 'w'], ['GET', 'k'],
    ],
  },
  {
    name: 'CLIENT CAPA',
    steps: [['CLIENT', 'CAPA'], ['CLIENT', 'CAPA', 'redirect'], ['CLIENT', 'CAPA', 'nosuch', 'REDIRECT']],
  },
  {
    name: 'CONFIG names, aliases and defaults',
    steps: [
      ['CONFIG', 'GET', 'primaryauth'], ['CONFIG', 'GET', 'masterauth'], ['CONFIG', 'GET', 'primaryuser'], ['CONFIG', 'GET', 'masteruser'],
      ['CONFIG', 'GET', 'bgsave-cpulist'], ['CONFIG', 'GET', 'bgsave_cpulist'], ['CONFIG', 'GET', 'extended-redis-compatibility'],
      ['CONFIG', 'GET', 'availability-zone'], ['CONFIG', 'GET', 'io-threads'], u('CONFIG', 'GET', '*cpulist*'), u('CONFIG', 'GET', 'primary*'),
      u('CONFIG', 'GET', 'master*'), u('CONFIG', 'GET', 'replica*'), u('CONFIG', 'GET', 'slave*'), u('CONFIG', 'GET', '*max-listpack*'),
      u('CONFIG', 'GET', 'lazyfree*'), u('CONFIG', 'GET', 'repl-*'), u('CONFIG', 'GET', 'slowlog*'), u('CONFIG', 'GET', 'commandlog*'),
      u('CONFIG', 'GET', 'latency*'), u('CONFIG', 'GET', 'lua*'), u('CONFIG', 'GET', 'busy*'), u('CONFIG', 'GET', 'log*'), u('CONFIG', 'GET', 'rdma*'),
      u('CONFIG', 'GET', '*mptcp*'), u('CONFIG', 'GET', 'tls-a*'), u('CONFIG', 'GET', 'cluster-announce-client*'), u('CONFIG', 'GET', 'locale-collate'),
      ['CONFIG', 'GET', 'dynamic-hz'], ['CONFIG', 'GET', 'io-threads-do-reads'], ['CONFIG', 'GET', 'aof-disable-auto-gc'], u('CONFIG', 'GET', 'aof*'),
      u('CONFIG', 'GET', 'slowlog-max-len', 'commandlog-slow-execution-max-len', 'active-defrag-cycle-us', 'import-mode'),
      ['CONFIG', 'SET', 'commandlog-large-reply-max-len', '-1'], ['CONFIG', 'SET', 'slowlog-max-len', '-1'], ['CONFIG', 'SET', 'commandlog-execution-slower-than', '-2'],
      ['CONFIG', 'SET', 'cluster-manual-failover-timeout', '0'], ['CONFIG', 'SET', 'active-defrag-cycle-us', '100001'], ['CONFIG', 'SET', 'log-format', 'bad'],
      ['CONFIG', 'SET', 'slowlog-max-len', '64'], ['CONFIG', 'GET', 'commandlog-slow-execution-max-len'], ['CONFIG', 'SET', 'slowlog-max-len', '128'],
      ['CONFIG', 'SET', 'log-format', 'JSON'], ['CONFIG', 'GET', 'log-format'], ['CONFIG', 'SET', 'log-format', 'legacy'],
    ],
  },
  {
    name: 'a command sample',
    steps: [
      ['SET', 'k', '1'], ['INCRBYFLOAT', 'k', '0.1'], ['GET', 'k'], ['HSET', 'h', 'a', '1', 'b', '2'], ['HGETALL', 'h'], ['HSCAN', 'h', '0', 'NOVALUES'],
      ['RPUSH', 'l', 'a', 'b', 'c'], ['LRANGE', 'l', '0', '-1'], ['SADD', 's1', '1', '2', '3'], ['SMEMBERS', 's1'], ['OBJECT', 'ENCODING', 's1'],
      ['ZADD', 'z', '1.5', 'a', '2', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZSCORE', 'z', 'a'], ['ZRANK', 'z', 'b', 'WITHSCORE'],
      ['XADD', 'x', '1-1', 'f', 'v'], ['XRANGE', 'x', '-', '+'], ['PFADD', 'p', 'a'], ['PFCOUNT', 'p'], ['SETBIT', 'b', '7', '1'], ['BITCOUNT', 'b'],
      ['OBJECT', 'ENCODING', 'h'], ['OBJECT', 'ENCODING', 'z'], ['OBJECT', 'ENCODING', 'l'], ['TYPE', 'x'], ['DBSIZE'],
      ['EVAL', 'return {server.call("GET","k"), redis.REDIS_VERSION, server.VALKEY_VERSION, redis.SERVER_NAME, server.REDIS_VERSION_NUM, server.VALKEY_VERSION_NUM}', '0'],
      ['OBJECT', 'HELP'], ['CONFIG', 'HELP'], ['MEMORY', 'HELP'], ['XINFO', 'HELP'],
    ],
  },
];

/** COMMANDLOG's large-request and large-reply entries of a script's commands (commandlog.c logs them with the caller's request and reply so far). */
const commandlogOfScripts: Scenario = {
  name: "COMMANDLOG of a script's commands",
  steps: [
    ['CONFIG', 'SET', 'commandlog-request-larger-than', '-1', 'commandlog-reply-larger-than', '-1', 'commandlog-large-request-max-len', '128', 'commandlog-large-reply-max-len', '128'],
    ['CONFIG', 'SET', 'commandlog-request-larger-than', '0', 'commandlog-reply-larger-than', '0'], ['CLIENT', 'SETNAME', 'me'], ['COMMANDLOG', 'RESET', 'large-request'], ['COMMANDLOG', 'RESET', 'large-reply'],
    ['EVAL', 'server.call("SET", KEYS[1], ARGV[1]); return server.call("GET", KEYS[1])', '1', 'k', 'value'], ['HSET', 'h', 'f', '1.5'], ['HGETALL', 'h'],
    { cmd: ['COMMANDLOG', 'GET', '-1', 'large-reply'], compare: commandLogEntries() }, { cmd: ['COMMANDLOG', 'GET', '-1', 'large-request'], compare: commandLogEntries() },
    ['CONFIG', 'SET', 'commandlog-request-larger-than', '1048576', 'commandlog-reply-larger-than', '1048576'],
  ],
};

/** What came with Valkey 9.0. */
const scenarios90: Scenario[] = [
  {
    name: 'CONFIG GET answers in name order (9.0)',
    steps: [
      ['CONFIG', 'GET', 'aof*'], ['CONFIG', 'GET', 'slowlog-max-len', 'commandlog-slow-execution-max-len', 'active-defrag-cycle-us', 'import-mode', 'Maxmemory'],
      ['CONFIG', 'GET', 'maxmemory*', 'hz', '*cpulist*'], ['CONFIG', 'GET', 'lua-enable-insecure-api', 'lua-enable-deprecated-api', 'hash-seed', 'cluster-databases'],
      ['CONFIG', 'SET', 'lua-enable-deprecated-api', 'yes'], ['CONFIG', 'SET', 'hash-seed', 'x'], ['CONFIG', 'SET', 'mptcp', 'yes'],
      ['CONFIG', 'SET', 'tls-auth-clients-user', 'uri'], ['CONFIG', 'GET', 'tls-auth-clients-user'], ['CONFIG', 'SET', 'tls-auth-clients-user', 'off'],
      ['CONFIG', 'SET', 'slot-migration-max-failover-repl-bytes', '-2'], ['CONFIG', 'SET', 'slot-migration-max-failover-repl-bytes', '1mb'],
      ['CONFIG', 'GET', 'slot-migration-max-failover-repl-bytes'], ['CONFIG', 'SET', 'slot-migration-max-failover-repl-bytes', '0'],
      ['CONFIG', 'GET', 'events-per-io-thread'], ['CONFIG', 'GET', 'sanitize-dump-payload'],
    ],
  },
  {
    name: 'DELIFEQ (9.0): deletes a string key holding the value, propagated as DEL',
    events: true,
    steps: [
      ['SET', 'k', 'v'], ['DELIFEQ', 'k', 'w'], ['DELIFEQ', 'k', 'v'], ['EXISTS', 'k'], ['DELIFEQ', 'k', 'v'], ['SET', 'i', '123'], ['DELIFEQ', 'i', '123'],
      ['LPUSH', 'l', 'a'], ['DELIFEQ', 'l', 'a'], ['DELIFEQ', 'k'], ['DELIFEQ', 'k', 'v', 'w'], ['SET', 'e', 'v', 'PX', '1'], { sleep: 20 }, ['DELIFEQ', 'e', 'v'],
    ],
  },
];

/** COMMAND's answers from the metadata: every command in the table. */
const commandScenarios: Scenario[] = [
  { name: 'COMMAND COUNT and LIST', steps: [['COMMAND', 'COUNT'], u('COMMAND', 'LIST'), u('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'client*')] },
  {
    name: 'COMMAND DOCS and INFO of commands Valkey changed or added',
    steps: [
      ['COMMAND', 'DOCS', 'set', 'commandlog', 'commandlog|get', 'client|kill', 'client|list', 'bgsave'],
      ['COMMAND', 'INFO', 'set', 'commandlog|get', 'commandlog|len', 'client|import-source', 'bgsave'],
    ],
  },
];
const commandScenarios90: Scenario[] = [
  {
    name: 'COMMAND DOCS and INFO of commands of 9.x',
    steps: [
      ['COMMAND', 'DOCS', 'delifeq', 'hsetex', 'hgetex', 'hexpire', 'msetex', 'geosearch', 'cluster|migrateslots'],
      ['COMMAND', 'INFO', 'delifeq', 'hsetex', 'hgetdel', 'httl', 'msetex', 'clusterscan'],
    ],
  },
];

/** Script error texts and SCRIPT SHOW of Valkey 8.0 and 8.1 (9.1's Lua module names no script in its errors, not modelled). */
const scriptErrors: Scenario[] = [
  {
    name: 'script error texts',
    steps: [
      ['EVAL', 'return server.call("nosuch")', '0'], ['EVAL', 'return redis.call("get")', '0'], ['EVAL', 'return server.pcall("nosuch")', '0'],
      ['EVAL', 'return server.call("eval", "return 1", "0")', '0'], ['EVAL', 'return server.setresp(5)', '0'], ['EVAL', 'error("x")', '0'],
      ['EVAL', 'return 1 +', '0'], ['EVAL', 'return {err="My Error"}', '0'], ['FCALL', 'nosuch', '0'],
      ['SCRIPT', 'LOAD', 'return 1'], ['SCRIPT', 'SHOW', 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db'], ['SCRIPT', 'SHOW', 'abc'], ['SCRIPT', 'SHOW'],
    ],
  },
];

/** Redis 7.2's configuration changes, which every Valkey version has. */
const redis72Config: Scenario[] = [
  {
    name: "Redis 7.2's locale-collate and hidden aof-disable-auto-gc",
    steps: [
      ['CONFIG', 'GET', 'locale-collate'], u('CONFIG', 'GET', 'aof*'), ['CONFIG', 'GET', 'aof-disable-auto-gc'], ['CONFIG', 'SET', 'locale-collate', 'xx_YY'],
      ['CONFIG', 'SET', 'locale-collate', 'C'], ['CONFIG', 'GET', 'locale-collate'], ['CONFIG', 'SET', 'locale-collate', ''],
    ],
  },
];
runReferenceScenarios(referenceEnv('valkey', '8.0'), 'Valkey 8.0 configuration and script errors', { createServer: fakeValkey('8.0') }, [...redis72Config, ...scriptErrors]);

for (const version of ['8.1', '9.1']) {
  const env = referenceEnv('valkey', version);
  const nine = version.startsWith('9.');
  runReferenceScenarios(env, `Valkey ${version}`, { createServer: fakeValkey(version) }, [...scenarios, commandlogOfScripts, ...redis72Config, ...(nine ? scenarios90 : scriptErrors)]);
  runReferenceScenarios(env, `Valkey ${version} COMMAND`, { createServer: everyValkeyCommand(version) }, nine ? [...commandScenarios, ...commandScenarios90] : commandScenarios);
}
