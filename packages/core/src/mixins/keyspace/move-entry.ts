import type { Bytes } from '../../bytes.js';
import type { Database, KeyEntry } from '../../database.js';
import type { RedisValue } from '../../values/object.js';

/**
 * Puts a value under a key that is free in `db`, as Redis's dbAdd followed by setExpire:
 * the expiry of `source` comes along (exact past 2^53 too, KeyDB's member expiries too), and its access data too when
 * the same object is moved (RENAME, MOVE) rather than copied, where the profile keeps it (7.0). Signals the key ready for
 * blocked clients; the caller signals WATCH and emits the events.
 */
export function addEntry(db: Database, key: Bytes, value: RedisValue, source: KeyEntry, sameObject: boolean): void {
  const added = db.attach(key, value, source.expireTime);
  // KeyDB's member expiries live in the key's expire entry, which RENAME, MOVE and COPY carry.
  if (source.memberExpires !== undefined) {
    added.memberExpires = new Map(source.memberExpires);
    db.scheduleSubkeyExpiry(key);
  }
  if (sameObject && db.server.profile.movedKeyKeepsAccess) {
    added.accessedAt = source.accessedAt;
    added.lfu = source.lfu;
  }
  db.signalKeyAsReady(key);
}
