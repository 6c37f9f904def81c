import { Agg, type Aggregator, newAggregator, type Twa } from './aggregation.js';
import { ERR_TS_EMPTY_TOO_MANY } from './errors.js';
import { Align, BucketTs, type RangeArgs } from './query.js';
import { bucketStart, type Keyspace, normalize, type Samples, type Series, UINT64_MAX } from './series.js';

/**
 * SeriesQuery (src/tsdb.c) and its iterators (src/filter_iterator.c): the chunks of a
 * range, filtered by timestamps and values, then aggregated into buckets. The module's
 * chunk-by-chunk hand-over is kept where it shows: an empty chunk ends FILTER_BY_TS and an
 * aggregation that has not started.
 */

/** The most buckets EMPTY fills in one range (2^25, 512 MB of samples in the module). */
const MAX_FILLED = 2 ** 25;

/** The module's uint64 order for timestamps that may have wrapped below 0. */
const u64 = (x: number): number => (x < 0 ? x + UINT64_MAX : x);

interface AggParams {
  type: Agg;
  delta: number;
  align: number;
  reverse: boolean;
  empty: boolean;
  bucketTs: BucketTs;
  start: number;
  end: number;
}

/** calc_bucket_ts: the timestamp a bucket is reported at. */
function bucketTimestamp(kind: BucketTs, ts: number, delta: number): number {
  if (kind === BucketTs.MID) return ts + Math.floor(delta / 2);
  if (kind === BucketTs.END) return ts + delta;
  return ts;
}

const twaTa = (reverse: boolean, bs: number, be: number, rs: number, re: number): number => (!reverse ? Math.max(bs, rs) : Math.min(be, re));
const twaTb = (reverse: boolean, bs: number, be: number, rs: number, re: number): number => (!reverse ? Math.min(be, re) : Math.max(bs, rs));

/** AggregationIterator: buckets of `delta` from the input chunks, with EMPTY's filled buckets. */
class Aggregation {
  private readonly ctx: Aggregator;
  private lastTs = 0;
  private unfinalized = false;
  private initialized = false;
  private prefixDone = false;
  private suffixDone = false;
  private next = 0;
  private readonly twaEmpty: boolean;

  constructor(private readonly input: Samples[], private readonly p: AggParams, private readonly series: Series, private readonly ks: Keyspace) {
    this.ctx = newAggregator(p.type, p.reverse);
    this.twaEmpty = p.empty && p.type === Agg.TWA;
  }

  private get twa(): Twa {
    return this.ctx as Twa;
  }

  private left(ts: number): Samples {
    return ts > 0 ? this.series.sampleRange(this.ks, 0, ts - 1, true, 2) : { ts: [], vals: [] };
  }

  private right(ts: number): Samples {
    return ts < UINT64_MAX ? this.series.sampleRange(this.ks, ts, UINT64_MAX, false, 2) : { ts: [], vals: [] };
  }

  /** fillEmptyBuckets: false where the module gives up on the range (misaligned or reversed bounds). */
  private fill(out: Samples, first: number, end: number): boolean {
    const { delta, reverse } = this.p;
    if (reverse) [first, end] = [end, first];
    if (u64(end) < u64(first)) return false;
    const span = u64(end) - u64(first);
    if (first > Number.MAX_SAFE_INTEGER || end > Number.MAX_SAFE_INTEGER) {
      // Past 2^53 a bound is not exact here ('+' is LLONG_MAX); it comes from CalcBucketStart,
      // which leaves it at the alignment modulo the bucket, as the module finds it.
      const residue = (x: number): number => (x > Number.MAX_SAFE_INTEGER ? ((this.p.align % delta) + delta) % delta : u64(x) % delta);
      if (residue(first) !== residue(end)) return false;
    } else if (span % delta !== 0) return false;
    const n = Math.floor(span / delta) + 1;
    let cur = reverse ? end : first;
    const step = reverse ? -delta : delta;
    if (this.p.type !== Agg.TWA) {
      // The module reallocates its samples' array for every bucket; past memory it aborts.
      if (out.ts.length + n > MAX_FILLED) throw ERR_TS_EMPTY_TOO_MANY;
      for (let i = 0; i < n; i++, cur += step) {
        out.ts.push(bucketTimestamp(this.p.bucketTs, cur, delta));
        out.vals.push(this.ctx.finalizeEmpty());
      }
      return true;
    }
    const ta0 = twaTa(false, cur, cur + delta, this.p.start, this.p.end);
    const before = this.left(ta0);
    const after = this.right(ta0);
    // The module fills no buckets before the first or after the last sample.
    if (before.ts.length === 0 || after.ts.length === 0) return true;
    if (out.ts.length + n > MAX_FILLED) throw ERR_TS_EMPTY_TOO_MANY;
    for (let i = 0; i < n; i++, cur += step) {
      const ta = twaTa(false, cur, cur + delta, this.p.start, this.p.end);
      const tb = twaTb(false, cur, cur + delta, this.p.start, this.p.end);
      let nan = true;
      let both = false;
      if (before.ts.length > 1 && before.ts[0]! + (before.ts[0]! - before.ts[1]!) > ta) nan = false;
      if (after.ts.length > 1 && tb + (after.ts[1]! - after.ts[0]!) > after.ts[0]!) nan = false;
      if (after.ts.length !== 0 && before.ts.length !== 0) {
        nan = false;
        both = true;
      }
      let value: number;
      if (nan) {
        value = NaN;
      } else if (both) {
        const dv = after.vals[0]! - before.vals[0]!;
        const dt = after.ts[0]! - before.ts[0]!;
        const va = before.vals[0]! + ((ta - before.ts[0]!) * dv) / dt;
        const vb = before.vals[0]! + ((tb - before.ts[0]!) * dv) / dt;
        value = (va + vb) / 2.0;
      } else if (after.ts.length > 1) {
        const d = after.ts[1]! - after.ts[0]!;
        value = tb + Math.floor(d / 2) <= after.ts[0]! ? NaN : after.vals[0]!;
      } else {
        const d = before.ts[0]! - before.ts[1]!;
        value = before.ts[0]! + Math.floor(d / 2) <= ta ? NaN : before.vals[0]!;
      }
      out.ts.push(bucketTimestamp(this.p.bucketTs, cur, delta));
      out.vals.push(value);
    }
    return true;
  }

  /** AggregationIterator_GetNextChunk: undefined at the end. */
  nextChunk(): Samples | undefined {
    const { delta, reverse, align } = this.p;
    let chunk = this.input[this.next++];
    const out: Samples = { ts: [], vals: [] };
    if (chunk === undefined || chunk.ts.length === 0) {
      if (this.unfinalized) return this.finalize();
      if (!this.twaEmpty) return undefined;
      if (!this.prefixDone) {
        this.prefixDone = true;
        this.suffixDone = true;
        let first = bucketStart(this.p.start, delta, align);
        let last = bucketStart(this.p.end, delta, align);
        if (reverse) [first, last] = [last, first];
        return this.fill(out, first, last) ? out : undefined;
      }
      if (!this.suffixDone) {
        this.suffixDone = true;
        return undefined;
      }
      return undefined;
    }
    if (this.twaEmpty && !this.prefixDone) {
      this.prefixDone = true;
      const first = bucketStart(reverse ? this.p.end : this.p.start, delta, align);
      let last = bucketStart(chunk.ts[0]!, delta, align);
      let has = true;
      if (!reverse) {
        if (u64(first) >= u64(last)) has = false;
        last = normalize(last - delta);
      } else {
        last += delta;
        if (u64(first) < u64(last)) has = false;
      }
      if (has && !this.fill(out, first, last)) return undefined;
    }
    this.unfinalized = true;
    if (!this.initialized) {
      const init = chunk.ts[0]!;
      this.lastTs = bucketStart(init, delta, align);
      this.initialized = true;
      if (this.p.type === Agg.TWA) {
        const ta = twaTa(reverse, normalize(this.lastTs), this.lastTs + delta, this.p.start, this.p.end);
        const tb = twaTb(reverse, normalize(this.lastTs), this.lastTs + delta, this.p.start, this.p.end);
        this.twa.addBucketParams(!reverse ? ta : tb, !reverse ? tb : ta);
        if (!(!reverse && init === 0)) {
          const prev = reverse ? this.series.sampleRange(this.ks, init + 1, UINT64_MAX, false, 1) : this.series.sampleRange(this.ks, 0, init - 1, true, 1);
          if (prev.ts.length > 0) this.twa.addPrevBucketLastSample(prev.vals[0]!, prev.ts[0]!);
        }
      }
    }
    let scope = this.lastTs + delta;
    this.lastTs = normalize(this.lastTs);
    while (chunk !== undefined) {
      for (let si = 0; si < chunk.ts.length; si++) {
        const ts = chunk.ts[si]!;
        const value = chunk.vals[si]!;
        if ((!reverse && ts >= scope) || (reverse && ts < this.lastTs)) {
          let last: [number, number] | undefined;
          if (this.p.type === Agg.TWA) {
            this.twa.addNextBucketFirstSample(value, ts);
            last = this.twa.lastSample();
          }
          out.ts.push(bucketTimestamp(this.p.bucketTs, this.lastTs, delta));
          out.vals.push(this.ctx.finalize()[0]);
          this.ctx.reset();
          this.lastTs = bucketStart(ts, delta, align);
          if (this.p.empty) {
            let has = true;
            let first: number;
            let lastBucket: number;
            if (reverse) {
              first = normalize(scope - 2 * delta);
              lastBucket = this.lastTs + delta;
              if (scope < lastBucket + 2 * delta) has = false;
            } else {
              first = scope;
              if (first >= this.lastTs) has = false;
              lastBucket = normalize(this.lastTs - delta);
            }
            if (has && !this.fill(out, first, lastBucket)) return undefined;
          }
          scope = this.lastTs + delta;
          this.lastTs = normalize(this.lastTs);
          if (last !== undefined) {
            this.twa.addPrevBucketLastSample(last[1], last[0]);
            const tb = twaTb(reverse, this.lastTs, scope, this.p.start, this.p.end);
            this.twa.addBucketParams(!reverse ? this.lastTs : tb, !reverse ? tb : scope);
          }
        }
        this.ctx.append(value, ts);
      }
      if (out.ts.length > 0) return out;
      chunk = this.input[this.next++];
    }
    return this.finalize();
  }

  private finalize(): Samples | undefined {
    const { delta, reverse, align } = this.p;
    this.unfinalized = false;
    if (this.p.type === Agg.TWA) {
      const [lts] = this.twa.lastSample();
      if (!(reverse && lts === 0)) {
        const after = reverse ? this.series.sampleRange(this.ks, 0, lts - 1, true, 1) : this.series.sampleRange(this.ks, lts + 1, UINT64_MAX, false, 1);
        if (after.ts.length > 0) this.twa.addNextBucketFirstSample(after.vals[0]!, after.ts[0]!);
      }
    }
    const out: Samples = { ts: [bucketTimestamp(this.p.bucketTs, this.lastTs, delta)], vals: [this.ctx.finalize()[0]] };
    if (this.twaEmpty && !this.suffixDone) {
      this.suffixDone = true;
      const last = bucketStart(reverse ? this.p.start : this.p.end, delta, align);
      let first = bucketStart(out.ts[0]!, delta, align);
      let has = true;
      if (reverse) {
        if (u64(first) <= u64(last)) has = false;
        first -= delta;
      } else {
        if (u64(first) >= u64(last)) has = false;
        first += delta;
      }
      if (has && !this.fill(out, first, last)) return undefined;
    }
    return out;
  }
}

/** SeriesFilterTSIterator: only the listed timestamps; the first empty chunk ends it. */
function filterByTs(chunks: Samples[], values: readonly number[]): Samples[] {
  const set = new Set(values);
  const out: Samples[] = [];
  for (const chunk of chunks) {
    if (chunk.ts.length === 0) break;
    const kept: Samples = { ts: [], vals: [] };
    for (let i = 0; i < chunk.ts.length; i++) {
      if (set.has(chunk.ts[i]!)) {
        kept.ts.push(chunk.ts[i]!);
        kept.vals.push(chunk.vals[i]!);
      }
    }
    if (kept.ts.length > 0) out.push(kept);
  }
  return out;
}

/** SeriesFilterValIterator: values within [min, max]. */
function filterByValue(chunks: Samples[], [min, max]: [number, number]): Samples[] {
  const out: Samples[] = [];
  for (const chunk of chunks) {
    const kept: Samples = { ts: [], vals: [] };
    for (let i = 0; i < chunk.ts.length; i++) {
      const v = chunk.vals[i]!;
      if (v >= min && v <= max) {
        kept.ts.push(chunk.ts[i]!);
        kept.vals.push(v);
      }
    }
    if (kept.ts.length > 0) out.push(kept);
  }
  return out;
}

/** SeriesQuery then ReplySeriesRange's COUNT: the samples (or buckets) a range replies with. */
export function queryRange(ks: Keyspace, series: Series, args: RangeArgs, reverse: boolean, checkRetention = true): Samples {
  const start = checkRetention ? series.retentionStart(args.start) : args.start;
  let chunks = series.chunks(ks, start, args.end, reverse, args.latest);
  if (args.filterByTs !== undefined) chunks = filterByTs(chunks, args.filterByTs);
  if (args.filterByValue !== undefined) chunks = filterByValue(chunks, args.filterByValue);
  const limit = args.count === -1 ? Infinity : args.count;
  const out: Samples = { ts: [], vals: [] };
  const take = (chunk: Samples): void => {
    for (let i = 0; i < chunk.ts.length && out.ts.length < limit; i++) {
      out.ts.push(chunk.ts[i]!);
      out.vals.push(chunk.vals[i]!);
    }
  };
  const agg = args.aggregation;
  if (agg === undefined) {
    for (const chunk of chunks) take(chunk);
    return out;
  }
  const align = args.alignment === Align.START ? args.start : args.alignment === Align.END ? args.end : args.alignment === Align.TIMESTAMP ? args.alignTimestamp : 0;
  const it = new Aggregation(chunks, { type: agg.type, delta: agg.bucket, align, reverse, empty: agg.empty, bucketTs: agg.bucketTs, start: args.start, end: args.end }, series, ks);
  while (out.ts.length < limit) {
    const chunk = it.nextChunk();
    if (chunk === undefined) break;
    take(chunk);
  }
  return out;
}
