import { type Bytes, type CommandHandler, MapReply, type Reply } from '@fakeredis/core';
import { readHash } from './context.js';
import { isExpired } from './field-access.js';

/** HGETALL (a map), HKEYS, HVALS: the live fields; expired ones are skipped, not deleted. */
function hgetallGeneric(what: 'all' | 'keys' | 'values'): CommandHandler {
  return (client, argv) => {
    const hash = readHash(client, argv[1] as Bytes);
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

export const hgetallCommands: Record<string, CommandHandler> = {
  HGETALL: hgetallGeneric('all'),
  HKEYS: hgetallGeneric('keys'),
  HVALS: hgetallGeneric('values'),
};
