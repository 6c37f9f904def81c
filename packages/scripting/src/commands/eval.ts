import { createHash } from 'node:crypto';
import { type Bytes, type Client, type CommandHandler, ERR_MASTERDOWN, ErrorReply, type HandlerResult, parseInteger, replicaIsStale } from '@fakeredis/core';
import { luaProfile, type ParsedScript, parseScript, wrapScript } from '../env.js';
import { ERR_NO_CLUSTER_FLAG, ERR_NUMKEYS_NEGATIVE, ERR_NUMKEYS_TOO_MANY, ERR_SCRIPT_MASTERDOWN, ERR_SCRIPT_OOM, ERR_SCRIPT_READONLY, ERR_WRITE_FLAG_RO, errCompiling, errScriptMisconf, scriptTexts } from '../errors.js';
import { compileError, runScript, scriptStartsMisconf, scriptStartsOom, scriptStartsReadonly } from '../run.js';
import { scriptingState } from '../state.js';

/** A cached script: its body, what the shebang says, and the chunk the engine runs. */
export interface CachedScript {
  readonly body: string;
  readonly parsed: ParsedScript;
  /** wrapScript of the code, made once: the same string each run, so the worker keeps it. */
  readonly chunk: string;
}

export function sha1hex(body: string): string {
  return createHash('sha1').update(Buffer.from(body, 'latin1')).digest('hex');
}

/**
 * luaCreateFunction: checks the shebang and compiles the body, then caches it under its
 * sha1. Throws the error Redis replies with; a failing script is not cached. `byEval`:
 * EVAL caches it (luaScriptsLRUAdd: where the profile limits EVAL's scripts, it joins
 * their LRU list, the oldest evicted past the limit), else SCRIPT LOAD.
 */
export function loadScript(client: Client, body: string, byEval: boolean): { sha: string; script: CachedScript } {
  const sha = sha1hex(body);
  const state = scriptingState(client.server);
  const scripts = state.scripts;
  const lua = luaProfile(client.server.profile);
  const cached = scripts.get(sha);
  if (cached !== undefined) {
    // Valkey: SCRIPT LOAD of a script EVAL cached keeps it for good.
    if (!byEval && lua.scriptLoadKeeps) state.evalLru.delete(sha);
    return { sha, script: cached };
  }
  const parsed = parseScript(body);
  if (parsed instanceof ErrorReply) throw parsed;
  const error = compileError(parsed.code);
  if (error !== undefined) throw errCompiling(error);
  const script = { body, parsed, chunk: wrapScript(parsed.code, lua) };
  if (byEval && lua.evalCacheLimit > 0) {
    for (const oldest of state.evalLru) {
      if (state.evalLru.size < lua.evalCacheLimit) break;
      state.evalLru.delete(oldest);
      scripts.delete(oldest);
      state.evictedScripts++;
    }
    state.evalLru.add(sha);
  }
  scripts.set(sha, script);
  return { sha, script };
}

/** numkeys as evalGenericCommand reads it. */
export function parseNumKeys(argv: Bytes[]): number {
  const numkeys = parseInteger(argv[2] as Bytes);
  if (numkeys > argv.length - 3) throw ERR_NUMKEYS_TOO_MANY;
  if (numkeys < 0) throw ERR_NUMKEYS_NEGATIVE;
  return numkeys;
}

/** EVAL, EVALSHA, EVAL_RO, EVALSHA_RO (evalGenericCommand and scriptPrepareForRun). */
function evalGeneric(bySha: boolean, roCommand: boolean): CommandHandler {
  return (client, argv): HandlerResult => {
    // EVAL is flagged skip_monitor: it shows itself before the commands its script runs.
    client.server.feedMonitors(client, argv);
    // EVALSHA answers NOSCRIPT for a name of the wrong length before anything else.
    if (bySha && (argv[1] as string).length !== 40) throw scriptTexts(client.server.profile).noscript;
    const numkeys = parseNumKeys(argv);
    let sha: string;
    let script: CachedScript | undefined;
    if (bySha) {
      sha = (argv[1] as string).toLowerCase();
      script = sha.length === 40 ? scriptingState(client.server).scripts.get(sha) : undefined;
      if (script === undefined) throw scriptTexts(client.server.profile).noscript;
    } else {
      ({ sha, script } = loadScript(client, argv[1] as string, true));
    }
    const { flags } = script.parsed;
    // scriptPrepareForRun checks the no-cluster flag first.
    if (flags.shebang && flags.noCluster && client.server.config.getBoolean('cluster-enabled')) throw ERR_NO_CLUSTER_FLAG;
    // A replica serving no stale data while its link is down: scripts flagged allow-stale only.
    if (replicaIsStale(client.server)) {
      if (!flags.shebang) throw ERR_MASTERDOWN;
      if (!flags.allowStale) throw ERR_SCRIPT_MASTERDOWN;
    }
    if (flags.shebang && scriptStartsReadonly(client, flags.noWrites)) throw ERR_SCRIPT_READONLY;
    if (flags.shebang && scriptStartsMisconf(client.server, flags.noWrites)) throw errScriptMisconf(client.server);
    if (flags.shebang && !flags.noWrites && roCommand) throw ERR_WRITE_FLAG_RO;
    if (flags.shebang && scriptStartsOom(client.server, flags.noWrites, flags.allowOom)) throw ERR_SCRIPT_OOM;
    // A script that runs is the most recently used of EVAL's (nothing evicts while it runs).
    const lru = scriptingState(client.server).evalLru;
    if (lru.delete(sha)) lru.add(sha);
    return runScript({
      client,
      chunk: script.chunk,
      keys: argv.slice(3, 3 + numkeys),
      args: argv.slice(3 + numkeys),
      readOnly: roCommand || flags.noWrites,
      allowOom: flags.shebang && flags.allowOom,
      allowCrossSlot: !flags.shebang || flags.allowCrossSlotKeys,
      isEval: true,
      name: sha,
      source: 'user_script',
      argv,
    });
  };
}

export const EVAL = evalGeneric(false, false);
export const EVALSHA = evalGeneric(true, false);
export const EVAL_RO = evalGeneric(false, true);
export const EVALSHA_RO = evalGeneric(true, true);
