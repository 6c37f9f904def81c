/**
 * Redis's HyperLogLog representation, byte for byte: a 16-byte header ("HYLL", encoding,
 * 3 unused bytes, the cached cardinality little-endian with its top bit meaning
 * "stale"), then either 16384 dense 6-bit registers or the sparse run-length opcodes
 * ZERO (00xxxxxx), XZERO (01xxxxxx yyyyyyyy) and VAL (1vvvvvxx). The algorithms follow
 * hyperloglog.c so that the bytes, the promotions and the counts are Redis's own.
 */
import { hllPatternLength } from './murmur.js';

export const HLL_P = 14;
export const HLL_Q = 64 - HLL_P;
export const HLL_REGISTERS = 1 << HLL_P;
export const HLL_BITS = 6;
export const HLL_REGISTER_MAX = (1 << HLL_BITS) - 1;
export const HLL_HDR_SIZE = 16;
export const HLL_DENSE_SIZE = HLL_HDR_SIZE + Math.floor((HLL_REGISTERS * HLL_BITS + 7) / 8);
export const HLL_DENSE = 0;
export const HLL_SPARSE = 1;
const HLL_MAX_ENCODING = 1;

const SPARSE_VAL_MAX_VALUE = 32;
const SPARSE_VAL_MAX_LEN = 4;
const SPARSE_ZERO_MAX_LEN = 64;
const SPARSE_XZERO_MAX_LEN = 16384;
const ALPHA_INF = 0.721347520444481703680; // 0.5 / ln(2)

const isZero = (op: number) => (op & 0xc0) === 0;
const isXzero = (op: number) => (op & 0xc0) === 0x40;
const isVal = (op: number) => (op & 0x80) !== 0;
const zeroLen = (op: number) => (op & 0x3f) + 1;
const xzeroLen = (op: number, next: number) => (((op & 0x3f) << 8) | next) + 1;
const valValue = (op: number) => ((op >> 2) & 0x1f) + 1;
const valLen = (op: number) => (op & 0x3) + 1;
const valOp = (value: number, len: number) => (((value - 1) << 2) | (len - 1) | 0x80) & 0xff;

/**
 * An HLL being read or edited: a buffer with spare room and the length in use. Bytes
 * past the length read as 0, as the NUL terminator of Redis's sds strings does.
 */
export class HllData {
  constructor(
    public buf: Buffer,
    public len: number,
  ) {}

  /** A working copy of stored bytes, with room for a sparse HLL to grow. */
  static copyOf(bytes: Uint8Array): HllData {
    const buf = Buffer.alloc(bytes.length + 16);
    buf.set(bytes);
    return new HllData(buf, bytes.length);
  }

  /** A new HLL: sparse, all registers zero (XZERO:16384), cached cardinality 0. */
  static create(): HllData {
    const len = HLL_HDR_SIZE + Math.ceil(HLL_REGISTERS / SPARSE_XZERO_MAX_LEN) * 2;
    const data = new HllData(Buffer.alloc(len + 16), len);
    data.buf.write('HYLL', 0, 'latin1');
    data.buf[4] = HLL_SPARSE;
    let p = HLL_HDR_SIZE;
    for (let left = HLL_REGISTERS; left > 0; ) {
      const run = Math.min(SPARSE_XZERO_MAX_LEN, left);
      setXzero(data.buf, p, run);
      p += 2;
      left -= run;
    }
    return data;
  }

  get encoding(): number {
    return this.buf[4] as number;
  }

  /** Byte i, 0 at or past the end. */
  at(i: number): number {
    return i < this.len ? (this.buf[i] as number) : 0;
  }

  view(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  private ensureRoom(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    const grown = Buffer.alloc(this.len + extra + 64);
    this.buf.copy(grown, 0, 0, this.len);
    this.buf = grown;
  }

  /** Marks the cached cardinality stale. */
  invalidateCache(): void {
    this.buf[15] = (this.buf[15] as number) | 0x80;
  }

  /** The cached cardinality, or undefined when stale. */
  cachedCardinality(): bigint | undefined {
    if ((this.buf[15] as number) & 0x80) return undefined;
    return this.buf.readBigUInt64LE(8);
  }

  storeCardinality(card: number): void {
    this.buf.writeBigUInt64LE(BigInt(card), 8);
  }

  // ---- dense ---------------------------------------------------------------------

  denseGet(regnum: number): number {
    const byte = HLL_HDR_SIZE + ((regnum * HLL_BITS) >> 3);
    const fb = (regnum * HLL_BITS) & 7;
    return ((this.at(byte) >> fb) | (this.at(byte + 1) << (8 - fb))) & HLL_REGISTER_MAX;
  }

  denseSet(regnum: number, value: number): void {
    const byte = HLL_HDR_SIZE + ((regnum * HLL_BITS) >> 3);
    const fb = (regnum * HLL_BITS) & 7;
    const buf = this.buf;
    buf[byte] = ((buf[byte] as number) & ~(HLL_REGISTER_MAX << fb)) | (value << fb);
    if (byte + 1 < this.len) {
      buf[byte + 1] = ((buf[byte + 1] as number) & ~(HLL_REGISTER_MAX >> (8 - fb))) | (value >> (8 - fb));
    }
  }

  /** Raises a dense register to `count`; 1 when it changed. */
  denseSetIfGreater(regnum: number, count: number): number {
    if (count > this.denseGet(regnum)) {
      this.denseSet(regnum, count);
      return 1;
    }
    return 0;
  }

  // ---- sparse --------------------------------------------------------------------

  /**
   * Converts a sparse HLL to dense in place (hllSparseToDense); the header, cached
   * cardinality included, is kept. False when the sparse data is corrupt.
   */
  toDense(): boolean {
    if (this.encoding === HLL_DENSE) return true;
    const dense = new HllData(Buffer.alloc(HLL_DENSE_SIZE), HLL_DENSE_SIZE);
    this.buf.copy(dense.buf, 0, 0, HLL_HDR_SIZE);
    dense.buf[4] = HLL_DENSE;
    // Every run is checked against the register count (the CVE-2025-32023 fix in Redis).
    let idx = 0;
    let valid = true;
    let p = HLL_HDR_SIZE;
    while (p < this.len) {
      const op = this.buf[p] as number;
      const run = isZero(op) ? zeroLen(op) : isXzero(op) ? xzeroLen(op, this.at(p + 1)) : valLen(op);
      if (run + idx > HLL_REGISTERS) {
        valid = false;
        break;
      }
      if (isVal(op)) {
        const value = valValue(op);
        for (let i = 0; i < run; i++) dense.denseSet(idx++, value);
      } else {
        idx += run;
      }
      p += isXzero(op) ? 2 : 1;
    }
    if (!valid || idx !== HLL_REGISTERS) return false;
    this.buf = dense.buf;
    this.len = dense.len;
    return true;
  }

  /**
   * Raises the register at `index` to `count` in the sparse representation
   * (hllSparseSet): splits opcodes in place, merges adjacent equal VALs, and promotes to
   * dense when the value does not fit a VAL or the string would pass `maxBytes`.
   * 1 when changed, 0 when not, -1 when the data is corrupt.
   */
  sparseSet(index: number, count: number, maxBytes: number): number {
    if (count > SPARSE_VAL_MAX_VALUE) return this.promote(index, count);
    this.ensureRoom(3);
    const buf = this.buf;
    let end = this.len;
    // Step 1: find the opcode covering the register.
    let p = HLL_HDR_SIZE;
    let first = 0;
    let prev = -1;
    let span = 0;
    while (p < end) {
      const op = buf[p] as number;
      let oplen = 1;
      if (isZero(op)) span = zeroLen(op);
      else if (isVal(op)) span = valLen(op);
      else {
        span = xzeroLen(op, this.at(p + 1));
        oplen = 2;
      }
      if (index <= first + span - 1) break;
      prev = p;
      p += oplen;
      first += span;
    }
    if (span === 0 || p >= end) return -1;
    const op = buf[p] as number;
    let next: number = isXzero(op) ? p + 2 : p + 1;
    if (next >= end) next = -1;
    let runlen: number;
    if (isZero(op)) runlen = zeroLen(op);
    else if (isXzero(op)) runlen = xzeroLen(op, this.at(p + 1));
    else runlen = valLen(op);

    // Step 2: the easy cases update the opcode itself.
    let updated = false;
    if (isVal(op)) {
      if (valValue(op) >= count) return 0;
      if (runlen === 1) {
        buf[p] = valOp(count, 1);
        updated = true;
      }
    }
    if (!updated && isZero(op) && runlen === 1) {
      buf[p] = valOp(count, 1);
      updated = true;
    }
    if (!updated) {
      // General case: split the opcode into up to three (at most 5 bytes).
      const seq: number[] = [];
      const last = first + span - 1;
      if (isZero(op) || isXzero(op)) {
        if (index !== first) pushZeros(seq, index - first);
        seq.push(valOp(count, 1));
        if (index !== last) pushZeros(seq, last - index);
      } else {
        const current = valValue(op);
        if (index !== first) seq.push(valOp(current, index - first));
        seq.push(valOp(count, 1));
        if (index !== last) seq.push(valOp(current, last - index));
      }
      // Step 3: replace the old opcode with the sequence.
      const oldLen = isXzero(op) ? 2 : 1;
      const delta = seq.length - oldLen;
      if (delta > 0 && this.len + delta > maxBytes) return this.promote(index, count);
      if (delta !== 0 && next >= 0) buf.copyWithin(next + delta, next, end);
      this.len += delta;
      for (let i = 0; i < seq.length; i++) buf[p + i] = seq[i] as number;
      end += delta;
    }

    // Step 4: merge adjacent VALs of equal value, scanning up to 5 opcodes from prev.
    let q = prev >= 0 ? prev : HLL_HDR_SIZE;
    let scan = 5;
    while (q < end && scan-- !== 0) {
      const a = buf[q] as number;
      if (isXzero(a)) {
        q += 2;
        continue;
      }
      if (isZero(a)) {
        q++;
        continue;
      }
      if (q + 1 < end && isVal(buf[q + 1] as number)) {
        const b = buf[q + 1] as number;
        const value = valValue(a);
        if (value === valValue(b)) {
          const len = valLen(a) + valLen(b);
          if (len <= SPARSE_VAL_MAX_LEN) {
            buf[q + 1] = valOp(value, len);
            buf.copyWithin(q, q + 1, end);
            this.len--;
            end--;
            continue;
          }
        }
      }
      q++;
    }
    this.invalidateCache();
    return 1;
  }

  private promote(index: number, count: number): number {
    if (!this.toDense()) return -1;
    return this.denseSetIfGreater(index, count);
  }

  /** hllAdd: hashes an element and raises its register. 1 changed, 0 not, -1 corrupt. */
  add(element: string, maxBytes: number): number {
    const { index, count } = hllPatternLength(element);
    if (this.encoding === HLL_DENSE) return this.denseSetIfGreater(index, count);
    if (this.encoding === HLL_SPARSE) return this.sparseSet(index, count, maxBytes);
    return -1;
  }

  /** Raises `max` to this HLL's registers (hllMerge); false when sparse data is corrupt. */
  mergeInto(max: Uint8Array): boolean {
    if (this.encoding === HLL_DENSE) {
      for (let i = 0; i < HLL_REGISTERS; i++) {
        const value = this.denseGet(i);
        if (value > (max[i] as number)) max[i] = value;
      }
      return true;
    }
    let i = 0;
    let p = HLL_HDR_SIZE;
    while (p < this.len) {
      const op = this.buf[p] as number;
      const run = isZero(op) ? zeroLen(op) : isXzero(op) ? xzeroLen(op, this.at(p + 1)) : valLen(op);
      if (run + i > HLL_REGISTERS) return false;
      if (isVal(op)) {
        const value = valValue(op);
        for (let r = 0; r < run; r++, i++) if (value > (max[i] as number)) max[i] = value;
      } else {
        i += run;
      }
      p += isXzero(op) ? 2 : 1;
    }
    return i === HLL_REGISTERS;
  }

  /** The histogram of register values; undefined when sparse data is corrupt. */
  histogram(): Int32Array | undefined {
    const histo = new Int32Array(64);
    if (this.encoding === HLL_DENSE) {
      for (let i = 0; i < HLL_REGISTERS; i++) (histo[this.denseGet(i)] as number)++;
      return histo;
    }
    let idx = 0;
    let p = HLL_HDR_SIZE;
    while (p < this.len) {
      const op = this.buf[p] as number;
      const run = isZero(op) ? zeroLen(op) : isXzero(op) ? xzeroLen(op, this.at(p + 1)) : valLen(op);
      if (run + idx > HLL_REGISTERS) return undefined;
      idx += run;
      (histo[isVal(op) ? valValue(op) : 0] as number) += run;
      p += isXzero(op) ? 2 : 1;
    }
    return idx === HLL_REGISTERS ? histo : undefined;
  }

  /** PFDEBUG DECODE's text of the sparse opcodes. */
  decodeSparse(): string {
    const parts: string[] = [];
    let p = HLL_HDR_SIZE;
    while (p < this.len) {
      const op = this.buf[p] as number;
      if (isZero(op)) {
        parts.push(`z:${zeroLen(op)}`);
        p++;
      } else if (isXzero(op)) {
        parts.push(`Z:${xzeroLen(op, this.at(p + 1))}`);
        p += 2;
      } else {
        parts.push(`v:${valValue(op)},${valLen(op)}`);
        p++;
      }
    }
    return parts.join(' ');
  }
}

function setXzero(buf: Uint8Array, p: number, len: number): void {
  const l = len - 1;
  buf[p] = (l >> 8) | 0x40;
  buf[p + 1] = l & 0xff;
}

/** A run of zero registers as ZERO (up to 64) or XZERO opcode bytes. */
function pushZeros(seq: number[], len: number): void {
  if (len > SPARSE_ZERO_MAX_LEN) {
    const l = len - 1;
    seq.push((l >> 8) | 0x40, l & 0xff);
  } else {
    seq.push(len - 1);
  }
}

/** True when the bytes are a string Redis accepts as an HLL (isHLLObjectOrReply). */
export function isValidHll(bytes: Uint8Array): boolean {
  if (bytes.length < HLL_HDR_SIZE) return false;
  if (bytes[0] !== 0x48 || bytes[1] !== 0x59 || bytes[2] !== 0x4c || bytes[3] !== 0x4c) return false;
  const encoding = bytes[4] as number;
  if (encoding > HLL_MAX_ENCODING) return false;
  if (encoding === HLL_DENSE && bytes.length !== HLL_DENSE_SIZE) return false;
  return true;
}

/** Ertl's sigma, as hyperloglog.c computes it. */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  let zPrime: number;
  do {
    x *= x;
    zPrime = z;
    z += x * y;
    y += y;
  } while (zPrime !== z);
  return z;
}

/** Ertl's tau, as hyperloglog.c computes it. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1.0;
  let z = 1 - x;
  let zPrime: number;
  do {
    x = Math.sqrt(x);
    zPrime = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
  } while (zPrime !== z);
  return z / 3;
}

/** hllCount's estimator ("New cardinality estimation algorithms for HyperLogLog sketches"). */
export function estimateCardinality(histo: Int32Array): number {
  const m = HLL_REGISTERS;
  let z = m * tau((m - (histo[HLL_Q + 1] as number)) / m);
  for (let j = HLL_Q; j >= 1; --j) {
    z += histo[j] as number;
    z *= 0.5;
  }
  z += m * sigma((histo[0] as number) / m);
  return Math.round((ALPHA_INF * m * m) / z);
}

/** The histogram of a plain array of register values (PFCOUNT of several keys). */
export function rawHistogram(registers: Uint8Array): Int32Array {
  const histo = new Int32Array(64);
  for (let i = 0; i < HLL_REGISTERS; i++) (histo[registers[i] as number] as number)++;
  return histo;
}
