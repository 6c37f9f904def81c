import { type Bytes, type Client, type Database, ERR_SYNTAX, ERR_WRONGTYPE, isToken, type RedisValue, tryParseInt64 } from '@fakeredis/core';
import type { ListSettings } from './settings.js';
import { RedisList } from './value.js';

/** LEFT (head) or RIGHT (tail), as LMOVE, LMPOP and their blocking forms name the ends. */
export type End = 'left' | 'right';

/** checkType: the value as a list, or WRONGTYPE. */
export function asList(value: RedisValue): RedisList {
  if (typeof value === 'string' || value.type !== 'list') throw ERR_WRONGTYPE;
  return value as RedisList;
}

/** lookupKeyRead + checkType: the list at a key, undefined when absent. */
export function readList(client: Client, key: Bytes): RedisList | undefined {
  return client.db.lookupTyped<RedisList>(key, 'list', false, client);
}

/** lookupKeyWrite + checkType. */
export function writeList(db: Database, key: Bytes, client?: Client): RedisList | undefined {
  return db.lookupTyped<RedisList>(key, 'list', true, client);
}

/** getListPositionFromObjectOrReply: LEFT or RIGHT, else a syntax error. */
export function parseEnd(arg: Bytes): End {
  if (isToken(arg, 'LEFT')) return 'left';
  if (isToken(arg, 'RIGHT')) return 'right';
  throw ERR_SYNTAX;
}

/** A keyspace event of the list class ('l'). */
export function notifyList(db: Database, event: string, key: Bytes): void {
  db.server.notifyKeyspaceEvent('l', event, key, db.index);
}

/** Pushes one element at an end. */
export function pushAt(list: RedisList, end: End, value: Bytes): void {
  if (end === 'left') list.pushHead(value);
  else list.pushTail(value);
}

/** Pops up to `count` elements from an end, in the order they leave the list. */
export function popMany(list: RedisList, end: End, count: number): Bytes[] {
  return end === 'left' ? list.popHeadMany(count) : list.popTailMany(count);
}

/**
 * listElementsRemoved: after a pop, the lpop/rpop event, then the key's deletion (with
 * its `del` event) when the list is empty, or the 7.2 shrinking conversion; the key is
 * signalled modified.
 */
export function elementsRemoved(db: Database, key: Bytes, list: RedisList, end: End, settings: ListSettings): void {
  notifyList(db, end === 'left' ? 'lpop' : 'rpop', key);
  if (list.length === 0) {
    db.server.notifyKeyspaceEvent('g', 'del', key, db.index);
    db.delete(key);
  } else {
    list.shrinking(settings);
  }
  db.signalModifiedKey(key);
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
  let destination = list;
  if (destination === undefined) {
    destination = RedisList.create(settings);
    db.add(key, destination);
  }
  destination.growing(addBytes, 1, settings);
  pushAt(destination, end, value);
  db.signalModifiedKey(key);
  notifyList(db, end === 'left' ? 'lpush' : 'rpush', key);
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
  const value = (from === 'left' ? source.popHead() : source.popTail()) as Bytes;
  const addBytes = fromQuicklist && value.length <= 20 && tryParseInt64(value) !== undefined ? 0 : value.length;
  pushToDestination(db, destinationKey, destination, to, value, settings, addBytes);
  elementsRemoved(db, sourceKey, source, from, settings);
  return value;
}

