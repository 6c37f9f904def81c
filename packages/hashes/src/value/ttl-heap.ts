import { type Bytes, heapify, heapPop, heapPush } from '@fakeredis/core';

interface Item {
  at: number;
  field: Bytes;
}

/**
 * A min-heap of (expiry, field) for one hash. Items go stale when a field's TTL changes
 * or the field goes away; `current` tells the live TTL of a field, and stale items are
 * dropped when they reach the top, or all at once when they outnumber live ones.
 */
export class FieldTtlHeap {
  private items: Item[] = [];
  /** Number of fields with a TTL (kept by the owner through added/forget). */
  count = 0;

  constructor(private readonly current: (field: Bytes) => number) {}

  added(): void {
    this.count++;
  }

  forget(): void {
    this.count--;
  }

  push(at: number, field: Bytes): void {
    const items = this.items;
    heapPush(items, { at, field });
    if (items.length > 64 && items.length > 2 * this.count) this.rebuild();
  }

  /** The earliest live expiry. */
  peek(): number | undefined {
    this.dropStale();
    return this.items[0]?.at;
  }

  /** Removes the earliest live item and returns its field. */
  pop(): Bytes | undefined {
    this.dropStale();
    const top = this.items[0];
    if (top === undefined) return undefined;
    heapPop(this.items);
    return top.field;
  }

  private dropStale(): void {
    const items = this.items;
    while (items.length > 0) {
      const top = items[0] as Item;
      if (this.current(top.field) === top.at) return;
      heapPop(items);
    }
  }

  private rebuild(): void {
    const seen = new Set<Bytes>();
    const live: Item[] = [];
    for (const item of this.items) {
      if (this.current(item.field) !== item.at || seen.has(item.field)) continue;
      seen.add(item.field);
      live.push(item);
    }
    heapify(live);
    this.items = live;
  }
}
