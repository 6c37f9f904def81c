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
  /** What take() would return, left in place. */
  peek(): string;
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
        peek: () => Buffer.concat(chunks.slice(taken)).toString('latin1'),
        get closed() {
          return closed;
        },
        localPort: socket.localPort as number,
        end: () => socket.destroy(),
      }),
    );
  });
}

/**
 * Sends `chunks` (a pause between them) to both servers at once, each on a new connection,
 * and reports what happened on each. After `wait` ms it polls until the two outcomes are
 * the same and have not moved since the last poll, for at most `deadline` ms: a loaded
 * machine can take far longer than `wait` to answer or close, on either side, and a
 * comparison made then compared a server that had answered with one that had not yet.
 * A real difference is still one when the deadline passes.
 */
export async function probeBoth(
  realPort: number,
  fakePort: number,
  chunks: Array<string | Buffer>,
  wait = 200,
  deadline = 10_000,
): Promise<[real: Outcome, fake: Outcome]> {
  const [real, fake] = await Promise.all([open(realPort), open(fakePort)]);
  for (const chunk of chunks) {
    real.write(chunk);
    fake.write(chunk);
    await sleep(30);
  }
  await sleep(wait);
  const until = Date.now() + deadline;
  let last = '';
  for (;;) {
    const outcomes: [Outcome, Outcome] = [real.outcome(), fake.outcome()];
    const [r, f] = outcomes.map((o) => JSON.stringify(o));
    if ((r === f && r === last) || Date.now() > until) {
      real.end();
      fake.end();
      return outcomes;
    }
    last = r === f ? (r as string) : '';
    await sleep(50);
  }
}

/** How many complete RESP2 replies `text` starts with (one cut short counts as none). */
export function countReplies(text: string): number {
  const reply = (at: number): number => {
    const eol = text.indexOf('\r\n', at);
    if (eol < 0) return -1;
    const n = Number(text.slice(at + 1, eol));
    switch (text[at]) {
      case '+':
      case '-':
      case ':':
        return eol + 2;
      case '$':
        return n < 0 ? eol + 2 : eol + 2 + n + 2 <= text.length ? eol + 2 + n + 2 : -1;
      case '*': {
        let next = eol + 2;
        for (let i = 0; i < n && next >= 0; i++) next = reply(next);
        return next;
      }
      default:
        return -1;
    }
  };
  let count = 0;
  for (let at = 0; at < text.length; count++) {
    at = reply(at);
    if (at < 0) break;
  }
  return count;
}

/** Polls `condition` every 10 ms until it holds or `ms` pass; whether it held. */
export async function waitFor(condition: () => boolean, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) return false;
    await sleep(10);
  }
  return true;
}

/** redis-server's log lines without their "pid:role date time level" prefix. */
export function readServerLog(file: string): string[] {
  return readFileSync(file, 'latin1').split('\n').map((line) => line.replace(/^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [#*.-] /, ''));
}
