import type { Bytes } from '@fakeredis/core';
import type { HashValue } from '../value/hash-value.js';

/** HEXPIRE's condition: NX, XX, GT or LT (at most one). */
export type TtlCondition = 'NX' | 'XX' | 'GT' | 'LT' | undefined;

/** Per-field replies of HEXPIRE and friends. */
export const NO_FIELD = -2;
export const CONDITION_NOT_MET = 0;
export const TTL_SET = 1;
export const FIELD_DELETED = 2;

/**
 * Gives one field a TTL (hashTypeSetEx): -2 no such field, 0 condition not met, 1 set,
 * 2 deleted because the time is not in the future. A field without TTL counts as an
 * infinite TTL: GT never beats it, LT always does.
 */
export function setFieldTtl(hash: HashValue, field: Bytes, at: number, condition: TtlCondition, now: number): number {
  const entry = hash.get(field);
  if (entry === undefined) return NO_FIELD;
  const previous = entry.expiresAt;
  if (previous === 0) {
    if (condition === 'XX' || condition === 'GT') return CONDITION_NOT_MET;
  } else if (condition === 'NX' || (condition === 'GT' && previous >= at) || (condition === 'LT' && previous <= at)) {
    return CONDITION_NOT_MET;
  }
  if (at <= now) {
    hash.delete(field);
    return FIELD_DELETED;
  }
  hash.setExpiry(field, at);
  return TTL_SET;
}
