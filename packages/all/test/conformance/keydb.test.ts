import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import type { Scenario, Wire } from '@fakeredis/tooling/conformance';
import { FakeServer } from '../../src/index.js';

// KeyDB 6.3 against a keydb-server built locally (never committed), named by
// FAKEREDIS_KEYDB_6_3=/tmp/ref/keydb-6.3.4/keydb-server; skipped when it is unset.

const START_CONFIG = { save: '', appendonly: 'no', 'protected-mode': 'no', dir: '/tmp', logfile: '', loglevel: 'warning', bind: '127.0.0.1' };

const fakeKeyDB = (config: Record<string, string>) => new FakeServer({ serverType: 'keydb', version: '6.3', config: { ...config, ...START_CONFIG } });

/** Fields of INFO server whose values depend on the process, the build or the time, not on the server type. */
const VARYING = new Set([
  'redis_git_sha1', 'redis_build_id', 'os', 'gcc_version', 'process_id', 'run_id', 'tcp_port', 'server_time_usec', 'uptime_in_seconds', 'lru_clock',
  'executable', 'atomicvar_api',
]);

/** INFO server with the values of VARYING fields masked: field names, order and the rest compared exactly. */
function infoServer(reply: Wire): Wire {
  const text = reply.t === 'bulk' ? reply.v : reply.t === 'verbatim' ? reply.v.slice(4) : undefined;
  if (text === undefined) return reply;
  const lines = text.split('\r\n').map((line) => {
    const at = line.indexOf(':');
    return at > 0 && VARYING.has(line.slice(0, at)) ? `${line.slice(0, at)}:#` : line;
  });
  return { t: 'bulk', v: lines.join('\r\n') };
}

const u = (...cmd: string[]) => ({ cmd, compare: 'unordered' as const });

const scenarios: Scenario[] = [
  {
    name: 'HELLO names the server redis at 6.3.4',
    steps: [{ cmd: ['HELLO', '3'], compare: { except: ['id'] } }, { cmd: ['HELLO', '2'], compare: { except: ['id'] } }, ['HELLO', '4']],
  },
  { name: 'INFO server', steps: [{ cmd: ['INFO', 'server'], compare: { map: infoServer } }] },
  {
    name: "Redis 6.2's dispatch texts",
    steps: [
      ['NOSUCH', 'a', 'b'], ['NOSUCH'], ['CLIENT', 'NOSUCH'], ['CLIENT', 'SETNAME', 'a', 'b'], ['CONFIG', 'GET'], ['CONFIG', 'GET', 'a', 'b'],
      ['CONFIG', 'SET', 'maxmemory-samples', '5', 'hz', '10'], ['GET'], ['OBJECT', 'NOSUCH'], ['XINFO', 'NOSUCH'], ['MEMORY', 'NOSUCH'],
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
];

runReferenceScenarios(referenceEnv('keydb', '6.3'), 'KeyDB 6.3', { createServer: fakeKeyDB }, scenarios);
