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
import { listpackScoreText } from './listpack.js';
import type { ZsetEncoding } from './value.js';

/**
 * MEMORY USAGE of a zset as 64-bit Redis 7.0 with jemalloc computes it (objectComputeSize).
 * A listpack is exact: each member and its score (written as d2string prints it, so
 * integral scores take the compact integer forms) plus the header. A skiplist counts the
 * fixed structures and the sampled elements' sds, dict entry and node; a node's size
 * depends on its random height, and ours are drawn with Redis's distribution but not
 * Redis's draws, so that part matches on average only. The allocator sizes are core's;
 * only the zset's own structures are sized here.
 */

/** The zset struct (dict and skiplist pointers). */
const ZSET_SIZE = 16;
/** The zskiplist struct (header, tail, length, level). */
const ZSKIPLIST_SIZE = 32;
/** zskiplistNode: member pointer, score, backward pointer, then 16 bytes per level. */
const NODE_BASE_SIZE = 24;
const NODE_LEVEL_SIZE = 16;
/** The header node has all 32 levels. */
const HEADER_NODE_SIZE = mallocSize(NODE_BASE_SIZE + NODE_LEVEL_SIZE * 32);

export interface SizedElement {
  readonly member: Bytes;
  readonly score: number;
  readonly level: number;
}

export function zsetMemoryUsage(encoding: ZsetEncoding, elements: Iterable<SizedElement>, size: number, samples: number): number {
  if (encoding === 'listpack') {
    let bytes = LISTPACK_OVERHEAD;
    for (const { member, score } of elements) bytes += listpackEntrySize(member) + listpackEntrySize(listpackScoreText(score, 'printf17g'));
    return ROBJ_SIZE + mallocSize(bytes);
  }
  let total = 0;
  let seen = 0;
  for (const { member, level } of elements) {
    if (samples !== 0 && seen >= samples) break;
    total += sdsAllocSize(member.length) + DICT_ENTRY_SIZE + mallocSize(NODE_BASE_SIZE + NODE_LEVEL_SIZE * level);
    seen++;
  }
  const perElement = seen === 0 ? 0 : (total / seen) * size;
  const table = POINTER_SIZE * dictSlots(size);
  return Math.floor(ROBJ_SIZE + ZSET_SIZE + ZSKIPLIST_SIZE + DICT_SIZE + table + HEADER_NODE_SIZE + perElement);
}
