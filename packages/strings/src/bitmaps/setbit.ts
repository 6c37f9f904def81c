import { type Bytes, type CommandHandler, tryParseInt64 } from '@fakeredis/core';
import { ERR_BIT_VALUE } from '../errors.js';
import { stringSource, stringType } from '../value.js';
import { byteOrZero, lookupStringForBitCommand, parseBitOffset } from './bit-args.js';

/** SETBIT key offset value: the bit's previous value. */
export const SETBIT: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const offset = parseBitOffset(client, argv[2] as Bytes);
  const on = tryParseInt64(argv[3] as Bytes);
  if (on === undefined || (on !== 0n && on !== 1n)) throw ERR_BIT_VALUE;
  const { raw, dirty } = lookupStringForBitCommand(client.db, key, offset);
  const buf = raw.view();
  const byte = Math.floor(offset / 8);
  const bit = 7 - (offset % 8);
  const old = ((buf[byte] as number) >> bit) & 1;
  const value = Number(on);
  // Only a new key, a longer string or a flipped bit counts as a change.
  if (dirty || old !== value) {
    buf[byte] = ((buf[byte] as number) & ~(1 << bit)) | (value << bit);
    client.db.signalModifiedKey(key);
    stringType.notify(client.db, 'setbit', key);
    // One change, a created key too (server.dirty++).
    client.server.addDirty(1);
  }
  return old;
};

/** GETBIT key offset */
export const GETBIT: CommandHandler = (client, argv) => {
  const offset = parseBitOffset(client, argv[2] as Bytes);
  const value = stringType.read(client, argv[1] as Bytes);
  if (value === undefined) return 0;
  return (byteOrZero(stringSource(value), Math.floor(offset / 8)) >> (7 - (offset % 8))) & 1;
};
