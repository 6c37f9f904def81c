import type { Bytes, FakeServer } from '@fakeredis/core';
import type { HashValue } from './hash-value.js';

/** hash-max-listpack-entries and hash-max-listpack-value (aliases hash-max-ziplist-*). */
function limits(server: FakeServer): { entries: number; value: number } {
  return {
    entries: server.config.getNumber('hash-max-listpack-entries'),
    value: server.config.getNumber('hash-max-listpack-value'),
  };
}

/**
 * Before a write of argv[start..end] (hashTypeTryConversion): any argument longer than
 * hash-max-listpack-value converts a small hash to a hash table. From Redis 7.2 (#12019)
 * more field-value pairs than hash-max-listpack-entries convert it too, duplicates or not.
 */
export function tryConversion(server: FakeServer, hash: HashValue, argv: readonly Bytes[], start: number, end: number): void {
  if (hash.currentEncoding === 'hashtable') return;
  const max = limits(server);
  if (server.versionAtLeast('7.2.0') && (end - start + 1) / 2 > max.entries) {
    hash.convertToHashtable();
    return;
  }
  for (let i = start; i <= end; i++) {
    if ((argv[i] as Bytes).length > max.value) {
      hash.convertToHashtable();
      return;
    }
  }
}

/**
 * hashTypeSet: sets a field, converting first when the field or value is too long for a
 * listpack (HINCRBY* reach here without tryConversion) and afterwards when the hash has
 * outgrown hash-max-listpack-entries. True when the field was created.
 */
export function setField(server: FakeServer, hash: HashValue, field: Bytes, value: Bytes, keepTtl = false): boolean {
  if (hash.currentEncoding === 'hashtable') return hash.set(field, value, keepTtl);
  const max = limits(server);
  if (field.length > max.value || value.length > max.value) hash.convertToHashtable();
  const created = hash.set(field, value, keepTtl);
  // Converting a hash table again does nothing.
  if (hash.size > max.entries) hash.convertToHashtable();
  return created;
}
