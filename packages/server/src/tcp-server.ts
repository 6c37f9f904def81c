import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import { ClusterCommands } from '@fakeredis/cluster';
import { compose } from '@fakeredis/composer';
import { attachStream, ConfigError, FakeServer, LISTENER, type Listener, type Mixin, overrideCommands, registerServerDirectory, replicaOf, replicationSetMaster, type ServerType } from '@fakeredis/core';
import { formatTcpAddress, listenTcpSync, parseBind } from './bind.js';
import { strerror } from './log.js';
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
  /** Without `server`: mixins of Redis modules to add to every fakeredis module (what `loadmodule` loaded). */
  modules?: readonly Mixin[];
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

/** Why listen() failed: which endpoint (`tcp` with its port, or `unix`), and the system's reason. */
export class ListenError extends Error {
  constructor(
    message: string,
    /** `none`: nothing at all could be listened on (every bind address skipped, no Unix socket). */
    readonly endpoint: { kind: 'tcp'; port: number } | { kind: 'unix'; path: string } | { kind: 'none' },
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * A RESP server on TCP and/or a Unix socket, serving one FakeServer: what
 * `fakeredis-server` runs, and what a test embeds to give any client (redis-cli, other
 * languages) a real socket. Each connection is a client of the server; malformed input
 * closes only that connection. While listening it is the server's listener: CONFIG SET
 * port and bind move its TCP listeners, as in Redis.
 */
export class TcpFakeServer implements Listener {
  readonly server: FakeServer;
  private readonly ownsServer: boolean;
  private readonly options: TcpFakeServerOptions;
  private readonly tcpListeners: Array<{ listener: Server; address: ListenAddress }> = [];
  private unixListener: { listener: Server; address: ListenAddress } | undefined;
  /** The TCP port and bind list listened on (port 0: none), once listening. */
  private tcp: { port: number; bind: string } | undefined;
  private readonly sockets = new Set<Socket>();
  private closing: Promise<void> | undefined;
  /** Withdraws this listener from the in-process server directory (MIGRATE's). */
  private withdrawDirectory: (() => void) | undefined;

  constructor(options: TcpFakeServerOptions = {}) {
    this.options = options;
    if (options.server) {
      this.server = options.server;
      this.ownsServer = false;
    } else {
      const Server = composeServer(options.serverType, options.version, options.modules ?? [], options.config?.['cluster-enabled'] === 'yes');
      this.server = new Server({ config: options.config });
      this.ownsServer = true;
    }
    // SHUTDOWN (or close() on the server) ends the listeners too.
    this.server.onClose(() => void this.close());
  }

  /** Starts listening on every configured address; rejects (and listens nowhere) on failure. */
  async listen(): Promise<this> {
    if (this.tcp !== undefined) throw new Error('TcpFakeServer is already listening');
    const { port = 6379, bind = '127.0.0.1', unixSocket } = this.options;
    if (port === null && unixSocket === undefined) throw new ListenError('TcpFakeServer needs a TCP port or a Unix socket', { kind: 'none' }, undefined);
    const bindText = typeof bind === 'string' ? bind : bind.join(' ');
    try {
      if (port !== null) {
        this.bindTcp(port, bindText);
      }
      if (unixSocket !== undefined) await this.openUnix(unixSocket);
      if (this.addresses.length === 0) throw new ListenError('Configured to not listen anywhere', { kind: 'none' }, undefined);
    } catch (error) {
      await this.closeListeners();
      throw error;
    }
    this.tcp = { port: port === null ? 0 : (this.tcpPort ?? port), bind: bindText };
    this.reflectConfig();
    this.server.moduleState(LISTENER).current = this;
    // `replicaof <host> <port>` in the configuration: a replica from the start, as Redis is.
    const replicaof = this.server.config.get('replicaof');
    if (replicaof !== '' && replicaOf(this.server) === undefined) {
      const space = replicaof.lastIndexOf(' ');
      replicationSetMaster(this.server, replicaof.slice(0, space), Number(replicaof.slice(space + 1)), true);
    }
    // MIGRATE from a server of this process reaches this one in memory: a synchronous
    // MIGRATE (MULTI, scripts) could not be answered over a socket of its own process.
    this.withdrawDirectory = registerServerDirectory((host, port) => (this.listensOn(host, port) ? this.server : undefined));
    return this;
  }

  /** Whether a client naming host:port reaches a TCP listener of this server (loopback names for a local or wildcard bind). */
  private listensOn(host: string, port: number): boolean {
    const name = host.toLowerCase();
    for (const { address } of this.tcpListeners) {
      if (!('port' in address) || address.port !== port) continue;
      if (address.host === name) return true;
      const wildcard = address.host === '0.0.0.0' || address.host === '::';
      if ((wildcard || address.host === '127.0.0.1') && (name === 'localhost' || name === '127.0.0.1')) return true;
      if ((wildcard || address.host === '::1') && (name === 'localhost' || name === '::1')) return true;
    }
    return false;
  }

  /**
   * CONFIG SET port / bind (Redis's changeListenPort and changeBindAddr): the TCP
   * listeners close, the new ones are bound; when one cannot be, a ConfigError with
   * Redis's reason (CONFIG SET then restores the old value, which rebinds it). Port 0
   * and an empty bind list listen on no TCP port. Connected clients stay.
   */
  move(port: number, bind: string): void {
    const current = this.tcp;
    if (current === undefined || (current.port === port && current.bind === bind)) return;
    const portChanged = port !== current.port;
    this.closeTcp();
    this.tcp = { port, bind };
    if (port === 0) return;
    try {
      this.bindTcp(port, bind);
    } catch (error) {
      if (!(error instanceof ListenError)) throw error;
      if (!portChanged) this.server.log('warning', 'Failed to bind');
      throw new ConfigError(portChanged ? 'Unable to listen on this port. Check server logs.' : 'Failed to bind to specified addresses.');
    }
  }

  /** The bound TCP port (useful with `port: 0`), or undefined without TCP. */
  get port(): number | undefined {
    return this.tcpPort;
  }

  /** Every bound endpoint, in listening order. */
  get addresses(): ListenAddress[] {
    return [...this.tcpListeners, ...(this.unixListener ? [this.unixListener] : [])].map((l) => l.address);
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
      const slot = this.server.moduleState(LISTENER);
      if (slot.current === this) slot.current = undefined;
      this.withdrawDirectory?.();
      await this.closeListeners();
      if (this.ownsServer) this.server.close();
    })();
    return this.closing;
  }

  private get tcpPort(): number | undefined {
    for (const { address } of this.tcpListeners) if ('port' in address) return address.port;
    return undefined;
  }

  /**
   * Redis's listenToPort: every bind address in order, a failure logged; an optional
   * address ("-::1") that does not exist here and an address family the machine lacks
   * are skipped, any other failure closes what was bound and throws. Port 0 (from the
   * options only) takes a free port, which the other addresses share.
   */
  private bindTcp(port: number, bind: string): void {
    let boundPort = port;
    const backlog = this.server.config.getNumber('tcp-backlog');
    for (const { name, host, optional } of parseBind(bind)) {
      let bound;
      try {
        bound = listenTcpSync(host, boundPort, backlog);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // libuv defers bind's EADDRINUSE to listen(); Redis reports it from bind.
        const syscall = code === 'EADDRINUSE' ? 'bind' : ((error as NodeJS.ErrnoException).syscall ?? 'bind');
        const reason = `${syscall}: ${strerror(error)}`;
        this.server.log('warning', `Warning: Could not create server TCP listening socket ${name}:${boundPort}: ${reason}`);
        if ((code === 'EADDRNOTAVAIL' && optional) || code === 'EAFNOSUPPORT' || code === 'EPROTONOSUPPORT') continue;
        this.closeTcp();
        throw new ListenError(`Could not create server TCP listening socket ${name}:${boundPort}: ${reason}`, { kind: 'tcp', port }, code);
      }
      boundPort = bound.port;
      const listener = createServer((socket) => this.accept(socket, undefined));
      listener.on('error', () => {}); // accept errors (EMFILE) must not crash the process
      listener.listen(bound.handle as never);
      this.tcpListeners.push({ listener, address: { host: host, port: bound.port } });
    }
  }

  private closeTcp(): void {
    for (const { listener } of this.tcpListeners.splice(0)) listener.close();
  }

  /** The Unix socket, replacing a stale socket file as Redis does. */
  private async openUnix(path: string): Promise<void> {
    try {
      unlinkSync(path);
    } catch {
      // no file: the usual case
    }
    const listener = createServer((socket) => this.accept(socket, path));
    try {
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen({ path, backlog: this.server.config.getNumber('tcp-backlog') }, () => {
          listener.off('error', reject);
          resolve();
        });
      });
    } catch (error) {
      // libuv reports a missing directory as EACCES; bind(2) says ENOENT.
      const missing = (error as NodeJS.ErrnoException).code === 'EACCES' && !existsSync(dirname(resolve(path)));
      const reason = missing ? 'No such file or directory' : strerror(error);
      throw new ListenError(`Failed opening Unix socket: bind: ${reason}`, { kind: 'unix', path }, (error as NodeJS.ErrnoException).code);
    }
    listener.on('error', () => {});
    this.unixListener = { listener, address: { path } };
    if (this.options.unixSocketPerm !== undefined) chmodSync(path, this.options.unixSocketPerm);
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
    const remoteAddress = path === undefined ? formatTcpAddress(socket.remoteAddress, socket.remotePort) : `${path}:0`;
    // attachStream logs the verbose "Accepted ..." and "Client closed connection ..." lines.
    attachStream(this.server, socket, {
      remoteAddress,
      localAddress: path === undefined ? formatTcpAddress(socket.localAddress, socket.localPort) : `${path}:0`,
    });
  }

  private async closeListeners(): Promise<void> {
    const listeners = [...this.tcpListeners.splice(0), ...(this.unixListener ? [this.unixListener] : [])];
    this.unixListener = undefined;
    this.tcp = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await Promise.all(listeners.map(({ listener }) => new Promise<void>((resolve) => listener.close(() => resolve()))));
  }

  /** CONFIG GET port / bind / unixsocket and INFO report where the server really listens. */
  private reflectConfig(): void {
    const { config } = this.server;
    const tcp = this.tcp as { port: number; bind: string };
    config.initialize('port', String(tcp.port));
    if (tcp.port !== 0) config.initialize('bind', tcp.bind);
    if (this.options.unixSocket !== undefined) config.initialize('unixsocket', this.options.unixSocket);
  }
}

/**
 * The server class fakeredis-server runs: every module, the Redis modules loadmodule
 * loaded, and with cluster-enabled yes cluster mode (@fakeredis/cluster's commands in place
 * of core's cluster-disabled ones).
 */
export function composeServer(serverType: TcpFakeServerOptions['serverType'], version: string | undefined, modules: readonly Mixin[], cluster: boolean) {
  const mixins = [...allMixins, ...modules];
  return compose({ serverType, version, mixins: cluster ? overrideCommands(mixins, ClusterCommands) : mixins });
}
