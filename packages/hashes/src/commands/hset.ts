import { type Bytes, type CommandHandler, errWrongArity, OK } from '@fakeredis/core';
import { setField, tryConversion } from '../value/encoding.js';
import { HashValue, hashType } from '../value/hash-value.js';
import { currentValue } from './field-access.js';

/** HSET key field value [field value ...] and HMSET: same work, different replies. */
function hsetGeneric(reply: 'created' | 'ok'): CommandHandler {
  return (client, argv) => {
    if (argv.length % 2 === 1) throw errWrongArity((argv[0] as Bytes).toLowerCase());
    const key = argv[1] as Bytes;
    const hash = hashType.writeOrCreate(client.db, key, () => new HashValue());
    const server = client.server;
    tryConversion(server, hash, argv, 2, argv.length - 1);
    let created = 0;
    for (let i = 2; i < argv.length; i += 2) {
      if (setField(server, hash, argv[i] as Bytes, argv[i + 1] as Bytes)) created++;
    }
    client.db.signalModifiedKey(key);
    hashType.notify(client.db, 'hset', key);
    // server.dirty += (argc - 2) / 2: every field given counts, new or not.
    server.addDirty((argv.length - 2) / 2);
    return reply === 'created' ? created : OK;
  };
}

/** HSET key field value [field value ...]: how many fields were created. */
export const HSET = hsetGeneric('created');

/** HMSET key field value [field value ...]: OK. */
export const HMSET = hsetGeneric('ok');

/** HSETNX key field value: 1 when the field was created, 0 when it exists (and is live). */
export const HSETNX: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const field = argv[2] as Bytes;
  const db = client.db;
  const { hash, value } = currentValue(client, key, field);
  if (value !== undefined) return 0;
  const server = client.server;
  tryConversion(server, hash, argv, 2, 3);
  setField(server, hash, field, argv[3] as Bytes);
  db.signalModifiedKey(key);
  hashType.notify(db, 'hset', key);
  // One change, a created hash included (server.dirty++).
  server.addDirty(1);
  return 1;
};
