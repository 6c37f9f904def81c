import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_NO_SUCH_KEY } from '../../errors/index.js';
import { OK, type Reply } from '../../reply.js';
import { notifyGeneric } from '../../database.js';
import { addEntry } from './move-entry.js';

/** RENAME and RENAMENX (renameGenericCommand). */
function renameGeneric(client: Client, argv: Bytes[], nx: boolean): Reply {
  const db = client.db;
  const source = argv[1] as Bytes;
  const target = argv[2] as Bytes;
  if (db.lookupWrite(source) === undefined) throw ERR_NO_SUCH_KEY;
  // Renaming a key to itself changes nothing, but still needs the key to exist.
  if (source === target) return nx ? 0 : OK;
  if (db.lookupWrite(target) !== undefined) {
    if (nx) return 0;
    db.detach(target, 'server-del'); // overwritten without a "del" event, as Redis does
  }
  const entry = db.detach(source);
  if (entry === undefined) throw ERR_NO_SUCH_KEY; // unreachable: looked up above
  addEntry(db, target, entry.value, entry, true);
  db.signalModifiedKey(source);
  db.signalModifiedKey(target);
  // One change for the two keys (server.dirty++).
  client.server.addDirty(1);
  notifyGeneric(db, 'rename_from', source);
  notifyGeneric(db, 'rename_to', target);
  return nx ? 1 : OK;
}

export const RENAME: CommandHandler = (client, argv) => renameGeneric(client, argv, false);
export const RENAMENX: CommandHandler = (client, argv) => renameGeneric(client, argv, true);
