import { type Bytes, type Client, type CommandHandler, errWrongArity, notifyGeneric, OK, parseInt64, type Reply } from '@fakeredis/core';
import { ERR_MSETEX_NUMKEYS, ERR_MSETEX_PAIRS } from '../errors.js';
import { stringType } from '../value.js';
import { expireAtMilliseconds, KEEPTTL, parseExtendedStringArguments, SET_NX, SET_XX, setExpireAt } from './expire-options.js';

/**
 * Redis's msetGenericCommand: MSET sets every pair; MSETNX (`nx`) sets them only when
 * none of the keys exists, else answers 0 and sets nothing.
 */
function msetGeneric(client: Client, argv: readonly Bytes[], nx: boolean): Reply {
  if (argv.length % 2 === 0) throw errWrongArity(nx ? 'msetnx' : 'mset');
  const db = client.db;
  if (nx) {
    for (let j = 1; j < argv.length; j += 2) if (db.lookupWrite(argv[j] as Bytes) !== undefined) return 0;
  }
  for (let j = 1; j < argv.length; j += 2) {
    const key = argv[j] as Bytes;
    // setKey looks the key up for writing, which touches it (LRU/LFU); MSETNX's check did.
    if (!nx) db.lookupWrite(key);
    db.set(key, argv[j + 1] as Bytes);
    stringType.notify(db, 'set', key);
  }
  return nx ? 1 : OK;
}

/** MSET key value [key value ...] */
export const MSET: CommandHandler = (client, argv) => msetGeneric(client, argv, false);

/** MSETNX key value [key value ...]: all or nothing; 0 if any key exists. */
export const MSETNX: CommandHandler = (client, argv) => msetGeneric(client, argv, true);

/**
 * MSETEX numkeys key value [key value ...] [NX | XX] [EX s | PX ms | EXAT ts | PXAT ms-ts |
 * KEEPTTL] (Redis 8.4): all pairs or none (NX: no key exists, XX: every key exists),
 * each with the same expiry; answers 1, or 0 when the condition fails.
 */
export const MSETEX: CommandHandler = (client, argv) => {
  let numkeys: bigint;
  try {
    numkeys = parseInt64(argv[1] as Bytes);
  } catch {
    throw ERR_MSETEX_NUMKEYS;
  }
  if (numkeys < 1n || numkeys > 2147483647n) throw ERR_MSETEX_NUMKEYS;
  const count = Number(numkeys);
  if (count * 2 + 2 > argv.length) throw ERR_MSETEX_PAIRS;
  const { flags, expire } = parseExtendedStringArguments(argv, count * 2 + 2, true, true, 0, false);
  const at = expire === undefined ? undefined : expireAtMilliseconds(client, expire, flags, 'msetex');
  const db = client.db;
  if (flags & (SET_NX | SET_XX)) {
    for (let j = 2; j < count * 2 + 2; j += 2) {
      const found = db.lookupWrite(argv[j] as Bytes) !== undefined;
      if ((flags & SET_NX && found) || (flags & SET_XX && !found)) return 0;
    }
  }
  for (let j = 2; j < count * 2 + 2; j += 2) {
    const key = argv[j] as Bytes;
    db.lookupWrite(key); // setKey's lookup touches the key (LRU/LFU)
    db.set(key, argv[j + 1] as Bytes, (flags & KEEPTTL) !== 0);
    if (at !== undefined) {
      setExpireAt(db, key, at);
      notifyGeneric(db, 'expire', key);
    }
    stringType.notify(db, 'set', key);
  }
  return 1;
};
