import { type Bytes, type CommandHandler, MapReply, type Reply } from '@fakeredis/core';
import { hashType } from '../value/hash-value.js';
import { isExpired } from './field-access.js';

/** HGETALL (a map), HKEYS, HVALS: the live fields; expired ones are skipped, not deleted. */
function hgetallGeneric(what: 'all' | 'keys' | 'values'): CommandHandler {
  return (client, argv) => {
    const hash = hashType.read(client, argv[1] as Bytes);
    const now = client.server.now();
    if (what === 'all') {
      const entries: Array<[Reply, Reply]> = [];
      if (hash !== undefined) {
        for (const [field, entry] of hash.entries()) if (!isExpired(entry, now)) entries.push([field, entry.value]);
      }
      return new MapReply(entries);
    }
    const out: Bytes[] = [];
    if (hash !== undefined) {
      for (const [field, entry] of hash.entries()) {
        if (!isExpired(entry, now)) out.push(what === 'keys' ? field : entry.value);
      }
    }
    return out;
  };
}

/** HGETALL key: the live fields and their values, as a map. */
export const HGETALL = hgetallGeneric('all');

/** HKEYS key: the live fields. */
export const HKEYS = hgetallGeneric('keys');

/** HVALS key: the values of the live fields. */
export const HVALS = hgetallGeneric('values');
