import type { Bytes } from '@fakeredis/core';

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
    items.push({ at, field });
    siftUp(items, items.length - 1);
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
    removeTop(this.items);
    return top.field;
  }

  private dropStale(): void {
    const items = this.items;
    while (items.length > 0) {
      const top = items[0] as Item;
      if (this.current(top.field) === top.at) return;
      removeTop(items);
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
    live.sort((a, b) => a.at - b.at);
    this.items = live;
  }
}

function siftUp(items: Item[], index: number): void {
  const item = items[index] as Item;
  let i = index;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((items[parent] as Item).at <= item.at) break;
    items[i] = items[parent] as Item;
    i = parent;
  }
  items[i] = item;
}

function removeTop(items: Item[]): void {
  const last = items.pop() as Item;
  if (items.length === 0) return;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= items.length) break;
    const right = left + 1;
    const child = right < items.length && (items[right] as Item).at < (items[left] as Item).at ? right : left;
    if ((items[child] as Item).at >= last.at) break;
    items[i] = items[child] as Item;
    i = child;
  }
  items[i] = last;
}
