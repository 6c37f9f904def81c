import { DICT_ENTRY_SIZE, dictSlots, type FakeServer, type InfoFieldsProvider, mallocSize, POINTER_SIZE, ROBJ_SIZE, sdsAllocSize } from '@fakeredis/core';
import { luaProfile } from './env.js';
import { functionsState } from './functions/state.js';
import { scriptingState } from './state.js';

/** Redis's bytesToHuman: 100B, 1.50K, 2.00M ... */
function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  let d = n / 1024;
  for (const unit of ['K', 'M', 'G', 'T']) {
    if (d < 1024) return `${d.toFixed(2)}${unit}`;
    d /= 1024;
  }
  return `${d.toFixed(2)}P`;
}

/** Lua heap of Redis 7.0's eval engine after start (INFO used_memory_vm_eval), as core reports it. */
const VM_EVAL = 32768;
/** sizeof(luaScript): flags and the body's robj pointer; from Redis 7.4 (and in Valkey 8.0) its LRU list node too. */
const LUA_SCRIPT_SIZE = 16;
const LUA_SCRIPT_SIZE_LRU = 24;
/** sizeof(listNode): prev, next, value. */
const LIST_NODE_SIZE = 24;
/** OBJ_ENCODING_EMBSTR_SIZE_LIMIT. */
const EMBSTR_LIMIT = 44;

/**
 * evalScriptsMemory: per cached script, its sha1 sds and its body (an embedded string up
 * to 44 bytes, as the argument was read, else a raw sds), a dictEntry and a luaScript,
 * plus the dict's slots, and from Redis 7.4 a listNode per script of EVAL's LRU list.
 */
export function evalScriptsMemory(server: FakeServer): number {
  const state = scriptingState(server);
  const scripts = state.scripts;
  const lru = luaProfile(server.profile).evalCacheLimit > 0;
  let total = 0;
  for (const { body } of scripts.values()) {
    const bodyBytes = body.length <= EMBSTR_LIMIT ? mallocSize(ROBJ_SIZE + 3 + body.length + 1) - ROBJ_SIZE : sdsAllocSize(body.length, false);
    total += sdsAllocSize(40) + bodyBytes;
  }
  const perScript = DICT_ENTRY_SIZE + (lru ? LUA_SCRIPT_SIZE_LRU : LUA_SCRIPT_SIZE);
  return total + scripts.size * perScript + dictSlots(scripts.size) * POINTER_SIZE + state.evalLru.size * LIST_NODE_SIZE;
}

/** INFO stats evicted_scripts (after evicted_clients), where the profile evicts EVAL's scripts. */
export const evictedScriptsField: InfoFieldsProvider = (server) =>
  luaProfile(server.profile).evalCacheLimit > 0 ? [['evicted_scripts', scriptingState(server).evictedScripts, 'evicted_clients']] : [];

/**
 * INFO memory's scripting fields as Redis 7.0 prints them. Both mixins install this
 * provider, so the totals are right whichever of them a server has.
 */
export const scriptsMemoryFields: InfoFieldsProvider = (server) => {
  const evalMemory = evalScriptsMemory(server);
  const functions = functionsState(server);
  const ctx = functions.current;
  const vmFunctions = functions.vmMemory;
  const vmTotal = VM_EVAL + vmFunctions;
  const scripts = evalMemory + ctx.memoryOverhead;
  return [
    ['used_memory_scripts_eval', evalMemory],
    ['number_of_cached_scripts', scriptingState(server).scripts.size],
    ['number_of_functions', ctx.functions.size],
    ['number_of_libraries', ctx.libraries.size],
    ['used_memory_vm_functions', vmFunctions],
    ['used_memory_vm_total', vmTotal],
    ['used_memory_vm_total_human', bytesToHuman(vmTotal)],
    ['used_memory_functions', ctx.memoryOverhead],
    ['used_memory_scripts', scripts],
    ['used_memory_scripts_human', bytesToHuman(scripts)],
  ];
};
