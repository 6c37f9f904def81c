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
  sdsHeader,
  type ServerProfile,
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

/** A listpack's bytes: each member and its score as d2string writes it (shortest digits from 7.2). */
function listpackBytes(elements: Iterable<SizedElement>, profile: ServerProfile | undefined): number {
  const format = profile?.doubleFormat ?? 'printf17g';
  let bytes = LISTPACK_OVERHEAD;
  for (const { member, score } of elements) bytes += listpackEntrySize(member) + listpackEntrySize(listpackScoreText(score, format));
  return bytes;
}

export function zsetMemoryUsage(encoding: ZsetEncoding, elements: Iterable<SizedElement>, size: number, samples: number, profile?: ServerProfile): number {
  if (encoding === 'listpack') return ROBJ_SIZE + mallocSize(listpackBytes(elements, profile));
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

/** Redis 8.6's zskiplist (alloc_size added) and a node: score, backward pointer, levels, then the member's sds in the same allocation. */
const ZSKIPLIST_ALLOC_86 = mallocSize(40);
const HEADER_NODE_86 = mallocSize(16 + NODE_LEVEL_SIZE * 32);

/**
 * zsetAllocSize (Redis 8.6): a listpack's bytes as they are; a skiplist's zset struct,
 * zskiplist, header node and nodes (each with its member embedded, sized by its random
 * height: ours are drawn as Redis draws them, not with Redis's draws), the dict and
 * dictMemUsage's 24 bytes per element and 8 per bucket.
 */
export function zsetAllocSize(encoding: ZsetEncoding, elements: Iterable<SizedElement>, size: number, profile: ServerProfile): number {
  if (encoding === 'listpack') return listpackBytes(elements, profile);
  let bytes = ZSET_SIZE + ZSKIPLIST_ALLOC_86 + HEADER_NODE_86 + DICT_SIZE + DICT_ENTRY_SIZE * size + POINTER_SIZE * dictSlots(size);
  for (const { member, level } of elements) {
    bytes += mallocSize(16 + NODE_LEVEL_SIZE * level + sdsHeader(member.length, true) + member.length + 1);
  }
  return bytes;
}
