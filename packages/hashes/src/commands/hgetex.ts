import { type Bytes, type Client, type CommandHandler, errWrongArity, isToken, type Reply } from '@fakeredis/core';
import { ERR_NUMFIELDS_POSITIVE } from '../errors.js';
import { FIELD_DELETED, setFieldTtl, TTL_SET } from '../field-expiry/set-ttl.js';
import { hashType } from '../value/hash-value.js';
import { LAZY_QUIET, propagateAs, propagateFieldDeletion, readField } from './field-access.js';
import { type FieldExpireArgs, parseFieldExpireArgs, parseTimeOption, timeOption } from './field-expire-args.js';
import { parseFieldsBlock } from './fields-arg.js';

/**
 * Redis 8.0's hgetexCommand parsing: at most one option, right after the key, then
 * FIELDS numfields and exactly that many fields to the end.
 */
function parseArgs80(client: Client, argv: readonly Bytes[]): FieldExpireArgs {
  const time = timeOption(argv[2]);
  const persist = isToken(argv[2], 'PERSIST');
  const args: FieldExpireArgs = { condition: undefined, expiration: time ?? (persist ? 'PERSIST' : undefined), at: 0, timeAt: 0, first: 0, count: 0 };
  let fieldsAt = 2;
  if (persist) fieldsAt = 3;
  else if (time !== undefined) {
    args.at = parseTimeOption(client, time, argv[3] as Bytes, 'hgetex');
    args.timeAt = 3;
    fieldsAt = 4;
  }
  if (fieldsAt + 1 >= argv.length) throw errWrongArity('hgetex');
  Object.assign(args, parseFieldsBlock(argv, fieldsAt, ERR_NUMFIELDS_POSITIVE));
  return args;
}

/**
 * HGETEX key [EX s | PX ms | EXAT t | PXAT t | PERSIST] FIELDS n field ... (Redis 8.0):
 * each live field's value (null otherwise), and the new TTL or its removal applied to
 * the fields found. A time not in the future deletes them. Redis 8.6 takes the option
 * before or after the FIELDS block.
 */
export const HGETEX: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const db = client.db;
  const hash = hashType.write(db, key);
  const args = client.server.versionAtLeast('8.6.0') ? parseFieldExpireArgs(client, argv, 'hgetex') : parseArgs80(client, argv);
  const { expiration, at, first, count } = args;
  const now = client.server.now();
  if (hash === undefined) return new Array<null>(count).fill(null);
  if (expiration !== undefined) hash.allowTtls();
  const values: Reply[] = [];
  let expired = 0;
  let updated = 0;
  let deleted = 0;
  for (let i = first; i < first + count; i++) {
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
      if (result === FIELD_DELETED) {
        deleted++;
        propagateFieldDeletion(client, key, field);
      }
    }
  }
  if (expired + updated + deleted === 0) return values;
  db.signalModifiedKey(key);
  if (expired > 0) hashType.notify(db, 'hexpired', key);
  if (updated > 0) {
    hashType.notify(db, expiration === 'PERSIST' ? 'hpersist' : 'hexpire', key);
    // Propagated as HPERSIST key FIELDS n ... or HPEXPIREAT key <ms> FIELDS n ...; 8.6
    // writes numfields as a number, 8.0 as sent.
    const numfields = client.server.versionAtLeast('8.6.0') ? (String(count) as Bytes) : (argv[first - 1] as Bytes);
    const block = ['FIELDS' as Bytes, numfields, ...argv.slice(first, first + count)];
    propagateAs(client, expiration === 'PERSIST' ? ['HPERSIST' as Bytes, key, ...block] : ['HPEXPIREAT' as Bytes, key, String(at) as Bytes, ...block]);
  }
  else if (deleted > 0) hashType.notify(db, 'hdel', key);
  if (!hashType.deleteIfEmpty(db, key, hash) && updated > 0) db.scheduleSubkeyExpiry(key);
  return values;
};
