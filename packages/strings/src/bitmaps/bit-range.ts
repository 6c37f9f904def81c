import { type Bytes, ERR_SYNTAX, isToken } from '@fakeredis/core';

/** A BITCOUNT/BITPOS range in bytes (inclusive), with masks of the edge bits outside a BIT range. */
export interface ByteRange {
  start: number;
  end: number;
  /** Bits of the first byte before the range (BIT unit), else 0. */
  firstMask: number;
  /** Bits of the last byte after the range (BIT unit), else 0. */
  lastMask: number;
}

/** BIT or BYTE (case-insensitive); true for BIT. */
export function parseBitUnit(arg: Bytes): boolean {
  if (isToken(arg, 'BIT')) return true;
  if (isToken(arg, 'BYTE')) return false;
  throw ERR_SYNTAX;
}

/**
 * Converts start/end (negative from the end, in bits or bytes) to a byte range the way
 * bitops.c does: clamped to the string, and for BIT units with masks for the edge bytes.
 */
export function normalizeRange(start: number, end: number, length: number, isBit: boolean): ByteRange {
  const total = isBit ? length * 8 : length;
  if (start < 0) start = total + start;
  if (end < 0) end = total + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= total) end = total - 1;
  let firstMask = 0;
  let lastMask = 0;
  if (isBit && start <= end) {
    firstMask = ~((1 << (8 - (start % 8))) - 1) & 0xff;
    lastMask = (1 << (7 - (end % 8))) - 1;
    start = Math.floor(start / 8);
    end = Math.floor(end / 8);
  }
  return { start, end, firstMask, lastMask };
}
