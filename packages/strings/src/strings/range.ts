import {
  type Bytes,
  type Client,
  type CommandHandler,
  MutableString,
  parseInt64,
  parseInteger,
} from '@fakeredis/core';
import { ERR_OFFSET_OUT_OF_RANGE, ERR_STRING_TOO_LONG } from '../errors.js';
import { stringSlice, stringType, unshareString } from '../value.js';

const EMPTY = '' as Bytes;

/** Redis's checkStringLength: a string may not grow past proto-max-bulk-len. */
export function checkStringLength(client: Client, size: number): void {
  if (size > client.server.config.getNumber('proto-max-bulk-len')) throw ERR_STRING_TOO_LONG;
}

/** APPEND key value: the new length. */
export const APPEND: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const suffix = argv[2] as Bytes;
  const db = client.db;
  const current = stringType.write(db, key);
  let length: number;
  if (current === undefined) {
    db.add(key, suffix);
    length = suffix.length;
  } else {
    checkStringLength(client, current.length + suffix.length);
    const raw = unshareString(db, key, current);
    raw.append(suffix);
    length = raw.length;
    db.signalModifiedKey(key);
  }
  stringType.notify(db, 'append', key);
  return length;
};

/** STRLEN key */
export const STRLEN: CommandHandler = (client, argv) => stringType.read(client, argv[1] as Bytes)?.length ?? 0;

/** GETRANGE key start end (and SUBSTR): inclusive, negative indexes from the end. */
export const GETRANGE: CommandHandler = (client, argv) => {
  let start = parseInteger(argv[2] as Bytes);
  let end = parseInteger(argv[3] as Bytes);
  const value = stringType.read(client, argv[1] as Bytes);
  if (value === undefined) return EMPTY;
  const length = value.length;
  if (start < 0 && end < 0 && start > end) return EMPTY;
  if (start < 0) start = length + start;
  if (end < 0) end = length + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= length) end = length - 1;
  if (start > end || length === 0) return EMPTY;
  return stringSlice(value, start, end + 1);
};

/** SETRANGE key offset value: overwrites from offset, zero-padding; the new length. */
export const SETRANGE: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const offset = parseInt64(argv[2] as Bytes);
  const value = argv[3] as Bytes;
  if (offset < 0n) throw ERR_OFFSET_OUT_OF_RANGE;
  const db = client.db;
  const current = stringType.write(db, key);
  if (current === undefined) {
    if (value.length === 0) return 0;
    checkStringLength(client, Number(offset) + value.length);
    const created = new MutableString(EMPTY, Number(offset) + value.length);
    writeAt(created, Number(offset), value);
    db.add(key, created);
    stringType.notify(db, 'setrange', key);
    return created.length;
  }
  if (value.length === 0) return current.length;
  checkStringLength(client, Number(offset) + value.length);
  const raw = unshareString(db, key, current);
  writeAt(raw, Number(offset), value);
  db.signalModifiedKey(key);
  stringType.notify(db, 'setrange', key);
  return raw.length;
};

function writeAt(target: MutableString, offset: number, value: Bytes): void {
  target.ensureLength(offset + value.length);
  target.view().write(value, offset, 'latin1');
}
