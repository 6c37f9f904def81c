import { type Bytes, defineValueType, RdbError, type RdbReader, type RdbWriter, type RedisObject } from '@fakeredis/core';
import { murmurHash2 } from '../bloom/murmur.js';
import { loadStringBuffer, loadUnsigned, saveStringBuffer, saveUnsigned } from '../module-io.js';
import { ERR_CMS_COPY } from './errors.js';

/**
 * RedisBloom's Count-min sketch (src/cms.c): `depth` rows of `width` uint32 counters; row i
 * counts an item at MurmurHash2(item, seed i) % width. Counters stop at UINT32_MAX; the
 * total count is a uint64. Counts, merges and dumps equal the module's.
 */

const UINT32_MAX = 0xffffffff;
const MASK64 = 0xffffffffffffffffn;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** The module's calloc of the counters fails; the fake refuses past this many bytes. */
export const CMS_MAX_BYTES = 1 << 30;

/** The value of a Count-min sketch key (type CMSk-TYPE). */
export class CountMinSketch implements RedisObject {
  readonly type = 'CMSk-TYPE';

  constructor(
    public width: number,
    public depth: number,
    public counter: bigint,
    public array: Uint32Array,
  ) {}

  /** NewCMSketch: undefined when the counters cannot be allocated. */
  static create(width: bigint, depth: bigint): CountMinSketch | undefined {
    const cells = width * depth;
    if (cells * 4n > BigInt(CMS_MAX_BYTES)) return undefined;
    return new CountMinSketch(Number(width), Number(depth), 0n, new Uint32Array(Number(cells)));
  }

  /** CMS_IncrBy: adds to the item's counter in each row (a counter that wraps sticks at UINT32_MAX); the least of them. */
  incrBy(item: Bytes, value: bigint): number {
    let min = Infinity;
    const big = value > BigInt(UINT32_MAX);
    const v = big ? 0 : Number(value);
    for (let i = 0; i < this.depth; i++) {
      const loc = (murmurHash2(item, i) % this.width) + i * this.width;
      const sum = (this.array[loc]! + v) % 0x100000000;
      // (uint32)(counter + value) < value: the counter wrapped (always so for a value past 32 bits).
      this.array[loc] = big || sum < v ? UINT32_MAX : sum;
      min = Math.min(min, this.array[loc]!);
    }
    this.counter = (this.counter + value) & MASK64;
    return min;
  }

  /** CMS_Query: the least of the item's counters. */
  query(item: Bytes): number {
    let min = Infinity;
    for (let i = 0; i < this.depth; i++) min = Math.min(min, this.array[(murmurHash2(item, i) % this.width) + i * this.width]!);
    return min;
  }

  /**
   * CMS_Merge: each counter becomes the weighted sum of the sources' (dest may be one of
   * them), the count their weighted counts. False, with nothing changed, when a sum leaves
   * 0..UINT32_MAX, a count sum is negative, or a step passes int64 (checkOverflow).
   */
  mergeFrom(sources: CountMinSketch[], weights: bigint[]): boolean {
    const cells = this.width * this.depth;
    const sumAbs = weights.reduce((n, w) => n + (w < 0n ? -w : w), 0n);
    const result = new Uint32Array(cells);
    if (sumAbs < 1n << 21n) {
      // Every partial sum stays under 2^53: exact in doubles, and far from int64's limits.
      const w = weights.map(Number);
      for (let c = 0; c < cells; c++) {
        let sum = 0;
        for (let k = 0; k < sources.length; k++) sum += sources[k]!.array[c]! * w[k]!;
        if (sum < 0 || sum > UINT32_MAX) return false;
        result[c] = sum;
      }
    } else {
      for (let c = 0; c < cells; c++) {
        let sum = 0n;
        for (let k = 0; k < sources.length; k++) {
          const mul = BigInt(sources[k]!.array[c]!) * weights[k]!;
          if (mul < INT64_MIN || mul > INT64_MAX) return false;
          sum += mul;
          if (sum < INT64_MIN || sum > INT64_MAX) return false;
        }
        if (sum < 0n || sum > BigInt(UINT32_MAX)) return false;
        result[c] = Number(sum);
      }
    }
    let count = 0n;
    for (let k = 0; k < sources.length; k++) {
      const mul = sources[k]!.counter * weights[k]!;
      if (mul < INT64_MIN || mul > INT64_MAX) return false;
      count += mul;
      if (count < INT64_MIN || count > INT64_MAX) return false;
    }
    if (count < 0n) return false;
    this.array.set(result);
    this.counter = count;
    return true;
  }

  encoding(): string {
    return 'raw';
  }

  /** COPY: the module's type has no copy callback, so Redis refuses. */
  clone(): CountMinSketch {
    throw ERR_CMS_COPY;
  }

  /** CMSMemUsage: sizeof a pointer plus 8 bytes (sizeof(size_t)) per counter, as the module counts them. */
  memoryUsage(): number {
    return 8 + this.width * this.depth * 8;
  }
}

/** The encoding version CMSRdbSave writes (CMS_ENC_VER). */
const CMS_ENCODING_VERSION = 0;

/** CMSRdbSave: width, depth, the count, then the counters as little-endian uint32s. */
function cmsRdbSave(cms: CountMinSketch, w: RdbWriter): void {
  saveUnsigned(w, cms.width);
  saveUnsigned(w, cms.depth);
  saveUnsigned(w, cms.counter);
  const bytes = new Uint8Array(cms.array.length * 4);
  const view = new DataView(bytes.buffer);
  cms.array.forEach((value, i) => view.setUint32(i * 4, value, true));
  saveStringBuffer(w, bytes);
}

/** CMSRdbLoad: a zero dimension or counters of another length than width * depth are bad data. */
function cmsRdbLoad(encver: number, r: RdbReader): CountMinSketch {
  if (encver > CMS_ENCODING_VERSION) throw new RdbError('unsupported encoding version');
  const width = loadUnsigned(r);
  const depth = loadUnsigned(r);
  const counter = loadUnsigned(r);
  if (width === 0n || depth === 0n) throw new RdbError('empty sketch');
  const data = loadStringBuffer(r);
  if (BigInt(data.length) !== width * depth * 4n) throw new RdbError('counters of the wrong length');
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  const array = new Uint32Array(data.length / 4);
  for (let i = 0; i < array.length; i++) array[i] = view.getUint32(i * 4, true);
  return new CountMinSketch(Number(width), Number(depth), counter, array);
}

/** The module's data type "CMSk-TYPE"; the module emits no keyspace events of its own. */
export const cmsType = defineValueType<CountMinSketch>({
  name: 'CMSk-TYPE',
  eventClass: 'd',
  isEmpty: () => false,
  moduleType: { module: 'bf', encodingVersion: CMS_ENCODING_VERSION },
  rdbSave: (value, writer) => cmsRdbSave(value, writer),
  rdbLoad: (encver, reader) => cmsRdbLoad(encver, reader),
});
