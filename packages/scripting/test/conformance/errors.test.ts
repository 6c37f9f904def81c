import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

const E = (script: string, ...rest: string[]): string[] => ['EVAL', script, ...rest];

// Errors as Redis 7.0 formats them: raised in Lua, by redis.call, by the sandbox, while
// compiling, by the shebang, and the arguments of EVAL itself.
runScenarios('scripting: errors', options, [
  { name: 'runtime errors and their lines', steps: [
    E('error("boom")', '0'), E('\n\nerror("on line three")', '0'), E('error("no position", 0)', '0'), E('error(12)', '0'),
    E('local a = nil return a.b', '0'), E('local t = {}\nlocal x = t.y.z', '0'), E('return 1 + {}', '0'), E('return #nil', '0'), E('return nosuch()', '0'),
    E('return y', '0'), E('\nreturn undefined_global', '0'), E('x = 1', '0'), E('local t = {}\n_G.y = 2', '0'), E('return ("x"):rep(-1)', '0'),
    E('local function f() error("inner") end\nf()', '0'), E('return pcall(error, "caught")', '0'), E('local ok, e = pcall(error, "caught") return e', '0'),
  ] },
  { name: 'errors of redis.call and redis.pcall', steps: [
    ['SET', 's', 'x'],
    E('return redis.call("INCR", "s")', '0'), E('\n\nreturn redis.call("INCR", "s")', '0'), E('return redis.pcall("INCR", "s")', '0'), E('return redis.call("LPUSH", "s", "a")', '0'),
    E('return redis.call("nosuch")', '0'), E('return redis.pcall("nosuch")', '0'), E('return redis.call("GET")', '0'), E('return redis.call("CONFIG", "nosuch")', '0'),
    E('return redis.call()', '0'), E('return redis.pcall()', '0'), E('return redis.call({})', '0'), E('return redis.call("GET", {})', '0'), E('return redis.call("GET", nil)', '0'),
    E('return redis.call("EVAL", "return 1", "0")', '0'), E('return redis.call("MULTI")', '0'), E('return redis.call("WATCH", "s")', '0'), E('return redis.call("CLIENT", "ID")', '0'),
    E('return redis.call("BLPOP", "l", "0")', '0'), E('return redis.call("SCRIPT", "LOAD", "return 1")', '0'), E('return redis.call("SUBSCRIBE", "c")', '0'),
    E('local ok, e = pcall(redis.call, "INCR", "s") return {tostring(ok), e}', '0'), E('local e = redis.pcall("INCR", "s") return e.err', '0'),
    E('redis.pcall("INCR", "s") return "went on"', '0'), E('return redis.call("SET", "k", "v", "EX", "0")', '0'), E('return redis.call("GET", 1.5)', '0'),
  ] },
  { name: 'compile errors', steps: [
    E('return 1 +', '0'), E('return', '0'), E('\n\nlocal = 2', '0'), E('return "unfinished', '0'), E('for', '0'), E('return ...', '0'), E('return select("#", ...)', '0'),
    ['SCRIPT', 'LOAD', 'return 1 +'], ['SCRIPT', 'LOAD', ')'], E('', '0'), E(' ', '0'), E('-- only a comment', '0'), E('return 1 -- trailing comment', '0'),
  ] },
  { name: 'numkeys and arity', steps: [
    E('return 1', '-1'), E('return 1', '2', 'a'), E('return 1', 'x'), E('return 1', '1.5'), E('return 1', '99999999999999999999'), ['EVAL', 'return 1'], ['EVAL'],
    E('return #KEYS', '1', 'a'), E('return #ARGV', '0', 'a', 'b'), E('return 1', '00'), E('return 1', ' 1', 'a'),
    ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', '0'], ['EVALSHA', 'fff', '0'], ['EVALSHA', 'x', '-1'], ['EVALSHA_RO', 'ffffffffffffffffffffffffffffffffffffffff', '0'],
  ] },
  { name: 'read-only scripts and shebang flags', steps: [
    ['EVAL_RO', 'return redis.call("SET", "k", "v")', '1', 'k'], ['EVAL_RO', 'return redis.call("GET", "k")', '1', 'k'], ['EVAL_RO', 'return redis.pcall("DEL", "k")', '0'],
    E('#!lua flags=no-writes\nreturn redis.call("SET", "k", "v")', '1', 'k'), E('#!lua flags=no-writes\nreturn redis.call("GET", "k")', '0'),
    ['EVAL_RO', '#!lua\nreturn 1', '0'], ['EVAL_RO', '#!lua flags=no-writes\nreturn 1', '0'], E('#!lua flags=bogus\nreturn 1', '0'), E('#!lua foo=bar\nreturn 1', '0'),
    E('#!luax\nreturn 1', '0'), E('#!lua name=x\nreturn 1', '0'), E('#!lua flags=no-writes,allow-oom,allow-stale,no-cluster,allow-cross-slot-keys\nreturn 1', '0'),
    E('#!lua', '0'), E('#!lua flags=', '0'), E('#!lua\nreturn redis.call("SET", "k", "v")', '1', 'k'), E('#!lua\nreturn redis.call("SET", "k2", "v")', '0'),
    E('#!lua\n\nerror("x")', '0'), E('#!lua  flags=no-writes\nreturn 1', '0'), E('#!lua flags=no-writes,,\nreturn 1', '0'), E('#!lua flags=no-writes\nreturn 1 +', '0'),
    E('#!/bin/lua\nreturn 1', '0'), E('#!lua\r\nreturn 1', '0'), ['GET', 'k'], ['GET', 'k2'],
  ] },
]);
