import { type Bytes, type CommandHandler, isToken } from '@fakeredis/core';
import { ERR_NUMFIELDS_GREATER_THAN_ZERO, ERR_NUMFIELDS_POSITIVE } from '../errors.js';
import { FIELD_DELETED, NO_FIELD, setFieldTtl, TTL_SET, type TtlCondition } from '../field-expiry/set-ttl.js';
import { hashType } from '../value/hash-value.js';
import { propagateAs, propagateFieldDeletion } from './field-access.js';
import { parseExpireTime, parseFieldsBlock } from './fields-arg.js';

function parseCondition(arg: Bytes | undefined): TtlCondition {
  for (const token of ['NX', 'XX', 'GT', 'LT'] as const) if (isToken(arg, token)) return token;
  return undefined;
}

/**
 * HEXPIRE, HPEXPIRE, HEXPIREAT, HPEXPIREAT key time [NX|XX|GT|LT] FIELDS n field ...
 * (hexpireGenericCommand, Redis 7.4): a code per field; a time not in the future
 * deletes the field ("hdel"), a set TTL emits "hexpire"; a missing key reads as empty.
 */
function hexpireGeneric(relative: boolean, seconds: boolean): CommandHandler {
  return (client, argv) => {
    const key = argv[1] as Bytes;
    const db = client.db;
    const hash = hashType.write(db, key);
    const now = client.server.now();
    const at = parseExpireTime(argv[2] as Bytes, seconds, relative ? now : 0, (argv[0] as Bytes).toLowerCase());
    const condition = parseCondition(argv[3]);
    const { first, count } = parseFieldsBlock(argv, condition === undefined ? 3 : 4, ERR_NUMFIELDS_GREATER_THAN_ZERO);
    if (hash === undefined) return new Array<number>(count).fill(NO_FIELD);
    hash.allowTtls();
    const results: number[] = [];
    const set: Bytes[] = [];
    let deleted = 0;
    for (let i = first; i < argv.length; i++) {
      const field = argv[i] as Bytes;
      const result = setFieldTtl(hash, field, at, condition, now);
      if (result === TTL_SET) set.push(field);
      if (result === FIELD_DELETED) {
        deleted++;
        propagateFieldDeletion(client, key, field);
      }
      results.push(result);
    }
    const updated = set.length;
    if (updated > 0) {
      // Propagated as HPEXPIREAT key <ms> [cond] FIELDS n with only the fields set (time and
      // numfields as sent when nothing needed rewriting); nothing when no TTL was set.
      const propagated = argv.slice(0, first);
      propagated[0] = 'HPEXPIREAT' as Bytes;
      if (relative || seconds) propagated[2] = String(at) as Bytes;
      if (updated < count) propagated[first - 1] = String(updated) as Bytes;
      propagateAs(client, [...propagated, ...set]);
    }
    if (updated + deleted > 0) {
      db.signalModifiedKey(key);
      hashType.notify(db, deleted > 0 ? 'hdel' : 'hexpire', key);
    }
    if (!hashType.deleteIfEmpty(db, key, hash) && updated > 0) db.scheduleSubkeyExpiry(key);
    return results;
  };
}

/**
 * HTTL, HPTTL, HEXPIRETIME, HPEXPIRETIME key FIELDS n field ...: per field -2 (no
 * such field, or expired), -1 (no TTL), or the TTL / expiry time in the unit asked.
 */
function httlGeneric(relative: boolean, seconds: boolean): CommandHandler {
  return (client, argv) => {
    const hash = hashType.read(client, argv[1] as Bytes);
    const { first, count } = parseFieldsBlock(argv, 2, ERR_NUMFIELDS_POSITIVE);
    if (hash === undefined) return new Array<number>(count).fill(NO_FIELD);
    const now = client.server.now();
    const base = relative ? now : 0;
    // A listpack counts a field expiring this very millisecond as gone; a hash table does not.
    const listpack = hash.currentEncoding !== 'hashtable';
    const results: number[] = [];
    for (let i = first; i < argv.length; i++) {
      const entry = hash.get(argv[i] as Bytes);
      if (entry === undefined) results.push(NO_FIELD);
      else if (entry.expiresAt === 0) results.push(-1);
      else if (entry.expiresAt < now || (listpack && entry.expiresAt === now)) results.push(NO_FIELD);
      else results.push(seconds ? Math.floor((entry.expiresAt + 999 - base) / 1000) : entry.expiresAt - base);
    }
    return results;
  };
}

/** HPERSIST key FIELDS n field ...: per field -2, -1 (no TTL) or 1 (TTL removed). */
export const HPERSIST: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const hash = hashType.write(client.db, key);
  const { first, count } = parseFieldsBlock(argv, 2, ERR_NUMFIELDS_POSITIVE);
  if (hash === undefined) return new Array<number>(count).fill(NO_FIELD);
  const now = client.server.now();
  const results: number[] = [];
  let changed = false;
  for (let i = first; i < argv.length; i++) {
    const field = argv[i] as Bytes;
    const entry = hash.get(field);
    if (entry === undefined || (entry.expiresAt !== 0 && entry.expiresAt < now)) results.push(NO_FIELD);
    else if (entry.expiresAt === 0) results.push(-1);
    else {
      hash.persist(field);
      changed = true;
      results.push(1);
    }
  }
  if (changed) {
    hashType.notify(client.db, 'hpersist', key);
    client.db.signalModifiedKey(key);
  }
  return results;
};

/** HEXPIRE key seconds [NX|XX|GT|LT] FIELDS n field ... */
export const HEXPIRE = hexpireGeneric(true, true);
/** HPEXPIRE key milliseconds [NX|XX|GT|LT] FIELDS n field ... */
export const HPEXPIRE = hexpireGeneric(true, false);
/** HEXPIREAT key unix-time-seconds [NX|XX|GT|LT] FIELDS n field ... */
export const HEXPIREAT = hexpireGeneric(false, true);
/** HPEXPIREAT key unix-time-milliseconds [NX|XX|GT|LT] FIELDS n field ... */
export const HPEXPIREAT = hexpireGeneric(false, false);

/** HTTL key FIELDS n field ...: TTLs in seconds. */
export const HTTL = httlGeneric(true, true);
/** HPTTL key FIELDS n field ...: TTLs in milliseconds. */
export const HPTTL = httlGeneric(true, false);
/** HEXPIRETIME key FIELDS n field ...: expiry times in Unix seconds. */
export const HEXPIRETIME = httlGeneric(false, true);
/** HPEXPIRETIME key FIELDS n field ...: expiry times in Unix milliseconds. */
export const HPEXPIRETIME = httlGeneric(false, false);
