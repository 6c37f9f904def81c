import { type Bytes, bytesFromBuffer, defineValueType, RdbError, type RdbReader, type RdbWriter, type RedisObject } from '@fakeredis/core';
import { murmurHash64AHalves } from '../bloom/murmur.js';
import { loadStringBuffer, loadUnsigned, saveStringBuffer, saveUnsigned } from '../module-io.js';
import { ERR_CF_COPY } from './errors.js';

/**
 * RedisBloom's cuckoo filter (src/cuckoo.c, src/cf.c): sub-filters of buckets of 8-bit
 * fingerprints, each `expansion` times the buckets of the one before. An item's 64-bit
 * MurmurHash64A (seed 0) gives its fingerprint (hash % 255 + 1) and its first bucket; the
 * second is the first XOR fingerprint * 0x5bd1e995. Insertion, eviction, deletion with
 * compaction, sizes and the SCANDUMP encoding are the module's, so answers equal its own.
 */

export const CF_DEFAULT_BUCKETSIZE = 2;
export const CF_DEFAULT_MAX_ITERATIONS = 20;
export const CF_DEFAULT_EXPANSION = 1;
const CF_MAX_BUCKET_SIZE = 255;
const CF_MAX_NUM_BUCKETS = 0x00ffffffffffffffn;
const CF_MAX_NUM_FILTERS = 0xffff;
const ALT_MULTIPLIER = 0x5bd1e995;
const MASK64 = 0xffffffffffffffffn;

/** The module's calloc of a sub-filter fails; the fake refuses past this many bytes. */
export const CF_MAX_FILTER_BYTES = 1 << 30;

/** SCANDUMP chunks are at most this long (MAX_SCANDUMP_SIZE). */
const MAX_SCANDUMP_SIZE = 16 * 1024 * 1024;

/** sizeof(CuckooFilter) and sizeof(SubCF) on a 64-bit host (CF.INFO's Size). */
const FILTER_STRUCT = 40;
const SUBFILTER_STRUCT = 16;

/** sizeof(CFHeader), packed. */
export const CF_HEADER_SIZE = 38;

/** CuckooFilter_Insert's statuses. */
export const INSERTED = 1;
export const EXISTS = 0;
export const NO_SPACE = -1;
export const MEM_ALLOC_FAILED = -2;

/** (hi * 2^32 + lo) mod m, exactly, for m below 2^37 (every intermediate stays under 2^53). */
function mod64(hi: number, lo: number, m: number): number {
  // A power of two up to 2^30 (every filter CF.RESERVE makes): the low bits.
  if (m <= 0x40000000 && (m & (m - 1)) === 0) return lo & (m - 1);
  if (hi === 0) return lo % m;
  return ((((((hi % m) * 65536) % m) * 65536) % m) + (lo % m)) % m;
}

/** An item's LookupParams: its fingerprint and the two hashes as uint32 halves. */
interface Lookup {
  fp: number;
  h1Hi: number;
  h1Lo: number;
  h2Hi: number;
  h2Lo: number;
}

/** getLookupParams: fp = hash % 255 + 1 (2^32 is 1 modulo 255), h2 = getAltHash(fp, h1). */
function lookupParams(hi: number, lo: number): Lookup {
  const fp = ((hi % 255) + (lo % 255)) % 255 + 1;
  const p = fp * ALT_MULTIPLIER;
  return { fp, h1Hi: hi, h1Lo: lo, h2Hi: (hi ^ Math.floor(p / 0x100000000)) >>> 0, h2Lo: (lo ^ (p >>> 0)) >>> 0 };
}

/** A SubCF: `numBuckets` buckets of `bucketSize` one-byte slots. */
export class SubFilter {
  constructor(
    public numBuckets: number,
    public bucketSize: number,
    public data: Uint8Array,
  ) {}

  /** SubCF_GetIndex: the first slot of the bucket a hash picks. */
  index(hi: number, lo: number): number {
    return mod64(hi, lo, this.numBuckets) * this.bucketSize;
  }

  private find(at: number, fp: number): number {
    for (let i = 0; i < this.bucketSize; i++) if (this.data[at + i] === fp) return at + i;
    return -1;
  }

  /** Filter_Find. */
  has(l: Lookup): boolean {
    return this.find(this.index(l.h1Hi, l.h1Lo), l.fp) !== -1 || this.find(this.index(l.h2Hi, l.h2Lo), l.fp) !== -1;
  }

  /** Filter_Delete: clears one slot holding the fingerprint. */
  delete(l: Lookup): boolean {
    let at = this.find(this.index(l.h1Hi, l.h1Lo), l.fp);
    if (at === -1) at = this.find(this.index(l.h2Hi, l.h2Lo), l.fp);
    if (at === -1) return false;
    this.data[at] = 0;
    return true;
  }

  /** subFilterCount: the fingerprint's slots in both buckets. */
  count(l: Lookup): number {
    return this.countAt(this.index(l.h1Hi, l.h1Lo), l.fp) + this.countAt(this.index(l.h2Hi, l.h2Lo), l.fp);
  }

  private countAt(at: number, fp: number): number {
    let n = 0;
    for (let i = 0; i < this.bucketSize; i++) if (this.data[at + i] === fp) n++;
    return n;
  }

  /** Bucket_FindAvailable on the bucket starting at `at`. */
  available(at: number): number {
    return this.find(at, 0);
  }

  /** Filter_FindAvailable: an empty slot in either bucket. */
  findAvailable(h1Hi: number, h1Lo: number, h2Hi: number, h2Lo: number): number {
    const at = this.available(this.index(h1Hi, h1Lo));
    return at !== -1 ? at : this.available(this.index(h2Hi, h2Lo));
  }
}

/** getAltHash(fp, index) % numBuckets for a bucket index. */
function altIndex(fp: number, index: number, numBuckets: number): number {
  const p = fp * ALT_MULTIPLIER;
  return mod64(Math.floor(p / 0x100000000), (index ^ (p >>> 0)) >>> 0, numBuckets);
}

/** The value of a cuckoo filter key (type MBbloomCF). */
export class CuckooFilter implements RedisObject {
  readonly type = 'MBbloomCF';

  constructor(
    public numBuckets: bigint,
    public numItems: bigint,
    public numDeletes: bigint,
    public bucketSize: number,
    public maxIterations: number,
    public expansion: number,
    public filters: SubFilter[],
  ) {}

  /** CuckooFilter_Init (its expansion and bucket count rounded up to powers of two); undefined when the first sub-filter cannot be made. */
  static create(capacity: bigint, bucketSize: number, maxIterations: number, expansion: number): CuckooFilter | undefined {
    let numBuckets = nextPowerOfTwo(capacity / BigInt(bucketSize));
    if (numBuckets === 0n) numBuckets = 1n;
    const cf = new CuckooFilter(numBuckets, 0n, 0n, bucketSize, maxIterations, Number(nextPowerOfTwo(BigInt(expansion)) & 0xffffn), []);
    return cf.grow() ? cf : undefined;
  }

  /** CuckooFilter_Grow: a new sub-filter of numBuckets * expansion^n buckets. */
  private grow(): boolean {
    if (this.filters.length === CF_MAX_NUM_FILTERS) return false;
    const growth = this.expansion ** this.filters.length;
    if (growth >= 2 ** 64) return false; // (size_t)pow(...) out of range: no real filter gets there
    if (BigInt(growth) > CF_MAX_NUM_BUCKETS / this.numBuckets) return false;
    const numBuckets = this.numBuckets * BigInt(growth);
    const bytes = numBuckets * BigInt(this.bucketSize);
    if (bytes > BigInt(CF_MAX_FILTER_BYTES)) return false;
    this.filters.push(new SubFilter(Number(numBuckets), this.bucketSize, new Uint8Array(Number(bytes))));
    return true;
  }

  private static lookup(item: Bytes): Lookup {
    const [hi, lo] = murmurHash64AHalves(item);
    return lookupParams(hi, lo);
  }

  private checkFP(l: Lookup): boolean {
    for (const filter of this.filters) if (filter.has(l)) return true;
    return false;
  }

  /** CuckooFilter_Check. */
  has(item: Bytes): boolean {
    return this.checkFP(CuckooFilter.lookup(item));
  }

  /** CuckooFilter_Count: the fingerprint's slots in every sub-filter. */
  count(item: Bytes): number {
    const l = CuckooFilter.lookup(item);
    return this.filters.reduce((n, filter) => n + filter.count(l), 0);
  }

  /** CuckooFilter_Insert (nx: CuckooFilter_InsertUnique). */
  insert(item: Bytes, nx: boolean): number {
    const l = CuckooFilter.lookup(item);
    if (nx && this.checkFP(l)) return EXISTS;
    return this.insertFP(l);
  }

  /** CuckooFilter_InsertFP: a free slot, newest sub-filter first; else eviction in the newest; else a new sub-filter. */
  private insertFP(l: Lookup): number {
    for (;;) {
      for (let i = this.filters.length - 1; i >= 0; i--) {
        const filter = this.filters[i]!;
        const slot = filter.findAvailable(l.h1Hi, l.h1Lo, l.h2Hi, l.h2Lo);
        if (slot !== -1) {
          filter.data[slot] = l.fp;
          this.numItems = (this.numItems + 1n) & MASK64;
          return INSERTED;
        }
      }
      if (this.kickOutInsert(this.filters[this.filters.length - 1]!, l)) {
        this.numItems = (this.numItems + 1n) & MASK64;
        return INSERTED;
      }
      if (this.expansion === 0) return NO_SPACE;
      if (!this.grow()) return MEM_ALLOC_FAILED;
    }
  }

  /**
   * Filter_KOInsert: swaps the fingerprint into its first bucket, moving the victim to its
   * other bucket, up to maxIterations times; on failure the swaps are undone in reverse.
   */
  private kickOutInsert(filter: SubFilter, l: Lookup): boolean {
    const { numBuckets, bucketSize, data } = filter;
    let fp = l.fp;
    let victim = 0;
    let ii = mod64(l.h1Hi, l.h1Lo, numBuckets);
    for (let counter = 0; counter < this.maxIterations; counter++) {
      const at = ii * bucketSize + victim;
      const swapped = data[at]!;
      data[at] = fp;
      fp = swapped;
      ii = altIndex(fp, ii, numBuckets);
      const empty = filter.available(ii * bucketSize);
      if (empty !== -1) {
        data[empty] = fp;
        return true;
      }
      victim = (victim + 1) % bucketSize;
    }
    for (let counter = 0; counter < this.maxIterations; counter++) {
      victim = (victim + bucketSize - 1) % bucketSize;
      ii = altIndex(fp, ii, numBuckets);
      const at = ii * bucketSize + victim;
      const swapped = data[at]!;
      data[at] = fp;
      fp = swapped;
    }
    return false;
  }

  /** CuckooFilter_Delete: newest sub-filter first; compacts once deletes pass a tenth of the items. */
  delete(item: Bytes): boolean {
    const l = CuckooFilter.lookup(item);
    for (let i = this.filters.length - 1; i >= 0; i--) {
      if (!this.filters[i]!.delete(l)) continue;
      this.numItems = (this.numItems - 1n) & MASK64;
      this.numDeletes = (this.numDeletes + 1n) & MASK64;
      if (this.filters.length > 1 && Number(this.numDeletes) > Number(this.numItems) * 0.1) this.compact(false);
      return true;
    }
    return false;
  }

  /** CuckooFilter_Compact: moves fingerprints to older sub-filters, freeing the newest once it is empty. */
  compact(cont: boolean): void {
    for (let i = this.filters.length - 1; i > 0; i--) {
      if (!this.compactSingle(i) && !cont) break;
    }
    this.numDeletes = 0n;
  }

  /** CuckooFilter_CompactSingle and relocateSlot: true when every fingerprint found a home. */
  private compactSingle(filterIx: number): boolean {
    const filter = this.filters[filterIx]!;
    let ok = true;
    for (let bucket = 0; bucket < filter.numBuckets; bucket++) {
      for (let slot = 0; slot < filter.bucketSize; slot++) {
        const at = bucket * filter.bucketSize + slot;
        const fp = filter.data[at]!;
        if (fp === 0) continue;
        const p = fp * ALT_MULTIPLIER;
        const h2Hi = Math.floor(p / 0x100000000);
        const h2Lo = (bucket ^ (p >>> 0)) >>> 0;
        let moved = false;
        for (let i = 0; i < filterIx && !moved; i++) {
          const free = this.filters[i]!.findAvailable(0, bucket, h2Hi, h2Lo);
          if (free !== -1) {
            this.filters[i]!.data[free] = fp;
            filter.data[at] = 0;
            moved = true;
          }
        }
        if (!moved) ok = false;
      }
    }
    if (ok && filterIx === this.filters.length - 1) this.filters.pop();
    return ok;
  }

  /** CFSize / CFMemUsage: the struct, the sub-filters' structs and their buckets. */
  memUsage(): number {
    return FILTER_STRUCT + SUBFILTER_STRUCT * this.filters.length + this.filters.reduce((n, f) => n + f.numBuckets * f.bucketSize, 0);
  }

  /** CFSize (CF.INFO's Size): the buckets counted at the filter's bucket size. */
  infoSize(): number {
    return FILTER_STRUCT + SUBFILTER_STRUCT * this.filters.length + this.filters.reduce((n, f) => n + f.numBuckets, 0) * this.bucketSize;
  }

  encoding(): string {
    return 'raw';
  }

  /** COPY: the module's type has no copy callback, so Redis refuses. */
  clone(): CuckooFilter {
    throw ERR_CF_COPY;
  }

  memoryUsage(): number {
    return this.memUsage();
  }

  /** fillCFHeader: the packed CFHeader. */
  encodedHeader(): Bytes {
    const buf = Buffer.alloc(CF_HEADER_SIZE);
    buf.writeBigUInt64LE(this.numItems, 0);
    buf.writeBigUInt64LE(this.numBuckets, 8);
    buf.writeBigUInt64LE(this.numDeletes, 16);
    buf.writeBigUInt64LE(BigInt(this.filters.length), 24);
    buf.writeUInt16LE(this.bucketSize, 32);
    buf.writeUInt16LE(this.maxIterations, 34);
    buf.writeUInt16LE(this.expansion, 36);
    return bytesFromBuffer(buf);
  }

  /**
   * CF_GetEncodedChunk: the sub-filter holding byte `pos - 1`, whole when it is at most
   * 16 MiB (from its start, wherever `pos` points in it), else the next piece from `pos`.
   * Undefined past the last sub-filter.
   */
  encodedChunk(pos: bigint): [bigint, Bytes] | undefined {
    let offset = pos - 1n;
    for (const filter of this.filters) {
      const size = BigInt(filter.numBuckets * filter.bucketSize);
      if (offset < size) {
        if (size <= BigInt(MAX_SCANDUMP_SIZE)) return [pos + size, bytesFromBuffer(Buffer.from(filter.data.buffer, filter.data.byteOffset, filter.data.length))];
        const len = size - offset > BigInt(MAX_SCANDUMP_SIZE) ? MAX_SCANDUMP_SIZE : Number(size - offset);
        const at = Number(offset);
        return [pos + BigInt(len), bytesFromBuffer(Buffer.from(filter.data.buffer, filter.data.byteOffset + at, len))];
      }
      offset -= size;
    }
    return undefined;
  }

  /**
   * CF_LoadEncodedChunk: `data` ends at byte `pos - 1`. Past the last sub-filter the offset
   * left over is taken in the last one, as the module does. False when it does not fit.
   */
  loadChunk(pos: bigint, data: Bytes): boolean {
    const len = BigInt(data.length);
    if (len === 0n || pos <= 0n || pos - 1n < len) return false;
    let offset = pos - len - 1n;
    let filter: SubFilter | undefined;
    for (const f of this.filters) {
      filter = f;
      const size = BigInt(f.numBuckets * f.bucketSize);
      if (offset < size) break;
      offset -= size;
    }
    if (filter === undefined || BigInt(filter.numBuckets * filter.bucketSize) < offset + len) return false;
    const at = Number(offset);
    for (let i = 0; i < data.length; i++) filter.data[at + i] = data.charCodeAt(i);
    return true;
  }

  /** CFHeader_Load: empty sub-filters as a SCANDUMP header describes them; undefined for one the module refuses. */
  static fromHeader(data: Bytes): CuckooFilter | undefined {
    const buf = Buffer.from(data, 'latin1');
    const numBuckets = buf.readBigUInt64LE(8);
    // CuckooFilter's numFilters is 16 bits wide.
    const numFilters = Number(buf.readBigUInt64LE(24) & 0xffffn);
    const bucketSize = buf.readUInt16LE(32);
    const maxIterations = buf.readUInt16LE(34);
    const expansion = buf.readUInt16LE(36);
    if (!validIntegrity(numBuckets, numFilters, bucketSize, maxIterations, expansion)) return undefined;
    const filters: SubFilter[] = [];
    let total = 0;
    for (let i = 0; i < numFilters; i++) {
      // filter->numBuckets * pow(expansion, ii) in double, kept in a 56-bit field.
      const product = Number(numBuckets) * expansion ** i;
      if (product >= 2 ** 64) return undefined;
      const buckets = BigInt(Math.trunc(product)) & CF_MAX_NUM_BUCKETS;
      if (buckets === 0n) return undefined;
      const bytes = buckets * BigInt(bucketSize);
      total += Number(bytes);
      if (total > CF_MAX_FILTER_BYTES) return undefined;
      filters.push(new SubFilter(Number(buckets), bucketSize, new Uint8Array(Number(bytes))));
    }
    return new CuckooFilter(numBuckets, buf.readBigUInt64LE(0), buf.readBigUInt64LE(16), bucketSize, maxIterations, expansion, filters);
  }
}

/** getNextN2: the next power of two (0 stays 0, as the module's wraps). */
function nextPowerOfTwo(n: bigint): bigint {
  let v = (n - 1n) & MASK64;
  for (const shift of [1n, 2n, 4n, 8n, 16n, 32n]) v |= v >> shift;
  return (v + 1n) & MASK64;
}

/** CuckooFilter_ValidateIntegrity. */
function validIntegrity(numBuckets: bigint, numFilters: number, bucketSize: number, maxIterations: number, expansion: number): boolean {
  return !(bucketSize === 0 || bucketSize > CF_MAX_BUCKET_SIZE || numBuckets === 0n || numBuckets > CF_MAX_NUM_BUCKETS || numFilters === 0
    || maxIterations === 0 || (numBuckets & (numBuckets - 1n)) !== 0n || (expansion === 0 && numFilters > 1));
}

/** The encoding version CFRdbSave writes (CF_MIN_EXPANSION_VERSION). */
const CF_ENCODING_VERSION = 4;

/** CFRdbSave. */
function cuckooRdbSave(cf: CuckooFilter, w: RdbWriter): void {
  for (const value of [cf.filters.length, cf.numBuckets, cf.numItems, cf.numDeletes, cf.bucketSize, cf.maxIterations, cf.expansion]) saveUnsigned(w, value);
  for (const filter of cf.filters) {
    saveUnsigned(w, filter.numBuckets);
    saveStringBuffer(w, filter.data);
  }
}

/**
 * CFRdbLoad: the fields as the struct's widths keep them; before version 4 every sub-filter
 * has the first's bucket count and the defaults. A buffer of another length than the
 * buckets is refused (the module asserts on it, compiled out in release builds).
 */
function cuckooRdbLoad(encver: number, r: RdbReader): CuckooFilter {
  if (encver > CF_ENCODING_VERSION) throw new RdbError('unsupported encoding version');
  const numFilters = Number(loadUnsigned(r) & 0xffffn);
  const numBuckets = loadUnsigned(r);
  if (numFilters === 0 || numBuckets === 0n) throw new RdbError('empty cuckoo filter');
  const numItems = loadUnsigned(r);
  const old = encver < CF_ENCODING_VERSION;
  const numDeletes = old ? 0n : loadUnsigned(r);
  const u16 = (fallback: number): number => (old ? fallback : Number(loadUnsigned(r) & 0xffffn));
  const bucketSize = u16(CF_DEFAULT_BUCKETSIZE);
  const maxIterations = u16(CF_DEFAULT_MAX_ITERATIONS);
  const expansion = u16(CF_DEFAULT_EXPANSION);
  const filters: SubFilter[] = [];
  for (let i = 0; i < numFilters; i++) {
    const buckets = old ? numBuckets & CF_MAX_NUM_BUCKETS : loadUnsigned(r) & CF_MAX_NUM_BUCKETS;
    const data = loadStringBuffer(r);
    if (bucketSize === 0 || bucketSize > CF_MAX_BUCKET_SIZE || buckets === 0n || BigInt(data.length) !== buckets * BigInt(bucketSize)) throw new RdbError('cuckoo filter buffer of the wrong length');
    filters.push(new SubFilter(Number(buckets), bucketSize, data));
  }
  return new CuckooFilter(numBuckets, numItems, numDeletes, bucketSize, maxIterations, expansion, filters);
}

/** The module's data type "MBbloomCF"; the module emits no keyspace events of its own. */
export const cuckooType = defineValueType<CuckooFilter>({
  name: 'MBbloomCF',
  eventClass: 'd',
  isEmpty: () => false,
  moduleType: { module: 'bf', encodingVersion: CF_ENCODING_VERSION },
  rdbSave: (value, writer) => cuckooRdbSave(value, writer),
  rdbLoad: (encver, reader) => cuckooRdbLoad(encver, reader),
});
