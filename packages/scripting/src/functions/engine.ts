import { type Bytes, ErrorReply, type FakeServer } from '@fakeredis/core';
import { dropInlineLibraries, inlineLibraries, installInline } from '../engine/inline.js';
import { FUNCTION_CALL_CHUNK } from '../engine/store.js';
import { functionsWorker, type LuaWorker, type ScriptHost } from '../engine/worker.js';
import { type FunctionInfo, type FunctionsState, functionsState, type Library } from './state.js';

/**
 * The functions engine: where a server's libraries live between FCALLs, as in Redis,
 * which loads a library once into a Lua state of its own where its functions are
 * closures, so a library-level `local n` that a function changes is seen by the next FCALL.
 *
 * Engines keep a store that outlives a run (engine/store.ts). A library is installed
 * there on its first FCALL (its code runs once more, quietly: FUNCTION LOAD already ran
 * it to validate it, on another engine, within the load timeout), keyed by its id; an
 * FCALL then only calls the kept callback (FUNCTION_CALL_CHUNK, a hundred characters
 * to compile instead of the library, engine/store.ts). A library loaded again (REPLACE, RESTORE, FLUSH
 * and LOAD) has another id: its state starts over, as in Redis; the ids of libraries
 * that went are dropped from the store with the next call.
 *
 * A library whose functions may keep state (lua-scope.ts's libraryKeepsState) lives on
 * one worker, its server's functions worker, where all its calls run. Functions workers
 * are kept apart from the EVAL pool (SCRIPT KILL of an EVAL never ends them) and shared
 * by the servers of the process: a server keeps its libraries on one while it is free. A
 * function that is killed (FUNCTION KILL) ends its worker and the state of every library
 * installed there; they are installed again, from their code, on the next FCALL. A
 * server whose worker is busy running another server's function (past
 * busy-reply-threshold) moves to another, and its libraries start over there.
 *
 * A library that keeps no state can run anywhere: it is installed on the inline engine
 * too, where its calls run as EVAL's do (a call that outgrows the inline budget runs
 * again on the functions worker).
 */

/** What an FCALL runs: the chunk, its ARGV, where, and whether it may run inline first. */
export interface FunctionCall {
  readonly chunk: string;
  readonly args: Bytes[];
  readonly worker: LuaWorker;
  readonly inline: boolean;
}

/** The host of an install: the library's body can call nothing, and logs nothing (FUNCTION LOAD did). */
const INSTALL_HOST: ScriptHost = { call: () => null, log() {}, setResp() {} };

/**
 * Prepares the FCALL of `fn` with `fnArgs`: installs its library where it runs when
 * needed. Undefined when the functions worker has no store (the call then runs the
 * library's stateless chunk); an ErrorReply when the install failed.
 */
export function prepareFunctionCall(server: FakeServer, fn: FunctionInfo, fnArgs: Bytes[]): FunctionCall | ErrorReply | undefined {
  const state = functionsState(server);
  const worker = home(state);
  if (!worker.libraryStore) return undefined;
  const library = fn.library;
  dropGone(state, worker);
  if (!state.installed.has(library.id)) {
    const failed = install(worker, library);
    if (failed !== undefined) return failed;
    state.installed.set(library.id, library);
  }
  const inline = library.keepsState ? undefined : inlineLibraries(library.payload);
  if (inline !== undefined && !inline.installed.has(library.id) && installInline(library.install, [library.id, library.runnable])) {
    inline.installed.add(library.id);
  }
  const first = inline !== undefined && inline.installed.has(library.id);
  // The drops of the engine the call runs on first (a run moved to the worker makes them again, to no effect).
  const drops = (first ? inline.drops : worker.drops).splice(0);
  return {
    chunk: FUNCTION_CALL_CHUNK,
    args: [...fnArgs, ...(drops as Bytes[]), String(drops.length) as Bytes, fn.name as Bytes, library.id as Bytes],
    worker,
    inline: first,
  };
}

/** The server's functions worker, free to run now (another one, its libraries to install again, when not). */
function home(state: FunctionsState): LuaWorker {
  const current = state.home;
  if (current !== undefined && current.alive && !current.running) return current;
  // Busy with another server's function: what this server kept there goes.
  if (current !== undefined && current.alive) current.drops.push(...state.installed.keys());
  state.installed.clear();
  const worker = functionsWorker();
  state.home = worker;
  return worker;
}

/** The server's installed libraries that are no longer loaded: dropped with the next calls. */
function dropGone(state: FunctionsState, worker: LuaWorker): void {
  const ctx = state.current;
  if (state.seen === ctx && state.seenVersion === ctx.version) return;
  state.seen = ctx;
  state.seenVersion = ctx.version;
  const gone: string[] = [];
  for (const [id, library] of state.installed) {
    if (ctx.libraries.get(library.name) === library) continue;
    state.installed.delete(id);
    gone.push(id);
  }
  worker.drops.push(...gone);
  dropInlineLibraries(gone);
}

/** Runs the library's install chunk on `worker`: undefined when it is installed, else the error. */
function install(worker: LuaWorker, library: Library): ErrorReply | undefined {
  const outcome = worker.run(library.install, [], [library.id, library.runnable], INSTALL_HOST, Number.POSITIVE_INFINITY);
  if (outcome === undefined) return new ErrorReply('ERR internal error in fakeredis: the library did not install');
  if (outcome.trap !== undefined) return new ErrorReply(`ERR internal error in fakeredis: the Lua engine failed (${outcome.trap})`);
  if (outcome.r === 1) return undefined;
  const r = outcome.r;
  const message = r !== null && typeof r === 'object' && !Array.isArray(r) && 'err' in r ? r.err : String(r);
  return new ErrorReply(`ERR internal error in fakeredis: the library did not install (${message})`);
}
