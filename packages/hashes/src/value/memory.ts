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
  sdsHeaderAllocSize,
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

/** lpBytes of a listpack (or listpackex, with a TTL entry per field) holding these fields. */
function listpackBytes(fields: Iterable<[Bytes, HashField]>, withTtls: boolean): number {
  let bytes = LISTPACK_OVERHEAD;
  for (const [field, entry] of fields) {
    bytes += listpackEntrySize(field) + listpackEntrySize(entry.value);
    if (withTtls) bytes += ttlEntrySize(entry.expiresAt);
  }
  return bytes;
}

/** A listpack (or listpackex, with a TTL entry per field) holding these fields. */
export function listpackUsage(fields: Iterable<[Bytes, HashField]>, withTtls: boolean): number {
  return ROBJ_SIZE + (withTtls ? mallocSize(LISTPACK_EX) : 0) + mallocSize(listpackBytes(fields, withTtls));
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

/** sizeof(listpackEx) (Redis 8.6 counts the struct, not its allocation). */
const LISTPACK_EX_STRUCT = 24;
/** Redis 8.6's entry.c: a value is embedded after its field while the whole entry takes at most 128 bytes. */
const EMBED_VALUE_MAX_ALLOC_SIZE = 128;
const sdsHeader = (len: number) => (len < 32 ? 1 : len < 256 ? 3 : len < 65536 ? 5 : 9);

/**
 * entryMemUsage (Redis 8.6): one allocation holding the field's sds (at least a type-8
 * header when it has a TTL), the ExpireMeta of a field with a TTL, and the value's sds
 * (type 8) embedded after it while the entry fits 128 bytes; otherwise a pointer to the
 * value's own sds (and the field's header at least type 8).
 */
function entryAllocSize(field: Bytes, entry: HashField): number {
  const expiry = entry.expirySlot || entry.expiresAt !== 0 ? FIELD_EXPIRE_META : 0;
  let fieldHeader = sdsHeader(field.length);
  if (fieldHeader === 1 && expiry !== 0) fieldHeader = 3;
  const embeddedValue = 3 + entry.value.length + 1;
  if (fieldHeader + field.length + 1 + expiry + embeddedValue <= EMBED_VALUE_MAX_ALLOC_SIZE) return fieldHeader + field.length + 1 + expiry + embeddedValue;
  if (fieldHeader === 1) fieldHeader = 3;
  return fieldHeader + field.length + 1 + expiry + POINTER_SIZE + sdsHeaderAllocSize(entry.value.length);
}

/**
 * hashTypeAllocSize (Redis 8.6): a listpack's bytes as they are (a listpackex's struct
 * too); a hash table's dict, dictMemUsage's 24 bytes per field and 8 per bucket, and
 * each field's entry (the transient second table of a rehash is not counted).
 */
export function hashAllocSize(encoding: string, fields: Iterable<[Bytes, HashField]>, size: number, buckets: number): number {
  if (encoding !== 'hashtable') return (encoding === 'listpackex' ? LISTPACK_EX_STRUCT : 0) + listpackBytes(fields, encoding === 'listpackex');
  let bytes = DICT_SIZE + DICT_ENTRY_SIZE * size + POINTER_SIZE * buckets;
  for (const [field, entry] of fields) bytes += entryAllocSize(field, entry);
  return bytes;
}
