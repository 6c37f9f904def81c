import type { Bytes } from '../bytes.js';
import type { FakeServer } from '../server.js';
import { RdbError } from './format.js';

/**
 * Listpacks (listpack.c) as RDB stores them: a 6-byte header (total bytes, element count
 * capped at 65535), entries each with their encoding, data and back-length, and 0xFF.
 * A string that is a canonical int64 of at most 20 bytes is stored as an integer, as
 * lpAppend does; integers can also be appended directly (streams).
 */
export class ListpackWriter {
  private buf = Buffer.allocUnsafe(256);
  private pos = 6;
  private count = 0;

  get size(): number {
    return this.count;
  }

  private reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** lpAppend of a string: as an integer when lpStringToInt64 accepts it. */
  string(s: Bytes | string): void {
    const len = s.length;
    if (len > 0 && len < 21) {
      const c = s.charCodeAt(0);
      if (c === 45 || (c >= 48 && c <= 57)) {
        const v = lpStringToInt64(s);
        if (v !== undefined) return this.integer(v);
      }
    }
    let header: number;
    if (len < 64) header = 1;
    else if (len < 4096) header = 2;
    else header = 5;
    const entryLen = header + len;
    this.reserve(entryLen + 5);
    const buf = this.buf;
    if (header === 1) buf[this.pos++] = 0x80 | len;
    else if (header === 2) {
      buf[this.pos++] = 0xe0 | (len >> 8);
      buf[this.pos++] = len & 0xff;
    } else {
      buf[this.pos++] = 0xf0;
      buf.writeUInt32LE(len, this.pos);
      this.pos += 4;
    }
    this.pos += buf.write(s, this.pos, 'latin1');
    this.backlen(entryLen);
    this.count++;
  }

  /** lpAppendInteger. */
  integer(value: number | bigint): void {
    this.reserve(14);
    const buf = this.buf;
    const start = this.pos;
    const v = typeof value === 'bigint' && value >= -(2n ** 53n) && value <= 2n ** 53n ? Number(value) : value;
    if (typeof v === 'number' && v >= 0 && v <= 127) {
      buf[this.pos++] = v;
    } else if (typeof v === 'number' && v >= -4096 && v <= 4095) {
      const u = v < 0 ? (1 << 13) + v : v;
      buf[this.pos++] = (u >> 8) | 0xc0;
      buf[this.pos++] = u & 0xff;
    } else if (typeof v === 'number' && v >= -32768 && v <= 32767) {
      buf[this.pos++] = 0xf1;
      buf.writeInt16LE(v, this.pos);
      this.pos += 2;
    } else if (typeof v === 'number' && v >= -8388608 && v <= 8388607) {
      buf[this.pos++] = 0xf2;
      buf.writeIntLE(v, this.pos, 3);
      this.pos += 3;
    } else if (typeof v === 'number' && v >= -2147483648 && v <= 2147483647) {
      buf[this.pos++] = 0xf3;
      buf.writeInt32LE(v, this.pos);
      this.pos += 4;
    } else {
      buf[this.pos++] = 0xf4;
      buf.writeBigInt64LE(BigInt(v), this.pos);
      this.pos += 8;
    }
    this.backlen(this.pos - start);
    this.count++;
  }

  /** lpEncodeBacklen: the entry's length, high 7-bit group first, all but the first marked. */
  private backlen(l: number): void {
    const buf = this.buf;
    if (l <= 127) {
      buf[this.pos++] = l;
    } else if (l < 16383) {
      buf[this.pos++] = l >> 7;
      buf[this.pos++] = (l & 127) | 128;
    } else if (l < 2097151) {
      buf[this.pos++] = l >> 14;
      buf[this.pos++] = ((l >> 7) & 127) | 128;
      buf[this.pos++] = (l & 127) | 128;
    } else if (l < 268435455) {
      buf[this.pos++] = l >> 21;
      buf[this.pos++] = ((l >> 14) & 127) | 128;
      buf[this.pos++] = ((l >> 7) & 127) | 128;
      buf[this.pos++] = (l & 127) | 128;
    } else {
      buf[this.pos++] = Math.floor(l / 2 ** 28);
      buf[this.pos++] = ((l >>> 21) & 127) | 128;
      buf[this.pos++] = ((l >> 14) & 127) | 128;
      buf[this.pos++] = ((l >> 7) & 127) | 128;
      buf[this.pos++] = (l & 127) | 128;
    }
  }

  /** The finished listpack (a fresh copy). */
  finish(): Buffer {
    this.reserve(1);
    this.buf[this.pos] = 0xff;
    const total = this.pos + 1;
    this.buf.writeUInt32LE(total, 0);
    this.buf.writeUInt16LE(Math.min(this.count, 65535), 4);
    return Buffer.from(this.buf.subarray(0, total));
  }
}

/** A listpack of these strings, in order. */
export function encodeListpack(entries: Iterable<Bytes | string>): Buffer {
  const lp = new ListpackWriter();
  for (const e of entries) lp.string(e);
  return lp.finish();
}

/** lpStringToInt64: a canonical int64 of 1-20 bytes, else undefined. */
export function lpStringToInt64(s: string): number | bigint | undefined {
  const len = s.length;
  if (len === 0 || len >= 21) return undefined;
  if (len === 1 && s === '0') return 0;
  let i = 0;
  if (s.charCodeAt(0) === 45) {
    i = 1;
    if (len === 1) return undefined;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return undefined;
  for (let j = i + 1; j < len; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return undefined;
  }
  if (len <= 15) return Number(s);
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

/** The deep sanitization in progress: listpacks and intsets decoded so far. */
let sanitizing: { count: number } | undefined;

/**
 * Runs `load` (a value read from an RDB file or a DUMP payload) counting, when `deep`
 * (sanitize-dump-payload's deep integrity validation), each listpack and intset it decodes
 * as Redis counts stat_dump_payload_sanitizations: one per quicklist node, intset, set /
 * zset / hash listpack and stream listpack, before it is validated (a bad one counts too).
 * The modules' loaders decode those through decodeListpack / decodeIntset, and only they do.
 */
export function withPayloadSanitization<T>(server: FakeServer, deep: boolean, load: () => T): T {
  if (!deep) return load();
  const outer = sanitizing;
  const sink = { count: 0 };
  sanitizing = sink;
  try {
    return load();
  } finally {
    sanitizing = outer;
    server.stats.dumpPayloadSanitizations += sink.count;
  }
}

/**
 * The entries of a listpack, integers as their decimal Bytes; validated as Redis's
 * lpValidateIntegrity does (header, every entry within bounds, back-lengths, terminator,
 * count). A bad listpack throws RdbError.
 */
export function decodeListpack(lp: Uint8Array): Bytes[] {
  if (sanitizing !== undefined) sanitizing.count++;
  const buf = Buffer.from(lp.buffer, lp.byteOffset, lp.byteLength);
  if (buf.length < 7) throw new RdbError('Listpack too small');
  const total = buf.readUInt32LE(0);
  if (total !== buf.length) throw new RdbError('Listpack total bytes mismatch');
  const declared = buf.readUInt16LE(4);
  if (buf[buf.length - 1] !== 0xff) throw new RdbError('Listpack without terminator');
  const out: Bytes[] = [];
  let p = 6;
  const end = buf.length - 1;
  while (p < end) {
    const start = p;
    const b = buf[p] as number;
    let value: Bytes;
    if ((b & 0x80) === 0) {
      value = String(b) as Bytes;
      p += 1;
    } else if ((b & 0xc0) === 0x80) {
      const len = b & 0x3f;
      if (p + 1 + len > end) throw new RdbError('Listpack entry out of range');
      value = buf.toString('latin1', p + 1, p + 1 + len) as Bytes;
      p += 1 + len;
    } else if ((b & 0xe0) === 0xc0) {
      if (p + 2 > end) throw new RdbError('Listpack entry out of range');
      let u = ((b & 0x1f) << 8) | (buf[p + 1] as number);
      if (u >= 1 << 12) u -= 1 << 13;
      value = String(u) as Bytes;
      p += 2;
    } else if ((b & 0xf0) === 0xe0) {
      if (p + 2 > end) throw new RdbError('Listpack entry out of range');
      const len = ((b & 0x0f) << 8) | (buf[p + 1] as number);
      if (p + 2 + len > end) throw new RdbError('Listpack entry out of range');
      value = buf.toString('latin1', p + 2, p + 2 + len) as Bytes;
      p += 2 + len;
    } else {
      const width = b === 0xf1 ? 2 : b === 0xf2 ? 3 : b === 0xf3 ? 4 : b === 0xf4 ? 8 : b === 0xf0 ? -1 : 0;
      if (width === 0) throw new RdbError('Invalid listpack entry encoding');
      if (width === -1) {
        if (p + 5 > end) throw new RdbError('Listpack entry out of range');
        const len = buf.readUInt32LE(p + 1);
        if (p + 5 + len > end) throw new RdbError('Listpack entry out of range');
        value = buf.toString('latin1', p + 5, p + 5 + len) as Bytes;
        p += 5 + len;
      } else {
        if (p + 1 + width > end) throw new RdbError('Listpack entry out of range');
        value = (width === 8 ? buf.readBigInt64LE(p + 1).toString() : String(buf.readIntLE(p + 1, width))) as Bytes;
        p += 1 + width;
      }
    }
    // The back-length must encode this entry's length.
    const entryLen = p - start;
    const backLen = entryLen <= 127 ? 1 : entryLen < 16383 ? 2 : entryLen < 2097151 ? 3 : entryLen < 268435455 ? 4 : 5;
    if (p + backLen > end) throw new RdbError('Listpack back-length out of range');
    let decoded = 0;
    let shift = 0;
    for (let q = p + backLen - 1; q >= p; q--) {
      decoded += ((buf[q] as number) & 127) * 2 ** shift;
      shift += 7;
    }
    if (decoded !== entryLen) throw new RdbError('Listpack back-length mismatch');
    p += backLen;
    out.push(value);
  }
  if (p !== end) throw new RdbError('Listpack entries overrun');
  if (declared !== 65535 && declared !== out.length) throw new RdbError('Listpack count mismatch');
  return out;
}

/** An intset (intset.c): encoding width, length, then the values ascending, little-endian. */
export function encodeIntset(sortedValues: readonly (Bytes | string)[], width: number): Buffer {
  const buf = Buffer.alloc(8 + sortedValues.length * width);
  buf.writeUInt32LE(width, 0);
  buf.writeUInt32LE(sortedValues.length, 4);
  let p = 8;
  for (const s of sortedValues) {
    if (width === 2) buf.writeInt16LE(Number(s), p);
    else if (width === 4) buf.writeInt32LE(Number(s), p);
    else buf.writeBigInt64LE(BigInt(s), p);
    p += width;
  }
  return buf;
}

/** The values of an intset as decimal Bytes, validated as intsetValidateIntegrity does (ascending, unique). */
export function decodeIntset(data: Uint8Array): Bytes[] {
  if (sanitizing !== undefined) sanitizing.count++;
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (buf.length < 8) throw new RdbError('Intset too small');
  const width = buf.readUInt32LE(0);
  if (width !== 2 && width !== 4 && width !== 8) throw new RdbError('Intset encoding invalid');
  const count = buf.readUInt32LE(4);
  if (8 + count * width !== buf.length) throw new RdbError('Intset length mismatch');
  if (count === 0) throw new RdbError('Intset empty');
  const out: Bytes[] = [];
  let prev: bigint | undefined;
  for (let i = 0, p = 8; i < count; i++, p += width) {
    const v = width === 2 ? BigInt(buf.readInt16LE(p)) : width === 4 ? BigInt(buf.readInt32LE(p)) : buf.readBigInt64LE(p);
    if (prev !== undefined && v <= prev) throw new RdbError('Intset not sorted');
    prev = v;
    out.push(v.toString() as Bytes);
  }
  return out;
}
