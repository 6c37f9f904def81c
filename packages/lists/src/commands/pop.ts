import {
  type Bytes,
  type Client,
  type CommandHandler,
  type Database,
  ERR_OUT_OF_RANGE_POSITIVE,
  errWrongArity,
  NULL_ARRAY,
  type Reply,
  tryParseInt64,
  type MultiPopArgs,
  parseMultiPopArgs,
} from '@fakeredis/core';
import { type End, elementsRemoved, parseEnd, popEvent, popMany, popOne } from '../ops.js';
import { listSettings } from '../settings.js';
import { listType, type RedisList } from '../value.js';

/**
 * popGenericCommand: LPOP / RPOP key [count], one element (null for a missing key) or,
 * with a count, an array of up to count elements (a null array for a missing key, empty
 * for count 0). The count is parsed before the lookup; an emptied list is deleted.
 */
function popGeneric(end: End): CommandHandler {
  return (client, argv) => {
    if (argv.length > 3) throw errWrongArity(end === 'left' ? 'lpop' : 'rpop');
    const hasCount = argv.length === 3;
    let count = 0;
    if (hasCount) {
      const value = tryParseInt64(argv[2] as Bytes);
      if (value === undefined || value < 0n) throw ERR_OUT_OF_RANGE_POSITIVE;
      count = Number(value);
    }
    const db = client.db;
    const key = argv[1] as Bytes;
    const list = listType.write(db, key, client);
    if (list === undefined) return hasCount ? NULL_ARRAY : null;
    if (hasCount && count === 0) return [];
    const popped = hasCount ? popMany(list, end, count) : popOne(list, end);
    elementsRemoved(db, key, list, popEvent(end), listSettings(client.server), typeof popped === 'string' ? 1 : popped.length);
    return popped;
  };
}

export const LPOP = popGeneric('left');
export const RPOP = popGeneric('right');

/** LMPOP / BLMPOP's `numkeys key [key ...] LEFT|RIGHT [COUNT count]` from `numkeysIndex`. */
export function parseMpop(argv: Bytes[], numkeysIndex: number): MultiPopArgs<End> {
  return parseMultiPopArgs(argv, numkeysIndex, parseEnd);
}

/**
 * listPopRangeAndReplyWithKey: pops up to `count` elements from one end of a list and
 * replies [key, [elements]], with the pop event and the key's deletion when emptied.
 */
export function popRangeWithKey(client: Client, db: Database, key: Bytes, list: RedisList, end: End, count: number): Reply {
  const values = popMany(list, end, count);
  elementsRemoved(db, key, list, popEvent(end), listSettings(client.server), values.length);
  return [key, values];
}

/**
 * The first key holding a list, in argument order; WRONGTYPE stops the search at a key
 * of another type, even when a later key would serve.
 */
export function firstList(client: Client, keys: readonly Bytes[]): { key: Bytes; value: RedisList } | undefined {
  for (const key of keys) {
    const value = listType.write(client.db, key, client);
    if (value !== undefined && value.length > 0) return { key, value };
  }
  return undefined;
}

/** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: [key, elements] or a null array. */
export const LMPOP: CommandHandler = (client, argv) => {
  const { keys, where: end, count } = parseMpop(argv, 1);
  const found = firstList(client, keys);
  if (found === undefined) return NULL_ARRAY;
  return popRangeWithKey(client, client.db, found.key, found.value, end, count);
};
