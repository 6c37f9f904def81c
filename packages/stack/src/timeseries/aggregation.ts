/**
 * RedisTimeSeries' aggregators (src/compaction.c): the contexts TS.RANGE's AGGREGATION,
 * compaction rules and GROUPBY's REDUCE fold samples into. Numbers are the module's
 * TS_AGG_TYPES_T, which its RDB stores.
 */

export const enum Agg { MIN = 1, MAX = 2, SUM = 3, AVG = 4, COUNT = 5, FIRST = 6, LAST = 7, RANGE = 8, STD_P = 9, STD_S = 10, VAR_P = 11, VAR_S = 12, TWA = 13 }

const NAMES = ['', 'min', 'max', 'sum', 'avg', 'count', 'first', 'last', 'range', 'std.p', 'std.s', 'var.p', 'var.s', 'twa'];

/** StringLenAggTypeToEnum: the aggregation named, in any case; undefined for another word. */
export function parseAggType(name: string): Agg | undefined {
  const i = NAMES.indexOf(name.toLowerCase());
  return i > 0 ? (i as Agg) : undefined;
}

/** AggTypeEnumToStringLowerCase; upper case is AggTypeEnumToString (TS.INFO's rules). */
export const aggName = (type: Agg): string => NAMES[type]!;

const DBL_MAX = Number.MAX_VALUE;

/** An aggregation context. finalize's second element is false where the module's finalize fails (nothing appended). */
export interface Aggregator {
  readonly type: Agg;
  append(value: number, ts: number): void;
  finalize(): [number, boolean];
  /** finalizeEmpty: an EMPTY bucket's value. */
  finalizeEmpty(): number;
  reset(): void;
  clone(): Aggregator;
}

class MinMax implements Aggregator {
  min = DBL_MAX;
  max = -DBL_MAX;
  constructor(readonly type: Agg.MIN | Agg.MAX | Agg.RANGE) {}
  append(value: number): void {
    // MaxAppendValue and MinAppendValue only compare with their own side.
    if (this.type !== Agg.MIN && value > this.max) this.max = value;
    if (this.type !== Agg.MAX && value < this.min) this.min = value;
  }
  finalize(): [number, boolean] {
    return [this.type === Agg.MIN ? this.min : this.type === Agg.MAX ? this.max : this.max - this.min, true];
  }
  finalizeEmpty(): number {
    return NaN;
  }
  reset(): void {
    this.min = DBL_MAX;
    this.max = -DBL_MAX;
  }
  clone(): Aggregator {
    return Object.assign(new MinMax(this.type), this);
  }
}

/** sum, count, first and last: one value (first also its "reset" flag). */
class Single implements Aggregator {
  value = 0;
  fresh = true;
  constructor(readonly type: Agg.SUM | Agg.COUNT | Agg.FIRST | Agg.LAST) {}
  append(value: number): void {
    if (this.type === Agg.SUM) this.value += value;
    else if (this.type === Agg.COUNT) this.value++;
    else if (this.type === Agg.LAST) this.value = value;
    else if (this.fresh) {
      this.fresh = false;
      this.value = value;
    }
  }
  finalize(): [number, boolean] {
    return [this.value, true];
  }
  finalizeEmpty(): number {
    // sum and count give 0, last repeats the last value (its reset keeps it), first NaN.
    return this.type === Agg.LAST ? this.value : this.type === Agg.FIRST ? NaN : 0;
  }
  reset(): void {
    if (this.type === Agg.LAST) return;
    this.value = 0;
    this.fresh = true;
  }
  clone(): Aggregator {
    return Object.assign(new Single(this.type), this);
  }
}

class Avg implements Aggregator {
  readonly type = Agg.AVG;
  val = 0;
  cnt = 0;
  overflow = false;
  append(value: number): void {
    this.cnt++;
    if (((this.val < 0) === (value < 0) && Math.abs(this.val) > DBL_MAX - Math.abs(value)) || this.overflow) {
      // avg(t+1) = t*avg(t)/(t+1) + val/(t+1); the module computes it in long double.
      let v = this.val / this.cnt;
      if (this.overflow) v *= this.cnt - 1;
      this.val = v + value / this.cnt;
      this.overflow = true;
    } else {
      this.val += value;
    }
  }
  finalize(): [number, boolean] {
    if (this.cnt === 0) return [0, false];
    return [this.overflow ? this.val : this.val / this.cnt, true];
  }
  finalizeEmpty(): number {
    return NaN;
  }
  reset(): void {
    this.val = 0;
    this.cnt = 0;
    this.overflow = false;
  }
  clone(): Aggregator {
    return Object.assign(new Avg(), this);
  }
}

/** std.p, std.s, var.p, var.s from the sum, the sum of squares and the count. */
class Std implements Aggregator {
  sum = 0;
  sum2 = 0;
  cnt = 0;
  constructor(readonly type: Agg.STD_P | Agg.STD_S | Agg.VAR_P | Agg.VAR_S) {}
  append(value: number): void {
    this.cnt++;
    this.sum += value;
    this.sum2 += value * value;
  }
  finalize(): [number, boolean] {
    const count = this.cnt;
    if (count === 0) return [0, false];
    const variance = (this.sum2 - (2 * this.sum * this.sum) / count + Math.pow(this.sum / count, 2) * count) / count;
    const sample = this.type === Agg.STD_S || this.type === Agg.VAR_S;
    const v = sample ? (count === 1 ? 0 : (variance * count) / (count - 1)) : variance;
    return [this.type === Agg.STD_P || this.type === Agg.STD_S ? Math.sqrt(v) : v, true];
  }
  finalizeEmpty(): number {
    return NaN;
  }
  reset(): void {
    this.sum = 0;
    this.sum2 = 0;
    this.cnt = 0;
  }
  clone(): Aggregator {
    return Object.assign(new Std(this.type), this);
  }
}

/** uint64 subtraction then conversion to double, as the module's timestamp_t arithmetic. */
const udiff = (a: number, b: number): number => (a >= b ? a - b : a - b + 2 ** 64);

/** Time-weighted average over a bucket, with the samples around it interpolated to its edges. */
export class Twa implements Aggregator {
  readonly type = Agg.TWA;
  res = 0;
  prevTS = 0;
  prevValue = 0;
  bucketStartTS = 0;
  bucketEndTS = 0;
  firstTs = 0;
  lastTs = 0;
  isFirstBucket = true;
  iteration = 0;
  constructor(readonly reverse: boolean) {}

  addBucketParams(start: number, end: number): void {
    if (this.reverse) [start, end] = [end, start];
    this.bucketStartTS = start;
    this.bucketEndTS = end;
  }

  addPrevBucketLastSample(value: number, ts: number): void {
    this.prevValue = value;
    this.prevTS = ts;
    this.isFirstBucket = false;
  }

  /** The previous sample and this one in time order (swapped when reversed): t1, t2, v1, v2. */
  private pair(value: number, ts: number): [number, number, number, number] {
    return this.reverse ? [ts, this.prevTS, value, this.prevValue] : [this.prevTS, ts, this.prevValue, value];
  }

  append(value: number, ts: number): void {
    const [t1, t2, v1, v2] = this.pair(value, ts);
    const deltaTime = udiff(t2, t1);
    const deltaVal = v2 - v1;
    const ta = this.bucketStartTS;
    if (this.iteration === 0) {
      if (!this.isFirstBucket) {
        this.firstTs = ta;
        const vab = v1 + (udiff(ta, t1) * deltaVal) / deltaTime;
        if (!this.reverse) this.res += ((vab + v2) * udiff(t2, ta)) / 2.0;
        else this.res += ((vab + v1) * udiff(ta, t1)) / 2.0;
      } else {
        this.firstTs = ts;
      }
    } else {
      this.res += ((v1 + v2) * udiff(t2, t1)) / 2.0;
    }
    this.lastTs = this.prevTS = ts;
    this.prevValue = value;
    this.iteration++;
  }

  addNextBucketFirstSample(value: number, ts: number): void {
    const [t1, t2, v1, v2] = this.pair(value, ts);
    const deltaTime = udiff(t2, t1);
    const deltaVal = v2 - v1;
    const tb = this.bucketEndTS;
    const vab = v1 + (udiff(tb, t1) * deltaVal) / deltaTime;
    if (!this.reverse) this.res += ((vab + v1) * udiff(tb, t1)) / 2.0;
    else this.res += ((vab + v2) * udiff(t2, tb)) / 2.0;
    this.lastTs = tb;
  }

  lastSample(): [number, number] {
    return [this.prevTS, this.prevValue];
  }

  finalize(): [number, boolean] {
    if (this.lastTs === this.firstTs) return [this.prevValue, true];
    // llabs((int64_t)(last_ts - first_ts))
    return [this.res / Math.abs(this.lastTs - this.firstTs), true];
  }

  finalizeEmpty(): number {
    return NaN;
  }

  reset(): void {
    this.res = 0;
    this.prevTS = 0;
    this.prevValue = 0;
    this.bucketStartTS = 0;
    this.bucketEndTS = 0;
    this.firstTs = 0;
    this.lastTs = 0;
    this.isFirstBucket = true;
    this.iteration = 0;
  }

  clone(): Aggregator {
    return Object.assign(new Twa(this.reverse), this);
  }
}

/** createContext of the aggregation class. */
export function newAggregator(type: Agg, reverse = false): Aggregator {
  switch (type) {
    case Agg.MIN: case Agg.MAX: case Agg.RANGE: return new MinMax(type);
    case Agg.SUM: case Agg.COUNT: case Agg.FIRST: case Agg.LAST: return new Single(type);
    case Agg.AVG: return new Avg();
    case Agg.TWA: return new Twa(reverse);
    default: return new Std(type);
  }
}

/** The context's allocation (RedisModule_MallocSize of a rule's aggContext). */
export function contextSize(type: Agg): number {
  switch (type) {
    case Agg.SUM: case Agg.COUNT: case Agg.LAST: return 8;
    case Agg.FIRST: case Agg.MIN: case Agg.MAX: case Agg.RANGE: return 16;
    case Agg.TWA: return 80;
    default: return 32;
  }
}
