import { type Bytes, cString } from '@fakeredis/core';

/**
 * Stream ids: 64-bit milliseconds and 64-bit sequence (Redis's streamID). A part is a
 * `U64`: a JS number while it is a safe integer, a bigint past 2^53 - 1, never both for
 * one value, so `===` is equality and `<` (exact between numbers and bigints) is order.
 * The hot path (ids of the current time, small sequences) never touches BigInt.
 */
export type U64 = number | bigint;

export interface StreamId {
  readonly ms: U64;
  readonly seq: U64;
}

export const U64_MAX = 18446744073709551615n;
const SAFE = Number.MAX_SAFE_INTEGER;

/** A bigint in [0, 2^64) as a U64 (a number when safe). */
export function u64(value: bigint): U64 {
  return value <= 9007199254740991n ? Number(value) : value;
}

export const MIN_ID: StreamId = { ms: 0, seq: 0 };
export const MAX_ID: StreamId = { ms: U64_MAX, seq: U64_MAX };

export function id(ms: U64, seq: U64): StreamId {
  return { ms, seq };
}

/** streamCompareID. */
export function cmpId(a: StreamId, b: StreamId): number {
  if (a.ms !== b.ms) return a.ms < b.ms ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}

export function idEquals(a: StreamId, b: StreamId): boolean {
  return a.ms === b.ms && a.seq === b.seq;
}

export function isZeroId(a: StreamId): boolean {
  return a.ms === 0 && a.seq === 0;
}

export function isMaxId(a: StreamId): boolean {
  return a.ms === U64_MAX && a.seq === U64_MAX;
}

/** x + 1 for x < 2^64 - 1. */
export function incU64(x: U64): U64 {
  if (typeof x === 'number') return x < SAFE ? x + 1 : BigInt(x) + 1n;
  return x + 1n;
}

/** x - 1 for x > 0. */
export function decU64(x: U64): U64 {
  if (typeof x === 'number') return x - 1;
  return u64(x - 1n);
}

/** streamIncrID: the successor, or undefined past the last id (Redis wraps to 0-0 and fails). */
export function incrId(a: StreamId): StreamId | undefined {
  if (a.seq === U64_MAX) {
    if (a.ms === U64_MAX) return undefined;
    return { ms: incU64(a.ms), seq: 0 };
  }
  return { ms: a.ms, seq: incU64(a.seq) };
}

/** streamDecrID: the predecessor, or undefined before 0-0. */
export function decrId(a: StreamId): StreamId | undefined {
  if (a.seq === 0) {
    if (a.ms === 0) return undefined;
    return { ms: decU64(a.ms), seq: U64_MAX };
  }
  return { ms: a.ms, seq: decU64(a.seq) };
}

/** createStreamIDString: "<ms>-<seq>". */
export function formatId(a: StreamId): Bytes {
  return `${a.ms}-${a.seq}` as Bytes;
}

/** a - b as a signed 64-bit integer (wrapping), for listpack deltas. */
export function deltaInt64(a: U64, b: U64): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return BigInt.asIntN(64, BigInt(a) - BigInt(b));
}

const PLAIN_DIGITS = /^[0-9]{1,15}$/;
const STRTOULL = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/;
const STRING2LL_NEGATIVE = /^-[1-9][0-9]{0,18}$/;

/**
 * Redis's string2ull: string2ll first (a negative value is out of range), then C's
 * strtoull (leading blanks, a sign, leading zeros; "-n" wraps modulo 2^64; nothing may
 * follow the digits). Undefined when Redis rejects it.
 */
export function parseU64(s: string): U64 | undefined {
  if (PLAIN_DIGITS.test(s)) return Number(s);
  if (STRING2LL_NEGATIVE.test(s) && BigInt(s) >= -9223372036854775808n) return undefined;
  const m = STRTOULL.exec(s);
  if (m === null) return undefined;
  const magnitude = BigInt(m[2] as string);
  if (magnitude > U64_MAX) return undefined;
  return u64(m[1] === '-' ? BigInt.asUintN(64, -magnitude) : magnitude);
}

/** How streamGenericParseIDOrReply was asked to read an id. */
export interface ParsedId {
  readonly id: StreamId;
  /** False for the `<ms>-*` form (XADD only). */
  readonly seqGiven: boolean;
}

/**
 * streamGenericParseIDOrReply: "-" and "+" (unless strict), "<ms>" (the sequence is
 * `missingSeq`), "<ms>-<seq>", and "<ms>-*" when `allowAutoSeq`. Undefined when invalid.
 */
export function parseIdArg(arg: Bytes, missingSeq: U64, strict: boolean, allowAutoSeq = false): ParsedId | undefined {
  if (arg.length > 127) return undefined;
  const s = cString(arg);
  if (s === '-') return strict ? undefined : { id: MIN_ID, seqGiven: true };
  if (s === '+') return strict ? undefined : { id: MAX_ID, seqGiven: true };
  const dash = s.indexOf('-');
  const ms = parseU64(dash < 0 ? s : s.slice(0, dash));
  if (ms === undefined) return undefined;
  if (dash < 0) return { id: { ms, seq: missingSeq }, seqGiven: true };
  const rest = s.slice(dash + 1);
  if (allowAutoSeq && rest === '*') return { id: { ms, seq: 0 }, seqGiven: false };
  const seq = parseU64(rest);
  if (seq === undefined) return undefined;
  return { id: { ms, seq }, seqGiven: true };
}

/** The id's 16 bytes, big endian, as Redis keys its radix trees: ms then seq. */
export function idKeyBytes(a: StreamId, out: Uint8Array, offset = 0): void {
  writeU64(a.ms, out, offset);
  writeU64(a.seq, out, offset + 8);
}

function writeU64(x: U64, out: Uint8Array, offset: number): void {
  let hi: number;
  let lo: number;
  if (typeof x === 'number') {
    hi = Math.floor(x / 4294967296);
    lo = x >>> 0;
  } else {
    hi = Number(x >> 32n);
    lo = Number(x & 0xffffffffn);
  }
  out[offset] = hi >>> 24;
  out[offset + 1] = (hi >>> 16) & 255;
  out[offset + 2] = (hi >>> 8) & 255;
  out[offset + 3] = hi & 255;
  out[offset + 4] = lo >>> 24;
  out[offset + 5] = (lo >>> 16) & 255;
  out[offset + 6] = (lo >>> 8) & 255;
  out[offset + 7] = lo & 255;
}
