import { mallocSize } from '@fakeredis/core';

/**
 * RedisTimeSeries' two chunk kinds (src/chunk.c, src/compressed_chunk.c over gorilla.c).
 * Samples are kept decoded; what the module's bytes decide is modelled exactly: when a
 * chunk is full (an uncompressed chunk holds size/16 samples, a compressed one as many as
 * its Gorilla bits fit in `size` bytes), how sizes change on upsert, split and delete,
 * and the allocations TS.INFO's memoryUsage and MEMORY USAGE count.
 */

export const enum Dup { NONE = 0, BLOCK = 1, LAST = 2, FIRST = 3, MIN = 4, MAX = 5, SUM = 6 }

/** handleDuplicateSample: the value to keep at a timestamp that has one, or undefined (BLOCK). */
export function resolveDuplicate(policy: Dup, old: number, value: number): number | undefined {
  if ((Number.isNaN(old) || Number.isNaN(value)) && policy !== Dup.BLOCK) return Number.isNaN(value) ? old : value;
  switch (policy) {
    case Dup.FIRST: return old;
    case Dup.LAST: return value;
    case Dup.MIN: return old < value ? old : value;
    case Dup.MAX: return old > value ? old : value;
    case Dup.SUM: return value + old;
    default: return undefined;
  }
}

export interface Chunk {
  readonly compressed: boolean;
  /** Bytes of sample data (GetChunkSize without the struct). */
  size: number;
  ts: number[];
  vals: number[];
  /** Compressed_Append / Uncompressed_AddSample: false when the chunk is full (CR_END). */
  add(ts: number, value: number): boolean;
  /** UpsertSample: +1 for a new sample, 0 for a replaced one (its value resolved by the policy), undefined when BLOCK refuses. */
  upsert(ts: number, value: number, policy: Dup): number | undefined;
  /** SplitChunk: this keeps the first half (the larger), the returned chunk the rest. */
  split(): Chunk;
  /** DelRange: how many samples of [start, end] went. */
  delRange(start: number, end: number): number;
  clone(): Chunk;
  /** GetChunkSize with the struct: what memoryUsage counts for the chunk. */
  memSize(): number;
}

/** GetFirstTimestamp: 0 for an empty chunk (its dict key). */
export const firstTimestamp = (chunk: Chunk): number => (chunk.ts.length === 0 ? 0 : chunk.ts[0]!);
export const lastTimestamp = (chunk: Chunk): number => (chunk.ts.length === 0 ? 0 : chunk.ts[chunk.ts.length - 1]!);

const SAMPLE_SIZE = 16;
const UNCOMPRESSED_STRUCT = 32;
const COMPRESSED_STRUCT = 80;
const RESIZE_STEP = 32;

/** src/chunk.c: an array of (timestamp, value) samples of `size` bytes. */
export class UncompressedChunk implements Chunk {
  readonly compressed = false;
  constructor(public size: number, public ts: number[] = [], public vals: number[] = []) {}

  add(ts: number, value: number): boolean {
    if (this.ts.length === Math.floor(this.size / SAMPLE_SIZE)) return false;
    this.ts.push(ts);
    this.vals.push(value);
    return true;
  }

  upsert(ts: number, value: number, policy: Dup): number | undefined {
    let i = 0;
    while (i < this.ts.length && this.ts[i]! < ts) i++;
    if (i < this.ts.length && this.ts[i] === ts) {
      const kept = resolveDuplicate(policy, this.vals[i]!, value);
      if (kept === undefined) return undefined;
      this.vals[i] = kept;
      return 0;
    }
    // upsertChunk grows the array by one sample when it is full.
    if (this.ts.length === this.size / SAMPLE_SIZE) this.size += SAMPLE_SIZE;
    this.ts.splice(i, 0, ts);
    this.vals.splice(i, 0, value);
    return 1;
  }

  split(): Chunk {
    const moved = Math.floor(this.ts.length / 2);
    const kept = this.ts.length - moved;
    const next = new UncompressedChunk(moved * SAMPLE_SIZE, this.ts.slice(kept), this.vals.slice(kept));
    this.ts.length = kept;
    this.vals.length = kept;
    this.size = kept * SAMPLE_SIZE;
    return next;
  }

  delRange(start: number, end: number): number {
    const before = this.ts.length;
    const ts: number[] = [];
    const vals: number[] = [];
    for (let i = 0; i < before; i++) {
      if (this.ts[i]! >= start && this.ts[i]! <= end) continue;
      ts.push(this.ts[i]!);
      vals.push(this.vals[i]!);
    }
    this.ts = ts;
    this.vals = vals;
    return before - ts.length;
  }

  clone(): Chunk {
    return new UncompressedChunk(this.size, this.ts.slice(), this.vals.slice());
  }

  memSize(): number {
    return mallocSize(UNCOMPRESSED_STRUCT) + mallocSize(this.size);
  }
}

const f64 = new DataView(new ArrayBuffer(8));
const clz64 = (hi: number, lo: number): number => (hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo));
const ctz32 = (x: number): number => 31 - Math.clz32(x & -x);
const ctz64 = (hi: number, lo: number): number => (lo !== 0 ? ctz32(lo) : 32 + ctz32(hi));
const inRange = (x: number, bits: number): boolean => x >= -(2 ** (bits - 1)) && x <= 2 ** (bits - 1) - 1;

/** appendInteger's bits for a delta of deltas (the prefix and the value). */
function integerBits(dd: number): number {
  if (dd === 0) return 1;
  if (inRange(dd, 5)) return 2 + 5;
  if (inRange(dd, 8)) return 3 + 8;
  if (inRange(dd, 11)) return 4 + 11;
  if (inRange(dd, 15)) return 5 + 15;
  if (inRange(dd, 32)) return 6 + 32;
  return 6 + 64;
}

/**
 * src/compressed_chunk.c over gorilla.c: timestamps as deltas of deltas and values as XOR
 * with the previous one, in `size` bytes. The encoder's state (bit index, previous
 * timestamp, delta, value bits, leading and trailing zeros) is kept so that a sample fits
 * or ends the chunk exactly where the module's does.
 */
export class CompressedChunk implements Chunk {
  readonly compressed = true;
  ts: number[] = [];
  vals: number[] = [];
  idx = 0;
  private prevTs = 0;
  private prevDelta = 0;
  private prevHi = 0;
  private prevLo = 0;
  private prevLeading = 32;
  private prevTrailing = 32;

  constructor(public size: number) {}

  /** Compressed_Append. */
  add(ts: number, value: number): boolean {
    f64.setFloat64(0, value);
    const hi = f64.getUint32(0);
    const lo = f64.getUint32(4);
    if (this.ts.length === 0) {
      this.prevTs = ts;
      this.prevDelta = 0;
      this.prevHi = hi;
      this.prevLo = lo;
    } else {
      const capacity = this.size * 8;
      const delta = ts - this.prevTs;
      const intBits = integerBits(delta - this.prevDelta);
      // CHECKSPACE keeps one more bit, the least a value needs.
      if (intBits + 1 > capacity - this.idx) return false;
      let idx = this.idx + intBits;
      const xhi = (hi ^ this.prevHi) >>> 0;
      const xlo = (lo ^ this.prevLo) >>> 0;
      let leading = this.prevLeading;
      let trailing = this.prevTrailing;
      if (xhi === 0 && xlo === 0) {
        idx += 1;
      } else {
        idx += 1;
        leading = Math.min(clz64(xhi, xlo), 31);
        trailing = ctz64(xhi, xlo);
        const blockSize = 64 - leading - trailing;
        const expected = 5 + 6 + blockSize;
        const prevBlock = 64 - this.prevLeading - this.prevTrailing;
        if (leading >= this.prevLeading && trailing >= this.prevTrailing && expected > prevBlock) {
          if (prevBlock + 1 > capacity - idx) return false;
          idx += 1 + prevBlock;
          leading = this.prevLeading;
          trailing = this.prevTrailing;
        } else {
          if (expected + 1 > capacity - idx) return false;
          idx += expected + 1;
        }
      }
      this.idx = idx;
      this.prevDelta = delta;
      this.prevTs = ts;
      this.prevHi = hi;
      this.prevLo = lo;
      this.prevLeading = leading;
      this.prevTrailing = trailing;
    }
    this.ts.push(ts);
    this.vals.push(value);
    return true;
  }

  /** The encoder's state, as Compressed_SaveToRDB saves it. */
  encoderState(): { prevTs: number; prevDelta: number; prevBits: bigint; prevLeading: number; prevTrailing: number } {
    const bits = (BigInt(this.prevHi) << 32n) | BigInt(this.prevLo);
    return { prevTs: this.prevTs, prevDelta: this.prevDelta, prevBits: bits, prevLeading: this.prevLeading, prevTrailing: this.prevTrailing };
  }

  /** A chunk loaded from an RDB: its samples and the encoder's state as saved. */
  restore(ts: number[], vals: number[], idx: number, state: { prevTs: number; prevDelta: number; prevBits: bigint; prevLeading: number; prevTrailing: number }): void {
    this.ts = ts;
    this.vals = vals;
    this.idx = idx;
    this.prevTs = state.prevTs;
    this.prevDelta = state.prevDelta;
    this.prevHi = Number(state.prevBits >> 32n);
    this.prevLo = Number(state.prevBits & 0xffffffffn);
    this.prevLeading = state.prevLeading;
    this.prevTrailing = state.prevTrailing;
  }

  /** ensureAddSample: a full chunk grows by 32 bytes. */
  private ensureAdd(ts: number, value: number): void {
    if (!this.add(ts, value)) {
      this.size += RESIZE_STEP;
      this.add(ts, value);
    }
  }

  /** A chunk of `size` bytes with these samples appended (how upsert, split and delete rebuild one). */
  static of(size: number, ts: readonly number[], vals: readonly number[]): CompressedChunk {
    const chunk = new CompressedChunk(size);
    for (let i = 0; i < ts.length; i++) chunk.ensureAdd(ts[i]!, vals[i]!);
    return chunk;
  }

  private become(other: CompressedChunk): void {
    Object.assign(this, other);
  }

  upsert(ts: number, value: number, policy: Dup): number | undefined {
    let i = 0;
    while (i < this.ts.length && this.ts[i]! < ts) i++;
    const newTs = this.ts.slice(0, i);
    const newVals = this.vals.slice(0, i);
    let added = 1;
    let rest = i;
    if (i < this.ts.length && this.ts[i] === ts) {
      const kept = resolveDuplicate(policy, this.vals[i]!, value);
      if (kept === undefined) return undefined;
      value = kept;
      added = 0;
      rest = i + 1;
    }
    newTs.push(ts, ...this.ts.slice(rest));
    newVals.push(value, ...this.vals.slice(rest));
    this.become(CompressedChunk.of(this.size, newTs, newVals));
    return added;
  }

  /** trimChunk: a split half keeps its bits and one spare byte, rounded up past a multiple of 8. */
  private trim(): void {
    const excess = Math.floor((this.size * 8 - this.idx) / 8);
    if (excess > 1) {
      const size = this.size - excess + 1;
      this.size = size + (8 - (size % 8));
    }
  }

  split(): Chunk {
    const moved = Math.floor(this.ts.length / 2);
    const kept = this.ts.length - moved;
    const first = CompressedChunk.of(this.size, this.ts.slice(0, kept), this.vals.slice(0, kept));
    const second = CompressedChunk.of(this.size, this.ts.slice(kept), this.vals.slice(kept));
    first.trim();
    second.trim();
    this.become(first);
    return second;
  }

  delRange(start: number, end: number): number {
    const ts: number[] = [];
    const vals: number[] = [];
    for (let i = 0; i < this.ts.length; i++) {
      if (this.ts[i]! >= start && this.ts[i]! <= end) continue;
      ts.push(this.ts[i]!);
      vals.push(this.vals[i]!);
    }
    const deleted = this.ts.length - ts.length;
    this.become(CompressedChunk.of(this.size, ts, vals));
    return deleted;
  }

  clone(): Chunk {
    const copy = new CompressedChunk(this.size);
    copy.become(this);
    copy.ts = this.ts.slice();
    copy.vals = this.vals.slice();
    return copy;
  }

  memSize(): number {
    return mallocSize(COMPRESSED_STRUCT) + mallocSize(this.size);
  }
}
