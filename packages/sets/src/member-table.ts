import type { Bytes } from '@fakeredis/core';

/** Compact once holes are this many and also more than half of the slots. */
const MIN_HOLES_TO_COMPACT = 64;

/**
 * The members of a set in insertion order, with O(1) add, delete, membership and random
 * pick, and a SCAN cursor that survives writes. Each member sits in a slot; deleting
 * leaves a hole, and holes are squeezed out once they are more than half of the slots
 * (amortized O(1)). Every slot also gets an increasing sequence number, which is the
 * cursor: a member present for a whole scan is returned exactly once, whatever is added
 * or deleted meanwhile.
 */
export class MemberTable {
  /** Member -> index of its slot. */
  private slots = new Map<Bytes, number>();
  private items: Array<Bytes | undefined> = [];
  private seqs: number[] = [];
  private holes = 0;
  private nextSeq = 1;

  get size(): number {
    return this.slots.size;
  }

  has(member: Bytes): boolean {
    return this.slots.has(member);
  }

  /** Appends a member; false when it was already there. */
  add(member: Bytes): boolean {
    if (this.slots.has(member)) return false;
    this.slots.set(member, this.items.length);
    this.items.push(member);
    this.seqs.push(this.nextSeq++);
    return true;
  }

  /** Removes a member; false when it was not there. */
  delete(member: Bytes): boolean {
    const index = this.slots.get(member);
    if (index === undefined) return false;
    this.slots.delete(member);
    this.items[index] = undefined;
    this.holes++;
    if (this.slots.size === 0) this.clear();
    else if (this.holes > MIN_HOLES_TO_COMPACT && this.holes * 2 > this.items.length) this.compact();
    return true;
  }

  clear(): void {
    this.slots.clear();
    this.items = [];
    this.seqs = [];
    this.holes = 0;
  }

  /** A uniformly chosen member (the table must not be empty); `random(n)` is in [0, n). */
  random(random: (n: number) => number): Bytes {
    // Holes are at most half of the slots (or few), so this takes about two draws.
    for (;;) {
      const item = this.items[random(this.items.length)];
      if (item !== undefined) return item;
    }
  }

  /** Members in table order. */
  *[Symbol.iterator](): IterableIterator<Bytes> {
    for (const item of this.items) if (item !== undefined) yield item;
  }

  /**
   * Visits up to `count` members from `cursor` (0 = the start) and returns the cursor to
   * continue from, 0 when the walk is complete.
   */
  scan(cursor: number, count: number, visit: (member: Bytes) => void): number {
    let index = this.indexOfSeq(cursor);
    const end = this.items.length;
    let visited = 0;
    while (index < end && visited < count) {
      const item = this.items[index];
      if (item !== undefined) {
        visit(item);
        visited++;
      }
      index++;
    }
    return index < end ? (this.seqs[index] as number) : 0;
  }

  /** First slot whose sequence number is at least `seq`. */
  private indexOfSeq(seq: number): number {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.seqs[mid] as number) < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private compact(): void {
    const items: Bytes[] = [];
    const seqs: number[] = [];
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[i];
      if (item === undefined) continue;
      this.slots.set(item, items.length);
      items.push(item);
      seqs.push(this.seqs[i] as number);
    }
    this.items = items;
    this.seqs = seqs;
    this.holes = 0;
  }
}
