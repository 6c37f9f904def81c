import type { Bytes } from '../../bytes.js';
import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_AUTH_NOT_CONFIGURED, ERR_SYNTAX, ERR_WRONGPASS } from '../../errors/index.js';
import { OK } from '../../reply.js';
import type { FakeServer } from '../../server.js';

/**
 * The only user is "default" (no ACL): it has no password while `requirepass` is empty
 * (nopass: any password is accepted), else `requirepass` is its password.
 */
export function userExists(name: Bytes): boolean {
  return name === 'default';
}

function credentialsValid(server: FakeServer, username: Bytes, password: Bytes): boolean {
  if (!userExists(username)) return false;
  const required = server.config.get('requirepass');
  return required === '' || password === required;
}

/**
 * Redis's ACLAuthenticateUser: on success the client is authenticated as the user; a
 * failure changes nothing (a client already authenticated stays so).
 */
export function authenticate(client: Client, username: Bytes, password: Bytes): boolean {
  if (!credentialsValid(client.server, username, password)) return false;
  client.authenticated = true;
  client.user = username;
  return true;
}

/** The authentication state of a new connection (clientSetDefaultAuth). */
export function setDefaultAuth(client: Client): void {
  client.user = 'default';
  client.authenticated = !client.server.requiresAuth();
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
  } else if (!client.server.requiresAuth()) {
    // The one-argument form keeps the old error when the default user has no password.
    throw ERR_AUTH_NOT_CONFIGURED;
  }
  if (!authenticate(client, username, password)) throw ERR_WRONGPASS;
  return OK;
};
