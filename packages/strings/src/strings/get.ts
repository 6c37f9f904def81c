import { type Bytes, type Client, type CommandHandler, MutableString, type Reply, ERR_WRONGTYPE } from '@fakeredis/core';
import { notify, readString, stringBytes } from '../value.js';
import { expireAtMilliseconds, EXAT, parseExtendedStringArguments, PERSIST, PXAT, setExpireAt } from './expire-options.js';

/** Redis's getGenericCommand: the string at a key, null when absent, WRONGTYPE otherwise. */
export function getGeneric(client: Client, key: Bytes): Bytes | null {
  const value = readString(client, key);
  return value === undefined ? null : stringBytes(value);
}

/** GET key: the hot path, kept free of allocations for plain values. */
export const GET: CommandHandler = (client, argv) => {
  const value = client.db.lookupRead(argv[1] as Bytes, client);
  if (value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof MutableString) return value.toBytes();
  throw ERR_WRONGTYPE;
};

/** GETDEL key */
export const GETDEL: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const value = getGeneric(client, key);
  if (value !== null && client.db.delete(key)) notify(client, 'g', 'del', key);
  return value;
};

/** GETEX key [EX s | PX ms | EXAT ts | PXAT ms-ts | PERSIST] */
export const GETEX: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const { flags, expire } = parseExtendedStringArguments(argv, 2, false);
  const value = getGeneric(client, key);
  if (value === null) return null;
  const db = client.db;
  if (expire !== undefined) {
    const at = expireAtMilliseconds(client, expire, flags, 'getex');
    if (flags & (EXAT | PXAT) && at <= BigInt(client.server.now())) {
      // An absolute time already passed deletes the key at once.
      db.delete(key);
      notify(client, 'g', 'del', key);
    } else {
      setExpireAt(db, key, at);
      db.signalModifiedKey(key);
      notify(client, 'g', 'expire', key);
    }
  } else if (flags & PERSIST && db.persist(key)) {
    db.signalModifiedKey(key);
    notify(client, 'g', 'persist', key);
  }
  return value;
};

/** MGET key [key ...]: values of strings, null for absent keys and other types. */
export const MGET: CommandHandler = (client, argv) => {
  const replies: Reply[] = [];
  for (let j = 1; j < argv.length; j++) {
    const value = client.db.lookupRead(argv[j] as Bytes, client);
    if (typeof value === 'string') replies.push(value);
    else if (value instanceof MutableString) replies.push(value.toBytes());
    else replies.push(null);
  }
  return replies;
};
