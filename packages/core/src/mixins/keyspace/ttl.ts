import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../commands/mixin.js';
import { int64Reply } from '../../numbers.js';
import type { Reply } from '../../reply.js';
import { exactExpiry } from './precise-expiry.js';

/**
 * TTL, PTTL, EXPIRETIME and PEXPIRETIME (ttlGenericCommand): -2 for no key, -1 for no
 * expiry; seconds are rounded to the nearest. No access is recorded.
 */
function ttlGeneric(client: Client, argv: Bytes[], milliseconds: boolean, absolute: boolean): Reply {
  const entry = client.db.entry(argv[1] as Bytes);
  if (entry === undefined) return -2;
  if (entry.expiresAt === 0) return -1;
  const expire = exactExpiry(entry);
  let ttl = absolute ? expire : expire - BigInt(client.server.now());
  if (ttl < 0n) ttl = 0n;
  return int64Reply(milliseconds ? ttl : (ttl + 500n) / 1000n);
}

export const ttlCommands: Record<string, CommandHandler> = {
  TTL: (client, argv) => ttlGeneric(client, argv, false, false),
  PTTL: (client, argv) => ttlGeneric(client, argv, true, false),
  EXPIRETIME: (client, argv) => ttlGeneric(client, argv, false, true),
  PEXPIRETIME: (client, argv) => ttlGeneric(client, argv, true, true),
};
