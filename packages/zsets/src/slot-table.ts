import { SlotTable as CoreSlotTable } from '@fakeredis/core';

/** An item that remembers where it sits in a SlotTable. */
export interface Slotted {
  slot: number;
}

/**
 * Tree entries in insertion order for ZSCAN and ZRANDMEMBER of a skiplist-encoded zset
 * (where Redis walks its hash table). An adapter over core's SlotTable, which does all
 * the work: each node keeps its own slot (set on add and when the table compacts), so
 * removing a node needs no lookup from node to slot.
 */
export class SlotTable<T extends Slotted> {
  private readonly table = new CoreSlotTable<T>((item, slot) => {
    item.slot = slot;
  });

  add(item: T): void {
    item.slot = this.table.add(item);
  }

  remove(item: T): void {
    this.table.removeAt(item.slot);
    item.slot = -1;
  }

  /** A uniformly chosen item (the table must not be empty); `random(n)` is in [0, n). */
  random(random: (n: number) => number): T {
    return this.table.random(random) as T;
  }

  /** Visits up to `count` items from `cursor`; see core's SlotTable.scan. */
  scan(cursor: number, count: number, visit: (item: T) => void): number {
    return this.table.scan(cursor, count, visit);
  }
}
