import { type Bytes, bytesToBuffer, type CommandHandler, cString, errWrongArity, notifyGeneric, xxh3 } from '@fakeredis/core';
import { ERR_DELEX_CONDITION, ERR_DELEX_NOT_STRING, ERR_DIGEST_LENGTH } from '../errors.js';
import { stringBytes, stringType, type StringValue } from '../value.js';

/** stringDigest: the XXH3 hash of a string's bytes (an integer's decimal form), as 16 lower-case hex digits. */
export function stringDigest(value: StringValue): string {
  return xxh3(bytesToBuffer(stringBytes(value))).toString(16).padStart(16, '0');
}

/**
 * IFDEQ/IFDNE's test: the digest given must be 16 bytes long (validateHexDigest checks
 * nothing more) and is compared as C's strcasecmp does, up to a NUL byte.
 */
export function digestEquals(value: StringValue, digest: Bytes): boolean {
  if (digest.length !== 16) throw ERR_DIGEST_LENGTH;
  return cString(digest).replace(/[A-F]/g, (c) => c.toLowerCase()) === stringDigest(value);
}

/** DIGEST key: the value's digest, null for no key. */
export const DIGEST: CommandHandler = (client, argv) => {
  const value = stringType.read(client, argv[1] as Bytes);
  return value === undefined ? null : (stringDigest(value) as Bytes);
};

/**
 * DELEX key [IFEQ value | IFNE value | IFDEQ digest | IFDNE digest]: without a condition
 * DEL (as lazyfree-lazy-server-del says); with one, only a string key meeting it goes.
 */
export const DELEX: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const db = client.db;
  if (argv.length === 2) {
    // delGenericCommand with lazyfree-lazy-server-del's choice of freeing.
    if (!db.delete(key, 'server-del')) return 0;
    notifyGeneric(db, 'del', key);
    return 1;
  }
  if (argv.length !== 4) throw errWrongArity('delex');
  const value = db.lookupRead(key, client);
  if (value === undefined) return 0;
  if (!stringType.is(value)) throw ERR_DELEX_NOT_STRING;
  const condition = cString(argv[2] as Bytes).toUpperCase();
  const match = argv[3] as Bytes;
  let remove: boolean;
  if (condition === 'IFEQ') remove = stringBytes(value) === match;
  else if (condition === 'IFNE') remove = stringBytes(value) !== match;
  else if (condition === 'IFDEQ') remove = digestEquals(value, match);
  else if (condition === 'IFDNE') remove = !digestEquals(value, match);
  else throw ERR_DELEX_CONDITION;
  if (!remove || !db.delete(key)) return 0;
  notifyGeneric(db, 'del', key);
  return 1;
};

/**
 * Valkey 9.0's DELIFEQ key value: deletes a string key holding exactly `value` (1), else 0;
 * WRONGTYPE for another type. Freed synchronously (dbSyncDelete), propagated as DEL.
 */
export const DELIFEQ: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const value = stringType.write(client.db, key);
  if (value === undefined || stringBytes(value) !== argv[2]) return 0;
  client.db.delete(key, false);
  notifyGeneric(client.db, 'del', key);
  return 1;
};
