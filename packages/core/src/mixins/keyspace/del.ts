import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import type { Client } from '../../client.js';
import { type FreeMode, LOOKUP_NOTOUCH, notifyGeneric } from '../../database.js';
import { bool, status } from '../../reply.js';
import { typeOf } from '../../values/object.js';

/**
 * DEL and UNLINK (delGenericCommand): UNLINK frees in the background, DEL as
 * lazyfree-lazy-user-del says; a large value freed so counts in lazyfreed_objects.
 */
function delGeneric(client: Client, argv: Bytes[], lazy: FreeMode): number {
  const db = client.db;
  let deleted = 0;
  for (let i = 1; i < argv.length; i++) {
    const key = argv[i] as Bytes;
    if (!db.delete(key, lazy)) continue; // an expired key is collected first and counts as absent
    notifyGeneric(db, 'del', key);
    deleted++;
  }
  return deleted;
}

export const DEL: CommandHandler = (client, argv) => delGeneric(client, argv, 'user-del');
export const UNLINK: CommandHandler = (client, argv) => delGeneric(client, argv, true);

/** EXISTS: counts every argument that names a live key, repeats included; no access recorded. */
export const EXISTS: CommandHandler = (client, argv) => {
  let count = 0;
  for (let i = 1; i < argv.length; i++) {
    if (client.db.lookupReadEntry(argv[i] as Bytes, LOOKUP_NOTOUCH, client) !== undefined) count++;
  }
  return count;
};

/** KEYDB.MEXISTS (KeyDB): a boolean per key, each looked up as a read (mexistsCommand). */
export const KEYDB_MEXISTS: CommandHandler = (client, argv) =>
  argv.slice(1).map((key) => bool(client.db.lookupReadEntry(key, undefined, client) !== undefined));

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
