import type { Bytes } from '../bytes.js';
import { lzfDecompress } from './lzf.js';
import {
  RDB_14BITLEN, RDB_32BITLEN, RDB_64BITLEN, RDB_6BITLEN, RDB_ENC_INT16, RDB_ENC_INT32, RDB_ENC_INT8, RDB_ENC_LZF, RDB_ENCVAL,
  RdbError,
} from './format.js';

/**
 * Reads RDB items from a buffer as rio does from a file or a payload: a read past the end,
 * a bad length or bad LZF data throws RdbError (the caller answers "Bad data format" or
 * refuses the file), so nothing half-read is ever kept.
 */
export class RdbReader {
  pos = 0;

  constructor(readonly data: Buffer) {}

  get remaining(): number {
    return this.data.length - this.pos;
  }

  private need(n: number): void {
    if (n > this.data.length - this.pos) throw new RdbError('Unexpected EOF reading RDB file');
  }

  byte(): number {
    this.need(1);
    return this.data[this.pos++] as number;
  }

  /** `n` bytes as they are (a view of the input). */
  raw(n: number): Buffer {
    this.need(n);
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** rdbLoadLenByRef: the length, or the special encoding when `encoded`. */
  lengthOrEncoding(): { len: number; encoded: boolean } {
    const first = this.byte();
    const type = (first & 0xc0) >> 6;
    if (type === RDB_ENCVAL) return { len: first & 0x3f, encoded: true };
    if (type === RDB_6BITLEN) return { len: first & 0x3f, encoded: false };
    if (type === RDB_14BITLEN) return { len: ((first & 0x3f) << 8) | this.byte(), encoded: false };
    if (first === RDB_32BITLEN) {
      this.need(4);
      const len = this.data.readUInt32BE(this.pos);
      this.pos += 4;
      return { len, encoded: false };
    }
    if (first === RDB_64BITLEN) {
      this.need(8);
      const v = this.data.readBigUInt64BE(this.pos);
      this.pos += 8;
      // Longer than any buffer: the read that follows fails, as Redis's allocation would.
      return { len: v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v), encoded: false };
    }
    throw new RdbError(`Unknown length encoding ${first >> 6} in rdbLoadLen()`);
  }

  /** rdbLoadLen of a plain length. */
  length(): number {
    // The common short lengths without an allocation.
    const first = this.data[this.pos];
    if (first !== undefined && first < 0x40) {
      this.pos++;
      return first;
    }
    const l = this.lengthOrEncoding();
    if (l.encoded) throw new RdbError('Unexpected encoded length');
    return l.len;
  }

  /** rdbLoadLen of a value that may exceed 2^53 (stream ids). */
  lengthBig(): bigint {
    const first = this.data[this.pos];
    if (first === RDB_64BITLEN) {
      this.pos++;
      this.need(8);
      const v = this.data.readBigUInt64BE(this.pos);
      this.pos += 8;
      return v;
    }
    return BigInt(this.length());
  }

  /** rdbGenericLoadStringObject as bytes. */
  blob(): Buffer {
    const header = this.lengthOrEncoding();
    if (!header.encoded) return this.raw(header.len);
    switch (header.len) {
      case RDB_ENC_INT8:
        return Buffer.from(String(this.raw(1).readInt8(0)), 'latin1');
      case RDB_ENC_INT16:
        return Buffer.from(String(this.raw(2).readInt16LE(0)), 'latin1');
      case RDB_ENC_INT32:
        return Buffer.from(String(this.raw(4).readInt32LE(0)), 'latin1');
      case RDB_ENC_LZF: {
        const clen = this.length();
        const len = this.length();
        const compressed = this.raw(clen);
        const out = len === 0 ? undefined : lzfDecompress(compressed, len);
        if (out === undefined) throw new RdbError('Invalid LZF compressed string');
        return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
      }
      default:
        throw new RdbError(`Unknown RDB string encoding type ${header.len}`);
    }
  }

  /** rdbGenericLoadStringObject as Bytes (a latin1 JS string). */
  string(): Bytes {
    // A short plain string (6-bit length), the usual key, without an allocation.
    const first = this.data[this.pos];
    if (first !== undefined && first < 0x40) {
      const start = this.pos + 1;
      const end = start + first;
      if (end > this.data.length) throw new RdbError('Unexpected EOF reading RDB file');
      this.pos = end;
      return this.data.toString('latin1', start, end) as Bytes;
    }
    const header = this.lengthOrEncoding();
    if (!header.encoded) {
      this.need(header.len);
      const s = this.data.toString('latin1', this.pos, this.pos + header.len) as Bytes;
      this.pos += header.len;
      return s;
    }
    this.pos--;
    // Rewind over the header byte: blob() reads it again.
    const b = this.blob();
    return b.toString('latin1') as Bytes;
  }

  /** rdbLoadMillisecondTime: int64 little-endian. */
  millis(): bigint {
    this.need(8);
    const v = this.data.readBigInt64LE(this.pos);
    this.pos += 8;
    return v;
  }

  /** rdbLoadBinaryDoubleValue. */
  double(): number {
    this.need(8);
    const v = this.data.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }

  /** rdbLoadDoubleValue (RDB_TYPE_ZSET): a length byte then the %.17g text; 253-255 are nan, inf, -inf. */
  textDouble(): number {
    const len = this.byte();
    if (len === 255) return -Infinity;
    if (len === 254) return Infinity;
    if (len === 253) return NaN;
    const text = this.raw(len).toString('latin1');
    const v = Number(text);
    if (Number.isNaN(v)) throw new RdbError('Invalid double');
    return v;
  }
}
