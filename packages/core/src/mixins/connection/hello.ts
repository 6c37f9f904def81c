import type { Bytes } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_HELLO_NOAUTH, ERR_NOPROTO, ERR_PROTOCOL_VERSION, ERR_WRONGPASS, errHelloOption } from '../../errors/index.js';
import { tryParseInt64 } from '../../numbers.js';
import { map, type Reply } from '../../reply.js';
import { isToken } from '../../bytes.js';
import { identityOf } from '../../profile.js';
import { authenticate } from './auth.js';
import { setClientName } from './client/identity.js';
import { loadedModules } from '../server/module.js';
import { replicaOf } from '../../replication/replica.js';
import type { FakeServer } from '../../server.js';
import { replicationView } from '../../replication/view.js';

/** server.masterhost set: a replica of core's replication or of a module's (a cluster replica). */
function isReplica(server: FakeServer): boolean {
  return replicaOf(server) !== undefined || replicationView(server)?.master !== undefined;
}

/**
 * HELLO [protover [AUTH username password] [SETNAME name]]: options apply in order (a
 * SETNAME before a failing AUTH sticks), then an unauthenticated client is refused,
 * then the protocol switches and the server describes itself in the new protocol.
 */
export const HELLO: CommandHandler = (client, argv) => {
  let protocol: 2 | 3 | undefined;
  let next = 1;
  if (argv.length >= 2) {
    const version = tryParseInt64(argv[next++] as Bytes);
    if (version === undefined) throw ERR_PROTOCOL_VERSION;
    if (version !== 2n && version !== 3n) throw ERR_NOPROTO;
    protocol = version === 2n ? 2 : 3;
  }
  for (let i = next; i < argv.length; i++) {
    const option = argv[i] as Bytes;
    const more = argv.length - 1 - i;
    if (isToken(option, 'AUTH') && more >= 2) {
      client.redactArgument(argv, i + 1);
      client.redactArgument(argv, i + 2);
      if (!authenticate(client, argv[i + 1] as Bytes, argv[i + 2] as Bytes, argv)) throw ERR_WRONGPASS;
      i += 2;
    } else if (isToken(option, 'SETNAME') && more >= 1) {
      setClientName(client, argv[i + 1] as Bytes);
      i += 1;
    } else {
      throw errHelloOption(option);
    }
  }
  // HELLO looks at the client's own flag, not at whether a password is set now.
  if (!client.authenticated) throw ERR_HELLO_NOAUTH;
  if (protocol !== undefined) client.protocol = protocol;
  const identity = identityOf(client.server);
  const entries: Array<[Reply, Reply]> = [
    ['server' as Bytes, identity.name as Bytes],
    ['version' as Bytes, identity.version as Bytes],
    ['proto' as Bytes, client.protocol],
    ['id' as Bytes, client.id],
    ['mode' as Bytes, (client.server.config.getBoolean('cluster-enabled') ? 'cluster' : 'standalone') as Bytes],
    ['role' as Bytes, (isReplica(client.server) ? 'replica' : 'master') as Bytes],
    ['modules' as Bytes, loadedModules(client.server)],
  ];
  return map(entries);
};
