import type { Bytes } from '../../bytes.js';
import type { Client, WatchedKey } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_WATCH_IN_MULTI } from '../../errors/index.js';
import { OK } from '../../reply.js';

/**
 * Watches a key of the client's current database (watchForKey). A key already expired
 * but not yet deleted is marked so that its deletion does not fail the EXEC.
 */
export function watchKey(client: Client, key: Bytes): void {
  const db = client.db;
  for (const watch of client.watched) if (watch.db === db && watch.key === key) return;
  let watches = db.watchers.get(key);
  if (watches === undefined) {
    watches = new Map<Client, WatchedKey>();
    db.watchers.set(key, watches);
  }
  const watch: WatchedKey = { client, db, key, expired: db.keyIsExpired(key) };
  watches.set(client, watch);
  client.watched.push(watch);
}

/** A WATCHed key that was live when watched has expired since (isWatchedKeyExpired). */
export function isWatchedKeyExpired(client: Client): boolean {
  for (const watch of client.watched) {
    if (!watch.expired && watch.db.keyIsExpired(watch.key)) return true;
  }
  return false;
}

/** WATCH key [key ...]: not inside MULTI; a no-op once a watched key was touched. */
export const WATCH: CommandHandler = (client, argv) => {
  if (client.multi !== undefined) throw ERR_WATCH_IN_MULTI;
  if (client.watchDirty) return OK;
  client.multiStateKept = true;
  for (let i = 1; i < argv.length; i++) watchKey(client, argv[i] as Bytes);
  return OK;
};

/** UNWATCH: forgets every watched key and whether one was touched. */
export const UNWATCH: CommandHandler = (client) => {
  client.unwatchAll();
  client.watchDirty = false;
  return OK;
};
