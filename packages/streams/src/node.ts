import { type Bytes, listpackEntrySize, mallocSize } from '@fakeredis/core';
import { deltaInt64, type StreamId } from './id.js';

/** One entry of a stream: its id, its field-value pairs, and the tombstone flag. */
export interface StreamEntry {
  readonly id: StreamId;
  /** field, value, field, value ... */
  readonly kv: readonly Bytes[];
  deleted: boolean;
}

/** Bytes of a listpack integer element (encoding plus back-length). */
export function lpIntBytes(v: number | bigint): number {
  if (v >= 0 && v <= 127) return 2;
  if (v >= -4096 && v <= 4095) return 3;
  if (v >= -32768 && v <= 32767) return 4;
  if (v >= -8388608 && v <= 8388607) return 5;
  if (v >= -2147483648 && v <= 2147483647) return 6;
  return 10;
}

const LP_EMPTY = 7;
/** STREAM_ITEM_FLAG_SAMEFIELDS (2) and DELETED (1) fit one byte either way. */
const FLAGS_BYTES = 2;

/**
 * One radix-tree node of a Redis stream: a listpack holding a master entry (live and
 * deleted counts, the first entry's field names) and entries delta-encoded against the
 * master id. The entries are kept as objects; beside them the node tracks what its
 * listpack would weigh (`bytes`) and what jemalloc gave it (`alloc`: 4096 bytes
 * preallocated, grown by realloc past that, shrunk to fit when the node is closed or an
 * element shrinks), as t_stream.c and listpack.c do.
 */
export class StreamNode {
  readonly entries: StreamEntry[] = [];
  live = 0;
  deleted = 0;
  bytes = LP_EMPTY;
  alloc: number;

  constructor(
    /** The first entry's id: the radix-tree key. */
    readonly master: StreamId,
    readonly masterFields: readonly Bytes[],
    prealloc: number,
  ) {
    this.alloc = mallocSize(Math.max(prealloc, LP_EMPTY));
  }

  /** A new node for its first entry, as streamAppendItem builds the master entry. */
  static create(entry: StreamEntry, prealloc: number): StreamNode {
    const fields: Bytes[] = [];
    for (let i = 0; i < entry.kv.length; i += 2) fields.push(entry.kv[i] as Bytes);
    const node = new StreamNode(entry.id, fields, prealloc);
    node.grow(lpIntBytes(1) + lpIntBytes(0) + lpIntBytes(fields.length) + lpIntBytes(0));
    for (const field of fields) node.grow(listpackEntrySize(field));
    node.live = 1;
    node.appendEntry(entry, true);
    return node;
  }

  /** The live count of the master entry changes (lpReplaceInteger). */
  setLive(count: number): void {
    this.replace(lpIntBytes(this.live), lpIntBytes(count));
    this.live = count;
  }

  setDeleted(count: number): void {
    this.replace(lpIntBytes(this.deleted), lpIntBytes(count));
    this.deleted = count;
  }

  /** True when the entry's field names are the master entry's (SAMEFIELDS). */
  sameFields(kv: readonly Bytes[]): boolean {
    const fields = this.masterFields;
    if (kv.length !== fields.length * 2) return false;
    for (let i = 0; i < fields.length; i++) if (kv[i * 2] !== fields[i]) return false;
    return true;
  }

  /** Appends an entry's elements (the live count is updated by the caller first). */
  appendEntry(entry: StreamEntry, same = this.sameFields(entry.kv)): void {
    const kv = entry.kv;
    const numfields = kv.length / 2;
    let size = FLAGS_BYTES + lpIntBytes(deltaInt64(entry.id.ms, this.master.ms)) + lpIntBytes(deltaInt64(entry.id.seq, this.master.seq));
    if (!same) size += lpIntBytes(numfields);
    for (let i = 0; i < kv.length; i += 2) {
      if (!same) size += listpackEntrySize(kv[i] as Bytes);
      size += listpackEntrySize(kv[i + 1] as Bytes);
    }
    size += lpIntBytes(same ? numfields + 3 : numfields * 2 + 4);
    // Each element is its own lpAppend; the allocation only grows past its size class,
    // so one growth by the total ends where the element-by-element growth does.
    this.grow(size);
    this.entries.push(entry);
  }

  /** lpShrinkToFit when the node is closed to new entries. */
  shrinkToFit(): void {
    if (this.bytes < this.alloc) this.alloc = mallocSize(this.bytes);
  }

  /** The last entry's id, tombstone or not (lpGetEdgeStreamID). */
  get lastId(): StreamId {
    return (this.entries[this.entries.length - 1] as StreamEntry).id;
  }

  /** Index of the first entry with id >= `id` (entries.length when none). */
  lowerBound(id: StreamId, cmp: (a: StreamId, b: StreamId) => number): number {
    const entries = this.entries;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cmp((entries[mid] as StreamEntry).id, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A byte-for-byte copy (streamDup): the allocation is the listpack's size exactly. */
  clone(): StreamNode {
    const copy = new StreamNode(this.master, this.masterFields, 0);
    for (const entry of this.entries) copy.entries.push({ id: entry.id, kv: entry.kv, deleted: entry.deleted });
    copy.live = this.live;
    copy.deleted = this.deleted;
    copy.bytes = this.bytes;
    copy.alloc = mallocSize(this.bytes);
    return copy;
  }

  private grow(delta: number): void {
    this.bytes += delta;
    if (this.bytes > this.alloc) this.alloc = mallocSize(this.bytes);
  }

  /** lpInsert replacing an element: realloc before growing past the allocation, after shrinking. */
  private replace(oldSize: number, newSize: number): void {
    if (newSize === oldSize) return;
    this.bytes += newSize - oldSize;
    if (newSize < oldSize || this.bytes > this.alloc) this.alloc = mallocSize(this.bytes);
  }
}
