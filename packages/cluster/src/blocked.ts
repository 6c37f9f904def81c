import { type Bytes, ErrorReply, type FakeServer } from '@fakeredis/core';
import { keyHashSlot } from './crc16.js';
import { ERR_CLUSTERDOWN_HASH_SLOT_NOT_SERVED, ERR_CLUSTERDOWN_STATE, ERR_UNBLOCKED_REPLICA } from './errors.js';
import { type ClusterBus, type ClusterState, clusterState, preferredEndpoint } from './state.js';

/**
 * clusterRedirectBlockedClientIfNeeded for each client blocked on keys: the cluster down
 * (CLUSTERDOWN, even with reads allowed: only a write could serve it), its slot unassigned
 * (CLUSTERDOWN Hash slot not served) or served elsewhere and not being imported here (MOVED
 * to the owner; a READONLY client's read stays on its master's replica). Redis checks in
 * clientsCron, within a second; nodes of one process check as soon as the slot map changes.
 */
export function redirectBlockedClients(state: ClusterState): void {
  const server = state.server;
  if (server.blocking.blockedClients === 0 || server.closed) return;
  const myself = state.myself;
  for (const client of [...server.clients.values()]) {
    const blocked = client.blocked;
    if (blocked === undefined) continue;
    let error: ErrorReply | undefined;
    if (!state.isOk()) error = ERR_CLUSTERDOWN_STATE;
    else {
      const first = blocked.keys.values().next();
      if (first.done === true) continue;
      const slot = keyHashSlot(first.value as Bytes);
      let node = state.bus.slots[slot];
      if (state.readonlyClients.has(client) && blocked.command?.flags.has('write') !== true && !myself.isMaster && myself.replicaOf === node) node = myself;
      if (node !== myself && !state.importing.has(slot)) {
        error = node === undefined ? ERR_CLUSTERDOWN_HASH_SLOT_NOT_SERVED : new ErrorReply(`MOVED ${slot} ${preferredEndpoint(server, node)}:${node.port}`);
      }
    }
    if (error !== undefined) server.blocking.unblock(client, error);
  }
  server.flushIfIdle();
}

/** After a change of the shared slot map: every node of this process redirects its blocked clients. */
export function redirectBlockedClientsEverywhere(bus: ClusterBus): void {
  for (const node of bus.nodes.values()) if (node.server !== undefined) redirectBlockedClients(clusterState(node.server));
}

/**
 * disconnectAllBlockedClients (a master turned replica): every blocked client gets
 * -UNBLOCKED and is closed after the reply.
 */
export function disconnectAllBlockedClients(server: FakeServer): void {
  if (server.blocking.blockedClients === 0) return;
  for (const client of [...server.clients.values()]) {
    if (client.blocked === undefined) continue;
    server.blocking.unblock(client, ERR_UNBLOCKED_REPLICA);
    client.close();
  }
}
