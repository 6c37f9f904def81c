import { type Bytes, cString } from '@fakeredis/core';
import { ERR_MIN_MAX_NOT_FLOAT, ERR_MIN_MAX_NOT_LEX } from './errors.js';
import { LEX_MAX, LEX_MIN, type LexBound, type LexRange, type ScoreRange } from './rangespec.js';

const DECIMAL = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP]([+-]?[0-9]+))?$/;
const INFINITY = /^([+-]?)(?:inf|infinity)$/i;
const LEADING_SPACE = /^[ \t\n\v\f\r]*/;

/**
 * C's strtod as zslParseRange uses it: the text (up to a NUL byte, where C stops
 * reading) must be used up. Leading blanks are skipped; an empty text converts nothing
 * and so is 0; overflow gives an infinity and underflow 0 (ERANGE is not checked);
 * NaN is refused. Undefined when refused.
 */
export function strtodWhole(arg: string): number | undefined {
  const text = cString(arg);
  if (text.length === 0) return 0;
  const rest = text.slice((LEADING_SPACE.exec(text) as RegExpExecArray)[0].length);
  if (DECIMAL.test(rest)) return Number(rest);
  const inf = INFINITY.exec(rest);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  const hex = HEX.exec(rest);
  if (hex) {
    const [whole = '', fraction = ''] = (hex[2] as string).split('.');
    const mantissa = parseInt(whole + fraction || '0', 16);
    const value = mantissa * 2 ** (Number(hex[3] ?? 0) - 4 * fraction.length);
    return hex[1] === '-' ? -value : value;
  }
  return undefined;
}

/** One bound of a score range: `(` makes it exclusive. */
function parseScoreBound(arg: Bytes): { value: number; exclusive: boolean } {
  const exclusive = arg.charCodeAt(0) === 40; /* ( */
  const value = strtodWhole(exclusive ? arg.slice(1) : arg);
  if (value === undefined) throw ERR_MIN_MAX_NOT_FLOAT;
  return { value, exclusive };
}

/** zslParseRange: "min or max is not a float" for either bound. */
export function parseScoreRange(min: Bytes, max: Bytes): ScoreRange {
  const low = parseScoreBound(min);
  const high = parseScoreBound(max);
  return { min: low.value, max: high.value, minExclusive: low.exclusive, maxExclusive: high.exclusive };
}

/** zslParseLexRangeItem: `-`, `+` (alone, up to a NUL), `(member` or `[member`. */
function parseLexBound(arg: Bytes): { value: LexBound; exclusive: boolean } {
  switch (arg.charCodeAt(0)) {
    case 43: /* + */
      if (arg.length > 1 && arg.charCodeAt(1) !== 0) break;
      return { value: LEX_MAX, exclusive: true };
    case 45: /* - */
      if (arg.length > 1 && arg.charCodeAt(1) !== 0) break;
      return { value: LEX_MIN, exclusive: true };
    case 40: /* ( */
      return { value: arg.slice(1) as Bytes, exclusive: true };
    case 91: /* [ */
      return { value: arg.slice(1) as Bytes, exclusive: false };
  }
  throw ERR_MIN_MAX_NOT_LEX;
}

/** zslParseLexRange: "min or max not valid string range item" for either bound. */
export function parseLexRange(min: Bytes, max: Bytes): LexRange {
  const low = parseLexBound(min);
  const high = parseLexBound(max);
  return { min: low.value, max: high.value, minExclusive: low.exclusive, maxExclusive: high.exclusive };
}
