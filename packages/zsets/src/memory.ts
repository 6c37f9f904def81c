import { type Bytes, listpackEntrySize, mallocSize, sdsAllocSize } from '@fakeredis/core';
import { listpackScoreText } from './listpack.js';
import type { ZsetEncoding } from './value.js';

/**
 * MEMORY USAGE of a zset as 64-bit Redis 7.0 with jemalloc computes it (objectComputeSize).
 * A listpack is exact: each member and its score (written as d2string prints it, so
 * integral scores take the compact integer forms) plus the header. A skiplist counts the
 * fixed structures and the sampled elements' sds, dict entry and node; a node's size
 * depends on its random height, and ours are drawn with Redis's distribution but not
 * Redis's draws, so that part matches on average only.
 */

const ROBJ = 16;
const ZSET = 16;
const ZSKIPLIST = 32;
const DICT = 56;
const DICT_ENTRY = 24;
const LISTPACK_HEADER = 6;
const LISTPACK_END = 1;
/** zskiplistNode: member pointer, score, backward pointer, then 16 bytes per level. */
const NODE_BASE = 24;
const NODE_LEVEL = 16;
/** The header node has all 32 levels. */
const HEADER_NODE = mallocSize(NODE_BASE + NODE_LEVEL * 32);

export interface SizedElement {
  readonly member: Bytes;
  readonly score: number;
  readonly level: number;
}

export function zsetMemoryUsage(encoding: ZsetEncoding, elements: Iterable<SizedElement>, size: number, samples: number): number {
  if (encoding === 'listpack') {
    let bytes = LISTPACK_HEADER + LISTPACK_END;
    for (const { member, score } of elements) bytes += listpackEntrySize(member) + listpackEntrySize(listpackScoreText(score, 'printf17g'));
    return ROBJ + mallocSize(bytes);
  }
  let total = 0;
  let seen = 0;
  for (const { member, level } of elements) {
    if (samples !== 0 && seen >= samples) break;
    total += sdsAllocSize(member.length) + DICT_ENTRY + mallocSize(NODE_BASE + NODE_LEVEL * level);
    seen++;
  }
  const perElement = seen === 0 ? 0 : (total / seen) * size;
  return Math.floor(ROBJ + ZSET + ZSKIPLIST + DICT + 8 * dictSlots(size) + HEADER_NODE + perElement);
}

/** Slots of the member dict: a power of two, at least 4, growing as entries are added. */
function dictSlots(n: number): number {
  let slots = 4;
  while (slots < n) slots *= 2;
  return slots;
}
