import type { Bytes, Client } from '@fakeredis/core';
import { type SortedSet, zsetLimits, zsetType } from './value.js';

/**
 * How ZUNIONSTORE, ZINTERSTORE, ZDIFFSTORE and ZRANGESTORE (and GEO*STORE) end: a
 * non-empty result replaces the destination (its TTL dropped), as a listpack when it
 * fits the limits, and emits `event`; an empty result deletes the destination (`del`,
 * even when its time had passed).
 * Returns the number of elements stored.
 */
export function storeZset(client: Client, destination: Bytes, result: SortedSet, event: string): number {
  if (result.size > 0) result.convertToListpackIfFits(zsetLimits(client.server));
  zsetType.store(client.db, destination, result, event);
  return result.size;
}
