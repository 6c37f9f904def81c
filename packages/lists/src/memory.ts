import { LISTPACK_OVERHEAD, mallocSize, type MemoryUsageModel, ROBJ_SIZE } from '@fakeredis/core';
import { type NodeLayout, OPTIMIZATION_LEVEL } from './nodes.js';

/** Size cap of a node limited by count (quicklist.c's SIZE_SAFETY_LIMIT). */
const SIZE_SAFETY_LIMIT = 8192;

/**
 * MEMORY USAGE of a list as 64-bit Redis with jemalloc computes it (objectComputeSize):
 * a quicklist is its object header and struct plus the first `samples` nodes (node
 * struct and listpack allocation) averaged per node times the number of nodes (Redis
 * 8.0: averaged per element times the number of elements); a 7.2 listpack is its header
 * and allocation. Redis 8.6 counts what it allocates instead (listAllocSize). Nodes are sized uncompressed: with
 * list-compress-depth > 0 Redis would count LZF-compressed inner nodes smaller.
 * The allocator sizes are core's; only the quicklist's own structures are sized here.
 */

/** The quicklist struct (head, tail, count, len, fill/compress/bookmark bits). */
const QUICKLIST_SIZE = 40;
/** A quicklistNode (prev, next, entry, sz, count and flag bits). */
const QUICKLIST_NODE_SIZE = 40;

export function listMemoryUsage(layout: NodeLayout, elementCount: number, samples: number, model: MemoryUsageModel = '7.0'): number {
  if (layout.packed) return ROBJ_SIZE + mallocSize(layout.head?.bytes ?? LISTPACK_OVERHEAD);
  let sampled = 0;
  let elements = 0;
  let bytes = 0;
  for (const node of layout.nodes()) {
    bytes += QUICKLIST_NODE_SIZE + mallocSize(node.bytes);
    elements += node.count;
    sampled++;
    if (samples !== 0 && sampled >= samples) break;
  }
  if (sampled === 0) return ROBJ_SIZE + QUICKLIST_SIZE;
  // Redis 7: asize += (double)elesize/samples*ql->len; 8.0: elesize/elecount*ql->count (truncated to size_t).
  const average = model === '7.0' ? (bytes / sampled) * layout.length : (bytes / elements) * elementCount;
  return Math.floor(ROBJ_SIZE + QUICKLIST_SIZE + average);
}

/** Redis 8.6's quicklist struct as allocated (alloc_size added to 7.0's). */
const QUICKLIST_ALLOC_86 = mallocSize(48);

/**
 * listTypeAllocSize (Redis 8.6): a listpack's lpBytes; a quicklist's struct and node
 * allocations plus each node's lpBytes (ql->alloc_size: listpacks at their length, not
 * their allocation).
 */
export function listAllocSize(layout: NodeLayout): number {
  if (layout.packed) return layout.head?.bytes ?? LISTPACK_OVERHEAD;
  const limit = layout.fill < 0 ? (OPTIMIZATION_LEVEL[-layout.fill - 1] as number) : SIZE_SAFETY_LIMIT;
  let size = QUICKLIST_ALLOC_86;
  for (const node of layout.nodes()) {
    const plain = node.count === 1 ? plainElementLength(node.bytes - LISTPACK_OVERHEAD) : undefined;
    size += mallocSize(QUICKLIST_NODE_SIZE) + (plain !== undefined && plain > limit ? plain : node.bytes);
  }
  return size;
}

/**
 * The length of the string a one-element node holds, from its listpack entry's size
 * (a 5-byte header past 4095 bytes and the back-length); undefined for a shorter one.
 * Redis 7.2+ keeps an element over the node's byte limit in a plain node of its own,
 * whose sz is the element's length.
 */
function plainElementLength(entry: number): number | undefined {
  for (const backlen of [2, 3, 4, 5]) {
    const len = entry - 5 - backlen;
    if (len >= 4096 && listpackBacklen(5 + len) === backlen) return len;
  }
  return undefined;
}

const listpackBacklen = (encoded: number) => (encoded <= 127 ? 1 : encoded < 16383 ? 2 : encoded < 2097151 ? 3 : encoded < 268435455 ? 4 : 5);
