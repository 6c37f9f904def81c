import type { Bytes } from '../../../bytes.js';
import type { Client } from '../../../client.js';
import type { CommandHandler } from '../../../dispatch/mixin.js';
import {
  ERR_CLIENT_ID_POSITIVE,
  ERR_MAXAGE_NOT_INTEGER,
  ERR_MAXAGE_POSITIVE,
  ERR_NO_SUCH_CLIENT,
  ERR_SYNTAX,
  errNoSuchUser,
  errUnknownClientType,
} from '../../../errors/index.js';
import { tryParseInt64 } from '../../../numbers.js';
import { hasArgumentToken } from '../../../profile.js';
import { OK } from '../../../reply.js';
import { userExists } from '../auth.js';
import type { FakeServer } from '../../../server.js';
import { type ClientType, clientType, clientTypeByName, localAddress, peerAddress } from './describe.js';
import { hasValkeyClientFilters, matchesValkeyFilter, parseValkeyClientFilter } from './filter-valkey.js';

interface KillFilter {
  addr?: Bytes;
  laddr?: Bytes;
  type?: ClientType;
  id?: bigint;
  user?: Bytes;
  /** MAXAGE: only clients connected at least this many seconds. */
  maxAge?: bigint;
  skipMe: boolean;
}

/**
 * A client type by name, with Valkey's `primary` for master where the profile has it
 * (its CLIENT KILL metadata lists the token; getClientTypeByName serves LIST and KILL alike).
 */
export function clientTypeOf(server: FakeServer, name: Bytes): ClientType | undefined {
  if (name.toLowerCase() === 'primary' && hasArgumentToken(server.profile, 'CLIENT KILL', 'primary')) return 'master';
  return clientTypeByName(name);
}

/** Parses the option form: option/value pairs, each checked as it is read. */
function parseFilter(server: FakeServer, argv: readonly Bytes[]): KillFilter {
  const filter: KillFilter = { skipMe: true };
  for (let i = 2; i < argv.length; i += 2) {
    const option = (argv[i] as Bytes).toLowerCase();
    const value = argv[i + 1];
    if (value === undefined) throw ERR_SYNTAX;
    if (option === 'id') {
      const id = tryParseInt64(value);
      if (id === undefined || id < 1n) throw ERR_CLIENT_ID_POSITIVE;
      filter.id = id;
    } else if (option === 'maxage' && hasArgumentToken(server.profile, 'CLIENT KILL', 'MAXAGE')) {
      // Redis 7.4 and Valkey 8.0.
      const age = tryParseInt64(value);
      if (age === undefined) throw ERR_MAXAGE_NOT_INTEGER;
      if (age <= 0n) throw ERR_MAXAGE_POSITIVE;
      filter.maxAge = age;
    } else if (option === 'type') {
      filter.type = clientTypeOf(server, value);
      if (filter.type === undefined) throw errUnknownClientType(value);
    } else if (option === 'addr') {
      filter.addr = value;
    } else if (option === 'laddr') {
      filter.laddr = value;
    } else if (option === 'user') {
      if (!userExists(server, value)) throw errNoSuchUser(value);
      filter.user = value;
    } else if (option === 'skipme') {
      const answer = value.toLowerCase();
      if (answer !== 'yes' && answer !== 'no') throw ERR_SYNTAX;
      filter.skipMe = answer === 'yes';
    } else {
      throw ERR_SYNTAX;
    }
  }
  return filter;
}

function matches(filter: KillFilter, target: Client, caller: Client): boolean {
  if (filter.addr !== undefined && peerAddress(target) !== filter.addr) return false;
  if (filter.laddr !== undefined && localAddress(target) !== filter.laddr) return false;
  if (filter.type !== undefined && clientType(target) !== filter.type) return false;
  if (filter.id !== undefined && BigInt(target.id) !== filter.id) return false;
  if (filter.user !== undefined && target.user !== filter.user) return false;
  if (target === caller && filter.skipMe) return false;
  // Whole seconds since the connection, as commandTimeSnapshot()/1000 - ctime.
  const now = Math.floor(caller.server.clock.now() / 1000);
  return filter.maxAge === undefined || BigInt(now - Math.floor(target.createdAt / 1000)) >= filter.maxAge;
}

/**
 * CLIENT KILL ip:port (old form: OK or "No such client", may kill the caller) or
 * CLIENT KILL <option> <value> ... (the number killed; SKIPME yes by default). Other
 * clients close at once; the caller closes after its reply.
 */
export const CLIENT_KILL: CommandHandler = (client, argv) => {
  const oldForm = argv.length === 3;
  const filter: KillFilter = oldForm ? { addr: argv[2] as Bytes, skipMe: false } : hasValkeyClientFilters(client.server) ? { skipMe: true } : parseFilter(client.server, argv);
  // Valkey 8.1+: its own filters (several ids, 9.0's NOT- forms ...).
  const valkey = !oldForm && hasValkeyClientFilters(client.server) ? parseValkeyClientFilter(client.server, argv, 2, true) : undefined;
  let killed = 0;
  for (const target of [...client.server.clients.values()]) {
    if (valkey !== undefined ? !matchesValkeyFilter(valkey, target, client) : !matches(filter, target, client)) continue;
    if (target === client) client.closing = true;
    else target.close();
    killed++;
  }
  if (!oldForm) return killed;
  if (killed === 0) throw ERR_NO_SUCH_CLIENT;
  return OK;
};
