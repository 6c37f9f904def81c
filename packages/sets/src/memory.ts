import {
  type Bytes,
  DICT_ENTRY_SIZE,
  DICT_SIZE,
  LISTPACK_OVERHEAD,
  listpackEntrySize,
  mallocSize,
  POINTER_SIZE,
  ROBJ_SIZE,
  sdsAllocSize,
  sdsHeaderAllocSize,
} from '@fakeredis/core';
import type { SetEncoding } from './value.js';

/**
 * MEMORY USAGE of a set as 64-bit Redis with jemalloc computes it (objectComputeSize):
 * exact for intsets; for hashtables the dict, its buckets and sampled entries, without
 * the transient second table of an incremental rehash; for listpacks the encoded size.
 * The allocator sizes are core's; only the intset header is the set type's own.
 */

/** An intset's header (encoding and length, 4 bytes each). */
const INTSET_HEADER_SIZE = 8;

export function setMemoryUsage(
  encoding: SetEncoding,
  members: Iterable<Bytes>,
  size: number,
  shape: { width: number; buckets: number },
  samples: number,
): number {
  if (encoding === 'intset') return ROBJ_SIZE + mallocSize(INTSET_HEADER_SIZE + size * shape.width);
  if (encoding === 'listpack') {
    let bytes = LISTPACK_OVERHEAD;
    for (const member of members) bytes += listpackEntrySize(member);
    return ROBJ_SIZE + mallocSize(bytes);
  }
  let total = 0;
  let seen = 0;
  for (const member of members) {
    if (samples !== 0 && seen >= samples) break;
    total += DICT_ENTRY_SIZE + sdsAllocSize(member.length);
    seen++;
  }
  const entries = seen === 0 ? 0 : (total / seen) * size;
  return Math.floor(ROBJ_SIZE + DICT_SIZE + POINTER_SIZE * shape.buckets + entries);
}

/**
 * setTypeAllocSize (Redis 8.6): an intset's or listpack's bytes as they are, not their
 * allocation; a hashtable's dict, 24 bytes per element and 8 per bucket (dictMemUsage,
 * though a set's dict stores no entries) and its members' sds as their headers say.
 */
export function setAllocSize(encoding: SetEncoding, members: Iterable<Bytes>, size: number, shape: { width: number; buckets: number }): number {
  if (encoding === 'intset') return INTSET_HEADER_SIZE + size * shape.width;
  let bytes = encoding === 'listpack' ? LISTPACK_OVERHEAD : DICT_SIZE + DICT_ENTRY_SIZE * size + POINTER_SIZE * shape.buckets;
  for (const member of members) bytes += encoding === 'listpack' ? listpackEntrySize(member) : sdsHeaderAllocSize(member.length);
  return bytes;
}
