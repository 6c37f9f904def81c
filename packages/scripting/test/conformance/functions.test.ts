import { runScenarios } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

// FUNCTION and FCALL against redis-server 7.0, RESP2 and RESP3. Functions survive
// FLUSHALL, so every scenario starts with FUNCTION FLUSH. Redis lists libraries and a
// library's functions in its dicts' (seeded) hash order: scenarios that list more than
// one of them compare unordered, or list one at a time.

const FLUSH = ['FUNCTION', 'FLUSH'];
const load = (code: string, ...options: string[]): string[] => ['FUNCTION', 'LOAD', ...options, code];
/** A library named `name` with its code after the header. */
const lib = (name: string, code: string): string => `#!lua name=${name}\n${code}`;
/** FUNCTION LOAD REPLACE of library "b" with this code (the error paths of a load). */
const tryLoad = (code: string): string[] => ['FUNCTION', 'LOAD', 'REPLACE', lib('b', code)];

runScenarios('scripting: FUNCTION LOAD, FCALL, DELETE', options, [
  { name: 'loading a library and calling its functions', steps: [
    FLUSH,
    load(lib('mylib', [
      `redis.register_function('echo', function(keys, args) return {keys, args} end)`,
      `redis.register_function{function_name='setter', callback=function(keys, args) return redis.call('SET', keys[1], args[1]) end}`,
      `redis.register_function{function_name='getter', callback=function(keys) return redis.call('GET', keys[1]) end, flags={'no-writes'}, description='reads a key'}`,
      `redis.register_function('count', function(keys) return #keys end)`,
    ].join('\n'))),
    ['FCALL', 'echo', '2', 'a', 'b', 'c', 'd'], ['FCALL', 'echo', '0'], ['FCALL', 'ECHO', '1', 'k'], ['FCALL', 'Echo', '0', 'x'],
    ['FCALL', 'setter', '1', 'k', 'v'], ['FCALL', 'getter', '1', 'k'], ['FCALL_RO', 'getter', '1', 'k'], ['FCALL_RO', 'setter', '1', 'k', 'w'],
    ['FCALL_RO', 'echo', '0'], ['FCALL', 'count', '3', 'a', 'b', 'c'], ['GET', 'k'],
    ['FCALL', 'nosuch', '0'], ['FCALL', 'echo', 'x'], ['FCALL', 'echo', '-1'], ['FCALL', 'echo', '2', 'a'], ['FCALL', 'echo', '1.5'],
    ['FCALL', 'echo', ' 1', 'a'], ['FCALL', 'echo', '01', 'a'], ['FCALL', 'echo', '99999999999999999999'], ['FCALL', 'echo'], ['FCALL'], ['FCALL_RO', 'echo'],
    ['FCALL_RO', 'nosuch', '0'], ['FCALL_RO', 'getter', 'x'],
  ] },
  { name: 'LOAD again, REPLACE, collisions, DELETE', steps: [
    FLUSH,
    load(lib('a', `redis.register_function('f', function() return 'a' end)`)),
    load(lib('a', `redis.register_function('f', function() return 'a2' end)`)), ['FCALL', 'f', '0'],
    load(lib('a', `redis.register_function('f', function() return 'a3' end)`), 'REPLACE'), ['FCALL', 'f', '0'],
    load(lib('a', `redis.register_function('g', function() return 'g' end)`), 'replace'), ['FCALL', 'f', '0'], ['FCALL', 'g', '0'],
    load(lib('b', `redis.register_function('g', function() return 'b' end)`)), load(lib('b', `redis.register_function('G', function() return 'b' end)`)),
    load(lib('a', `redis.register_function('x', function() return 1 end)\nerror_here(`), 'REPLACE'), ['FCALL', 'g', '0'],
    load(lib('a', `local x = 1`), 'REPLACE'), ['FCALL', 'g', '0'], load(lib('A', `redis.register_function('h', function() return 'A' end)`)),
    ['FCALL', 'h', '0'], ['FUNCTION', 'DELETE', 'nosuch'], ['FUNCTION', 'DELETE', 'A'], ['FCALL', 'h', '0'], ['FUNCTION', 'DELETE', 'A'],
    ['FUNCTION', 'DELETE', 'a'], ['FCALL', 'g', '0'], ['FUNCTION', 'DELETE'], ['FUNCTION', 'DELETE', 'a', 'b'],
    load(lib('a', `redis.register_function('f', function() return 1 end)`), 'foo'), load(lib('a', `redis.register_function('f', function() return 1 end)`), 'REPLACE', 'REPLACE'),
    ['FUNCTION', 'LOAD', 'REPLACE'], ['FUNCTION', 'LOAD'], ['FUNCTION', 'LOAD', 'foo', 'bar', 'x'], ['FCALL', 'f', '0'],
    load(lib('kept', `redis.register_function('kept', function() return 'kept' end)`)), ['FLUSHALL'], ['SCRIPT', 'FLUSH'], ['FLUSHDB'], ['FCALL', 'kept', '0'],
  ] },
  { name: 'the library header', steps: [
    FLUSH,
    ...[
      `redis.register_function('f', function() return 1 end)`,
      `#!lua\nredis.register_function('f', function() return 1 end)`,
      `#!lua name=\nx`, `#!lua name=a-b\nx`, `#!lua name=x name=y\nx`, `#!lua foo=bar\nx`, `#!luax name=x\nx`, `#! lua name=x\nx`,
      `#!lua  name=sp\tx\nx`, `#!lua name="q u"\nx`, `#!lua name=x extra\nx`, `#!js name=x\nx`, `#!lua name=x`, `#!lua name=x\n`,
      `#!lua name="unbalanced\nx`, `#!lua name="x"y\nx`, `#!lua 'name=sq'\nredis.register_function('sq', function() return 1 end)`,
      `#!lua name=\\x41\nx`, `#!lua "name=\\x41"\nredis.register_function('hex', function() return 1 end)`, `#!"lua" name=quoted_engine\nredis.register_function('qe', function() return 1 end)`,
      `#!LUA name=upper\nredis.register_function('up', function() return 1 end)`, `#!lua NAME=Up2\nredis.register_function('up2', function() return 1 end)`,
      `#!lua name=crlf\r\nredis.register_function('crlf', function() return 1 end)`, `#!lua name=tab\t\nredis.register_function('tab', function() return 1 end)`,
      `#!lua name=x\0y\nx`, `#!lua name=bad\0\nx`, `#!lua foo\0bar name=x\nx`, `#!`, `#!\n`, ` #!lua name=x\nx`, ``, `#!lua "\\x00" name=x\nx`,
    ].map((code) => ['FUNCTION', 'LOAD', code]),
    ['FCALL', 'sq', '0'], ['FCALL', 'hex', '0'], ['FCALL', 'qe', '0'], ['FCALL', 'up', '0'], ['FCALL', 'up2', '0'], ['FCALL', 'crlf', '0'], ['FCALL', 'tab', '0'],
    ['FUNCTION', 'LIST', 'LIBRARYNAME', 'A'], ['FUNCTION', 'LIST', 'LIBRARYNAME', 'quoted_engine'], ['FUNCTION', 'LIST', 'LIBRARYNAME', 'crlf', 'WITHCODE'],
  ] },
  { name: 'redis.register_function, positional and named', steps: [
    FLUSH,
    ...[
      `redis.register_function()`, `redis.register_function('a', function() end, 3)`, `redis.register_function('a')`, `redis.register_function({}, function() end)`,
      `redis.register_function('a', 'b')`, `redis.register_function('a-b', function() end)`, `redis.register_function('', function() end)`,
      `redis.register_function('a', function() end)\nredis.register_function('a', function() end)`, `redis.register_function(nil)`, `redis.register_function(nil, nil)`,
      `redis.register_function{}`, `redis.register_function{function_name='a'}`, `redis.register_function{callback=function() end}`,
      `redis.register_function{function_name='a', callback=function() end, flags='no-writes'}`, `redis.register_function{function_name='a', callback=function() end, flags={'bogus'}}`,
      `redis.register_function{function_name='a', callback=function() end, flags={1}}`, `redis.register_function{function_name='a', callback=function() end, flags={{}}}`,
      `redis.register_function{function_name='a', callback=function() end, foo=1}`, `redis.register_function{function_name={}, callback=function() end}`,
      `redis.register_function{function_name='a', callback='x'}`, `redis.register_function{function_name='a', callback=function() end, description={}}`,
      `redis.register_function{function_name='a', callback=function() end, [1]=2}`, `redis.register_function{function_name='a', callback=function() end, [true]=2}`,
      `redis.register_function{function_name='a b', callback=function() end}`, `redis.register_function{function_name='a', callback=function() end, flags={'no-writes', 'bad'}}`,
      `redis.register_function{function_name=1.5, callback=function() end}`, `redis.register_function('f\\0', function() end)`,
      `redis.register_function('ok1', function() return 1 end)\nredis.register_function('ok1', function() end)`,
      `redis.register_function(function() end, 'x')`, `redis.register_function{function_name='a', callback=function() end, description=function() end}`,
    ].map(tryLoad),
    load(lib('n1', `redis.register_function(12, function() return 'twelve' end)`)), ['FCALL', '12', '0'],
    load(lib('n2', `redis.register_function{function_name=34, callback=function() return 'n' end, description=5}`)), ['FCALL', '34', '0'],
    load(lib('n3', `redis.register_function{function_name='fl', callback=function() return 'fl' end, flags={'no-writes', nil, 'bogus'}}`)), ['FCALL_RO', 'fl', '0'],
    load(lib('n4', `redis.register_function{FUNCTION_NAME='up', CallBack=function() return 'up' end, FLAGS={'NO-WRITES', 'allow-oom', 'Allow-Stale', 'no-cluster', 'allow-cross-slot-keys', 'no-writes'}, Description='d'}`)),
    ['FCALL_RO', 'up', '0'], ['FUNCTION', 'LIST', 'LIBRARYNAME', 'n4'], ['FUNCTION', 'LIST', 'LIBRARYNAME', 'n2'], ['FUNCTION', 'LIST', 'LIBRARYNAME', 'n3'],
    load(lib('n5', `redis.register_function{function_name='e', callback=function() return 'e' end, flags={}, description=''}`)), ['FUNCTION', 'LIST', 'LIBRARYNAME', 'n5'],
  ] },
  { name: 'what a library sees while it loads', steps: [
    FLUSH,
    ...[
      `local t = table`, `local s = string.format('x')`, `redis.call('set','x','y')`, `redis.pcall('set','x','y')`, `x = 1`, `return 1`, `error('boom')`,
      `local a = 1 +`, `redis.setresp(3)`, `local k = KEYS`, `local a = ARGV`, `local g = _G`, `local m = math.floor(1)`, `local p = pcall`, `local t = type(1)`,
      `redis.x = 1`, `redis.register_function = nil`, `local c = cjson`, `local b = bit`, `local s = redis.sha1hex`, `local e = redis.error_reply`,
      `local x = nil + 1`, `local t = {} t.x.y = 1`, `redis.log(redis.LOG_WARNING, 'loading')\nlocal v = redis.REDIS_VERSION`,
      `local f = function() return type(string) end\nredis.register_function('c1', f)\nf()`, `local t = redis.LOG_NOTICE + redis.REDIS_VERSION_NUM`,
      `local r = redis\nlocal l = r.log\nr.y = 2`, `local i = 0 while true do i = i + 1 end`,
    ].map(tryLoad),
    load(lib('v', [
      `local v, n = redis.REDIS_VERSION, redis.REDIS_VERSION_NUM`,
      `local levels = {redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}`,
      `local r = redis`,
      `redis.register_function('v', function() return {v, n, levels, type(redis.register_function), type(redis.call)} end)`,
      `redis.register_function('captured', function() local x = r.register_function('z', function() end) return x end)`,
      `redis.register_function('captured_call', function() return r.call('PING') end)`,
      `redis.register_function('captured_log', function() r.log(r.LOG_NOTICE, 'x') return 'logged' end)`,
    ].join('\n'))),
    ['FCALL', 'v', '0'], ['FCALL', 'captured', '0'], ['FCALL', 'captured_call', '0'], ['FCALL', 'captured_log', '0'],
  ] },
]);

runScenarios('scripting: functions at run time', options, [
  { name: 'errors inside functions', steps: [
    FLUSH, ['SET', 's', 'x'],
    load(lib('errs', [
      `redis.register_function('err', function() error('boom') end)`,
      `redis.register_function('callerr', function() return redis.call('INCR', 's') end)`,
      `redis.register_function('pcallerr', function() return redis.pcall('INCR', 's') end)`,
      `redis.register_function('arity', function() return redis.call('GET') end)`,
      `redis.register_function('unknown', function() return redis.call('nosuch') end)`,
      `redis.register_function('glob', function() return nosuch end)`,
      `redis.register_function('setg', function() x = 1 end)`,
      `redis.register_function('keys', function() return KEYS end)`,
      `redis.register_function('argv', function() return ARGV[1] end)`,
      `redis.register_function('reply', function() return redis.error_reply('MY error') end)`,
      `redis.register_function('status', function() return redis.status_reply('FINE') end)`,
      `redis.register_function('errtable', function() return {err = 'XX table'} end)`,
      `redis.register_function('deep', function() local function g() error('deep') end\n g() end)`,
      `redis.register_function('level2', function() local function g() error('lvl', 2) end\n\n g() end)`,
      `redis.register_function('nilidx', function() local t = {} return t.a.b end)`,
      `redis.register_function('argtype', function() return redis.call('GET', {}) end)`,
      `redis.register_function('evalcall', function() return redis.call('EVAL', 'return 1', '0') end)`,
      `redis.register_function('fcallcall', function() return redis.call('FCALL', 'err', '0') end)`,
      `redis.register_function('fnload', function() return redis.call('FUNCTION', 'LOAD', 'x') end)`,
      `redis.register_function('regrun', function() return redis.register_function('x', function() end) end)`,
      `redis.register_function('gset', function() _G.y = 1 end)`,
      `redis.register_function('gread', function() return _G.nosuch end)`,
      `redis.register_function('rawg', function() return type(rawget(_G, 'string')) end)`,
    ].join('\n'))),
    ...['err', 'callerr', 'pcallerr', 'arity', 'unknown', 'glob', 'setg', 'keys', 'argv', 'reply', 'status', 'errtable', 'deep', 'level2', 'nilidx', 'argtype',
      'evalcall', 'fcallcall', 'fnload', 'regrun', 'gset', 'gread', 'rawg'].map((f) => ['FCALL', f, '0']),
  ] },
  { name: 'values and protocols', steps: [
    FLUSH, ['HSET', 'h', 'f', 'v'], ['ZADD', 'z', '1.5', 'm'],
    load(lib('vals', [
      `redis.register_function('nums', function() return {1, -2, 3.99, 2^53, 'x', '', true, false} end)`,
      `redis.register_function('nested', function(keys, args) return {keys, args, {1, {2, {3}}}} end)`,
      `redis.register_function('resp3', function() redis.setresp(3) return {redis.call('HGETALL', 'h'), redis.call('ZSCORE', 'z', 'm'), true, false} end)`,
      `redis.register_function('resp2', function() return {redis.call('HGETALL', 'h'), redis.call('ZSCORE', 'z', 'm')} end)`,
      `redis.register_function('typed', function() return {map = {a = 1}} end)`,
      `redis.register_function('dbl', function() return {double = 1.5} end)`,
      `redis.register_function('nilret', function() return nil end)`,
      `redis.register_function('multi', function() return 1, 2, 3 end)`,
      `redis.register_function('libs', function() return {cjson.encode({1, 2}), bit.band(7, 3), struct.pack('>I2', 258), redis.sha1hex('')} end)`,
      `redis.register_function('mutate', function(keys, args) keys[1] = 'changed' args[5] = 'added' return {keys[1], #args} end)`,
      `redis.register_function('selectdb', function() redis.call('SELECT', '1') return redis.call('SET', 'dbkey', '1') end)`,
      `redis.register_function('version', function() return {redis.REDIS_VERSION, redis.REDIS_VERSION_NUM} end)`,
    ].join('\n'))),
    ...['nums', 'resp3', 'resp2', 'typed', 'dbl', 'nilret', 'multi', 'libs', 'selectdb', 'version'].map((f) => ['FCALL', f, '0']),
    ['FCALL', 'nested', '2', 'k1', 'k2', 'a1', 'a2'], ['FCALL', 'mutate', '1', 'k', 'a'], ['EXISTS', 'dbkey'], ['SELECT', '1'], ['GET', 'dbkey'],
  ] },
  { name: 'a library with helpers, constants and closures', steps: [
    FLUSH,
    load(lib('app', [
      `-- A rate limiter and a small document store, as libraries in the wild are written.`,
      `local PREFIX = 'app:'`,
      `local LIMITS = {minute = 60, hour = 3600}`,
      `local function key(k) return PREFIX .. k end`,
      `local function json_get(k)`,
      `  local raw = redis.call('GET', key(k))`,
      `  if not raw then return nil end`,
      `  return cjson.decode(raw)`,
      `end`,
      `local counters = {}`,
      `function counters.hit(k, window, limit)`,
      `  local n = redis.call('INCR', key(k))`,
      `  if n == 1 then redis.call('EXPIRE', key(k), LIMITS[window]) end`,
      `  return n <= tonumber(limit) and 1 or 0, n`,
      `end`,
      `redis.register_function('hit', function(keys, args) local ok, n = counters.hit(keys[1], args[1], args[2]) return {ok, n} end)`,
      `redis.register_function{function_name = 'doc_set', callback = function(keys, args)`,
      `  local doc = json_get(keys[1]) or {}`,
      `  doc[args[1]] = args[2]`,
      `  redis.call('SET', key(keys[1]), cjson.encode(doc))`,
      `  return redis.status_reply('STORED')`,
      `end}`,
      `redis.register_function{function_name = 'doc_get', flags = {'no-writes'}, callback = function(keys, args)`,
      `  local doc = json_get(keys[1])`,
      `  if doc == nil then return redis.error_reply('NOTFOUND no such document') end`,
      `  local out = {}`,
      `  for _, f in ipairs(args) do table.insert(out, doc[f] or false) end`,
      `  return out`,
      `end}`,
      `redis.register_function('ttl', function(keys) return redis.call('TTL', key(keys[1])) end)`,
    ].join('\n'))),
    ['FCALL', 'hit', '1', 'u1', 'minute', '2'], ['FCALL', 'hit', '1', 'u1', 'minute', '2'], ['FCALL', 'hit', '1', 'u1', 'minute', '2'],
    ['FCALL_RO', 'ttl', '1', 'u1'], ['FCALL', 'doc_get', '1', 'd1', 'a'], ['FCALL', 'doc_set', '1', 'd1', 'a', 'x'], ['FCALL', 'doc_set', '1', 'd1', 'b', 'y'],
    ['FCALL_RO', 'doc_get', '1', 'd1', 'a', 'b', 'c'], ['GET', 'app:d1'], ['FCALL_RO', 'doc_set', '1', 'd1', 'a', 'x'],
  ] },
  { name: 'numbers passed to redis.call ("%.17g"), RESP3 nulls, NaN and the environment\'s errors in library code', steps: [
    ['FUNCTION', 'FLUSH'], ['SET', 's', 'v'],
    ['FUNCTION', 'LOAD', 'REPLACE', `#!lua name=numlib
redis.register_function("n", function(keys, args) local rcall = redis.call local now = tonumber(args[1]) rcall("ZADD", keys[1], now * 4096 + 1, "a", now * 4096 + 2, "b") return redis.call("ZRANGE", keys[1], 0, -1, "WITHSCORES") end)
redis.register_function("e", function() return {redis.call("ECHO", 7230000000000123), redis.pcall("ECHO", 0.1), redis.call("ECHO", 1/3)} end)
redis.register_function("r3", function(keys) redis.setresp(3) local t = redis.call("MGET", keys[1], "nokey", keys[1]) return {#t, type(t[2]), type(redis.call("GET", "nokey"))} end)
redis.register_function("nan", function() return {0/0, {double = 0/0}} end)
redis.register_function("r2", function(keys) return type(redis.call("GET", "nokey")) end)
redis.register_function("t", function() error({err = "MYCODE from fn"}) end)
redis.register_function("s", function() error("str") end)
redis.register_function("p", function() local ok, e = pcall(error, {err = "c"}) return e end)
redis.register_function("r", function() return redis.setresp(4) end)
redis.register_function("rr", function()
  redis.setresp(4)
end)
redis.register_function("pe", function() local ok, e = pcall(error, "pe") return e end)
redis.register_function("lg", function() return redis.log(9, "x") end)`],
    ['FCALL', 'n', '1', 'z', '1765000000000'], ['FCALL', 'e', '0'], ['FCALL', 'r3', '1', 's'], ['FCALL', 'nan', '0'], ['FCALL', 'r2', '0'],
    ['FCALL', 't', '0'], ['FCALL', 's', '0'], ['FCALL', 'p', '0'], ['FCALL', 'r', '0'], ['FCALL', 'rr', '0'], ['FCALL', 'pe', '0'], ['FCALL', 'lg', '0'],
  ] },
  { name: 'binary-safe names, keys and arguments', steps: [
    FLUSH,
    load(lib('bin', `redis.register_function('b', function(keys, args) redis.call('SET', keys[1], args[1]) return {keys[1], redis.call('GET', keys[1]), #args[1]} end)`)),
    ['FCALL', 'b', '1', '\u0000\u00ff\r\n', '\u0000\u0001'], ['FUNCTION', 'LOAD', `#!lua name=bin2\nredis.register_function('c', function() return '\u0000\u00e9\u00ff' end) -- \u00e9\u0000`],
    ['FCALL', 'c', '0'],
  ] },
  { name: 'functions in MULTI, WATCH and keyspace events', events: true, steps: [
    FLUSH,
    load(lib('tx', [
      `redis.register_function('incr', function(keys) return redis.call('INCR', keys[1]) end)`,
      `redis.register_function{function_name='get', callback=function(keys) return redis.call('GET', keys[1]) end, flags={'no-writes'}}`,
    ].join('\n'))),
    ['MULTI'], ['FCALL', 'incr', '1', 'n'], ['FCALL_RO', 'get', '1', 'n'], ['FCALL', 'nosuch', '0'], ['FCALL', 'incr'], ['EXEC'],
    ['MULTI'], ['FCALL', 'incr', '1', 'n'], ['FCALL_RO', 'incr', '1', 'n'], ['EXEC'],
    ['SET', 'w', '1'], ['WATCH', 'w'], { cmd: ['FCALL', 'incr', '1', 'w'], conn: 'b' }, ['MULTI'], ['GET', 'w'], ['EXEC'],
    ['MULTI'], ['FUNCTION', 'LOAD', lib('inmulti', `redis.register_function('m', function() return 'm' end)`)], ['FCALL', 'm', '0'], ['EXEC'],
  ] },
]);

runScenarios('scripting: FUNCTION LIST, STATS, FLUSH, KILL, HELP', options, [
  { name: 'FUNCTION LIST', steps: [
    FLUSH, ['FUNCTION', 'LIST'],
    load(lib('lib1', `redis.register_function('f', function() return 1 end)`)),
    load(lib('Lib2', `redis.register_function{function_name='g', callback=function() return 1 end, description='dd', flags={'no-writes', 'allow-stale'}}`)),
    { cmd: ['FUNCTION', 'LIST'], compare: 'unordered' }, { cmd: ['FUNCTION', 'LIST', 'WITHCODE'], compare: 'unordered' },
    { cmd: ['FUNCTION', 'LIST', 'LIBRARYNAME', 'lib*'], compare: 'unordered' }, ['FUNCTION', 'LIST', 'LIBRARYNAME', '*2'], ['FUNCTION', 'LIST', 'libraryname', 'LIB1'],
    ['FUNCTION', 'LIST', 'LIBRARYNAME', 'lib1', 'WITHCODE'], { cmd: ['FUNCTION', 'LIST', 'withcode', 'LIBRARYNAME', 'Lib[0-9]'], compare: 'unordered' }, ['FUNCTION', 'LIST', 'LIBRARYNAME', 'nomatch'],
    ['FUNCTION', 'LIST', 'LIBRARYNAME'], ['FUNCTION', 'LIST', 'WITHCODE', 'WITHCODE'], ['FUNCTION', 'LIST', 'LIBRARYNAME', 'a', 'LIBRARYNAME', 'b'],
    ['FUNCTION', 'LIST', 'foo'], ['FUNCTION', 'LIST', 'withcode', 'libraryname'], ['FUNCTION', 'LIST', 'LIBRARYNAME', 'lib1', 'extra'],
    ['FUNCTION', 'LIST', 'LIBRARYNAME', 'x\u0000y'], ['FUNCTION', 'LIST', 'no\u0000such'],
  ] },
  { name: 'FUNCTION STATS, FLUSH, KILL, HELP and arity', steps: [
    FLUSH, ['FUNCTION', 'STATS'],
    load(lib('s1', `redis.register_function('f1', function() return 1 end)\nredis.register_function('f2', function() return 2 end)`)),
    load(lib('s2', `redis.register_function('f3', function() return 3 end)`)), ['FUNCTION', 'STATS'],
    ['FUNCTION', 'DELETE', 's1'], ['FUNCTION', 'STATS'], ['FUNCTION', 'STATS', 'x'],
    ['FUNCTION', 'FLUSH', 'x'], ['FUNCTION', 'FLUSH', 'sync', 'x'], ['FUNCTION', 'FLUSH', 'SYNC'], ['FUNCTION', 'STATS'], ['FUNCTION', 'FLUSH', 'async'],
    ['FUNCTION', 'FLUSH', 'Async'], ['FUNCTION', 'KILL'], ['FUNCTION', 'KILL', 'x'], ['SCRIPT', 'KILL'], ['FUNCTION', 'HELP'], ['function', 'help'],
    ['FUNCTION', 'HELP', 'x'], ['FUNCTION', 'NOSUCH'], ['FUNCTION'], ['FUNCTION', 'DUMP', 'x'], ['FUNCTION', 'RESTORE'],
    ['EVAL', 'return redis.call("FUNCTION", "STATS")', '0'], ['EVAL', 'return redis.call("FCALL", "x", "0")', '0'],
    ['COMMAND', 'GETKEYS', 'FCALL', 'f', '2', 'a', 'b', 'c'], ['COMMAND', 'GETKEYS', 'FCALL_RO', 'f', '0', 'a'], ['COMMAND', 'GETKEYS', 'FCALL', 'f', '3', 'a'],
    ['COMMAND', 'INFO', 'FCALL', 'FCALL_RO', 'FUNCTION|LOAD'],
  ] },
]);

// A function past busy-reply-threshold: BUSY with the FUNCTION wording, FUNCTION STATS
// naming it, SCRIPT KILL refused, FUNCTION KILL ending it, the killed caller's error naming
// the line the function was at (run.ts's killedLine); scripts killed on a later line.
runScenarios('scripting: busy functions', options, [
  { name: 'SCRIPT KILL names the line the script was on', protocols: [2], steps: [
    ['SET', 'k', 'v'], ['CONFIG', 'SET', 'busy-reply-threshold', '100'],
    { cmd: ['EVAL', 'local x = 0\n\nwhile true do end', '0'], async: true }, { sleep: 300 }, { cmd: ['SCRIPT', 'KILL'], conn: 'b' }, { await: 'a' },
    { cmd: ['EVAL', 'local v = redis.call("GET", KEYS[1])\nlocal w = redis.call("GET", KEYS[1])\nlocal n = math.random(10)\nif v == w then\n  while true do end\nend', '1', 'k'], async: true },
    { sleep: 300 }, { cmd: ['SCRIPT', 'KILL'], conn: 'b' }, { await: 'a' }, { cmd: ['GET', 'k'], conn: 'b' },
    // Loops of several lines whose length divides Redis's hook interval (100,000 instructions): the same line on every kill.
    { cmd: ['EVAL', 'local i = 0\nwhile true do\n  i = i + 1\n  local a = i * 2\n  local b = a + 1\nend', '0'], async: true },
    { sleep: 300 }, { cmd: ['SCRIPT', 'KILL'], conn: 'b' }, { await: 'a' },
    { cmd: ['EVAL', 'local v = redis.call("GET", KEYS[1])\nlocal i = 0\nwhile true do\n  i = i + 1\nend', '1', 'k'], async: true },
    { sleep: 300 }, { cmd: ['SCRIPT', 'KILL'], conn: 'b' }, { await: 'a' },
  ] },
  { name: 'FUNCTION KILL names the line the function was on', protocols: [2], steps: [
    FLUSH, ['SET', 'k', 'v'], ['CONFIG', 'SET', 'busy-reply-threshold', '100'],
    load(lib('kl', [
      `local K = 1`,
      `redis.register_function('loop3', function(keys, args)\n  local i = 0\n  while true do\n    i = i + 1\n    local a = i * 2\n    local b = a + 1\n  end\nend)`,
      `redis.register_function('loop1', function(keys, args)\n  local v = redis.call('GET', 'k')\n  local i = 0\n  while true do\n    i = i + K\n  end\nend)`,
    ].join('\n'))),
    { cmd: ['FCALL', 'loop3', '0'], async: true }, { sleep: 300 }, { cmd: ['FUNCTION', 'KILL'], conn: 'b' }, { await: 'a' },
    { cmd: ['FCALL', 'loop1', '0'], async: true }, { sleep: 300 }, { cmd: ['FUNCTION', 'KILL'], conn: 'b' }, { await: 'a' },
    { cmd: ['FCALL', 'loop3', '0'], async: true }, { sleep: 300 }, { cmd: ['FUNCTION', 'KILL'], conn: 'b' }, { await: 'a' },
  ] },
  // 'writer' and 'slow' end by themselves after a loop of CPU time, which a busy machine
  // stretches many times: their callers' replies are waited for up to a minute.
  { name: 'FUNCTION KILL and BUSY', protocols: [2, 3], testTimeoutMs: 150_000, steps: [
    FLUSH, ['SET', 'k', 'v'], ['CONFIG', 'SET', 'busy-reply-threshold', '100'],
    load(lib('busy', [
      `redis.register_function('spin', function() local i = 0 while true do i = i + 1 end end)`,
      // About 0.45 s on redis-server, 1 s here: it ends by itself, since it cannot be killed.
      `redis.register_function('writer', function() redis.call('SET', 'w', '1') local n = 0 for i = 1, 8e7 do n = n + 1 end return n end)`,
      `redis.register_function('slow', function() redis.call('SET', 'w', '2') local n = 0 for i = 1, 5e7 do n = n + 1 end return n end)`,
    ].join('\n'))),
    { cmd: ['FCALL', 'spin', '0'], async: true }, { sleep: 300 },
    { cmd: ['GET', 'k'], conn: 'b' }, { cmd: ['FUNCTION', 'STATS'], conn: 'b', compare: { except: ['duration_ms'] } }, { cmd: ['SCRIPT', 'KILL'], conn: 'b' },
    { cmd: ['EVAL', 'return 1', '0'], conn: 'b' }, { cmd: ['FUNCTION', 'KILL'], conn: 'b' }, { await: 'a' },
    { cmd: ['GET', 'k'], conn: 'b' }, { cmd: ['FUNCTION', 'KILL'], conn: 'b' }, ['FCALL', 'nosuch', '0'],
    { cmd: ['FCALL', 'writer', '0'], async: true }, { sleep: 200 },
    { cmd: ['FUNCTION', 'KILL'], conn: 'b' }, { cmd: ['SCRIPT', 'KILL'], conn: 'b' }, { cmd: ['FUNCTION', 'STATS'], conn: 'b', compare: { except: ['duration_ms'] } },
    { await: 'a', timeoutMs: 60_000 }, { cmd: ['GET', 'w'], conn: 'b' }, ['FUNCTION', 'STATS'],
    // busy-reply-threshold 0: no BUSY, the others wait for the function to end.
    ['CONFIG', 'SET', 'busy-reply-threshold', '0'], { cmd: ['FCALL', 'slow', '0'], async: true }, { sleep: 100 },
    { cmd: ['GET', 'w'], conn: 'b', timeoutMs: 60_000 }, { await: 'a', timeoutMs: 60_000 },
  ] },
]);
