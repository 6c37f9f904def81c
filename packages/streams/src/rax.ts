import { mallocSize } from '@fakeredis/core';
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

/** sizeof(rax): head, element and node counts, the alloc_size pointer. */
export const RAX_STRUCT = 32;

/** raxPadding: a node's bytes after its 4-byte header are padded to pointer alignment. */
const raxPadding = (size: number): number => (8 - ((size + 4) % 8)) & 7;

/**
 * The bytes jemalloc gives the nodes of a radix tree (rax.c) holding `keys` (byte strings,
 * ascending, distinct; every key with a value pointer), as Redis 8's alloc_size counts
 * them: rax keeps its tree compressed after every insert and removal, so the nodes depend
 * on the keys only (but for an emptied tree's head, `emptiedKeyLength` the length of its
 * last key; and a compressed key node left without children, which keeps its size). A node is a 4-byte header, its characters and padding, one child
 * pointer (compressed) or one per character, and the value pointer of a key. The empty
 * tree is its head alone.
 */
export function raxAllocSize(keys: readonly string[], emptiedKeyLength = 0): number {
  // raxRemove turns a compressed head into an empty one without reallocating it: a tree
  // emptied by removing its last key (held by the head, compressed) keeps that size.
  if (keys.length === 0) return mallocSize(emptiedKeyLength === 0 ? 4 + raxPadding(0) : 4 + emptiedKeyLength + raxPadding(emptiedKeyLength) + 8);
  return raxSubtree(keys, 0, keys.length, 0);
}

function raxSubtree(keys: readonly string[], lo: number, hi: number, depth: number): number {
  const isKey = (keys[lo] as string).length === depth;
  const value = isKey ? 8 : 0;
  const first = isKey ? lo + 1 : lo;
  if (first === hi) return mallocSize(4 + raxPadding(0) + value);
  const a = keys[first] as string;
  const b = keys[hi - 1] as string;
  let lcp = depth;
  while (lcp < a.length && lcp < b.length && a.charCodeAt(lcp) === b.charCodeAt(lcp)) lcp++;
  if (lcp > depth) {
    // One child: a compressed node holding the chain up to the next key or branch.
    const len = lcp - depth;
    return mallocSize(4 + len + raxPadding(len) + 8 + value) + raxSubtree(keys, first, hi, lcp);
  }
  let size = 0;
  let children = 0;
  for (let i = first; i < hi; ) {
    const c = (keys[i] as string).charCodeAt(depth);
    let j = i + 1;
    while (j < hi && (keys[j] as string).charCodeAt(depth) === c) j++;
    size += raxSubtree(keys, i, j, depth + 1);
    children++;
    i = j;
  }
  return size + mallocSize(4 + children + raxPadding(children) + 8 * children + value);
}

/** A stream id as its 16-byte radix-tree key (latin1). */
export function idKey(id: StreamId): string {
  const out = new Uint8Array(16);
  idKeyBytes(id, out);
  return String.fromCharCode(...out);
}

/**
 * Allocations raxRemove leaves bigger than the tree needs, by the key whose node keeps
 * them: removing a key K whose nearest ancestor key P has no other key below it turns P's
 * compressed node (P's value and K's remaining characters) into a leaf without
 * reallocating it. P's node is reallocated again when a key is added below P or P goes.
 * For trees of names (a stream's groups, a group's consumers), where one name can be a
 * prefix of another ("worker1", "worker10").
 */
export class RaxLeftovers {
  private readonly bytes = new Map<string, number>();

  /** `removed` left the tree, which now holds `remaining`. */
  removed(remaining: Iterable<string>, removed: string): void {
    this.bytes.delete(removed);
    const keys = [...remaining];
    if (keys.length === 0) {
      this.bytes.clear();
      return;
    }
    let prefix: string | undefined;
    for (const k of keys) if (k.length < removed.length && removed.startsWith(k) && (prefix === undefined || k.length > prefix.length)) prefix = k;
    if (prefix === undefined || prefix.length === 0) return;
    for (const k of keys) if (k !== prefix && k.startsWith(prefix)) return;
    const len = removed.length - prefix.length;
    this.bytes.set(prefix, mallocSize(4 + len + raxPadding(len) + 16) - mallocSize(4 + raxPadding(0) + 8));
  }

  /** `added` joined the tree: an ancestor left as a leaf is reallocated. */
  added(added: string): void {
    if (this.bytes.size === 0) return;
    for (const p of this.bytes.keys()) if (added.length > p.length && added.startsWith(p)) this.bytes.delete(p);
  }

  total(): number {
    let n = 0;
    for (const b of this.bytes.values()) n += b;
    return n;
  }
}
