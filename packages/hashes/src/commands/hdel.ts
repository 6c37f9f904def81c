import type { Bytes, CommandHandler } from '@fakeredis/core';
import { hashType } from '../value/hash-value.js';

/** HDEL key field ...: how many fields were removed; the emptied hash goes too ("hdel", then "del"). */
export const HDEL: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const db = client.db;
  const hash = hashType.write(db, key);
  if (hash === undefined) return 0;
  let deleted = 0;
  for (let i = 2; i < argv.length && hash.size !== 0; i++) {
    if (hash.delete(argv[i] as Bytes)) deleted++;
  }
  if (deleted > 0) {
    db.signalModifiedKey(key);
    hashType.notify(db, 'hdel', key);
    db.server.addDirty(deleted);
    hashType.deleteIfEmpty(db, key, hash);
  }
  return deleted;
};
