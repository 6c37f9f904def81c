import { type Bytes, type Client, type Database, ERR_WRONGTYPE, type RedisValue } from '@fakeredis/core';
import { SortedSet, zsetLimits } from './value.js';

/** checkType: the value as a zset, or WRONGTYPE. */
export function asZset(value: RedisValue): SortedSet {
  if (typeof value === 'string' || value.type !== 'zset') throw ERR_WRONGTYPE;
  return value as SortedSet;
}

/** lookupKeyRead + checkType: the zset at a key, undefined when absent, WRONGTYPE otherwise. */
export function readZset(client: Client, key: Bytes): SortedSet | undefined {
  return client.db.lookupTyped<SortedSet>(key, 'zset', false, client);
}

/** lookupKeyWrite + checkType. */
export function writeZset(db: Database, key: Bytes, client?: Client): SortedSet | undefined {
  return db.lookupTyped<SortedSet>(key, 'zset', true, client);
}

/** A keyspace event of the sorted set class ('z') for a key of the client's database. */
export function notifyZset(client: Client, event: string, key: Bytes): void {
  client.server.notifyKeyspaceEvent('z', event, key, client.db.index);
}

/** A generic ('g') keyspace event: `del` when a zset command deletes a key. */
export function notifyDel(client: Client, key: Bytes): void {
  client.server.notifyKeyspaceEvent('g', 'del', key, client.db.index);
}

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
    notifyZset(client, event, destination);
    return result.size;
  }
  // dbDelete with no lookup first: a destination whose time has passed goes with `del`.
  if (db.deleteStored(destination)) notifyDel(client, destination);
  return 0;
}

/** After removing from a zset: deletes the key when it became empty (with its `del` event). */
export function deleteIfEmpty(client: Client, key: Bytes, zset: SortedSet): boolean {
  if (zset.size > 0) return false;
  client.db.delete(key);
  notifyDel(client, key);
  return true;
}
