/** Compact once holes are this many and also more than half of the slots. */
const MIN_HOLES_TO_COMPACT = 64;

/** An item that remembers where it sits in a SlotTable. */
export interface Slotted {
  slot: number;
}

/**
 * Items in insertion order with O(1) add, remove and uniform random pick, and a SCAN
 * cursor that survives writes (ZSCAN and ZRANDMEMBER of a skiplist-encoded zset, where
 * Redis walks its hash table). Removing leaves a hole; holes are squeezed out once they
 * are more than half of the slots (amortized O(1)). Each slot gets an increasing
 * sequence number, which is the cursor: an item present for a whole scan is visited
 * exactly once, whatever is added or removed meanwhile.
 */
export class SlotTable<T extends Slotted> {
  private items: Array<T | undefined> = [];
  private seqs: number[] = [];
  private holes = 0;
  private nextSeq = 1;
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(item: T): void {
    item.slot = this.items.length;
    this.items.push(item);
    this.seqs.push(this.nextSeq++);
    this.count++;
  }

  remove(item: T): void {
    this.items[item.slot] = undefined;
    item.slot = -1;
    this.holes++;
    this.count--;
    if (this.count === 0) this.clear();
    else if (this.holes > MIN_HOLES_TO_COMPACT && this.holes * 2 > this.items.length) this.compact();
  }

  clear(): void {
    for (const item of this.items) if (item !== undefined) item.slot = -1;
    this.items = [];
    this.seqs = [];
    this.holes = 0;
    this.count = 0;
  }

  /** A uniformly chosen item (the table must not be empty); `random(n)` is in [0, n). */
  random(random: (n: number) => number): T {
    // Holes are at most half of the slots (or few), so this takes about two draws.
    for (;;) {
      const item = this.items[random(this.items.length)];
      if (item !== undefined) return item;
    }
  }

  /**
   * Visits up to `count` items from `cursor` (0 = the start) and returns the cursor to
   * continue from, 0 when the walk is complete.
   */
  scan(cursor: number, count: number, visit: (item: T) => void): number {
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
    const items: T[] = [];
    const seqs: number[] = [];
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[i];
      if (item === undefined) continue;
      item.slot = items.length;
      items.push(item);
      seqs.push(this.seqs[i] as number);
    }
    this.items = items;
    this.seqs = seqs;
    this.holes = 0;
  }
}
