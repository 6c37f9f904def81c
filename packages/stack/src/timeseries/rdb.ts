import { type Bytes, type FakeServer, lzfCompress, RdbError, type RdbReader, type RdbWriter } from '@fakeredis/core';
import { loadDouble, loadStringBuffer, loadUnsigned, saveDouble, saveStringBuffer, saveUnsigned } from '../module-io.js';
import { Agg, type Aggregator, newAggregator, type Twa } from './aggregation.js';
import { type Chunk, CompressedChunk, Dup, firstTimestamp, UncompressedChunk } from './chunk.js';
import { DEFAULT_CHUNK_SIZE, SERIES_OPT_UNCOMPRESSED } from './query.js';
import { Series } from './series.js';

/**
 * series_rdb_save / series_rdb_load of src/rdb.c at encoding version 8 (older versions
 * load as the module loads them), with each chunk's Compressed/Uncompressed_SaveToRDB: a
 * compressed chunk's Gorilla bits are written as gorilla.c lays them out, so DUMP's bytes
 * are the module's.
 */

export const TS_ENCODING_VERSION = 8;
const TS_UNCOMPRESSED_VER = 1;
const TS_SIZE_RDB_VER = 2;
const TS_IS_RESSETED_DUP_POLICY_RDB_VER = 3;
const TS_OVERFLOW_RDB_VER = 4;
const TS_ALIGNMENT_TS_VER = 6;
const TS_CREATE_IGNORE_VER = 8;
const U64 = (1n << 64n) - 1n;

const f64 = new DataView(new ArrayBuffer(8));
const doubleBits = (d: number): bigint => {
  f64.setFloat64(0, d);
  return f64.getBigUint64(0);
};
const bitsDouble = (b: bigint): number => {
  f64.setBigUint64(0, b & U64);
  return f64.getFloat64(0);
};
const clz64 = (x: bigint): number => (x === 0n ? 64 : 64 - x.toString(2).length);
const ctz64 = (x: bigint): number => {
  let n = 0;
  while (n < 64 && ((x >> BigInt(n)) & 1n) === 0n) n++;
  return n;
};
const inRange = (x: bigint, bits: number): boolean => x >= -(1n << BigInt(bits - 1)) && x <= (1n << BigInt(bits - 1)) - 1n;

/** gorilla.c's bit stream of a chunk's samples (bits in each 64-bit word from the lowest, little-endian words). */
export function gorillaBits(chunk: CompressedChunk): Uint8Array {
  const data = new Uint8Array(chunk.size);
  let idx = 0;
  const put = (value: bigint, len: number): void => {
    for (let i = 0; i < len; i++, idx++) if ((value >> BigInt(i)) & 1n) data[idx >> 3]! |= 1 << (idx & 7);
  };
  if (chunk.ts.length === 0) return data;
  let prevTs = BigInt(chunk.ts[0]!);
  let prevDelta = 0n;
  let prevBits = doubleBits(chunk.vals[0]!);
  let prevLeading = 32;
  let prevTrailing = 32;
  for (let i = 1; i < chunk.ts.length; i++) {
    const ts = BigInt(chunk.ts[i]!);
    const delta = ts - prevTs;
    const dd = delta - prevDelta;
    if (dd === 0n) put(0n, 1);
    else if (inRange(dd, 5)) (put(1n, 2), put(BigInt.asUintN(5, dd), 5));
    else if (inRange(dd, 8)) (put(3n, 3), put(BigInt.asUintN(8, dd), 8));
    else if (inRange(dd, 11)) (put(7n, 4), put(BigInt.asUintN(11, dd), 11));
    else if (inRange(dd, 15)) (put(15n, 5), put(BigInt.asUintN(15, dd), 15));
    else if (inRange(dd, 32)) (put(31n, 6), put(BigInt.asUintN(32, dd), 32));
    else (put(63n, 6), put(BigInt.asUintN(64, dd), 64));
    prevDelta = delta;
    prevTs = ts;
    const bits = doubleBits(chunk.vals[i]!);
    const xor = bits ^ prevBits;
    if (xor === 0n) {
      put(0n, 1);
    } else {
      put(1n, 1);
      const leading = Math.min(clz64(xor), 31);
      const trailing = ctz64(xor);
      const block = 64 - leading - trailing;
      const prevBlock = 64 - prevLeading - prevTrailing;
      if (leading >= prevLeading && trailing >= prevTrailing && 11 + block > prevBlock) {
        put(0n, 1);
        put(xor >> BigInt(prevTrailing), prevBlock);
      } else {
        put(1n, 1);
        put(BigInt(leading), 5);
        put(BigInt(block - 1), 6);
        put(xor >> BigInt(trailing), block);
        prevLeading = leading;
        prevTrailing = trailing;
      }
    }
    prevBits = bits;
  }
  return data;
}

/** Compressed_ChunkIteratorGetNext over `count` samples of the bits. */
function gorillaSamples(data: Uint8Array, count: number, baseTs: bigint, baseValue: bigint): { ts: number[]; vals: number[] } {
  let idx = 0;
  const bit = (): number => {
    if (idx >> 3 >= data.length) throw new RdbError('compressed chunk shorter than its samples');
    const b = (data[idx >> 3]! >> (idx & 7)) & 1;
    idx++;
    return b;
  };
  const read = (len: number): bigint => {
    let v = 0n;
    for (let i = 0; i < len; i++) if (bit()) v |= 1n << BigInt(i);
    return v;
  };
  const signed = (v: bigint, len: number): bigint => BigInt.asIntN(len, v);
  const ts: number[] = [];
  const vals: number[] = [];
  if (count === 0) return { ts, vals };
  let prevTs = baseTs;
  let prevDelta = 0n;
  let prevValue = baseValue;
  let leading = 0;
  let trailing = 0;
  let block = 0;
  ts.push(Number(baseTs));
  vals.push(bitsDouble(baseValue));
  for (let n = 1; n < count; n++) {
    if (bit() !== 0) {
      const sizes = [5, 8, 11, 15, 32];
      let read64 = true;
      for (const size of sizes) {
        if (bit() === 0) {
          prevDelta += signed(read(size), size);
          read64 = false;
          break;
        }
      }
      if (read64) prevDelta = BigInt.asIntN(64, prevDelta + read(64));
    }
    prevTs = BigInt.asUintN(64, prevTs + prevDelta);
    if (bit() !== 0) {
      let xor: bigint;
      if (bit() === 0) {
        xor = read(block) << BigInt(trailing);
      } else {
        leading = Number(read(5));
        block = Number(read(6)) + 1;
        trailing = 64 - leading - block;
        xor = read(block) << BigInt(trailing);
      }
      prevValue = (xor ^ prevValue) & U64;
    }
    ts.push(Number(prevTs));
    vals.push(bitsDouble(prevValue));
  }
  return { ts, vals };
}

function saveString(w: RdbWriter, s: Bytes): void {
  w.length(5);
  w.string(s);
}

function loadString(r: RdbReader): Bytes {
  if (r.length() !== 5) throw new RdbError('module value of the wrong kind');
  return r.string();
}

/** The rule contexts' writeContext. */
function saveContext(w: RdbWriter, ctx: Aggregator): void {
  const c = ctx as unknown as Record<string, number | boolean>;
  switch (ctx.type) {
    case Agg.MIN: case Agg.MAX: case Agg.RANGE:
      saveDouble(w, c.max as number);
      saveDouble(w, c.min as number);
      return;
    case Agg.SUM: case Agg.COUNT: case Agg.LAST:
      saveDouble(w, c.value as number);
      return;
    case Agg.FIRST:
      saveDouble(w, c.value as number);
      saveUnsigned(w, c.fresh ? 1 : 0);
      return;
    case Agg.AVG:
      saveDouble(w, c.val as number);
      saveDouble(w, c.cnt as number);
      saveUnsigned(w, c.overflow ? 1 : 0);
      return;
    case Agg.TWA: {
      const t = ctx as Twa;
      saveDouble(w, t.res);
      saveUnsigned(w, BigInt.asUintN(64, BigInt(t.prevTS)));
      saveDouble(w, t.prevValue);
      saveUnsigned(w, BigInt.asUintN(64, BigInt(t.bucketStartTS)));
      saveUnsigned(w, BigInt.asUintN(64, BigInt(t.bucketEndTS)));
      saveUnsigned(w, BigInt.asUintN(64, BigInt(t.firstTs)));
      saveUnsigned(w, BigInt.asUintN(64, BigInt(t.lastTs)));
      saveUnsigned(w, t.isFirstBucket ? 1 : 0);
      saveUnsigned(w, t.iteration);
      saveUnsigned(w, t.reverse ? 1 : 0);
      return;
    }
    default:
      saveDouble(w, c.sum as number);
      saveDouble(w, c.sum2 as number);
      saveUnsigned(w, c.cnt as number);
  }
}

/** The rule contexts' readContext at `encver`. */
function loadContext(r: RdbReader, type: Agg, encver: number): Aggregator {
  const ctx = newAggregator(type, false);
  const c = ctx as unknown as Record<string, number | boolean>;
  const num = (b: bigint): number => Number(BigInt.asIntN(64, b));
  switch (type) {
    case Agg.MIN: case Agg.MAX: case Agg.RANGE:
      c.max = loadDouble(r);
      c.min = loadDouble(r);
      if (encver < TS_ALIGNMENT_TS_VER) loadStringBuffer(r);
      break;
    case Agg.SUM: case Agg.COUNT: case Agg.LAST:
      c.value = loadDouble(r);
      if (encver >= TS_IS_RESSETED_DUP_POLICY_RDB_VER && encver < 7) loadUnsigned(r);
      break;
    case Agg.FIRST:
      c.value = loadDouble(r);
      if (encver >= TS_IS_RESSETED_DUP_POLICY_RDB_VER) c.fresh = loadUnsigned(r) !== 0n;
      break;
    case Agg.AVG:
      c.val = loadDouble(r);
      c.cnt = loadDouble(r);
      c.overflow = encver >= TS_OVERFLOW_RDB_VER ? loadUnsigned(r) !== 0n : false;
      break;
    case Agg.TWA: {
      const t = ctx as Twa;
      t.res = loadDouble(r);
      t.prevTS = num(loadUnsigned(r));
      t.prevValue = loadDouble(r);
      t.bucketStartTS = num(loadUnsigned(r));
      t.bucketEndTS = num(loadUnsigned(r));
      t.firstTs = num(loadUnsigned(r));
      t.lastTs = num(loadUnsigned(r));
      t.isFirstBucket = loadUnsigned(r) !== 0n;
      t.iteration = num(loadUnsigned(r));
      (t as { reverse: boolean }).reverse = loadUnsigned(r) !== 0n;
      break;
    }
    default:
      c.sum = loadDouble(r);
      c.sum2 = loadDouble(r);
      c.cnt = Number(loadUnsigned(r));
  }
  return ctx;
}

/** Uncompressed_SaveToRDB / Compressed_SaveToRDB. */
function saveChunk(w: RdbWriter, chunk: Chunk): void {
  if (chunk instanceof CompressedChunk) {
    const state = chunk.encoderState();
    saveUnsigned(w, chunk.size);
    saveUnsigned(w, chunk.ts.length);
    saveUnsigned(w, chunk.idx);
    saveUnsigned(w, chunk.ts.length === 0 ? 0n : doubleBits(chunk.vals[0]!));
    saveUnsigned(w, firstTimestamp(chunk));
    saveUnsigned(w, state.prevTs);
    saveUnsigned(w, BigInt.asUintN(64, BigInt(state.prevDelta)));
    saveUnsigned(w, state.prevBits);
    saveUnsigned(w, state.prevLeading);
    saveUnsigned(w, state.prevTrailing);
    saveStringBuffer(w, gorillaBits(chunk));
    return;
  }
  saveUnsigned(w, firstTimestamp(chunk));
  saveUnsigned(w, chunk.ts.length);
  saveUnsigned(w, chunk.size);
  // The samples; past them the module's buffer holds whatever the allocation held (zeros here).
  const buf = new DataView(new ArrayBuffer(chunk.size));
  for (let i = 0; i < chunk.ts.length; i++) {
    buf.setBigUint64(16 * i, BigInt(chunk.ts[i]!), true);
    buf.setFloat64(16 * i + 8, chunk.vals[i]!, true);
  }
  saveStringBuffer(w, new Uint8Array(buf.buffer));
}

function loadChunk(r: RdbReader, compressed: boolean): Chunk {
  if (compressed) {
    const size = Number(loadUnsigned(r));
    const count = Number(loadUnsigned(r));
    const idx = Number(loadUnsigned(r));
    const baseValue = loadUnsigned(r);
    const baseTs = loadUnsigned(r);
    const prevTs = loadUnsigned(r);
    const prevDelta = BigInt.asIntN(64, loadUnsigned(r));
    const prevBits = loadUnsigned(r);
    const prevLeading = Number(loadUnsigned(r));
    const prevTrailing = Number(loadUnsigned(r));
    const data = loadStringBuffer(r);
    // The module checks the bit index only; a size other than the buffer's (never saved so)
    // would make it write past the buffer, so the fake refuses it.
    if (data.length === 0 || idx > data.length * 8 || size !== data.length) throw new RdbError('bad compressed chunk');
    const chunk = new CompressedChunk(size);
    const { ts, vals } = gorillaSamples(data, count, baseTs, baseValue);
    chunk.restore(ts, vals, idx, { prevTs: Number(prevTs), prevDelta: Number(prevDelta), prevBits, prevLeading, prevTrailing });
    return chunk;
  }
  loadUnsigned(r);
  const count = Number(loadUnsigned(r));
  const size = Number(loadUnsigned(r));
  const data = loadStringBuffer(r);
  if (count * 16 > size || data.length !== size) throw new RdbError('bad uncompressed chunk');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const ts: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < count; i++) {
    ts.push(Number(view.getBigUint64(16 * i, true)));
    vals.push(view.getFloat64(16 * i + 8, true));
  }
  return new UncompressedChunk(size, ts, vals);
}

/**
 * Whether RedisModule_LoadString made the string raw: always before Redis 7.4
 * (createRawStringObject); from 7.4 an embstr up to 44 bytes unless it was saved LZF-compressed.
 */
function loadedRaw(s: Bytes, server: FakeServer): boolean {
  if (!server.versionAtLeast('7.4')) return true;
  if (s.length > 44) return true;
  return s.length > 20 && lzfCompress(Buffer.from(s, 'latin1'), s.length - 4) !== undefined;
}

/**
 * should_save_cross_references: the module saves a series' source and rules only while
 * Redis persists (SAVE, BGSAVE, DEBUG RELOAD, an AOF rewrite, a replica's sync), not for
 * DUMP or MIGRATE, whose payloads a RESTORE turns into a series without them.
 */
function savesCrossReferences(server: FakeServer): boolean {
  const command = server.currentClient?.lastCommand;
  return command !== 'dump' && command !== 'migrate';
}

/** series_rdb_save. */
export function seriesRdbSave(series: Series, w: RdbWriter, server: FakeServer): void {
  const crossReferences = savesCrossReferences(server);
  saveString(w, series.keyName);
  saveUnsigned(w, series.retention);
  saveUnsigned(w, series.chunkSizeBytes);
  saveUnsigned(w, series.options);
  saveUnsigned(w, series.lastTimestamp);
  saveDouble(w, series.lastValue);
  saveUnsigned(w, series.totalSamples);
  saveUnsigned(w, series.duplicatePolicy);
  if (series.srcKey !== undefined && crossReferences) {
    saveUnsigned(w, 1);
    saveString(w, series.srcKey);
  } else {
    saveUnsigned(w, 0);
  }
  saveUnsigned(w, BigInt.asUintN(64, BigInt(series.ignoreMaxTimeDiff)));
  saveDouble(w, series.ignoreMaxValDiff);
  saveUnsigned(w, series.labels.length);
  for (const [k, v] of series.labels) {
    saveString(w, k);
    saveString(w, v);
  }
  const rules = crossReferences ? series.rules : [];
  saveUnsigned(w, rules.length);
  for (const rule of rules) {
    saveString(w, rule.destKey);
    saveUnsigned(w, rule.bucket);
    saveUnsigned(w, rule.align);
    saveUnsigned(w, rule.type);
    saveUnsigned(w, BigInt.asUintN(64, BigInt(rule.start)));
    saveContext(w, rule.ctx);
  }
  saveUnsigned(w, series.entries.length);
  for (const { chunk } of series.entries) saveChunk(w, chunk);
}

/** series_rdb_load. */
export function seriesRdbLoad(encver: number, r: RdbReader, server: FakeServer): Series {
  if (encver > TS_ENCODING_VERSION) throw new RdbError('data is not in the correct encoding');
  const keyName = loadString(r);
  const retention = Number(loadUnsigned(r));
  let chunkSize = Number(loadUnsigned(r));
  if (encver < TS_SIZE_RDB_VER) chunkSize *= 16;
  const options = encver >= TS_UNCOMPRESSED_VER ? Number(loadUnsigned(r)) : SERIES_OPT_UNCOMPRESSED;
  let lastTimestamp = 0;
  let lastValue = 0;
  let totalSamples = 0;
  let duplicatePolicy = Dup.NONE;
  let srcKey: Bytes | undefined;
  if (encver >= TS_SIZE_RDB_VER) {
    lastTimestamp = Number(loadUnsigned(r));
    lastValue = loadDouble(r);
    totalSamples = Number(loadUnsigned(r));
    if (encver >= TS_IS_RESSETED_DUP_POLICY_RDB_VER) duplicatePolicy = Number(loadUnsigned(r)) as Dup;
    if (loadUnsigned(r) !== 0n) srcKey = loadString(r);
  }
  let ignoreMaxTimeDiff = 0;
  let ignoreMaxValDiff = 0;
  if (encver >= TS_CREATE_IGNORE_VER) {
    ignoreMaxTimeDiff = Number(BigInt.asIntN(64, loadUnsigned(r)));
    ignoreMaxValDiff = loadDouble(r);
  }
  const labelsCount = Number(loadUnsigned(r));
  const labels: Array<[Bytes, Bytes]> = [];
  for (let i = 0; i < labelsCount; i++) labels.push([loadString(r), loadString(r)]);
  const rulesCount = Number(loadUnsigned(r));
  const series = new Series(keyName, {
    retention, chunkSize: chunkSize || DEFAULT_CHUNK_SIZE, labels, options, duplicatePolicy: Dup.NONE, ignoreMaxTimeDiff: 0, ignoreMaxValDiff: 0,
  });
  series.chunkSizeBytes = chunkSize;
  series.rawLabels = labels.map(([k, v]) => [loadedRaw(k, server), loadedRaw(v, server)]);
  for (let i = 0; i < rulesCount; i++) {
    const destKey = loadString(r);
    const bucket = Number(loadUnsigned(r));
    const align = encver >= TS_ALIGNMENT_TS_VER ? Number(loadUnsigned(r)) : 0;
    const type = Number(loadUnsigned(r)) as Agg;
    if (!(type >= Agg.MIN && type <= Agg.TWA) || bucket === 0) throw new RdbError('bad compaction rule');
    const start = Number(BigInt.asIntN(64, loadUnsigned(r)));
    series.rules.push({ destKey, type, bucket, align, start, ctx: loadContext(r, type, encver) });
  }
  if (encver < TS_SIZE_RDB_VER) {
    const count = Number(loadUnsigned(r));
    for (let i = 0; i < count; i++) series.addSample(Number(loadUnsigned(r)), loadDouble(r));
    return series;
  }
  series.entries = [];
  const numChunks = Number(loadUnsigned(r));
  for (let i = 0; i < numChunks; i++) {
    const chunk = loadChunk(r, series.compressed);
    series.dictSet(firstTimestamp(chunk), chunk);
    series.lastChunk = chunk;
  }
  if (numChunks === 0) throw new RdbError('series without chunks');
  series.totalSamples = totalSamples;
  series.duplicatePolicy = duplicatePolicy;
  series.srcKey = srcKey;
  series.lastTimestamp = lastTimestamp;
  series.lastValue = lastValue;
  series.ignoreMaxTimeDiff = ignoreMaxTimeDiff;
  series.ignoreMaxValDiff = ignoreMaxValDiff;
  return series;
}
