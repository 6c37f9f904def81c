import { addInfoFields, defineMixin, type RedisModuleDeclaration } from '@fakeredis/core';
import { EVAL, EVAL_RO, EVALSHA, EVALSHA_RO } from './commands/eval.js';
import { SCRIPT_DEBUG, SCRIPT_EXISTS, SCRIPT_FLUSH, SCRIPT_HELP, SCRIPT_KILL, SCRIPT_LOAD, SCRIPT_SHOW } from './commands/script.js';
import {
  FCALL,
  FCALL_RO,
  FUNCTION_DELETE,
  FUNCTION_DUMP,
  FUNCTION_FLUSH,
  FUNCTION_HELP,
  FUNCTION_KILL,
  FUNCTION_LIST,
  FUNCTION_LOAD,
  FUNCTION_RESTORE,
  FUNCTION_STATS,
} from './functions/commands.js';
import { installScriptCommandFlags } from './flags.js';
import { evictedScriptsField, scriptsMemoryFields } from './memory.js';
import { installFunctionsRdbSection } from './rdb.js';
import { functionPropagation } from './propagate.js';

/** Valkey 9.1 runs Lua as a built-in module (MODULE LIST, HELLO's modules, INFO modules). */
const LUA_MODULE: RedisModuleDeclaration = {
  name: 'lua', version: 1, path: 'lua', args: [], options: ['handle-repl-async-load', 'handle-atomic-slot-migration'], builtInSince: '9.1.0', builtInServer: 'valkey', scriptingEngine: true,
};

/** EVAL, EVALSHA, EVAL_RO, EVALSHA_RO and SCRIPT (Redis 7.0), on Redis's Lua 5.1 (lua-redis-wasm). */
export const ScriptingCommands = defineMixin({
  name: 'ScriptingCommands',
  commands: {
    EVAL, EVALSHA, EVAL_RO, EVALSHA_RO,
    'SCRIPT LOAD': SCRIPT_LOAD, 'SCRIPT EXISTS': SCRIPT_EXISTS, 'SCRIPT FLUSH': SCRIPT_FLUSH,
    'SCRIPT KILL': SCRIPT_KILL, 'SCRIPT DEBUG': SCRIPT_DEBUG, 'SCRIPT HELP': SCRIPT_HELP,
    // Valkey 8.0's; the dispatcher offers it only where the profile's metadata has it.
    'SCRIPT SHOW': SCRIPT_SHOW,
  },
  redisModule: LUA_MODULE,
  install(server) {
    addInfoFields(server, 'memory', scriptsMemoryFields);
    addInfoFields(server, 'stats', evictedScriptsField);
    installScriptCommandFlags(server);
  },
});

/** FUNCTION and FCALL / FCALL_RO (Redis 7.0): Lua libraries, on the same engine as EVAL. */
export const FunctionCommands = defineMixin({
  name: 'FunctionCommands',
  commands: {
    FCALL, FCALL_RO,
    'FUNCTION LOAD': FUNCTION_LOAD, 'FUNCTION DELETE': FUNCTION_DELETE, 'FUNCTION FLUSH': FUNCTION_FLUSH,
    'FUNCTION KILL': FUNCTION_KILL, 'FUNCTION LIST': FUNCTION_LIST, 'FUNCTION STATS': FUNCTION_STATS,
    'FUNCTION DUMP': FUNCTION_DUMP, 'FUNCTION RESTORE': FUNCTION_RESTORE, 'FUNCTION HELP': FUNCTION_HELP,
  },
  propagation: functionPropagation,
  redisModule: LUA_MODULE,
  install(server) {
    addInfoFields(server, 'memory', scriptsMemoryFields);
    installScriptCommandFlags(server);
    installFunctionsRdbSection(server);
  },
});
