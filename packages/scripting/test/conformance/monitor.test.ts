import { MONITOR_LINES, runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

const lines: Step = { messages: 'm', compare: MONITOR_LINES };

// MONITOR shows EVAL and FCALL before the commands their scripts run, which come from "lua"
// in the database the script selected; a monitor may not run scripts or subscribe in RESP2.
runScenarios('scripting: MONITOR', options, [
  { name: 'EVAL and its commands, SELECT inside the script, errors', steps: [
    { cmd: ['MONITOR'], conn: 'm' }, ['SELECT', '2'], ['EVAL', 'redis.call("SET", "x", 1) redis.call("SELECT", "5") redis.call("SET", "y", "a\\0b") return redis.call("GET", "x")', '0'],
    ['EVAL', 'return redis.pcall("INCR", KEYS[1], "extra")', '1', 'k'], ['EVAL', 'return redis.call("NOSUCH")', '0'], ['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', '0'],
    ['EVALSHA', 'short', '0'], ['EVAL', 'return 1', 'x'], ['SCRIPT', 'LOAD', 'return redis.call("PING")'], ['EVALSHA_RO', '0ba3e6e9b3ab1a1e3cdb2b56b7cff1a1d1df9d01', '0'],
    ['EVAL', 'return redis.call("CONFIG", "GET", "maxmemory")', '0'], ['SELECT', '0'], lines,
  ] },
  { name: 'FCALL and its commands', steps: [
    ['FUNCTION', 'FLUSH'], ['FUNCTION', 'LOAD', '#!lua name=mon\nredis.register_function("f", function(keys, args) return redis.call("SET", keys[1], args[1]) end)'],
    { cmd: ['MONITOR'], conn: 'm' }, ['FCALL', 'f', '1', 'k', 'v'], ['FCALL', 'nosuch', '0'], ['FCALL_RO', 'f', '1', 'k', 'v'], ['FUNCTION', 'FLUSH'], lines,
  ] },
  { name: 'a monitor may not run a script', steps: [
    { cmd: ['MONITOR'], conn: 'm' }, { cmd: ['EVAL', 'return 1', '0'], conn: 'm' }, { cmd: ['FCALL', 'f', '0'], conn: 'm' }, { cmd: ['PUBLISH', 'c', 'x'], conn: 'm' },
    { cmd: ['SUBSCRIBE', 'c'], conn: 'm' }, lines,
  ] },
  { name: 'a RESP2 subscriber cannot MONITOR', protocols: [2], steps: [
    { cmd: ['SUBSCRIBE', 'c'], conn: 's' }, { cmd: ['MONITOR'], conn: 's' },
  ] },
]);

// CLIENT PAUSE WRITE pauses what may write or replicate: EVAL, FCALL, PUBLISH (not EVAL_RO,
// nor a script whose shebang declares no-writes, judged by the script's flags).
runScenarios('scripting: CLIENT PAUSE WRITE', options, [
  { name: 'EVAL, FCALL and PUBLISH wait; EVAL_RO and a no-writes script do not', steps: [
    ['FUNCTION', 'FLUSH'], ['FUNCTION', 'LOAD', '#!lua name=p\nredis.register_function("f", function() return 1 end)'],
    { cmd: ['CLIENT', 'PAUSE', '100000', 'WRITE'], conn: 'p' },
    { cmd: ['EVAL', 'return 1', '0'], conn: 'a', async: true }, { cmd: ['FCALL', 'f', '0'], conn: 'b', async: true }, { cmd: ['PUBLISH', 'c', 'm'], conn: 'c', async: true },
    { cmd: ['EVAL_RO', 'return 2', '0'], conn: 'd' }, { cmd: ['EVAL', '#!lua flags=no-writes\nreturn 3', '0'], conn: 'd' },
    { cmd: ['CLIENT', 'UNPAUSE'], conn: 'p' }, { await: 'a' }, { await: 'b' }, { await: 'c' }, ['FUNCTION', 'FLUSH'],
  ] },
]);
