import { LISTPACK_OVERHEAD } from '@fakeredis/core';

/**
 * The node layout of Redis's quicklist: how many elements each listpack node holds and
 * how many bytes its listpack takes. The elements themselves live in the list's deque;
 * this model follows quicklist.c (Redis 7.0) step by step, so MEMORY USAGE, and in 7.2
 * the listpack/quicklist conversions, see the nodes Redis would have: where a push
 * opens a new node, where LINSERT splits and merges, which nodes pops, LREM and LTRIM
 * empty. Operations take the listpack entry size of the elements they move (see
 * listpackEntrySize) and, for inserts, the element's byte length, as Redis does.
 */

export interface QuicklistNode {
  count: number;
  /** lpBytes of the node's listpack: header, entries, end byte. */
  bytes: number;
  prev: QuicklistNode | null;
  next: QuicklistNode | null;
}

/** Byte limits of fill -1 .. -5. */
export const OPTIMIZATION_LEVEL = [4096, 8192, 16384, 32768, 65536];
/** Size cap of a node limited by count (positive fill). */
const SIZE_SAFETY_LIMIT = 8192;
/** Over-estimate of an entry's header and back-length when checking room for it. */
const SIZE_ESTIMATE_OVERHEAD = 8;
/** quicklist's fill is a 16-bit signed field: -5 .. 32767. */
const FILL_MAX = 32767;

/** The fill a new quicklist takes from list-max-listpack-size (quicklistSetFill). */
export function clampFill(fill: number): number {
  return fill > FILL_MAX ? FILL_MAX : fill < -5 ? -5 : fill;
}

/** _quicklistNodeSizeMeetsOptimizationRequirement + the count and safety checks. */
function fits(fill: number, bytes: number, count: number): boolean {
  if (fill < 0 && bytes <= (OPTIMIZATION_LEVEL[-fill - 1] as number)) return true;
  if (bytes > SIZE_SAFETY_LIMIT) return false;
  return count <= fill;
}

/**
 * Redis 7.2's quicklistNodeExceedsLimit for a whole listpack, with the fill as configured
 * (not clamped): past the byte limit of a negative fill, or past 8 kB or the count of a
 * positive one (fill 0 counts as 1).
 */
export function nodeLimitExceeded(fill: number, bytes: number, count: number): boolean {
  if (fill < 0) return bytes > (OPTIMIZATION_LEVEL[Math.min(-fill, 5) - 1] as number);
  if (bytes > SIZE_SAFETY_LIMIT) return true;
  return count > (fill === 0 ? 1 : fill);
}

export class NodeLayout {
  head: QuicklistNode | null = null;
  tail: QuicklistNode | null = null;
  /** Number of nodes (quicklist->len). */
  length = 0;

  constructor(
    /** Clamped fill, fixed when the quicklist was created (as Redis keeps it). */
    public fill: number,
    /**
     * Redis 7.2's listpack encoding: one listpack with no node limits. The single node
     * here stands for it; converting to a quicklist keeps it as the first node.
     */
    public packed = false,
    /** list-compress-depth when the quicklist was created (ql->compress). */
    public compress = 0,
  ) {}

  /** _quicklistNodeAllowInsert for an element of `sz` bytes. */
  private allowInsert(node: QuicklistNode | null, sz: number): boolean {
    if (node === null) return false;
    if (this.packed) return true;
    return fits(this.fill, node.bytes + sz + SIZE_ESTIMATE_OVERHEAD, node.count + 1);
  }

  /** _quicklistNodeAllowMerge (approximate merged size: 11 bytes of one header less). */
  private allowMerge(a: QuicklistNode | null, b: QuicklistNode | null): boolean {
    if (a === null || b === null) return false;
    return fits(this.fill, a.bytes + b.bytes - 11, a.count + b.count);
  }

  pushHead(entrySize: number, sz: number): void {
    const head = this.head;
    if (head !== null && this.allowInsert(head, sz)) {
      head.count++;
      head.bytes += entrySize;
    } else {
      this.link(this.newNode(1, entrySize), null, head);
    }
  }

  pushTail(entrySize: number, sz: number): void {
    const tail = this.tail;
    if (tail !== null && this.allowInsert(tail, sz)) {
      tail.count++;
      tail.bytes += entrySize;
    } else {
      this.link(this.newNode(1, entrySize), tail, null);
    }
  }

  /** Removes the first element (of the given entry size); an emptied node goes. */
  popHead(entrySize: number): void {
    this.shrink(this.head as QuicklistNode, 1, entrySize);
  }

  popTail(entrySize: number): void {
    this.shrink(this.tail as QuicklistNode, 1, entrySize);
  }

  /**
   * The node holding element `index` of a list of `total` elements and the element's
   * offset in it, seeking from the nearer end (quicklistGetIteratorAtIdx).
   */
  locate(index: number, total: number): { node: QuicklistNode; offset: number } {
    if (index <= (total - 1) / 2) {
      let node = this.head as QuicklistNode;
      let start = 0;
      while (start + node.count <= index) {
        start += node.count;
        node = node.next as QuicklistNode;
      }
      return { node, offset: index - start };
    }
    let node = this.tail as QuicklistNode;
    let end = total;
    while (end - node.count > index) {
      end -= node.count;
      node = node.prev as QuicklistNode;
    }
    return { node, offset: index - (end - node.count) };
  }

  /** LSET: the element at `index` changes size in place (7.0 replaces within its node). */
  replace(index: number, total: number, oldSize: number, newSize: number): void {
    this.locate(index, total).node.bytes += newSize - oldSize;
  }

  /**
   * LINSERT (_quicklistInsert): a new element of entry size `entrySize` and length `sz`
   * before or after element `index`. `sizeAt(i)` gives the entry size of element `i`
   * as the list is before the insert (for a node split).
   */
  insert(index: number, total: number, after: boolean, entrySize: number, sz: number, sizeAt: (i: number) => number): void {
    const { node, offset } = this.locate(index, total);
    if (this.packed || this.allowInsert(node, sz)) {
      node.count++;
      node.bytes += entrySize;
      return;
    }
    const atTail = after && offset === node.count - 1;
    const atHead = !after && offset === 0;
    if (atTail && this.allowInsert(node.next, sz)) {
      const next = node.next as QuicklistNode;
      next.count++;
      next.bytes += entrySize;
    } else if (atHead && this.allowInsert(node.prev, sz)) {
      const prev = node.prev as QuicklistNode;
      prev.count++;
      prev.bytes += entrySize;
    } else if (atTail || atHead) {
      const created = this.newNode(1, entrySize);
      if (after) this.link(created, node, node.next);
      else this.link(created, node.prev, node);
    } else {
      // Split: the new node takes the elements after the pivot (after) or before it,
      // plus the new element on the side facing the pivot; then neighbours merge.
      const nodeStart = index - offset;
      const from = after ? offset + 1 : 0;
      const to = after ? node.count : offset;
      let moved = 0;
      for (let i = from; i < to; i++) moved += sizeAt(nodeStart + i);
      const created = this.newNode(to - from + 1, moved + entrySize);
      node.count -= to - from;
      node.bytes -= moved;
      if (after) this.link(created, node, node.next);
      else this.link(created, node.prev, node);
      this.mergeAround(node);
    }
  }

  /**
   * Removes `k` elements from one end; `sizeAt(i)` is the entry size of the i-th element
   * counted from that end before removal. Whole nodes go without sizing their elements.
   */
  removeEnd(end: 'head' | 'tail', k: number, sizeAt: (i: number) => number): void {
    let i = 0;
    while (k > 0) {
      const node = (end === 'head' ? this.head : this.tail) as QuicklistNode;
      if (k >= node.count) {
        i += node.count;
        k -= node.count;
        this.unlink(node);
      } else {
        let bytes = 0;
        for (let j = 0; j < k; j++) bytes += sizeAt(i + j);
        this.shrink(node, k, bytes);
        k = 0;
      }
    }
  }

  /**
   * LREM: removes the elements at `positions` (ascending) with their entry sizes, of a
   * list of `total` elements. Nodes are walked once from the nearer end; emptied nodes
   * go and nothing merges, as quicklistDelIndex does.
   */
  removePositions(positions: readonly number[], sizes: readonly number[], total: number): void {
    const k = positions.length;
    if (k === 0) return;
    const first = positions[0] as number;
    const last = positions[k - 1] as number;
    if (last < total - first) {
      let node = this.head as QuicklistNode;
      let start = 0;
      let p = 0;
      while (p < k) {
        const next = node.next;
        const end = start + node.count;
        let removed = 0;
        let bytes = 0;
        while (p < k && (positions[p] as number) < end) {
          removed++;
          bytes += sizes[p++] as number;
        }
        if (removed > 0) this.shrink(node, removed, bytes);
        start = end;
        node = next as QuicklistNode;
      }
    } else {
      let node = this.tail as QuicklistNode;
      let end = total;
      let p = k - 1;
      while (p >= 0) {
        const prev = node.prev;
        const start = end - node.count;
        let removed = 0;
        let bytes = 0;
        while (p >= 0 && (positions[p] as number) >= start) {
          removed++;
          bytes += sizes[p--] as number;
        }
        if (removed > 0) this.shrink(node, removed, bytes);
        end = start;
        node = prev as QuicklistNode;
      }
    }
  }

  /** A copy of the layout (COPY keeps the fill and the nodes). */
  clone(): NodeLayout {
    const copy = new NodeLayout(this.fill, this.packed, this.compress);
    for (let node = this.head; node !== null; node = node.next) copy.link(copy.newNode(node.count, node.bytes - LISTPACK_OVERHEAD), copy.tail, null);
    return copy;
  }

  /** Appends a node of `count` elements and `entryBytes` entry bytes (an RDB load keeps the saved nodes). */
  appendNode(count: number, entryBytes: number): void {
    this.link(this.newNode(count, entryBytes), this.tail, null);
  }

  *nodes(): IterableIterator<QuicklistNode> {
    for (let node = this.head; node !== null; node = node.next) yield node;
  }

  // ---- internals ---------------------------------------------------------------------

  private newNode(count: number, entryBytes: number): QuicklistNode {
    return { count, bytes: LISTPACK_OVERHEAD + entryBytes, prev: null, next: null };
  }

  /** Takes `count` elements of `bytes` entry bytes out of a node; an emptied node goes. */
  private shrink(node: QuicklistNode, count: number, bytes: number): void {
    node.count -= count;
    node.bytes -= bytes;
    if (node.count === 0) this.unlink(node);
  }

  private link(node: QuicklistNode, prev: QuicklistNode | null, next: QuicklistNode | null): void {
    node.prev = prev;
    node.next = next;
    if (prev === null) this.head = node;
    else prev.next = node;
    if (next === null) this.tail = node;
    else next.prev = node;
    this.length++;
  }

  private unlink(node: QuicklistNode): void {
    if (node.prev === null) this.head = node.next;
    else node.prev.next = node.next;
    if (node.next === null) this.tail = node.prev;
    else node.next.prev = node.prev;
    node.prev = node.next = null;
    this.length--;
  }

  /** Merges `b` into `a` (a left of b): one listpack header less. Returns the kept node. */
  private merge(a: QuicklistNode, b: QuicklistNode): QuicklistNode {
    a.count += b.count;
    a.bytes += b.bytes - LISTPACK_OVERHEAD;
    this.unlink(b);
    return a;
  }

  /** _quicklistMergeNodes: the pairs around a split node, in Redis's order. */
  private mergeAround(center: QuicklistNode): void {
    const prev = center.prev;
    const prevPrev = prev?.prev ?? null;
    const next = center.next;
    const nextNext = next?.next ?? null;
    if (this.allowMerge(prev, prevPrev)) this.merge(prevPrev as QuicklistNode, prev as QuicklistNode);
    if (this.allowMerge(next, nextNext)) this.merge(next as QuicklistNode, nextNext as QuicklistNode);
    let target = center;
    if (this.allowMerge(center, center.prev)) target = this.merge(center.prev as QuicklistNode, center);
    if (this.allowMerge(target, target.next)) this.merge(target, target.next as QuicklistNode);
  }
}
