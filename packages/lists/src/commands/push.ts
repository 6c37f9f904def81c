import { type Bytes, type CommandHandler, ERR_SYNTAX, isToken } from '@fakeredis/core';
import { type End, pushAt, pushEvent } from '../ops.js';
import { listSettings } from '../settings.js';
import { listType, RedisList } from '../value.js';

/** The byte lengths of arguments [from, argv.length), for 7.2's conversion check. */
function argBytes(argv: Bytes[], from: number): number {
  let bytes = 0;
  for (let j = from; j < argv.length; j++) bytes += (argv[j] as Bytes).length;
  return bytes;
}

/**
 * pushGenericCommand: LPUSH / RPUSH / LPUSHX / RPUSHX key element [element ...], the new
 * length. The X forms push only onto an existing list (0 otherwise).
 */
function pushGeneric(end: End, onlyIfExists: boolean): CommandHandler {
  const event = pushEvent(end);
  return (client, argv) => {
    const db = client.db;
    const key = argv[1] as Bytes;
    const settings = listSettings(client.server);
    let list = listType.write(db, key, client);
    if (list === undefined) {
      if (onlyIfExists) return 0;
      list = listType.add(db, key, RedisList.create(settings));
    }
    list.growing(argBytes(argv, 2), argv.length - 2, settings);
    for (let j = 2; j < argv.length; j++) pushAt(list, end, argv[j] as Bytes);
    db.signalModifiedKey(key);
    listType.notify(db, event, key);
    // server.dirty++ per element pushed.
    client.server.addDirty(argv.length - 2);
    return list.length;
  };
}

export const LPUSH = pushGeneric('left', false);
export const RPUSH = pushGeneric('right', false);
export const LPUSHX = pushGeneric('left', true);
export const RPUSHX = pushGeneric('right', true);

/**
 * LINSERT key BEFORE|AFTER pivot element: the new length, -1 when the pivot is not in
 * the list, 0 when the key is absent. The pivot is sought from the head.
 */
export const LINSERT: CommandHandler = (client, argv) => {
  const where = argv[2] as Bytes;
  let after: boolean;
  if (isToken(where, 'AFTER')) after = true;
  else if (isToken(where, 'BEFORE')) after = false;
  else throw ERR_SYNTAX;
  const db = client.db;
  const key = argv[1] as Bytes;
  const list = listType.write(db, key, client);
  if (list === undefined) return 0;
  const pivot = argv[3] as Bytes;
  const element = argv[4] as Bytes;
  // 7.2 converts before looking for the pivot, as if the insert will happen.
  list.growing(element.length, 1, listSettings(client.server));
  const n = list.length;
  let index = -1;
  for (let i = 0; i < n; i++) {
    if (list.at(i) === pivot) {
      index = i;
      break;
    }
  }
  if (index < 0) return -1;
  list.insert(index, element, after);
  db.signalModifiedKey(key);
  listType.notify(db, 'linsert', key);
  return list.length;
};
