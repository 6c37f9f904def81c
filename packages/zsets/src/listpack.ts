import { type Bytes, type DoubleFormat, formatDouble } from '@fakeredis/core';

/**
 * How a listpack holds a score: an integral score within +-2^62 as an integer
 * (double2ll), any other as d2string's text. So -0 comes back as 0, and ZSCAN of a
 * listpack prints integers as integers; every other double survives the round trip.
 */
export function isListpackIntegerScore(score: number): boolean {
  return Number.isInteger(score) && score >= -(2 ** 62) && score <= 2 ** 62;
}

/** The score a listpack gives back: -0 turns into 0 (same order, as they compare equal). */
export function listpackScore(score: number): number {
  return score === 0 ? 0 : score;
}

/** The score's bytes in a listpack (ZSCAN prints them, MEMORY USAGE counts them). */
export function listpackScoreText(score: number, format: DoubleFormat): Bytes {
  return (isListpackIntegerScore(score) ? BigInt(score).toString() : formatDouble(score, format)) as Bytes;
}
