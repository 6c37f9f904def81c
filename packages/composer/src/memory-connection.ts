import { connectPeer, type FakeServer, type ServerConnection } from '@fakeredis/core';
import { formatEndpoint } from './endpoints.js';
import { type Endpoint, MemorySocket } from './memory-socket.js';

/**
 * Opens an in-memory connection to `server`: a socket-like client end whose bytes reach
 * a server client directly (no stream on the server side), and whose replies arrive on a
 * later tick, as over a real socket. The connection is accepted as a TCP one is
 * (maxclients; output the client has not read counts against its output buffer limits).
 */
export function connectInMemory(server: FakeServer, ends: { client: Endpoint; server: Endpoint }): MemorySocket {
  let connection: ServerConnection | undefined;
  const socket = MemorySocket.toPeer(ends.client, ends.server, {
    receive: (chunk) => connection?.receive(chunk),
    // The client closed its side: the server drops the connection and closes back, as a
    // server does on EOF, so the client socket closes at once (no disconnect timeout).
    receiveEof: () => {
      connection?.disconnected();
      socket.deliverEof();
    },
  });
  connection = connectPeer(server, {
    write: (bytes) => socket.deliver(bytes),
    close: (abort) => (abort ? socket.deliverAbort() : socket.deliverEof()),
    get pendingBytes() {
      return socket.unreadBytes;
    },
    remoteAddress: formatEndpoint(ends.client),
    localAddress: formatEndpoint(ends.server),
  });
  return socket;
}
