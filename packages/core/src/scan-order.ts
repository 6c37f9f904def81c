/**
 * The order SCAN walks a collection in. Each element gets a sequence number when it is
 * added; the cursor is the sequence number to resume from. An element present for the
 * whole scan is returned exactly once, whatever is added or removed meanwhile (an element
 * removed and added again gets a new number and may be seen twice, as Redis allows).
 */
export class ScanOrder<K> {
  private items: Array<K | undefined> = [];
  private seqs: number[] = [];
  private holes = 0;
  private nextSeq = 1;

  /** Appends an element; returns the sequence number to keep beside it. */
  add(item: K): number {
    const seq = this.nextSeq++;
    this.items.push(item);
    this.seqs.push(seq);
    return seq;
  }

  /** Forgets the element added under `seq`. */
  remove(seq: number): void {
    const index = this.indexOf(seq);
    if (index < this.seqs.length && this.seqs[index] === seq && this.items[index] !== undefined) {
      this.items[index] = undefined;
      this.holes++;
      if (this.holes > 64 && this.holes > this.items.length / 2) this.compact();
    }
  }

  clear(): void {
    this.items = [];
    this.seqs = [];
    this.holes = 0;
  }

  /**
   * Visits up to `count` slots from `cursor` (0 = the start) and returns the cursor to
   * continue from, 0 when the walk is complete.
   */
  scan(cursor: number, count: number, visit: (item: K) => void): number {
    let index = this.indexOf(cursor);
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

  /** The element in slot `index` of a uniformly chosen live slot, for RANDOMKEY-like picks. */
  sample(random: () => number): K | undefined {
    const live = this.items.length - this.holes;
    if (live === 0) return undefined;
    for (;;) {
      const item = this.items[Math.floor(random() * this.items.length)];
      if (item !== undefined) return item;
    }
  }

  private indexOf(seq: number): number {
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
    const items: K[] = [];
    const seqs: number[] = [];
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[i];
      if (item !== undefined) {
        items.push(item);
        seqs.push(this.seqs[i] as number);
      }
    }
    this.items = items;
    this.seqs = seqs;
    this.holes = 0;
  }
}
