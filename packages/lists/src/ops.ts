import { type Bytes, type Database, ERR_SYNTAX, isToken, tryParseInt64 } from '@fakeredis/core';
import type { ListSettings } from './settings.js';
import { listType, RedisList } from './value.js';

/*
 * What list commands do to a list beyond a lookup (that is listType's): pushes and pops
 * at an end, the bookkeeping after elements went, and LMOVE's move between two lists.
 */

/** LEFT (head) or RIGHT (tail), as LMOVE, LMPOP and their blocking forms name the ends. */
export type End = 'left' | 'right';

/** getListPositionFromObjectOrReply: LEFT or RIGHT, else a syntax error. */
export function parseEnd(arg: Bytes): End {
  if (isToken(arg, 'LEFT')) return 'left';
  if (isToken(arg, 'RIGHT')) return 'right';
  throw ERR_SYNTAX;
}

/** The keyspace event of a push at an end. */
export function pushEvent(end: End): string {
  return end === 'left' ? 'lpush' : 'rpush';
}

/** The keyspace event of a pop from an end. */
export function popEvent(end: End): string {
  return end === 'left' ? 'lpop' : 'rpop';
}

/** Pushes one element at an end. */
export function pushAt(list: RedisList, end: End, value: Bytes): void {
  if (end === 'left') list.pushHead(value);
  else list.pushTail(value);
}

/** Pops one element from an end of a non-empty list. */
export function popOne(list: RedisList, end: End): Bytes {
  return (end === 'left' ? list.popHead() : list.popTail()) as Bytes;
}

/** Pops up to `count` elements from an end, in the order they leave the list. */
export function popMany(list: RedisList, end: End, count: number): Bytes[] {
  return end === 'left' ? list.popHeadMany(count) : list.popTailMany(count);
}

/**
 * listElementsRemoved, and the end of LREM and LTRIM: the command's event (lpop, rpop,
 * lrem, ltrim), then the key's deletion (with its `del` event) when the list is empty,
 * or the 7.2 shrinking conversion; the key is signalled modified, `removed` changes counted
 * (server.dirty += count: LTRIM's nothing trimmed is none).
 */
export function elementsRemoved(db: Database, key: Bytes, list: RedisList, event: string, settings: ListSettings, removed: number): void {
  listType.notify(db, event, key);
  if (!listType.deleteIfEmpty(db, key, list)) list.shrinking(settings);
  db.signalModifiedKey(key);
  db.server.addDirty(removed);
}

/**
 * lmoveHandlePush: pushes `value` onto the destination, creating it if absent (which
 * signals it ready for blocked clients), with the lpush/rpush event.
 */
export function pushToDestination(
  db: Database,
  key: Bytes,
  list: RedisList | undefined,
  end: End,
  value: Bytes,
  settings: ListSettings,
  addBytes = value.length,
): void {
  const destination = list ?? listType.add(db, key, RedisList.create(settings));
  destination.growing(addBytes, 1, settings);
  pushAt(destination, end, value);
  db.signalModifiedKey(key);
  listType.notify(db, pushEvent(end), key);
}

/**
 * LMOVE's work once both keys are checked (lmoveGenericCommand): pop from the source,
 * push to the destination (events there first), then the source's pop event and its
 * deletion when emptied. The same key as source and destination rotates the list and
 * is never deleted.
 */
export function moveElement(
  db: Database,
  sourceKey: Bytes,
  source: RedisList,
  destinationKey: Bytes,
  destination: RedisList | undefined,
  from: End,
  to: End,
  settings: ListSettings,
): Bytes {
  // 7.2 sizes the pushed value for the conversion check only when it is a string object:
  // an integer popped from a quicklist comes back int-encoded and counts 0 bytes.
  const fromQuicklist = source.currentEncoding === 'quicklist';
  const value = popOne(source, from);
  const addBytes = fromQuicklist && value.length <= 20 && tryParseInt64(value) !== undefined ? 0 : value.length;
  pushToDestination(db, destinationKey, destination, to, value, settings, addBytes);
  // One change for the move (the push counts none, as lmoveHandlePush).
  elementsRemoved(db, sourceKey, source, popEvent(from), settings, 1);
  return value;
}
