import { createHash } from 'node:crypto';
import { FakeServer, serverProfile } from '@fakeredis/core';
import { type Compare, runScenarios, type Scenario, type Step } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { mixins, options } from './server.js';

// maxmemory and ACL as scripts meet them: the dispatcher judges EVAL / FCALL by the
// script's declared flags (denyoom unless allow-oom or no-writes), a script started over
// the limit may not call a denyoom command until it has written (scriptVerifyOOM), each
// command a script calls is checked against the caller's user (scriptVerifyACL, logged
// with context lua), redis.acl_check_cmd answers by the user's permissions, and the async
// flushes of the script cache and the functions count in lazyfreed_objects.

const sha1 = (text: string): string => createHash('sha1').update(text).digest('hex');
const E = (script: string, ...rest: string[]): string[] => ['EVAL', script, '0', ...rest];

/** Only the named INFO fields of a reply (the others differ by nature between the servers). */
const fields = (...names: string[]): Compare => ({
  normalize: (text: string) => text.split('\r\n').filter((line) => names.some((name) => line.startsWith(`${name}:`))).join('\n'),
});
/** Once redis-server's lazyfree thread has freed what it was given (as Redis's own tests wait), its counts. */
const LAZYFREED: Step[] = [
  { realUntil: ['INFO', 'memory'], until: /\blazyfree_pending_objects:0\r\n/ },
  { cmd: ['INFO', 'everything'], compare: fields('lazyfreed_objects', 'lazyfree_pending_objects') },
];

/** INFO commandstats without the timings, sorted (Redis prints its command dict's hash order). */
const COMMANDSTATS = E(`local t = {} for line in string.gmatch(redis.call("INFO", "commandstats"), "[^\\r\\n]+") do
     if line:sub(1, 1) ~= "#" then t[#t + 1] = (line:gsub("usec=%d+,usec_per_call=[%d.]+,", "")) end
   end table.sort(t) return t`);

const LIB = `#!lua name=oom
redis.register_function('w', function(k) return redis.call('SET', k[1], 'w') end)
redis.register_function{function_name='r', callback=function(k) return redis.call('GET', k[1]) end, flags={'no-writes'}}
redis.register_function{function_name='o', callback=function(k) return redis.call('SET', k[1], 'o') end, flags={'allow-oom'}}
redis.register_function{function_name='rw', callback=function(k) return redis.call('SET', k[1], 'rw') end, flags={'no-writes'}}
redis.register_function('d', function(k) redis.call('DEL', k[1]) return redis.call('SET', k[1], 'd') end)`;

const SET_B = 'return redis.call("SET", KEYS[1], "x")';
const SHEBANG_ONE = '#!lua\nreturn 1';

const oom: Scenario[] = [
  {
    name: 'scripts over maxmemory: by their flags at the start, then per call until they write',
    steps: [
      ['SCRIPT', 'FLUSH'], ['FUNCTION', 'FLUSH'], ['SET', 'a', '1'], ['FUNCTION', 'LOAD', LIB],
      ['CONFIG', 'SET', 'maxmemory', '1'], ['CONFIG', 'RESETSTAT'],
      E('return redis.call("SET", "b", "1")'),
      E('return redis.call("GET", "a")'),
      E('return redis.pcall("SET", "b", "1")'),
      E('local e = redis.pcall("SET", "b", "1") return redis.call("GET", "a")'),
      E('redis.call("DEL", "a") return redis.call("SET", "b", "1")'),
      E('redis.call("EXPIRE", "nosuch", "100") return redis.call("SET", "b", "2")'),
      E('return redis.call("INCR", "b")'),
      E('#!lua flags=no-writes\nreturn redis.call("GET", "b")'),
      E('#!lua flags=no-writes\nreturn redis.call("SET", "b", "3")'),
      E('#!lua flags=allow-oom\nreturn redis.call("SET", "b", "4")'),
      E('#!lua flags=allow-oom,no-writes\nreturn redis.call("GET", "b")'),
      E('#!lua\nreturn redis.call("GET", "b")'),
      E(SHEBANG_ONE),
      ['EVAL_RO', 'return redis.call("GET", "b")', '0'],
      ['EVAL_RO', 'return redis.call("SET", "b", "5")', '0'],
      ['EVAL_RO', '#!lua\nreturn 1', '0'],
      ['SCRIPT', 'LOAD', SET_B], ['EVALSHA', sha1(SET_B), '1', 'c'], ['EVALSHA_RO', sha1(SET_B), '1', 'c'],
      ['FCALL', 'w', '1', 'b'], ['FCALL', 'r', '1', 'b'], ['FCALL', 'o', '1', 'b'], ['FCALL', 'rw', '1', 'b'], ['FCALL', 'd', '1', 'b'],
      ['FCALL_RO', 'w', '1', 'b'], ['FCALL_RO', 'r', '1', 'b'], ['FCALL_RO', 'o', '1', 'b'], ['FCALL_RO', 'rw', '1', 'b'],
      ['FCALL', 'nosuch', '0'],
      ['FUNCTION', 'LOAD', "#!lua name=other\nredis.register_function('x', function() return 1 end)"],
      ['FUNCTION', 'RESTORE', 'not a payload'], ['FUNCTION', 'RESTORE', 'not a payload', 'FLUSH'],
      ['FCALL', 'x', '0'], ['FUNCTION', 'DELETE', 'oom'], ['FCALL', 'r', '1', 'b'], ['SCRIPT', 'FLUSH'], ['FUNCTION', 'FLUSH'],
      ['INFO', 'errorstats'], COMMANDSTATS,
      // Redis 7.2+ count the refusals (none of these fields in 7.0).
      { cmd: ['INFO', 'stats'], compare: fields('acl_access_denied_auth', 'acl_access_denied_cmd', 'acl_access_denied_key', 'acl_access_denied_channel') },
      ['CONFIG', 'SET', 'maxmemory', '0'], E('return redis.call("SET", "b", "1")'), ['GET', 'b'],
    ],
  },
  {
    name: 'scripts without a shebang in a transaction over maxmemory: checked per call at EXEC',
    steps: [
      ['SCRIPT', 'FLUSH'], ['SET', 'a', '1'],
      ['MULTI'], E('return redis.call("SET", "b", "1")'), E('return redis.call("GET", "a")'),
      E('redis.call("DEL", "a") return redis.call("SET", "b", "2")'), ['EVAL_RO', 'return redis.call("GET", "b")', '0'],
      { cmd: ['CONFIG', 'SET', 'maxmemory', '1'], conn: 'b' },
      ['EXEC'],
      { cmd: ['CONFIG', 'SET', 'maxmemory', '0'], conn: 'b' },
    ],
  },
  {
    name: 'SCRIPT FLUSH and FUNCTION FLUSH ASYNC count in lazyfreed_objects past 64',
    steps: [
      ['SCRIPT', 'FLUSH'], ['FUNCTION', 'FLUSH'], ['CONFIG', 'RESETSTAT'],
      ...Array.from({ length: 64 }, (_, i) => ['SCRIPT', 'LOAD', `return ${i}`]), ['SCRIPT', 'FLUSH', 'ASYNC'], ...LAZYFREED,
      ...Array.from({ length: 65 }, (_, i) => ['SCRIPT', 'LOAD', `return ${i}`]), ['SCRIPT', 'FLUSH', 'async'], ...LAZYFREED,
      ...Array.from({ length: 65 }, (_, i) => ['SCRIPT', 'LOAD', `return ${i}`]), ['SCRIPT', 'FLUSH', 'SYNC'], ...LAZYFREED,
      ...Array.from({ length: 65 }, (_, i) => ['SCRIPT', 'LOAD', `return ${i}`]), ['SCRIPT', 'FLUSH'], ...LAZYFREED,
      ['FUNCTION', 'LOAD', library('l64', 64)], ['FUNCTION', 'FLUSH', 'ASYNC'], ...LAZYFREED,
      ['FUNCTION', 'LOAD', library('l40', 40)], ['FUNCTION', 'LOAD', library('l25', 25)], ['FUNCTION', 'FLUSH', 'ASYNC'], ...LAZYFREED,
      ['FUNCTION', 'LOAD', library('l65', 65)], ['FUNCTION', 'FLUSH', 'SYNC'], ...LAZYFREED,
      ['FUNCTION', 'LOAD', library('l65', 65)], ['FUNCTION', 'FLUSH'], ...LAZYFREED,
      ['CONFIG', 'SET', 'lazyfree-lazy-user-flush', 'yes'],
      ...Array.from({ length: 66 }, (_, i) => ['SCRIPT', 'LOAD', `return ${i}`]), ['SCRIPT', 'FLUSH'], ...LAZYFREED,
      ...Array.from({ length: 66 }, (_, i) => ['SCRIPT', 'LOAD', `return ${i}`]), ['SCRIPT', 'FLUSH', 'SYNC'], ...LAZYFREED,
      ['FUNCTION', 'LOAD', library('l66', 66)], ['FUNCTION', 'FLUSH'], ...LAZYFREED,
      ['FUNCTION', 'LOAD', library('l66', 66)], ['FUNCTION', 'FLUSH', 'sync'], ...LAZYFREED,
      ['CONFIG', 'RESETSTAT'], ...LAZYFREED,
    ],
  },
];

/** A library of `n` functions. */
function library(name: string, n: number): string {
  const lines = Array.from({ length: n }, (_, i) => `redis.register_function('${name}_${i}', function() return ${i} end)`);
  return `#!lua name=${name}\n${lines.join('\n')}`;
}

runScenarios('scripting: maxmemory and lazyfree', options, oom);
for (const version of ['7.2', '7.4']) {
  const later = { createServer: (config: Record<string, string>) => new FakeServer({ mixins, config, profile: serverProfile('redis', version) }) };
  runReferenceScenarios(referenceEnv('redis', version), `scripting: maxmemory and lazyfree (Redis ${version})`, later, oom);
}
{
  // Valkey 8.0: FUNCTION FLUSH ASYNC counts the functions alone (no engine, unlike Redis 7.4).
  const valkey = { createServer: (config: Record<string, string>) => new FakeServer({ mixins, config, profile: serverProfile('valkey', '8.0') }) };
  runReferenceScenarios(referenceEnv('valkey', '8.0'), 'scripting: maxmemory and lazyfree (Valkey 8.0)', valkey, oom);
}

// Redis judges a queued command's flags when it is queued (mstate.cmd_flags), so a script
// unknown then (flags of EVALSHA / FCALL themselves) passes EXEC's OOM check and is refused
// when it starts (scriptPrepareForRun: "-OOM allow-oom flag is not set on the script ...").
// CLIENT PAUSE WRITE judges EXEC by the same flags. Redis 7.4 queues what is not denyoom
// over maxmemory (a script without a shebang, one with no-writes); 7.0 and 7.2 refuse
// everything inside MULTI.
const multiOom: Scenario[] = [
  {
    name: 'a script whose flags were unknown when queued is refused when EXEC runs it over maxmemory',
    steps: [
      ['SCRIPT', 'FLUSH'], ['FUNCTION', 'FLUSH'],
      ['MULTI'], ['EVALSHA', sha1(SHEBANG_ONE), '0'], ['FCALL', 'f', '0'], ['EVAL', '#!lua flags=no-writes\nreturn 2', '0'],
      { cmd: ['SCRIPT', 'LOAD', SHEBANG_ONE], conn: 'b' },
      { cmd: ['FUNCTION', 'LOAD', "#!lua name=late\nredis.register_function('f', function() return 1 end)"], conn: 'b' },
      { cmd: ['CONFIG', 'SET', 'maxmemory', '1'], conn: 'b' },
      ['EXEC'],
      { cmd: ['CONFIG', 'SET', 'maxmemory', '0'], conn: 'b' },
      ['SCRIPT', 'FLUSH'], ['FUNCTION', 'FLUSH'],
    ],
  },
  {
    name: 'CLIENT PAUSE WRITE lets through an EXEC that queued a no-writes script, flushed since',
    steps: [
      ['SCRIPT', 'FLUSH'], ['SCRIPT', 'LOAD', '#!lua flags=no-writes\nreturn 1'],
      ['MULTI'], ['EVALSHA', sha1('#!lua flags=no-writes\nreturn 1'), '0'], ['GET', 'x'],
      { cmd: ['SCRIPT', 'FLUSH'], conn: 'b' }, { cmd: ['CLIENT', 'PAUSE', '100000', 'WRITE'], conn: 'b' },
      ['EXEC'],
      { cmd: ['CLIENT', 'UNPAUSE'], conn: 'b' },
    ],
  },
  {
    name: 'scripts queued over maxmemory',
    steps: [
      ['SCRIPT', 'FLUSH'], ['CONFIG', 'SET', 'maxmemory', '1'],
      ['MULTI'], E('return 1'), E('#!lua flags=no-writes\nreturn 2'), ['EXEC'],
      ['MULTI'], E('return 1'), E(SHEBANG_ONE), ['EXEC'],
      ['MULTI'], E('#!lua flags=allow-oom\nreturn 3'), ['EVALSHA', sha1(SHEBANG_ONE), '0'], ['EXEC'],
      ['CONFIG', 'SET', 'maxmemory', '0'], ['SCRIPT', 'FLUSH'],
    ],
  },
];
runScenarios('scripting: EXEC and the flags of queueing time', options, multiOom);
for (const version of ['7.2', '7.4']) {
  const later = { createServer: (config: Record<string, string>) => new FakeServer({ mixins, config, profile: serverProfile('redis', version) }) };
  runReferenceScenarios(referenceEnv('redis', version), `scripting: EXEC and the flags of queueing time (Redis ${version})`, later, multiOom);
}

// ACL. Users live for the whole suite on the real server: each scenario starts and ends on
// a 'setup' connection (the default user) that deletes them and empties the log.
const USERS = ['bob'];
const CLEANUP: Step[] = [
  { cmd: ['ACL', 'DELUSER', ...USERS], conn: 'setup', compare: 'none' },
  { cmd: ['ACL', 'LOG', 'RESET'], conn: 'setup', compare: 'none' },
  { cmd: ['SCRIPT', 'FLUSH'], conn: 'setup', compare: 'none' },
  { cmd: ['FUNCTION', 'FLUSH'], conn: 'setup', compare: 'none' },
];
// Times and connection details differ by nature; 7.2's entries also carry their times and
// an entry-id counted over the real server's life. The reply buffer's size (rbs, and
// tot-mem with it) is shrunk by the server's cron when it finds it underused, at a time of
// its own.
const LOG: Compare = {
  except: ['age-seconds', 'timestamp-created', 'timestamp-last-updated', 'entry-id', 'id', 'addr', 'laddr', 'fd', 'age', 'idle', 'rbp', 'rbs', 'tot-mem'],
};
const isolated = (scenarios: Scenario[]): Scenario[] => scenarios.map((s) => ({ ...s, steps: [...CLEANUP, ...s.steps, ...CLEANUP] }));
const bob = (...cmd: string[]): Step => ({ cmd, conn: 'b' });
const BOB: Step[] = [
  { cmd: ['ACL', 'SETUSER', 'bob', 'on', 'nopass', '~k*', '&ch*', '-@all', '+eval', '+evalsha', '+eval_ro', '+fcall', '+fcall_ro', '+get', '+set', '+publish', '+acl', '+client|id', '+info'], conn: 'setup' },
  ['SET', 'k1', 'v'], ['SET', 'z', 'v'], ['CONFIG', 'RESETSTAT'],
  bob('AUTH', 'bob', 'x'),
];

const ACL_LIB = `#!lua name=acl
redis.register_function('get', function(k) return redis.call('GET', k[1]) end)
redis.register_function('ping', function()
  return redis.call('PING')
end)
redis.register_function('check', function(k, a) return redis.acl_check_cmd(unpack(a)) end)`;

const acl: Scenario[] = [
  {
    name: 'commands a script calls are checked against the caller\'s user',
    steps: [
      ...BOB,
      bob(...E('return redis.call("GET", "k1")')),
      bob(...E('return redis.call("GET", "z")')),
      bob(...E('return redis.call("SET", "k2", "x", "GET")')),
      bob(...E('\nreturn redis.call("PING")')),
      bob(...E('return redis.call("PING", "a", "b")')),
      bob(...E('return redis.pcall("PING")')),
      bob(...E('local e = redis.pcall("GET", "z") return e.err')),
      bob(...E('return redis.call("PUBLISH", "zz", "m")')),
      bob(...E('return redis.call("PUBLISH", "ch1", "m")')),
      bob(...E('return redis.call("INCR")')),
      bob(...E('return redis.call("CLIENT", "KILL", "x")')),
      bob(...E('return redis.call("nosuch")')),
      bob('EVAL', 'return 1', '1', 'z'),
      bob('EVAL', 'return redis.call("GET", KEYS[1])', '1', 'k3'),
      bob('EVAL_RO', 'return redis.call("DEL", "k1")', '0'),
      ['EVAL', 'return redis.call("PING")', '0'],
      { cmd: ['ACL', 'LOG'], compare: LOG },
      ['INFO', 'errorstats'], COMMANDSTATS,
    ],
  },
  {
    name: 'scripts in a transaction: checked when EXEC runs them',
    steps: [
      ...BOB,
      bob('MULTI'), bob(...E('return redis.call("PING")')), bob(...E('return redis.call("GET", "k1")')), bob('EXEC'),
      { cmd: ['ACL', 'LOG'], compare: LOG },
    ],
  },
  {
    name: 'functions: the caller\'s user, context lua',
    steps: [
      ...BOB,
      ['FUNCTION', 'LOAD', ACL_LIB],
      bob('FCALL', 'get', '1', 'k1'), bob('FCALL', 'get', '1', 'z'), bob('FCALL_RO', 'get', '1', 'z'), bob('FCALL', 'ping', '0'),
      bob('FCALL', 'check', '0', 'GET', 'z'), bob('FCALL', 'check', '0', 'GET', 'k1'),
      { cmd: ['ACL', 'LOG'], compare: LOG },
    ],
  },
  {
    name: 'redis.acl_check_cmd by the caller\'s permissions',
    steps: [
      ...BOB,
      bob(...E(`return {redis.acl_check_cmd("GET", "k1"), redis.acl_check_cmd("GET", "z"), redis.acl_check_cmd("PING"),
        redis.acl_check_cmd("PUBLISH", "zz", "m"), redis.acl_check_cmd("PUBLISH", "ch", "m"), redis.acl_check_cmd("client", "id"),
        redis.acl_check_cmd("CLIENT", "KILL", "x"), redis.acl_check_cmd("client"), redis.acl_check_cmd("client", "ID", "x"),
        redis.acl_check_cmd("acl", "whoami"), redis.acl_check_cmd("GET"), redis.acl_check_cmd("set", "k", "v", "nx"), redis.acl_check_cmd("INCR")}`)),
      bob(...E('redis.setresp(3) return {redis.acl_check_cmd("GET", "k1"), redis.acl_check_cmd("GET", "z")}')),
      bob(...E('return type(redis.acl_check_cmd("PING"))')),
      bob(...E('return redis.acl_check_cmd("nosuch")')),
      bob(...E('return redis.acl_check_cmd("client", "nosuch")')),
      bob(...E('return redis.acl_check_cmd()')),
      E('return {redis.acl_check_cmd("PING"), redis.acl_check_cmd("GET", "z")}'),
      ['ACL', 'LOG'],
    ],
  },
];

runScenarios('scripting: ACL', options, isolated(acl));
// Redis 7.2 and 7.4 word the refusals differently: against their builds when FAKEREDIS_REDIS_7_2 / _7_4 name them.
for (const version of ['7.2', '7.4']) {
  const later = { createServer: (config: Record<string, string>) => new FakeServer({ mixins, config, profile: serverProfile('redis', version) }) };
  runReferenceScenarios(referenceEnv('redis', version), `scripting: ACL (Redis ${version})`, later, isolated(acl));
}
