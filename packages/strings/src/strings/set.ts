import { type Bytes, type Client, type CommandHandler, hasHistoryEntry, notifyGeneric, OK, type Reply } from '@fakeredis/core';
import { stringBytes, stringType, type StringValue } from '../value.js';
import { digestEquals } from './digest.js';
import {
  EX,
  expireAtMilliseconds,
  KEEPTTL,
  parseExtendedStringArguments,
  PX,
  SET_GET,
  SET_IFDEQ,
  SET_IFEQ,
  SET_IFNE,
  SET_NX,
  SET_XX,
  setConditionFlags,
  setExpireAt,
} from './expire-options.js';
import { getGeneric } from './get.js';

/**
 * Redis's setGenericCommand, after the expiry has been validated: SET with its options,
 * SETNX, SETEX, PSETEX. `expireAt` is absolute ms or undefined.
 */
function setGeneric(
  client: Client,
  flags: number,
  key: Bytes,
  value: Bytes,
  expireAt: bigint | undefined,
  okReply: Reply,
  abortReply: Reply,
  match?: Bytes,
): Reply {
  const previous = flags & SET_GET ? getGeneric(client, key) : null;
  const db = client.db;
  const found = db.lookupWrite(key) !== undefined;
  if ((flags & SET_NX && found) || (flags & (SET_XX | SET_IFEQ | SET_IFDEQ) && !found)) {
    return flags & SET_GET ? previous : abortReply;
  }
  if (found && match !== undefined) {
    // Redis 8.4's conditions. With GET and a digest of the wrong length Redis sends the
    // old value and then the error (two replies); the fake answers the error alone.
    const current = stringType.read(client, key) as StringValue;
    const met =
      flags & SET_IFEQ ? stringBytes(current) === match
      : flags & SET_IFNE ? stringBytes(current) !== match
      : flags & SET_IFDEQ ? digestEquals(current, match)
      : !digestEquals(current, match);
    if (!met) return flags & SET_GET ? previous : abortReply;
  }
  db.set(key, value, (flags & KEEPTTL) !== 0);
  stringType.notify(db, 'set', key);
  if (expireAt !== undefined) {
    setExpireAt(db, key, expireAt);
    notifyGeneric(db, 'expire', key);
  }
  return flags & SET_GET ? previous : okReply;
}

/** SET key value [NX | XX | IFEQ v | IFNE v | IFDEQ d | IFDNE d] [GET] [EX s | PX ms | EXAT ts | PXAT ms-ts | KEEPTTL] */
export const SET: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const value = argv[2] as Bytes;
  if (argv.length === 3) {
    // The hot path: no options. The lookup touches the key (LRU/LFU) as Redis's does.
    const db = client.db;
    db.lookupWrite(key);
    db.set(key, value);
    stringType.notify(db, 'set', key);
    return OK;
  }
  const profile = client.server.profile;
  const { flags, expire, match } = parseExtendedStringArguments(
    argv, 3, true, hasHistoryEntry(profile, 'SET', '7.0.0'), setConditionFlags(profile), true, profile.serverType === 'valkey',
  );
  const at = expire === undefined ? undefined : expireAtMilliseconds(client, expire, flags, 'set');
  return setGeneric(client, flags, key, value, at, OK, null, match);
};

/** SETNX key value: 1 when set, 0 when the key exists. */
export const SETNX: CommandHandler = (client, argv) =>
  setGeneric(client, SET_NX, argv[1] as Bytes, argv[2] as Bytes, undefined, 1, 0);

/** SETEX key seconds value */
export const SETEX: CommandHandler = (client, argv) => {
  const at = expireAtMilliseconds(client, argv[2] as Bytes, EX, 'setex');
  return setGeneric(client, EX, argv[1] as Bytes, argv[3] as Bytes, at, OK, null);
};

/** PSETEX key milliseconds value */
export const PSETEX: CommandHandler = (client, argv) => {
  const at = expireAtMilliseconds(client, argv[2] as Bytes, PX, 'psetex');
  return setGeneric(client, PX, argv[1] as Bytes, argv[3] as Bytes, at, OK, null);
};

/** GETSET key value: the old value; the new one replaces it and its TTL. */
export const GETSET: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const previous = getGeneric(client, key);
  client.db.set(key, argv[2] as Bytes);
  stringType.notify(client.db, 'set', key);
  return previous;
};
