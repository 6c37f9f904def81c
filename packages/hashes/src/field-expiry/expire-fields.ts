import type { Bytes, Database } from '@fakeredis/core';
import type { HashValue } from '../value/hash-value.js';

/**
 * Deletes every field of a hash whose TTL is before `now` (hashTypeExpire): one
 * "hexpired" event, then "del" and the key itself when no field is left. True when the
 * hash was deleted.
 */
export function expireHashFields(db: Database, key: Bytes, hash: HashValue, now: number): boolean {
  if (hash.takeExpired(now).length === 0) return false;
  const server = db.server;
  server.notifyKeyspaceEvent('h', 'hexpired', key, db.index);
  if (hash.size === 0) {
    server.notifyKeyspaceEvent('g', 'del', key, db.index);
    db.delete(key);
    return true;
  }
  db.signalModifiedKey(key);
  return false;
}
