import type { Bytes } from './bytes.js';
import { ERR_NOT_FLOAT, ERR_NOT_INTEGER } from './errors/index.js';
import type { ErrorReply } from './reply.js';

export const INT64_MAX = 9223372036854775807n;
export const INT64_MIN = -9223372036854775808n;

const SMALL_INT = /^(?:0|-?[1-9][0-9]{0,14})$/;
const LONG_INT = /^(?:0|-?[1-9][0-9]{0,19})$/;

/**
 * Parses a signed 64-bit integer as Redis's string2ll does: optional '-', no '+', no
 * spaces, no leading zeros, nothing after the digits. Undefined when it is not one.
 */
export function tryParseInt64(s: string): bigint | undefined {
  if (s.length <= 16 && SMALL_INT.test(s)) return BigInt(Number(s));
  if (s.length > 20 || !LONG_INT.test(s)) return undefined;
  const value = BigInt(s);
  return value > INT64_MAX || value < INT64_MIN ? undefined : value;
}

/** Like tryParseInt64 but as a JS number, for counts, indexes and offsets. */
export function tryParseInteger(s: string): number | undefined {
  if (s.length <= 16 && SMALL_INT.test(s)) return Number(s);
  const value = tryParseInt64(s);
  return value === undefined ? undefined : Number(value);
}

/** Parses an int64 argument or throws `err` (default: "value is not an integer or out of range"). */
export function parseInt64(arg: Bytes, err: ErrorReply = ERR_NOT_INTEGER): bigint {
  const value = tryParseInt64(arg);
  if (value === undefined) throw err;
  return value;
}

/** Parses an integer argument as a JS number (exact up to 2^53) or throws `err`. */
export function parseInteger(arg: Bytes, err: ErrorReply = ERR_NOT_INTEGER): number {
  const value = tryParseInteger(arg);
  if (value === undefined) throw err;
  return value;
}

/** An int64 as a reply value: a number while it is exact, a bigint past 2^53. */
export function int64Reply(value: bigint): number | bigint {
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

const DECIMAL_FLOAT = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const HEX_FLOAT = /^([+-]?)0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP]([+-]?[0-9]+))?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;

/**
 * strtod as Redis uses it for doubles (getDoubleFromObject): the whole string must be a
 * number, no leading space, inf and infinity accepted, nan rejected, overflow to
 * infinity and underflow to zero rejected. Undefined when it is not a valid double.
 */
export function tryParseDouble(s: string): number | undefined {
  if (s.length === 0) return undefined;
  if (DECIMAL_FLOAT.test(s)) {
    const value = Number(s);
    if (!Number.isFinite(value)) return undefined;
    if (value === 0 && /[1-9]/.test(s.replace(/[eE].*$/, ''))) return undefined;
    return value;
  }
  const inf = INFINITY.exec(s);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  const hex = HEX_FLOAT.exec(s);
  if (hex) return parseHexFloat(hex[1] ?? '', hex[2] ?? '', hex[3]);
  return undefined;
}

function parseHexFloat(sign: string, digits: string, exponent: string | undefined): number | undefined {
  const [whole = '', fraction = ''] = digits.split('.');
  const mantissa = parseInt(whole + fraction || '0', 16);
  const value = mantissa * 2 ** (Number(exponent ?? 0) - 4 * fraction.length);
  if (!Number.isFinite(value)) return undefined;
  if (value === 0 && mantissa !== 0) return undefined;
  return sign === '-' ? -value : value;
}

/** Parses a double argument or throws `err` (default: "value is not a valid float"). */
export function parseDouble(arg: Bytes, err: ErrorReply = ERR_NOT_FLOAT): number {
  const value = tryParseDouble(arg);
  if (value === undefined) throw err;
  return value;
}

/** printf's "%.17g", as Redis 7.0 formats doubles in replies. */
export function formatDouble17g(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const [mantissa = '', exp = '0'] = d.toExponential(16).split('e');
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 17) {
    const digits = stripFractionZeros(mantissa);
    const e = Math.abs(exponent);
    return `${digits}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  return stripFractionZeros(d.toFixed(Math.max(0, 16 - exponent)));
}

/** "%.17g" for Redis 7.0; the shortest round-trip form (fpconv) for 7.2 and later. */
export type DoubleFormat = 'printf17g' | 'shortest';

/**
 * The shortest representation that reads back as the same double, as Redis 7.2's fpconv
 * writes it: plain digits where "%.17g" would use them, otherwise an exponent form
 * like "1e+21" or "1.5e-07".
 */
export function formatDoubleShortest(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const [mantissa = '', exp = '0'] = d.toExponential().split('e');
  const exponent = Number(exp);
  if (exponent < -4 || exponent >= 17) {
    const e = Math.abs(exponent);
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  const digits = mantissa.replace('.', '').replace('-', '');
  const sign = d < 0 ? '-' : '';
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  if (digits.length <= exponent + 1) return sign + digits + '0'.repeat(exponent + 1 - digits.length);
  return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}

export function formatDouble(d: number, format: DoubleFormat): string {
  return format === 'printf17g' ? formatDouble17g(d) : formatDoubleShortest(d);
}

function stripFractionZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/\.?0+$/, '');
}
