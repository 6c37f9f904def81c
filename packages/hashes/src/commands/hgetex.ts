import { type Bytes, type CommandHandler, isToken, type Reply } from '@fakeredis/core';
import { ERR_NUMFIELDS_POSITIVE } from '../errors.js';
import { FIELD_DELETED, setFieldTtl, TTL_SET } from '../field-expiry/set-ttl.js';
import { hashType } from '../value/hash-value.js';
import { LAZY_QUIET, readField } from './field-access.js';
import { parseExpireTime, parseFieldsBlock } from './fields-arg.js';

type Expiration = 'EX' | 'PX' | 'EXAT' | 'PXAT' | 'PERSIST' | undefined;

function parseExpiration(arg: Bytes | undefined): Expiration {
  for (const token of ['EX', 'PX', 'EXAT', 'PXAT', 'PERSIST'] as const) if (isToken(arg, token)) return token;
  return undefined;
}

/**
 * HGETEX key [EX s | PX ms | EXAT t | PXAT t | PERSIST] FIELDS n field ... (Redis 8.0):
 * each live field's value (null otherwise), and the new TTL or its removal applied to
 * the fields found. A time not in the future deletes them.
 */
export const HGETEX: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const db = client.db;
  const hash = hashType.write(db, key);
  const expiration = parseExpiration(argv[2]);
  const now = client.server.now();
  let at = 0;
  let fieldsAt = 2;
  if (expiration === 'PERSIST') fieldsAt = 3;
  else if (expiration !== undefined) {
    const seconds = expiration === 'EX' || expiration === 'EXAT';
    const relative = expiration === 'EX' || expiration === 'PX';
    at = parseExpireTime(argv[3] as Bytes, seconds, relative ? now : 0, 'hgetex');
    fieldsAt = 4;
  }
  const { first, count } = parseFieldsBlock(argv, fieldsAt, ERR_NUMFIELDS_POSITIVE);
  if (hash === undefined) return new Array<null>(count).fill(null);
  if (expiration !== undefined) hash.allowTtls();
  const values: Reply[] = [];
  let expired = 0;
  let updated = 0;
  let deleted = 0;
  for (let i = first; i < argv.length; i++) {
    const field = argv[i] as Bytes;
    const found = readField(client, key, hash, field, LAZY_QUIET);
    if (found === 'expired') expired++;
    if (typeof found === 'string') {
      values.push(null);
      continue;
    }
    values.push(found.value);
    if (expiration === 'PERSIST') {
      if (hash.persist(field)) updated++;
    } else if (expiration !== undefined) {
      const result = setFieldTtl(hash, field, at, undefined, now);
      if (result === TTL_SET) updated++;
      if (result === FIELD_DELETED) deleted++;
    }
  }
  if (expired + updated + deleted === 0) return values;
  db.signalModifiedKey(key);
  if (expired > 0) hashType.notify(db, 'hexpired', key);
  if (updated > 0) hashType.notify(db, expiration === 'PERSIST' ? 'hpersist' : 'hexpire', key);
  else if (deleted > 0) hashType.notify(db, 'hdel', key);
  if (!hashType.deleteIfEmpty(db, key, hash) && updated > 0) db.scheduleSubkeyExpiry(key);
  return values;
};
