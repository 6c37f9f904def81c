import type { Client } from '../../client.js';

/**
 * Redis's islocalClient, for the "local" setting of enable-debug-command and
 * enable-protected-configs: a Unix-socket client, or a TCP peer at 127.0.0.1 or ::1.
 * The direct client (server.call) has no peer and counts as local.
 */
export function isLocalClient(client: Client): boolean {
  const address = client.transport?.remoteAddress;
  if (address === undefined) return true;
  if (address.startsWith('/')) return true; // "<socket path>:0"
  const host = address.slice(0, address.lastIndexOf(':'));
  return host === '127.0.0.1' || host === '::1' || host === '[::1]';
}
