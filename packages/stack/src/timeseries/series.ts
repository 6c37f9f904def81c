import { type Bytes, mallocSize, type RedisObject } from '@fakeredis/core';
import { Agg, type Aggregator, contextSize, newAggregator, type Twa } from './aggregation.js';
import { type Chunk, CompressedChunk, Dup, firstTimestamp, lastTimestamp, UncompressedChunk } from './chunk.js';
import { ERR_TS_BLOCKED, ERR_TS_OLD } from './errors.js';
import { type CreateArgs, type Label, SERIES_OPT_COMPRESSED, SERIES_OPT_UNCOMPRESSED } from './query.js';

/**
 * A series (src/tsdb.c): its chunks in a dict keyed by each chunk's first timestamp, its
 * compaction rules and labels. The module's keyspace is reached through `Keyspace`, as
 * its GetSeries opens other keys (a rule's destination, a compaction's source).
 */

export interface Samples {
  ts: number[];
  vals: number[];
}

export interface Rule {
  destKey: Bytes;
  type: Agg;
  bucket: number;
  align: number;
  ctx: Aggregator;
  /** startCurrentTimeBucket: -1 before the first sample. */
  start: number;
  /** The destination series itself (not after an RDB load), to follow it through a RENAME. */
  dest?: Series;
}

/** GetSeries with isSilent: the series at a key (opened for writing or reading), undefined when missing or of another type. */
export interface Keyspace {
  series(key: Bytes, write: boolean): Series | undefined;
  /**
   * The key holding `series` now: `name` when it still does, else the key it was renamed
   * to (found by identity, touching nothing), undefined when it is gone.
   */
  locate(name: Bytes, series: Series): Bytes | undefined;
  /** A module keyspace event (class 'd'), as RedisModule_NotifyKeyspaceEvent(REDISMODULE_NOTIFY_MODULE). */
  notify(event: string, key: Bytes): void;
}

export const UINT64_MAX = 2 ** 64;
const SERIES_STRUCT = 160;
const RULE_STRUCT = 64;
const SPLIT_FACTOR = 1.2;

/** CalcBucketStart: the start of ts's bucket (may be below 0, as the module's uint64 wraps). */
export function bucketStart(ts: number, bucket: number, align: number): number {
  const diff = ts - align;
  return ts - (((diff % bucket) + bucket) % bucket);
}

/** BucketStartNormalize. */
export const normalize = (ts: number): number => Math.max(0, ts);

/**
 * RedisModule_MallocSizeString of a label string: an embstr (a command's argument up to
 * 44 bytes) or a raw string, whose sds header sdsnewlen picks by length (type 5 below 32).
 */
function stringSize(s: Bytes, raw: boolean): number {
  if (!raw && s.length <= 44) return mallocSize(s.length + 20);
  const header = s.length > 0 && s.length < 32 ? 1 : s.length < 256 ? 3 : s.length < 65536 ? 5 : 9;
  return 16 + mallocSize(header + s.length + 1);
}

/** Nodes of the rax holding these 8-byte big-endian keys (RedisModule_MallocSizeDict counts them). */
function raxNodes(keys: readonly string[], depth: number): number {
  if (depth === 8) return 1;
  let common = 0;
  const first = keys[0]!;
  while (depth + common < 8 && keys.every((k) => k.charCodeAt(depth + common) === first.charCodeAt(depth + common))) common++;
  if (common > 0) return 1 + raxNodes(keys, depth + common);
  const groups = new Map<number, string[]>();
  for (const k of keys) {
    const c = k.charCodeAt(depth);
    const g = groups.get(c);
    if (g === undefined) groups.set(c, [k]);
    else g.push(k);
  }
  let n = 1;
  for (const g of groups.values()) n += raxNodes(g, depth + 1);
  return n;
}

const beKey = (key: number): string => {
  const hex = BigInt(key).toString(16).padStart(16, '0');
  let s = '';
  for (let i = 0; i < 16; i += 2) s += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return s;
};

export interface Entry {
  key: number;
  chunk: Chunk;
}

export class Series implements RedisObject {
  readonly type = 'TSDB-TYPE';
  keyName: Bytes;
  entries: Entry[] = [];
  lastChunk: Chunk;
  chunkSizeBytes: number;
  retention: number;
  srcKey: Bytes | undefined = undefined;
  /** The source series itself (not after an RDB load), to follow it through a RENAME. */
  src: Series | undefined = undefined;
  rules: Rule[] = [];
  lastTimestamp = 0;
  lastValue = 0;
  totalSamples = 0;
  labels: Label[];
  /**
   * For labels loaded from an RDB: which of each label's strings RedisModule_LoadString
   * made raw (all of them before Redis 7.4). An empty list is then still allocated (calloc(0)).
   */
  rawLabels: Array<[boolean, boolean]> | undefined = undefined;
  options: number;
  duplicatePolicy: Dup;
  ignoreMaxTimeDiff: number;
  ignoreMaxValDiff: number;

  /** NewSeries: one empty chunk under key 0. */
  constructor(keyName: Bytes, args: CreateArgs, skipChunk = false) {
    this.keyName = keyName;
    this.chunkSizeBytes = args.chunkSize;
    this.retention = args.retention;
    this.labels = args.labels;
    this.options = args.options | (args.options & SERIES_OPT_UNCOMPRESSED ? SERIES_OPT_UNCOMPRESSED : SERIES_OPT_COMPRESSED);
    this.duplicatePolicy = args.duplicatePolicy;
    this.ignoreMaxTimeDiff = args.ignoreMaxTimeDiff;
    this.ignoreMaxValDiff = args.ignoreMaxValDiff;
    this.lastChunk = this.newChunk();
    if (!skipChunk) this.entries.push({ key: 0, chunk: this.lastChunk });
  }

  get compressed(): boolean {
    return (this.options & SERIES_OPT_UNCOMPRESSED) === 0;
  }

  newChunk(size = this.chunkSizeBytes): Chunk {
    return this.compressed ? new CompressedChunk(size) : new UncompressedChunk(size);
  }

  // ---- the chunk dict ------------------------------------------------------------

  /** The index of the first entry whose key is above `key` (binary search, as the rax seeks). */
  private dictAbove(key: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid]!.key <= key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** DICT_OP_SET: adds the key unless it is there. */
  dictSet(key: number, chunk: Chunk): void {
    const i = this.dictAbove(key);
    if (i > 0 && this.entries[i - 1]!.key === key) return;
    this.entries.splice(i, 0, { key, chunk });
  }

  dictDel(key: number): boolean {
    const i = this.dictAbove(key) - 1;
    if (i < 0 || this.entries[i]!.key !== key) return false;
    this.entries.splice(i, 1);
    return true;
  }

  /** The entry of the largest key <= `key` (a "<=" seek), or -1. */
  dictFloor(key: number): number {
    return this.dictAbove(key) - 1;
  }

  /** update_chunk_in_dict: the chunk's first timestamp changed. */
  private rekey(chunk: Chunk, from: number, to: number): void {
    if (!this.dictDel(from)) this.dictDel(0);
    this.dictSet(to, chunk);
  }

  // ---- writes --------------------------------------------------------------------

  /** SeriesTrim: whole chunks older than the retention go when a new chunk starts. */
  trim(): void {
    if (this.retention === 0) return;
    const min = this.lastTimestamp > this.retention ? this.lastTimestamp - this.retention : 0;
    while (this.entries.length > 0) {
      const chunk = this.entries[0]!.chunk;
      if (lastTimestamp(chunk) >= min) break;
      this.entries.shift();
      this.totalSamples -= chunk.ts.length;
    }
  }

  /** SeriesAddSample: appends after the last sample, starting a chunk when the last is full. */
  addSample(ts: number, value: number): void {
    if (!this.lastChunk.add(ts, value)) {
      this.trim();
      const chunk = this.newChunk();
      this.dictSet(ts, chunk);
      chunk.add(ts, value);
      this.lastChunk = chunk;
    }
    this.lastTimestamp = ts;
    this.lastValue = value;
    this.totalSamples++;
  }

  /** SeriesUpsertSample: false when the BLOCK policy refuses a duplicate. */
  upsertSample(ks: Keyspace, ts: number, value: number, policy: Dup): boolean {
    let latest = true;
    let chunk = this.lastChunk;
    let chunkFirst = firstTimestamp(chunk);
    if (ts < chunkFirst && this.entries.length > 1) {
      latest = false;
      const at = this.dictFloor(ts);
      chunk = this.entries[at < 0 ? 0 : at]!.chunk;
      chunkFirst = firstTimestamp(chunk);
    }
    if (chunk.size > this.chunkSizeBytes * SPLIT_FACTOR) {
      const split = chunk.split();
      const splitFirst = firstTimestamp(split);
      this.dictSet(splitFirst, split);
      if (ts >= splitFirst) {
        chunk = split;
        chunkFirst = splitFirst;
      }
      if (latest) this.lastChunk = split;
    }
    const added = chunk.upsert(ts, value, policy);
    if (added === undefined) return false;
    this.totalSamples += added;
    if (ts === this.lastTimestamp) this.lastValue = chunk.vals[chunk.ts.indexOf(ts)]!;
    const after = firstTimestamp(chunk);
    if (after !== chunkFirst) this.rekey(chunk, chunkFirst, after);
    this.upsertCompaction(ks, ts);
    return true;
  }

  /** SeriesDelRange: the samples of [start, end], then the compactions' buckets they were in. */
  delRange(ks: Keyspace, start: number, end: number): number {
    let deleted = 0;
    let cursor = -1;
    for (;;) {
      const entry = this.entries[this.dictAbove(cursor)];
      if (entry === undefined) break;
      const chunk = entry.chunk;
      cursor = entry.key;
      if (chunk.ts.length === 0 || firstTimestamp(chunk) > end) break;
      if (lastTimestamp(chunk) < start) continue;
      const onlyChunk = chunk.ts.length + deleted === this.totalSamples;
      const whole = firstTimestamp(chunk) >= start && lastTimestamp(chunk) <= end && !onlyChunk;
      if (!whole) {
        const before = firstTimestamp(chunk);
        deleted += chunk.delRange(start, end);
        const after = firstTimestamp(chunk);
        if (after !== before) {
          this.rekey(chunk, before, after);
          cursor = after;
        }
        continue;
      }
      this.dictDel(entry.key);
      deleted += chunk.ts.length;
      if (chunk === this.lastChunk) this.lastChunk = this.entries[this.entries.length - 1]!.chunk;
    }
    this.totalSamples -= deleted;
    const lastBefore = this.lastTimestamp;
    if (end >= this.lastTimestamp && start <= this.lastTimestamp) {
      const last = this.entries[this.entries.length - 1]?.chunk;
      if (last === undefined || last.ts.length === 0) {
        this.lastTimestamp = 0;
        this.lastValue = 0;
      } else {
        this.lastTimestamp = lastTimestamp(last);
        this.lastValue = last.vals[last.vals.length - 1]!;
      }
    }
    this.compactionDelRange(ks, start, end, lastBefore);
    return deleted;
  }

  // ---- compaction rules ------------------------------------------------------------

  getRule(destKey: Bytes): Rule | undefined {
    return this.rules.find((r) => r.destKey === destKey);
  }

  deleteRule(destKey: Bytes): boolean {
    const i = this.rules.findIndex((r) => r.destKey === destKey);
    if (i < 0) return false;
    this.rules.splice(i, 1);
    return true;
  }

  /**
   * The module renames a series' references when it is renamed (RenameSeriesTo, on the
   * rename keyspace events); here the source and destinations are followed by identity
   * when their names no longer hold them, before anything reads the names.
   */
  followRenames(ks: Keyspace): void {
    if (this.srcKey !== undefined && this.src !== undefined) {
      const now = ks.locate(this.srcKey, this.src);
      if (now === undefined) this.src = undefined;
      else this.srcKey = now;
    }
    for (const rule of this.rules) {
      if (rule.dest === undefined) continue;
      const now = ks.locate(rule.destKey, rule.dest);
      if (now === undefined) rule.dest = undefined;
      else rule.destKey = now;
    }
  }

  /** deleteReferenceToDeletedSeries: drops the source and rules whose other end is gone or no longer points back. */
  dropDeadReferences(ks: Keyspace): void {
    if (this.srcKey !== undefined) {
      const src = ks.series(this.srcKey, false);
      if (src === undefined || src.getRule(this.keyName) === undefined) {
        this.srcKey = undefined;
        this.src = undefined;
      }
    }
    for (const rule of this.rules.slice()) {
      const dest = ks.series(rule.destKey, false);
      if (dest === undefined || dest.srcKey === undefined || dest.srcKey !== this.keyName) this.deleteRule(rule.destKey);
    }
  }

  /** handleCompaction: a new last sample; a finished bucket goes to the rule's destination. */
  compact(ks: Keyspace, rule: Rule, ts: number, value: number): void {
    const current = bucketStart(ts, rule.bucket, rule.align);
    const normalized = normalize(current);
    if (rule.start === -1) {
      rule.start = normalized;
      if (rule.type === Agg.TWA) (rule.ctx as Twa).addBucketParams(normalized, current + rule.bucket);
    }
    if (normalized > rule.start) {
      const dest = ks.series(rule.destKey, true);
      if (dest === undefined) return;
      if (rule.type === Agg.TWA) (rule.ctx as Twa).addNextBucketFirstSample(value, ts);
      const [aggregated, ok] = rule.ctx.finalize();
      if (ok) {
        dest.add(ks, rule.start, aggregated, Dup.LAST);
        ks.notify('ts.add:dest', rule.destKey);
      }
      const last = rule.type === Agg.TWA ? (rule.ctx as Twa).lastSample() : undefined;
      rule.ctx.reset();
      if (last !== undefined) {
        (rule.ctx as Twa).addBucketParams(normalized, current + rule.bucket);
        (rule.ctx as Twa).addPrevBucketLastSample(last[1], last[0]);
      }
      rule.start = normalized;
    }
    rule.ctx.append(value, ts);
  }

  /**
   * internalAdd: a sample through the retention check, the IGNORE filter and the
   * duplicate policy. 'ignored' when IGNORE drops it (the reply is the last timestamp).
   */
  add(ks: Keyspace, ts: number, value: number, override: Dup, globalPolicy = Dup.BLOCK): 'ok' | 'ignored' | typeof ERR_TS_OLD | typeof ERR_TS_BLOCKED {
    const last = this.lastTimestamp;
    if (this.retention && ts < last && this.retention < last - ts) return ERR_TS_OLD;
    const policy = override !== Dup.NONE ? override : this.duplicatePolicy !== Dup.NONE ? this.duplicatePolicy : globalPolicy;
    if (
      policy === Dup.LAST && this.srcKey === undefined && this.totalSamples !== 0 && ts >= last &&
      ts - last <= this.ignoreMaxTimeDiff && Math.abs(value - this.lastValue) <= this.ignoreMaxValDiff
    ) {
      return 'ignored';
    }
    if (ts <= last && this.totalSamples !== 0) {
      if (!this.upsertSample(ks, ts, value, policy)) return ERR_TS_BLOCKED;
      return 'ok';
    }
    this.addSample(ts, value);
    if (this.rules.length > 0) this.dropDeadReferences(ks);
    for (const rule of this.rules.slice()) this.compact(ks, rule, ts, value);
    return 'ok';
  }

  /** SeriesCalcRange: a bucket's aggregation from the samples, or (no `wantValue`) the rule's new context. */
  calcRange(ks: Keyspace, start: number, end: number, rule: Rule, wantValue: boolean): { value: number; empty: boolean } {
    const ctx = newAggregator(rule.type, false);
    const next = end >= UINT64_MAX - 1 ? 0 : end + 1;
    if (rule.type === Agg.TWA) {
      (ctx as Twa).addBucketParams(start, next);
      if (start > 0) {
        const prev = this.sampleRange(ks, 0, start - 1, true, 1);
        if (prev.ts.length > 0) (ctx as Twa).addPrevBucketLastSample(prev.vals[0]!, prev.ts[0]!);
      }
    }
    const inside = this.sampleRange(ks, start, end, false);
    for (let i = 0; i < inside.ts.length; i++) ctx.append(inside.vals[i]!, inside.ts[i]!);
    const empty = inside.ts.length === 0;
    if (rule.type === Agg.TWA) {
      const after = this.sampleRange(ks, next, UINT64_MAX, false, 1);
      if (after.ts.length > 0) (ctx as Twa).addNextBucketFirstSample(after.vals[0]!, after.ts[0]!);
    }
    let value = 0;
    if (!wantValue) rule.ctx = ctx;
    else if (!empty) value = ctx.finalize()[0];
    return { value, empty };
  }

  /** RuleSeriesUpsertSample. */
  private ruleUpsert(ks: Keyspace, rule: Rule, start: number, value: number): boolean {
    const dest = ks.series(rule.destKey, true);
    if (dest === undefined) return false;
    if (dest.totalSamples === 0) dest.addSample(start, value);
    else dest.upsertSample(ks, start, value, Dup.LAST);
    return true;
  }

  /** upsertCompaction: an upserted sample recomputes its bucket in each rule's destination. */
  private upsertCompaction(ks: Keyspace, ts: number): void {
    if (this.rules.length === 0) return;
    this.dropDeadReferences(ks);
    for (const rule of this.rules.slice()) {
      const current = bucketStart(this.lastTimestamp, rule.bucket, rule.align);
      const currentNormalized = normalize(current);
      if (ts >= currentNormalized) {
        this.calcRange(ks, currentNormalized, current + rule.bucket - 1, rule, false);
      } else {
        const start = bucketStart(ts, rule.bucket, rule.align);
        const { value } = this.calcRange(ks, normalize(start), start + rule.bucket - 1, rule, true);
        this.ruleUpsert(ks, rule, normalize(start), value);
      }
    }
  }

  /** CompactionDelRange: buckets the deletion touched are recomputed or deleted in each rule's destination. */
  private compactionDelRange(ks: Keyspace, start: number, end: number, lastBefore: number): void {
    if (this.rules.length === 0) return;
    this.dropDeadReferences(ks);
    for (const rule of this.rules.slice()) {
      const bucket = rule.bucket;
      const current = bucketStart(lastBefore, bucket, rule.align);
      const currentNormalized = normalize(current);
      let latestDeleted = false;
      if (start >= currentNormalized) {
        if (this.calcRange(ks, currentNormalized, current + bucket - 1, rule, false).empty) latestDeleted = true;
      } else {
        const startBucket = bucketStart(start, bucket, rule.align);
        const startNormalized = normalize(startBucket);
        const endBucket = bucketStart(end, bucket, rule.align);
        const endNormalized = normalize(endBucket);
        let from: number;
        let to: number;
        const first = this.calcRange(ks, startNormalized, startBucket + bucket - 1, rule, true);
        if (first.empty) {
          from = startNormalized;
        } else {
          from = startBucket + bucket;
          if (!this.ruleUpsert(ks, rule, startNormalized, first.value)) continue;
        }
        if (end >= currentNormalized) {
          if (this.calcRange(ks, currentNormalized, UINT64_MAX - 1, rule, false).empty) latestDeleted = true;
          to = normalize(endBucket - bucket);
        } else {
          const last = this.calcRange(ks, endNormalized, endBucket + bucket - 1, rule, true);
          if (last.empty) {
            to = endNormalized;
          } else {
            to = normalize(endBucket - bucket);
            if (!this.ruleUpsert(ks, rule, endNormalized, last.value)) continue;
          }
        }
        if (to >= from) ks.series(rule.destKey, true)?.delRange(ks, from, to);
      }
      if (latestDeleted) {
        // The destination's last sample before the old last bucket becomes the current bucket.
        const last = this.deleteSampleBefore(ks, rule.destKey, lastBefore) ?? 0;
        const wind = normalize(bucketStart(last, bucket, rule.align));
        const { empty } = this.calcRange(ks, wind, wind + bucket - 1, rule, false);
        rule.start = empty ? -1 : wind;
      }
    }
  }

  /** delete_sample_before: the last sample of the destination's chunk keyed before `ts`, deleted. */
  private deleteSampleBefore(ks: Keyspace, destKey: Bytes, ts: number): number | undefined {
    const dest = ks.series(destKey, true);
    if (dest === undefined) return undefined;
    // A "<" seek: the largest key below ts.
    const at = dest.dictFloor(ts - 1);
    const chunk = at < 0 ? undefined : dest.entries[at]!.chunk;
    if (chunk === undefined || chunk.ts.length === 0) return undefined;
    const deleted = lastTimestamp(chunk);
    dest.delRange(ks, deleted, deleted);
    return deleted;
  }

  // ---- reads -----------------------------------------------------------------------

  /** The first sample within the retention and how many older ones the chunks still hold (TS.INFO). */
  firstValid(): [number, number] {
    if (this.totalSamples === 0) return [0, 0];
    const min = this.retention && this.retention < this.lastTimestamp ? this.lastTimestamp - this.retention : 0;
    let skipped = 0;
    let ts = 0;
    for (const { chunk } of this.entries) {
      for (const t of chunk.ts) {
        if (t > this.lastTimestamp) continue;
        ts = t;
        if (t >= min) return [ts, skipped];
        skipped++;
      }
    }
    return [ts, skipped];
  }

  /**
   * SeriesIterator: the chunks' samples in [min, max], chunk by chunk as the module hands
   * them on (an empty chunk ends some consumers), with LATEST's unfinished bucket of a
   * compaction first (reverse) or last.
   */
  chunks(ks: Keyspace, min: number, max: number, reverse: boolean, latest: boolean): Samples[] {
    const out: Samples[] = [];
    const entries = this.entries;
    let pos = reverse ? this.dictFloor(max) : this.dictFloor(min);
    if (pos < 0) pos = 0;
    const applies = (): boolean => latest && this.srcKey !== undefined && max > this.lastTimestamp;
    const latestChunk = (current: Samples): Samples => {
      const sample = this.latestSample(ks);
      latest = false;
      if (sample !== undefined && sample[0] <= max && sample[0] >= min) return { ts: [sample[0]], vals: [sample[1]] };
      return current;
    };
    for (;;) {
      if (reverse && applies()) {
        out.push(latestChunk({ ts: [], vals: [] }));
        continue;
      }
      const chunk = pos >= 0 && pos < entries.length ? entries[pos]!.chunk : undefined;
      if (chunk === undefined || chunk.ts.length === 0) {
        if (applies()) {
          out.push(latestChunk({ ts: [], vals: [] }));
          continue;
        }
        return out;
      }
      const samples: Samples = { ts: [], vals: [] };
      for (let i = 0; i < chunk.ts.length; i++) {
        const t = chunk.ts[i]!;
        if (t >= min && t <= max) {
          samples.ts.push(t);
          samples.vals.push(chunk.vals[i]!);
        }
      }
      if (reverse) {
        samples.ts.reverse();
        samples.vals.reverse();
      }
      pos += reverse ? -1 : 1;
      if (!reverse && lastTimestamp(chunk) < min) continue;
      if (samples.ts.length > 0 || !applies()) out.push(samples);
      else out.push(latestChunk(samples));
    }
  }

  /** The start of the retention window a query sees. */
  retentionStart(start: number): number {
    if (this.retention > 0 && this.lastTimestamp > this.retention) return Math.max(start, this.lastTimestamp - this.retention);
    return start;
  }

  /** SeriesCreateSampleIterator without options: the samples of [start, end] within the retention, at most `limit`. */
  sampleRange(ks: Keyspace, start: number, end: number, reverse: boolean, limit = Infinity): Samples {
    const out: Samples = { ts: [], vals: [] };
    for (const chunk of this.chunks(ks, this.retentionStart(start), end, reverse, false)) {
      for (let i = 0; i < chunk.ts.length && out.ts.length < limit; i++) {
        out.ts.push(chunk.ts[i]!);
        out.vals.push(chunk.vals[i]!);
      }
    }
    return out;
  }

  /** calculate_latest_sample: a compaction's unfinished bucket from its source's rule. */
  latestSample(ks: Keyspace): [number, number] | undefined {
    if (this.srcKey === undefined) return undefined;
    const src = ks.series(this.srcKey, false);
    if (src === undefined || src.totalSamples === 0) return undefined;
    const rule = src.getRule(this.keyName);
    if (rule === undefined || rule.start === -1) return undefined;
    return [rule.start, rule.ctx.clone().finalize()[0]];
  }

  // ---- the value -------------------------------------------------------------------

  /** SeriesMemUsage: TS.INFO's memoryUsage and MEMORY USAGE's share of the value. */
  memUsage(): number {
    let size = mallocSize(SERIES_STRUCT);
    for (const rule of this.rules) size += mallocSize(RULE_STRUCT) + contextSize(rule.type);
    if (this.labels.length > 0) size += mallocSize(16 * this.labels.length);
    else if (this.rawLabels !== undefined) size += mallocSize(0);
    this.labels.forEach(([k, v], i) => {
      const raw = this.rawLabels?.[i];
      size += stringSize(k, raw?.[0] ?? false) + stringSize(v, raw?.[1] ?? false);
    });
    size += 32 + 244 * raxNodes(this.entries.map((e) => beKey(e.key)), 0);
    for (const { chunk } of this.entries) size += chunk.memSize();
    return size;
  }

  encoding(): string {
    return 'raw';
  }

  memoryUsage(): number {
    return this.memUsage();
  }

  /** CopySeries: the chunks and labels, without rules or source. */
  clone(): Series {
    const copy = Object.assign(Object.create(Series.prototype) as Series, this);
    copy.labels = this.labels.map(([k, v]) => [k, v] as Label);
    copy.rawLabels = this.rawLabels?.map(([k, v]) => [k, v]);
    copy.entries = this.entries.map(({ key, chunk }) => {
      const c = chunk.clone();
      if (chunk === this.lastChunk) copy.lastChunk = c;
      return { key, chunk: c };
    });
    copy.srcKey = undefined;
    copy.src = undefined;
    copy.rules = [];
    return copy;
  }
}

/** NewRule. */
export function newRule(destKey: Bytes, type: Agg, bucket: number, align: number): Rule {
  return { destKey, type, bucket, align, ctx: newAggregator(type, false), start: -1 };
}
