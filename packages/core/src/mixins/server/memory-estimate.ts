import type { Bytes } from '../../bytes.js';
import type { KeyEntry } from '../../database.js';
import { defineModuleState, type FakeServer } from '../../server.js';
import { DICT_ENTRY_SIZE, dictSlots, mallocSize, POINTER_SIZE, ROBJ_SIZE, sdsAllocSize } from '../../values/memory.js';
import { stringEncoding } from '../../values/string.js';

/**
 * Memory figures as a 64-bit Redis 7.0 with jemalloc would report them. Strings are
 * sized exactly as Redis allocates them (object header, sds header, jemalloc size class);
 * other values size themselves (RedisObject.memoryUsage). Server-wide figures (INFO
 * memory) are estimates from key counts.
 */

/** A string value's size: shared-int, embedded or raw encoding. */
export function stringValueSize(value: Bytes): number {
  const encoding = stringEncoding(value);
  if (encoding === 'int') return ROBJ_SIZE;
  if (encoding === 'embstr') return mallocSize(ROBJ_SIZE + 3 + value.length + 1);
  return ROBJ_SIZE + sdsAllocSize(value.length, false);
}

/** MEMORY USAGE of a key: its value, its name and its dictionary entry. */
export function keyMemoryUsage(key: Bytes, entry: KeyEntry, samples: number): number {
  const value = entry.value;
  const size = typeof value === 'string' ? stringValueSize(value) : value.memoryUsage(samples);
  return size + sdsAllocSize(key.length, true) + DICT_ENTRY_SIZE;
}

/** used_memory_startup of Redis 7.0.15 (Debian build): the empty server. */
export const USED_MEMORY_STARTUP = 876112;
/** Average bytes of a key's name and value for server-wide estimates. */
const BYTES_PER_KEY_ESTIMATE = 48;
/** Bytes per connected client (query and reply buffers, client struct). */
const BYTES_PER_CLIENT_ESTIMATE = 20_512;

export interface DatabaseOverhead {
  index: number;
  main: number;
  expires: number;
}

export interface MemoryFigures {
  used: number;
  peak: number;
  startup: number;
  dataset: number;
  overhead: number;
  clients: number;
  keys: number;
  databases: DatabaseOverhead[];
}

/** The highest estimate seen so far, per server (used_memory_peak). */
const memoryPeak = defineModuleState('memory peak', () => ({ bytes: 0 }));

/**
 * Server-wide memory estimate: start-up memory, client buffers, the hash tables of
 * each database as Redis sizes them, and keys at an average size. The peak is the
 * highest estimate seen so far.
 */
export function estimateMemory(server: FakeServer): MemoryFigures {
  let keys = 0;
  const databases: DatabaseOverhead[] = [];
  for (const db of server.databases) {
    if (db.size === 0) continue;
    keys += db.size;
    databases.push({
      index: db.index,
      main: db.size * (DICT_ENTRY_SIZE + ROBJ_SIZE) + dictSlots(db.size) * POINTER_SIZE,
      expires: db.volatileSize * DICT_ENTRY_SIZE + dictSlots(db.volatileSize) * POINTER_SIZE,
    });
  }
  const clients = server.clients.size * BYTES_PER_CLIENT_ESTIMATE;
  const overhead = USED_MEMORY_STARTUP + clients + databases.reduce((sum, d) => sum + d.main + d.expires, 0);
  const dataset = keys * BYTES_PER_KEY_ESTIMATE;
  const used = overhead + dataset;
  const recorded = server.moduleState(memoryPeak);
  const peak = (recorded.bytes = Math.max(recorded.bytes, used));
  return { used, peak, startup: USED_MEMORY_STARTUP, dataset, overhead, clients, keys, databases };
}

/** Redis's bytesToHuman: 100B, 1.50K, 2.00M ... */
export function bytesToHuman(n: number): string {
  if (n < 1024) return `${n}B`;
  const units = ['K', 'M', 'G', 'T', 'P'];
  let d = n / 1024;
  for (const unit of units) {
    if (d < 1024 || unit === 'P') return `${d.toFixed(2)}${unit}`;
    d /= 1024;
  }
  return `${n}B`;
}
