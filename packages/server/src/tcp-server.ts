import { chmodSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { compose } from '@fakeredis/composer';
import { attachStream, FakeServer, type ServerType } from '@fakeredis/core';
import { formatTcpAddress, parseBind } from './bind.js';
import { allMixins } from './modules.js';

export interface TcpFakeServerOptions {
  /** The server to serve. Default: a new one with every module for serverType/version. */
  server?: FakeServer;
  /** Without `server`: the server type to emulate; default 'redis'. */
  serverType?: ServerType;
  /** Without `server`: the version to emulate ("7.0", "7.2"); default '7.0'. */
  version?: string;
  /** Without `server`: start-up configuration (as redis.conf or flags give it). */
  config?: Readonly<Record<string, string | number>>;
  /**
   * TCP port; default 6379. 0 picks a free port (read it back from `.port`); null
   * listens on no TCP port (Unix socket only).
   */
  port?: number | null;
  /** Addresses to bind, as Redis's `bind` ("127.0.0.1 -::1", "*"); default 127.0.0.1. */
  bind?: string | readonly string[];
  /** Unix socket path to listen on as well (or alone, with `port: null`). */
  unixSocket?: string;
  /** Permissions of the Unix socket file (e.g. 0o700), as `unixsocketperm`. */
  unixSocketPerm?: number;
}

/** A bound endpoint: a TCP host and port, or a Unix socket path. */
export type ListenAddress = { host: string; port: number } | { path: string };

/**
 * A RESP server on TCP and/or a Unix socket, serving one FakeServer: what
 * `fakeredis-server` runs, and what a test embeds to give any client (redis-cli, other
 * languages) a real socket. Each connection is a client of the server; malformed input
 * closes only that connection.
 */
export class TcpFakeServer {
  readonly server: FakeServer;
  private readonly ownsServer: boolean;
  private readonly options: TcpFakeServerOptions;
  private readonly listeners: Array<{ listener: Server; address: ListenAddress }> = [];
  private readonly sockets = new Set<Socket>();
  private closing: Promise<void> | undefined;

  constructor(options: TcpFakeServerOptions = {}) {
    this.options = options;
    if (options.server) {
      this.server = options.server;
      this.ownsServer = false;
    } else {
      const Server = compose({ serverType: options.serverType, version: options.version, mixins: allMixins });
      this.server = new Server({ config: options.config });
      this.ownsServer = true;
    }
    // SHUTDOWN (or close() on the server) ends the listeners too.
    this.server.onClose(() => void this.close());
  }

  /** Starts listening on every configured address; rejects (and listens nowhere) on failure. */
  async listen(): Promise<this> {
    if (this.listeners.length > 0) throw new Error('TcpFakeServer is already listening');
    const { port = 6379, bind = '127.0.0.1', unixSocket } = this.options;
    if (port === null && unixSocket === undefined) throw new Error('TcpFakeServer needs a TCP port or a Unix socket');
    try {
      if (port !== null) {
        let boundPort = port;
        for (const { host, optional } of parseBind(bind)) {
          try {
            const address = await this.open({ host, port: boundPort, ipv6Only: host.includes(':') });
            // With port 0 the first address picks the port; the others share it.
            if ('port' in address) boundPort = address.port;
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (optional && (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT')) continue;
            throw listenError(`${host}:${boundPort}`, error);
          }
        }
        if (this.tcpPort === undefined) throw new Error('TcpFakeServer could not bind any TCP address');
      }
      if (unixSocket !== undefined) {
        try {
          unlinkSync(unixSocket); // as Redis does: a stale socket file would block bind
        } catch {
          // no file: the usual case
        }
        try {
          await this.open({ path: unixSocket });
        } catch (error) {
          throw listenError(unixSocket, error);
        }
        if (this.options.unixSocketPerm !== undefined) chmodSync(unixSocket, this.options.unixSocketPerm);
      }
    } catch (error) {
      await this.closeListeners();
      throw error;
    }
    this.reflectConfig();
    return this;
  }

  /** The bound TCP port (useful with `port: 0`), or undefined without TCP. */
  get port(): number | undefined {
    return this.tcpPort;
  }

  /** Every bound endpoint, in listening order. */
  get addresses(): ListenAddress[] {
    return this.listeners.map((l) => l.address);
  }

  /** "redis://host:port" of the first TCP address, or "unix://path" (for client URLs). */
  get url(): string {
    const first = this.addresses[0];
    if (first === undefined) throw new Error('TcpFakeServer is not listening');
    if ('path' in first) return `unix://${first.path}`;
    const host = first.host === '0.0.0.0' ? '127.0.0.1' : first.host === '::' ? '::1' : first.host;
    return `redis://${host.includes(':') ? `[${host}]` : host}:${first.port}`;
  }

  /** Number of open connections. */
  get connections(): number {
    return this.sockets.size;
  }

  /**
   * Stops listening and disconnects every client. A server this object built is closed
   * too; one passed in stays usable.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.closeListeners();
      if (this.ownsServer) this.server.close();
    })();
    return this.closing;
  }

  private get tcpPort(): number | undefined {
    for (const { address } of this.listeners) if ('port' in address) return address.port;
    return undefined;
  }

  private open(where: { host: string; port: number; ipv6Only: boolean } | { path: string }): Promise<ListenAddress> {
    const listener = createServer((socket) => this.accept(socket, 'path' in where ? where.path : undefined));
    return new Promise((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(where, () => {
        listener.off('error', reject);
        const bound = listener.address();
        const address: ListenAddress =
          'path' in where || bound === null || typeof bound === 'string'
            ? { path: 'path' in where ? where.path : String(bound) }
            : { host: bound.address, port: bound.port };
        this.listeners.push({ listener, address });
        resolve(address);
      });
    });
  }

  private accept(socket: Socket, path: string | undefined): void {
    if (this.server.closed || this.closing) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    // tcp-keepalive (seconds; 0 = off), as Redis sets SO_KEEPALIVE on each TCP client.
    const keepAlive = this.server.config.getNumber('tcp-keepalive');
    if (path === undefined && keepAlive > 0) socket.setKeepAlive(true, keepAlive * 1000);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    attachStream(this.server, socket, {
      remoteAddress: path === undefined ? formatTcpAddress(socket.remoteAddress, socket.remotePort) : `${path}:0`,
      localAddress: path === undefined ? formatTcpAddress(socket.localAddress, socket.localPort) : `${path}:0`,
    });
  }

  private async closeListeners(): Promise<void> {
    const listeners = this.listeners.splice(0);
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await Promise.all(listeners.map(({ listener }) => new Promise<void>((resolve) => listener.close(() => resolve()))));
  }

  /** CONFIG GET port / bind / unixsocket and INFO report where the server really listens. */
  private reflectConfig(): void {
    const { config } = this.server;
    const port = this.tcpPort;
    config.initialize('port', String(port ?? 0));
    if (port !== undefined) {
      const bind = this.options.bind ?? '127.0.0.1';
      config.initialize('bind', typeof bind === 'string' ? bind : bind.join(' '));
    }
    if (this.options.unixSocket !== undefined) config.initialize('unixsocket', this.options.unixSocket);
  }
}

/** The error for an address that cannot be bound, worded as Redis logs it. */
function listenError(where: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'EADDRINUSE' ? 'Address already in use' : code === 'EACCES' ? 'Permission denied' : (error as Error).message;
  return Object.assign(new Error(`Could not create server listening socket ${where}: bind: ${reason}`, { cause: error }), {
    code,
  });
}
