import type { Bytes } from '@fakeredis/core';
import type { SortedSet, ZsetLimits } from './value.js';

/** ZADD's flags (ZADD_IN_*). */
export interface ZaddFlags {
  readonly nx?: boolean;
  readonly xx?: boolean;
  readonly gt?: boolean;
  readonly lt?: boolean;
  readonly incr?: boolean;
}

/**
 * What zsetAdd did: 'added' or 'updated' (the score changed), 'unchanged' (processed,
 * same score), 'skipped' (NX, XX, GT or LT said no: ZADD_OUT_NOP), 'nan' (INCR reached
 * NaN: nothing changed). `score` is the element's score after a processed add.
 */
export interface ZaddOutcome {
  readonly result: 'added' | 'updated' | 'unchanged' | 'skipped' | 'nan';
  readonly score: number;
}

/**
 * Redis's zsetAdd: adds or updates one element under ZADD's flags, converting a
 * listpack that the new member would overflow. GEOADD is ZADD underneath, so geo uses
 * this too.
 */
export function zsetAdd(zset: SortedSet, member: Bytes, score: number, flags: ZaddFlags, limits: ZsetLimits): ZaddOutcome {
  const current = zset.score(member);
  if (current !== undefined) {
    if (flags.nx) return { result: 'skipped', score: current };
    if (flags.incr) {
      score += current;
      if (Number.isNaN(score)) return { result: 'nan', score };
    }
    if ((flags.lt && score >= current) || (flags.gt && score <= current)) return { result: 'skipped', score: current };
    return { result: zset.set(member, score, limits) === 'updated' ? 'updated' : 'unchanged', score };
  }
  if (flags.xx) return { result: 'skipped', score };
  zset.set(member, score, limits);
  return { result: 'added', score };
}
