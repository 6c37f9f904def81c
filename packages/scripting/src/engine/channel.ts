import type { ErrorMeta, WireValue } from './wire.js';

/**
 * The main thread's end of the channel to a Lua worker (worker-source.ts has the other).
 *
 * Layout of the SharedArrayBuffer: four Int32 slots (0: messages to the main thread,
 * 1: messages to the worker), then the data area, which holds one message at a time (the
 * protocol is ping-pong). A message is a kind byte and a body:
 *
 * - worker -> main: READY; CALL / PCALL (events, u32 count, args as u32 length + bytes);
 *   DONE (events, value); TRAP / FATAL (text); PORT (the message came over the port).
 * - main -> worker: RUN (u8 flags: 1 quiet setresp, 2 script included, 4 forget cached
 *   scripts; u32 script id; [script bytes]; KEYS and ARGV, see keysAndArgs); REPLY (value);
 *   EXIT.
 *
 * Events (redis.log, redis.setresp) ride on CALL and DONE: u32 count, then per event a
 * type byte and its fields. A value is a tag byte and its payload (u32 lengths, f64 and
 * i64 little-endian).
 */

export const HEADER_BYTES = 16;
/** The data area: messages that do not fit go over the MessagePort (one transfer). */
export const AREA_BYTES = 1 << 20;

export const READY = 1;
export const CALL = 2;
export const PCALL = 3;
export const DONE = 4;
export const TRAP = 5;
export const FATAL = 6;
export const PORT = 7;
export const RUN = 8;
export const REPLY = 9;
export const EXIT = 10;

const T_NULL = 0;
const T_NUMBER = 1;
const T_BIGINT = 2;
const T_BULK = 3;
const T_STATUS = 4;
const T_ERROR = 5;
const T_ARRAY = 6;
const T_DOUBLE = 7;
const T_MAP = 8;
const T_SET = 9;
const T_BIG_NUMBER = 10;
const T_VERBATIM = 11;
const T_TRUE = 12;
const T_FALSE = 13;
const T_ABORT = 14;

export const E_LOG = 1;
export const E_SETRESP = 2;

export const RUN_QUIET_SETRESP = 1;
export const RUN_WITH_SCRIPT = 2;
export const RUN_FORGET_SCRIPTS = 4;

const OVERFLOW = new Error('channel message overflow');

type Latin1Buffer = Buffer & {
  latin1Write(s: string, offset: number, length: number): number;
  latin1Slice(start: number, end: number): string;
};

/** Encodes messages for the worker: into the shared area, or into a buffer of its own when too big. */
export class Writer {
  private out: Latin1Buffer;
  pos = 0;
  private growable = false;

  constructor(private readonly area: Buffer) {
    this.out = area as Latin1Buffer;
  }

  /** Starts a message in the shared area (throws OVERFLOW past its end). */
  begin(): void {
    this.out = this.area as Latin1Buffer;
    this.pos = 0;
    this.growable = false;
  }

  /** Starts a message in a buffer of its own (for one that did not fit). */
  beginOwn(): void {
    this.out = Buffer.allocUnsafe(this.area.length * 2) as Latin1Buffer;
    this.pos = 0;
    this.growable = true;
  }

  /** The message written by beginOwn, as a transferable ArrayBuffer. */
  own(): ArrayBuffer {
    return this.out.buffer.slice(this.out.byteOffset, this.out.byteOffset + this.pos) as ArrayBuffer;
  }

  static isOverflow(e: unknown): boolean {
    return e === OVERFLOW;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.out.length) return;
    if (!this.growable) throw OVERFLOW;
    const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.pos + n)) as Latin1Buffer;
    this.out.copy(bigger, 0, 0, this.pos);
    this.out = bigger;
  }

  u8(v: number): void {
    this.ensure(1);
    this.out[this.pos++] = v;
  }

  u32(v: number): void {
    this.ensure(4);
    this.out.writeUInt32LE(v, this.pos);
    this.pos += 4;
  }

  /** A latin1 string (a Bytes) as u32 length + bytes. */
  str(s: string): void {
    const n = s.length;
    this.ensure(4 + n);
    const out = this.out;
    out.writeUInt32LE(n, this.pos);
    this.pos += 4;
    if (n === 0) return;
    if (n < 16) {
      let p = this.pos;
      for (let i = 0; i < n; i++) out[p++] = s.charCodeAt(i);
      this.pos = p;
    } else this.pos += out.latin1Write(s, this.pos, n);
  }

  strings(list: readonly string[]): void {
    this.u32(list.length);
    for (let i = 0; i < list.length; i++) this.str(list[i] as string);
  }

  /**
   * KEYS and ARGV as the engine takes them: u32 count of keys, u32 byte length of what
   * follows, then lua-redis-wasm's argument array (u32 count, u32 length + bytes each), so
   * the worker hands that slice to the engine as it is.
   */
  keysAndArgs(keys: readonly string[], args: readonly string[]): void {
    this.u32(keys.length);
    this.ensure(4);
    const at = this.pos;
    this.pos += 4;
    this.u32(keys.length + args.length);
    for (let i = 0; i < keys.length; i++) this.str(keys[i] as string);
    for (let i = 0; i < args.length; i++) this.str(args[i] as string);
    this.out.writeUInt32LE(this.pos - at - 4, at);
  }

  /** A reply as the script gets it (replyToWire's result). */
  value(v: WireValue): void {
    switch (typeof v) {
      case 'string':
        this.u8(T_BULK);
        this.str(v);
        return;
      case 'number':
        this.ensure(9);
        this.out[this.pos++] = T_NUMBER;
        this.out.writeDoubleLE(v, this.pos);
        this.pos += 8;
        return;
      case 'bigint':
        this.ensure(9);
        this.out[this.pos++] = T_BIGINT;
        this.out.writeBigInt64LE(BigInt.asIntN(64, v), this.pos);
        this.pos += 8;
        return;
      case 'boolean':
        this.u8(v ? T_TRUE : T_FALSE);
        return;
    }
    if (v === null) return this.u8(T_NULL);
    if (Array.isArray(v)) {
      this.u8(T_ARRAY);
      this.u32(v.length);
      for (let i = 0; i < v.length; i++) this.value(v[i] as WireValue);
      return;
    }
    if ('err' in v) {
      this.u8(T_ERROR);
      this.str(v.code !== undefined ? `${v.code} ${v.err}` : v.err);
      return;
    }
    if ('ok' in v) {
      this.u8(T_STATUS);
      this.str(v.ok);
      return;
    }
    if ('double' in v) {
      this.ensure(9);
      this.out[this.pos++] = T_DOUBLE;
      this.out.writeDoubleLE(v.double, this.pos);
      this.pos += 8;
      return;
    }
    if ('map' in v) {
      this.u8(T_MAP);
      this.u32(v.map.length);
      for (const [a, b] of v.map) {
        this.value(a);
        this.value(b);
      }
      return;
    }
    if ('set' in v) {
      this.u8(T_SET);
      this.u32(v.set.length);
      for (const x of v.set) this.value(x);
      return;
    }
    if ('big_number' in v) {
      this.u8(T_BIG_NUMBER);
      this.str(v.big_number);
      return;
    }
    if ('verbatim_string' in v) {
      this.u8(T_VERBATIM);
      this.str(v.verbatim_string.format);
      this.str(v.verbatim_string.string);
      return;
    }
    this.u8(T_NULL);
  }
}

/** Decodes the worker's messages (from the shared area, or from a transferred buffer). */
export class Reader {
  private inp: Latin1Buffer;
  at = 0;

  constructor(private readonly area: Buffer) {
    this.inp = area as Latin1Buffer;
  }

  /** Reads from the shared area, or from `own` (a message that came over the port). */
  begin(own?: ArrayBuffer): void {
    this.inp = (own === undefined ? this.area : Buffer.from(own)) as Latin1Buffer;
    this.at = 0;
  }

  u8(): number {
    return this.inp[this.at++] as number;
  }

  u32(): number {
    const v = this.inp.readUInt32LE(this.at);
    this.at += 4;
    return v;
  }

  /** Bytes as a latin1 string (a Bytes). */
  str(): string {
    const n = this.u32();
    const start = this.at;
    this.at += n;
    if (n < 16) {
      const inp = this.inp;
      let s = '';
      for (let i = start; i < start + n; i++) s += String.fromCharCode(inp[i] as number);
      return s;
    }
    return this.inp.latin1Slice(start, start + n);
  }

  strings(): string[] {
    const n = this.u32();
    const list = new Array<string>(n);
    for (let i = 0; i < n; i++) list[i] = this.str();
    return list;
  }

  /** A script's value, with bulk strings as latin1 strings. */
  value(): WireValue {
    const inp = this.inp;
    const t = inp[this.at++];
    switch (t) {
      case T_NULL:
        return null;
      case T_NUMBER: {
        const v = inp.readDoubleLE(this.at);
        this.at += 8;
        return v;
      }
      case T_BIGINT: {
        const v = inp.readBigInt64LE(this.at);
        this.at += 8;
        return v;
      }
      case T_BULK:
        return this.str();
      case T_STATUS:
        return { ok: this.str() };
      case T_ERROR:
        return { err: this.str() };
      case T_ARRAY: {
        const n = this.u32();
        const a = new Array<WireValue>(n);
        for (let i = 0; i < n; i++) a[i] = this.value();
        return a;
      }
      case T_DOUBLE: {
        const v = inp.readDoubleLE(this.at);
        this.at += 8;
        return { double: v };
      }
      case T_MAP: {
        const n = this.u32();
        const m = new Array<[WireValue, WireValue]>(n);
        for (let i = 0; i < n; i++) {
          const k = this.value();
          m[i] = [k, this.value()];
        }
        return { map: m };
      }
      case T_SET: {
        const n = this.u32();
        const a = new Array<WireValue>(n);
        for (let i = 0; i < n; i++) a[i] = this.value();
        return { set: a };
      }
      case T_BIG_NUMBER:
        return { big_number: this.str() };
      case T_VERBATIM: {
        const format = this.str();
        return { verbatim_string: { format, string: this.str() } };
      }
      case T_TRUE:
        return true;
      case T_FALSE:
        return false;
      case T_ABORT: {
        const err = this.str();
        const code = this.u8() === 1 ? this.str() : undefined;
        const out: { err: string; code?: string; meta?: ErrorMeta } = { err };
        if (code !== undefined) out.code = code;
        if (this.u8() === 1) {
          const line = this.inp.readInt32LE(this.at);
          this.at += 4;
          const meta: ErrorMeta = { line, sha: this.str() };
          if (this.u8() === 1) meta.kind = this.str();
          if (this.u8() === 1) meta.name = this.str();
          out.meta = meta;
        }
        return out;
      }
    }
    throw new Error(`the Lua worker sent a bad value tag ${String(t)}`);
  }
}
