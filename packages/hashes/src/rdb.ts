import {
  type Bytes, decodeListpack, decodeZiplist, decodeZipmap, type FakeServer, ListpackWriter, RDB_TYPE_HASH, RDB_TYPE_HASH_LISTPACK,
  RDB_TYPE_HASH_LISTPACK_EX, RDB_TYPE_HASH_METADATA, RDB_TYPE_HASH_ZIPLIST, RDB_TYPE_HASH_ZIPMAP, RdbError, type RdbReader, type RdbWriter,
} from '@fakeredis/core';
import { HashValue } from './value/hash-value.js';

/** The RDB type of a hash: its listpack (7.4: with TTLs), or its table (7.4: with TTL metadata). */
export function hashRdbType(hash: HashValue): number {
  const encoding = hash.currentEncoding;
  if (encoding === 'listpack') return RDB_TYPE_HASH_LISTPACK;
  if (encoding === 'listpackex') return RDB_TYPE_HASH_LISTPACK_EX;
  return hash.volatileSize > 0 ? RDB_TYPE_HASH_METADATA : RDB_TYPE_HASH;
}

/**
 * rdbSaveObject of a hash: a listpack of field, value pairs in order; 7.4's listpackex
 * after the earliest field TTL, as field, value, TTL triples (0 for none); a table as
 * its count and pairs, with 7.4's metadata form (the earliest TTL, then each field's TTL
 * relative to it plus one, 0 for none) when a field has a TTL.
 */
export function saveHash(hash: HashValue, w: RdbWriter): void {
  const encoding = hash.currentEncoding;
  const minExpire = hash.nextExpiry() ?? 0;
  if (encoding !== 'hashtable') {
    if (encoding === 'listpackex') w.millis(minExpire);
    const lp = new ListpackWriter();
    for (const [field, entry] of hash.entries()) {
      lp.string(field);
      lp.string(entry.value);
      if (encoding === 'listpackex') lp.integer(entry.expiresAt);
    }
    w.blob(lp.finish());
    return;
  }
  const withMeta = hash.volatileSize > 0;
  if (withMeta) w.millis(minExpire);
  w.length(hash.size);
  for (const [field, entry] of hash.entries()) {
    if (withMeta) w.length(entry.expiresAt === 0 ? 0 : entry.expiresAt - minExpire + 1);
    w.string(field);
    w.string(entry.value);
  }
}

function limits(server: FakeServer): { entries: number; value: number } {
  return { entries: server.config.getNumber('hash-max-listpack-entries'), value: server.config.getNumber('hash-max-listpack-value') };
}

/**
 * rdbLoadObject of a hash, converted as Redis converts on load: a listpack past
 * hash-max-listpack-entries becomes a table; a table's pairs fill a listpack while they
 * fit the limits. Fields whose TTL has passed are dropped. Duplicates are bad data.
 */
export function loadHash(type: number, r: RdbReader, server: FakeServer): HashValue {
  const max = limits(server);
  const now = server.now();
  if (type === RDB_TYPE_HASH_ZIPMAP) {
    // Redis 2.4's zipmap: a listpack unless too many fields or one too long (checked whole).
    const pairs = decodeZipmap(r.blob());
    let maxLength = 0;
    for (const part of pairs) if (part.length > maxLength) maxLength = part.length;
    const hash = new HashValue(pairs.length / 2 > max.entries || maxLength > max.value ? 'hashtable' : 'listpack');
    for (let i = 0; i < pairs.length; i += 2) {
      if (!hash.set(pairs[i] as Bytes, pairs[i + 1] as Bytes)) throw new RdbError('Zipmap integrity check failed.');
    }
    return hash;
  }
  if (type === RDB_TYPE_HASH_LISTPACK || type === RDB_TYPE_HASH_LISTPACK_EX || type === RDB_TYPE_HASH_ZIPLIST) {
    const ex = type === RDB_TYPE_HASH_LISTPACK_EX;
    if (ex) r.millis();
    // Redis 6 and older wrote the pairs in a ziplist; they load as a listpack's would.
    const entries = type === RDB_TYPE_HASH_ZIPLIST ? decodeZiplist(r.blob()) : decodeListpack(r.blob());
    const width = ex ? 3 : 2;
    if (entries.length % width !== 0) throw new RdbError('Hash listpack integrity check failed.');
    const hash = new HashValue(ex ? 'listpackex' : 'listpack');
    const ttls: Array<[Bytes, number]> = [];
    for (let i = 0; i < entries.length; i += width) {
      const field = entries[i] as Bytes;
      const at = ex ? Number(entries[i + 2]) : 0;
      if (!Number.isSafeInteger(at) || at < 0) throw new RdbError('Hash listpack integrity check failed.');
      if (at !== 0 && at <= now) {
        if (hash.get(field) !== undefined) throw new RdbError('Duplicate hash fields detected');
        continue;
      }
      if (!hash.set(field, entries[i + 1] as Bytes)) throw new RdbError('Duplicate hash fields detected');
      if (at !== 0) ttls.push([field, at]);
    }
    // Equal TTLs: a listpackex puts the latest set first, so they are set last to first.
    for (let i = ttls.length - 1; i >= 0; i--) hash.setExpiry(...(ttls[i] as [Bytes, number]));
    if (hash.size > max.entries) hash.convertToHashtable();
    return hash;
  }
  if (type !== RDB_TYPE_HASH && type !== RDB_TYPE_HASH_METADATA) throw new RdbError(`Unknown RDB encoding type ${type}`);
  const meta = type === RDB_TYPE_HASH_METADATA;
  const minExpire = meta ? Number(r.millis()) : 0;
  const len = r.length();
  const hash = new HashValue(len > max.entries ? 'hashtable' : meta ? 'listpackex' : 'listpack');
  const ttls: Array<[Bytes, number]> = [];
  for (let i = 0; i < len; i++) {
    const relative = meta ? r.length() : 0;
    const field = r.string();
    const value = r.string();
    const at = relative === 0 ? 0 : minExpire + relative - 1;
    if (hash.currentEncoding !== 'hashtable' && (field.length > max.value || value.length > max.value)) hash.convertToHashtable();
    if (at !== 0 && at <= now) {
      if (hash.get(field) !== undefined) throw new RdbError('Duplicate hash fields detected');
      continue;
    }
    if (!hash.set(field, value)) throw new RdbError('Duplicate hash fields detected');
    if (at !== 0) ttls.push([field, at]);
  }
  for (let i = ttls.length - 1; i >= 0; i--) hash.setExpiry(...(ttls[i] as [Bytes, number]));
  return hash;
}
