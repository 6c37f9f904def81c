import { FakeServer } from '@fakeredis/core';
import { runScenariosByVersion } from '@fakeredis/tooling/conformance/reference';
import { RdbWriter, withFooter } from '../../src/functions/rdb.js';
import { mixins } from './server.js';

// A library's Lua state between FCALLs, against redis-server 7.0 (and Redis 7.2 / 7.4 and
// Valkey 8.0 builds when FAKEREDIS_REDIS_7_2 / _7_4 / FAKEREDIS_VALKEY_8_0 name them), RESP2 and RESP3: Redis
// loads a library once, so the locals its functions share (numbers, tables) keep their
// values from one FCALL to the next, until the library is loaded again (LOAD REPLACE,
// FLUSH, RESTORE). A failed load or RESTORE keeps the old library and its state.

const FLUSH = ['FUNCTION', 'FLUSH'];
const lib = (name: string, code: string): string => `#!lua name=${name}\n${code}`;

const COUNTER = lib('cnt', [
  `local n = 0`,
  `local seen = {}`,
  `redis.register_function('inc', function(keys, args) n = n + 1 return n end)`,
  `redis.register_function('get', function() return n end)`,
  `redis.register_function('push', function(keys, args) seen[#seen + 1] = args[1] return seen end)`,
  `redis.register_function('boom', function() n = n + 1 error('boom') end)`,
  `redis.register_function('callerr', function() n = n + 1 return redis.call('INCR', 'notanumber') end)`,
  `redis.register_function{function_name='ro', callback=function() n = n + 100 return n end, flags={'no-writes'}}`,
  `redis.register_function('setn', function(keys, args) n = tonumber(args[1]) return redis.call('SET', keys[1], n) end)`,
].join('\n'));
const OTHER = lib('other', `local m = 0\nredis.register_function('inc2', function() m = m + 1 return m end)`);
/** State in a function run while the library loads, and a table made per call. */
const CLOSURES = lib('closures', [
  `redis.register_function('tick', (function() local n = 0 return function() n = n + 1 return n end end)())`,
  `local function fresh() local m = {} return function(x) m[#m + 1] = x return #m end end`,
  `redis.register_function('fresh', function(keys, args) local add = fresh() add(1) return add(2) end)`,
].join('\n'));
/** The same library under other code: a fresh state. */
const COUNTER_AGAIN = lib('cnt', `local n = 10\nredis.register_function('inc', function() n = n + 1 return n end)\nredis.register_function('get', function() return n end)`);

/** A FUNCTION RESTORE payload of these libraries (RDB_OPCODE_FUNCTION2 and the code each, then the footer). */
function payload(...libraries: string[]): Buffer {
  const writer = new RdbWriter(true);
  for (const code of libraries) {
    writer.bytes([245]);
    writer.string(Buffer.from(code, 'latin1'));
  }
  return Buffer.from(withFooter(writer.result()));
}

runScenariosByVersion('scripting: a library keeps its Lua state between FCALLs', (config, profile) => new FakeServer({ mixins, config, profile }), [
  { name: 'locals shared by functions, across calls, errors and read-only calls', steps: [
    FLUSH, ['FUNCTION', 'LOAD', COUNTER], ['FUNCTION', 'LOAD', OTHER],
    ['FCALL', 'inc', '0'], ['FCALL', 'inc', '0'], ['FCALL', 'get', '0'], ['FCALL_RO', 'ro', '0'], ['FCALL', 'boom', '0'], ['FCALL', 'get', '0'],
    ['SET', 'notanumber', 'x'], ['FCALL', 'callerr', '0'], ['FCALL', 'get', '0'], ['FCALL_RO', 'inc', '0'], ['FCALL', 'get', '0'],
    ['FCALL', 'push', '0', 'a'], ['FCALL', 'push', '0', 'b'], ['FCALL', 'PUSH', '0', 'c'],
    ['FCALL', 'inc2', '0'], ['FCALL', 'inc2', '0'], ['FCALL', 'setn', '1', 'k', '41'], ['FCALL', 'inc', '0'], ['GET', 'k'],
    ['MULTI'], ['FCALL', 'inc', '0'], ['FCALL', 'inc', '0'], ['EXEC'], ['FCALL', 'get', '0'],
    ['FUNCTION', 'LOAD', CLOSURES], ['FCALL', 'tick', '0'], ['FCALL', 'tick', '0'], ['FCALL', 'fresh', '0'], ['FCALL', 'fresh', '0'], ['FCALL', 'tick', '0'],
  ] },
  { name: 'what keeps the state and what starts it over', steps: [
    FLUSH, ['FUNCTION', 'LOAD', COUNTER], ['FUNCTION', 'LOAD', OTHER], ['FCALL', 'inc', '0'], ['FCALL', 'inc2', '0'],
    // Neither SCRIPT FLUSH, FLUSHALL, another library's load or delete touch it.
    ['SCRIPT', 'FLUSH'], ['FLUSHALL'], ['FCALL', 'inc', '0'], ['FUNCTION', 'DELETE', 'other'], ['FCALL', 'inc', '0'],
    ['FUNCTION', 'LOAD', OTHER], ['FCALL', 'inc2', '0'], ['FCALL', 'inc', '0'],
    // A failed REPLACE (an error while loading, a function name taken) keeps the old library.
    ['FUNCTION', 'LOAD', 'REPLACE', `${COUNTER}\nerror('x')`], ['FCALL', 'inc', '0'],
    ['FUNCTION', 'LOAD', 'REPLACE', `${COUNTER}\nredis.register_function('inc2', function() end)`], ['FCALL', 'inc', '0'],
    ['FUNCTION', 'LOAD', 'REPLACE', COUNTER], ['FCALL', 'inc', '0'], ['FCALL', 'inc', '0'], ['FCALL', 'inc2', '0'],
    ['FUNCTION', 'LOAD', 'REPLACE', COUNTER_AGAIN], ['FCALL', 'inc', '0'], ['FCALL', 'push', '0', 'x'],
    FLUSH, ['FUNCTION', 'LOAD', COUNTER], ['FCALL', 'inc', '0'], ['FUNCTION', 'DELETE', 'cnt'], ['FUNCTION', 'LOAD', COUNTER], ['FCALL', 'inc', '0'],
  ] },
  { name: 'FUNCTION RESTORE: restored libraries start over, the others keep theirs', steps: [
    FLUSH, ['FUNCTION', 'LOAD', COUNTER], ['FUNCTION', 'LOAD', OTHER], ['FCALL', 'inc', '0'], ['FCALL', 'inc', '0'], ['FCALL', 'inc2', '0'],
    ['FUNCTION', 'RESTORE', payload(COUNTER, OTHER), 'REPLACE'], ['FCALL', 'inc', '0'], ['FCALL', 'inc2', '0'], ['FCALL', 'inc', '0'],
    ['FUNCTION', 'RESTORE', payload(OTHER), 'REPLACE'], ['FCALL', 'get', '0'], ['FCALL', 'inc2', '0'], ['FCALL', 'inc2', '0'],
    ['FUNCTION', 'RESTORE', payload(OTHER)], ['FUNCTION', 'RESTORE', payload(OTHER), 'APPEND'], ['FCALL', 'inc2', '0'], ['FCALL', 'get', '0'],
    ['FUNCTION', 'DELETE', 'other'], ['FUNCTION', 'RESTORE', payload(OTHER), 'APPEND'], ['FCALL', 'inc2', '0'], ['FCALL', 'get', '0'],
    ['FUNCTION', 'RESTORE', payload(COUNTER, OTHER), 'FLUSH'], ['FCALL', 'get', '0'], ['FCALL', 'inc2', '0'],
    ['FUNCTION', 'RESTORE', payload(COUNTER_AGAIN, `${OTHER}\nerror('x')`), 'REPLACE'], ['FCALL', 'get', '0'], ['FCALL', 'inc2', '0'],
  ] },
], ['7.2', '7.4', 'valkey 8.0']);
