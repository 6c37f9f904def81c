/**
 * Redis's index arithmetic for LRANGE and LTRIM: negative indexes count from the end;
 * the range is clamped to the list. Null when it is empty.
 */
export function clampRange(start: number, end: number, length: number): { start: number; end: number } | null {
  if (start < 0) start = length + start;
  if (end < 0) end = length + end;
  if (start < 0) start = 0;
  if (start > end || start >= length) return null;
  if (end >= length) end = length - 1;
  return { start, end };
}

/** LINDEX / LSET: a position from a possibly negative index; -1 when outside the list. */
export function resolveIndex(index: number, length: number): number {
  const i = index < 0 ? length + index : index;
  return i >= 0 && i < length ? i : -1;
}
