import { type Bytes, type CommandHandler, isToken, tryParseInt64 } from '@fakeredis/core';
import {
  ERR_FIELDS_REQUIRES_ARGUMENTS,
  ERR_FIELDS_SPECIFIED_TWICE,
  ERR_MISSING_FIELDS,
  ERR_MULTIPLE_CONDITIONS,
  ERR_NUMFIELDS_GREATER_THAN_ZERO,
  ERR_NUMFIELDS_POSITIVE,
  ERR_WRONG_NUMBER_OF_ARGUMENTS,
  errUnknownArgument,
} from '../errors.js';
import { FIELD_DELETED, NO_FIELD, setFieldTtl, TTL_SET, type TtlCondition } from '../field-expiry/set-ttl.js';
import { hashType } from '../value/hash-value.js';
import { propagateAs, propagateFieldDeletion } from './field-access.js';
import { parseExpireTime, parseFieldsBlock } from './fields-arg.js';

function parseCondition(arg: Bytes | undefined): TtlCondition {
  for (const token of ['NX', 'XX', 'GT', 'LT'] as const) if (isToken(arg, token)) return token;
  return undefined;
}

const INT_MAX = 2147483647n;

/**
 * parseHashCommandArgs (Redis 8.6): the condition and the FIELDS block in any order after
 * the time, the block's fields skipped whatever they spell; several conditions refused last.
 */
function parseArgs86(argv: readonly Bytes[]): { condition: TtlCondition; first: number; count: number } {
  const conditions = new Set<TtlCondition>();
  let first = -1;
  let count = 0;
  for (let i = 3; i < argv.length; i++) {
    const arg = argv[i] as Bytes;
    if (isToken(arg, 'FIELDS')) {
      if (first !== -1) throw ERR_FIELDS_SPECIFIED_TWICE;
      if (i >= argv.length - 2) throw ERR_FIELDS_REQUIRES_ARGUMENTS;
      const n = tryParseInt64(argv[i + 1] as Bytes);
      if (n === undefined || n < 1n || n > INT_MAX) throw ERR_NUMFIELDS_GREATER_THAN_ZERO;
      first = i + 2;
      count = Number(n);
      if (first + count > argv.length) throw ERR_WRONG_NUMBER_OF_ARGUMENTS;
      i = first + count - 1;
      continue;
    }
    const condition = parseCondition(arg);
    if (condition === undefined) throw errUnknownArgument(arg);
    conditions.add(condition);
  }
  if (first === -1) throw ERR_MISSING_FIELDS;
  if (conditions.size > 1) throw ERR_MULTIPLE_CONDITIONS;
  return { condition: [...conditions][0], first, count };
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
    const command = (argv[0] as Bytes).toLowerCase();
    const at = parseExpireTime(argv[2] as Bytes, seconds, relative ? now : 0, command);
    let condition: TtlCondition;
    let first: number;
    let count: number;
    if (client.server.versionAtLeast('8.6.0')) ({ condition, first, count } = parseArgs86(argv));
    else {
      condition = parseCondition(argv[3]);
      ({ first, count } = parseFieldsBlock(argv, condition === undefined ? 3 : 4, ERR_NUMFIELDS_GREATER_THAN_ZERO));
    }
    if (hash === undefined) return new Array<number>(count).fill(NO_FIELD);
    hash.allowTtls();
    const results: number[] = [];
    const notSet = new Set<number>();
    let deleted = 0;
    for (let i = first; i < first + count; i++) {
      const field = argv[i] as Bytes;
      const result = setFieldTtl(hash, field, at, condition, now);
      if (result !== TTL_SET) notSet.add(i);
      if (result === FIELD_DELETED) {
        deleted++;
        propagateFieldDeletion(client, key, field);
      }
      results.push(result);
    }
    const updated = count - notSet.size;
    if (updated > 0) {
      // Propagated as HPEXPIREAT key <ms> ... with only the fields set (time and numfields
      // as sent when nothing needed rewriting); nothing when no TTL was set.
      const propagated = argv.slice();
      propagated[0] = 'HPEXPIREAT' as Bytes;
      if (relative || seconds) propagated[2] = String(at) as Bytes;
      if (notSet.size > 0) propagated[first - 1] = String(updated) as Bytes;
      propagateAs(client, propagated.filter((_, i) => !notSet.has(i)));
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
