import { type Bytes, type Client, type CommandHandler, errWrongArity, OK, type Reply } from '@fakeredis/core';
import { stringType } from '../value.js';

/**
 * Redis's msetGenericCommand: MSET sets every pair; MSETNX (`nx`) sets them only when
 * none of the keys exists, else answers 0 and sets nothing.
 */
function msetGeneric(client: Client, argv: readonly Bytes[], nx: boolean): Reply {
  if (argv.length % 2 === 0) throw errWrongArity(nx ? 'msetnx' : 'mset');
  const db = client.db;
  if (nx) {
    for (let j = 1; j < argv.length; j += 2) if (db.lookupWrite(argv[j] as Bytes) !== undefined) return 0;
  }
  for (let j = 1; j < argv.length; j += 2) {
    const key = argv[j] as Bytes;
    // setKey looks the key up for writing, which touches it (LRU/LFU); MSETNX's check did.
    if (!nx) db.lookupWrite(key);
    db.set(key, argv[j + 1] as Bytes);
    stringType.notify(db, 'set', key);
  }
  return nx ? 1 : OK;
}

/** MSET key value [key value ...] */
export const MSET: CommandHandler = (client, argv) => msetGeneric(client, argv, false);

/** MSETNX key value [key value ...]: all or nothing; 0 if any key exists. */
export const MSETNX: CommandHandler = (client, argv) => msetGeneric(client, argv, true);
