import { type Bytes, listpackEntrySize, mallocSize, sdsAllocSize } from '@fakeredis/core';
import type { SetEncoding } from './value.js';

/**
 * MEMORY USAGE of a set as 64-bit Redis with jemalloc computes it (objectComputeSize):
 * exact for intsets; for hashtables the dict, its buckets and sampled entries, without
 * the transient second table of an incremental rehash; for listpacks the encoded size.
 */

const ROBJ = 16;
const DICT = 56;
const DICT_ENTRY = 24;
const INTSET_HEADER = 8;
const LISTPACK_HEADER = 6;
const LISTPACK_END = 1;

export function setMemoryUsage(
  encoding: SetEncoding,
  members: Iterable<Bytes>,
  size: number,
  shape: { width: number; buckets: number },
  samples: number,
): number {
  if (encoding === 'intset') return ROBJ + mallocSize(INTSET_HEADER + size * shape.width);
  if (encoding === 'listpack') {
    let bytes = LISTPACK_HEADER + LISTPACK_END;
    for (const member of members) bytes += listpackEntrySize(member);
    return ROBJ + mallocSize(bytes);
  }
  let total = 0;
  let seen = 0;
  for (const member of members) {
    if (samples !== 0 && seen >= samples) break;
    total += DICT_ENTRY + sdsAllocSize(member.length);
    seen++;
  }
  const entries = seen === 0 ? 0 : (total / seen) * size;
  return Math.floor(ROBJ + DICT + 8 * shape.buckets + entries);
}
