/**
 * A ring-buffer deque: push and pop at both ends in O(1) amortized, O(1) access by
 * index anywhere, insertion and removal in the middle by shifting the shorter side.
 * The capacity is a power of two; it doubles when full and halves when a quarter used,
 * so a drained queue gives its memory back.
 */
export class Deque<T> {
  private buf: Array<T | undefined>;
  private head = 0;
  private size = 0;
  private mask: number;

  constructor(capacity = 8) {
    let cap = 8;
    while (cap < capacity) cap *= 2;
    this.buf = new Array<T | undefined>(cap);
    this.mask = cap - 1;
  }

  /** A deque holding `items` in order. */
  static from<T>(items: Iterable<T>): Deque<T> {
    const d = new Deque<T>();
    for (const item of items) d.pushBack(item);
    return d;
  }

  get length(): number {
    return this.size;
  }

  /** The element at `i` (0 <= i < length). */
  at(i: number): T {
    return this.buf[(this.head + i) & this.mask] as T;
  }

  set(i: number, value: T): void {
    this.buf[(this.head + i) & this.mask] = value;
  }

  pushBack(value: T): void {
    if (this.size === this.buf.length) this.resize(this.buf.length * 2);
    this.buf[(this.head + this.size) & this.mask] = value;
    this.size++;
  }

  pushFront(value: T): void {
    if (this.size === this.buf.length) this.resize(this.buf.length * 2);
    this.head = (this.head - 1) & this.mask;
    this.buf[this.head] = value;
    this.size++;
  }

  popFront(): T | undefined {
    if (this.size === 0) return undefined;
    const value = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.size--;
    this.shrinkIfSparse();
    return value;
  }

  popBack(): T | undefined {
    if (this.size === 0) return undefined;
    const slot = (this.head + this.size - 1) & this.mask;
    const value = this.buf[slot];
    this.buf[slot] = undefined;
    this.size--;
    this.shrinkIfSparse();
    return value;
  }

  /** Inserts at position `i` (0 <= i <= length), moving the shorter side by one. */
  insert(i: number, value: T): void {
    if (i === 0) return this.pushFront(value);
    if (i === this.size) return this.pushBack(value);
    if (this.size === this.buf.length) this.resize(this.buf.length * 2);
    if (i < this.size - i) {
      // Move [0, i) one slot left.
      this.head = (this.head - 1) & this.mask;
      for (let j = 0; j < i; j++) this.set(j, this.at(j + 1));
    } else {
      // Move [i, size) one slot right.
      for (let j = this.size; j > i; j--) this.buf[(this.head + j) & this.mask] = this.at(j - 1);
    }
    this.size++;
    this.set(i, value);
  }

  /** Removes and returns the element at `i`, moving the shorter side by one. */
  removeAt(i: number): T {
    const value = this.at(i);
    if (i < this.size - 1 - i) {
      for (let j = i; j > 0; j--) this.set(j, this.at(j - 1));
      this.buf[this.head] = undefined;
      this.head = (this.head + 1) & this.mask;
    } else {
      for (let j = i; j < this.size - 1; j++) this.set(j, this.at(j + 1));
      this.buf[(this.head + this.size - 1) & this.mask] = undefined;
    }
    this.size--;
    this.shrinkIfSparse();
    return value;
  }

  /**
   * Removes the elements at the given positions (ascending, distinct) in one pass,
   * compacting towards whichever end moves fewer elements.
   */
  removeSorted(positions: readonly number[]): void {
    const k = positions.length;
    if (k === 0) return;
    if (k === 1) {
      this.removeAt(positions[0] as number);
      return;
    }
    const first = positions[0] as number;
    const last = positions[k - 1] as number;
    if (this.size - first <= last + 1) {
      // Shift the elements after `first` left over the gaps.
      let write = first;
      let p = 0;
      for (let read = first; read < this.size; read++) {
        if (p < k && positions[p] === read) {
          p++;
          continue;
        }
        this.set(write++, this.at(read));
      }
      for (let j = write; j < this.size; j++) this.buf[(this.head + j) & this.mask] = undefined;
    } else {
      // Shift the elements before `last` right over the gaps.
      let write = last;
      let p = k - 1;
      for (let read = last; read >= 0; read--) {
        if (p >= 0 && positions[p] === read) {
          p--;
          continue;
        }
        this.set(write--, this.at(read));
      }
      for (let j = 0; j <= write; j++) this.buf[(this.head + j) & this.mask] = undefined;
      this.head = (this.head + k) & this.mask;
    }
    this.size -= k;
    this.shrinkIfSparse();
  }

  /** Removes the first `k` elements and returns them in order. */
  takeFront(k: number): T[] {
    const n = Math.min(k, this.size);
    const out = new Array<T>(n);
    for (let j = 0; j < n; j++) {
      out[j] = this.buf[this.head] as T;
      this.buf[this.head] = undefined;
      this.head = (this.head + 1) & this.mask;
    }
    this.size -= n;
    this.shrinkIfSparse();
    return out;
  }

  /** Removes the last `k` elements and returns them from the back (last first). */
  takeBack(k: number): T[] {
    const n = Math.min(k, this.size);
    const out = new Array<T>(n);
    for (let j = 0; j < n; j++) {
      const slot = (this.head + this.size - 1) & this.mask;
      out[j] = this.buf[slot] as T;
      this.buf[slot] = undefined;
      this.size--;
    }
    this.shrinkIfSparse();
    return out;
  }

  /** Elements [from, to) in order. */
  slice(from: number, to: number): T[] {
    const out = new Array<T>(Math.max(0, to - from));
    for (let j = from; j < to; j++) out[j - from] = this.at(j);
    return out;
  }

  clone(): Deque<T> {
    const d = new Deque<T>(this.size);
    for (let j = 0; j < this.size; j++) d.buf[j] = this.at(j);
    d.size = this.size;
    return d;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let j = 0; j < this.size; j++) yield this.at(j);
  }

  /** Slots allocated (tests check a drained deque shrinks). */
  get capacity(): number {
    return this.buf.length;
  }

  private shrinkIfSparse(): void {
    let cap = this.buf.length;
    if (cap <= 64 || this.size * 4 >= cap) return;
    while (cap > 64 && this.size * 4 < cap) cap /= 2;
    this.resize(cap);
  }

  private resize(capacity: number): void {
    const next = new Array<T | undefined>(capacity);
    for (let j = 0; j < this.size; j++) next[j] = this.at(j);
    this.buf = next;
    this.head = 0;
    this.mask = capacity - 1;
  }
}
