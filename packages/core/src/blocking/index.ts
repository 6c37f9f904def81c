import type { Client } from '../client.js';
import type { NO_REPLY } from '../commands/mixin.js';
import type { BlockRequest } from './blocking.js';

export { BlockingManager, KEY_DRAINED, NOT_SERVED, type BlockRequest, type BlockedState, type ServeOutcome } from './blocking.js';
export { parseBlockTimeout } from './timeout.js';

/**
 * Blocks the client on keys until one of them can serve it (see BlockRequest), its
 * deadline passes, CLIENT UNBLOCK or a disconnect. The handler returns what this returns.
 */
export function blockForKeys(client: Client, request: BlockRequest): typeof NO_REPLY {
  return client.server.blocking.block(client, request);
}
