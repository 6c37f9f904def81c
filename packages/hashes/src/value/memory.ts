import {
  type Bytes,
  DICT_ENTRY_SIZE,
  DICT_SIZE,
  dictSlots,
  LISTPACK_OVERHEAD,
  listpackEntrySize,
  mallocSize,
  POINTER_SIZE,
  ROBJ_SIZE,
  sdsAllocSize,
} from '@fakeredis/core';
import type { HashField } from './hash-value.js';

/**
 * MEMORY USAGE of a hash as a 64-bit Redis with jemalloc reports it: a listpack is
 * sized exactly (its entry encodings and the allocator's size class); a hash table as
 * objectComputeSize estimates it, from the average of the first `samples` fields. The
 * allocator sizes are core's; only the structures of hash field expiry are here.
 */

/** listpackEx: expiry metadata, key and listpack pointers. */
const LISTPACK_EX = 32;
/** An mstr field with attached ExpireMeta (7.4+). */
const FIELD_EXPIRE_META = 16;

function ttlEntrySize(at: number): number {
  return listpackEntrySize(String(at) as Bytes);
}

/** A listpack (or listpackex, with a TTL entry per field) holding these fields. */
export function listpackUsage(fields: Iterable<[Bytes, HashField]>, withTtls: boolean): number {
  let bytes = LISTPACK_OVERHEAD;
  for (const [field, entry] of fields) {
    bytes += listpackEntrySize(field) + listpackEntrySize(entry.value);
    if (withTtls) bytes += ttlEntrySize(entry.expiresAt);
  }
  return ROBJ_SIZE + (withTtls ? mallocSize(LISTPACK_EX) : 0) + mallocSize(bytes);
}

/** A hash table: dict, buckets, and the sampled average field entry times the size. */
export function hashtableUsage(fields: Iterable<[Bytes, HashField]>, size: number, samples: number): number {
  let total = 0;
  let seen = 0;
  for (const [field, entry] of fields) {
    if (samples !== 0 && seen >= samples) break;
    total += sdsAllocSize(field.length) + sdsAllocSize(entry.value.length) + DICT_ENTRY_SIZE;
    if (entry.expiresAt !== 0) total += FIELD_EXPIRE_META;
    seen++;
  }
  const average = seen === 0 ? 0 : total / seen;
  return ROBJ_SIZE + DICT_SIZE + POINTER_SIZE * dictSlots(size) + Math.floor(average * size);
}
