import type { Bytes } from '@fakeredis/core';

/*
 * Score and lex intervals (Redis's zrangespec and zlexrangespec) and the tests of a
 * score or member against their bounds, shared by the parser, the tree and the zset.
 */

/** A score interval (zrangespec): `(` bounds are exclusive. */
export interface ScoreRange {
  min: number;
  max: number;
  minExclusive: boolean;
  maxExclusive: boolean;
}

/** The `-` and `+` lex bounds: below and above every member (shared.minstring / maxstring). */
export const LEX_MIN: unique symbol = Symbol('-');
export const LEX_MAX: unique symbol = Symbol('+');
export type LexBound = Bytes | typeof LEX_MIN | typeof LEX_MAX;

/** A member interval by bytes (zlexrangespec): `(` exclusive, `[` inclusive, `-`/`+` unbounded. */
export interface LexRange {
  min: LexBound;
  max: LexBound;
  minExclusive: boolean;
  maxExclusive: boolean;
}

export function scoreGteMin(score: number, range: ScoreRange): boolean {
  return range.minExclusive ? score > range.min : score >= range.min;
}

export function scoreLteMax(score: number, range: ScoreRange): boolean {
  return range.maxExclusive ? score < range.max : score <= range.max;
}

/** sdscmplex: `-` is below and `+` above everything, themselves included. */
export function compareLex(a: LexBound, b: LexBound): number {
  if (a === b) return 0;
  if (a === LEX_MIN || b === LEX_MAX) return -1;
  if (a === LEX_MAX || b === LEX_MIN) return 1;
  return a < b ? -1 : 1;
}

export function lexGteMin(member: Bytes, range: LexRange): boolean {
  return range.minExclusive ? compareLex(member, range.min) > 0 : compareLex(member, range.min) >= 0;
}

export function lexLteMax(member: Bytes, range: LexRange): boolean {
  return range.maxExclusive ? compareLex(member, range.max) < 0 : compareLex(member, range.max) <= 0;
}

/** True when no score can be inside the range (min above max, or an empty point). */
export function scoreRangeEmpty(range: ScoreRange): boolean {
  return range.min > range.max || (range.min === range.max && (range.minExclusive || range.maxExclusive));
}

/** True when no member can be inside the range. */
export function lexRangeEmpty(range: LexRange): boolean {
  const c = compareLex(range.min, range.max);
  return c > 0 || (c === 0 && (range.minExclusive || range.maxExclusive));
}
