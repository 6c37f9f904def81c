import type { Duplex } from 'node:stream';
import type { Client } from '../client.js';
import { ERR_MAX_CLIENTS } from '../errors/index.js';
import type { FakeServer } from '../server.js';

export interface StreamAddresses {
  /** "ip:port" of the peer, as CLIENT LIST's addr shows it. */
  remoteAddress: string;
  /** "ip:port" (or the socket path) of the local end, CLIENT LIST's laddr. */
  localAddress: string;
}

/**
 * Serves one byte stream (a TCP or Unix socket, an in-memory duplex) as a client
 * connection of `server`: bytes in are framed and run, replies are written back, and
 * the client is forgotten when the stream ends. While `maxclients` connections are open,
 * the stream gets Redis's error and is closed instead (undefined is returned).
 */
export function attachStream(server: FakeServer, stream: Duplex, addresses: StreamAddresses): Client | undefined {
  if (!server.acceptsConnection()) {
    stream.on('error', () => {});
    stream.end(`-${ERR_MAX_CLIENTS.message}\r\n`);
    return undefined;
  }
  const client = server.createClient({
    write: (encoded) => {
      server.stats.netOutputBytes += encoded.length;
      if (!stream.destroyed) stream.write(Buffer.from(encoded, 'latin1'));
    },
    close: (abort) => {
      if (stream.destroyed) return;
      if (abort) stream.destroy();
      else stream.end();
    },
    get pendingBytes() {
      return stream.writableLength;
    },
    remoteAddress: addresses.remoteAddress,
    localAddress: addresses.localAddress,
  });
  stream.on('data', (chunk: Buffer | string) => {
    server.stats.netInputBytes += chunk.length;
    client.feed(chunk);
  });
  const gone = () => client.disconnected();
  stream.on('end', gone);
  stream.on('close', gone);
  stream.on('error', gone);
  return client;
}
