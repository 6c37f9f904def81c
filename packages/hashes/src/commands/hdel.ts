import type { Bytes, CommandHandler } from '@fakeredis/core';
import { notifyGeneric, notifyHash, writeHash } from './context.js';

/** HDEL key field ...: how many fields were removed; the emptied hash goes too. */
const hdel: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const hash = writeHash(client, key);
  if (hash === undefined) return 0;
  let deleted = 0;
  let keyRemoved = false;
  for (let i = 2; i < argv.length; i++) {
    if (!hash.delete(argv[i] as Bytes)) continue;
    deleted++;
    if (hash.size === 0) {
      client.db.delete(key);
      keyRemoved = true;
      break;
    }
  }
  if (deleted > 0) {
    client.db.signalModifiedKey(key);
    notifyHash(client, 'hdel', key);
    if (keyRemoved) notifyGeneric(client, 'del', key);
  }
  return deleted;
};

export const hdelCommands: Record<string, CommandHandler> = { HDEL: hdel };
