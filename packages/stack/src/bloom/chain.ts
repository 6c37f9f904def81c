import { type Bytes, bytesFromBuffer, defineValueType, type RedisObject } from '@fakeredis/core';
import { ERR_BF_COPY } from './errors.js';
import { type BloomHash, bloomHash32, bloomHash64 } from './murmur.js';
import { bloomRdbLoad, bloomRdbSave } from './rdb.js';

/**
 * RedisBloom's scalable Bloom filter (src/sb.c over deps/bloom/bloom.c): a chain of
 * filters, each sized for its capacity at its error rate; when the newest is full a new
 * one is added with `growth` times its capacity at half its error rate. Bits, hashes,
 * sizes and the SCANDUMP encoding are the module's, so answers and dumps equal its own.
 */

// bloom.h options.
export const BLOOM_OPT_NOROUND = 1;
export const BLOOM_OPT_ENTS_IS_BITS = 2;
export const BLOOM_OPT_FORCE64 = 4;
export const BLOOM_OPT_NO_SCALING = 8;

const ERROR_TIGHTENING_RATIO = 0.5;
// bloom.c's constants, as written there (not Math.LN2).
const LN2 = 0.693147180559945;
const LN2_SQUARED = 0.480453013918201;
const MASK64 = 0xffffffffffffffffn;

/** The module's calloc of a filter's bits fails; the fake refuses past this many bytes. */
export const MAX_FILTER_BYTES = 1 << 30;

/** SCANDUMP chunks are at most this long (MAX_SCANDUMP_SIZE). */
export const MAX_SCANDUMP_SIZE = 16 * 1024 * 1024;

/** sizeof(SBChain) and sizeof(SBLink) on a 64-bit host: what BF.INFO's Size counts. */
const CHAIN_STRUCT = 32;
const LINK_STRUCT = 64;

/** One filter of the chain: struct bloom and its item count (SBLink). */
export class BloomLink {
  constructor(
    public hashes: number,
    public force64: boolean,
    public n2: number,
    public entries: bigint,
    public error: number,
    public bpe: number,
    public bf: Uint8Array,
    public bytes: number,
    public bits: number,
    public size = 0n,
  ) {}

  /**
   * bloom.c's CHECK_ADD_FUNC: bit i of an item is (a + i*b) mod 2^64, modulo 2^n2 or the
   * bit count. The sum is kept in uint32 halves; the modulus (at most 2^33 bits, see
   * MAX_FILTER_BYTES) keeps every intermediate product exact in a double. Reading stops at
   * the first unset bit; writing sets them all and tells whether one was unset.
   */
  private checkAdd(hash: BloomHash, write: boolean): boolean {
    const mod = this.n2 > 0 ? 2 ** this.n2 : this.bits;
    const bf = this.bf;
    let hi = hash.aHi;
    let lo = hash.aLo;
    let unset = false;
    // Up to 2^26 bits, (hi mod m) * (2^32 mod m) + lo stays under 2^53: one step fewer.
    const small = mod <= 0x4000000;
    const wrap = 0x100000000 % mod;
    for (let i = 0; i < this.hashes; i++) {
      const x = small ? ((hi % mod) * wrap + lo) % mod : (((((hi % mod) * 65536) % mod) * 65536) % mod + lo) % mod;
      const byte = bf[Math.floor(x / 8)]!;
      const mask = 1 << x % 8;
      if ((byte & mask) === 0) {
        if (!write) return false;
        bf[Math.floor(x / 8)] = byte | mask;
        unset = true;
      }
      lo += hash.bLo;
      hi = (hi + hash.bHi + (lo >= 0x100000000 ? 1 : 0)) >>> 0;
      lo >>>= 0;
    }
    return write ? unset : true;
  }

  /** bloom_check_h. */
  check(hash: BloomHash): boolean {
    return this.checkAdd(hash, false);
  }

  /** bloom_add_h: true when a bit was unset (the item is new to this filter). */
  add(hash: BloomHash): boolean {
    return this.checkAdd(hash, true);
  }
}

/** calc_bpe: bits per entry for an error rate. */
function bitsPerEntry(error: number): number {
  const bpe = -(Math.log(error) / LN2_SQUARED);
  return bpe < 0 ? -bpe : bpe;
}

/** (int)ceil(LN2 * bpe) as x86-64 converts it (out of range: INT_MIN), read as uint32. */
export function hashCount(bpe: number): number {
  const c = Math.ceil(LN2 * bpe);
  return Number.isFinite(c) && c >= -2147483648 && c <= 2147483647 ? c >>> 0 : 0x80000000;
}

/** A double to uint64 as the module's casts do, for values in range. */
function toU64(d: number): bigint {
  return d >= 0 && d < 2 ** 64 ? BigInt(Math.trunc(d)) : 0n;
}

export type LinkResult = BloomLink | 'invalid' | 'oom';

/** bloom_init: a new empty filter for `entries` items at `error`, or why it cannot be made. */
export function newLink(entries: bigint, error: number, options: number): LinkResult {
  if (entries < 1n || !(error > 0) || error >= 1) return 'invalid';
  const bpe = bitsPerEntry(error);
  let bits: bigint;
  let n2 = 0;
  if (options & BLOOM_OPT_ENTS_IS_BITS) {
    if (entries > 64n) return 'invalid';
    n2 = Number(entries);
    bits = 1n << BigInt(n2 & 63);
    entries = toU64(Number(bits) / bpe);
  } else if (options & BLOOM_OPT_NOROUND) {
    bits = toU64(Number(entries) * bpe);
    if (bits === 0n) bits = 1n;
  } else {
    const product = Number(entries) * bpe;
    const bn2 = Math.floor(Math.log2(product));
    if (bn2 > 63 || !Number.isFinite(bn2)) return 'invalid';
    n2 = (bn2 + 1) & 0xff;
    bits = 1n << BigInt(n2 & 63);
    const bitDiff = toU64(Number(bits) - product);
    entries = (entries + toU64(Number(bitDiff) / bpe)) & MASK64;
  }
  const bytes = bits % 64n !== 0n ? (bits / 64n + 1n) * 8n : bits / 8n;
  if (bytes > BigInt(MAX_FILTER_BYTES)) return 'oom';
  const n = Number(bytes);
  return new BloomLink(hashCount(bpe), (options & BLOOM_OPT_FORCE64) !== 0, n2, entries, error, bpe, new Uint8Array(n), n, n * 8);
}

/** SBChain: the value of a Bloom filter key (type MBbloom--). */
export class BloomChain implements RedisObject {
  readonly type = 'MBbloom--';

  constructor(
    public filters: BloomLink[],
    public size: bigint,
    public options: number,
    public growth: number,
  ) {}

  /** SB_NewChain. */
  static create(capacity: bigint, error: number, options: number, growth: number): BloomChain | 'invalid' | 'oom' {
    if (capacity === 0n || error === 0 || error >= 1) return 'invalid';
    const tightening = options & BLOOM_OPT_NO_SCALING ? 1 : ERROR_TIGHTENING_RATIO;
    const link = newLink(capacity, error * tightening, options);
    return typeof link === 'string' ? link : new BloomChain([link], 0n, options, growth);
  }

  private hash(item: Bytes): BloomHash {
    return this.options & BLOOM_OPT_FORCE64 ? bloomHash64(item) : bloomHash32(item);
  }

  /** SBChain_Add: 1 added, 0 already there, -2 full and not scaling, -1 a new filter could not be made. */
  add(item: Bytes): number {
    const hash = this.hash(item);
    for (let i = this.filters.length - 1; i >= 0; i--) if (this.filters[i]!.check(hash)) return 0;
    let cur = this.filters[this.filters.length - 1]!;
    if (cur.size >= cur.entries) {
      if (this.options & BLOOM_OPT_NO_SCALING) return -2;
      const link = newLink((cur.entries * BigInt(this.growth)) & MASK64, cur.error * ERROR_TIGHTENING_RATIO, this.options);
      if (typeof link === 'string') return -1;
      this.filters.push(link);
      cur = link;
    }
    if (!cur.add(hash)) return 0;
    cur.size = (cur.size + 1n) & MASK64;
    this.size = (this.size + 1n) & MASK64;
    return 1;
  }

  /** SBChain_Check. */
  has(item: Bytes): boolean {
    const hash = this.hash(item);
    for (let i = this.filters.length - 1; i >= 0; i--) if (this.filters[i]!.check(hash)) return true;
    return false;
  }

  /** BFCapacity: the filters' capacities summed (as a uint64). */
  capacity(): bigint {
    return this.filters.reduce((sum, link) => (sum + link.entries) & MASK64, 0n);
  }

  /** BFMemUsage: BF.INFO's Size and MEMORY USAGE's share of the value. */
  memUsage(): number {
    return CHAIN_STRUCT + this.filters.reduce((sum, link) => sum + LINK_STRUCT + link.bytes, 0);
  }

  encoding(): string {
    return 'raw';
  }

  /** COPY: the module's type has no copy callback, so Redis refuses (moduleTypeDupOrReply). */
  clone(): BloomChain {
    throw ERR_BF_COPY;
  }

  memoryUsage(): number {
    return this.memUsage();
  }

  /** SBChain_GetEncodedHeader: the packed dumpedChainHeader and its dumpedChainLinks. */
  encodedHeader(): Bytes {
    const buf = Buffer.alloc(20 + 53 * this.filters.length);
    buf.writeBigUInt64LE(this.size, 0);
    buf.writeUInt32LE(this.filters.length, 8);
    buf.writeUInt32LE(this.options, 12);
    buf.writeUInt32LE(this.growth, 16);
    this.filters.forEach((link, i) => {
      const o = 20 + 53 * i;
      buf.writeBigUInt64LE(BigInt(link.bytes), o);
      buf.writeBigUInt64LE(BigInt(link.bits), o + 8);
      buf.writeBigUInt64LE(link.size, o + 16);
      buf.writeDoubleLE(link.error, o + 24);
      buf.writeDoubleLE(link.bpe, o + 32);
      buf.writeUInt32LE(link.hashes, o + 40);
      buf.writeBigUInt64LE(link.entries, o + 44);
      buf.writeUInt8(link.n2, o + 52);
    });
    return bytesFromBuffer(buf);
  }

  /** getLinkPos: the filter holding byte `iter - 1` of the filters' concatenated bits, and the offset in it. */
  private linkAt(iter: bigint): [BloomLink, number] | undefined {
    if (iter < 1n) return undefined;
    let pos = iter - 1n;
    for (const link of this.filters) {
      if (pos < BigInt(link.bytes)) return [link, Number(pos)];
      pos -= BigInt(link.bytes);
    }
    return undefined;
  }

  /** SBChain_GetEncodedChunk: the next iterator (0 at the end) and the chunk. */
  encodedChunk(iter: bigint): [bigint, Bytes] {
    const at = this.linkAt(iter);
    if (at === undefined) return [0n, '' as Bytes];
    const [link, offset] = at;
    const len = Math.min(MAX_SCANDUMP_SIZE, link.bytes - offset);
    return [iter + BigInt(len), bytesFromBuffer(link.bf.subarray(offset, offset + len))];
  }

  /** SBChain_LoadEncodedChunk: undefined when loaded, else the error text. */
  loadChunk(iter: bigint, data: Bytes): string | undefined {
    if (iter <= 0n || iter < BigInt(data.length)) return 'ERR received bad data';
    const at = this.linkAt(iter - BigInt(data.length));
    if (at === undefined) return 'ERR invalid offset - no link found';
    const [link, offset] = at;
    if (data.length > link.bytes - offset) return 'ERR invalid chunk - Too big for current filter';
    for (let i = 0; i < data.length; i++) link.bf[offset + i] = data.charCodeAt(i);
    return undefined;
  }

  /** SB_NewChainFromHeader: a chain of empty filters as a SCANDUMP header describes it, or undefined for bad data. */
  static fromHeader(data: Bytes): BloomChain | undefined {
    if (data.length < 20) return undefined;
    const buf = Buffer.from(data, 'latin1');
    const nfilters = buf.readUInt32LE(8);
    if (nfilters === 0 || data.length !== 20 + 53 * nfilters) return undefined;
    const options = buf.readUInt32LE(12);
    const filters: BloomLink[] = [];
    for (let i = 0; i < nfilters; i++) {
      const o = 20 + 53 * i;
      const bytes = buf.readBigUInt64LE(o);
      const bits = buf.readBigUInt64LE(o + 8);
      const error = buf.readDoubleLE(o + 24);
      const bpe = buf.readDoubleLE(o + 32);
      const hashes = buf.readUInt32LE(o + 40);
      const n2 = buf.readUInt8(o + 52);
      // bloom_validate_integrity (a NaN error rate passes it, as in C).
      if (error <= 0 || error >= 1 || n2 > 63 || (n2 !== 0 && bits < 1n << BigInt(n2)) || bits === 0n || bits !== ((bytes * 8n) & MASK64) || hashes !== hashCount(bpe)) return undefined;
      if (bytes > BigInt(MAX_FILTER_BYTES)) return undefined;
      const n = Number(bytes);
      filters.push(new BloomLink(hashes, (options & BLOOM_OPT_FORCE64) !== 0, n2, buf.readBigUInt64LE(o + 44), error, bpe, new Uint8Array(n), n, Number(bits), buf.readBigUInt64LE(o + 16)));
    }
    // SB_ValidateIntegrity: known options, and the filters' counts adding up to the chain's.
    if (options & ~(BLOOM_OPT_NOROUND | BLOOM_OPT_ENTS_IS_BITS | BLOOM_OPT_FORCE64 | BLOOM_OPT_NO_SCALING)) return undefined;
    const size = buf.readBigUInt64LE(0);
    let total = 0n;
    for (const link of filters) {
      total += link.size;
      if (total > MASK64) return undefined;
    }
    if (total !== size) return undefined;
    return new BloomChain(filters, size, options, buf.readUInt32LE(16));
  }
}

/** The encoding version BFRdbSave writes (BF_ENCODING_VERSION). */
const BLOOM_ENCODING_VERSION = 4;

/** The module's data type "MBbloom--": TYPE's answer; the module emits no keyspace events of its own. */
export const bloomType = defineValueType<BloomChain>({
  name: 'MBbloom--',
  eventClass: 'd',
  isEmpty: () => false,
  moduleType: { module: 'bf', encodingVersion: BLOOM_ENCODING_VERSION },
  rdbSave: (value, writer) => bloomRdbSave(value, writer),
  rdbLoad: (encver, reader) => bloomRdbLoad(encver, reader),
});
