import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { LOOKUP_NOTOUCH } from '../../database.js';
import { status } from '../../reply.js';
import { typeOf } from '../../values/object.js';
import { notifyGeneric } from './args.js';

/** DEL / UNLINK: both delete at once here (UNLINK's lazy freeing is invisible). */
const del: CommandHandler = (client, argv) => {
  const db = client.db;
  let deleted = 0;
  for (let i = 1; i < argv.length; i++) {
    const key = argv[i] as Bytes;
    if (!db.delete(key)) continue; // an expired key is collected first and counts as absent
    notifyGeneric(db, 'del', key);
    deleted++;
  }
  return deleted;
};

/** EXISTS: counts every argument that names a live key, repeats included; no access recorded. */
const exists: CommandHandler = (client, argv) => {
  let count = 0;
  for (let i = 1; i < argv.length; i++) {
    if (client.db.lookupReadEntry(argv[i] as Bytes, LOOKUP_NOTOUCH, client) !== undefined) count++;
  }
  return count;
};

/** TOUCH: records an access, even for a CLIENT NO-TOUCH client (Redis exempts TOUCH). */
const touch: CommandHandler = (client, argv) => {
  let count = 0;
  for (let i = 1; i < argv.length; i++) if (client.db.lookupRead(argv[i] as Bytes) !== undefined) count++;
  return count;
};

const type: CommandHandler = (client, argv) => {
  const entry = client.db.lookupReadEntry(argv[1] as Bytes, LOOKUP_NOTOUCH, client);
  return status(entry === undefined ? 'none' : typeOf(entry.value));
};

export const delCommands = { DEL: del, UNLINK: del, EXISTS: exists, TOUCH: touch, TYPE: type };
