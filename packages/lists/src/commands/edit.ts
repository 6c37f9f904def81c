import {
  type Bytes,
  type CommandHandler,
  ERR_NO_SUCH_KEY,
  ERR_NOT_INTEGER,
  errValueMustBetween,
  INT64_MAX,
  INT64_MIN,
  OK,
  parseInteger,
  tryParseInt64,
} from '@fakeredis/core';
import { ERR_INDEX_OUT_OF_RANGE } from '../errors.js';
import { elementsRemoved } from '../ops.js';
import { listSettings } from '../settings.js';
import { listType } from '../value.js';
import { clampRange, resolveIndex } from './range.js';

/** LSET key index element: OK, "no such key" before the index is even parsed. */
export const LSET: CommandHandler = (client, argv) => {
  const db = client.db;
  const key = argv[1] as Bytes;
  const list = listType.write(db, key, client);
  if (list === undefined) throw ERR_NO_SUCH_KEY;
  const index = parseInteger(argv[2] as Bytes);
  const element = argv[3] as Bytes;
  const settings = listSettings(client.server);
  list.growing(element.length, 1, settings);
  const i = resolveIndex(index, list.length);
  if (i < 0) throw ERR_INDEX_OUT_OF_RANGE;
  list.set(i, element);
  list.shrinking(settings);
  db.signalModifiedKey(key);
  listType.notify(db, 'lset', key);
  return OK;
};

/**
 * LREM key count element: removes the first `count` matches from the head (count > 0),
 * from the tail (count < 0) or all of them (0); the number removed. An emptied list is
 * deleted.
 */
export const LREM: CommandHandler = (client, argv) => {
  const parsed = tryParseInt64(argv[2] as Bytes);
  if (parsed === undefined) throw ERR_NOT_INTEGER;
  // Redis before 8.0 negates -2^63 into itself: no count is ever reached, so every match
  // goes (from the tail).
  if (parsed === INT64_MIN && client.server.versionAtLeast('8.0.0')) throw errValueMustBetween(-INT64_MAX, INT64_MAX);
  const db = client.db;
  const key = argv[1] as Bytes;
  const list = listType.write(db, key, client);
  if (list === undefined) return 0;
  const element = argv[3] as Bytes;
  const limit = parsed === INT64_MIN ? 0 : Math.abs(Number(parsed));
  const length = list.length;
  const positions: number[] = [];
  if (parsed < 0n) {
    for (let i = length - 1; i >= 0 && (limit === 0 || positions.length < limit); i--) {
      if (list.at(i) === element) positions.push(i);
    }
    positions.reverse();
  } else {
    for (let i = 0; i < length && (limit === 0 || positions.length < limit); i++) {
      if (list.at(i) === element) positions.push(i);
    }
  }
  if (positions.length === 0) return 0;
  list.removePositions(positions);
  elementsRemoved(db, key, list, 'lrem', listSettings(client.server), positions.length);
  return positions.length;
};

/** LTRIM key start stop: keeps [start, stop]; OK even for a missing key. */
export const LTRIM: CommandHandler = (client, argv) => {
  const start = parseInteger(argv[2] as Bytes);
  const end = parseInteger(argv[3] as Bytes);
  const db = client.db;
  const key = argv[1] as Bytes;
  const list = listType.write(db, key, client);
  if (list === undefined) return OK;
  const length = list.length;
  const range = clampRange(start, end, length);
  if (range === null) list.trim(length, 0);
  else list.trim(range.start, length - range.end - 1);
  // Redis 7.0 sends the event and signals the key even when nothing was trimmed.
  elementsRemoved(db, key, list, 'ltrim', listSettings(client.server), length - list.length);
  return OK;
};
