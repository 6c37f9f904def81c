import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { LOOKUP_NOTOUCH } from '../../database.js';
import { int64Reply } from '../../numbers.js';
import type { Reply } from '../../reply.js';
import { ERR_INVALID_ARGUMENTS } from '../../errors/index.js';

/**
 * TTL, PTTL, EXPIRETIME and PEXPIRETIME (ttlGenericCommand): -2 for no key, -1 for no
 * expiry; seconds are rounded to the nearest. A counted read that records no access.
 * KeyDB's TTL and PTTL take a member too (its EXPIREMEMBER time; arity -2 there only).
 */
function ttlGeneric(client: Client, argv: Bytes[], milliseconds: boolean, absolute: boolean): Reply {
  const entry = client.db.lookupReadEntry(argv[1] as Bytes, LOOKUP_NOTOUCH, client);
  if (entry === undefined) return -2;
  if (argv.length > 3) return ERR_INVALID_ARGUMENTS;
  const member = argv.length === 3 ? entry.memberExpires?.get(argv[2] as Bytes) : undefined;
  if (argv.length === 3 ? member === undefined : entry.expiresAt === 0) return -1;
  const expire = member !== undefined ? BigInt(member) : entry.expireTime;
  let ttl = absolute ? expire : expire - BigInt(client.server.now());
  if (ttl < 0n) ttl = 0n;
  return int64Reply(milliseconds ? ttl : (ttl + 500n) / 1000n);
}

export const TTL: CommandHandler = (client, argv) => ttlGeneric(client, argv, false, false);
export const PTTL: CommandHandler = (client, argv) => ttlGeneric(client, argv, true, false);
export const EXPIRETIME: CommandHandler = (client, argv) => ttlGeneric(client, argv, false, true);
export const PEXPIRETIME: CommandHandler = (client, argv) => ttlGeneric(client, argv, true, true);
