import { readFileSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { GeoCommands } from '@fakeredis/geo';
import { HashCommands } from '@fakeredis/hashes';
import { ListCommands } from '@fakeredis/lists';
import { PubSubCommands } from '@fakeredis/pubsub';
import { SetCommands } from '@fakeredis/sets';
import { StreamCommands } from '@fakeredis/streams';
import { BitmapCommands, HyperLogLogCommands, StringCommands } from '@fakeredis/strings';
import { SortedSetCommands } from '@fakeredis/zsets';
import { attachStream, coreMixins, FakeServer } from '../../src/index.js';

// Real-vs-fake helpers over TCP: a fake server behind a real listener, raw connections
// that record what arrives and whether the server closed them, and redis-server's log.

export interface Outcome {
  /** What the server wrote back (latin1, cut to 300 bytes) and how much. */
  out: string;
  length: number;
  closed: boolean;
}

/** A fake server behind a real TCP listener, its log lines collected. */
export class FakeTcp {
  // The data-type modules, so a random command name is known or unknown as on redis-server.
  readonly server = new FakeServer({
    mixins: [
      ...coreMixins, StringCommands, BitmapCommands, HyperLogLogCommands, ListCommands, HashCommands, SetCommands,
      SortedSetCommands, GeoCommands, StreamCommands, PubSubCommands,
    ],
  });
  readonly log: string[] = [];
  port = 0;
  private listener: Server | undefined;

  async start(): Promise<void> {
    (this.server.hooks.log ??= []).push((_level, message) => this.log.push(message));
    this.listener = createServer((socket) => {
      attachStream(this.server, socket, {
        remoteAddress: `${socket.remoteAddress}:${socket.remotePort}`,
        localAddress: `${socket.localAddress}:${socket.localPort}`,
      });
    });
    await new Promise<void>((resolve) => this.listener?.listen(0, '127.0.0.1', resolve));
    const address = this.listener.address();
    this.port = typeof address === 'object' && address !== null ? address.port : 0;
  }

  stop(): void {
    this.listener?.close();
    this.server.close();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A connection that records what arrives and whether the server closed it. */
export interface RawConnection {
  write(data: string | Buffer): void;
  /** Everything received so far, and whether the server closed the connection. */
  outcome(): Outcome;
  /** What arrived since the last take(), as text. */
  take(): string;
  readonly closed: boolean;
  /** The client side's port (the server's addr= for it). */
  readonly localPort: number;
  end(): void;
}

export function open(port: number): Promise<RawConnection> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closed = false;
    let taken = 0;
    socket.on('data', (d) => chunks.push(d));
    socket.on('close', () => {
      closed = true;
    });
    socket.on('error', () => {});
    socket.on('connect', () =>
      resolve({
        write: (data) => {
          if (!socket.destroyed) socket.write(data);
        },
        outcome: () => {
          const all = Buffer.concat(chunks);
          return { out: all.subarray(0, 300).toString('latin1'), length: all.length, closed };
        },
        take: () => {
          const all = Buffer.concat(chunks.slice(taken));
          taken = chunks.length;
          return all.toString('latin1');
        },
        get closed() {
          return closed;
        },
        localPort: socket.localPort as number,
        end: () => socket.destroy(),
      }),
    );
  });
}

/** Sends `chunks` (a pause between them) on a new connection and reports what happened. */
export async function probe(port: number, chunks: Array<string | Buffer>, wait = 200): Promise<Outcome> {
  const connection = await open(port);
  for (const chunk of chunks) {
    connection.write(chunk);
    await sleep(30);
  }
  await sleep(wait);
  const outcome = connection.outcome();
  connection.end();
  return outcome;
}

/** One command on a new connection, its reply. */
export async function command(port: number, raw: string): Promise<string> {
  return (await probe(port, [raw], 100)).out;
}

/** redis-server's log lines without their "pid:role date time level" prefix. */
export function readServerLog(file: string): string[] {
  return readFileSync(file, 'latin1').split('\n').map((line) => line.replace(/^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [#*.-] /, ''));
}
