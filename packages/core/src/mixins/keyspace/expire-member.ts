import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_INVALID_NUMBER_OF_ARGUMENTS, ERR_INVALID_UNIT, ERR_OBJECT_TYPE_UNSUPPORTED } from '../../errors/index.js';
import { parseInt64 } from '../../numbers.js';
import type { Reply } from '../../reply.js';

// KeyDB's member expiry (expire.cpp): a member of a set, a field of a hash or a member of a
// sorted set gets its own time, kept with the key (KeyEntry.memberExpires). Only the active
// expiry removes it (Database.expireMembersDue); reads in between still see it, as in KeyDB.

/**
 * expireMemberCore: the unit is checked first, then the key (0 when missing), its type (a
 * value that cannot hold members is refused) and the member (0 when absent). No keyspace
 * event; WATCH is signalled.
 */
function expireMember(client: Client, argv: Bytes[], base: bigint, when: bigint, unit: 's' | 'ms' | undefined): Reply {
  if (unit === undefined) return ERR_INVALID_UNIT;
  const at = (unit === 's' ? when * 1000n : when) + base;
  const db = client.db;
  const key = argv[1] as Bytes;
  const value = db.lookupWrite(key, client);
  if (value === undefined) return 0;
  if (typeof value === 'string' || value.hasMember === undefined) return ERR_OBJECT_TYPE_UNSUPPORTED;
  if (!value.hasMember(argv[2] as Bytes)) return 0;
  db.setMemberExpire(key, argv[2] as Bytes, Number(at));
  db.signalModifiedKey(key);
  return 1;
}

/** parseUnitString: "s" or "ms", any case. */
function parseUnit(arg: Bytes | undefined): 's' | 'ms' | undefined {
  const unit = arg === undefined ? 's' : arg.toLowerCase();
  return unit === 's' || unit === 'ms' ? unit : undefined;
}

/** EXPIREMEMBER key member time [s|ms]: relative, in seconds unless "ms". */
export const EXPIREMEMBER: CommandHandler = (client, argv) => {
  const when = parseInt64(argv[3] as Bytes);
  if (argv.length > 5) return ERR_INVALID_NUMBER_OF_ARGUMENTS;
  return expireMember(client, argv, BigInt(client.server.now()), when, parseUnit(argv[4]));
};

/** EXPIREMEMBERAT key member unix-time-seconds. */
export const EXPIREMEMBERAT: CommandHandler = (client, argv) => expireMember(client, argv, 0n, parseInt64(argv[3] as Bytes), 's');

/** PEXPIREMEMBERAT key member unix-time-milliseconds. */
export const PEXPIREMEMBERAT: CommandHandler = (client, argv) => expireMember(client, argv, 0n, parseInt64(argv[3] as Bytes), 'ms');
