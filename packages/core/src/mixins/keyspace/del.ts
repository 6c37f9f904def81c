import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { LOOKUP_NOTOUCH, notifyGeneric } from '../../database.js';
import { status } from '../../reply.js';
import { typeOf } from '../../values/object.js';

/** DEL and UNLINK (delGenericCommand): both delete at once here (UNLINK's lazy freeing is invisible). */
const delGeneric: CommandHandler = (client, argv) => {
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

export const DEL: CommandHandler = delGeneric;
export const UNLINK: CommandHandler = delGeneric;

/** EXISTS: counts every argument that names a live key, repeats included; no access recorded. */
export const EXISTS: CommandHandler = (client, argv) => {
  let count = 0;
  for (let i = 1; i < argv.length; i++) {
    if (client.db.lookupReadEntry(argv[i] as Bytes, LOOKUP_NOTOUCH, client) !== undefined) count++;
  }
  return count;
};

/** TOUCH: records an access, even for a CLIENT NO-TOUCH client (Redis exempts TOUCH). */
export const TOUCH: CommandHandler = (client, argv) => {
  let count = 0;
  for (let i = 1; i < argv.length; i++) if (client.db.lookupRead(argv[i] as Bytes) !== undefined) count++;
  return count;
};

/** TYPE: the value's type, "none" for no key; no access recorded. */
export const TYPE: CommandHandler = (client, argv) => {
  const entry = client.db.lookupReadEntry(argv[1] as Bytes, LOOKUP_NOTOUCH, client);
  return status(entry === undefined ? 'none' : typeOf(entry.value));
};
