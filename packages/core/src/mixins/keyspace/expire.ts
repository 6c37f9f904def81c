import { type Bytes, cString } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { type KeyEntry, notifyGeneric } from '../../database.js';
import {
  ERR_EXPIRE_GT_LT_CONFLICT,
  ERR_INVALID_ARGUMENTS,
  ERR_EXPIRE_NX_CONFLICT,
  errInvalidExpireTime,
  errUnsupportedOption,
} from '../../errors/index.js';
import { INT64_MAX, INT64_MIN, parseInt64 } from '../../numbers.js';
import type { Reply } from '../../reply.js';

interface ExpireFlags {
  nx: boolean;
  xx: boolean;
  gt: boolean;
  lt: boolean;
}

/** NX | XX | GT | LT, parsed before the time, as Redis does (so its errors come first). */
function parseFlags(argv: Bytes[]): ExpireFlags {
  const flags = { nx: false, xx: false, gt: false, lt: false };
  for (let i = 3; i < argv.length; i++) {
    const option = argv[i] as Bytes;
    const name = cString(option).toLowerCase();
    if (name === 'nx' || name === 'xx' || name === 'gt' || name === 'lt') flags[name] = true;
    else throw errUnsupportedOption(option);
  }
  if (flags.nx && (flags.xx || flags.gt || flags.lt)) throw ERR_EXPIRE_NX_CONFLICT;
  if (flags.gt && flags.lt) throw ERR_EXPIRE_GT_LT_CONFLICT;
  return flags;
}

/**
 * EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT (expireGenericCommand): `relative` adds the
 * command's time; `seconds` scales the argument. A time already past deletes the key
 * and emits "del", as Redis 7.0 does.
 */
function expireGeneric(client: Client, argv: Bytes[], relative: boolean, seconds: boolean): Reply {
  const flags = parseFlags(argv);
  const name = (argv[0] as Bytes).toLowerCase();
  let when = parseInt64(argv[2] as Bytes);
  // Negative times are allowed; only an overflow of the unit change or the sum is refused.
  if (seconds) {
    if (when > INT64_MAX / 1000n || when < INT64_MIN / 1000n) throw errInvalidExpireTime(name, client.server.profile.errorTexts);
    when *= 1000n;
  }
  const now = client.server.now();
  const base = relative ? BigInt(now) : 0n;
  if (when > INT64_MAX - base) throw errInvalidExpireTime(name, client.server.profile.errorTexts);
  when += base;

  const db = client.db;
  const key = argv[1] as Bytes;
  if (db.lookupWrite(key, client) === undefined) return 0;
  const entry = db.peek(key) as KeyEntry;
  if (flags.nx || flags.xx || flags.gt || flags.lt) {
    const current = entry.expiresAt === 0 ? -1n : entry.expireTime;
    if (flags.nx && current !== -1n) return 0;
    if (flags.xx && current === -1n) return 0;
    // No expiry counts as an infinite one: GT never beats it, LT always does.
    if (flags.gt && (current === -1n || when <= current)) return 0;
    if (flags.lt && current !== -1n && when >= current) return 0;
  }
  if (when <= BigInt(now)) {
    // Deleted now rather than expired later: freed as lazyfree-lazy-expire says.
    db.delete(key, 'expire');
    notifyGeneric(db, 'del', key);
    return 1;
  }
  db.setExpire(key, when, entry);
  db.signalModifiedKey(key);
  notifyGeneric(db, 'expire', key);
  return 1;
}

export const EXPIRE: CommandHandler = (client, argv) => expireGeneric(client, argv, true, true);
export const PEXPIRE: CommandHandler = (client, argv) => expireGeneric(client, argv, true, false);
export const EXPIREAT: CommandHandler = (client, argv) => expireGeneric(client, argv, false, true);
export const PEXPIREAT: CommandHandler = (client, argv) => expireGeneric(client, argv, false, false);

/** PERSIST key: 1 when an expiry was removed. */
export const PERSIST: CommandHandler = (client, argv) => {
  const db = client.db;
  const key = argv[1] as Bytes;
  if (db.lookupWrite(key) === undefined) return 0;
  // KeyDB's PERSIST key member (arity -2 there only) drops that member's expiry.
  if (argv.length > 3) return ERR_INVALID_ARGUMENTS;
  if (!(argv.length === 3 ? db.removeMemberExpire(key, argv[2] as Bytes) : db.persist(key))) return 0;
  db.signalModifiedKey(key);
  notifyGeneric(db, 'persist', key);
  return 1;
};
