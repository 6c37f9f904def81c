import {
  type Bytes, decodeListpack, decodeZiplist, encodeListpack, type FakeServer, RDB_TYPE_ZSET_2, RDB_TYPE_ZSET_LISTPACK, RDB_TYPE_ZSET_ZIPLIST,
  RdbError, type RdbReader, type RdbWriter, tryParseDouble,
} from '@fakeredis/core';
import { listpackScoreText } from './listpack.js';
import { SortedSet, zsetLimits } from './value.js';

/** The RDB type of a sorted set: its listpack, or the skiplist's members with binary scores. */
export function zsetRdbType(zset: SortedSet): number {
  return zset.encoding() === 'listpack' ? RDB_TYPE_ZSET_LISTPACK : RDB_TYPE_ZSET_2;
}

/**
 * rdbSaveObject of a sorted set: a listpack of member, score pairs ascending (scores as
 * d2string writes them, integers as listpack integers); a skiplist as its length and its
 * members from the highest to the lowest, each with its score as a little-endian double.
 */
export function saveZset(zset: SortedSet, w: RdbWriter, server: FakeServer): void {
  if (zset.encoding() === 'listpack') {
    const format = server.profile.doubleFormat;
    const entries: Bytes[] = [];
    for (const [member, score] of zset.entries()) entries.push(member, listpackScoreText(score, format));
    w.blob(encodeListpack(entries));
    return;
  }
  w.length(zset.size);
  for (const [member, score] of zset.entries(true)) {
    w.string(member);
    w.double(score);
  }
}

/**
 * rdbLoadObject of a sorted set, converted as Redis converts after loading: a skiplist
 * that fits zset-max-listpack-entries / -value becomes a listpack, a listpack past the
 * entries limit a skiplist. Duplicate members and NaN scores are bad data.
 */
export function loadZset(type: number, r: RdbReader, server: FakeServer): SortedSet {
  const limits = zsetLimits(server);
  if (type === RDB_TYPE_ZSET_LISTPACK || type === RDB_TYPE_ZSET_ZIPLIST) {
    // Redis 6 and older wrote the pairs in a ziplist; they load as a listpack's would.
    const entries = type === RDB_TYPE_ZSET_LISTPACK ? decodeListpack(r.blob()) : decodeZiplist(r.blob());
    if (entries.length % 2 !== 0) throw new RdbError('Zset listpack integrity check failed.');
    const zset = new SortedSet('listpack');
    for (let i = 0; i < entries.length; i += 2) {
      const score = tryParseDouble(entries[i + 1] as Bytes);
      if (score === undefined || Number.isNaN(score)) throw new RdbError('Zset listpack integrity check failed.');
      if (zset.set(entries[i] as Bytes, score) !== 'added') throw new RdbError('Zset listpack integrity check failed.');
    }
    if (zset.size > limits.entries) zset.convert('skiplist');
    return zset;
  }
  const len = r.length();
  const zset = new SortedSet('skiplist');
  let maxLength = 0;
  for (let i = 0; i < len; i++) {
    const member = r.string();
    const score = type === RDB_TYPE_ZSET_2 ? r.double() : r.textDouble();
    if (Number.isNaN(score)) throw new RdbError('Zset with NAN score detected');
    if (member.length > maxLength) maxLength = member.length;
    if (zset.set(member, score) !== 'added') throw new RdbError('Duplicate zset fields detected');
  }
  if (zset.size <= limits.entries && maxLength <= limits.value) zset.convert('listpack');
  return zset;
}
