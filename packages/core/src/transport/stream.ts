import type { Duplex } from 'node:stream';
import type { Client } from '../client.js';
import { ERR_MAX_CLIENTS } from '../errors/index.js';
import { isUnixAddress } from '../mixins/connection/client/describe.js';
import type { FakeServer } from '../server.js';

export interface StreamAddresses {
  /** "ip:port" of the peer, as CLIENT LIST's addr shows it. */
  remoteAddress: string;
  /** "ip:port" (or the socket path) of the local end, CLIENT LIST's laddr. */
  localAddress: string;
}

/** The far end of a connection as a transport sees it: where reply bytes go. */
export interface PeerConnection extends StreamAddresses {
  /** Delivers reply bytes to the peer. */
  write(bytes: Buffer): void;
  /** Ends the connection after what was written; with `abort`, drops what the peer has not taken. */
  close(abort: boolean): void;
  /** Bytes written that the peer has not taken yet (client-output-buffer-limit, omem). */
  readonly pendingBytes: number;
}

/** What connectPeer gives a transport: where the peer's bytes go, and the client (undefined when refused). */
export interface ServerConnection {
  readonly client: Client | undefined;
  /** Bytes from the peer: counted in INFO's net input and run by the client. */
  receive(chunk: Buffer | string): void;
  /** The peer went away. */
  disconnected(): void;
}

/**
 * Accepts a connection as Redis's acceptCommonHandler does, for every transport (TCP, Unix
 * socket, in memory): past `maxclients` the peer gets Redis's error and is closed (and
 * `client` is undefined); otherwise a client is created whose output is counted in INFO's
 * net output and whose unread bytes count against its output buffer limits.
 */
export function connectPeer(server: FakeServer, peer: PeerConnection): ServerConnection {
  if (server.hooks.log !== undefined) {
    // acceptTcpHandler / acceptUnixHandler, before the maxclients check (an IP without brackets).
    const local = peer.localAddress;
    const remote = peer.remoteAddress.replace(/^\[(.*)\](:\d+)$/, '$1$2');
    server.log('verbose', isUnixAddress(local) ? `Accepted connection to ${local.slice(0, -2)}` : `Accepted ${remote}`);
  }
  if (!server.acceptsConnection()) {
    peer.write(Buffer.from(`-${ERR_MAX_CLIENTS.message}\r\n`, 'latin1'));
    peer.close(false);
    return { client: undefined, receive: () => {}, disconnected: () => {} };
  }
  const client = server.createClient({
    write: (encoded) => {
      // What goes to a replica is replication output (stat_net_repl_output_bytes).
      if (client.replica !== undefined) server.stats.netReplOutputBytes += encoded.length;
      else server.stats.netOutputBytes += encoded.length;
      peer.write(Buffer.from(encoded, 'latin1'));
    },
    close: (abort) => peer.close(abort === true),
    get pendingBytes() {
      return peer.pendingBytes;
    },
    remoteAddress: peer.remoteAddress,
    localAddress: peer.localAddress,
  });
  return {
    client,
    receive: (chunk) => {
      server.stats.netInputBytes += chunk.length;
      client.feed(chunk);
    },
    disconnected: () => client.disconnected(),
  };
}

/**
 * Serves one byte stream (a TCP or Unix socket, an in-memory duplex) as a client
 * connection of `server` through connectPeer: bytes in are framed and run, replies are
 * written back, and the client is forgotten when the stream ends. A refused stream gets
 * Redis's error and is ended (undefined is returned).
 */
export function attachStream(server: FakeServer, stream: Duplex, addresses: StreamAddresses): Client | undefined {
  stream.on('error', () => {});
  const connection = connectPeer(server, {
    write: (bytes) => {
      if (!stream.destroyed) stream.write(bytes);
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
  if (connection.client === undefined) return undefined;
  stream.on('data', connection.receive);
  stream.on('end', connection.disconnected);
  stream.on('close', connection.disconnected);
  stream.on('error', connection.disconnected);
  return connection.client;
}
