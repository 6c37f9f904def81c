import { addHook, type Bytes, Client, defineModuleState, type FakeServer } from '@fakeredis/core';
import type { CachedScript } from './commands/eval.js';
import type { LuaWorker } from './engine/worker.js';

/** Redis's rand48 (rand.c), which backs math.random; Redis 7.0 never reseeds it. */
export class Rand48 {
  /** The 48-bit state; Redis starts at x = {0x330E, 0xABCD, 0x1234}. */
  private x = 0x1234abcd330en;

  next(): number {
    this.x = (0x5deece66dn * this.x + 0xbn) & 0xffffffffffffn;
    return Number(this.x >> 17n);
  }

  seed(seed: number): void {
    this.x = (BigInt(seed >>> 0) << 16n) | 0x330en;
  }
}

/** The script running past busy-reply-threshold (SCRIPT KILL / FUNCTION KILL look at it). */
export interface RunningScript {
  readonly client: Client;
  /** EVAL / EVALSHA (SCRIPT KILL), else a function (FUNCTION KILL). */
  readonly isEval: boolean;
  /** The script's sha1, or the function's name. */
  readonly name: string;
  /** The caller's command, and when the script started (performance.now()), for FUNCTION STATS. */
  readonly argv: readonly Bytes[];
  readonly startedAt: number;
  readonly worker: LuaWorker;
  /** It ran a write command: it cannot be killed. */
  wrote: boolean;
  /** Ends it with the kill error. */
  kill(): void;
}

/** Scripting's per-server state. */
export class ScriptingState {
  /** The script cache: sha1 (lower-case hex) -> body. */
  readonly scripts = new Map<string, CachedScript>();
  /**
   * The scripts EVAL cached, least recently used first (Redis 7.4's lua_scripts_lru_list,
   * kept where the profile limits them: LuaProfile.evalCacheLimit).
   */
  readonly evalLru = new Set<string>();
  /** INFO stats evicted_scripts. */
  evictedScripts = 0;
  readonly rand = new Rand48();
  running: RunningScript | undefined;
  /** The client scripts run their commands as (Redis's lua client). */
  private luaClient: Client | undefined;

  constructor(readonly server: FakeServer) {}

  scriptClient(): Client {
    if (this.luaClient === undefined) {
      // Redis's lua client is not a connection: not listed, not counted, no id of its own.
      this.luaClient = new Client(this.server, 0, undefined);
      this.luaClient.blockingDenied = true;
      this.luaClient.isScript = true;
      this.luaClient.authenticated = true;
    }
    return this.luaClient;
  }

  /** Bytes of the cached scripts' bodies (INFO used_memory_scripts_eval's basis). */
  get scriptBytes(): number {
    let total = 0;
    for (const { body } of this.scripts.values()) total += body.length;
    return total;
  }
}

const scriptingStateKey = defineModuleState('scripting', (server) => {
  const state = new ScriptingState(server);
  server.onClose(() => state.running?.worker.terminate());
  addHook(server, 'statsReset', () => {
    state.evictedScripts = 0;
  });
  return state;
});

/** The server's scripting state. */
export function scriptingState(server: FakeServer): ScriptingState {
  return server.moduleState(scriptingStateKey);
}
