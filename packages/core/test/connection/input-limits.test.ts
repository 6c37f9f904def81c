import { readFileSync, rmSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { ListCommands } from '@fakeredis/lists';
import { PubSubCommands } from '@fakeredis/pubsub';
import { StringCommands } from '@fakeredis/strings';
import { redisServerAvailable, startRealServer, type RealServer } from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachStream, coreMixins, FakeServer } from '../../src/index.js';

// The input side of Redis's limits, over TCP against redis-server 7.0.15: what each server
// answers, whether it closes the connection, and what it logs.

interface Outcome {
  /** What the server wrote back (latin1, cut to 300 bytes) and how much. */
  out: string;
  length: number;
  closed: boolean;
}

/** A fake server behind a real TCP listener, its log lines collected. */
class FakeTcp {
  readonly server = new FakeServer({ mixins: [...coreMixins, StringCommands, ListCommands, PubSubCommands] });
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A connection that records what arrives and whether the server closed it. */
function open(port: number): Promise<{ write: (data: string | Buffer) => void; outcome: () => Outcome; end: () => void }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let closed = false;
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
        end: () => socket.destroy(),
      }),
    );
  });
}

/** Sends `chunks` (a pause between them) on a new connection and reports what happened. */
async function probe(port: number, chunks: Array<string | Buffer>, wait = 300): Promise<Outcome> {
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
async function command(port: number, raw: string): Promise<string> {
  return (await probe(port, [raw], 100)).out;
}

const available = redisServerAvailable();
const LOG_FILE = `/tmp/fakeredis-input-limits-${process.pid}.log`;

describe.skipIf(!available)('input limits against redis-server', () => {
  let real: RealServer;
  const fake = new FakeTcp();
  const both = async (raw: string) => {
    expect(await command(fake.port, raw)).toBe(await command(real.port, raw));
  };
  const realLog = () => readFileSync(LOG_FILE, 'latin1').split('\n').map((line) => line.replace(/^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [#*.-] /, ''));

  beforeAll(async () => {
    real = await startRealServer(['--logfile', LOG_FILE, '--loglevel', 'verbose']);
    await fake.start();
  });
  afterAll(async () => {
    fake.stop();
    await real?.stop();
    rmSync(LOG_FILE, { force: true });
  });

  it('closes an HTTP request (POST, Host:) without replies, as securityWarningCommand, logging it once a minute', async () => {
    const inputs = [
      'POST / HTTP/1.1\r\nHost: x\r\n\r\n',
      'Host: x\r\nPING\r\n',
      'PING\r\npost x\r\n',
      '*1\r\n$4\r\nPOST\r\n',
      'host: x\r\n',
      'MULTI\r\nHOST:\r\n',
      // Only the exact names: these are unknown commands.
      'Host:x\r\n',
      'POSTS\r\n',
    ];
    for (const input of inputs) {
      const [r, f] = await Promise.all([probe(real.port, [input]), probe(fake.port, [input])]);
      expect(f, JSON.stringify(input)).toEqual(r);
    }
    const warning = 'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.';
    expect(realLog().filter((line) => line === warning)).toHaveLength(1);
    expect(fake.log.filter((line) => line === warning)).toHaveLength(1);
  });

  it('closes a client whose query buffer passes client-query-buffer-limit, logging it', async () => {
    await both('CONFIG SET client-query-buffer-limit 1mb\r\n');
    const bigBulk = ['*2\r\n$4\r\nECHO\r\n$2000000\r\n', Buffer.alloc(1_100_000, 97)];
    const inOneWrite = [Buffer.concat([Buffer.from('PING\r\n*2\r\n$4\r\nECHO\r\n$1500000\r\n'), Buffer.alloc(1_500_002, 97)])];
    // Pipelined commands are read and run a buffer at a time: no limit is reached.
    const pipelined = [Buffer.from(`ECHO ${'x'.repeat(1000)}\r\n`.repeat(1200))];
    for (const chunks of [bigBulk, inOneWrite, pipelined]) {
      const [r, f] = await Promise.all([probe(real.port, chunks, 500), probe(fake.port, chunks, 500)]);
      expect(f).toEqual(r);
    }
    // How far past the limit a client got depends on how the bytes arrived in each read:
    // qbuf (and the memory figures) are left out.
    const closing = (lines: string[]) =>
      lines
        .filter((line) => line.startsWith('Closing client that reached max query buffer length'))
        .map((line) =>
          line.replace(/id=\d+ addr=\S+ laddr=\S+ fd=\d+ name= age=\d+/, '').replace(/ qbuf=\d+ qbuf-free=\d+/, '').replace(/ rbp=\d+/, '').replace(/ tot-mem=\d+/, ''),
        );
    expect(closing(fake.log)).toEqual(closing(realLog()));
    expect(closing(fake.log)).toHaveLength(2);
    await both('CONFIG SET client-query-buffer-limit 1gb\r\n');
  });

  it('counts the input a blocked client has not run against the limit', async () => {
    await both('CONFIG SET client-query-buffer-limit 1mb\r\n');
    const chunks = ['BLPOP nolist 0\r\n', Buffer.from('PING\r\n'.repeat(100_000)), Buffer.from('PING\r\n'.repeat(100_000))];
    const [r, f] = await Promise.all([probe(real.port, chunks, 800), probe(fake.port, chunks, 800)]);
    expect(r.closed).toBe(true);
    expect(f).toEqual(r);
    await both('CONFIG SET client-query-buffer-limit 1gb\r\n');
  });

  it('answers framing errors with Redis texts and closes (proto-max-bulk-len, unauthenticated limits, long count lines)', async () => {
    await both('CONFIG SET proto-max-bulk-len 1mb\r\n');
    const cases = [
      '*2\r\n$4\r\nECHO\r\n$1048577\r\n',
      `*2\r\n$4\r\nECHO\r\n$1048576\r\n${'z'.repeat(1_048_576)}\r\nPING\r\n`,
      `*${'1'.repeat(70_000)}`,
      `*1\r\n$${'1'.repeat(70_000)}`,
      `*1\r\n${'x'.repeat(70_000)}`,
      'PING\r\n*1\r\n$4\r\nPING\r',
    ];
    for (const input of cases) {
      const [r, f] = await Promise.all([probe(real.port, [input]), probe(fake.port, [input])]);
      expect(f, input.slice(0, 30)).toEqual(r);
    }
    await both('CONFIG SET proto-max-bulk-len 512mb\r\n');
    await both('CONFIG SET requirepass pw\r\n');
    for (const input of ['*11\r\n', '*10\r\n$16384\r\n', '*1\r\n$16385\r\n', 'AUTH pw\r\n*11\r\n$4\r\nPING\r\n']) {
      const [r, f] = await Promise.all([probe(real.port, [input]), probe(fake.port, [input])]);
      expect(f, input).toEqual(r);
    }
    for (const port of [real.port, fake.port]) await command(port, 'AUTH pw\r\nCONFIG SET requirepass ""\r\n');
    // Protocol errors are logged at verbose level with the input where parsing stopped.
    const protocolErrors = (lines: string[]) =>
      lines.filter((line) => line.startsWith('Protocol error (')).map((line) => line.replace(/from client: .* cmd=(\S+) .*?\. Query/, 'from client: cmd=$1. Query'));
    expect(protocolErrors(fake.log)).toEqual(protocolErrors(realLog()));
  });
});
