import { runScenarios } from '@fakeredis/tooling/conformance';
import { bin, options } from './server.js';

const E = (script: string, ...rest: Array<string | Buffer>): Array<string | Buffer> => ['EVAL', script, ...rest];

// EVAL's conversions of Lua values to replies and of replies to Lua values, RESP2 and RESP3.
runScenarios('scripting: EVAL conversions', options, [
  { name: 'Lua values to replies', steps: [
    E('return 1', '0'), E('return -7', '0'), E('return 3.99', '0'), E('return -3.99', '0'), E('return "x"', '0'), E('return ""', '0'),
    E('return nil', '0'), E('return true', '0'), E('return false', '0'), E('return {}', '0'), E('return {1, 2, {3, "four", {5}}, "x"}', '0'),
    E('return {1, 2, nil, 4}', '0'), E('return {1, false, 3}', '0'), E('return {a = 1, b = 2}', '0'), E('return {1, 2, a = 3}', '0'),
    E('return 2^53 + 1', '0'), E('return 2^62', '0'), E('return 2^63', '0'), E('return -2^63', '0'), E('return 1e300', '0'), E('return -1e300', '0'),
    E('return 1, 2, 3', '0'), E('local x = 5', '0'), E('return tostring(0.1)', '0'), E('return 100000000000000', '0'),
  ] },
  { name: 'status, error and typed tables', steps: [
    E('return {ok = "FINE"}', '0'), E('return redis.status_reply("GOOD")', '0'), E('return redis.status_reply("A\\r\\nB")', '0'),
    E('return {err = "My Error"}', '0'), E('return {err = "ERR plain"}', '0'), E('return redis.error_reply("My Error")', '0'), E('return redis.error_reply("WRONGTYPE x")', '0'),
    E('return redis.error_reply("-X y")', '0'), E('return {err = "x", ok = "y"}', '0'), E('return {1, {err = "inner"}, redis.status_reply("S")}', '0'),
    E('return {double = 3.5}', '0'), E('return {double = 3}', '0'), E('return {big_number = "1234567890123456789012345"}', '0'),
    E('return {map = {a = 1}}', '0'), E('return {set = {a = true}}', '0'), E('return {verbatim_string = {format = "txt", string = "hi"}}', '0'),
    E('return {1, {double = 0.5}}', '0'),
  ] },
  { name: 'replies to Lua values', steps: [
    ['SET', 's', 'v'], ['RPUSH', 'l', 'a', 'b'], ['HSET', 'h', 'f', 'v'], ['SADD', 'set', 'm'], ['ZADD', 'z', '1.5', 'm'],
    E('return redis.call("GET", KEYS[1])', '1', 's'), E('return redis.call("GET", "nokey")', '0'), E('return type(redis.call("GET", "nokey"))', '0'),
    E('return redis.call("SET", "a", "b")', '0'), E('return redis.call("SET", "a", "b").ok', '0'), E('return type(redis.call("SET", "a", "b"))', '0'),
    E('return redis.call("LRANGE", "l", 0, -1)', '0'), E('return redis.call("HGETALL", "h")', '0'), E('return redis.call("SMEMBERS", "set")', '0'),
    E('return redis.call("ZSCORE", "z", "m")', '0'), E('return redis.call("ZRANGE", "z", 0, -1, "WITHSCORES")', '0'), E('return redis.call("INCR", "n")', '0'),
    E('return redis.call("EXISTS", "s")', '0'), E('return redis.call("BLPOP", "nolist", 0)', '0'), E('return redis.call("LPOP", "nolist")', '0'),
    E('return redis.call("HGET", "h", "nofield") == false', '0'), E('return redis.call("MGET", "s", "nokey")', '0'),
    E('local t = redis.pcall("INCR", "s") return {type(t), t.err}', '0'),
  ] },
  { name: 'numbers passed to redis.call ("%.17g"): directly, through a local alias, with pcall; error lines', steps: [
    ['SET', 's', 'v'],
    E('return {redis.call("ECHO", 7230000000000123), redis.call("ECHO", 0.1), redis.call("ECHO", 1/3), redis.call("ECHO", 100), redis.call("ECHO", -0.0), redis.call("ECHO", 1e300), redis.call("ECHO", 2^53 + 1), redis.call("ECHO", 123456789012345678)}', '0'),
    E('local rcall = redis.call\nlocal now = tonumber(ARGV[1])\nrcall("ZADD", KEYS[1], now * 4096 + 1, "a", now * 4096 + 2, "b")\nreturn rcall("ZRANGE", KEYS[1], 0, -1, "WITHSCORES")', '1', 'z', '1765000000000'),
    E('return redis.pcall("ECHO", 2^60)', '0'), E('return redis.call("HSET", "h2", "a", 1, "b", 2, "c", 3, "d", 1/3)', '0'), ['HGETALL', 'h2'],
    E('local x = 1\nlocal y = 2\nreturn redis.call("INCRBY", KEYS[1], x + y)', '1', 's'), E('local x = 1\nreturn redis.call("INCRBY", KEYS[1], {})', '1', 'n'),
    E('local ok, e = pcall(redis.call, "INCRBY", "s", 2^53) return {tostring(ok), type(e)}', '0'), E('local t = redis.pcall("INCRBY", "s", 1.5) return t.err', '0'),
  ] },
  { name: 'RESP3 inside the script (redis.setresp(3))', steps: [
    ['HSET', 'h', 'f', 'v'], ['SADD', 'set', 'm'], ['ZADD', 'z', '1.5', 'm'],
    E('redis.setresp(3) return redis.call("HGETALL", "h")', '0'), E('redis.setresp(3) return redis.call("SMEMBERS", "set")', '0'),
    E('redis.setresp(3) return redis.call("ZSCORE", "z", "m")', '0'), E('redis.setresp(3) local d = redis.call("ZSCORE", "z", "m") return type(d) == "table" and d.double', '0'),
    E('redis.setresp(3) return true', '0'), E('redis.setresp(3) return false', '0'), E('redis.setresp(3) return {true, false, 1}', '0'),
    E('redis.setresp(3) return {map = {a = {double = 1.25}}}', '0'), E('redis.setresp(3) return {big_number = "123"}', '0'),
    E('redis.setresp(3) return {verbatim_string = {format = "txt", string = "hello"}}', '0'), E('redis.setresp(3) redis.setresp(2) return true', '0'),
    E('redis.setresp(3) local m = redis.call("HGETALL", "h") return m.map.f', '0'), E('redis.setresp(3) return redis.call("ZRANGE", "z", 0, -1, "WITHSCORES")', '0'),
  ] },
  { name: 'binary-safe keys, arguments and results', steps: [
    E('return {KEYS[1], ARGV[1], #KEYS, #ARGV}', '1', bin(0, 255, 13, 10), bin(0xc3, 0x28, 0)),
    E('redis.call("SET", KEYS[1], ARGV[1]) return redis.call("GET", KEYS[1])', '1', bin(1, 2, 0, 3), bin(0, 0, 0, 254)),
    ['GET', bin(1, 2, 0, 3)], E('return string.len(ARGV[1])', '0', Buffer.alloc(1000, 0xab)), E('return "\\0\\1\\255"', '0'),
    E('return {KEYS, ARGV}', '2', 'a', 'b', 'c', 'd'),
  ] },
  { name: 'huge replies', steps: [
    E('local t = {} for i = 1, 10000 do t[i] = i end return t', '0'), E('return string.rep("x", 100000)', '0'),
    E('local t = {} for i = 1, 1000 do t[i] = {i, tostring(i)} end return t', '0'),
  ] },
  { name: 'libraries: cjson, cmsgpack, struct, bit', steps: [
    E('return cjson.encode({1, 2, {a = 1}})', '0'), E('return cjson.decode("[1,2,{\\"a\\":3}]")[3].a', '0'), E('return cjson.encode(cjson.decode(ARGV[1]))', '0', '{"x":[1,2.5,"s",null,true]}'),
    E('return cmsgpack.pack({1, 2, 3})', '0'), E('return cmsgpack.unpack(cmsgpack.pack({1, "two", {3}}))', '0'), E('return {cmsgpack.unpack(ARGV[1])}', '0', bin(0x93, 1, 2, 3)),
    E('return struct.pack(">I2", 258)', '0'), E('return {struct.unpack("<i4", ARGV[1])}', '0', bin(1, 0, 0, 0)), E('return bit.band(7, 3)', '0'), E('return bit.tohex(65535)', '0'),
    E('return bit.bxor(-1, 5)', '0'), E('return redis.sha1hex("")', '0'), E('return redis.sha1hex(ARGV[1])', '0', bin(0, 1, 2)),
    E('return cjson.decode("[1,2")', '0'),
  ] },
  { name: 'the redis table and the sandbox', steps: [
    E('return redis.REDIS_VERSION', '0'), E('return redis.REDIS_VERSION_NUM', '0'), E('return {redis.REPL_NONE, redis.REPL_AOF, redis.REPL_SLAVE, redis.REPL_REPLICA, redis.REPL_ALL}', '0'),
    E('return {redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}', '0'), E('return redis.log(redis.LOG_WARNING, "hello")', '0'),
    E('return redis.set_repl(redis.REPL_ALL)', '0'), E('return redis.set_repl(9)', '0'), E('return redis.set_repl()', '0'), E('return redis.replicate_commands()', '0'),
    E('return redis.breakpoint()', '0'), E('return redis.debug("x")', '0'), E('return redis.acl_check_cmd("set", "a", "b")', '0'), E('return redis.acl_check_cmd("nosuch")', '0'),
    E('return redis.acl_check_cmd("config", "nosuch")', '0'), E('return redis.acl_check_cmd()', '0'), E('return redis.setresp()', '0'), E('return redis.setresp(4)', '0'),
    E('return type(os)', '0'), E('return type(print)', '0'), E('return type(loadfile)', '0'), E('return type(dofile)', '0'), E('return type(setfenv)', '0'),
    E('return type(require)', '0'), E('return type(io)', '0'), E('return type(debug)', '0'), E('return type(loadstring)', '0'), E('return type(server)', '0'),
    E('return {type(string), type(table), type(math), type(cjson), type(pcall), type(unpack), type(coroutine)}', '0'), E('return type(redis.register_function)', '0'),
    E('return loadstring("return 7")()', '0'), E('return _G.x', '0'), E('x = 1', '0'), E('redis.x = 1', '0'), E('math.x = 1', '0'), E('string.x = 1', '0'),
    E('cjson.encode = nil', '0'), E('return KEYS == nil', '0'), E('local t = {} t.x = 1 return t.x', '0'), E('return tostring(nil)', '0'),
  ] },
]);
