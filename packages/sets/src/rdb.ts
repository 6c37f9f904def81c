import {
  type Bytes, decodeIntset, decodeListpack, encodeIntset, encodeListpack, type FakeServer, RDB_TYPE_SET, RDB_TYPE_SET_INTSET,
  RDB_TYPE_SET_LISTPACK, RdbError, type RdbReader, type RdbWriter,
} from '@fakeredis/core';
import { setLimits } from './limits.js';
import { RedisSet } from './value.js';

/** The RDB type of a set by its encoding. */
export function setRdbType(set: RedisSet): number {
  const encoding = set.encoding();
  return encoding === 'intset' ? RDB_TYPE_SET_INTSET : encoding === 'listpack' ? RDB_TYPE_SET_LISTPACK : RDB_TYPE_SET;
}

/**
 * rdbSaveObject of a set: an intset blob (ascending, at the set's element width), a
 * listpack of the members in order (7.2), or the count and the members in table order.
 */
export function saveSet(set: RedisSet, w: RdbWriter): void {
  const encoding = set.encoding();
  if (encoding === 'intset') w.blob(encodeIntset([...set.members()], set.intsetWidth));
  else if (encoding === 'listpack') w.blob(encodeListpack(set.members()));
  else {
    w.length(set.size);
    for (const member of set.members()) w.string(member);
  }
}

/**
 * rdbLoadObject of a set, with the conversions Redis makes on load: the members of a
 * plain set are added as SADD would (an intset while they are integers within
 * set-max-intset-entries; then a listpack in 7.2 or a hashtable); an intset or listpack
 * past its entries limit becomes a hashtable. Duplicates are bad data.
 */
export function loadSet(type: number, r: RdbReader, server: FakeServer): RedisSet {
  const limits = setLimits(server);
  if (type === RDB_TYPE_SET_INTSET) {
    const blob = r.blob();
    const members = decodeIntset(blob);
    const { set, add } = RedisSet.loaded(members.length > limits.intsetEntries ? 'hashtable' : 'intset', blob.readUInt32LE(0));
    for (const member of members) add(member);
    return set;
  }
  if (type === RDB_TYPE_SET_LISTPACK) {
    const members = decodeListpack(r.blob());
    const listpack = limits.listpack;
    const oversize = listpack === undefined || members.length > listpack.entries;
    const { set, add } = RedisSet.loaded(oversize ? 'hashtable' : 'listpack');
    for (const member of members) if (!add(member)) throw new RdbError('Set listpack integrity check failed.');
    return set;
  }
  const len = r.length();
  let set: RedisSet | undefined;
  for (let i = 0; i < len; i++) {
    const member = r.string();
    if (set === undefined) {
      set = len > limits.intsetEntries ? RedisSet.loaded('hashtable').set : RedisSet.create(member, limits);
    }
    if (!set.add(member, limits)) throw new RdbError('Duplicate set members detected');
  }
  return set ?? RedisSet.loaded('hashtable').set;
}
