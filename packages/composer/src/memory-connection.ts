import type { FakeServer } from '@fakeredis/core';
import { formatEndpoint } from './endpoints.js';
import { type Endpoint, MemorySocket } from './memory-socket.js';

/**
 * Opens an in-memory connection to `server`: a socket-like client end whose bytes reach
 * a server client directly (no stream on the server side), and whose replies arrive on a
 * later tick, as over a real socket.
 */
export function connectInMemory(server: FakeServer, ends: { client: Endpoint; server: Endpoint }): MemorySocket {
  let socket: MemorySocket | undefined;
  const client = server.createClient({
    write: (encoded) => {
      server.stats.netOutputBytes += encoded.length;
      socket?.deliver(Buffer.from(encoded, 'latin1'));
    },
    close: () => socket?.deliverEof(),
    remoteAddress: formatEndpoint(ends.client),
    localAddress: formatEndpoint(ends.server),
  });
  socket = MemorySocket.toPeer(ends.client, ends.server, {
    receive: (chunk) => {
      server.stats.netInputBytes += chunk.length;
      client.feed(chunk);
    },
    // The client closed its side: the server drops the connection and closes back, as a
    // server does on EOF, so the client socket closes at once (no disconnect timeout).
    receiveEof: () => {
      client.disconnected();
      socket?.deliverEof();
    },
  });
  return socket;
}
