import { defineValueType, type RedisObject } from '@fakeredis/core';
import { log } from '../libm.js';
import { ERR_TDIGEST_COPY } from './errors.js';
import { tdigestRdbLoad, tdigestRdbSave } from './rdb.js';

/**
 * RedisBloom's t-digest (deps/t-digest-c, the merging digest): samples are buffered
 * unmerged until the nodes fill (6 * compression + 10 of them), then sorted by mean (the
 * library's own quicksort with a central pivot, whose order of equal means matters) and
 * merged left to right where the k-scale allows. Reads merge first. Arithmetic follows
 * the C expression by expression (weights are long long, the rest doubles), so answers
 * are the module's bit for bit.
 */

const LLONG_MAX = 0x7fffffffffffffffn;
const LLONG_MIN = -0x8000000000000000n;
const SIZE_MAX = 0xffffffffffffffffn;
const DBL_MAX = Number.MAX_VALUE;
const MM_PI = 3.14159265358979323846;
const MAX_NODES = 2n ** 41n;

/** (long long) of a double on x86-64 (cvttsd2si): truncation, the "integer indefinite" 2^63 for NaN and out of range. */
export function toLongLong(d: number): bigint {
  if (!(d >= -(2 ** 63) && d < 2 ** 63)) return LLONG_MIN;
  return BigInt(Math.trunc(d));
}

/** (int) of a 64-bit value: its low 32 bits, signed. */
const toInt = (v: bigint): number => Number(BigInt.asIntN(32, v));

/** cap_from_compression: 6 * (size_t)compression + 10, 0 when that would pass SIZE_MAX / 48; undefined when the cast is undefined in C. */
export function capFromCompression(compression: number): bigint | undefined {
  if (!(compression > -1) || compression >= 2 ** 64) return undefined;
  const n = BigInt(Math.trunc(compression));
  if (n > SIZE_MAX / 8n / 6n - 10n) return 0n;
  return 6n * n + 10n;
}

/** _tdigest_long_long_add_safe, its LLONG_MAX - b wrapping for a negative b as on the module's host. */
function addSafe(a: bigint, b: bigint): boolean {
  return b < 0n ? a >= BigInt.asIntN(64, LLONG_MAX - b) : a <= LLONG_MAX - b;
}

/** __td_max / __td_min: the C ternaries (NaN goes to the second operand). */
const tdMax = (x: number, y: number): number => (x > y ? x : y);
const tdMin = (x: number, y: number): number => (x < y ? x : y);

function weightedAverageSorted(x1: number, w1: number, x2: number, w2: number): number {
  const x = (x1 * w1 + x2 * w2) / (w1 + w2);
  return tdMax(x1, tdMin(x, x2));
}

function weightedAverage(x1: number, w1: number, x2: number, w2: number): number {
  return x1 <= x2 ? weightedAverageSorted(x1, w1, x2, w2) : weightedAverageSorted(x2, w2, x1, w1);
}

/** _check_td_overflow: EDOM when a weight or 2*pi*w*log(w) is infinite (only infinity matters: Math.log will do). */
function overflows(unmergedWeight: number, totalWeight: number): boolean {
  if (unmergedWeight === Infinity || totalWeight === Infinity) return true;
  return 2 * MM_PI * totalWeight * Math.log(totalWeight) === Infinity;
}

/** sizeof a pointer: TDigestMemUsage counts sizeof(tdigest), the pointer, not the struct. */
const POINTER_SIZE = 8n;

export class TDigest implements RedisObject {
  readonly type = 'TDIS-TYPE';
  min = DBL_MAX;
  max = -DBL_MAX;
  mergedNodes = 0;
  unmergedNodes = 0;
  totalCompressions = 0n;
  mergedWeight = 0n;
  unmergedWeight = 0n;
  /** The nodes, grown as written (the module's calloc'd arrays read 0 where never written). */
  readonly means: number[] = [];
  readonly weights: bigint[] = [];
  /** Each weight as a double, (double)nodes_weight[i], kept with it: the reads use only these. */
  private readonly weightsD: number[] = [];

  constructor(
    readonly compression: number,
    /** An int: 6 * compression + 10, truncated to 32 bits as the module stores it. */
    public cap: number,
  ) {}

  /**
   * td_init; undefined where the module's fails: cap_from_compression gives 0, or calloc
   * refuses the nodes. The arrays are reserved, not touched, so calloc's limit is the
   * host's address space and overcommit policy: on the reference host 8 * 6e11 bytes
   * were given and 8 * 6e12 refused; the fake refuses past 2^41 nodes (16 TiB an array).
   * It allocates nodes only as they are written.
   */
  static create(compression: number): TDigest | undefined {
    const capacity = capFromCompression(compression);
    if (capacity === undefined || capacity < 1n || capacity > MAX_NODES) return undefined;
    return new TDigest(compression, toInt(capacity));
  }

  private mean(i: number): number {
    return this.means[i] ?? 0;
  }

  private weight(i: number): bigint {
    return this.weights[i] ?? 0n;
  }

  private weightD(i: number): number {
    return this.weightsD[i] ?? 0;
  }

  /** Sets a node's weight (a long long) and its double. */
  setWeight(i: number, weight: bigint): void {
    this.weights[i] = weight;
    this.weightsD[i] = Number(weight);
  }

  /** td_reset: the nodes stay allocated. */
  reset(): void {
    this.min = DBL_MAX;
    this.max = -DBL_MAX;
    this.mergedNodes = 0;
    this.mergedWeight = 0n;
    this.unmergedNodes = 0;
    this.unmergedWeight = 0n;
    this.totalCompressions = 0n;
  }

  /** td_size. */
  size(): bigint {
    return BigInt.asIntN(64, this.mergedWeight + this.unmergedWeight);
  }

  /** td_add: false on the module's EDOM (full, or the weights would overflow). */
  add(mean: number, weight: bigint): boolean {
    if (this.mergedNodes + this.unmergedNodes >= this.cap - 1) {
      if (!this.compress()) return false;
    }
    const pos = this.mergedNodes + this.unmergedNodes;
    if (pos >= this.cap) return false;
    if (!addSafe(this.unmergedWeight, weight)) return false;
    const newUnmerged = this.unmergedWeight + weight;
    if (!addSafe(newUnmerged, this.mergedWeight)) return false;
    const newTotal = newUnmerged + this.mergedWeight;
    if (overflows(Number(newUnmerged), Number(newTotal))) return false;
    if (mean < this.min) this.min = mean;
    if (mean > this.max) this.max = mean;
    this.means[pos] = mean;
    this.setWeight(pos, weight);
    this.unmergedNodes++;
    this.unmergedWeight = newUnmerged;
    return true;
  }

  private swap(i: number, j: number): void {
    const m = this.mean(i);
    this.means[i] = this.mean(j);
    this.means[j] = m;
    const w = this.weight(i);
    this.setWeight(i, this.weight(j));
    this.setWeight(j, w);
  }

  /** partition: Lomuto's, the pivot moved to the end first. */
  private partition(start: number, end: number, pivot: number): number {
    const pivotMean = this.mean(pivot);
    this.swap(pivot, end);
    let i = start - 1;
    for (let j = start; j < end; j++) {
      if (this.mean(j) < pivotMean) {
        i++;
        this.swap(i, j);
      }
    }
    this.swap(i + 1, end);
    return i + 1;
  }

  /** td_qsort over [start, end] with the central pivot; ranges kept on a stack instead of the C recursion (they are disjoint, so the order is the same). */
  private sort(first: number, last: number): void {
    const stack = [first, last];
    while (stack.length > 0) {
      const end = stack.pop()!;
      const start = stack.pop()!;
      if (start >= end) continue;
      if (end - start === 1) {
        if (this.mean(start) > this.mean(end)) this.swap(start, end);
        continue;
      }
      const pivot = this.partition(start, end, Math.floor((end + start) / 2));
      if (pivot > start) stack.push(start, pivot - 1);
      stack.push(pivot + 1, end);
    }
  }

  /** td_compress: false on the module's EDOM. */
  compress(): boolean {
    if (this.unmergedNodes === 0) return true;
    const n = this.mergedNodes + this.unmergedNodes;
    this.sort(0, n - 1);
    const totalWeight = Number(this.mergedWeight) + Number(this.unmergedWeight);
    if (overflows(Number(this.unmergedWeight), totalWeight)) return false;
    if (totalWeight <= 1) return true;
    const denom = 2 * MM_PI * totalWeight * log(totalWeight);
    if (denom === Infinity) return false;
    const normalizer = this.compression / denom;
    if (normalizer === Infinity) return false;
    const means = this.means;
    const weights = this.weights;
    const weightsD = this.weightsD;
    let cur = 0;
    let weightSoFar = 0;
    for (let i = 1; i < n; i++) {
      const wi = weights[i] ?? 0n;
      const wiD = weightsD[i] ?? 0;
      const proposedWeight = (weightsD[cur] ?? 0) + wiD;
      const z = proposedWeight * normalizer;
      const q0 = weightSoFar / totalWeight;
      const q2 = (weightSoFar + proposedWeight) / totalWeight;
      if (z <= q0 * (1 - q0) && z <= q2 * (1 - q2)) {
        const merged = BigInt.asIntN(64, (weights[cur] ?? 0n) + wi);
        this.setWeight(cur, merged);
        const delta = (means[i] ?? 0) - (means[cur] ?? 0);
        means[cur] = (means[cur] ?? 0) + (delta * wiD) / (weightsD[cur] ?? 0);
      } else {
        weightSoFar += weightsD[cur] ?? 0;
        cur++;
        this.setWeight(cur, wi);
        means[cur] = means[i] ?? 0;
      }
      if (cur !== i) {
        this.setWeight(i, 0n);
        means[i] = 0;
      }
    }
    this.mergedNodes = cur + 1;
    this.mergedWeight = toLongLong(totalWeight);
    this.unmergedNodes = 0;
    this.unmergedWeight = 0n;
    this.totalCompressions = BigInt.asIntN(64, this.totalCompressions + 1n);
    return true;
  }

  /** td_merge: `from` is compressed first and its nodes added. */
  mergeFrom(from: TDigest): boolean {
    if (!this.compress()) return false;
    if (!from.compress()) return false;
    const pos = from.mergedNodes + from.unmergedNodes;
    for (let i = 0; i < pos; i++) {
      if (!this.add(from.mean(i), from.weight(i))) return false;
    }
    return true;
  }

  /** td_cdf. */
  cdf(val: number): number {
    this.compress();
    if (this.mergedNodes === 0) return NaN;
    if (val < this.min) return 0;
    if (val > this.max) return 1;
    if (this.mergedNodes === 1) {
      const width = this.max - this.min;
      return val - this.min <= width ? 0.5 : (val - this.min) / width;
    }
    const n = this.mergedNodes;
    const leftMean = this.mean(0);
    const leftWeight = this.weightD(0);
    const mergedWeight = Number(this.mergedWeight);
    if (val < leftMean) {
      const width = leftMean - this.min;
      if (width > 0) {
        if (val === this.min) return 0.5 / mergedWeight;
        return (1 + ((val - this.min) / width) * (leftWeight / 2 - 1)) / mergedWeight;
      }
      return 0;
    }
    const rightMean = this.mean(n - 1);
    const rightWeight = this.weightD(n - 1);
    if (val > rightMean) {
      const width = this.max - rightMean;
      if (width > 0) {
        if (val === this.max) return 1 - 0.5 / mergedWeight;
        const dq = (1 + ((this.max - val) / width) * (rightWeight / 2 - 1)) / mergedWeight;
        return 1 - dq;
      }
      return 1;
    }
    let weightSoFar = 0;
    for (let it = 0; it < n - 1; it++) {
      if (this.mean(it) === val) {
        let dw = 0;
        while (it < n && this.mean(it) === val) {
          dw += this.weightD(it);
          it++;
        }
        return (weightSoFar + dw / 2) / mergedWeight;
      } else if (this.mean(it) <= val && val < this.mean(it + 1)) {
        const nodeWeight = this.weightD(it);
        const nodeWeightNext = this.weightD(it + 1);
        const nodeMean = this.mean(it);
        const nodeMeanNext = this.mean(it + 1);
        if (nodeMeanNext - nodeMean > 0) {
          let leftExcluded = 0;
          let rightExcluded = 0;
          if (nodeWeight === 1) {
            if (nodeWeightNext === 1) return (weightSoFar + 1) / mergedWeight;
            leftExcluded = 0.5;
          } else if (nodeWeightNext === 1) {
            rightExcluded = 0.5;
          }
          const dw = (nodeWeight + nodeWeightNext) / 2;
          const dwNoSingleton = dw - leftExcluded - rightExcluded;
          const base = weightSoFar + nodeWeight / 2 + leftExcluded;
          return (base + (dwNoSingleton * (val - nodeMean)) / (nodeMeanNext - nodeMean)) / mergedWeight;
        }
        const dw = (nodeWeight + nodeWeightNext) / 2;
        return (weightSoFar + dw) / mergedWeight;
      } else {
        weightSoFar += this.weightD(it);
      }
    }
    return 1 - 0.5 / mergedWeight;
  }

  /** td_internal_iterate_centroids_to_index; `state` carries weightSoFar and the node position across a sorted run. */
  private valueAt(index: number, leftWeight: number, n: number, state: { weightSoFar: number; pos: number }): number {
    if (leftWeight > 1 && index < leftWeight / 2) {
      return this.min + ((index - 1) / (leftWeight / 2 - 1)) * (this.mean(0) - this.min);
    }
    if (index > Number(BigInt.asIntN(64, this.mergedWeight - 1n))) return this.max;
    const rightWeight = this.weightD(n - 1);
    const rightMean = this.mean(n - 1);
    const mergedWeight = Number(this.mergedWeight);
    if (rightWeight > 1 && mergedWeight - index <= rightWeight / 2) {
      return this.max - ((mergedWeight - index - 1) / (rightWeight / 2 - 1)) * (this.max - rightMean);
    }
    for (; state.pos < n - 1; state.pos++) {
      const i = state.pos;
      const nodeWeight = this.weightD(i);
      const nodeWeightNext = this.weightD(i + 1);
      const nodeMean = this.mean(i);
      const nodeMeanNext = this.mean(i + 1);
      const dw = (nodeWeight + nodeWeightNext) / 2;
      if (state.weightSoFar + dw > index) {
        let leftUnit = 0;
        if (nodeWeight === 1) {
          if (index - state.weightSoFar < 0.5) return nodeMean;
          leftUnit = 0.5;
        }
        let rightUnit = 0;
        if (nodeWeightNext === 1) {
          if (state.weightSoFar + dw - index <= 0.5) return nodeMeanNext;
          rightUnit = 0.5;
        }
        const z1 = index - state.weightSoFar - leftUnit;
        const z2 = state.weightSoFar + dw - index - rightUnit;
        return weightedAverage(nodeMean, z2, nodeMeanNext, z1);
      }
      state.weightSoFar += dw;
    }
    const z1 = index - mergedWeight - rightWeight / 2.0;
    const z2 = rightWeight / 2 - z1;
    return weightedAverage(rightMean, z1, this.max, z2);
  }

  /** td_quantile. */
  quantile(q: number): number {
    this.compress();
    if (q < 0.0 || q > 1.0 || this.mergedNodes === 0) return NaN;
    if (this.mergedNodes === 1) return this.mean(0);
    const index = q * Number(this.mergedWeight);
    if (index < 1) return this.min;
    const leftWeight = this.weightD(0);
    return this.valueAt(index, leftWeight, this.mergedNodes, { weightSoFar: leftWeight / 2, pos: 0 });
  }

  /** td_quantiles over a run of ascending quantiles (the walk goes on from where the last one stopped). */
  quantiles(qs: number[]): number[] {
    this.compress();
    const n = this.mergedNodes;
    if (n === 0) return qs.map(() => NaN);
    if (n === 1) return qs.map((q) => (q < 0.0 || q > 1.0 ? NaN : this.mean(0)));
    const leftWeight = this.weightD(0);
    const state = { weightSoFar: leftWeight / 2, pos: 0 };
    return qs.map((q) => this.valueAt(q * Number(this.mergedWeight), leftWeight, n, state));
  }

  /** td_trimmed_mean. */
  trimmedMean(low: number, high: number): number {
    this.compress();
    if (this.mergedNodes === 0 || low < 0.0 || low > 1.0 || high < 0.0 || high > 1.0) return NaN;
    if (this.mergedNodes === 1) return this.mean(0);
    const mergedWeight = Number(this.mergedWeight);
    const leftmost = Math.floor(mergedWeight * low);
    const rightmost = Math.ceil(mergedWeight * high);
    let countDone = 0;
    let trimmedSum = 0;
    let trimmedCount = 0;
    for (let i = 0; i < this.mergedNodes; i++) {
      const weight = this.weightD(i);
      let countAdd = weight;
      countAdd -= tdMin(tdMax(0, leftmost - countDone), countAdd);
      countAdd = tdMin(tdMax(0, rightmost - countDone), countAdd);
      countDone += weight;
      trimmedSum += this.mean(i) * countAdd;
      trimmedCount += countAdd;
      if (countDone >= rightmost) break;
    }
    return trimmedSum / trimmedCount;
  }

  /** TDigestMemUsage: a pointer's size plus the two node arrays, in size_t arithmetic over the int cap (TDIGEST.INFO's Memory usage as a long long). */
  memUsage(): bigint {
    const capBytes = BigInt.asUintN(64, BigInt(this.cap) * 8n);
    return BigInt.asIntN(64, POINTER_SIZE + BigInt.asUintN(64, 2n * capBytes));
  }

  encoding(): string {
    return 'raw';
  }

  /** COPY: the module's type has no copy callback. */
  clone(): TDigest {
    throw ERR_TDIGEST_COPY;
  }

  /** MEMORY USAGE adds to the size_t and replies it as a long long: negative past 2^63, as the module's is for a negative cap. */
  memoryUsage(): number {
    return Number(this.memUsage());
  }
}

/** The encoding version TDigestRdbSave writes (TDIGEST_ENC_VER). */
const TDIGEST_ENCODING_VERSION = 0;

/** The module's data type "TDIS-TYPE"; the module emits no keyspace events of its own. */
export const tdigestType = defineValueType<TDigest>({
  name: 'TDIS-TYPE',
  eventClass: 'd',
  isEmpty: () => false,
  moduleType: { module: 'bf', encodingVersion: TDIGEST_ENCODING_VERSION },
  rdbSave: (value, writer) => tdigestRdbSave(value, writer),
  rdbLoad: (encver, reader) => tdigestRdbLoad(encver, reader),
});
