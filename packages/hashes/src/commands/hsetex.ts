import { type Bytes, type Client, type CommandHandler, errWrongArity, isToken, tryParseInt64 } from '@fakeredis/core';
import {
  ERR_FNX_FXX_CONFLICT,
  ERR_HSETEX_EXPIRATION_CONFLICT,
  ERR_INVALID_NUMBER_OF_FIELDS,
  ERR_MISSING_EXPIRE_TIME,
  errUnknownArgument,
} from '../errors.js';
import { FIELD_DELETED, setFieldTtl, TTL_SET } from '../field-expiry/set-ttl.js';
import { setField, tryConversion } from '../value/encoding.js';
import { HashValue, hashType } from '../value/hash-value.js';
import { LAZY_QUIET, propagateAs, propagateFieldDeletion, readField } from './field-access.js';
import { type FieldExpireArgs, parseFieldExpireArgs, parseTimeOption, timeOption } from './field-expire-args.js';

const INT_MAX = 2147483647n;

/** Redis 8.0's hsetexParseArgs: options left to right up to FIELDS, which must end the command. */
function parseArgs80(client: Client, argv: readonly Bytes[]): FieldExpireArgs {
  const args: FieldExpireArgs = { condition: undefined, expiration: undefined, at: 0, timeAt: 0, first: 0, count: 0 };
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] as Bytes;
    if (isToken(arg, 'FIELDS')) {
      if (i >= argv.length - 3) throw errWrongArity('hsetex');
      const count = tryParseInt64(argv[i + 1] as Bytes);
      if (count === undefined || count < 1n || count > INT_MAX) throw ERR_INVALID_NUMBER_OF_FIELDS;
      const remaining = argv.length - i - 2;
      if (remaining % 2 !== 0 || count !== BigInt(remaining / 2)) throw errWrongArity('hsetex');
      args.first = i + 2;
      args.count = Number(count);
      return args;
    }
    const time = timeOption(arg);
    if (time !== undefined || isToken(arg, 'KEEPTTL')) {
      if (args.expiration !== undefined) throw ERR_HSETEX_EXPIRATION_CONFLICT;
      args.expiration = time ?? 'KEEPTTL';
      if (time === undefined) continue;
      if (i >= argv.length - 1) throw ERR_MISSING_EXPIRE_TIME;
      args.at = parseTimeOption(client, time, argv[++i] as Bytes, 'hsetex');
      args.timeAt = i;
    } else if (isToken(arg, 'FNX') || isToken(arg, 'FXX')) {
      if (args.condition !== undefined) throw ERR_FNX_FXX_CONFLICT;
      args.condition = isToken(arg, 'FNX') ? 'FNX' : 'FXX';
    } else {
      throw errUnknownArgument(arg);
    }
  }
  // Unreachable with HSETEX's arity of -6: some argument is FIELDS or an error.
  throw errWrongArity('hsetex');
}

/**
 * FNX: none of the fields exist; FXX: all of them exist. Expired fields met are deleted
 * (counted in `expired`). Stops at the first field that settles the answer.
 */
function conditionHolds(client: Client, key: Bytes, hash: HashValue, argv: readonly Bytes[], args: FieldExpireArgs, expired: { count: number }): boolean {
  for (let i = args.first; i < args.first + 2 * args.count; i += 2) {
    const found = readField(client, key, hash, argv[i] as Bytes, LAZY_QUIET);
    if (found === 'expired') expired.count++;
    const exists = typeof found !== 'string';
    if (args.condition === 'FXX' && !exists) return false;
    if (args.condition === 'FNX' && exists) return false;
  }
  return true;
}

/**
 * HSETEX key [FNX | FXX] [EX s | PX ms | EXAT t | PXAT t | KEEPTTL] FIELDS n field value
 * ... (Redis 8.0): 1 when the fields were set, 0 when FNX / FXX did not hold. Redis 8.6
 * takes the options in any order, before or after the FIELDS block.
 */
export const HSETEX: CommandHandler = (client, argv) => {
  const args = client.server.versionAtLeast('8.6.0') ? parseFieldExpireArgs(client, argv, 'hsetex') : parseArgs80(client, argv);
  const key = argv[1] as Bytes;
  const db = client.db;
  let hash = hashType.write(db, key);
  if (hash === undefined) {
    if (args.condition === 'FXX') return 0;
    hash = hashType.add(db, key, new HashValue());
  }
  const expired = { count: 0 };
  let reply = 0;
  let fieldsSet = false;
  let updated = 0;
  let deleted = 0;
  if (args.condition === undefined || conditionHolds(client, key, hash, argv, args, expired)) {
    const server = client.server;
    tryConversion(server, hash, argv, args.first, args.first + 2 * args.count - 1);
    const setExpiry = args.expiration !== undefined && args.expiration !== 'KEEPTTL';
    if (setExpiry) hash.allowTtls();
    const now = server.now();
    for (let i = args.first; i < args.first + 2 * args.count; i += 2) {
      const field = argv[i] as Bytes;
      setField(server, hash, field, argv[i + 1] as Bytes, args.expiration !== undefined);
      fieldsSet = true;
      if (!setExpiry) continue;
      const result = setFieldTtl(hash, field, args.at, undefined, now);
      if (result === TTL_SET) updated++;
      if (result === FIELD_DELETED) {
        deleted++;
        propagateFieldDeletion(client, key, field);
      }
    }
    reply = 1;
    // Propagated as sent, EX / PX / EXAT as PXAT <ms>; not at all when a past time deleted (HDELs went).
    if (deleted === 0) {
      const propagated = argv.slice();
      if (setExpiry && args.expiration !== 'PXAT') {
        propagated[args.timeAt - 1] = 'PXAT' as Bytes;
        propagated[args.timeAt] = String(args.at) as Bytes;
      }
      propagateAs(client, propagated);
    }
  }
  if (fieldsSet || expired.count > 0) {
    db.signalModifiedKey(key);
    if (expired.count > 0) hashType.notify(db, 'hexpired', key);
    if (fieldsSet) {
      hashType.notify(db, 'hset', key);
      if (deleted + updated > 0) hashType.notify(db, deleted > 0 ? 'hdel' : 'hexpire', key);
    }
  }
  if (!hashType.deleteIfEmpty(db, key, hash) && updated > 0) db.scheduleSubkeyExpiry(key);
  return reply;
};
