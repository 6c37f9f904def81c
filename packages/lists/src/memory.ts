import { LISTPACK_OVERHEAD, mallocSize, ROBJ_SIZE } from '@fakeredis/core';
import type { NodeLayout } from './nodes.js';

/**
 * MEMORY USAGE of a list as 64-bit Redis with jemalloc computes it (objectComputeSize):
 * a quicklist is its object header and struct plus the average of the first `samples`
 * nodes (node struct and listpack allocation) times the number of nodes; a 7.2
 * listpack is its header and allocation. Nodes are sized uncompressed: with
 * list-compress-depth > 0 Redis would count LZF-compressed inner nodes smaller.
 * The allocator sizes are core's; only the quicklist's own structures are sized here.
 */

/** The quicklist struct (head, tail, count, len, fill/compress/bookmark bits). */
const QUICKLIST_SIZE = 40;
/** A quicklistNode (prev, next, entry, sz, count and flag bits). */
const QUICKLIST_NODE_SIZE = 40;

export function listMemoryUsage(layout: NodeLayout, samples: number): number {
  if (layout.packed) return ROBJ_SIZE + mallocSize(layout.head?.bytes ?? LISTPACK_OVERHEAD);
  let sampled = 0;
  let bytes = 0;
  for (const node of layout.nodes()) {
    bytes += QUICKLIST_NODE_SIZE + mallocSize(node.bytes);
    sampled++;
    if (samples !== 0 && sampled >= samples) break;
  }
  if (sampled === 0) return ROBJ_SIZE + QUICKLIST_SIZE;
  // Redis: asize += (double)elesize/samples*ql->len, truncated to size_t.
  return Math.floor(ROBJ_SIZE + QUICKLIST_SIZE + (bytes / sampled) * layout.length);
}
