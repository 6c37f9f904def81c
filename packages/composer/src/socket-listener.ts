import { unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachStream, type FakeServer } from '@fakeredis/core';
import { connectionEndpoints, formatEndpoint } from './endpoints.js';
import type { ServerAddress } from './registry.js';

let nextListenerId = 1;

/** Socket files of open listeners, removed if the process exits with them open. */
const openPaths = new Set<string>();
let exitHookInstalled = false;

function removeOnExit(path: string): void {
  if (process.platform === 'win32') return; // named pipes leave no file
  openPaths.add(path);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const open of openPaths) {
      try {
        unlinkSync(open);
      } catch {
        // already gone
      }
    }
  });
}

/** A fresh socket path: a Unix socket in the temp directory, or a named pipe on Windows. */
function socketPath(): string {
  const name = `fakeredis-${process.pid}-${nextListenerId++}`;
  return process.platform === 'win32' ? `\\\\.\\pipe\\${name}` : join(tmpdir(), `${name}.sock`);
}

/**
 * An in-process listener on a Unix socket that serves a fake server to node-redis
 * clients (node-redis accepts no custom stream). It opens when its first user connects
 * and closes when its last user is done. Connections are presented to the server as
 * coming over TCP to the address the client named.
 */
export class SocketListener {
  readonly path = socketPath();
  private users = 0;
  private listener: Server | undefined;
  private readonly sockets = new Set<Socket>();
  /** Opens and closes run one after another. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    /** The server for a new connection; undefined refuses it (server shut down). */
    private readonly resolveServer: () => FakeServer | undefined,
    private readonly address: ServerAddress,
  ) {}

  /** One more user: the listener is open when the promise resolves. */
  acquire(): Promise<void> {
    this.users++;
    return this.enqueue(() => this.open());
  }

  /** One user fewer: the last one closes the listener. */
  release(): void {
    this.users = Math.max(0, this.users - 1);
    void this.enqueue(() => (this.users === 0 ? this.close() : undefined));
  }

  get listening(): boolean {
    return this.listener !== undefined;
  }

  private enqueue(step: () => Promise<void> | undefined): Promise<void> {
    const next = this.chain.then(step);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private open(): Promise<void> | undefined {
    if (this.listener !== undefined) return undefined;
    if (process.platform !== 'win32') {
      try {
        unlinkSync(this.path); // left over from a crashed process with this pid
      } catch {
        // none: the usual case
      }
    }
    const listener = createServer((socket) => this.accept(socket));
    return new Promise((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(this.path, () => {
        listener.off('error', reject);
        // Only the clients' own sockets keep the process alive, as with a real server.
        listener.unref();
        this.listener = listener;
        removeOnExit(this.path);
        resolve();
      });
    });
  }

  private accept(socket: Socket): void {
    socket.unref();
    const server = this.resolveServer();
    if (server === undefined || server.closed) {
      socket.destroy();
      return;
    }
    const ends = connectionEndpoints(this.address);
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    attachStream(server, socket, {
      remoteAddress: formatEndpoint(ends.client),
      localAddress: formatEndpoint(ends.server),
    });
  }

  private close(): Promise<void> | undefined {
    const listener = this.listener;
    if (listener === undefined) return undefined;
    this.listener = undefined;
    openPaths.delete(this.path);
    for (const socket of this.sockets) socket.destroy();
    return new Promise((resolve) => listener.close(() => resolve()));
  }
}
