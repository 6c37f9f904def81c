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
  const db = client.db;
  if (result.size > 0) {
    result.convertToListpackIfFits(zsetLimits(client.server));
    db.set(destination, result);
    zsetType.notify(db, event, destination);
    return result.size;
  }
  // dbDelete with no lookup first: a destination whose time has passed goes with `del`.
  if (db.deleteStored(destination)) client.server.notifyKeyspaceEvent('g', 'del', destination, db.index);
  return 0;
}
