import { idKeyBytes, type StreamId } from './id.js';

/**
 * The number of nodes Redis's radix tree (rax.c) has for a set of 16-byte keys (stream
 * ids, big endian), given in ascending order. rax keeps its tree compressed after every
 * insert and removal, so the count depends on the keys only:
 *
 * - the head, every key (a leaf: keys have one length) and every branching point (the
 *   longest common prefix of two neighbours) are nodes;
 * - an edge of two bytes or more below a branching node costs one more node (the
 *   branching node holds only the first byte; a compressed node holds the rest);
 * - below a head with a single child, the head itself is that compressed edge.
 *
 * XINFO STREAM's radix-tree-nodes and MEMORY USAGE (streamRadixTreeMemoryUsage) read it.
 */
export function raxNodeCount(keys: Iterable<StreamId>): number {
  const prev = new Uint8Array(16);
  const cur = new Uint8Array(16);
  let n = 0;
  // LCP of each neighbour pair; the leaves' parents need both sides.
  const lcps: number[] = [];
  for (const key of keys) {
    idKeyBytes(key, cur);
    if (n > 0) {
      let l = 0;
      while (l < 16 && prev[l] === cur[l]) l++;
      lcps.push(l);
    }
    prev.set(cur);
    n++;
  }
  if (n === 0) return 1;
  // Children of each depth along the enclosing chain: branch points from a stack of LCP
  // intervals (each closes with its parent's depth known), leaves from their neighbours.
  let nodes = 1 + n;
  let rootChildren = 0;
  let rootLongEdges = 0;
  let extra = 0;
  const edge = (depth: number, parentDepth: number): void => {
    const long = depth - parentDepth >= 2;
    if (parentDepth === 0) {
      rootChildren++;
      if (long) rootLongEdges++;
    } else if (long) {
      extra++;
    }
  };
  for (let i = 0; i < n; i++) {
    const left = i > 0 ? (lcps[i - 1] as number) : 0;
    const right = i < n - 1 ? (lcps[i] as number) : 0;
    edge(16, Math.max(left, right));
  }
  const stack: number[] = [0];
  for (let i = 0; i <= lcps.length; i++) {
    const cur = i < lcps.length ? (lcps[i] as number) : 0;
    while ((stack[stack.length - 1] as number) > cur) {
      const depth = stack.pop() as number;
      nodes++;
      edge(depth, Math.max(stack[stack.length - 1] as number, cur));
    }
    if ((stack[stack.length - 1] as number) < cur) stack.push(cur);
  }
  if (rootChildren >= 2) extra += rootLongEdges;
  return nodes + extra;
}

/** streamRadixTreeMemoryUsage: 16 bytes a key, sizeof(raxNode) plus 30 words a node. */
export function raxMemoryUsage(keys: number, nodes: number): number {
  return keys * 16 + nodes * (4 + 8 * 30);
}
