import { createHash } from 'node:crypto';
import { FakeServer, serverProfile } from '@fakeredis/core';
import { runScenarios, type Scenario } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { mixins, options } from './server.js';

// Client-side caching and scripts: when a script runs a read command, its caller (if it
// tracks keys) remembers the keys the script declared in Redis 7.0 (call()'s
// trackingRememberKeys on server.script_caller), the keys that command read from 7.2;
// EVAL_RO and FCALL_RO themselves remember nothing. A write by another client then sends
// the caller its invalidation push. Also run against Redis 7.2 / 7.4 and Valkey 8.0 builds
// when FAKEREDIS_REDIS_7_2 / _7_4 and FAKEREDIS_VALKEY_8_0 name them.
const GET_KEY = 'return redis.call("GET", KEYS[1])';
const GET_U = 'return redis.call("GET", "u")';
const LIB = `#!lua name=track
redis.register_function{function_name='get', callback=function(k) return redis.call('GET', k[1]) end, flags={'no-writes'}}
redis.register_function('set', function(k) return redis.call('SET', k[1], 'f') end)`;
const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');
const b = (...cmd: string[]) => ({ cmd, conn: 'b' });

const scenarios: Scenario[] = [
  {
    name: 'a script that reads: the caller remembers its declared keys (7.0) or the keys read (7.2+)',
    steps: [
      ['SET', 'k', 'v'], ['SET', 'u', 'v'],
      ['CLIENT', 'TRACKING', 'on'],
      ['EVAL', GET_KEY, '1', 'k'],
      b('SET', 'k', 'x'),
      { messages: 'a' },
      ['EVAL', GET_U, '1', 'k'],
      b('SET', 'u', 'x'),
      { messages: 'a' },
      b('SET', 'k', 'y'),
      { messages: 'a' },
      ['EVAL', GET_U, '0'],
      ['EVAL', 'return redis.call("SET", KEYS[1], "w")', '1', 'k'],
      ['EVAL', 'return 1', '1', 'k'],
      b('SET', 'u', 'y'), b('SET', 'k', 'z'),
      { messages: 'a' },
      ['EVAL_RO', GET_KEY, '1', 'k'],
      ['EVAL', 'return redis.call("EXISTS", KEYS[1], "u")', '2', 'k', 'k2'],
      b('DEL', 'k2'), b('MSET', 'k', '1', 'k2', '2'),
      { messages: 'a' },
      ['SCRIPT', 'LOAD', GET_KEY],
      ['EVALSHA', sha1(GET_KEY), '1', 'k'],
      b('SET', 'k', 'h'),
      { messages: 'a' },
      ['CLIENT', 'TRACKING', 'off'],
      ['DEL', 'k', 'k2', 'u'], ['SCRIPT', 'FLUSH'],
    ],
    protocols: [3],
  },
  {
    name: 'functions, a script writing what it read, MULTI, OPTIN and BCAST',
    steps: [
      ['FUNCTION', 'LOAD', 'REPLACE', LIB],
      ['CLIENT', 'TRACKING', 'on'],
      ['FCALL', 'get', '1', 'k'],
      ['FCALL_RO', 'get', '1', 'k2'],
      ['FCALL', 'set', '1', 'k3'],
      b('MSET', 'k', '1', 'k2', '2', 'k3', '3'),
      { messages: 'a' },
      { cmd: ['EVAL', 'redis.call("GET", KEYS[1]) return redis.call("SET", KEYS[1], "s")', '1', 'k'], replies: 2 },
      { messages: 'a' },
      ['MULTI'], ['EVAL', GET_KEY, '1', 'k'], ['EXEC'],
      b('SET', 'k', 'm'),
      { messages: 'a' },
      ['CLIENT', 'TRACKING', 'on', 'optin'],
      ['EVAL', GET_KEY, '1', 'k'],
      b('SET', 'k', 'o'),
      ['CLIENT', 'CACHING', 'yes'],
      ['EVAL', GET_KEY, '1', 'k2'],
      b('SET', 'k2', 'o'),
      { messages: 'a' },
      ['CLIENT', 'TRACKING', 'off'],
      ['CLIENT', 'TRACKING', 'on', 'bcast', 'prefix', 'p'],
      ['EVAL', GET_KEY, '1', 'k'],
      b('SET', 'k', 'b'), b('SET', 'p1', 'b'),
      { sleep: 200 },
      { messages: 'a' },
      ['CLIENT', 'TRACKING', 'off'],
      ['DEL', 'k', 'k2', 'k3', 'p1'], ['FUNCTION', 'FLUSH'],
    ],
    protocols: [3],
  },
];

runScenarios('scripting: client-side caching', options, scenarios);
for (const [type, version] of [['redis', '7.2'], ['redis', '7.4'], ['valkey', '8.0']] as const) {
  const later = { createServer: (config: Record<string, string>) => new FakeServer({ mixins, config, profile: serverProfile(type, version) }) };
  runReferenceScenarios(referenceEnv(type, version), `scripting: client-side caching (${type} ${version})`, later, scenarios);
}
