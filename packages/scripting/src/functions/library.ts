import { ErrorReply, type FakeServer } from '@fakeredis/core';
import { acquireWorker, releaseWorker, type ScriptHost } from '../engine/worker.js';
import type { ErrorMeta, WireValue } from '../engine/wire.js';
import {
  ERR_LOAD_TIMEOUT,
  ERR_NO_FUNCTIONS,
  errEngineNotFound,
  errFunctionCompiling,
  errFunctionExists,
  errLibraryExists,
  errRegisteringFunctions,
} from '../errors.js';
import { extractLibraryMetadata, verifyLibraryName } from './metadata.js';
import { convertCallSites, HOST_CALL, luaProfile, mayUseResp3, untailShims } from '../env.js';
import { serverLog } from '../run.js';
import { libraryKeepsState, LuaScopeError } from './lua-scope.js';
import { libraryChunks, sandboxCode, shadowedCode } from './sandbox.js';
import type { FunctionInfo, Library, LibraryContext } from './state.js';

/** FUNCTION LOAD's time limit for running a library's code (LOAD_TIMEOUT_MS). */
export const LOAD_TIMEOUT_MS = 500;

/** What loading a library's code registered. */
interface Registration {
  name: string;
  description: string | undefined;
  flags: number;
}

/** A host for loads: a library cannot reach redis.call while it loads. */
/** The host of a library's load: no commands; redis.log writes to `server`'s log. */
const loadHost = (server: FakeServer): ScriptHost => ({
  call: (args) => {
    if (args[0] === HOST_CALL && args[1] === 'log') {
      serverLog(server, Number(args[2]), args[3] ?? '');
      return null;
    }
    return { err: 'ERR redis.call is not available while a library loads' };
  },
  log: (level, message) => serverLog(server, level, message),
  setResp() {},
});

/**
 * functionsCreateWithLibraryCtx: reads the header, compiles and runs the library to learn
 * its functions, and links it into `ctx` (replacing a library of the same name when
 * `replace`). Throws the error Redis replies with, leaving `ctx` as it was.
 * `timeoutMs` 0 means no limit (FUNCTION RESTORE, as Redis loads from RDB).
 */
export function createLibrary(payload: string, replace: boolean, ctx: LibraryContext, timeoutMs: number, server: FakeServer): Library {
  const md = extractLibraryMetadata(payload);
  verifyLibraryName(md.name);
  if (md.engine.toLowerCase() !== 'lua') throw errEngineNotFound(md.engine);
  const old = ctx.libraries.get(md.name);
  if (old !== undefined && !replace) throw errLibraryExists(md.name);
  if (old !== undefined) ctx.unlink(old);
  try {
    const library = compileLibrary(md.name, payload, md.code, timeoutMs, server);
    if (library.functions.size === 0) throw ERR_NO_FUNCTIONS;
    for (const fn of library.functions.values()) {
      if (ctx.functions.has(fn.name.toLowerCase())) throw errFunctionExists(fn.name);
    }
    ctx.link(library);
    return library;
  } catch (e) {
    if (old !== undefined) ctx.link(old);
    throw e;
  }
}

/** Each library loaded gets an id of the process: its state on a functions engine is keyed by it. */
let nextLibraryId = 1;

/** Runs the library's code in load mode (sandbox.ts): its functions, or Redis's error. */
function compileLibrary(name: string, payload: string, code: string, timeoutMs: number, server: FakeServer): Library {
  const lua = luaProfile(server.profile);
  // The call sites convert numbers with "%.17g" and give RESP3 nulls as nil, as in EVAL
  // (env.ts); __fr_n and __fr_v are then free names, which the sandbox's env resolves.
  const untailed = untailShims(code) ?? code;
  const prepared = convertCallSites(untailed, { numbers: true, nulls: mayUseResp3(code) }) ?? untailed;
  const rewritten = sandboxCode(prepared);
  let mode: 'env' | 'shadow' = rewritten === undefined ? 'shadow' : 'env';
  let runnable = rewritten ?? shadowedCode(code);
  let chunks = libraryChunks(rewritten === undefined ? code : prepared, mode, lua);
  let result = loadRun(chunks.load, runnable, code, timeoutMs, server);
  if (result === 'rewrite') {
    // The rewritten code does not compile where the library does (a limit of Lua's, such
    // as upvalues per function): run it as it is.
    mode = 'shadow';
    runnable = shadowedCode(code);
    chunks = libraryChunks(code, mode, lua);
    result = loadRun(chunks.load, runnable, code, timeoutMs, server);
    if (result === 'rewrite') throw new ErrorReply('ERR internal error in fakeredis: the library could not be compiled');
  }
  const functions = new Map<string, FunctionInfo>();
  const library: Library = {
    id: String(nextLibraryId++),
    name,
    payload,
    runnable,
    mode,
    chunk: chunks.call,
    install: chunks.install,
    keepsState: mode === 'shadow' || keepsState(prepared),
    nullMarkers: chunks.call.includes('__fr_v ='),
    functions,
    vmBytes: result.vmBytes,
  };
  for (const r of result.registrations) functions.set(r.name, { ...r, library });
  return library;
}

/** libraryKeepsState, true when the code cannot be read. */
function keepsState(code: string): boolean {
  try {
    return libraryKeepsState(code);
  } catch (e) {
    if (e instanceof LuaScopeError) return true;
    throw e;
  }
}

function loadRun(chunk: string, runnable: string, code: string, timeoutMs: number, server: FakeServer): 'rewrite' | { registrations: Registration[]; vmBytes: number } {
  const worker = acquireWorker();
  const outcome = worker.run(chunk, [], [runnable, 'load', code], loadHost(server), timeoutMs > 0 ? timeoutMs : Number.POSITIVE_INFINITY);
  if (outcome === undefined) {
    // Past the limit: the engine is stopped (luaEngineLoadHook raises "FUNCTION LOAD timeout").
    worker.terminate();
    throw ERR_LOAD_TIMEOUT;
  }
  releaseWorker(worker);
  if (outcome.trap !== undefined) throw new ErrorReply(`ERR internal error in fakeredis: the Lua engine failed (${outcome.trap})`);
  const r = outcome.r ?? null;
  if (isAbort(r)) throw errRegisteringFunctions(abortMessage(r));
  if (!Array.isArray(r)) throw new ErrorReply('ERR internal error in fakeredis: unexpected result of a library load');
  if (r[0] === 'compile') throw errFunctionCompiling(String(r[1]));
  if (r[0] === 'rewrite') return 'rewrite';
  const registrations: Registration[] = [];
  for (const entry of (r[1] ?? []) as WireValue[][]) {
    const [fname, description, hasDescription, flags] = entry as [string, string, number, number];
    registrations.push({ name: fname, description: hasDescription === 1 ? description : undefined, flags: Number(flags) });
  }
  return { registrations, vmBytes: Math.max(0, Number(r[2] ?? 0)) };
}

type Abort = { err: string; code?: string; meta: ErrorMeta };

function isAbort(v: WireValue): v is Abort {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && 'err' in v && v.meta !== undefined;
}

/** An error that ended a library's load, as luaExtractErrorInformation gives it ("ERR ..."). */
function abortMessage(r: Abort): string {
  if (r.meta.kind === 'global-read') {
    return `ERR user_function:${r.meta.line}: Script attempted to access nonexistent global variable '${r.meta.name ?? '?'}'`;
  }
  const message = (r.code !== undefined ? `${r.code} ${r.err}` : r.err).replace(/\0+$/, '');
  return message.startsWith('ERR ') || /^[A-Z][A-Z0-9]* /.test(message) ? message : `ERR ${message}`;
}
