import type { Bytes } from '../../../bytes.js';
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
import { type ClientType, clientTypeByName } from './describe.js';
import { type ClientFilter, hasValkeyClientFilters, matchesClientFilter, parseValkeyClientFilter } from './filter-valkey.js';

/**
 * A client type by name, with Valkey's `primary` for master where the profile has it
 * (its CLIENT KILL metadata lists the token; getClientTypeByName serves LIST and KILL alike).
 */
export function clientTypeOf(server: FakeServer, name: Bytes): ClientType | undefined {
  if (name.toLowerCase() === 'primary' && hasArgumentToken(server.profile, 'CLIENT KILL', 'primary')) return 'master';
  return clientTypeByName(name);
}

/** Parses the option form: option/value pairs, each checked as it is read. */
function parseFilter(server: FakeServer, argv: readonly Bytes[]): ClientFilter {
  const filter: ClientFilter = { skipMe: true };
  for (let i = 2; i < argv.length; i += 2) {
    const option = (argv[i] as Bytes).toLowerCase();
    const value = argv[i + 1];
    if (value === undefined) throw ERR_SYNTAX;
    if (option === 'id') {
      const id = tryParseInt64(value);
      if (id === undefined || id < 1n) throw ERR_CLIENT_ID_POSITIVE;
      filter.ids = new Set([id]);
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

/**
 * CLIENT KILL ip:port (old form: OK or "No such client", may kill the caller) or
 * CLIENT KILL <option> <value> ... (the number killed; SKIPME yes by default). Other
 * clients close at once; the caller closes after its reply.
 */
export const CLIENT_KILL: CommandHandler = (client, argv) => {
  const oldForm = argv.length === 3;
  const server = client.server;
  // Valkey 8.1+ parses its own filters (several ids, 9.0's NOT- forms ...).
  const filter: ClientFilter = oldForm
    ? { addr: argv[2] as Bytes, skipMe: false }
    : hasValkeyClientFilters(server) ? parseValkeyClientFilter(server, argv, 2, true) : parseFilter(server, argv);
  let killed = 0;
  for (const target of [...server.clients.values()]) {
    if (!matchesClientFilter(filter, target, client)) continue;
    if (target === client) client.closing = true;
    else target.close();
    killed++;
  }
  if (!oldForm) return killed;
  if (killed === 0) throw ERR_NO_SUCH_CLIENT;
  return OK;
};
