import type { Bytes, CommandHandler, Reply } from '@fakeredis/core';
import { ERR_NUMFIELDS_POSITIVE } from '../errors.js';
import { hashType } from '../value/hash-value.js';
import { LAZY_QUIET, propagateAs, readField } from './field-access.js';
import { parseFieldsBlock } from './fields-arg.js';

/**
 * HGETDEL key FIELDS n field ... (Redis 8.0): each field's value (null when absent),
 * the fields deleted; "hexpired" for fields found expired, "hdel", and the emptied key
 * deleted with "del".
 */
export const HGETDEL: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const db = client.db;
  const hash = hashType.write(db, key);
  parseFieldsBlock(argv, 2, ERR_NUMFIELDS_POSITIVE);
  const values: Reply[] = [];
  let expired = 0;
  let deleted = 0;
  for (let i = 4; i < argv.length; i++) {
    const field = argv[i] as Bytes;
    const found = hash === undefined ? 'missing' : readField(client, key, hash, field, LAZY_QUIET);
    if (found === 'expired') expired++;
    if (typeof found === 'string') {
      values.push(null);
      continue;
    }
    values.push(found.value);
    hash?.delete(field);
    deleted++;
  }
  if (hash === undefined || expired + deleted === 0) return values;
  db.signalModifiedKey(key);
  if (expired > 0) hashType.notify(db, 'hexpired', key);
  if (deleted > 0) {
    hashType.notify(db, 'hdel', key);
    // Propagated as HDEL key field ..., every field asked.
    propagateAs(client, ['HDEL' as Bytes, key, ...argv.slice(4)]);
  }
  hashType.deleteIfEmpty(db, key, hash);
  return values;
};
