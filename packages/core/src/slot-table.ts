/** Compact once holes are this many and also more than half of the slots. */
const MIN_HOLES_TO_COMPACT = 64;

/**
 * Items in insertion order with O(1) add, remove by slot and uniform random pick, and a
 * SCAN cursor that survives writes (SCAN, SSCAN, HSCAN, ZSCAN, where Redis walks a hash
 * table). Removing leaves a hole; holes are squeezed out once they are more than half of
 * the slots (amortized O(1)), and `moved` tells the owner an item's new slot. Each slot
 * gets an increasing sequence number, which is the cursor: an item present for a whole
 * scan is visited exactly once, whatever is added or removed meanwhile (an item removed
 * and added again gets a new number and may be seen twice, as Redis allows).
 */
export class SlotTable<T> {
  private items: Array<T | undefined> = [];
  private seqs: number[] = [];
  private holes = 0;
  private nextSeq = 1;

  constructor(private readonly moved?: (item: T, slot: number) => void) {}

  get size(): number {
    return this.items.length - this.holes;
  }

  /** Appends an item; returns its slot. */
  add(item: T): number {
    this.items.push(item);
    this.seqs.push(this.nextSeq++);
    return this.items.length - 1;
  }

  /** Empties a slot: one `add` or `moved` gave for a live item (a stale one may hold another). */
  removeAt(slot: number): void {
    if (this.items[slot] === undefined) return;
    this.items[slot] = undefined;
    this.holes++;
    if (this.holes === this.items.length) this.clear();
    else if (this.holes > MIN_HOLES_TO_COMPACT && this.holes * 2 > this.items.length) this.compact();
  }

  /** The sequence number (cursor) of a slot. */
  seqAt(slot: number): number {
    return this.seqs[slot] as number;
  }

  /** The slot of the live item added under `seq`, if any. */
  slotOfSeq(seq: number): number | undefined {
    const slot = this.firstSlotFrom(seq);
    return this.seqs[slot] === seq && this.items[slot] !== undefined ? slot : undefined;
  }

  clear(): void {
    this.items = [];
    this.seqs = [];
    this.holes = 0;
  }

  /** A uniformly chosen item, undefined when empty; `random(n)` is in [0, n). */
  random(random: (n: number) => number): T | undefined {
    if (this.size === 0) return undefined;
    // Holes are at most half of the slots (or few), so this takes about two draws.
    for (;;) {
      const item = this.items[random(this.items.length)];
      if (item !== undefined) return item;
    }
  }

  /** Items in table order. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (const item of this.items) if (item !== undefined) yield item;
  }

  /**
   * Visits up to `count` items from `cursor` (0 = the start) and returns the cursor to
   * continue from, 0 when the walk is complete.
   */
  scan(cursor: number, count: number, visit: (item: T) => void): number {
    let slot = this.firstSlotFrom(cursor);
    const end = this.items.length;
    let visited = 0;
    while (slot < end && visited < count) {
      const item = this.items[slot];
      if (item !== undefined) {
        visit(item);
        visited++;
      }
      slot++;
    }
    return slot < end ? (this.seqs[slot] as number) : 0;
  }

  /** First slot whose sequence number is at least `seq`. */
  private firstSlotFrom(seq: number): number {
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
      this.moved?.(item, items.length);
      items.push(item);
      seqs.push(this.seqs[i] as number);
    }
    this.items = items;
    this.seqs = seqs;
    this.holes = 0;
  }
}
