import { DICT_ENTRY_SIZE, defineModuleState, type FakeServer, mallocSize, POINTER_SIZE, sdsAllocSize } from '@fakeredis/core';
import { dropInlineLibraries } from '../engine/inline.js';
import type { LuaWorker } from '../engine/worker.js';

/** Function flags (scripts_flags_def), in the order FUNCTION LIST prints them. */
export const FUNCTION_FLAGS = [
  { bit: 1, name: 'no-writes' },
  { bit: 2, name: 'allow-oom' },
  { bit: 4, name: 'allow-stale' },
  { bit: 8, name: 'no-cluster' },
  { bit: 16, name: 'allow-cross-slot-keys' },
] as const;
export const FLAG_NO_WRITES = 1;
export const FLAG_ALLOW_OOM = 2;
export const FLAG_ALLOW_STALE = 4;
export const FLAG_NO_CLUSTER = 8;
export const FLAG_ALLOW_CROSS_SLOT_KEYS = 16;

/** A registered function (functionInfo). */
export interface FunctionInfo {
  /** As registered (FCALL finds it whatever the case). */
  readonly name: string;
  readonly description: string | undefined;
  readonly flags: number;
  readonly library: Library;
}

/** A loaded library (functionLibInfo). */
export interface Library {
  /** Unique in the process: a library loaded again (REPLACE, RESTORE) is another one, whose state starts over. */
  readonly id: string;
  readonly name: string;
  /** The payload FUNCTION LOAD was given, header included (FUNCTION LIST WITHCODE, DUMP). */
  readonly payload: string;
  /** The code the engine runs (sandbox.ts), and whether it is the rewritten or the fallback form. */
  readonly runnable: string;
  readonly mode: 'env' | 'shadow';
  /** The chunk a call runs where the library is not kept (compiles and runs it, then calls the function). */
  readonly chunk: string;
  /** The chunk that installs it on a functions engine (functions/engine.ts). */
  readonly install: string;
  /** Its functions may keep state between calls (lua-scope.ts's libraryKeepsState): they run on its functions worker alone. */
  readonly keepsState: boolean;
  /** Its call sites turn the null marker of RESP3 replies back into nil (env.ts's NULL_REPLIES). */
  readonly nullMarkers: boolean;
  /** Its functions, in the order they were registered. */
  readonly functions: Map<string, FunctionInfo>;
  /** What loading it added to the Lua heap (INFO used_memory_vm_functions' estimate). */
  readonly vmBytes: number;
}

/** Bytes of a jemalloc'd struct of `n` bytes. */
const struct = (n: number): number => mallocSize(n);
/** sizeof(functionInfo): name, function, li, desc, f_flags. */
const FUNCTION_INFO = struct(40);
/** sizeof(functionLibInfo): name, functions, ei, code. */
const LIBRARY_INFO = struct(32);
/** The Lua engine's compiled-function context (an int ref). */
const LUA_FUNCTION_CTX = struct(4);
/**
 * functionsMemoryOverhead's constant part: the engines dict (one entry, 4 slots), the
 * functionsLibCtx struct, and the Lua engine's registration (engineInfo, its name "LUA",
 * the engine struct and its context): 200 bytes on Redis 7.0.
 */
const BASE_OVERHEAD = DICT_ENTRY_SIZE + 4 * POINTER_SIZE + 32 + struct(24) + sdsAllocSize(3) + struct(56) + struct(8);

/**
 * Libraries and the function index (functionsLibCtx). FUNCTION RESTORE builds one aside
 * and then swaps it in or joins it to the current one.
 */
export class LibraryContext {
  readonly libraries = new Map<string, Library>();
  /** Functions by lower-case name: FCALL and collisions ignore case, as Redis's dict does. */
  readonly functions = new Map<string, FunctionInfo>();
  /** The slots of Redis's functions dict: it grows as entries are added, shrinks only when emptied. */
  private slots = 0;
  /** functionMallocSize + libraryMallocSize of everything linked (cache_memory). */
  cacheMemory = 0;
  /** Bumped by every change of the libraries (functions/engine.ts drops what went). */
  version = 0;

  link(library: Library): void {
    this.version++;
    for (const fn of library.functions.values()) {
      const key = fn.name.toLowerCase();
      // Redis's dictAdd keeps the first of two names that differ only by case.
      if (!this.functions.has(key)) this.functions.set(key, fn);
      this.cacheMemory += functionMallocSize(fn);
      this.grow();
    }
    this.libraries.set(library.name, library);
    this.cacheMemory += libraryMallocSize(library);
  }

  unlink(library: Library): void {
    this.version++;
    for (const fn of library.functions.values()) {
      const key = fn.name.toLowerCase();
      if (this.functions.get(key) === fn) this.functions.delete(key);
      this.cacheMemory -= functionMallocSize(fn);
    }
    this.libraries.delete(library.name);
    this.cacheMemory -= libraryMallocSize(library);
  }

  clear(): void {
    this.version++;
    this.libraries.clear();
    this.functions.clear();
    this.slots = 0;
    this.cacheMemory = 0;
  }

  /** _dictExpandIfNeeded after an add: 4 slots at first, then the next power of two. */
  private grow(): void {
    const used = this.functions.size;
    if (this.slots === 0) this.slots = 4;
    while (used > this.slots) this.slots *= 2;
  }

  /** functionsMemoryOverhead (INFO used_memory_functions). */
  get memoryOverhead(): number {
    return BASE_OVERHEAD + this.functions.size * DICT_ENTRY_SIZE + this.slots * POINTER_SIZE + this.cacheMemory;
  }

  /** FUNCTION STATS' functions_count: the functions of every library. */
  get functionCount(): number {
    let n = 0;
    for (const library of this.libraries.values()) n += library.functions.size;
    return n;
  }
}

function functionMallocSize(fn: FunctionInfo): number {
  return FUNCTION_INFO + sdsAllocSize(fn.name.length) + (fn.description !== undefined ? sdsAllocSize(fn.description.length) : 0) + LUA_FUNCTION_CTX;
}

function libraryMallocSize(library: Library): number {
  return LIBRARY_INFO + sdsAllocSize(library.name.length) + sdsAllocSize(library.payload.length);
}

/** Lua heap of Redis 7.0's functions engine right after start (INFO used_memory_vm_functions). */
const VM_FUNCTIONS_START = 33792;

/** Functions' per-server state. */
export class FunctionsState {
  current = new LibraryContext();
  /**
   * The functions engine's Lua heap: Redis never gives back what loading libraries
   * allocated until its garbage collector runs, so this only grows (an estimate, in
   * whole kilobytes as Redis reports it).
   */
  private vmBytes = 0;

  /**
   * The functions worker the server's libraries are installed on (functions/engine.ts),
   * and those libraries by id: kept apart from the state (which they do not reference), so
   * that a server dropped without close() lets go of them too (collected).
   */
  private readonly engines: InstalledLibraries = { home: undefined, installed: new Map() };
  get home(): LuaWorker | undefined {
    return this.engines.home;
  }
  set home(worker: LuaWorker | undefined) {
    this.engines.home = worker;
  }
  get installed(): Map<string, Library> {
    return this.engines.installed;
  }
  /** The libraries as last checked for ones that went (functions/engine.ts's dropGone). */
  seen: LibraryContext | undefined;
  seenVersion = 0;

  constructor(readonly server: FakeServer) {}

  /** The libraries installed on engines go with the server. */
  release(): void {
    releaseInstalled(this.engines);
  }

  /** Releases the installed libraries when the state is collected (a server never closed). */
  watch(): void {
    collected.register(this, this.engines);
  }

  noteLoaded(library: Library): void {
    this.vmBytes += library.vmBytes;
  }

  get vmMemory(): number {
    return VM_FUNCTIONS_START + Math.ceil(this.vmBytes / 1024) * 1024;
  }
}

/** Libraries a server installed on engines (functions/engine.ts). */
interface InstalledLibraries {
  home: LuaWorker | undefined;
  readonly installed: Map<string, Library>;
}

/** Drops them from the engines' stores with the engines' next calls. */
function releaseInstalled(engines: InstalledLibraries): void {
  if (engines.home !== undefined && engines.home.alive) engines.home.drops.push(...engines.installed.keys());
  dropInlineLibraries(engines.installed.keys());
  engines.installed.clear();
  engines.home = undefined;
}

const collected = new FinalizationRegistry<InstalledLibraries>(releaseInstalled);

const functionsStateKey = defineModuleState('functions', (server) => {
  const state = new FunctionsState(server);
  state.watch();
  server.onClose(() => state.release());
  return state;
});

/** The server's functions state. */
export function functionsState(server: FakeServer): FunctionsState {
  return server.moduleState(functionsStateKey);
}
