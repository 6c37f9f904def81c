import type { Bytes, Client } from '@fakeredis/core';
import { type HashField, HashValue, hashType } from '../value/hash-value.js';

/**
 * What a lazy expiry of a field does besides deleting it (Redis's HFE_LAZY_* flags):
 * emit "hexpired" (and "del"), delete the hash it leaves empty, signal WATCH; or, quiet,
 * nothing, the command emitting and deleting the emptied hash itself at the end.
 */
export type LazyExpiry = 'expire' | 'quiet';

/** HGET, HEXISTS, HSTRLEN, HSETNX, HINCRBY*: everything at once. */
export const LAZY_EXPIRE: LazyExpiry = 'expire';
/** HMGET, HGETDEL, HGETEX, HSETEX: the command emits and deletes the hash itself at the end. */
export const LAZY_QUIET: LazyExpiry = 'quiet';

/** A field read: the live field, or why there is none ('expired-hash': the hash went too). */
export type FieldRead = HashField | 'missing' | 'expired' | 'expired-hash';

/**
 * hashTypeGetValue: a field that is logically expired is deleted on access, reported as
 * expired, and takes the hash with it when it was the last one.
 */
export function readField(client: Client, key: Bytes, hash: HashValue, field: Bytes, lazy: LazyExpiry): FieldRead {
  const entry = hash.get(field);
  if (entry === undefined) return 'missing';
  if (entry.expiresAt === 0 || entry.expiresAt >= client.server.now()) return entry;
  hash.delete(field);
  propagateFieldDeletion(client, key, field);
  if (lazy === LAZY_QUIET) return 'expired';
  const db = client.db;
  hashType.notify(db, 'hexpired', key);
  const hashDeleted = hashType.deleteIfEmpty(db, key, hash);
  db.signalModifiedKey(key);
  return hashDeleted ? 'expired-hash' : 'expired';
}

/**
 * hashTypeLookupWriteOrCreate and the current value of a field, for HSETNX and HINCRBY*:
 * a field that expired counts as absent, and when it took the hash with it a new hash is
 * created.
 */
export function currentValue(client: Client, key: Bytes, field: Bytes): { hash: HashValue; value: Bytes | undefined } {
  const db = client.db;
  const hash = hashType.writeOrCreate(db, key, () => new HashValue());
  const found = readField(client, key, hash, field, LAZY_EXPIRE);
  if (found === 'expired-hash') return { hash: hashType.add(db, key, new HashValue()), value: undefined };
  return { hash, value: typeof found === 'string' ? undefined : found.value };
}

/** True when a stored field is logically expired at `now` (it stays until collected). */
export function isExpired(entry: HashField, now: number): boolean {
  return entry.expiresAt !== 0 && entry.expiresAt < now;
}

/**
 * propagateHashFieldDeletion: a field expired or deleted by a past TTL goes to the AOF and
 * replicas as HDEL, and counts in INFO's expired_subkeys (7.4+), as Redis counts beside it.
 */
export function propagateFieldDeletion(client: Client, key: Bytes, field: Bytes): void {
  client.server.stats.expiredSubkeys++;
  client.server.propagator?.alsoPropagate(client.db.index, ['HDEL' as Bytes, key, field]);
}

/** A command's own propagation in the form Redis rewrites it to (its rule propagates nothing else). */
export function propagateAs(client: Client, argv: readonly Bytes[]): void {
  client.server.propagator?.alsoPropagate(client.db.index, argv);
}
