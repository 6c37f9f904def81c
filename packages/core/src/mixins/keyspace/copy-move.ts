import { isToken } from '../../bytes.js';
import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_COPY_DB_CLUSTER, ERR_MOVE_CLUSTER, ERR_SAME_OBJECT, ERR_SYNTAX } from '../../errors/index.js';
import type { RedisValue } from '../../values/object.js';
import { notifyGeneric } from '../../database.js';
import { databaseAt, parseInt32 } from './args.js';
import { addEntry } from './move-entry.js';

/** MOVE key db: 1 when moved; 0 when the key is absent or the target already has it. */
export const MOVE: CommandHandler = (client, argv) => {
  if (client.server.config.getBoolean('cluster-enabled')) return ERR_MOVE_CLUSTER;
  const key = argv[1] as Bytes;
  const source = client.db;
  const target = databaseAt(client.server, parseInt32(argv[2] as Bytes));
  if (target === source) throw ERR_SAME_OBJECT;
  if (source.lookupWrite(key) === undefined) return 0;
  if (target.lookupWrite(key) !== undefined) return 0;
  const entry = source.detach(key);
  if (entry === undefined) return 0;
  addEntry(target, key, entry.value, entry, true);
  source.signalModifiedKey(key);
  target.signalModifiedKey(key);
  // One change for the two databases (server.dirty++).
  client.server.addDirty(1);
  notifyGeneric(source, 'move_from', key);
  notifyGeneric(target, 'move_to', key);
  return 1;
};

/** COPY source destination [DB index] [REPLACE]: a deep copy, expiry included. */
export const COPY: CommandHandler = (client, argv) => {
  const source = client.db;
  let target = source;
  let replace = false;
  for (let i = 3; i < argv.length; i++) {
    const arg = argv[i] as Bytes;
    if (isToken(arg, 'REPLACE')) replace = true;
    else if (isToken(arg, 'DB') && i + 1 < argv.length) {
      target = databaseAt(client.server, parseInt32(argv[++i] as Bytes));
    } else throw ERR_SYNTAX;
  }
  if ((source.index !== 0 || target.index !== 0) && client.server.config.getBoolean('cluster-enabled')) return ERR_COPY_DB_CLUSTER;
  const key = argv[1] as Bytes;
  const newKey = argv[2] as Bytes;
  if (target === source && key === newKey) throw ERR_SAME_OBJECT;
  const value = source.lookupRead(key, client);
  if (value === undefined) return 0;
  const entry = source.peek(key);
  if (entry === undefined) return 0;
  const exists = target.lookupWrite(newKey) !== undefined;
  if (exists && !replace) return 0;
  // Copied before the destination goes: a type that refuses to copy (a module's without a
  // copy callback) throws and leaves it in place, as copyCommand dups before dbDelete.
  const copy = duplicate(value);
  if (exists) target.detach(newKey, 'server-del'); // replaced without a "del" event, as Redis does
  addEntry(target, newKey, copy, entry, false);
  target.signalModifiedKey(newKey);
  notifyGeneric(target, 'copy_to', newKey);
  return 1;
};

/** Plain strings are immutable values; every other type copies itself. */
function duplicate(value: RedisValue): RedisValue {
  return typeof value === 'string' ? value : value.clone();
}
