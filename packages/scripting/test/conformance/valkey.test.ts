import { FakeServer, serverProfile } from '@fakeredis/core';
import type { Scenario } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { mixins } from './server.js';

// What Valkey 8.0 says otherwise than Redis 7.0: SCRIPT SHOW, the HELP texts, NOSCRIPT, the
// errors of server.call and of the library's helpers (named "server."), BUSY with its own
// title (or Redis's under extended-redis-compatibility), and how numbers passed to
// server.call become strings. Run against a Valkey 8.0 build when FAKEREDIS_VALKEY_8_0
// names it, with a Valkey 8.0 fake, in RESP2 and RESP3.

const SHA_RETURN_1 = 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db';
const E = (script: string, ...rest: string[]): string[] => ['EVAL', script, ...rest];
const lib = (name: string, body: string): string => `#!lua name=${name}\n${body}`;

const scenarios: Scenario[] = [
  { name: 'SCRIPT SHOW, SCRIPT HELP, FUNCTION HELP and NOSCRIPT', steps: [
    ['SCRIPT', 'FLUSH'], ['SCRIPT', 'SHOW', SHA_RETURN_1], ['SCRIPT', 'LOAD', 'return 1'], ['SCRIPT', 'SHOW', SHA_RETURN_1], ['SCRIPT', 'SHOW', SHA_RETURN_1.toUpperCase()],
    ['SCRIPT', 'LOAD', '#!lua flags=no-writes\nreturn "x"'], ['SCRIPT', 'SHOW', 'c40d72b1e2d7ab7d1ff9e4a1b4b8fd2cd8a56f5b'], ['SCRIPT', 'SHOW', 'abc'],
    ['SCRIPT', 'SHOW'], ['SCRIPT', 'SHOW', SHA_RETURN_1, 'x'], ['EVAL', 'return "\\0bin\\255"', '0'], ['SCRIPT', 'SHOW', 'f3e3b7a8c3e2c1fd4f0c6d2f7f7f1c2b0a9d8e7f'],
    ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', '0'], ['EVALSHA', 'abc', '0'], ['EVALSHA_RO', 'ffffffffffffffffffffffffffffffffffffffff', '0'],
    ['SCRIPT', 'FLUSH'], ['SCRIPT', 'SHOW', SHA_RETURN_1], ['SCRIPT', 'HELP'], ['FUNCTION', 'HELP'], ['SCRIPT', 'HELP', 'x'],
    // Valkey 9 takes an engine's name (8.x: a wrong number of arguments).
    ['SCRIPT', 'DEBUG', 'NO', 'lua'], ['SCRIPT', 'DEBUG', 'sync', 'LUA'], ['SCRIPT', 'DEBUG', 'NO', 'foo'], ['SCRIPT', 'DEBUG', 'maybe', 'lua'], ['SCRIPT', 'DEBUG', 'maybe', 'foo'],
    ['SCRIPT', 'DEBUG', 'YES', 'lua', 'x'], ['SCRIPT', 'DEBUG', 'maybe'], ['SCRIPT', 'DEBUG', 'NO'],
  ] },
  { name: 'errors of server.call and of the library helpers', steps: [
    ['SET', 's', 'x'],
    E('return redis.call("nosuch")', '0'), E('return redis.pcall("nosuch")', '0'), E('return server.call("nosuch")', '0'), E('return redis.call("GET")', '0'),
    E('return redis.pcall("GET", "a", "b")', '0'), E('return redis.call("CONFIG", "nosuch")', '0'), E('return redis.pcall("CLIENT", "nosuch", "x")', '0'), E('return redis.pcall("CONFIG")', '0'), E('return redis.call()', '0'), E('return server.pcall()', '0'),
    E('return redis.call("GET", {})', '0'), E('return redis.call({})', '0'), E('return redis.call("SUBSCRIBE", "c")', '0'), E('return redis.call("INCR", "s")', '0'),
    E('local x = 1\nredis.setresp()', '0'), E('local x = 1\nserver.setresp(4)', '0'), E('local x = 1\nredis.log(1)', '0'), E('local x = 1\nredis.log(9, "x")', '0'),
    E('local x = 1\nredis.set_repl()', '0'), E('local x = 1\nserver.set_repl(9)', '0'), E('local x = 1\nredis.acl_check_cmd("nosuch")', '0'),
    E('return redis.acl_check_cmd("GET", "a")', '0'), E('return redis.acl_check_cmd()', '0'), E('return {redis.REDIS_VERSION, server.REDIS_VERSION_NUM, server.SERVER_NAME}', '0'),
    E('#!lua\nreturn redis.call("nosuch")', '0'), E('#!lua flags=no-writes\nreturn redis.call("SET", "a", "1")', '0'),
  ] },
  { name: 'numbers passed to server.call: integers first, then the shortest double', steps: [
    E('return {redis.call("ECHO", -0.0), redis.call("ECHO", 1e15), redis.call("ECHO", 1e17), redis.call("ECHO", 4e18), redis.call("ECHO", 5e18), redis.call("ECHO", -4e18)}', '0'),
    E('return {redis.call("ECHO", 0.5), redis.call("ECHO", 1/3), redis.call("ECHO", 2^53 + 1), redis.call("ECHO", 1e300), redis.call("ECHO", 1/0), redis.call("ECHO", -1/0)}', '0'),
    E('return {redis.call("ECHO", 4611686018427387904), redis.call("ECHO", -4611686018427387904), redis.call("ECHO", 4611686018427388928), redis.call("ECHO", 123456789012345678)}', '0'),
    E('return {double = 0/0}', '0'), E('return {double = -(0/0)}', '0'), E('redis.setresp(3) return {double = 0/0}', '0'), E('return {double = -0.0}', '0'),
  ] },
  { name: 'server.register_function errors', steps: [
    ['FUNCTION', 'FLUSH'],
    ['FUNCTION', 'LOAD', lib('l1', 'redis.register_function()')], ['FUNCTION', 'LOAD', lib('l2', 'redis.register_function(1)')],
    ['FUNCTION', 'LOAD', lib('l3', 'server.register_function{function_name = "f"}')], ['FUNCTION', 'LOAD', lib('l4', 'redis.register_function{callback = function() end}')],
    ['FUNCTION', 'LOAD', lib('l5', 'redis.register_function{function_name = "f", callback = function() end, flags = 1}')],
    ['FUNCTION', 'LOAD', lib('l6', 'redis.register_function{function_name = "f", callback = function() end, nosuch = 1}')],
    ['FUNCTION', 'LOAD', lib('l7', 'redis.register_function("f", 1)')], ['FUNCTION', 'LOAD', lib('l8', 'redis.register_function({}, function() end)')],
    ['FUNCTION', 'LOAD', lib('l9', 'redis.register_function{[1] = 1}')], ['FUNCTION', 'LOAD', lib('l10', 'redis.register_function{function_name = 1, callback = 1}')],
    ['FUNCTION', 'LOAD', lib('l11', 'redis.register_function{function_name = "f", description = {}, callback = function() end}')],
    ['FUNCTION', 'LOAD', lib('late', 'local r = redis\nredis.register_function("again", function() local x = r.register_function("x", function() end) return x end)')],
    ['FCALL', 'again', '0'], ['FUNCTION', 'LIST'], ['FUNCTION', 'FLUSH'],
  ] },
  { name: 'errors ending scripts and functions, as decorated', steps: [
    ['SET', 's', 'x'], ['FUNCTION', 'FLUSH'],
    E('return 1 + nil', '0'), E('local x = 1\nerror("x")', '0'), E('error({err = "E2 z"})', '0'), E('return x', '0'), E('x = 1', '0'),
    E('return redis.call("LPUSH", "s", "x")', '0'), E('return redis.pcall("LPUSH", "s", "x")', '0'), E('return redis.call("MULTI")', '0'),
    ['EVAL_RO', 'return redis.call("SET", "a", "b")', '0'],
    ['FUNCTION', 'LOAD', lib('errs', 'redis.register_function("f", function() return 1 + nil end)\nredis.register_function("g", function(k) return redis.call("LPUSH", k[1], "x") end)')],
    ['FCALL', 'f', '0'], ['FCALL', 'g', '1', 's'], ['FCALL_RO', 'g', '1', 's'], ['FUNCTION', 'FLUSH'],
  ] },
  { name: 'BUSY names Valkey, or Redis under extended-redis-compatibility', protocols: [2], steps: [
    ['SET', 'k', 'v'], ['CONFIG', 'SET', 'busy-reply-threshold', '100'],
    { cmd: ['EVAL', 'while true do end', '0'], async: true }, { sleep: 300 },
    { cmd: ['GET', 'k'], conn: 'b' }, { cmd: ['FUNCTION', 'KILL'], conn: 'b' }, { cmd: ['FUNCTION', 'STATS'], conn: 'b' }, { cmd: ['SCRIPT', 'KILL'], conn: 'b' }, { await: 'a' },
    ['FUNCTION', 'LOAD', lib('busy', 'redis.register_function("spin", function() while true do end end)')],
    { cmd: ['FCALL', 'spin', '0'], async: true }, { sleep: 300 },
    { cmd: ['GET', 'k'], conn: 'b' }, { cmd: ['SCRIPT', 'KILL'], conn: 'b' }, { cmd: ['FUNCTION', 'KILL'], conn: 'b' }, { await: 'a' },
    ['CONFIG', 'SET', 'extended-redis-compatibility', 'yes'],
    { cmd: ['EVAL', 'while true do end', '0'], async: true }, { sleep: 300 },
    { cmd: ['GET', 'k'], conn: 'b' }, { cmd: ['FUNCTION', 'KILL'], conn: 'b' }, { cmd: ['SCRIPT', 'KILL'], conn: 'b' }, { await: 'a' },
    { cmd: ['FCALL', 'spin', '0'], async: true }, { sleep: 300 },
    { cmd: ['GET', 'k'], conn: 'b' }, { cmd: ['SCRIPT', 'KILL'], conn: 'b' }, { cmd: ['FUNCTION', 'KILL'], conn: 'b' }, { await: 'a' },
    ['CONFIG', 'SET', 'extended-redis-compatibility', 'no'], ['FUNCTION', 'FLUSH'],
  ] },
];

// A NaN double is "nan" whatever its sign from Redis 7.2 (d2string), as in Valkey.
const nan: Scenario[] = [
  { name: 'NaN doubles', steps: [E('return {double = 0/0}', '0'), E('return {double = -(0/0)}', '0'), E('return {1, {double = 0/0}}', '0')] },
];

// Valkey 8.1 and 9.1 too: 8.1's kill errors name the command with one full stop ("Script
// killed by user with FUNCTION KILL."); 9.1 says "This Valkey command is not allowed from
// script" and its decoration names no script ("script: on @user_script:1.").
for (const version of ['8.0', '8.1', '9.1']) {
  const valkey = { createServer: (config: Record<string, string>) => new FakeServer({ mixins, config, profile: serverProfile('valkey', version) }) };
  runReferenceScenarios(referenceEnv('valkey', version), `scripting: Valkey ${version}`, valkey, scenarios);
  runReferenceScenarios(referenceEnv('valkey', version), `scripting: Valkey ${version} NaN`, valkey, nan);
}
for (const version of ['7.2', '7.4']) {
  const later = { createServer: (config: Record<string, string>) => new FakeServer({ mixins, config, profile: serverProfile('redis', version) }) };
  runReferenceScenarios(referenceEnv('redis', version), `scripting: NaN (Redis ${version})`, later, nan);
}
