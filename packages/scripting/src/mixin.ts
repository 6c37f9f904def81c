import { addInfoFields, defineMixin } from '@fakeredis/core';
import { EVAL, EVAL_RO, EVALSHA, EVALSHA_RO } from './commands/eval.js';
import { scriptingState } from './state.js';
import { SCRIPT_DEBUG, SCRIPT_EXISTS, SCRIPT_FLUSH, SCRIPT_HELP, SCRIPT_KILL, SCRIPT_LOAD } from './commands/script.js';

/** EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT (Redis 7.0), on Redis's Lua 5.1 (lua-redis-wasm). */
export const ScriptingCommands = defineMixin({
  name: 'ScriptingCommands',
  commands: {
    EVAL, EVALSHA, EVAL_RO, EVALSHA_RO,
    'SCRIPT LOAD': SCRIPT_LOAD, 'SCRIPT EXISTS': SCRIPT_EXISTS, 'SCRIPT FLUSH': SCRIPT_FLUSH,
    'SCRIPT KILL': SCRIPT_KILL, 'SCRIPT DEBUG': SCRIPT_DEBUG, 'SCRIPT HELP': SCRIPT_HELP,
  },
  install(server) {
    addInfoFields(server, 'memory', (s) => [['number_of_cached_scripts', scriptingState(s).scripts.size]]);
  },
});
