import { type Bytes, type CommandHandler, errWrongArity, OK } from '@fakeredis/core';
import { notify } from '../value.js';

/** MSET key value [key value ...] */
export const MSET: CommandHandler = (client, argv) => {
  if (argv.length % 2 === 0) throw errWrongArity('mset');
  for (let j = 1; j < argv.length; j += 2) {
    // setKey looks the key up for writing, which touches it (LRU/LFU).
    client.db.lookupWrite(argv[j] as Bytes);
    client.db.set(argv[j] as Bytes, argv[j + 1] as Bytes);
    notify(client, '$', 'set', argv[j] as Bytes);
  }
  return OK;
};

/** MSETNX key value [key value ...]: all or nothing; 0 if any key exists. */
export const MSETNX: CommandHandler = (client, argv) => {
  if (argv.length % 2 === 0) throw errWrongArity('msetnx');
  for (let j = 1; j < argv.length; j += 2) {
    if (client.db.lookupWrite(argv[j] as Bytes) !== undefined) return 0;
  }
  for (let j = 1; j < argv.length; j += 2) {
    client.db.set(argv[j] as Bytes, argv[j + 1] as Bytes);
    notify(client, '$', 'set', argv[j] as Bytes);
  }
  return 1;
};
