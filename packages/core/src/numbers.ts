import type { Bytes } from './bytes.js';
import { ERR_NOT_FLOAT, ERR_NOT_INTEGER } from './errors/index.js';
import type { ErrorReply } from './reply.js';
import { grisu2 } from './fpconv.js';

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

/**
 * C's atoi, as Redis reads some arguments (numkeys in key extraction, DEBUG's flags):
 * leading blanks, a sign, digits, anything after ignored; 0 when there are no digits.
 * The value wraps to 32 bits as an int does.
 */
export function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?[0-9]+)/.exec(s);
  return m ? Number(BigInt.asIntN(32, BigInt(m[1] as string))) : 0;
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
  return formatDoubleG(d, 17);
}

/** printf's "%.<precision>g" (1 to 17 significant digits, rounded half to even from the exact value; "%g" is 6). */
export function formatDoubleG(d: number, precision: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  // Integers below 2^53 print as themselves; the common case needs no expansion.
  if (Number.isInteger(d) && Math.abs(d) < 10 ** precision && Math.abs(d) <= Number.MAX_SAFE_INTEGER) return String(d);
  const sign = d < 0 ? '-' : '';
  const { digits, exponent } = roundHalfEven(exactDecimal(Math.abs(d)), precision);
  if (exponent < -4 || exponent >= precision) {
    const mantissa = stripFractionZeros(`${digits[0]}.${digits.slice(1)}`);
    const e = Math.abs(exponent);
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
  }
  if (exponent < 0) return sign + stripFractionZeros(`0.${'0'.repeat(-exponent - 1)}${digits}`);
  return sign + stripFractionZeros(`${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`);
}

/**
 * The exact decimal value of a positive finite double: all its significant digits and
 * the power of ten of the first one (value = 0.d1d2d3... * 10^(exponent + 1)).
 */
function exactDecimal(d: number): { digits: string; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let power: number;
  if (biased === 0) power = -1074;
  else {
    mantissa |= 1n << 52n;
    power = biased - 1075;
  }
  if (power >= 0) {
    const digits = (mantissa << BigInt(power)).toString();
    return { digits, exponent: digits.length - 1 };
  }
  // m / 2^k = m * 5^k / 10^k
  const digits = (mantissa * 5n ** BigInt(-power)).toString();
  return { digits: digits.replace(/0+$/, ''), exponent: digits.length - 1 + power };
}

/** Rounds a digit string to `precision` significant digits, ties to even, as printf does. */
function roundHalfEven(value: { digits: string; exponent: number }, precision: number): { digits: string; exponent: number } {
  const { digits } = value;
  let { exponent } = value;
  if (digits.length <= precision) return { digits: digits.padEnd(precision, '0'), exponent };
  let kept = digits.slice(0, precision);
  const rest = digits.slice(precision);
  const first = rest.charCodeAt(0) - 48;
  const tie = first === 5 && /^50*$/.test(rest);
  const up = first > 5 || (first === 5 && !tie) || (tie && (kept.charCodeAt(precision - 1) - 48) % 2 === 1);
  if (up) {
    const bumped = (BigInt(kept) + 1n).toString();
    if (bumped.length > precision) {
      exponent++;
      kept = bumped.slice(0, precision);
    } else kept = bumped;
  }
  return { digits: kept, exponent };
}

/** "%.17g" for Redis 7.0; the shortest round-trip form (fpconv) for 7.2 and later. */
export type DoubleFormat = 'printf17g' | 'shortest';

/**
 * Redis 7.2's d2string: integral values within half the int64 range print as integers;
 * others as fpconv_dtoa writes the shortest round-trip digits: plain digits when the
 * exponent is small, otherwise "d.ddde+N" with no zero padding of the exponent.
 */
export function formatDoubleShortest(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  if (Number.isInteger(d) && Math.abs(d) <= 4611686018427387903) return BigInt(d).toString();
  return formatDoubleFpconv(d);
}

/**
 * fpconv_dtoa alone (Redis 7.2+'s rioWriteBulkDouble, an AOF rewrite's ZADD scores): the
 * shortest round-trip digits with no integer rule, so 1e10 is "1e+10".
 */
export function formatDoubleFpconv(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const sign = d < 0 ? '-' : '';
  // fpconv's K: the power of ten of the last digit.
  const { digits, K } = grisu2(d);
  const ndigits = digits.length;
  const magnitude = Math.abs(K + ndigits - 1);
  if (K >= 0 && magnitude < ndigits + 7) return sign + digits + '0'.repeat(K);
  if (K < 0 && (K > -7 || magnitude < 4)) {
    const offset = ndigits + K;
    if (offset <= 0) return `${sign}0.${'0'.repeat(-offset)}${digits}`;
    return `${sign}${digits.slice(0, offset)}.${digits.slice(offset)}`;
  }
  const kept = digits.slice(0, 18 - sign.length);
  const fraction = kept.length > 1 ? `.${kept.slice(1)}` : '';
  return `${sign}${kept[0]}${fraction}e${K + ndigits - 1 < 0 ? '-' : '+'}${magnitude}`;
}

export function formatDouble(d: number, format: DoubleFormat): string {
  return format === 'printf17g' ? formatDouble17g(d) : formatDoubleShortest(d);
}

function stripFractionZeros(s: string): string {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}
