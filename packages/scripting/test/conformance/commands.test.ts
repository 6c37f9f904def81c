import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

const SHA_RETURN_1 = 'e0e1f9fabfc9d4800c877a703b823ac0578ff8db';

// SCRIPT's subcommands, EVALSHA, scripts inside MULTI, WATCH, SELECT and keyspace events.
runScenarios('scripting: SCRIPT, EVALSHA, MULTI, WATCH, events', options, [
  { name: 'SCRIPT LOAD, EXISTS, FLUSH and EVALSHA', steps: [
    ['SCRIPT', 'FLUSH'], ['SCRIPT', 'EXISTS', SHA_RETURN_1, 'nosuch'], ['SCRIPT', 'LOAD', 'return 1'], ['SCRIPT', 'EXISTS', SHA_RETURN_1, SHA_RETURN_1.toUpperCase(), 'a'],
    ['EVALSHA', SHA_RETURN_1, '0'], ['EVALSHA', SHA_RETURN_1.toUpperCase(), '0'], ['EVALSHA_RO', SHA_RETURN_1, '0'], ['SCRIPT', 'FLUSH', 'ASYNC'], ['EVALSHA', SHA_RETURN_1, '0'],
    ['EVAL', 'return 1', '0'], ['EVALSHA', SHA_RETURN_1, '0'], ['SCRIPT', 'FLUSH', 'sync'], ['SCRIPT', 'FLUSH', 'x'], ['SCRIPT', 'FLUSH', 'sync', 'async'], ['SCRIPT', 'EXISTS'],
    ['SCRIPT', 'LOAD'], ['SCRIPT', 'LOAD', 'a', 'b'], ['SCRIPT', 'LOAD', '#!lua flags=no-writes\nreturn redis.call("GET", KEYS[1])'], ['EVAL', 'return 1 +', '0'],
    ['SCRIPT', 'EXISTS', '0ba3e6e9b3ab1a1e3cdb2b56b7cff1a1d1df9d01'], ['SCRIPT', 'NOSUCH'], ['SCRIPT'], ['SCRIPT', 'KILL'],
  ] },
  { name: 'SCRIPT HELP and DEBUG', steps: [
    ['SCRIPT', 'HELP'], ['SCRIPT', 'HELP', 'x'], ['SCRIPT', 'DEBUG', 'x'], ['SCRIPT', 'DEBUG', 'no'], ['SCRIPT', 'DEBUG'], ['MULTI'], ['SCRIPT', 'DEBUG', 'no'], ['EXEC'],
  ] },
  { name: 'scripts inside MULTI', steps: [
    ['MULTI'], ['EVAL', 'return redis.call("INCR", KEYS[1])', '1', 'n'], ['EVAL', 'return redis.call("INCR", KEYS[1])', '1', 'n'], ['EVAL', 'error("x")', '0'],
    ['EVAL', 'return 1 +', '0'], ['GET', 'n'], ['EXEC'], ['MULTI'], ['EVAL', 'return 1', 'x'], ['EXEC'], ['MULTI'], ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', '0'], ['EXEC'],
  ] },
  { name: 'WATCH sees what a script writes', steps: [
    ['SET', 'w', '1'], ['WATCH', 'w'], ['EVAL', 'return redis.call("GET", KEYS[1])', '1', 'w'], ['MULTI'], ['GET', 'w'], ['EXEC'],
    ['WATCH', 'w'], { cmd: ['EVAL', 'return redis.call("SET", KEYS[1], "2")', '1', 'w'], conn: 'b' }, ['MULTI'], ['GET', 'w'], ['EXEC'],
    ['WATCH', 'w'], ['EVAL', 'return redis.call("SET", KEYS[1], "3")', '1', 'w'], ['MULTI'], ['GET', 'w'], ['EXEC'],
  ] },
  { name: 'SELECT inside a script does not move the caller', steps: [
    ['EVAL', 'redis.call("SELECT", "1") return redis.call("SET", "dbkey", "1")', '0'], ['EXISTS', 'dbkey'], ['SELECT', '1'], ['GET', 'dbkey'],
    ['EVAL', 'return redis.call("GET", "dbkey")', '0'], ['EVAL', 'redis.call("SELECT", "0") return redis.call("GET", "dbkey")', '0'], ['GET', 'dbkey'], ['SELECT', '0'],
    ['EVAL', 'return redis.call("SELECT", "99")', '0'],
  ] },
  { name: 'keyspace events of the commands a script runs', events: true, steps: [
    ['EVAL', 'redis.call("SET", KEYS[1], "v") redis.call("EXPIRE", KEYS[1], 100) redis.call("RPUSH", KEYS[2], "a", "b") redis.call("DEL", KEYS[1]) return redis.call("LPOP", KEYS[2])', '2', 'k', 'l'],
    ['EVAL_RO', 'return redis.call("GET", "nokey")', '0'], ['EVAL', 'redis.call("HSET", "h", "f", "v") return redis.pcall("INCR", "h")', '0'],
  ] },
  { name: 'INFO number_of_cached_scripts', steps: [
    ['SCRIPT', 'FLUSH'], ['EVAL', 'return 1', '0'], ['SCRIPT', 'LOAD', 'return 2'], ['EVAL', 'return 1 +', '0'], ['EVAL', 'return 1', '0'],
    ['EVAL', 'return tonumber(string.match(redis.call("INFO", "memory"), "number_of_cached_scripts:(%d+)"))', '0'],
    ['SCRIPT', 'FLUSH'], ['EVAL', 'return tonumber(string.match(redis.call("INFO", "memory"), "number_of_cached_scripts:(%d+)"))', '0'],
  ] },
  { name: 'SORT of a set with BY nosort from a script sorts ALPHA (sort.c, CLIENT_SCRIPT)', steps: [
    ['SADD', 'words', 'b', 'a', '10', '9', 'c', 'B', 'é'], ['SADD', 'nums', '10', '9', '100', '-1'], ['RPUSH', 'list', 'b', 'a', 'c'], ['ZADD', 'z', '2', 'b', '1', 'a'],
    ['MSET', 'w_a', '3', 'w_b', '1', 'w_c', '2'],
    ['SORT', 'nums', 'BY', 'nosort'], ['EVAL', 'return redis.call("SORT", KEYS[1], "BY", "nosort")', '1', 'nums'],
    ['EVAL', 'return redis.call("SORT", KEYS[1], "BY", "nosort")', '1', 'words'], ['EVAL', 'return redis.call("SORT_RO", KEYS[1], "BY", "nosort", "DESC")', '1', 'words'],
    ['EVAL', 'return redis.call("SORT", KEYS[1], "BY", "nosort", "LIMIT", "1", "3")', '1', 'words'],
    ['EVAL', 'return redis.call("SORT", KEYS[1], "BY", "nosort", "GET", "#", "GET", "w_*")', '1', 'words'],
    ['EVAL', 'return redis.call("SORT", KEYS[1], "BY", "nosort")', '1', 'list'],
    ['EVAL', 'return redis.call("SORT", KEYS[1], "BY", "nosort", "DESC")', '1', 'z'], ['EVAL', 'return redis.call("SORT", KEYS[1])', '1', 'nums'],
    ['EVAL', 'return redis.call("SORT", KEYS[1], "BY", "nosort", "STORE", "dst")', '1', 'words'], ['LRANGE', 'dst', '0', '-1'],
    ['FUNCTION', 'FLUSH'], ['FUNCTION', 'LOAD', 'REPLACE', '#!lua name=sortlib\nredis.register_function{function_name="s", callback=function(keys) return redis.call("SORT_RO", keys[1], "BY", "nosort") end, flags={"no-writes"}}'],
    ['FCALL_RO', 's', '1', 'words'],
  ] },
  { name: 'statistics of scripts and their commands', steps: [
    ['CONFIG', 'RESETSTAT'], ['EVAL', 'redis.call("SET", "a", "1") redis.call("GET", "a") return redis.pcall("INCR", "nokey", "x")', '0'], ['EVAL', 'return redis.call("INCR", "a", "x")', '0'],
    ['EVAL', 'return 1 +', '0'],
  ] },
]);
