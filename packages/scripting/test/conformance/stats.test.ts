import { runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

// What scripts and functions leave in INFO: errorstats, total_error_replies and
// commandstats (an error a script's redis.call / redis.pcall met is counted once, where
// it arose, as Redis's ignore_error_stats_update does; the script's command still counts
// a failed call), and the memory section's scripting fields.

/** INFO commandstats without the timings, sorted (Redis prints its command dict's hash order). */
const COMMANDSTATS = [
  'EVAL',
  `local t = {} for line in string.gmatch(redis.call("INFO", "commandstats"), "[^\\r\\n]+") do
     if line:sub(1, 1) ~= "#" then t[#t + 1] = (line:gsub("usec=%d+,usec_per_call=[%d.]+,", "")) end
   end table.sort(t) return t`,
  '0',
];
const TOTAL_ERRORS = ['EVAL', `return tonumber(string.match(redis.call("INFO", "stats"), "total_error_replies:(%d+)"))`, '0'];

/** Resets the counters, runs `command`, and reads what it left. */
const counted = (command: string[]): Step[] => [['CONFIG', 'RESETSTAT'], command, ['INFO', 'errorstats'], TOTAL_ERRORS, COMMANDSTATS];

const E = (script: string, ...rest: string[]): string[] => ['EVAL', script, '0', ...rest];

const LIB = `#!lua name=stats
redis.register_function('callerr', function() return redis.call('INCR', 's') end)
redis.register_function('pcallerr', function() return redis.pcall('INCR', 's') end)
redis.register_function('swallow', function() redis.pcall('INCR', 's') return 'ok' end)
redis.register_function('reply', function() return redis.error_reply('MINE x') end)
redis.register_function('raise', function() error('raised') end)
redis.register_function('unknown', function() return redis.call('nosuch') end)
redis.register_function{function_name='ro', callback=function() return redis.call('SET', 'k', 'v') end, flags={'no-writes'}}`;

runScenarios('scripting: errorstats and commandstats', options, [
  { name: 'errors of scripts, counted once', steps: [
    ['SET', 's', 'x'],
    ...counted(E('return redis.call("INCR", "s")')),
    ...counted(E('return redis.pcall("INCR", "s")')),
    ...counted(E('redis.pcall("INCR", "s") return 1')),
    ...counted(E('local e = redis.pcall("INCR", "s") return {err = e.err .. "!"}')),
    ...counted(E('local ok, e = pcall(redis.call, "INCR", "s") error(e)')),
    ...counted(E('return redis.call("nosuch")')),
    ...counted(E('return redis.call("GET")')),
    ...counted(E('return redis.pcall("GET")')),
    ...counted(['EVAL_RO', 'return redis.call("SET", "a", "b")', '0']),
    ...counted(E('return redis.call("MULTI")')),
    ...counted(E('return redis.error_reply("MY err")')),
    ...counted(E('return redis.error_reply("nocode")')),
    ...counted(E('error("x")')),
    ...counted(E('return {err = "XX y"}')),
    ...counted(E('return redis.call()')),
    ...counted(E('return redis.call("GET", {})')),
    ...counted(E('return nosuch')),
    ...counted(E('return 1 +')),
    ...counted(E('return redis.call("HSET", "s", "f", "v")')),
    ...counted(E('redis.call("SET", "t", "1") return redis.call("LPUSH", "t", "x")')),
    ...counted(E('error({err = "My error"})')), ...counted(E('error({err = "MYCODE x"})')), ...counted(E('local t = redis.pcall("nosuch") error(t)')),
    ...counted(E('redis.setresp(4)')), ...counted(E('redis.log()')),
  ] },
  { name: 'errors of functions, counted once', steps: [
    ['FUNCTION', 'FLUSH'], ['SET', 's', 'x'], ['FUNCTION', 'LOAD', LIB],
    ...['callerr', 'pcallerr', 'swallow', 'reply', 'raise', 'unknown', 'ro'].flatMap((f) => counted(['FCALL', f, '0'])),
    ...counted(['FCALL_RO', 'callerr', '0']), ...counted(['FCALL', 'nosuch', '0']), ...counted(['FUNCTION', 'LOAD', '#!lua name=x\nerror(']),
    ...counted(['FUNCTION', 'LOAD', '#!lua name=x\nredis.call("GET", "x")']),
  ] },
  { name: 'errors of scripts inside MULTI', steps: [
    ['SET', 's', 'x'], ['CONFIG', 'RESETSTAT'], ['MULTI'], E('return redis.call("INCR", "s")'), E('return redis.pcall("INCR", "s")'), ['EXEC'],
    ['INFO', 'errorstats'], TOTAL_ERRORS, COMMANDSTATS,
  ] },
]);

/** INFO memory's scripting fields, read from inside a script. */
const MEMORY = [
  'EVAL',
  `local info = redis.call("INFO", "memory") local t = {}
   for _, f in ipairs({"used_memory_scripts_eval", "number_of_cached_scripts", "number_of_functions", "number_of_libraries",
                       "used_memory_functions", "used_memory_scripts", "used_memory_scripts_human"}) do
     t[#t + 1] = f .. "=" .. string.match(info, f .. ":([^\\r]+)")
   end return t`,
  '0',
];

runScenarios('scripting: INFO memory fields of scripts and functions', options, [
  { name: 'functions and cached scripts', steps: [
    ['FUNCTION', 'FLUSH'], ['SCRIPT', 'FLUSH'], MEMORY,
    ['FUNCTION', 'LOAD', `#!lua name=a\nredis.register_function('f', function() return 1 end)`], MEMORY,
    ['FUNCTION', 'LOAD', `#!lua name=bb\nredis.register_function{function_name='g', callback=function() return 1 end, description='hello'}`], MEMORY,
    ['FUNCTION', 'LOAD', `#!lua name=ccc\nredis.register_function('h1', function() return 1 end)\nredis.register_function('h2', function() return 1 end)`], MEMORY,
    ['FUNCTION', 'DELETE', 'a'], MEMORY, ['FUNCTION', 'LOAD', `#!lua name=long_library_name\n${'-- padding\n'.repeat(40)}redis.register_function('x', function() return 1 end)`], MEMORY,
    ['EVAL', 'return 1', '0'], ['EVAL', `return '${'y'.repeat(60)}'`, '0'], ['SCRIPT', 'LOAD', `return '${'z'.repeat(300)}'`], MEMORY,
    ['FUNCTION', 'FLUSH'], MEMORY, ['SCRIPT', 'FLUSH'], MEMORY,
  ] },
]);
