import { type Bytes, type CommandHandler, errWrongArity, OK } from '@fakeredis/core';
import { setField, tryConversion } from '../value/encoding.js';
import { createHash, notifyHash, writeOrCreateHash } from './context.js';
import { LAZY_EXPIRE, readField } from './field-access.js';

/** HSET key field value [field value ...] and HMSET: same work, different replies. */
function hsetGeneric(reply: 'created' | 'ok'): CommandHandler {
  return (client, argv) => {
    if (argv.length % 2 === 1) throw errWrongArity((argv[0] as Bytes).toLowerCase());
    const key = argv[1] as Bytes;
    const hash = writeOrCreateHash(client, key);
    const server = client.server;
    tryConversion(server, hash, argv, 2, argv.length - 1);
    let created = 0;
    for (let i = 2; i < argv.length; i += 2) {
      if (setField(server, hash, argv[i] as Bytes, argv[i + 1] as Bytes)) created++;
    }
    client.db.signalModifiedKey(key);
    notifyHash(client, 'hset', key);
    return reply === 'created' ? created : OK;
  };
}

/** HSETNX key field value: 1 when the field was created, 0 when it exists (and is live). */
const hsetnx: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const field = argv[2] as Bytes;
  let hash = writeOrCreateHash(client, key);
  const found = readField(client, key, hash, field, LAZY_EXPIRE);
  if (typeof found !== 'string') return 0;
  // The field expired and took the hash with it: start a new one.
  if (found === 'expired-hash') hash = createHash(client, key);
  const server = client.server;
  tryConversion(server, hash, argv, 2, 3);
  setField(server, hash, field, argv[3] as Bytes);
  client.db.signalModifiedKey(key);
  notifyHash(client, 'hset', key);
  return 1;
};

export const hsetCommands: Record<string, CommandHandler> = {
  HSET: hsetGeneric('created'),
  HMSET: hsetGeneric('ok'),
  HSETNX: hsetnx,
};
