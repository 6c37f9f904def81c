import type { Bytes } from '../../../bytes.js';
import type { CommandHandler } from '../../../dispatch/mixin.js';
import { ERR_INVALID_CLIENT_ID, ERR_SYNTAX, errUnknownClientType } from '../../../errors/index.js';
import { tryParseInt64 } from '../../../numbers.js';
import { VerbatimReply } from '../../../reply.js';
import { clientType, describeClient } from './describe.js';
import { hasValkeyClientFilters, matchesClientFilter, parseValkeyClientFilter } from './filter-valkey.js';
import { clientTypeOf } from './kill.js';

/** CLIENT INFO: this connection's line, as verbatim text. */
export const CLIENT_INFO: CommandHandler = (client, argv) =>
  new VerbatimReply('txt', `${describeClient(client, argv)}\n` as Bytes);

/** CLIENT LIST [TYPE type | ID id [id ...]]: one line per connection, oldest first. */
export const CLIENT_LIST: CommandHandler = (client, argv) => {
  const server = client.server;
  let out = '';
  const line = (other: typeof client) => `${describeClient(other, other === client ? argv : undefined)}\n`;
  if (argv.length > 3 && hasValkeyClientFilters(server)) {
    // Valkey 8.1+: CLIENT KILL's filters (SKIPME no by default).
    const filter = parseValkeyClientFilter(server, argv, 2, false);
    for (const other of server.clients.values()) if (matchesClientFilter(filter, other, client)) out += line(other);
  } else if (argv.length === 4 && (argv[2] as Bytes).toLowerCase() === 'type') {
    const type = clientTypeOf(server, argv[3] as Bytes);
    if (type === undefined) throw errUnknownClientType(argv[3] as Bytes);
    for (const other of server.clients.values()) if (clientType(other) === type) out += line(other);
  } else if (argv.length > 3 && (argv[2] as Bytes).toLowerCase() === 'id') {
    for (let i = 3; i < argv.length; i++) {
      const id = tryParseInt64(argv[i] as Bytes);
      if (id === undefined) throw ERR_INVALID_CLIENT_ID;
      const other = id > 0n && id <= BigInt(Number.MAX_SAFE_INTEGER) ? server.clients.get(Number(id)) : undefined;
      if (other !== undefined) out += line(other);
    }
  } else if (argv.length !== 2) {
    throw ERR_SYNTAX;
  } else {
    for (const other of server.clients.values()) out += line(other);
  }
  return new VerbatimReply('txt', out as Bytes);
};
