import { tryParseInt64 } from '../../numbers.js';
import type { Bytes } from '../../bytes.js';
import type { KeyEntry } from '../../database.js';
import type { FakeServer } from '../../server.js';
import { MutableString, stringEncoding } from '../../values/string.js';

/**
 * Memory figures as a 64-bit Redis 7.0 with jemalloc would report them. Strings are
 * sized exactly as Redis allocates them (object header, sds header, jemalloc size class);
 * other values size themselves when they implement `memoryUsage(samples)`, else get a
 * flat estimate. Server-wide figures (INFO memory) are estimates from key counts.
 */

/** A value type that knows its size in bytes, as MEMORY USAGE reports it for the value. */
export interface MemoryUsageReporter {
  /** Bytes used by the value (object header included); `samples` 0 means all elements. */
  memoryUsage(samples: number): number;
}

const ROBJ = 16;
const DICT_ENTRY = 24;

/** jemalloc's size class for an allocation of `n` bytes (16-byte quantum, 4 classes per doubling). */
export function mallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 64) return Math.ceil(n / 16) * 16;
  const step = 2 ** (Math.floor(Math.log2(n - 1)) - 2);
  return Math.ceil(n / step) * step;
}

/** sds header size for `len` bytes; short strings may use the 1-byte type 5 (not empty ones, as sdsnewlen). */
function sdsHeader(len: number, allowType5: boolean): number {
  if (len < 32 && len > 0 && allowType5) return 1;
  if (len < 256) return 3;
  if (len < 65536) return 5;
  if (len < 2 ** 32) return 9;
  return 17;
}

/** Allocation of an sds holding `len` bytes (keys, fields and members may use type 5). */
export function sdsAllocSize(len: number, allowType5 = true): number {
  return mallocSize(sdsHeader(len, allowType5) + len + 1);
}

/** A string value's size: shared-int, embedded or raw encoding. */
export function stringValueSize(value: Bytes | MutableString): number {
  if (value instanceof MutableString) return ROBJ + sdsAllocSize(value.length, false);
  const encoding = stringEncoding(value);
  if (encoding === 'int') return ROBJ;
  if (encoding === 'embstr') return mallocSize(ROBJ + 3 + value.length + 1);
  return ROBJ + sdsAllocSize(value.length, false);
}

/** A value of another type without its own measure: the object header and a small body. */
const OTHER_VALUE_ESTIMATE = ROBJ + 64;

/** MEMORY USAGE of a key: its value, its name and its dictionary entry. */
export function keyMemoryUsage(key: Bytes, entry: KeyEntry, samples: number): number {
  const value = entry.value;
  let size: number;
  if (typeof value === 'string' || value instanceof MutableString) size = stringValueSize(value);
  else {
    const reporter = value as Partial<MemoryUsageReporter>;
    size = typeof reporter.memoryUsage === 'function' ? reporter.memoryUsage(samples) : OTHER_VALUE_ESTIMATE;
  }
  return size + sdsAllocSize(key.length, true) + DICT_ENTRY;
}

/** used_memory_startup of Redis 7.0.15 (Debian build): the empty server. */
export const USED_MEMORY_STARTUP = 876112;
/** Average bytes of a key's name and value for server-wide estimates. */
const BYTES_PER_KEY_ESTIMATE = 48;
/** Bytes per connected client (query and reply buffers, client struct). */
const BYTES_PER_CLIENT_ESTIMATE = 20_512;

/** Slots of a Redis dict holding `n` entries: a power of two, at least 4; none when empty. */
function dictSlots(n: number): number {
  if (n === 0) return 0;
  let slots = 4;
  while (slots < n) slots *= 2;
  return slots;
}

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

const peaks = new WeakMap<FakeServer, number>();

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
      main: db.size * (DICT_ENTRY + ROBJ) + dictSlots(db.size) * 8,
      expires: db.volatileSize * DICT_ENTRY + dictSlots(db.volatileSize) * 8,
    });
  }
  const clients = server.clients.size * BYTES_PER_CLIENT_ESTIMATE;
  const overhead = USED_MEMORY_STARTUP + clients + databases.reduce((sum, d) => sum + d.main + d.expires, 0);
  const dataset = keys * BYTES_PER_KEY_ESTIMATE;
  const used = overhead + dataset;
  const peak = Math.max(peaks.get(server) ?? 0, used);
  peaks.set(server, peak);
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

/** Bytes of one listpack entry: integers in their compact forms, strings with a header, plus the back-length. */
export function listpackEntrySize(s: Bytes): number {
  const int = s.length <= 20 ? tryParseInt64(s) : undefined;
  const encoded = int === undefined ? (s.length < 64 ? 1 : s.length < 4096 ? 2 : 5) + s.length : listpackIntSize(int);
  const backlen = encoded <= 127 ? 1 : encoded < 16383 ? 2 : encoded < 2097151 ? 3 : encoded < 268435455 ? 4 : 5;
  return encoded + backlen;
}

function listpackIntSize(v: bigint): number {
  if (v >= 0n && v <= 127n) return 1;
  if (v >= -4096n && v <= 4095n) return 2;
  if (v >= -32768n && v <= 32767n) return 3;
  if (v >= -8388608n && v <= 8388607n) return 4;
  if (v >= -2147483648n && v <= 2147483647n) return 5;
  return 9;
}
