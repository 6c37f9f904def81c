import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import type { Scenario, Wire } from '@fakeredis/tooling/conformance';
import { FakeServer } from '../../src/index.js';
import { maskInfoFields, START_CONFIG } from './reference-config.js';

// KeyDB 6.3 against a keydb-server built locally (never committed), named by
// FAKEREDIS_KEYDB_6_3=/tmp/ref/keydb-6.3.4/keydb-server; skipped when it is unset.

const fakeKeyDB = (config: Record<string, string>) => new FakeServer({ serverType: 'keydb', version: '6.3', config: { ...config, ...START_CONFIG } });

/** Fields of INFO server whose values depend on the process, the build or the time, not on the server type. */
const VARYING = new Set([
  'redis_git_sha1', 'redis_build_id', 'os', 'gcc_version', 'process_id', 'run_id', 'tcp_port', 'server_time_usec', 'uptime_in_seconds', 'lru_clock',
  'executable',
]);

/** INFO server with the values of VARYING fields masked. */
const infoServer = maskInfoFields(VARYING);

const u = (...cmd: string[]) => ({ cmd, compare: 'unordered' as const });

/** An INFO reply's section titles only (the fields' values vary between servers). */
function sectionTitles(reply: Wire): Wire {
  const text = reply.t === 'bulk' ? reply.v : reply.t === 'verbatim' ? reply.v.slice(4) : undefined;
  if (text === undefined) return reply;
  return { t: 'bulk', v: text.split('\r\n').filter((line) => line.startsWith('# ')).join('\r\n') };
}

const scenarios: Scenario[] = [
  {
    name: 'HELLO names the server redis at 6.3.4',
    steps: [{ cmd: ['HELLO', '3'], compare: { except: ['id'] } }, { cmd: ['HELLO', '2'], compare: { except: ['id'] } }, ['HELLO', '4']],
  },
  { name: 'INFO server', steps: [{ cmd: ['INFO', 'server'], compare: { map: infoServer } }] },
  {
    name: 'INFO sections, keyspace and KeyDB',
    steps: [
      { cmd: ['INFO'], compare: { map: sectionTitles } }, { cmd: ['INFO', 'all'], compare: { map: sectionTitles } },
      { cmd: ['INFO', 'everything'], compare: { map: sectionTitles } }, ['SET', 'a', '1'], ['SELECT', '2'], ['SET', 'b', '1'], ['SELECT', '0'],
      ['INFO', 'keyspace'], ['INFO', 'keydb'], ['INFO', 'latencystats'],
    ],
  },
  {
    name: "Redis 6.2's dispatch texts",
    steps: [
      ['NOSUCH', 'a', 'b'], ['NOSUCH'], ['CLIENT', 'NOSUCH'], ['CLIENT', 'SETNAME', 'a', 'b'], ['CONFIG', 'GET'], ['CONFIG', 'GET', 'a', 'b'],
      ['CONFIG', 'SET', 'maxmemory-samples', '5', 'hz', '10'], ['GET'], ['OBJECT', 'NOSUCH'], ['XINFO', 'NOSUCH'], ['MEMORY', 'NOSUCH'],
      // 6.2's handlers check their own argc: these take what 7.0's arities refuse.
      ['COMMAND', 'GETKEYS', 'x'], ['COMMAND', 'GETKEYS', 'get'], ['SCRIPT', 'EXISTS'], ['ACL', 'SAVE', 'x'], ['ACL', 'LOAD'], ['XINFO', 'HELP', 'x'],
    ],
  },
  {
    name: 'commands added in Redis 7.0 are unknown',
    steps: [
      ['EXPIRETIME', 'k'], ['PEXPIRETIME', 'k'], ['LCS', 'a', 'b'], ['SINTERCARD', '1', 's'], ['ZINTERCARD', '1', 'z'], ['LMPOP', '1', 'l', 'LEFT'],
      ['ZMPOP', '1', 'z', 'MIN'], ['BLMPOP', '0', '1', 'l', 'LEFT'], ['SORT_RO', 'l'], ['EVAL_RO', 'return 1', '0'], ['FUNCTION', 'LIST'], ['FCALL', 'f', '0'],
      ['SPUBLISH', 'c', 'm'], ['SSUBSCRIBE', 'c'], ['LOLWUT'], ['CLIENT', 'NO-EVICT', 'on'], ['COMMAND', 'DOCS', 'get'], ['COMMAND', 'LIST'],
      ['ACL', 'DRYRUN', 'default', 'get', 'k'], ['PUBSUB', 'SHARDCHANNELS'], ['LATENCY', 'HISTOGRAM'],
    ],
  },
  {
    name: "Redis 6.2's argument forms",
    steps: [
      ['SET', 'k', 'v'], ['EXPIRE', 'k', '10', 'NX'], ['EXPIRE', 'k', '10', 'GT'], ['PEXPIRE', 'k', '100', 'XX'], ['EXPIREAT', 'k', '1', 'LT'],
      ['TTL', 'k'], ['PERSIST', 'k'], ['XADD', 'x', '1-1', 'f', 'v'], ['XSETID', 'x', '5-5', 'ENTRIESADDED', '3'], ['XSETID', 'x', '5-5'],
      ['SET', 'k', 'v', 'GET'], ['GETEX', 'k', 'PERSIST'], ['GETDEL', 'k'], ['RPUSH', 'l', 'a', 'b', 'a'], ['LPOS', 'l', 'a', 'RANK', '-1'],
      ['COPY', 'l', 'l2'], ['LMOVE', 'l', 'l2', 'LEFT', 'RIGHT'], ['ZADD', 'z', '1', 'a', '2', 'b'], ['ZRANGE', 'z', '(1', '+inf', 'BYSCORE', 'WITHSCORES'],
      ['ZRANGESTORE', 'z2', 'z', '0', '-1'], ['ZMSCORE', 'z', 'a', 'x'], ['SADD', 's', 'a'], ['SMISMEMBER', 's', 'a', 'x'],
      ['SET', 'b', 'abc'], ['BITCOUNT', 'b', '0', '-1', 'BIT'], ['BITCOUNT', 'nokey', '0', '-1', 'BIT'], ['BITCOUNT', 'b', '0', '-1'],
      ['BITPOS', 'b', '1', '0', '-1', 'BIT'], ['BITPOS', 'nokey', '1', '0', '-1', 'BYTE'], ['BITPOS', 'b', '1', '0', '-1'],
      ['SET', 'k', 'v', 'EX', '0'], ['SET', 'k', 'v', 'PX', '-1'], ['SETEX', 'k', '0', 'v'], ['PSETEX', 'k', '-5', 'v'], ['GETEX', 'b', 'EX', '0'],
      ['PEXPIRE', 'b', '9223372036854775807'],
      // 7.0 allowed NX with GET, upper-case GEO units and XADD's <ms>-*, as those commands' history records.
      ['SET', 'n', 'v', 'NX', 'GET'], ['SET', 'n', 'v', 'GET', 'NX'], ['SET', 'n', 'v', 'XX', 'GET'], ['SET', 'n', 'v', 'GET', 'XX'], ['SET', 'n', 'w', 'GET'],
      ['GEOADD', 'g', '13.361389', '38.115556', 'Palermo', '15.087269', '37.502669', 'Catania'], ['GEODIST', 'g', 'Palermo', 'Catania', 'km'],
      ['GEODIST', 'g', 'Palermo', 'Catania', 'KM'], ['GEODIST', 'g', 'Palermo', 'Catania', 'yd'], ['GEORADIUS', 'g', '15', '37', '200', 'Km'],
      ['GEORADIUS', 'g', '15', '37', '200', 'km'], ['GEOSEARCH', 'g', 'FROMLONLAT', '15', '37', 'BYBOX', '400', '400', 'MI', 'ASC'],
      ['GEOSEARCH', 'g', 'FROMLONLAT', '15', '37', 'BYRADIUS', '200', 'ft'], ['GEORADIUSBYMEMBER', 'g', 'Palermo', '100', 'M'],
      ['XADD', 'x2', '5-*', 'f', 'v'], ['XADD', 'x2', '5-1', 'f', 'v'], ['XLEN', 'x2'],
    ],
  },
  {
    name: "Redis 6.2's STRALGO LCS",
    steps: [
      ['STRALGO'], ['STRALGO', 'foo'], ['STRALGO', 'lcs'], ['STRALGO', 'LCS', 'STRINGS', 'ohmytext', 'mynewtext'],
      ['STRALGO', 'LCS', 'LEN', 'STRINGS', 'ohmytext', 'mynewtext'], ['STRALGO', 'LCS', 'STRINGS', 'ohmytext', 'mynewtext', 'LEN', 'IDX'],
      ['STRALGO', 'LCS', 'IDX', 'STRINGS', 'ohmytext', 'mynewtext', 'MINMATCHLEN', '4', 'WITHMATCHLEN'], ['STRALGO', 'LCS', 'IDX', 'STRINGS', 'ohmytext', 'mynewtext'],
      ['STRALGO', 'LCS', 'STRINGS', 'a', 'b', 'KEYS', 'x', 'y'], ['STRALGO', 'LCS', 'KEYS', 'x', 'y', 'KEYS', 'x', 'y'], ['STRALGO', 'LCS', 'STRINGS', 'a'],
      ['STRALGO', 'LCS', 'MINMATCHLEN', 'x', 'STRINGS', 'a', 'b'], ['STRALGO', 'LCS', 'MINMATCHLEN', '-5', 'IDX', 'STRINGS', 'abc', 'abc'],
      ['STRALGO', 'LCS', 'STRINGS', 'a', 'b', 'bogus'], ['STRALGO', 'LCS', 'KEYS', 'k1', 'k2'], ['STRALGO', 'LCS', 'LEN', 'KEYS', 'nokey', 'nokey2'],
      ['SET', 'k1', 'ohmytext'], ['SET', 'k2', 'mynewtext'], ['SET', 'n', '12345'], ['STRALGO', 'LCS', 'KEYS', 'k1', 'k2'], ['STRALGO', 'LCS', 'KEYS', 'n', 'k2', 'IDX'],
      ['RPUSH', 'l', 'a'], ['STRALGO', 'LCS', 'KEYS', 'l', 'k1'], ['STRALGO', 'LCS', 'KEYS', 'l', 'k1', 'bogus'], ['STRALGO', 'LCS', 'LEN', 'IDX', 'KEYS', 'k1', 'l'],
      ['STRALGO', 'LCS', 'STRINGS', Buffer.from('a\0b\xffc', 'latin1'), Buffer.from('\0\xff', 'latin1')], ['COMMAND', 'GETKEYS', 'STRALGO', 'LCS', 'KEYS', 'a', 'b'],
    ],
  },
  {
    name: "COMMAND's Redis 6.2 reply: seven fields per command",
    steps: [
      ['COMMAND', 'INFO', 'get', 'set', 'client', 'config', 'stralgo', 'keydb.mexists', 'expiremember', 'nosuch', 'srandmember', 'keys', 'blpop', 'multi', 'wait'],
      ['COMMAND', 'INFO', 'latency', 'xgroup', 'readwrite', 'psync', 'pttl', 'info', 'cluster', 'hello', 'eval', 'sort', 'object', 'memory', 'xinfo', 'Get'],
    ],
  },
  {
    name: 'CONFIG names, aliases and defaults',
    steps: [
      ['CONFIG', 'GET', 'hash-max-ziplist-entries'], ['CONFIG', 'GET', 'hash-max-listpack-entries'], ['CONFIG', 'GET', 'list-max-ziplist-size'],
      ['CONFIG', 'GET', 'list-max-listpack-size'], ['CONFIG', 'GET', 'lua-time-limit'], ['CONFIG', 'GET', 'busy-reply-threshold'],
      ['CONFIG', 'GET', 'enable-debug-command'], ['CONFIG', 'GET', 'maxmemory-samples'], ['CONFIG', 'GET', 'acl-pubsub-default'],
      ['CONFIG', 'GET', 'repl-diskless-sync'], ['CONFIG', 'GET', 'availability-zone'], ['CONFIG', 'GET', 'active-replica'],
      u('CONFIG', 'GET', '*ziplist*'), u('CONFIG', 'GET', '*listpack*'), u('CONFIG', 'GET', 'storage-*'), u('CONFIG', 'GET', 'enable-*'),
      u('CONFIG', 'GET', 'max*'), u('CONFIG', 'GET', 'lazyfree*'), u('CONFIG', 'GET', 'shutdown*'), u('CONFIG', 'GET', 'latency*'),
      ['CONFIG', 'SET', 'nosuch', '1'], ['CONFIG', 'SET', 'hz', 'abc'], ['CONFIG', 'SET', 'daemonize', 'yes'], ['CONFIG', 'SET', 'hz', '10'],
      ['CONFIG', 'SET', 'hash-max-ziplist-entries', '64'], ['CONFIG', 'GET', 'hash-max-ziplist-entries'], ['CONFIG', 'SET', 'hash-max-ziplist-entries', '128'],
      ['CONFIG', 'SET', 'hash-max-listpack-entries', '64'], ['CONFIG', 'SET', 'enable-debug-command', 'yes'],
    ],
  },
  {
    name: 'encodings',
    steps: [
      ['HSET', 'h', 'a', '1'], ['ZADD', 'z', '1', 'a'], ['RPUSH', 'l', 'a'], ['SADD', 's', '1'], ['SADD', 's2', 'x'], ['SET', 'n', '1'], ['SET', 'e', 'abc'],
      ['OBJECT', 'ENCODING', 'h'], ['OBJECT', 'ENCODING', 'z'], ['OBJECT', 'ENCODING', 'l'], ['OBJECT', 'ENCODING', 's'], ['OBJECT', 'ENCODING', 's2'],
      ['OBJECT', 'ENCODING', 'n'], ['OBJECT', 'ENCODING', 'e'], ['TYPE', 'h'],
    ],
  },
  {
    // Not yet KeyDB's: MEMORY USAGE of an empty string and of a string APPEND grew (KeyDB sizes them otherwise).
    name: "strings: embedded up to 52 bytes, KeyDB's MEMORY USAGE of its 32-byte objects",
    steps: [
      ['SET', 'i', '1'], ['SET', 'big', '123456789012'], ['SET', 'e', 'hello'], ['SET', 'k12345678', 'v'],
      ...[44, 45, 52, 53, 60, 61, 100, 300].flatMap((n) => [['SET', `s${n}`, 'x'.repeat(n)], ['OBJECT', 'ENCODING', `s${n}`], ['MEMORY', 'USAGE', `s${n}`]]),
      ['MEMORY', 'USAGE', 'i'], ['MEMORY', 'USAGE', 'big'], ['MEMORY', 'USAGE', 'e'], ['MEMORY', 'USAGE', 'k12345678'],
      ['EXPIRE', 'e', '100'], ['MEMORY', 'USAGE', 'e'], ['APPEND', 'e', 'xx'], ['OBJECT', 'ENCODING', 'e'], ['MEMORY', 'USAGE', 'nosuch'],
    ],
  },
  {
    name: 'KEYDB.MEXISTS and KEYDB.HRENAME',
    events: true,
    steps: [
      ['SET', 'a', '1'], ['HSET', 'h', 'f', 'v', 'g', 'w'], ['KEYDB.MEXISTS', 'a', 'nosuch', 'h', 'a'], ['KEYDB.MEXISTS'],
      ['KEYDB.HRENAME', 'h', 'f', 'f2'], ['HGETALL', 'h'], ['KEYDB.HRENAME', 'h', 'g', 'f2'], ['HGETALL', 'h'], ['KEYDB.HRENAME', 'h', 'nosuch', 'x'],
      ['KEYDB.HRENAME', 'nokey', 'f', 'x'], ['KEYDB.HRENAME', 'a', 'f', 'x'], ['KEYDB.HRENAME', 'h', 'f2', 'f2'], ['HGETALL', 'h'], ['KEYDB.HRENAME', 'h', 'f2'],
      ['HSET', 'h', 'n', '12'], ['KEYDB.HRENAME', 'h', 'n', 'x'.repeat(100)], ['OBJECT', 'ENCODING', 'h'], ['HLEN', 'h'],
      ['CONFIG', 'SET', 'hash-max-ziplist-entries', '2'], ['HSET', 'h2', 'a', '1', 'b', '2'], ['KEYDB.HRENAME', 'h2', 'a', 'c'], ['OBJECT', 'ENCODING', 'h2'],
      ['CONFIG', 'SET', 'hash-max-ziplist-entries', '128'],
    ],
  },
  {
    name: 'EXPIREMEMBER, EXPIREMEMBERAT, PEXPIREMEMBERAT: arguments and errors',
    events: true,
    steps: [
      ['SADD', 's', 'a', 'b'], ['HSET', 'h', 'f', 'v'], ['ZADD', 'z', '1', 'm'], ['SET', 'str', 'x'], ['RPUSH', 'l', 'x'],
      ['EXPIREMEMBER', 's', 'a', '100'], ['EXPIREMEMBER', 's', 'nosuch', '100'], ['EXPIREMEMBER', 'nokey', 'a', '100'], ['EXPIREMEMBER', 'str', 'a', '100'],
      ['EXPIREMEMBER', 'l', 'x', '100'], ['EXPIREMEMBER', 'nokey', 'a', '100', 'hours'], ['EXPIREMEMBER', 's', 'a', 'x'], ['EXPIREMEMBER', 's', 'a', '1', 's', 'x'],
      ['EXPIREMEMBER', 's', 'b', '100000', 'MS'], ['EXPIREMEMBER', 'h', 'f', '100', 's'], ['EXPIREMEMBER', 'h', 'g', '100'], ['EXPIREMEMBER', 'z', 'm', '100'],
      ['EXPIREMEMBERAT', 's', 'a', '9999999999'], ['PEXPIREMEMBERAT', 's', 'b', '9999999999000'], ['EXPIREMEMBERAT', 's', 'a', 'x'], ['EXPIREMEMBERAT', 's', 'a'],
      ['TTL', 's', 'a'], ['PTTL', 's', 'nosuch'], ['TTL', 's', 'nosuch'], ['TTL', 's'], ['TTL', 'nokey', 'a'], ['TTL', 's', 'a', 'b'], ['TTL', 'nokey', 'a', 'b'],
      ['TTL', 'h', 'f'], ['TTL', 'z', 'm'], ['PTTL', 'h', 'f', 'x'], ['TYPE', 's'], u('SMEMBERS', 's'),
      ['PERSIST', 's', 'a'], ['PERSIST', 's', 'a'], ['TTL', 's', 'a'], ['PERSIST', 's', 'nosuch'], ['PERSIST', 'nokey', 'a'], ['PERSIST', 's', 'a', 'b'],
      ['PERSIST', 'nokey', 'a', 'b'], ['PERSIST', 'h'], ['TTL', 'h', 'f'], ['PERSIST', 'h'], ['TTL', 'z', 'm'], ['SET', 'z', 'y'], ['TTL', 'z'], ['TTL', 'z', 'm'],
    ],
  },
  // KeyDB's active cycle visits keys in no fixed order: each scenario below has one key whose expiry emits events.
  {
    name: 'member expiry: the active cycle removes members (a set emits srem, a hash and a sorted set nothing)',
    events: true,
    steps: [
      ['SADD', 's', 'a', 'b', 'c'], ['HSET', 'h', 'f', '1', 'g', '2'], ['ZADD', 'z', '1', 'a', '2', 'b'],
      ['EXPIREMEMBER', 's', 'b', '100', 'ms'], ['EXPIREMEMBER', 'h', 'f', '100', 'ms'], ['EXPIREMEMBER', 'z', 'b', '100', 'ms'],
      { advance: 600 },
      u('SMEMBERS', 's'), ['HGETALL', 'h'], ['ZRANGE', 'z', '0', '-1'], ['TTL', 's', 'b'], ['TTL', 's'], ['SISMEMBER', 's', 'b'],
    ],
  },
  {
    name: 'member expiry: a set left empty expires',
    events: true,
    steps: [['SADD', 's', 'x'], ['PEXPIREMEMBERAT', 's', 'x', '1'], { advance: 600 }, ['EXISTS', 's']],
  },
  {
    name: 'member expiry: a hash left empty expires',
    events: true,
    steps: [['HSET', 'h', 'f', '1'], ['EXPIREMEMBER', 'h', 'f', '100', 'ms'], { advance: 600 }, ['EXISTS', 'h'], ['INFO', 'keyspace']],
  },
  {
    name: 'member expiry: a member removed and added again keeps its time',
    events: true,
    steps: [['SADD', 's', 'm', 'n'], ['EXPIREMEMBER', 's', 'm', '100', 'ms'], ['SREM', 's', 'm'], ['SADD', 's', 'm'], { advance: 600 }, ['SMEMBERS', 's']],
  },
  {
    name: 'member expiry goes with RENAME and MOVE, PERSIST and an overwrite drop it',
    steps: [
      ['SADD', 's', 'a', 'b'], ['EXPIREMEMBER', 's', 'a', '100'], ['RENAME', 's', 't'], ['TTL', 't', 'a'], ['MOVE', 't', '1'], ['SELECT', '1'], ['TTL', 't', 'a'],
      ['COPY', 't', 'u'], ['TTL', 'u', 'a'], ['SADD', 'u', 'z'], ['TTL', 'u', 'a'], ['PERSIST', 't'], ['TTL', 't', 'a'], ['PERSIST', 't'],
      ['EXPIREMEMBER', 'u', 'b', '100'], ['RESTORE', 'v', '0', '\x00\x01x\t\x00\xcb\x8eE\xf8\xb0\x1f\x9e\x1a'], ['FLUSHDB'], ['SELECT', '0'],
    ],
  },
];

runReferenceScenarios(referenceEnv('keydb', '6.3'), 'KeyDB 6.3', { createServer: fakeKeyDB }, scenarios);
