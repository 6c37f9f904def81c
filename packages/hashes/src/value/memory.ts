import { type Bytes, listpackEntrySize, mallocSize, sdsAllocSize } from '@fakeredis/core';
import type { HashField } from './hash-value.js';

/**
 * MEMORY USAGE of a hash as a 64-bit Redis with jemalloc reports it: a listpack is
 * sized exactly (its entry encodings and the allocator's size class); a hash table as
 * objectComputeSize estimates it, from the average of the first `samples` fields.
 */

const ROBJ = 16;
const DICT = 56;
const DICT_ENTRY = 24;
const POINTER = 8;
/** listpackEx: expiry metadata, key and listpack pointers. */
const LISTPACK_EX = 32;
/** An mstr field with attached ExpireMeta (7.4+). */
const FIELD_EXPIRE_META = 16;

function ttlEntrySize(at: number): number {
  return listpackEntrySize(String(at) as Bytes);
}

/** A listpack (or listpackex, with a TTL entry per field) holding these fields. */
export function listpackUsage(fields: Iterable<[Bytes, HashField]>, withTtls: boolean): number {
  let bytes = 6 + 1; // header and end marker
  for (const [field, entry] of fields) {
    bytes += listpackEntrySize(field) + listpackEntrySize(entry.value);
    if (withTtls) bytes += ttlEntrySize(entry.expiresAt);
  }
  return ROBJ + (withTtls ? mallocSize(LISTPACK_EX) : 0) + mallocSize(bytes);
}

/** Slots of a dict holding n entries: a power of two, at least 4. */
function dictSlots(n: number): number {
  let slots = 4;
  while (slots < n) slots *= 2;
  return slots;
}

/** A hash table: dict, buckets, and the sampled average field entry times the size. */
export function hashtableUsage(fields: Iterable<[Bytes, HashField]>, size: number, samples: number): number {
  let total = 0;
  let seen = 0;
  for (const [field, entry] of fields) {
    if (samples !== 0 && seen >= samples) break;
    total += sdsAllocSize(field.length) + sdsAllocSize(entry.value.length) + DICT_ENTRY;
    if (entry.expiresAt !== 0) total += FIELD_EXPIRE_META;
    seen++;
  }
  const average = seen === 0 ? 0 : total / seen;
  return ROBJ + DICT + POINTER * dictSlots(size) + Math.floor(average * size);
}
