import { rmSync } from 'node:fs';
import { redisServerAvailable, startRealServer, type RealServer } from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeTcp, type Outcome, probeBoth, readServerLog } from './tcp-pair.js';

// The input side of Redis's limits, over TCP against redis-server 7.0.15: what each server
// answers, whether it closes the connection, and what it logs.

const available = redisServerAvailable();
const LOG_FILE = `/tmp/fakeredis-input-limits-${process.pid}.log`;

describe.skipIf(!available)('input limits against redis-server', () => {
  let real: RealServer;
  const fake = new FakeTcp();
  const both = async (chunks: Array<string | Buffer>, wait?: number): Promise<[Outcome, Outcome]> => probeBoth(real.port, fake.port, chunks, wait);
  const same = async (raw: string) => {
    const [r, f] = await both([raw], 100);
    expect(f.out).toBe(r.out);
  };
  const realLog = () => readServerLog(LOG_FILE);

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
      const [r, f] = await both([input]);
      expect(f, JSON.stringify(input)).toEqual(r);
    }
    const warning = 'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.';
    expect(realLog().filter((line) => line === warning)).toHaveLength(1);
    expect(fake.log.filter((line) => line === warning)).toHaveLength(1);
  });

  it('closes a client whose query buffer passes client-query-buffer-limit, logging it', async () => {
    await same('CONFIG SET client-query-buffer-limit 1mb\r\n');
    const bigBulk = ['*2\r\n$4\r\nECHO\r\n$2000000\r\n', Buffer.alloc(1_100_000, 97)];
    const inOneWrite = [Buffer.concat([Buffer.from('PING\r\n*2\r\n$4\r\nECHO\r\n$1500000\r\n'), Buffer.alloc(1_500_002, 97)])];
    // Pipelined commands are read and run a buffer at a time: no limit is reached.
    const pipelined = [Buffer.from(`ECHO ${'x'.repeat(1000)}\r\n`.repeat(1200))];
    for (const chunks of [bigBulk, inOneWrite, pipelined]) {
      const [r, f] = await both(chunks, 500);
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
    await same('CONFIG SET client-query-buffer-limit 1gb\r\n');
  });

  it('counts the input a blocked client has not run against the limit', async () => {
    await same('CONFIG SET client-query-buffer-limit 1mb\r\n');
    const chunks = ['BLPOP nolist 0\r\n', Buffer.from('PING\r\n'.repeat(100_000)), Buffer.from('PING\r\n'.repeat(100_000))];
    const [r, f] = await both(chunks, 800);
    expect(r.closed).toBe(true);
    expect(f).toEqual(r);
    await same('CONFIG SET client-query-buffer-limit 1gb\r\n');
  });

  it('answers framing errors with Redis texts and closes (proto-max-bulk-len, unauthenticated limits, long count lines)', async () => {
    await same('CONFIG SET proto-max-bulk-len 1mb\r\n');
    const cases = [
      '*2\r\n$4\r\nECHO\r\n$1048577\r\n',
      `*2\r\n$4\r\nECHO\r\n$1048576\r\n${'z'.repeat(1_048_576)}\r\nPING\r\n`,
      `*${'1'.repeat(70_000)}`,
      `*1\r\n$${'1'.repeat(70_000)}`,
      `*1\r\n${'x'.repeat(70_000)}`,
      'PING\r\n*1\r\n$4\r\nPING\r',
    ];
    for (const input of cases) {
      const [r, f] = await both([input]);
      expect(f, input.slice(0, 30)).toEqual(r);
    }
    await same('CONFIG SET proto-max-bulk-len 512mb\r\n');
    await same('CONFIG SET requirepass pw\r\n');
    for (const input of ['*11\r\n', '*10\r\n$16384\r\n', '*1\r\n$16385\r\n', 'AUTH pw\r\n*11\r\n$4\r\nPING\r\n']) {
      const [r, f] = await both([input]);
      expect(f, input).toEqual(r);
    }
    await same('AUTH pw\r\nCONFIG SET requirepass ""\r\n');
    // Protocol errors are logged at verbose level with the input where parsing stopped.
    const protocolErrors = (lines: string[]) =>
      lines.filter((line) => line.startsWith('Protocol error (')).map((line) => line.replace(/from client: .* cmd=(\S+) .*?\. Query/, 'from client: cmd=$1. Query'));
    expect(protocolErrors(fake.log)).toEqual(protocolErrors(realLog()));
  });
});
