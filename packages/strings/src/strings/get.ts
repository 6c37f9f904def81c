import { type Bytes, type Client, type CommandHandler, notifyGeneric, type Reply } from '@fakeredis/core';
import { stringBytes, stringType } from '../value.js';
import { expireAtMilliseconds, EXAT, parseExtendedStringArguments, PERSIST, PXAT, setExpireAt } from './expire-options.js';

/** Redis's getGenericCommand: the string at a key, null when absent, WRONGTYPE otherwise. */
export function getGeneric(client: Client, key: Bytes): Bytes | null {
  const value = stringType.read(client, key);
  return value === undefined ? null : stringBytes(value);
}

/** GET key */
export const GET: CommandHandler = (client, argv) => getGeneric(client, argv[1] as Bytes);

/** GETDEL key */
export const GETDEL: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const value = getGeneric(client, key);
  if (value !== null && client.db.delete(key)) notifyGeneric(client.db, 'del', key);
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
      notifyGeneric(db, 'del', key);
    } else {
      setExpireAt(db, key, at);
      db.signalModifiedKey(key);
      notifyGeneric(db, 'expire', key);
    }
  } else if (flags & PERSIST && db.persist(key)) {
    db.signalModifiedKey(key);
    notifyGeneric(db, 'persist', key);
  }
  return value;
};

/** MGET key [key ...]: values of strings, null for absent keys and other types. */
export const MGET: CommandHandler = (client, argv) => {
  const replies: Reply[] = [];
  for (let j = 1; j < argv.length; j++) {
    const value = client.db.lookupRead(argv[j] as Bytes, client);
    replies.push(stringType.is(value) ? stringBytes(value) : null);
  }
  return replies;
};
