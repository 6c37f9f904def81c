import { crc64, lzfCompress, lzfDecompress } from '@fakeredis/core';

/**
 * The pieces of Redis's RDB format that FUNCTION DUMP / RESTORE use: lengths, strings
 * (plain, integer-encoded, LZF-compressed), the function opcodes, and the DUMP footer
 * (RDB version, then CRC-64/Jones of everything before it, little-endian). CRC-64 and
 * LZF are core's (its RDB serialization), so that a payload dumped here is byte for byte
 * what redis-server dumps for the same libraries.
 *
 * Buffers hold bytes; library code travels as latin1 strings (one char per byte).
 */

export { crc64, lzfCompress, lzfDecompress };

/** RDB_VERSION of Redis 7.0. */
export const RDB_VERSION = 10;
/** RDB_OPCODE_FUNCTION2: a library's code follows. */
export const RDB_OPCODE_FUNCTION2 = 245;
/** RDB_OPCODE_FUNCTION: 7.0-rc1/rc2 format (name, engine, description, code). */
export const RDB_OPCODE_FUNCTION = 246;

const RDB_6BITLEN = 0;
const RDB_14BITLEN = 1;
const RDB_32BITLEN = 0x80;
const RDB_64BITLEN = 0x81;
const RDB_ENCVAL = 3;
const RDB_ENC_INT8 = 0;
const RDB_ENC_INT16 = 1;
const RDB_ENC_INT32 = 2;
const RDB_ENC_LZF = 3;

// ---- Writing.

/** Appends bytes to a growing list of chunks. */
export class RdbWriter {
  private readonly chunks: Uint8Array[] = [];

  constructor(private readonly compression: boolean) {}

  bytes(b: Uint8Array | number[]): void {
    this.chunks.push(b instanceof Uint8Array ? b : Uint8Array.from(b));
  }

  /** rdbSaveLen. */
  length(len: number): void {
    if (len < 1 << 6) this.bytes([(len & 0xff) | (RDB_6BITLEN << 6)]);
    else if (len < 1 << 14) this.bytes([((len >> 8) & 0xff) | (RDB_14BITLEN << 6), len & 0xff]);
    else if (len <= 0xffffffff) this.bytes([RDB_32BITLEN, (len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff]);
    else {
      const b = [RDB_64BITLEN];
      const v = BigInt(len);
      for (let shift = 56n; shift >= 0n; shift -= 8n) b.push(Number((v >> shift) & 0xffn));
      this.bytes(b);
    }
  }

  /** rdbSaveRawString: an integer encoding for short decimal strings, LZF past 20 bytes, else as is. */
  string(s: Uint8Array): void {
    if (s.length <= 11) {
      const encoded = integerEncoding(s);
      if (encoded !== undefined) {
        this.bytes(encoded);
        return;
      }
    }
    if (this.compression && s.length > 20 && s.length > 4) {
      const compressed = lzfCompress(s, s.length - 4);
      if (compressed !== undefined) {
        this.bytes([(RDB_ENCVAL << 6) | RDB_ENC_LZF]);
        this.length(compressed.length);
        this.length(s.length);
        this.bytes(compressed);
        return;
      }
    }
    this.length(s.length);
    if (s.length > 0) this.bytes(s);
  }

  result(): Uint8Array {
    const total = this.chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** rdbTryIntegerEncoding: the encoded form when `s` is the canonical decimal of a 32-bit integer. */
function integerEncoding(s: Uint8Array): number[] | undefined {
  const text = Buffer.from(s).toString('latin1');
  if (!/^-?(0|[1-9][0-9]*)$/.test(text) || text === '-0') return undefined;
  const value = Number(text);
  if (value >= -(1 << 7) && value <= (1 << 7) - 1) return [(RDB_ENCVAL << 6) | RDB_ENC_INT8, value & 0xff];
  if (value >= -(1 << 15) && value <= (1 << 15) - 1) return [(RDB_ENCVAL << 6) | RDB_ENC_INT16, value & 0xff, (value >> 8) & 0xff];
  if (value >= -(2 ** 31) && value <= 2 ** 31 - 1) {
    return [(RDB_ENCVAL << 6) | RDB_ENC_INT32, value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, (value >>> 24) & 0xff];
  }
  return undefined;
}

/** The DUMP footer: RDB version (2 bytes, little-endian) and the CRC-64 of all before it. */
export function withFooter(body: Uint8Array, version = RDB_VERSION): Uint8Array {
  const out = new Uint8Array(body.length + 10);
  out.set(body, 0);
  out[body.length] = version & 0xff;
  out[body.length + 1] = (version >> 8) & 0xff;
  let crc = crc64(out.subarray(0, body.length + 2));
  for (let i = 0; i < 8; i++) {
    out[body.length + 2 + i] = Number(crc & 0xffn);
    crc >>= 8n;
  }
  return out;
}

/** verifyDumpPayload: the payload's RDB version when it is not newer and its checksum holds. */
export function verifyPayload(payload: Uint8Array, maxVersion = RDB_VERSION): number | undefined {
  if (payload.length < 10) return undefined;
  const footer = payload.length - 10;
  const version = (payload[footer] as number) | ((payload[footer + 1] as number) << 8);
  if (version > maxVersion) return undefined;
  let crc = crc64(payload.subarray(0, payload.length - 8));
  for (let i = 0; i < 8; i++) {
    if (payload[footer + 2 + i] !== Number(crc & 0xffn)) return undefined;
    crc >>= 8n;
  }
  return version;
}

// ---- Reading.

/** Reads RDB items from a buffer as rio does: a read past the end fails (undefined). */
export class RdbReader {
  pos = 0;

  constructor(readonly data: Uint8Array) {}

  get remaining(): number {
    return this.data.length - this.pos;
  }

  byte(): number | undefined {
    return this.pos < this.data.length ? (this.data[this.pos++] as number) : undefined;
  }

  private take(n: number): Uint8Array | undefined {
    if (n > this.remaining) return undefined;
    const out = this.data.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** rdbLoadLen: { len } or { encoding } for a special string encoding; undefined on a short read. */
  length(): { len: number; encoded: boolean } | undefined {
    const first = this.byte();
    if (first === undefined) return undefined;
    const type = (first & 0xc0) >> 6;
    if (type === RDB_ENCVAL) return { len: first & 0x3f, encoded: true };
    if (type === RDB_6BITLEN) return { len: first & 0x3f, encoded: false };
    if (type === RDB_14BITLEN) {
      const second = this.byte();
      return second === undefined ? undefined : { len: ((first & 0x3f) << 8) | second, encoded: false };
    }
    if (first === RDB_32BITLEN) {
      const b = this.take(4);
      return b === undefined ? undefined : { len: (((b[0] as number) << 24) >>> 0) + ((b[1] as number) << 16) + ((b[2] as number) << 8) + (b[3] as number), encoded: false };
    }
    if (first === RDB_64BITLEN) {
      const b = this.take(8);
      if (b === undefined) return undefined;
      let v = 0n;
      for (const x of b) v = (v << 8n) | BigInt(x);
      // Longer than any buffer: the read that follows fails, as Redis's allocation would.
      return { len: v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v), encoded: false };
    }
    // rdbLoadLenByRef reports an unknown length type as corrupt.
    return undefined;
  }

  /** rdbGenericLoadStringObject: the string's bytes, or undefined when it cannot be read. */
  string(): Uint8Array | undefined {
    const header = this.length();
    if (header === undefined) return undefined;
    if (header.encoded) {
      switch (header.len) {
        case RDB_ENC_INT8: {
          const b = this.take(1);
          return b === undefined ? undefined : ascii(String((b[0] as number) << 24 >> 24));
        }
        case RDB_ENC_INT16: {
          const b = this.take(2);
          return b === undefined ? undefined : ascii(String((((b[0] as number) | ((b[1] as number) << 8)) << 16) >> 16));
        }
        case RDB_ENC_INT32: {
          const b = this.take(4);
          return b === undefined ? undefined : ascii(String((b[0] as number) | ((b[1] as number) << 8) | ((b[2] as number) << 16) | ((b[3] as number) << 24)));
        }
        case RDB_ENC_LZF: {
          const clen = this.length();
          if (clen === undefined || clen.encoded) return undefined;
          const len = this.length();
          if (len === undefined || len.encoded) return undefined;
          const compressed = this.take(clen.len);
          if (compressed === undefined) return undefined;
          return lzfDecompress(compressed, len.len);
        }
        default:
          return undefined;
      }
    }
    return this.take(header.len);
  }
}

const ascii = (s: string): Uint8Array => Buffer.from(s, 'latin1');
