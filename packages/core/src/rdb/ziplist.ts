import type { Bytes } from '../bytes.js';
import { RdbError } from './format.js';

/**
 * The encodings of Redis 6 and older that RDB files and DUMP payloads may still hold:
 * ziplists (lists, hashes and sorted sets before listpacks, and quicklist nodes of RDB
 * type 14) and zipmaps (hashes of Redis 2.4). Loading converts them, as Redis 7 does; the
 * fake never writes them.
 */

/** The entries of a ziplist (ziplist.c), integers as their decimal Bytes; a bad one throws RdbError. */
export function decodeZiplist(data: Uint8Array): Bytes[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const bad = (): never => {
    throw new RdbError('Ziplist integrity check failed.');
  };
  if (buf.length < 11) bad();
  if (buf.readUInt32LE(0) !== buf.length) bad();
  const tail = buf.readUInt32LE(4);
  const declared = buf.readUInt16LE(8);
  if (buf[buf.length - 1] !== 0xff) bad();
  const end = buf.length - 1;
  const out: Bytes[] = [];
  let p = 10;
  let prevLen = 0;
  let last = -1;
  while (p < end) {
    const start = p;
    // prevlen: one byte, or 0xFE and four bytes.
    let storedPrev = buf[p] as number;
    if (storedPrev === 0xfe) {
      if (p + 5 > end) bad();
      storedPrev = buf.readUInt32LE(p + 1);
      p += 5;
    } else {
      p += 1;
    }
    if (storedPrev !== prevLen) bad();
    if (p >= end) bad();
    const enc = buf[p] as number;
    const type = enc >> 6;
    let value: Bytes;
    if (type === 0 || type === 1 || type === 2) {
      let len: number;
      if (type === 0) {
        len = enc & 0x3f;
        p += 1;
      } else if (type === 1) {
        if (p + 2 > end) bad();
        len = ((enc & 0x3f) << 8) | (buf[p + 1] as number);
        p += 2;
      } else {
        if (enc !== 0x80 || p + 5 > end) bad();
        len = buf.readUInt32BE(p + 1);
        p += 5;
      }
      if (p + len > end) bad();
      value = buf.toString('latin1', p, p + len) as Bytes;
      p += len;
    } else {
      p += 1;
      let width: number;
      if (enc === 0xc0) width = 2;
      else if (enc === 0xd0) width = 4;
      else if (enc === 0xe0) width = 8;
      else if (enc === 0xf0) width = 3;
      else if (enc === 0xfe) width = 1;
      else if (enc >= 0xf1 && enc <= 0xfd) width = 0;
      else return bad();
      if (p + width > end) bad();
      if (width === 0) value = String((enc & 0x0f) - 1) as Bytes;
      else if (width === 8) value = buf.readBigInt64LE(p).toString() as Bytes;
      else value = String(buf.readIntLE(p, width)) as Bytes;
      p += width;
    }
    prevLen = p - start;
    last = start;
    out.push(value);
  }
  if (p !== end) bad();
  if (out.length > 0 ? tail !== last : tail !== 10) bad();
  if (declared !== 0xffff && declared !== out.length) bad();
  return out;
}

/** The field, value pairs of a zipmap (zipmap.c), flattened; a bad one throws RdbError. */
export function decodeZipmap(data: Uint8Array): Bytes[] {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const bad = (): never => {
    throw new RdbError('Zipmap integrity check failed.');
  };
  if (buf.length < 2) bad();
  const out: Bytes[] = [];
  let p = 1;
  const len = (): number => {
    if (p >= buf.length) bad();
    const b = buf[p] as number;
    if (b < 254) {
      p += 1;
      return b;
    }
    if (b === 254 && p + 5 <= buf.length) {
      const l = buf.readUInt32LE(p + 1);
      p += 5;
      return l;
    }
    return bad();
  };
  for (;;) {
    if (p >= buf.length) bad();
    if (buf[p] === 0xff) {
      p++;
      break;
    }
    const klen = len();
    if (p + klen > buf.length) bad();
    out.push(buf.toString('latin1', p, p + klen) as Bytes);
    p += klen;
    const vlen = len();
    if (p >= buf.length) bad();
    const free = buf[p] as number;
    p += 1;
    if (p + vlen + free > buf.length) bad();
    out.push(buf.toString('latin1', p, p + vlen) as Bytes);
    p += vlen + free;
  }
  if (p !== buf.length) bad();
  return out;
}
