import { type Bytes, bytesFromBuffer } from '../bytes.js';
import { tryParseInt64 } from '../numbers.js';
import { ROBJ_SIZE, sdsAllocSize } from './memory.js';
import type { RedisObject, RedisValue } from './object.js';

/** Strings of up to this many bytes are created embedded ("embstr") by Redis. */
export const EMBSTR_SIZE_LIMIT = 44;

/**
 * A string value edited in place (APPEND, SETRANGE, SETBIT, BITFIELD), with room to grow
 * so repeated appends cost O(1) amortized. Redis reports these as "raw".
 */
export class MutableString implements RedisObject {
  readonly type = 'string';
  private buf: Buffer;
  private used: number;

  constructor(initial: Bytes | Buffer, capacity = 0) {
    const source = typeof initial === 'string' ? Buffer.from(initial, 'latin1') : initial;
    this.buf = Buffer.alloc(Math.max(capacity, source.length));
    source.copy(this.buf);
    this.used = source.length;
  }

  get length(): number {
    return this.used;
  }

  /** The bytes in use (a view: copy before keeping it across writes). */
  view(): Buffer {
    return this.buf.subarray(0, this.used);
  }

  toBytes(): Bytes {
    return bytesFromBuffer(this.view());
  }

  /** Grows to `length` bytes, zero-filling, keeping spare capacity for further growth. */
  ensureLength(length: number): void {
    if (length <= this.used) return;
    if (length > this.buf.length) {
      const grown = Buffer.alloc(Math.max(length, Math.min(this.buf.length * 2, length + 1024 * 1024)));
      this.buf.copy(grown, 0, 0, this.used);
      this.buf = grown;
    } else {
      this.buf.fill(0, this.used, length);
    }
    this.used = length;
  }

  append(bytes: Bytes): void {
    const start = this.used;
    this.ensureLength(start + bytes.length);
    this.buf.write(bytes, start, 'latin1');
  }

  encoding(): string {
    return 'raw';
  }

  clone(): MutableString {
    return new MutableString(this.view());
  }

  /** Always raw: the object header and an sds without the 1-byte type 5 header. */
  memoryUsage(): number {
    return ROBJ_SIZE + sdsAllocSize(this.used, false);
  }
}

/** The bytes of a string value; undefined when the value is not a string. */
export function stringBytes(value: RedisValue): Bytes | undefined {
  if (typeof value === 'string') return value;
  return value instanceof MutableString ? value.toBytes() : undefined;
}

/** OBJECT ENCODING of a plain string value, as Redis picks it on creation. */
export function stringEncoding(value: Bytes): string {
  if (value.length <= 20 && tryParseInt64(value) !== undefined) return 'int';
  return value.length <= EMBSTR_SIZE_LIMIT ? 'embstr' : 'raw';
}
