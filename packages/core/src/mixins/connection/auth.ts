import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_AUTH_NOT_CONFIGURED, ERR_SYNTAX, ERR_WRONGPASS } from '../../errors/index.js';
import { OK } from '../../reply.js';
import type { FakeServer } from '../../server.js';
import { AclDenied, aclState, addAclLogEntry, checkCredentials, defaultUserRequiresAuth } from '../../acl/state.js';
import { USER_NOPASS } from '../../acl/rules.js';

/** True when an ACL user of that name exists (CLIENT KILL USER). */
export function userExists(server: FakeServer, name: Bytes): boolean {
  return aclState(server).users.has(name);
}

/**
 * Redis's ACLAuthenticateUser: on success the client is authenticated as the user; a
 * failure changes nothing (a client already authenticated stays so) and is logged in
 * ACL LOG as reason auth, its object the command's name as sent.
 */
export function authenticate(client: Client, username: Bytes, password: Bytes, argv?: readonly Bytes[]): boolean {
  if (!checkCredentials(client.server, username, password)) {
    const command = (argv?.[0] ?? 'AUTH') as Bytes;
    addAclLogEntry(client.server, client, AclDenied.Auth, client.multi !== undefined ? 'multi' : 'toplevel', command, username, argv);
    return false;
  }
  client.authenticated = true;
  client.user = username;
  return true;
}

/** The authentication state of a new connection (clientSetDefaultAuth). */
export function setDefaultAuth(client: Client): void {
  client.user = 'default';
  client.authenticated = !defaultUserRequiresAuth(client.server);
}

/** AUTH [username] password. */
export const AUTH: CommandHandler = (client, argv) => {
  if (argv.length > 3) throw ERR_SYNTAX;
  // Hidden from MONITOR and SLOWLOG, whether or not it succeeds.
  client.redactArgument(argv, 1);
  if (argv.length === 3) client.redactArgument(argv, 2);
  let username = 'default' as Bytes;
  let password = argv[1] as Bytes;
  if (argv.length === 3) {
    username = argv[1] as Bytes;
    password = argv[2] as Bytes;
  } else if (aclState(client.server).defaultUser.flags & USER_NOPASS) {
    // The one-argument form keeps the old error when the default user has no password.
    throw ERR_AUTH_NOT_CONFIGURED;
  }
  if (!authenticate(client, username, password, argv)) throw ERR_WRONGPASS;
  return OK;
};
