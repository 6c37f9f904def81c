import { type Bytes, type Client, type CommandHandler, ErrorReply, errSubcommandSyntax, helpReply, LAZYFREE_THRESHOLD, OK, versionAtLeast } from '@fakeredis/core';
import { ERR_NOTBUSY, ERR_SCRIPT_DEBUG_OPTION, ERR_SCRIPT_FLUSH_OPTION, ERR_UNKILLABLE, errBusyEval, errBusyFunction, scriptTexts } from '../errors.js';
import { scriptingState } from '../state.js';
import { loadScript } from './eval.js';

/** SCRIPT LOAD script: checks, compiles and caches it; replies its sha1. */
export const SCRIPT_LOAD: CommandHandler = (client, argv) => loadScript(client, argv[2] as string, false).sha as Bytes;

/** SCRIPT EXISTS sha1 [sha1 ...]: 1 or 0 for each (any case). */
export const SCRIPT_EXISTS: CommandHandler = (client, argv) => {
  const scripts = scriptingState(client.server).scripts;
  return argv.slice(2).map((sha) => (scripts.has(sha.toLowerCase()) ? 1 : 0));
};

/** SCRIPT SHOW sha1 (Valkey 8.0): the cached script's body (its sha1 in any case), or NOSCRIPT. */
export const SCRIPT_SHOW: CommandHandler = (client, argv) => {
  const sha = argv[2] as string;
  const script = sha.length === 40 ? scriptingState(client.server).scripts.get(sha.toLowerCase()) : undefined;
  if (script === undefined) throw scriptTexts(client.server.profile).noscript;
  return script.body as Bytes;
};

/** SCRIPT FLUSH [ASYNC|SYNC]: empties the script cache. */
export const SCRIPT_FLUSH: CommandHandler = (client, argv) => {
  if (argv.length > 3) throw ERR_SCRIPT_FLUSH_OPTION;
  const server = client.server;
  let async = server.config.getBoolean('lazyfree-lazy-user-flush');
  if (argv.length === 3) {
    const mode = (argv[2] as string).toLowerCase();
    if (mode !== 'sync' && mode !== 'async') throw ERR_SCRIPT_FLUSH_OPTION;
    async = mode === 'async';
  }
  const scripts = scriptingState(server).scripts;
  // freeLuaScriptsAsync: a cache of more than LAZYFREE_THRESHOLD scripts is freed in the background.
  if (async && scripts.size > LAZYFREE_THRESHOLD) server.lazyfreedObjects += scripts.size;
  scripts.clear();
  scriptingState(server).evalLru.clear();
  return OK;
};

/**
 * SCRIPT DEBUG YES|SYNC|NO. The answer is Redis's; the fake has no Lua debugger, so the
 * scripts that follow run as usual.
 */
export const SCRIPT_DEBUG: CommandHandler = (client, argv) => {
  if (client.inExec) throw new ErrorReply('ERR SCRIPT DEBUG must be called outside a pipeline');
  if (client.multi !== undefined) throw new ErrorReply('ERR SCRIPT DEBUG must be called outside MULTI');
  // Valkey 9 takes an engine's name after the mode (arity -3); its only engine is lua.
  if (argv.length > 4) throw errSubcommandSyntax(argv[1] as string, 'SCRIPT');
  if (argv.length === 4 && (argv[3] as string).toLowerCase() !== 'lua') throw new ErrorReply(`ERR No scripting engine found with name '${argv[3] as string}' to enable debug`);
  const mode = (argv[2] as string).toLowerCase();
  if (mode !== 'yes' && mode !== 'sync' && mode !== 'no') throw ERR_SCRIPT_DEBUG_OPTION;
  return OK;
};

/** scriptKill: SCRIPT KILL (isEval) and FUNCTION KILL. */
export function killScript(client: Client, isEval: boolean): typeof OK {
  const running = scriptingState(client.server).running;
  if (running === undefined) throw ERR_NOTBUSY;
  if (running.wrote) throw ERR_UNKILLABLE;
  if (isEval && !running.isEval) throw errBusyFunction(client.server);
  if (!isEval && running.isEval) throw errBusyEval(client.server);
  running.kill();
  return OK;
}

export const SCRIPT_KILL: CommandHandler = (client) => killScript(client, true);

const SCRIPT_HELP_LINES = [
  'DEBUG (YES|SYNC|NO)',
  '    Set the debug mode for subsequent scripts executed.',
  'EXISTS <sha1> [<sha1> ...]',
  '    Return information about the existence of the scripts in the script cache.',
  'FLUSH [ASYNC|SYNC]',
  '    Flush the Lua scripts cache. Very dangerous on replicas.',
  '    When called without the optional mode argument, the behavior is determined by the',
  '    lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  '    * ASYNC: Asynchronously flush the scripts cache.',
  '    * SYNC: Synchronously flush the scripts cache.',
  'KILL',
  '    Kill the currently executing Lua script.',
  'LOAD <script>',
  '    Load a script into the scripts cache without executing it.',
];

/** Valkey 8.0's: FLUSH's text wrapped elsewhere, and SHOW. */
const VALKEY_SCRIPT_HELP_LINES = [
  ...SCRIPT_HELP_LINES.slice(0, 6),
  '    When called without the optional mode argument, the behavior is determined',
  '     by the lazyfree-lazy-user-flush configuration directive. Valid modes are:',
  ...SCRIPT_HELP_LINES.slice(8),
  'SHOW <sha1>',
  '    Show a script from the scripts cache.',
];

/** Valkey 9's: DEBUG takes an engine's name. */
const VALKEY_9_SCRIPT_HELP_LINES = [
  'DEBUG (YES|SYNC|NO) [<engine_name>]',
  '    Set the debug mode for subsequent scripts executed of the specified engine.',
  "    Default engine name: 'lua'",
  ...VALKEY_SCRIPT_HELP_LINES.slice(2),
];

export const SCRIPT_HELP: CommandHandler = (client) => {
  const { profile } = client.server;
  if (profile.serverType !== 'valkey') return helpReply(client.server, 'SCRIPT', SCRIPT_HELP_LINES);
  return helpReply(client.server, 'SCRIPT', versionAtLeast(profile, '9.0.0') ? VALKEY_9_SCRIPT_HELP_LINES : VALKEY_SCRIPT_HELP_LINES);
};
