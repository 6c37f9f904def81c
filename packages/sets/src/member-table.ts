import { type Bytes, SlotTable } from '@fakeredis/core';

/**
 * The members of a set in insertion order, with O(1) add, delete, membership and random
 * pick, and a SCAN cursor that survives writes: core's SlotTable, plus a map from each
 * member to its slot.
 */
export class MemberTable {
  /** Member -> its slot in the table. */
  private readonly slots = new Map<Bytes, number>();
  private readonly table = new SlotTable<Bytes>((member, slot) => this.slots.set(member, slot));

  get size(): number {
    return this.slots.size;
  }

  has(member: Bytes): boolean {
    return this.slots.has(member);
  }

  /** Appends a member; false when it was already there. */
  add(member: Bytes): boolean {
    if (this.slots.has(member)) return false;
    this.slots.set(member, this.table.add(member));
    return true;
  }

  /** Removes a member; false when it was not there. */
  delete(member: Bytes): boolean {
    const slot = this.slots.get(member);
    if (slot === undefined) return false;
    this.slots.delete(member);
    this.table.removeAt(slot);
    return true;
  }

  clear(): void {
    this.slots.clear();
    this.table.clear();
  }

  /** A uniformly chosen member (the table must not be empty); `random(n)` is in [0, n). */
  random(random: (n: number) => number): Bytes {
    return this.table.random(random) as Bytes;
  }

  /** Members in table order. */
  [Symbol.iterator](): IterableIterator<Bytes> {
    return this.table[Symbol.iterator]();
  }

  /** Visits up to `count` members from `cursor`; see SlotTable.scan for the cursor contract. */
  scan(cursor: number, count: number, visit: (member: Bytes) => void): number {
    return this.table.scan(cursor, count, visit);
  }
}
