import type { Bytes } from '@fakeredis/core';
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

/** jemalloc's size class for `n` bytes (16-byte quantum, four classes per doubling). */
export function jemallocSize(n: number): number {
  if (n <= 8) return 8;
  if (n <= 64) return Math.ceil(n / 16) * 16;
  const step = 2 ** (Math.floor(Math.log2(n - 1)) - 2);
  return Math.ceil(n / step) * step;
}

/** Allocation of an sds copy of a member (sdsnewlen picks the smallest header). */
function sdsAllocSize(len: number): number {
  const header = len === 0 ? 3 : len < 32 ? 1 : len < 256 ? 3 : len < 65536 ? 5 : len < 2 ** 32 ? 9 : 17;
  return jemallocSize(header + len + 1);
}

/** Bytes of one listpack entry: encoding, data and back-length. */
function listpackEntrySize(member: Bytes): number {
  let encoded: number;
  if (member.length <= 20 && /^(?:0|-?[1-9][0-9]*)$/.test(member) && BigInt.asIntN(64, BigInt(member)) === BigInt(member)) {
    const v = Number(member);
    encoded = v >= 0 && v <= 127 ? 1 : v >= -4096 && v <= 4095 ? 2 : v >= -32768 && v <= 32767 ? 3 : v >= -8388608 && v <= 8388607 ? 4 : v >= -(2 ** 31) && v < 2 ** 31 ? 5 : 9;
  } else {
    const len = member.length;
    encoded = (len < 64 ? 1 : len < 4096 ? 2 : 5) + len;
  }
  const backlen = encoded <= 127 ? 1 : encoded < 16383 ? 2 : encoded < 2097151 ? 3 : encoded < 268435455 ? 4 : 5;
  return encoded + backlen;
}

export function setMemoryUsage(
  encoding: SetEncoding,
  members: Iterable<Bytes>,
  size: number,
  shape: { width: number; buckets: number },
  samples: number,
): number {
  if (encoding === 'intset') return ROBJ + jemallocSize(INTSET_HEADER + size * shape.width);
  if (encoding === 'listpack') {
    let bytes = LISTPACK_HEADER + LISTPACK_END;
    for (const member of members) bytes += listpackEntrySize(member);
    return ROBJ + jemallocSize(bytes);
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
