import { type Bytes, type CommandHandler, notifyGeneric } from '@fakeredis/core';
import { setLimits } from '../limits.js';
import { RedisSet, setType } from '../value.js';

/** SADD key member [member ...]: the number of members added. */
export const SADD: CommandHandler = (client, argv) => {
  const db = client.db;
  const key = argv[1] as Bytes;
  const limits = setLimits(client.server);
  let set = setType.write(db, key);
  const hint = argv.length - 2;
  if (set === undefined) set = setType.add(db, key, RedisSet.create(argv[2] as Bytes, limits, hint));
  else set.convertForSizeHint(hint, limits);
  let added = 0;
  for (let j = 2; j < argv.length; j++) if (set.add(argv[j] as Bytes, limits)) added++;
  if (added > 0) {
    db.signalModifiedKey(key);
    setType.notify(db, 'sadd', key);
    client.server.addDirty(added);
  }
  return added;
};

/** SREM key member [member ...]: the number removed; an emptied set is deleted. */
export const SREM: CommandHandler = (client, argv) => {
  const db = client.db;
  const key = argv[1] as Bytes;
  const set = setType.write(db, key);
  if (set === undefined) return 0;
  let deleted = 0;
  let keyRemoved = false;
  for (let j = 2; j < argv.length; j++) {
    if (!set.remove(argv[j] as Bytes)) continue;
    deleted++;
    if (set.size === 0) {
      db.delete(key);
      keyRemoved = true;
      break;
    }
  }
  if (deleted > 0) {
    db.signalModifiedKey(key);
    setType.notify(db, 'srem', key);
    client.server.addDirty(deleted);
    // As sremCommand: the key went inside the loop, its `del` event comes after `srem`.
    if (keyRemoved) notifyGeneric(db, 'del', key);
  }
  return deleted;
};

/**
 * SMOVE source destination member: 1 when the member left the source. The destination
 * is touched (WATCH, sadd event) only when the member was new to it, as in Redis.
 */
export const SMOVE: CommandHandler = (client, argv) => {
  const db = client.db;
  const source = argv[1] as Bytes;
  const destination = argv[2] as Bytes;
  const member = argv[3] as Bytes;
  // Both are looked up first; a missing source answers 0 before any type check.
  const sourceValue = db.lookupWrite(source);
  const destinationValue = db.lookupWrite(destination);
  if (sourceValue === undefined) return 0;
  const src = setType.check(sourceValue);
  let dst = destinationValue === undefined ? undefined : setType.check(destinationValue);
  if (src === dst) return src.has(member) ? 1 : 0;
  if (!src.remove(member)) return 0;
  setType.notify(db, 'srem', source);
  setType.deleteIfEmpty(db, source, src);
  const limits = setLimits(client.server);
  dst ??= setType.add(db, destination, RedisSet.create(member, limits));
  db.signalModifiedKey(source);
  // server.dirty++ for the removal, once more when the destination gained the member.
  let changes = 1;
  if (dst.add(member, limits)) {
    db.signalModifiedKey(destination);
    setType.notify(db, 'sadd', destination);
    changes++;
  }
  client.server.addDirty(changes);
  return 1;
};
