import {
  blockForKeys,
  type Bytes,
  type Client,
  type CommandHandler,
  type Database,
  ERR_WRONGTYPE,
  KEY_DRAINED,
  parseBlockTimeout,
  popOrBlock,
  type Reply,
} from '@fakeredis/core';
import { type End, elementsRemoved, moveElement, parseEnd, popEvent, popOne } from '../ops.js';
import { listSettings } from '../settings.js';
import { listType, type RedisList } from '../value.js';
import { lmoveGeneric } from './move.js';
import { firstList, parseMpop, popRangeWithKey } from './pop.js';

/** The value types whose arrival serves a client blocked by a list command. */
const LIST_ONLY = [listType.name];

/** The non-empty list at a key a blocked client is served from, or undefined. */
function servingList(db: Database, key: Bytes): RedisList | undefined {
  const value = db.lookupWrite(key);
  return listType.is(value) && value.length > 0 ? value : undefined;
}

/** Pops one element as BLPOP / BRPOP reply: [key, element]. */
function popWithKey(client: Client, db: Database, key: Bytes, list: RedisList, end: End): Reply {
  const value = popOne(list, end);
  elementsRemoved(db, key, list, popEvent(end), listSettings(client.server), 1);
  return [key, value];
}

/**
 * blockingPopGenericCommand: BLPOP / BRPOP key [key ...] timeout pops from the first
 * non-empty list like LPOP / RPOP, replying [key, element]; with none, waits for one (a
 * null array on timeout).
 */
function blockingPopGeneric(end: End): CommandHandler {
  return (client, argv) => {
    const keys = argv.slice(1, -1);
    return popOrBlock(client, {
      keys,
      valueTypes: LIST_ONLY,
      deadline: parseBlockTimeout(client, argv[argv.length - 1] as Bytes),
      ready: () => firstList(client, keys),
      serving: servingList,
      pop: (db, key, list) => popWithKey(client, db, key, list, end),
      servedUncountedBefore72: true,
    });
  };
}

export const BLPOP = blockingPopGeneric('left');
export const BRPOP = blockingPopGeneric('right');

/**
 * BLMPOP timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]: LMPOP that waits.
 * Its own arguments are checked before the timeout, as Redis parses them.
 */
export const BLMPOP: CommandHandler = (client, argv) => {
  const { keys, where: end, count } = parseMpop(argv, 2);
  return popOrBlock(client, {
    keys,
    valueTypes: LIST_ONLY,
    deadline: parseBlockTimeout(client, argv[1] as Bytes),
    ready: () => firstList(client, keys),
    serving: servingList,
    pop: (db, key, list) => popRangeWithKey(client, db, key, list, end, count),
  });
};

/**
 * blmoveGenericCommand: an existing source moves at once (LMOVE); a missing one blocks,
 * or answers a null bulk where blocking is denied. A client served later whose
 * destination then holds another type gets WRONGTYPE; nothing moves.
 */
function blmoveGeneric(client: Client, source: Bytes, destination: Bytes, from: End, to: End, deadline: number): ReturnType<CommandHandler> {
  if (listType.write(client.db, source, client) !== undefined) return lmoveGeneric(client, source, destination, from, to);
  if (client.denyBlocking) return null;
  return blockForKeys(client, {
    keys: [source],
    valueTypes: LIST_ONLY,
    deadline,
    servedUncountedBefore72: true,
    serve(db, key) {
      const list = servingList(db, key);
      if (list === undefined) return KEY_DRAINED;
      const target = db.lookupWrite(destination);
      if (target !== undefined && !listType.is(target)) return ERR_WRONGTYPE;
      return moveElement(db, key, list, destination, target, from, to, listSettings(client.server));
    },
  });
}

/** BLMOVE source destination LEFT|RIGHT LEFT|RIGHT timeout. */
export const BLMOVE: CommandHandler = (client, argv) => {
  const from = parseEnd(argv[3] as Bytes);
  const to = parseEnd(argv[4] as Bytes);
  const deadline = parseBlockTimeout(client, argv[5] as Bytes);
  return blmoveGeneric(client, argv[1] as Bytes, argv[2] as Bytes, from, to, deadline);
};

/** BRPOPLPUSH source destination timeout: BLMOVE source destination RIGHT LEFT. */
export const BRPOPLPUSH: CommandHandler = (client, argv) => {
  const deadline = parseBlockTimeout(client, argv[3] as Bytes);
  return blmoveGeneric(client, argv[1] as Bytes, argv[2] as Bytes, 'right', 'left', deadline);
};
