import { type Bytes, defineValueType, type RedisObject } from '@fakeredis/core';
import { murmurHash2 } from '../bloom/murmur.js';
import { powInt } from '../libm.js';
import { ERR_TOPK_COPY } from './errors.js';
import { type GlibcRandom, RAND_MAX } from './random.js';
import { topkRdbLoad, topkRdbSave } from './rdb.js';

/**
 * RedisBloom's Top-K (src/topk.c): a HeavyKeeper sketch of `depth` rows of `width`
 * buckets (a fingerprint and a uint32 count each) and a min-heap of the `k` heaviest
 * items. An item's bucket in row i is MurmurHash2(item, i) mod width and its fingerprint
 * MurmurHash2(item, 1919). A bucket held by another fingerprint decays: each unit of the
 * increment takes one from its count with probability decay^count (rand() / RAND_MAX
 * against the lookup table), and the item takes the bucket over when it reaches zero.
 */

/** TOPK_DECAY_LOOKUP_TABLE. */
const LOOKUP = 256;
const FINGERPRINT_SEED = 1919;

/** sizeof(TopK) on a 64-bit host (k, width, depth, decay, two pointers, the lookup table). */
const TOPK_STRUCT = 2088;
/** sizeof(Bucket) and sizeof(HeapBucket). */
export const BUCKET_SIZE = 8;
export const HEAP_BUCKET_SIZE = 24;

/** The module's calloc of a sketch this large would fail on most hosts; the fake refuses past it. */
export const MAX_TOPK_BYTES = 1 << 30;

export class TopK implements RedisObject {
  readonly type = 'TopK-TYPE';
  /** The buckets, row after row: fingerprint and count. */
  readonly fps: Uint32Array;
  readonly counts: Uint32Array;
  /** The heap (heap[0] the least count): fingerprint, count, the item's bytes and its length. */
  readonly heapFp: Uint32Array;
  readonly heapCount: Uint32Array;
  readonly heapItem: Array<Bytes | undefined>;
  readonly heapLen: Uint32Array;

  constructor(
    readonly k: number,
    readonly width: number,
    readonly depth: number,
    readonly decay: number,
    /** decay^i for i < 256: pow() when created, repeated products when loaded (TopKRdbLoad). */
    readonly lookupTable: Float64Array,
  ) {
    this.fps = new Uint32Array(width * depth);
    this.counts = new Uint32Array(width * depth);
    this.heapFp = new Uint32Array(k);
    this.heapCount = new Uint32Array(k);
    this.heapItem = new Array<Bytes | undefined>(k).fill(undefined);
    this.heapLen = new Uint32Array(k);
  }

  /** TopK_Create's table. */
  static create(k: number, width: number, depth: number, decay: number): TopK {
    const table = new Float64Array(LOOKUP);
    for (let i = 0; i < LOOKUP; i++) table[i] = powInt(decay, i);
    return new TopK(k, width, depth, decay, table);
  }

  /** checkExistInHeap: the last heap slot holding the item, or -1. */
  private findInHeap(item: Bytes, fp: number): number {
    for (let i = this.k - 1; i >= 0; i--) {
      if (this.heapFp[i] === fp && this.heapLen[i] === item.length && sameItem(this.heapItem[i], item)) return i;
    }
    return -1;
  }

  /** The decay chance of a bucket holding `count` (the table, or pow of its last entry past it). */
  private decayAt(count: number): number {
    if (count < LOOKUP) return this.lookupTable[count]!;
    return powInt(this.lookupTable[LOOKUP - 1]!, Math.floor(count / (LOOKUP - 1))) * this.lookupTable[count % (LOOKUP - 1)]!;
  }

  /** TopK_Add: the item the heap expelled for it, null when none. */
  add(item: Bytes, increment: number, random: GlibcRandom): Bytes | null {
    const fp = murmurHash2(item, FINGERPRINT_SEED);
    const heapMin = this.heapCount[0]!;
    let maxCount = 0;
    for (let i = 0; i < this.depth; i++) {
      const at = i * this.width + (murmurHash2(item, i) % this.width);
      const count = this.counts[at]!;
      if (count === 0) {
        this.fps[at] = fp;
        this.counts[at] = increment;
        maxCount = Math.max(maxCount, increment);
      } else if (this.fps[at] === fp) {
        const sum = (count + increment) >>> 0;
        this.counts[at] = sum;
        maxCount = Math.max(maxCount, sum);
      } else {
        for (let left = increment; left > 0; left--) {
          const decay = this.decayAt(this.counts[at]!);
          if (random.next() / RAND_MAX < decay) {
            const decayed = this.counts[at]! - 1;
            this.counts[at] = decayed;
            if (decayed === 0) {
              this.fps[at] = fp;
              this.counts[at] = left;
              maxCount = Math.max(maxCount, left);
              break;
            }
          }
        }
      }
    }
    if (maxCount < heapMin) return null;
    const at = this.findInHeap(item, fp);
    if (at !== -1) {
      // Not the larger of the two: the count may have decayed.
      this.heapCount[at] = maxCount;
      this.heapifyDown(at);
      return null;
    }
    const expelled = this.heapItem[0] ?? null;
    this.heapCount[0] = maxCount;
    this.heapFp[0] = fp;
    this.heapItem[0] = item;
    this.heapLen[0] = item.length;
    this.heapifyDown(0);
    return expelled;
  }

  private swapInto(to: number, from: number): void {
    this.heapFp[to] = this.heapFp[from]!;
    this.heapCount[to] = this.heapCount[from]!;
    this.heapItem[to] = this.heapItem[from];
    this.heapLen[to] = this.heapLen[from]!;
  }

  /** heapifyDown, step for step (which of equal children moves up decides the order of ties). */
  private heapifyDown(start: number): void {
    const len = this.k;
    const count = this.heapCount;
    if (len < 2 || Math.floor((len - 2) / 2) < start) return;
    let child = 2 * start + 1;
    if (child + 1 < len && count[child]! > count[child + 1]!) ++child;
    if (count[child]! > count[start]!) return;
    const top = { fp: this.heapFp[start]!, count: count[start]!, item: this.heapItem[start], len: this.heapLen[start]! };
    do {
      this.swapInto(start, child);
      start = child;
      if (Math.floor((len - 2) / 2) < child) break;
      child = 2 * child + 1;
      if (child + 1 < len && count[child]! > count[child + 1]!) ++child;
    } while (count[child]! < top.count);
    this.heapFp[start] = top.fp;
    this.heapCount[start] = top.count;
    this.heapItem[start] = top.item;
    this.heapLen[start] = top.len;
  }

  /** TopK_Query. */
  query(item: Bytes): boolean {
    return this.findInHeap(item, murmurHash2(item, FINGERPRINT_SEED)) !== -1;
  }

  /** TopK_Count: the largest count among the item's buckets that carry its fingerprint. */
  count(item: Bytes): number {
    const fp = murmurHash2(item, FINGERPRINT_SEED);
    const heapMin = this.heapCount[0]!;
    const inHeap = this.findInHeap(item, fp) !== -1;
    let result = 0;
    for (let i = 0; i < this.depth; i++) {
      const at = i * this.width + (murmurHash2(item, i) % this.width);
      if (this.fps[at] === fp && (!inHeap || this.counts[at]! >= heapMin)) result = Math.max(result, this.counts[at]!);
    }
    return result;
  }

  /** TopK_List: the heap slots by count, highest first; glibc's qsort (a merge sort) keeps ties in heap order. */
  list(): number[] {
    const order = Array.from({ length: this.k }, (_, i) => i);
    const count = this.heapCount;
    return order.sort((a, b) => count[b]! - count[a]!);
  }

  encoding(): string {
    return 'raw';
  }

  /** COPY: the module's type has no copy callback. */
  clone(): TopK {
    throw ERR_TOPK_COPY;
  }

  /** TopKMemUsage: TOPK.INFO does not show it; MEMORY USAGE counts it. */
  memoryUsage(): number {
    return TOPK_STRUCT + this.width * this.depth * BUCKET_SIZE + this.k * HEAP_BUCKET_SIZE;
  }
}

/** The heap's item compared over the item's length (memcmp); a reloaded item lost what followed a NUL byte. */
function sameItem(stored: Bytes | undefined, item: Bytes): boolean {
  if (stored === undefined) return item.length === 0;
  if (stored.length === item.length) return stored === item;
  // After a reload the module compares past the saved bytes' terminating NUL; the fake takes the saved part.
  return item.startsWith(stored) && item.charCodeAt(stored.length) === 0;
}

/** The encoding version TopKRdbSave writes (TOPK_ENC_VER). */
const TOPK_ENCODING_VERSION = 0;

/** The module's data type "TopK-TYPE"; the module emits no keyspace events of its own. */
export const topkType = defineValueType<TopK>({
  name: 'TopK-TYPE',
  eventClass: 'd',
  isEmpty: () => false,
  moduleType: { module: 'bf', encodingVersion: TOPK_ENCODING_VERSION },
  rdbSave: (value, writer) => topkRdbSave(value, writer),
  rdbLoad: (encver, reader) => topkRdbLoad(encver, reader),
});
