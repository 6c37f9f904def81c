import { type Bytes, mallocSize, tryParseInt64 } from '@fakeredis/core';
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

/** Bytes of one listpack entry: integers in their compact forms, strings with a header. */
export function listpackEntrySize(s: Bytes): number {
  const int = s.length <= 20 ? tryParseInt64(s) : undefined;
  const encoded = int === undefined ? stringHeader(s.length) + s.length : intSize(int);
  return encoded + backlenSize(encoded);
}

function intSize(v: bigint): number {
  if (v >= 0n && v <= 127n) return 1;
  if (v >= -4096n && v <= 4095n) return 2;
  if (v >= -32768n && v <= 32767n) return 3;
  if (v >= -8388608n && v <= 8388607n) return 4;
  if (v >= -2147483648n && v <= 2147483647n) return 5;
  return 9;
}

function stringHeader(len: number): number {
  return len < 64 ? 1 : len < 4096 ? 2 : 5;
}

function backlenSize(len: number): number {
  if (len <= 127) return 1;
  if (len < 16383) return 2;
  if (len < 2097151) return 3;
  if (len < 268435455) return 4;
  return 5;
}

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

/** sds allocation of a field or value (type 5 headers for short strings, as sdsnewlen). */
function sdsSize(len: number): number {
  const header = len < 32 ? 1 : len < 256 ? 3 : len < 65536 ? 5 : len < 2 ** 32 ? 9 : 17;
  return mallocSize(header + len + 1);
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
    total += sdsSize(field.length) + sdsSize(entry.value.length) + DICT_ENTRY;
    if (entry.expiresAt !== 0) total += FIELD_EXPIRE_META;
    seen++;
  }
  const average = seen === 0 ? 0 : total / seen;
  return ROBJ + DICT + POINTER * dictSlots(size) + Math.floor(average * size);
}
