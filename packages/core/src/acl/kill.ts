import type { Client } from '../client.js';
import type { FakeServer } from '../server.js';
import { channelAllowed } from './check.js';
import { type AclUser, SELECTOR_ALLCHANNELS } from './rules.js';
import type { Bytes } from '../bytes.js';

/**
 * Disconnecting the clients of a user whose rules went away (ACLFreeUserAndKillClients
 * and ACLKillPubsubClientsIfNeeded).
 */

/**
 * Closes a client as Redis's freeClientAsync does: the one running the command closes
 * after its reply (CLIENT_CLOSE_AFTER_COMMAND), the others at once.
 */
function closeClient(current: Client | undefined, client: Client): void {
  client.user = 'default';
  client.authenticated = false;
  if (client === current) client.closing = true;
  else client.close();
}

/** A deleted user (ACL DELUSER, ACL LOAD): every client authenticated as it is disconnected. */
export function killClientsOfUser(server: FakeServer, user: AclUser): void {
  for (const client of [...server.clients.values()]) {
    if (client.user === user.name && !client.closed) closeClient(server.currentClient, client);
  }
}

/**
 * ACL SETUSER that takes channel permissions away: unless the new rules allow every
 * channel, or every channel pattern of the old rules is still listed, the user's
 * subscribed clients are disconnected when one of their channels or patterns is no
 * longer allowed.
 */
export function killPubsubClientsIfNeeded(server: FakeServer, updated: AclUser, original: AclUser): void {
  if (updated.selectors.some((s) => s.flags & SELECTOR_ALLCHANNELS)) return;
  const upcoming: Bytes[] = updated.selectors.flatMap((s) => s.channels);
  let match = true;
  for (const s of original.selectors) {
    if (s.flags & SELECTOR_ALLCHANNELS || s.channels.some((c) => !upcoming.includes(c))) {
      match = false;
      break;
    }
  }
  if (match) return;
  for (const client of [...server.clients.values()]) {
    if (client.user !== original.name || client.closed) continue;
    if (client.subscriptionCount + client.shardChannels.size === 0) continue;
    let kill = false;
    for (const pattern of client.patterns) if (!kill && !channelAllowed(upcoming, pattern, true)) kill = true;
    for (const channel of client.channels) if (!kill && !channelAllowed(upcoming, channel, false)) kill = true;
    for (const channel of client.shardChannels) if (!kill && !channelAllowed(upcoming, channel, false)) kill = true;
    if (!kill) continue;
    if (client === server.currentClient) client.closing = true;
    else client.close();
  }
}
