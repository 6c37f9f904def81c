import type { Bytes } from '../bytes.js';
import { tryParseInt64 } from '../numbers.js';
import type { ServerProfile } from '../profile.js';
import type { RedisValue } from './object.js';
import { KEYDB_EMBSTR_SIZE_LIMIT, kvobjHeaderBytes, stringEncoding } from './string.js';

/**
 * How a 64-bit Redis with jemalloc allocates: the sizes every value type's MEMORY USAGE
 * is built from. Kept once here; a module adds only the structures of its own type.
 */

/** A redisObject header. */
export const ROBJ_SIZE = 16;
/** A dict (two tables' headers). */
export const DICT_SIZE = 56;
/** A dictEntry (key, value, next). */
export const DICT_ENTRY_SIZE = 24;
/** A pointer, e.g. one slot of a dict's table. */
export const POINTER_SIZE = 8;
/** A listpack's header (total bytes, element count) and its end byte. */
export const LISTPACK_HEADER_SIZE = 6;
export const LISTPACK_END_SIZE = 1;
/** An empty listpack: its header and end byte. */
export const LISTPACK_OVERHEAD = LISTPACK_HEADER_SIZE + LISTPACK_END_SIZE;

/** used_memory_startup of Redis 7.0.15 (Debian build): the empty server. */
export const USED_MEMORY_STARTUP = 876112;
/** Bytes per connected client (query and reply buffers, client struct), an estimate. */
export const CLIENT_MEMORY_ESTIMATE = 20_512;

/** jemalloc's size class for an allocation of `n` bytes (16-byte quantum, 4 classes per doubling). */
export function mallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 64) return Math.ceil(n / 16) * 16;
  const step = 2 ** (Math.floor(Math.log2(n - 1)) - 2);
  return Math.ceil(n / step) * step;
}

/** sds header size for `len` bytes; short strings may use the 1-byte type 5 (not empty ones, as sdsnewlen). */
export function sdsHeader(len: number, allowType5: boolean): number {
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

/**
 * sdsAllocSize as Redis 8.6 reads it from the sds header (its exact accounting): a type-5
 * sds (1 to 31 bytes) is its header, bytes and terminator; the others their allocation.
 */
export function sdsHeaderAllocSize(len: number): number {
  return len > 0 && len < 32 ? len + 2 : sdsAllocSize(len, false);
}

/** Slots of a Redis dict holding `n` entries: a power of two, at least 4; none when empty. */
export function dictSlots(n: number): number {
  if (n === 0) return 0;
  let slots = 4;
  while (slots < n) slots *= 2;
  return slots;
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

/** KeyDB 6.3's object (type, encoding, lru, refcount, its expire entry, pointer). */
const KEYDB_ROBJ_SIZE = 32;

/**
 * A plain string value's size: shared integer, embedded or raw encoding, as Redis allocates
 * it; with `keydb`, as KeyDB 6.3's objectComputeSize counts it (an embedded string as its
 * length plus 2 and the object, not the allocation).
 */
export function stringValueSize(value: Bytes, keydb = false): number {
  if (keydb) {
    const encoding = stringEncoding(value, undefined, KEYDB_EMBSTR_SIZE_LIMIT);
    if (encoding === 'int') return KEYDB_ROBJ_SIZE;
    if (encoding === 'embstr') return value.length + 2 + KEYDB_ROBJ_SIZE;
    return KEYDB_ROBJ_SIZE + sdsAllocSize(value.length, false);
  }
  const encoding = stringEncoding(value);
  if (encoding === 'int') return ROBJ_SIZE;
  if (encoding === 'embstr') return mallocSize(ROBJ_SIZE + 3 + value.length + 1);
  return ROBJ_SIZE + sdsAllocSize(value.length, false);
}

/**
 * A value whose emulated server embeds the key's name in the object (Redis 8's kvobj) may
 * give MEMORY USAGE of the key as a whole; undefined for the usual figure.
 */
export interface WholeKeyMemoryUsage {
  keyMemoryUsage?(key: Bytes, samples: number): number | undefined;
}

/**
 * How MEMORY USAGE sizes a collection: Redis 7's objectComputeSize ('7.0'), 8.0's (a
 * quicklist's sampled nodes averaged per element, not per node), or Redis 8.6's exact
 * accounting ('8.6': the kvobj with its key, plus what the type counts as it allocates).
 */
export type MemoryUsageModel = '7.0' | '8.0' | '8.6';

/**
 * MEMORY USAGE of a key: its value, its name and its dictionary entry (or the value's own
 * whole figure); under the profile's '8.6' model the kvobj (`expires`: it has a TTL) and the value's allocSize.
 */
export function keyMemoryUsage(key: Bytes, value: RedisValue, samples: number, profile?: ServerProfile, expires = false): number {
  if (profile?.memoryUsage === '8.6' && typeof value !== 'string' && value.typeAllocSize !== undefined) return mallocSize(kvobjHeaderBytes(key, expires)) + value.typeAllocSize(profile);
  const whole = typeof value === 'string' ? undefined : (value as WholeKeyMemoryUsage).keyMemoryUsage?.(key, samples);
  if (whole !== undefined) return whole;
  const size = typeof value === 'string' ? stringValueSize(value, profile?.stringObjects === 'keydb') : value.memoryUsage(samples, profile);
  return size + sdsAllocSize(key.length, true) + DICT_ENTRY_SIZE;
}
