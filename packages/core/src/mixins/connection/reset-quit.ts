import type { Client } from '../../client.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { OK, status } from '../../reply.js';
import { setDefaultAuth } from './auth.js';

const RESET_REPLY = status('RESET');

/**
 * Returns a connection to the state of a new one (clearClientConnectionState): database
 * 0, RESP2, default authentication, no transaction or WATCHed keys, no subscriptions
 * (dropped without notification), no name, replies on. A pending CLIENT REPLY SKIP
 * still applies (to RESET's own reply), and the library name and version stay. Redis
 * 7.2 also clears NO-EVICT and NO-TOUCH.
 */
export function resetConnectionState(client: Client): void {
  const server = client.server;
  client.db = server.db(0);
  client.protocol = 2;
  setDefaultAuth(client);
  client.discardTransaction();
  server.hooks.clientReset?.forEach((hook) => hook(client));
  client.channels.clear();
  client.patterns.clear();
  client.shardChannels.clear();
  client.name = '' as typeof client.name;
  if (client.replyMode === 'off') client.replyMode = 'on';
  if (server.versionAtLeast('7.2.0')) {
    client.noEvict = false;
    client.noTouch = false;
  }
}

/** RESET. */
export const RESET: CommandHandler = (client) => {
  resetConnectionState(client);
  return RESET_REPLY;
};

/**
 * QUIT: OK, then the connection closes once the reply is written. The dispatcher never
 * queues it, so it closes a connection inside MULTI too.
 */
export const QUIT: CommandHandler = (client) => {
  client.closing = true;
  return OK;
};
