import type { Bytes, CommandHandler } from '@fakeredis/core';
import { ERR_HASH_KEY_DOESNT_EXIST } from '../errors.js';
import { hashType } from '../value/hash-value.js';

/**
 * KEYDB.HRENAME key field newfield (KeyDB's hrenameCommand): the field's value moves to
 * newfield (replacing one there), 1. As KeyDB does, no keyspace event and no WATCH
 * signal; the hash converts for its entry count only (hashTypeSet), not for a long name.
 */
export const KEYDB_HRENAME: CommandHandler = (client, argv) => {
  const hash = hashType.write(client.db, argv[1] as Bytes);
  if (hash === undefined) return null;
  const entry = hash.get(argv[2] as Bytes);
  if (entry === undefined) return ERR_HASH_KEY_DOESNT_EXIST;
  const value = entry.value;
  hash.delete(argv[2] as Bytes);
  hash.set(argv[3] as Bytes, value);
  // Redis 6.2's hashTypeSet converts for the entry count alone (hash-max-ziplist-entries).
  if (hash.currentEncoding !== 'hashtable' && hash.size > client.server.config.getNumber('hash-max-listpack-entries')) hash.convertToHashtable();
  return 1;
};
