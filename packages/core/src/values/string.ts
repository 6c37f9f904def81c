import { type Bytes, bytesFromBuffer } from '../bytes.js';
import { tryParseInt64 } from '../numbers.js';
import { mallocSize, ROBJ_SIZE, sdsAllocSize, sdsHeader, sdsHeaderAllocSize } from './memory.js';
import type { ServerProfile } from '../profile.js';
import type { RedisObject, RedisValue } from './object.js';

/** Strings of up to this many bytes are created embedded ("embstr") by Redis. */
export const EMBSTR_SIZE_LIMIT = 44;
/** KeyDB 6.3's limit (its object is 16 bytes larger, OBJ_ENCODING_EMBSTR_SIZE_LIMIT 52). */
export const KEYDB_EMBSTR_SIZE_LIMIT = 52;

/**
 * A string value edited in place (APPEND, SETRANGE, SETBIT, BITFIELD), with room to grow
 * so repeated appends cost O(1) amortized. Redis reports these as "raw".
 */
export class MutableString implements RedisObject {
  readonly type = 'string';
  private buf: Buffer;
  private used: number;
  /**
   * The sds Redis holds: created by sdsnewlen at the size asked for (`capacity`, else the
   * initial bytes'), it is reallocated by sdsMakeRoomFor's greedy rule once a write needs
   * more than it has; `grown` is then its header and alloc field (MEMORY USAGE counts it).
   */
  private readonly createdSize: number;
  private grown: { readonly header: number; readonly alloc: number } | undefined;

  constructor(initial: Bytes | Buffer, capacity = 0) {
    const source = typeof initial === 'string' ? Buffer.from(initial, 'latin1') : initial;
    this.buf = Buffer.alloc(Math.max(capacity, source.length));
    source.copy(this.buf);
    this.used = source.length;
    this.createdSize = this.buf.length;
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
    if (length > this.sdsRoom()) this.grown = sdsGreedyGrowth(length);
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

  /** COPY's dupStringObject: a new sds of the exact size. */
  clone(): MutableString {
    return new MutableString(this.view());
  }

  /**
   * Always raw: the object header (KeyDB's is 16 bytes larger) and the sds as zmalloc_size
   * sees it (a type 5 one, under 32 bytes, has a 1-byte header).
   */
  memoryUsage(_samples?: number, profile?: ServerProfile): number {
    const header = ROBJ_SIZE + (profile?.stringObjects === 'keydb' ? 16 : 0);
    if (this.grown !== undefined) return header + this.grown.header + this.grown.alloc + 1;
    const size = this.createdSize;
    return header + (size > 0 && size < 32 ? mallocSize(size + 2) : sdsAllocSize(size, false));
  }

  /**
   * Redis 8.2+'s sdsAllocSize of the sds (kvobjAllocSize counts it so): the alloc field
   * with the header, which for an sds of type 5 (under 32 bytes, never grown) is its length.
   */
  sdsAllocSize(): number {
    if (this.grown !== undefined) return this.grown.header + this.grown.alloc + 1;
    return sdsHeaderAllocSize(this.createdSize);
  }

  /** The bytes the sds holds before sdsMakeRoomFor must reallocate: its alloc field (a type 5 has no spare room). */
  private sdsRoom(): number {
    if (this.grown !== undefined) return this.grown.alloc;
    const size = this.createdSize;
    if (size > 0 && size < 32) return size;
    return sdsAllocSize(size, false) - sdsHeader(size, false) - 1;
  }
}

/** sdsMakeRoomFor (greedy) for a new length: twice it under 1MB (else 1MB more), type 8 at least, the alloc jemalloc's usable size gives. */
function sdsGreedyGrowth(length: number): { header: number; alloc: number } {
  const wanted = length < 1024 * 1024 ? length * 2 : length + 1024 * 1024;
  const header = sdsHeader(wanted, false);
  return { header, alloc: mallocSize(header + wanted + 1) - header - 1 };
}

/**
 * The value a key stores: under Redis 8.2+'s kvobj (ServerProfile.embstrKeyedLimit) a
 * string that would be embedded but does not fit with its key is stored raw, and stays raw
 * when renamed, moved or copied, as Redis keeps a raw object's encoding.
 */
export function keyedString(server: { readonly profile: { readonly embstrKeyedLimit: number | undefined } }, key: Bytes, value: RedisValue): RedisValue {
  const limit = server.profile.embstrKeyedLimit;
  if (limit === undefined || typeof value !== 'string' || key.length + value.length <= limit || stringEncoding(value) !== 'embstr') return value;
  return new MutableString(value);
}

/** The bytes of a string value; undefined when the value is not a string. */
export function stringBytes(value: RedisValue): Bytes | undefined {
  if (typeof value === 'string') return value;
  return value instanceof MutableString ? value.toBytes() : undefined;
}

/**
 * OBJECT ENCODING of a plain string value, as Redis picks it on creation. With `keyed`
 * (Redis 8.2+, ServerProfile.embstrKeyedLimit) the value is embedded with its key in one
 * allocation, only when key and value together are at most that long. `embstrLimit`: the
 * server's (KeyDB's is 52).
 */
export function stringEncoding(value: Bytes, keyed?: { limit: number; key: Bytes }, embstrLimit = EMBSTR_SIZE_LIMIT): string {
  if (value.length <= 20 && tryParseInt64(value) !== undefined) return 'int';
  if (value.length > embstrLimit) return 'raw';
  return keyed === undefined || keyed.key.length + value.length <= keyed.limit ? 'embstr' : 'raw';
}

/**
 * Bytes of Redis 8.2+'s kvobj before any embedded value: an expiry slot (a key with a TTL,
 * or any key of 128 bytes or more), the object header, the key's sds-header size byte and
 * its sds (sdsReqType's header: type 5 below 32 bytes, even when empty).
 */
export function kvobjHeaderBytes(key: Bytes, expires: boolean): number {
  const metas = expires || key.length >= 128 ? 8 : 0;
  return metas + ROBJ_SIZE + 1 + (key.length < 32 ? 1 : sdsHeader(key.length, false)) + key.length + 1;
}

/**
 * MEMORY USAGE of a plain string under Redis 8.2+'s kvobj (object.c kvobjCreate and
 * kvobjAllocSize): one allocation holds the object, the key (and the expiry, when set or
 * when the key is 128 bytes or longer), and an embedded value; a raw value adds its sds,
 * counted as sdsAllocSize does (an sds of type 5 by its exact length).
 */
export function kvobjStringSize(key: Bytes, value: Bytes | MutableString, expires: boolean, limit: number): number {
  const head = kvobjHeaderBytes(key, expires);
  if (value instanceof MutableString) return mallocSize(head) + value.sdsAllocSize();
  const encoding = stringEncoding(value, { limit, key });
  if (encoding === 'embstr') return mallocSize(head + 3 + value.length + 1);
  if (encoding === 'int') return mallocSize(head);
  return mallocSize(head) + sdsHeaderAllocSize(value.length);
}
