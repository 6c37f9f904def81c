import { addHook, type Bytes, type Client, type CommandEntry, ErrorReply, type FakeServer } from '@fakeredis/core';
import { sha1hex } from './commands/eval.js';
import { parseScript, type ScriptFlags } from './env.js';
import { FLAG_ALLOW_OOM, FLAG_ALLOW_STALE, FLAG_NO_WRITES, functionsState } from './functions/state.js';
import { scriptingState } from './state.js';

/**
 * Redis's getCommandFlags for scripts (evalGetCommandFlags, fcallGetCommandFlags): a script
 * or function that declares flags runs with them in place of EVAL's and FCALL's own, as
 * scriptFlagsToCmdFlags makes them (write unless no-writes, denyoom unless allow-oom or
 * no-writes, stale with allow-stale, never may-replicate). The dispatcher asks it where flags
 * decide per call: CLIENT PAUSE WRITE, denyoom under maxmemory, and as MULTI queues the call
 * (EXEC is judged by the flags its scripts had then).
 */

const EVAL_COMMANDS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro']);
const FCALL_COMMANDS = new Set(['fcall', 'fcall_ro']);

function toCommandFlags(entry: CommandEntry, script: { noWrites: boolean; allowOom: boolean; allowStale: boolean }): ReadonlySet<string> {
  const flags = new Set(entry.flags);
  for (const flag of ['stale', 'denyoom', 'write', 'may_replicate']) flags.delete(flag);
  if (!script.allowOom && !script.noWrites) flags.add('denyoom');
  if (!script.noWrites) flags.add('write');
  if (script.allowStale) flags.add('stale');
  return flags;
}

function evalFlags(server: FakeServer, entry: CommandEntry, argv: Bytes[]): ScriptFlags | undefined {
  const bySha = entry.fullName.startsWith('evalsha');
  const arg = argv[1] as string;
  if (bySha && arg.length !== 40) return undefined;
  const cached = scriptingState(server).scripts.get(bySha ? arg.toLowerCase() : sha1hex(arg));
  if (cached !== undefined) return cached.parsed.flags;
  if (bySha) return undefined;
  const parsed = parseScript(arg);
  return parsed instanceof ErrorReply ? undefined : parsed.flags;
}

function commandFlags(client: Client, entry: CommandEntry, argv: Bytes[]): ReadonlySet<string> | undefined {
  const name = entry.fullName;
  if (EVAL_COMMANDS.has(name)) {
    const flags = evalFlags(client.server, entry, argv);
    // A script without a shebang keeps EVAL's flags (SCRIPT_FLAG_EVAL_COMPAT_MODE).
    return flags === undefined || !flags.shebang ? undefined : toCommandFlags(entry, flags);
  }
  if (FCALL_COMMANDS.has(name)) {
    const fn = functionsState(client.server).current.functions.get((argv[1] as string).toLowerCase());
    if (fn === undefined) return undefined;
    return toCommandFlags(entry, {
      noWrites: (fn.flags & FLAG_NO_WRITES) !== 0,
      allowOom: (fn.flags & FLAG_ALLOW_OOM) !== 0,
      allowStale: (fn.flags & FLAG_ALLOW_STALE) !== 0,
    });
  }
  return undefined;
}

/** Installs the hook once per server (both scripting mixins call it). */
const installed = new WeakSet<FakeServer>();
export function installScriptCommandFlags(server: FakeServer): void {
  if (installed.has(server)) return;
  installed.add(server);
  addHook(server, 'commandFlags', commandFlags);
}
