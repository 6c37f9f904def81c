import type { Bytes, Client } from '@fakeredis/core';
import { HashValue } from '../value/hash-value.js';

/** lookupKeyRead + checkType: the hash at a key, undefined when absent, WRONGTYPE otherwise. */
export function readHash(client: Client, key: Bytes): HashValue | undefined {
  return client.db.lookupTyped<HashValue>(key, 'hash', false, client);
}

/** lookupKeyWrite + checkType. */
export function writeHash(client: Client, key: Bytes): HashValue | undefined {
  return client.db.lookupTyped<HashValue>(key, 'hash', true);
}

/** Adds a new empty hash under a key that does not exist (dbAdd: "new" event, WATCH). */
export function createHash(client: Client, key: Bytes): HashValue {
  const hash = new HashValue();
  client.db.add(key, hash);
  return hash;
}

/** hashTypeLookupWriteOrCreate. */
export function writeOrCreateHash(client: Client, key: Bytes): HashValue {
  return writeHash(client, key) ?? createHash(client, key);
}

/** Emits a hash ('h') keyspace event for a key of the client's database. */
export function notifyHash(client: Client, event: string, key: Bytes): void {
  client.server.notifyKeyspaceEvent('h', event, key, client.db.index);
}

/** Emits a generic ('g') keyspace event for a key of the client's database. */
export function notifyGeneric(client: Client, event: string, key: Bytes): void {
  client.server.notifyKeyspaceEvent('g', event, key, client.db.index);
}

/** Deletes a hash left without fields, with its "del" event; true when it did. */
export function deleteIfEmpty(client: Client, key: Bytes, hash: HashValue): boolean {
  if (hash.size !== 0) return false;
  client.db.delete(key);
  notifyGeneric(client, 'del', key);
  return true;
}

