import type { Bytes } from '../bytes.js';
import { lzfCompress } from './lzf.js';
import {
  RDB_14BITLEN, RDB_32BITLEN, RDB_64BITLEN, RDB_6BITLEN, RDB_ENC_INT16, RDB_ENC_INT32, RDB_ENC_INT8, RDB_ENC_LZF, RDB_ENCVAL,
} from './format.js';

/**
 * Writes RDB items into a growing buffer, as rio does into an sds: lengths
 * (rdbSaveLen), strings (rdbSaveRawString: integer encodings, then LZF past 20 bytes when
 * rdbcompression is on), binary doubles, millisecond times. Strings are taken as Bytes
 * (latin1 JS strings) or byte arrays.
 */
export class RdbWriter {
  private buf: Buffer;
  private pos = 0;
  /** Bytes already handed to `flush` (a file is written piece by piece). */
  private flushedBytes = 0;

  constructor(
    /** rdbcompression: LZF for strings longer than 20 bytes. */
    readonly compression = true,
    /** Called with a full buffer's bytes when set; the buffer is then reused. */
    private readonly flush?: (chunk: Uint8Array) => void,
    initialSize = 4096,
  ) {
    this.buf = Buffer.allocUnsafe(initialSize);
  }

  /** Bytes written so far. */
  get written(): number {
    return this.flushedBytes + this.pos;
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    if (this.flush !== undefined && this.pos > 0) {
      this.flush(this.buf.subarray(0, this.pos));
      this.flushedBytes += this.pos;
      this.pos = 0;
      this.buf = Buffer.allocUnsafe(Math.max(this.buf.length, n));
      return;
    }
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  /** Bytes as they are (rdbWriteRaw). */
  raw(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Latin1 Bytes as they are. */
  rawBytes(s: Bytes | string): void {
    this.reserve(s.length);
    this.pos += this.buf.write(s, this.pos, 'latin1');
  }

  /** rdbSaveLen. */
  length(len: number): void {
    this.reserve(9);
    const buf = this.buf;
    if (len < 1 << 6) {
      buf[this.pos++] = len | (RDB_6BITLEN << 6);
    } else if (len < 1 << 14) {
      buf[this.pos++] = (len >> 8) | (RDB_14BITLEN << 6);
      buf[this.pos++] = len & 0xff;
    } else if (len <= 0xffffffff) {
      buf[this.pos++] = RDB_32BITLEN;
      buf.writeUInt32BE(len, this.pos);
      this.pos += 4;
    } else {
      buf[this.pos++] = RDB_64BITLEN;
      buf.writeBigUInt64BE(BigInt(len), this.pos);
      this.pos += 8;
    }
  }

  /** rdbSaveLen of a value that may exceed 2^53 (stream ids). */
  lengthBig(len: bigint): void {
    if (len <= BigInt(Number.MAX_SAFE_INTEGER)) return this.length(Number(len));
    this.reserve(9);
    this.buf[this.pos++] = RDB_64BITLEN;
    this.buf.writeBigUInt64BE(len, this.pos);
    this.pos += 8;
  }

  /** rdbSaveRawString of Bytes: an integer encoding, LZF, or the bytes after their length. */
  string(s: Bytes | string): void {
    const len = s.length;
    if (len <= 11 && len > 0 && this.integer(s)) return;
    if (this.compression && len > 20) {
      const bytes = Buffer.from(s, 'latin1');
      if (this.lzf(bytes)) return;
      this.length(len);
      this.raw(bytes);
      return;
    }
    this.length(len);
    this.rawBytes(s);
  }

  /** rdbSaveRawString of a byte array (a listpack, an intset). */
  blob(b: Uint8Array): void {
    const len = b.length;
    if (len <= 11 && len > 0 && this.integer(Buffer.from(b.buffer, b.byteOffset, len).toString('latin1'))) return;
    if (this.compression && len > 20 && this.lzf(b)) return;
    this.length(len);
    this.raw(b);
  }

  /** rdbSaveLzfStringObject: false when LZF does not save at least 4 bytes. */
  private lzf(b: Uint8Array): boolean {
    const compressed = lzfCompress(b, b.length - 4);
    if (compressed === undefined) return false;
    this.byte((RDB_ENCVAL << 6) | RDB_ENC_LZF);
    this.length(compressed.length);
    this.length(b.length);
    this.raw(compressed);
    return true;
  }

  /** rdbSaveLzfBlob: data already compressed (a compressed quicklist node). */
  lzfBlob(compressed: Uint8Array, originalLength: number): void {
    this.byte((RDB_ENCVAL << 6) | RDB_ENC_LZF);
    this.length(compressed.length);
    this.length(originalLength);
    this.raw(compressed);
  }

  /** rdbTryIntegerEncoding: the canonical decimal of a 32-bit integer as 1, 2 or 4 bytes. */
  private integer(s: string): boolean {
    const c = s.charCodeAt(0);
    if (c !== 45 && (c < 48 || c > 57)) return false;
    const value = canonicalInt32(s);
    if (value === undefined) return false;
    this.reserve(5);
    const buf = this.buf;
    if (value >= -128 && value <= 127) {
      buf[this.pos++] = (RDB_ENCVAL << 6) | RDB_ENC_INT8;
      buf.writeInt8(value, this.pos);
      this.pos += 1;
    } else if (value >= -32768 && value <= 32767) {
      buf[this.pos++] = (RDB_ENCVAL << 6) | RDB_ENC_INT16;
      buf.writeInt16LE(value, this.pos);
      this.pos += 2;
    } else {
      buf[this.pos++] = (RDB_ENCVAL << 6) | RDB_ENC_INT32;
      buf.writeInt32LE(value, this.pos);
      this.pos += 4;
    }
    return true;
  }

  /** rdbSaveMillisecondTime: int64 little-endian. */
  millis(ms: number | bigint): void {
    this.reserve(8);
    this.buf.writeBigInt64LE(BigInt(ms), this.pos);
    this.pos += 8;
  }

  /** rdbSaveBinaryDoubleValue: IEEE 754 little-endian. */
  double(d: number): void {
    this.reserve(8);
    this.buf.writeDoubleLE(d, this.pos);
    this.pos += 8;
  }

  /** Everything written (when no flush callback was given). */
  result(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** Hands what remains to the flush callback. */
  end(): void {
    if (this.flush !== undefined && this.pos > 0) {
      this.flush(this.buf.subarray(0, this.pos));
      this.flushedBytes += this.pos;
      this.pos = 0;
    }
  }
}

/**
 * The value when `s` is a 32-bit integer whose decimal form is exactly `s` (string2ll
 * then ll2string compare equal), else undefined.
 */
export function canonicalInt32(s: string): number | undefined {
  const len = s.length;
  if (len === 0 || len > 11) return undefined;
  let i = 0;
  let negative = false;
  if (s.charCodeAt(0) === 45) {
    negative = true;
    i = 1;
    if (len === 1) return undefined;
  }
  const first = s.charCodeAt(i);
  if (first === 48) {
    if (len === 1) return 0;
    return undefined; // "-0", "01"
  }
  let v = 0;
  for (; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    v = v * 10 + (c - 48);
  }
  if (negative) v = -v;
  return v >= -2147483648 && v <= 2147483647 ? v : undefined;
}
