import { SlotTable } from './slot-table.js';

/**
 * The order SCAN walks the keyspace (and HSCAN a hash) in: a SlotTable addressed by
 * sequence numbers, which stay valid when slots move, so owners keep one number per item.
 */
export class ScanOrder<K> {
  private readonly table = new SlotTable<K>();

  /** Appends an element; returns the sequence number to keep beside it. */
  add(item: K): number {
    return this.table.seqAt(this.table.add(item));
  }

  /** Forgets the element added under `seq` (O(log n)). */
  remove(seq: number): void {
    const slot = this.table.slotOfSeq(seq);
    if (slot !== undefined) this.table.removeAt(slot);
  }

  clear(): void {
    this.table.clear();
  }

  /** Visits up to `count` elements from `cursor`; see SlotTable.scan. */
  scan(cursor: number, count: number, visit: (item: K) => void): number {
    return this.table.scan(cursor, count, visit);
  }

  /** A uniformly chosen element, for RANDOMKEY-like picks. */
  sample(random: () => number): K | undefined {
    return this.table.random((n) => Math.floor(random() * n));
  }
}
