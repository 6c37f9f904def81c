import type { Bytes, Client } from '@fakeredis/core';
import type { HashField, HashValue } from '../value/hash-value.js';
import { notifyGeneric, notifyHash } from './context.js';

/**
 * What a lazy expiry of a field does besides deleting it (Redis's HFE_LAZY_* flags):
 * emit "hexpired" (and "del"), delete the hash it leaves empty, signal WATCH.
 */
export interface LazyExpiry {
  readonly notify: boolean;
  readonly deleteEmptyHash: boolean;
  readonly signal: boolean;
}

/** HGET, HEXISTS, HSTRLEN, HSETNX, HINCRBY*: everything at once. */
export const LAZY_EXPIRE: LazyExpiry = { notify: true, deleteEmptyHash: true, signal: true };
/** HMGET: events once after the loop. */
export const LAZY_NO_NOTIFY: LazyExpiry = { notify: false, deleteEmptyHash: true, signal: true };
/** HGETDEL, HGETEX, HSETEX: the command emits and deletes the hash itself at the end. */
export const LAZY_QUIET: LazyExpiry = { notify: false, deleteEmptyHash: false, signal: false };

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
  let result: FieldRead = 'expired';
  if (lazy.notify) notifyHash(client, 'hexpired', key);
  if (hash.size === 0 && lazy.deleteEmptyHash) {
    if (lazy.notify) notifyGeneric(client, 'del', key);
    client.db.delete(key);
    result = 'expired-hash';
  }
  if (lazy.signal) client.db.signalModifiedKey(key);
  return result;
}

/** True when a stored field is logically expired at `now` (it stays until collected). */
export function isExpired(entry: HashField, now: number): boolean {
  return entry.expiresAt !== 0 && entry.expiresAt < now;
}
