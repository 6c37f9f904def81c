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
  { name: 'error tables raised with error(), Redis 7.0\'s pcall, and the lines of the environment\'s errors', steps: [
    ['SET', 's', 'x'],
    E('local x = 1\nerror({err = "My error"})', '0'), E('local x = 1\nerror({err = "ERR my error"})', '0'), E('local x = 1\nerror({err = "MYCODE my error"})', '0'),
    E('local x = 1\nerror({err = "nocode"})', '0'), E('local x = 1\nerror({err = "x"}, 2)', '0'), E('local x = 1\nerror(redis.error_reply("MYCODE er"))', '0'),
    E('local x = 1\nerror({err = "a\\r\\nb"})', '0'), E('local x = 1\nerror({err = "x", source = "@foo", line = 99})', '0'), E('local x = 1\nreturn error({err = "tail"})', '0'),
    E('local x = 1\nlocal function f() error({err = "deep"}) end\nf()', '0'), E('local x = 1\nlocal t = redis.pcall("INCR", "s") error(t)', '0'),
    E('local x = 1\nerror("plain")', '0'), E('local x = 1\nerror("plain", 0)', '0'), E('local x = 1\nerror(12)', '0'), E('local x = 1\nreturn error("tail", 0)', '0'),
    E('local x = 1\nlocal function f() error("in f") end\nf()', '0'), E('local x = 1\nlocal function f() error("in f", 2) end\nf()', '0'),
    E('local ok, e = pcall(error, {err = "caught"}) return {tostring(ok), type(e), e}', '0'), E('local ok, e = pcall(function() error({err = "caught"}) end) return {type(e), e}', '0'),
    E('local ok, e = pcall(error, "s") return e', '0'), E('local ok, e = pcall(error, "s", 0) return e', '0'), E('local ok, e = pcall(redis.setresp, 4) return e', '0'),
    E('local ok, e = pcall(function() local x = nil + 1 end) return e', '0'), E('local ok, e = pcall(error, {foo = 1}) return type(e)', '0'),
    E('local ok, e = pcall(error, 12) return {type(e), e}', '0'), E('local ok, e = pcall(error) return {tostring(ok), type(e)}', '0'),
    E('local ok, e = xpcall(function() error({err = "caught"}) end, function(m) return type(m) .. ":" .. tostring(m.err) end) return e', '0'),
    E('local ok, e = xpcall(function() error("s") end, function(m) return m end) return e', '0'), E('return {pcall(redis.log, 9, "x")}', '0'),
    E('local x = 1\nreturn redis.setresp(4)', '0'), E('local x = 1\nredis.setresp(4)\nreturn 1', '0'), E('local x = 1\nredis.setresp()', '0'),
    E('local x = 1\nredis.set_repl(9)', '0'), E('local x = 1\nreturn redis.set_repl()', '0'), E('local x = 1\nredis.acl_check_cmd("nosuch")', '0'),
    E('local x = 1\nlocal y = math.random(0)\nreturn 1', '0'), E('local x = 1\nlocal y = math.random(1, 2, 3)', '0'), E('local x = 1\nlocal y = math.random("a")', '0'),
    E('local x = 1\nmath.randomseed("a")', '0'), E('local x = 1\nreturn math.random(3, 1)', '0'),
  ] },
  { name: 'redis.log\'s arguments', steps: [
    E('local x = 1\nredis.log()', '0'), E('local x = 1\nredis.log(redis.LOG_WARNING)', '0'), E('local x = 1\nredis.log("a", "b")', '0'), E('local x = 1\nreturn redis.log(9, "x")', '0'),
    E('return redis.log(-1, "x")', '0'), E('return redis.log(4, "x")', '0'), E('return redis.log("3", "x")', '0'), E('return redis.log(3.7, "x")', '0'), E('return redis.log(-0.5, "x")', '0'),
    E('return redis.log(redis.LOG_WARNING, "x", 1.5, {}, true, nil, "y")', '0'), E('local log = redis.log return log(redis.LOG_NOTICE, "alias")', '0'),
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
