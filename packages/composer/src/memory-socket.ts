import { Duplex } from 'node:stream';
import { later } from './schedule.js';

/** One end's address, as a TCP socket reports it. */
export interface Endpoint {
  address: string;
  port: number;
  family?: 'IPv4' | 'IPv6';
}

/** What receives the bytes one end writes: the other end, or a server's client directly. */
export interface SocketPeer {
  receive(chunk: Buffer): void;
  receiveEof(): void;
}

/**
 * One end of an in-memory connection with the parts of net.Socket's API client
 * libraries use. Bytes written arrive at the peer on a later tick, as from a socket, so
 * a reply never arrives inside the write that caused it; end() and destroy() reach the
 * peer as EOF. Bytes move on process.nextTick (see later()), so fake timers do not stall it.
 */
export class MemorySocket extends Duplex {
  /** Always false: the connection exists from the start. */
  readonly connecting = false;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly remoteFamily: string;
  readonly localAddress: string;
  readonly localPort: number;
  bytesRead = 0;
  bytesWritten = 0;
  private peer: SocketPeer | undefined;
  private eofSent = false;
  private idleTimeout = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bytes delivered by the server side that have not arrived yet. */
  private inFlight = 0;
  /** The server side aborted: what it delivered and has not arrived is lost, as on a reset. */
  private aborted = false;

  /** A connected pair: what one end writes, the other reads. */
  static pair(a: Endpoint, b: Endpoint): [MemorySocket, MemorySocket] {
    const first = new MemorySocket(a, b);
    const second = new MemorySocket(b, a);
    first.peer = second;
    second.peer = first;
    return [first, second];
  }

  /**
   * A client end whose writes go straight to `peer` (a server's client), with no second
   * stream on the server side; the server answers through deliver() and deliverEof().
   */
  static toPeer(local: Endpoint, remote: Endpoint, peer: SocketPeer): MemorySocket {
    const socket = new MemorySocket(local, remote);
    socket.peer = peer;
    return socket;
  }

  private constructor(local: Endpoint, remote: Endpoint) {
    // A socket ends its side when the peer ends (net.Socket's default).
    super({ allowHalfOpen: false, decodeStrings: true });
    this.localAddress = local.address;
    this.localPort = local.port;
    this.remoteAddress = remote.address;
    this.remotePort = remote.port;
    this.remoteFamily = remote.family ?? 'IPv4';
  }

  override _read(): void {
    // Data is pushed by the peer as it is written.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.bytesWritten += chunk.length;
    this.touch();
    const peer = this.peer;
    later(() => peer?.receive(chunk));
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    const peer = this.peer;
    later(() => peer?.receiveEof());
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearIdleTimer();
    const peer = this.peer;
    // A destroyed socket's peer sees the connection end, as after a FIN or reset.
    later(() => peer?.receiveEof());
    callback(error);
  }

  /** Bytes from the server side, readable on a later tick as from a socket. */
  deliver(chunk: Buffer): void {
    this.inFlight += chunk.length;
    later(() => {
      if (this.aborted) return;
      this.inFlight -= chunk.length;
      this.receive(chunk);
    });
  }

  /** The server side closed without sending what it had delivered (a client closed ASAP). */
  deliverAbort(): void {
    this.aborted = true;
    this.inFlight = 0;
    this.deliverEof();
  }

  /**
   * Bytes the server side delivered that the client has not read yet (on their way, or
   * buffered unread): what a server socket's unsent output would be.
   */
  get unreadBytes(): number {
    return this.inFlight + this.readableLength;
  }

  /** The server side closed: EOF on a later tick. */
  deliverEof(): void {
    later(() => this.receiveEof());
  }

  receive(chunk: Buffer): void {
    if (this.destroyed || this.eofSent) return;
    this.bytesRead += chunk.length;
    this.touch();
    this.push(chunk);
  }

  receiveEof(): void {
    if (this.destroyed || this.eofSent) return;
    this.eofSent = true;
    this.push(null);
  }

  /** Nagle's algorithm has no meaning in memory; accepted for API compatibility. */
  setNoDelay(_noDelay?: boolean): this {
    return this;
  }

  /** Keep-alive probes have no meaning in memory; accepted for API compatibility. */
  setKeepAlive(_enable?: boolean, _initialDelay?: number): this {
    return this;
  }

  /** Emits 'timeout' after `ms` of inactivity (0 disables), as net.Socket does. */
  setTimeout(ms: number, callback?: () => void): this {
    this.idleTimeout = ms;
    if (callback) {
      if (ms === 0) this.off('timeout', callback);
      else this.once('timeout', callback);
    }
    this.touch();
    return this;
  }

  /** There is no handle keeping the event loop alive; accepted for API compatibility. */
  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  address(): { address: string; family: string; port: number } {
    return { address: this.localAddress, family: this.remoteFamily, port: this.localPort };
  }

  private touch(): void {
    this.clearIdleTimer();
    if (this.idleTimeout > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.idleTimeout);
      this.idleTimer.unref?.();
    }
  }

  private clearIdleTimer(): void {
    if (this.idleTimer !== undefined) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}
