import { type Bytes, type CommandHandler, parseInteger } from '@fakeredis/core';
import { listType } from '../value.js';
import { clampRange, resolveIndex } from './range.js';

/** LLEN key: the length, 0 for a missing key. */
export const LLEN: CommandHandler = (client, argv) => listType.read(client, argv[1] as Bytes)?.length ?? 0;

/** LINDEX key index: the element, or null. A missing key answers null before the index is parsed. */
export const LINDEX: CommandHandler = (client, argv) => {
  const list = listType.read(client, argv[1] as Bytes);
  if (list === undefined) return null;
  const i = resolveIndex(parseInteger(argv[2] as Bytes), list.length);
  return i < 0 ? null : list.at(i);
};

/** LRANGE key start stop: the elements in [start, stop], indexes parsed before the lookup. */
export const LRANGE: CommandHandler = (client, argv) => {
  const start = parseInteger(argv[2] as Bytes);
  const end = parseInteger(argv[3] as Bytes);
  const list = listType.read(client, argv[1] as Bytes);
  if (list === undefined) return [];
  const range = clampRange(start, end, list.length);
  return range === null ? [] : list.slice(range.start, range.end + 1);
};
