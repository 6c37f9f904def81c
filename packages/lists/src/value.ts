import { type Bytes, type ConfigStore, defineValueType, type ValueDigest, LISTPACK_OVERHEAD, listpackEntrySize, RDB_TYPE_LIST_QUICKLIST_2, type RedisObject, type ServerProfile } from '@fakeredis/core';
import { Deque } from './deque.js';
import { listAllocSize, listMemoryUsage } from './memory.js';
import { clampFill, NodeLayout, nodeLimitExceeded, OPTIMIZATION_LEVEL } from './nodes.js';
import { LIST_RDB_TYPES, readList, saveList } from './rdb.js';
import { type ListSettings, listSettings } from './settings.js';

/** Redis's encodings of a list: always a quicklist in 7.0; small lists are listpacks in 7.2. */
export type ListEncoding = 'quicklist' | 'listpack';

const entrySize = listpackEntrySize;

/**
 * A list value. The elements live in a ring-buffer deque (O(1) push and pop at both
 * ends, O(1) access by index); beside it a model of Redis's quicklist nodes follows
 * each change, for OBJECT ENCODING and MEMORY USAGE. Nothing copies the list to change
 * one element: LINSERT and LREM move the shorter side, LTRIM and counted pops drop from
 * the ends.
 */
export class RedisList implements RedisObject {
  readonly type = 'list';

  private constructor(
    private readonly items: Deque<Bytes>,
    private readonly layout: NodeLayout,
  ) {}

  /** An empty list as a push creates it: a quicklist (7.0) or a listpack (7.2). */
  static create(settings: ListSettings): RedisList {
    return new RedisList(new Deque<Bytes>(), new NodeLayout(clampFill(settings.maxListpackSize), settings.listpack, settings.compressDepth ?? 0));
  }

  /**
   * A list holding `nodes` as its quicklist nodes, as an RDB load appends the saved
   * listpacks (quicklistAppendListpack); `packed` makes it 7.2's listpack encoding.
   */
  static fromNodes(settings: ListSettings, nodes: readonly (readonly Bytes[])[], packed: boolean): RedisList {
    const list = RedisList.create(settings);
    for (const node of nodes) {
      let bytes = 0;
      for (const element of node) {
        bytes += entrySize(element);
        list.items.pushBack(element);
      }
      list.layout.appendNode(node.length, bytes);
    }
    list.layout.packed = packed;
    return list;
  }

  get length(): number {
    return this.items.length;
  }

  itemCount(): number {
    return this.items.length;
  }

  /** The element at `i` (0 <= i < length). */
  at(i: number): Bytes {
    return this.items.at(i);
  }

  pushHead(value: Bytes): void {
    this.layout.pushHead(entrySize(value), value.length);
    this.items.pushFront(value);
  }

  pushTail(value: Bytes): void {
    this.layout.pushTail(entrySize(value), value.length);
    this.items.pushBack(value);
  }

  popHead(): Bytes | undefined {
    const value = this.items.popFront();
    if (value !== undefined) this.layout.popHead(entrySize(value));
    return value;
  }

  popTail(): Bytes | undefined {
    const value = this.items.popBack();
    if (value !== undefined) this.layout.popTail(entrySize(value));
    return value;
  }

  /** Pops up to `count` elements from the head, in list order. */
  popHeadMany(count: number): Bytes[] {
    const k = Math.min(count, this.items.length);
    this.layout.removeEnd('head', k, (i) => entrySize(this.items.at(i)));
    return this.items.takeFront(k);
  }

  /** Pops up to `count` elements from the tail, last element first. */
  popTailMany(count: number): Bytes[] {
    const k = Math.min(count, this.items.length);
    const last = this.items.length - 1;
    this.layout.removeEnd('tail', k, (i) => entrySize(this.items.at(last - i)));
    return this.items.takeBack(k);
  }

  /** Every element, head to tail (RedisObject.elements, for SORT). */
  elements(): Bytes[] {
    return this.items.slice(0, this.items.length);
  }

  /** Elements [from, to) in order. */
  slice(from: number, to: number): Bytes[] {
    return this.items.slice(from, to);
  }

  /** LSET: replaces the element at `i` (0 <= i < length). */
  set(i: number, value: Bytes): void {
    this.layout.replace(i, this.items.length, entrySize(this.items.at(i)), entrySize(value));
    this.items.set(i, value);
  }

  /** LINSERT: inserts `value` before or after the element at `pivot`. */
  insert(pivot: number, value: Bytes, after: boolean): void {
    this.layout.insert(pivot, this.items.length, after, entrySize(value), value.length, (i) => entrySize(this.items.at(i)));
    this.items.insert(after ? pivot + 1 : pivot, value);
  }

  /** LREM: removes the elements at `positions` (ascending, distinct). */
  removePositions(positions: readonly number[]): void {
    const sizes = positions.map((p) => entrySize(this.items.at(p)));
    this.layout.removePositions(positions, sizes, this.items.length);
    this.items.removeSorted(positions);
  }

  /** LTRIM: drops `left` elements from the head and `right` from the tail. */
  trim(left: number, right: number): void {
    if (left > 0) this.popHeadMany(left);
    if (right > 0) this.popTailMany(right);
  }

  *[Symbol.iterator](): IterableIterator<Bytes> {
    yield* this.items;
  }

  // ---- encoding (Redis 7.2 converts between listpack and quicklist) ------------------

  /**
   * Before adding `count` elements of `bytes` bytes (listTypeTryConversionAppend): a
   * listpack that would exceed list-max-listpack-size becomes a quicklist whose first
   * node is the whole listpack.
   */
  growing(bytes: number, count: number, settings: ListSettings): void {
    const layout = this.layout;
    if (!layout.packed) return;
    const current = layout.head;
    if (!nodeLimitExceeded(settings.maxListpackSize, (current?.bytes ?? LISTPACK_OVERHEAD) + bytes, this.items.length + count)) return;
    layout.packed = false;
    layout.fill = clampFill(settings.maxListpackSize);
    layout.compress = settings.compressDepth ?? 0;
  }

  /**
   * After removing elements (listTypeTryConversion, shrinking): a quicklist of one node
   * within half the limits becomes a listpack again.
   */
  shrinking(settings: ListSettings): void {
    const layout = this.layout;
    if (!settings.listpack || layout.packed || layout.length !== 1) return;
    const fill = settings.maxListpackSize;
    const node = layout.head;
    if (node === null) return;
    if (fill < 0) {
      const limit = OPTIMIZATION_LEVEL[Math.min(-fill, 5) - 1] as number;
      if (node.bytes > Math.floor(limit / 2)) return;
    } else if (this.items.length > Math.floor((fill === 0 ? 1 : fill) / 2)) {
      return;
    }
    layout.packed = true;
  }

  get currentEncoding(): ListEncoding {
    return this.layout.packed ? 'listpack' : 'quicklist';
  }

  encoding(_config?: ConfigStore): string {
    return this.currentEncoding;
  }

  /** DEBUG DIGEST: the elements mixed in order, head to tail. */
  digest(digest: ValueDigest): void {
    for (const element of this) digest.mix(element);
  }

  /** DEBUG OBJECT's quicklist fields: nodes, mean node length, fill, compression, listpack bytes. */
  debugObjectFields(): string {
    if (this.layout.packed) return '';
    const nodes = this.nodeShape();
    const bytes = nodes.reduce((sum, node) => sum + node.bytes, 0);
    const compressed = this.layout.compress !== 0 ? 1 : 0;
    return ` ql_nodes:${nodes.length} ql_avg_node:${(this.length / nodes.length).toFixed(2)} ql_listpack_max:${this.layout.fill} ql_compressed:${compressed} ql_uncompressed_size:${bytes}`;
  }

  /** Element count and listpack bytes of each node, head first (tests inspect the layout). */
  nodeShape(): Array<{ count: number; bytes: number }> {
    return [...this.layout.nodes()].map(({ count, bytes }) => ({ count, bytes }));
  }

  clone(): RedisList {
    return new RedisList(this.items.clone(), this.layout.clone());
  }

  memoryUsage(samples: number, profile?: ServerProfile): number {
    return listMemoryUsage(this.layout, this.length, samples, profile?.memoryUsage);
  }

  typeAllocSize(): number {
    return listAllocSize(this.layout);
  }

  /** Allocations freeing it walks (lazyfreeGetFreeEffort): a quicklist's nodes; 7.2's listpack is one. */
  freeEffort(): number {
    return this.layout.packed ? 1 : this.layout.length;
  }
}

/**
 * The list value type (core's defineValueType): lookup for read or write with WRONGTYPE,
 * creation, the 'l' keyspace-event class, and deletion of a list its command emptied.
 */
export const listType = defineValueType<RedisList>({
  name: 'list',
  eventClass: 'l',
  isEmpty: (list) => list.length === 0,
  rdbTypes: LIST_RDB_TYPES,
  rdbType: () => RDB_TYPE_LIST_QUICKLIST_2,
  rdbSave: saveList,
  rdbLoad(type, r, server): RedisList {
    const loaded = readList(type, r, server);
    if ('elements' in loaded) return listType.fromElements(server, loaded.elements) as RedisList;
    return RedisList.fromNodes(listSettings(server), loaded.nodes, loaded.packed);
  },
  // A list built whole by a generic command (SORT ... STORE), encoded as a push would.
  fromElements(server, elements) {
    const settings = listSettings(server);
    const list = RedisList.create(settings);
    let bytes = 0;
    for (const element of elements) bytes += entrySize(element);
    list.growing(bytes, elements.length, settings);
    for (const element of elements) list.pushTail(element);
    return list;
  },
});
