import { type ChildProcess, spawn } from 'node:child_process';
import { FakeServer } from '@fakeredis/core';
import { TcpFakeServer } from '@fakeredis/server';
import { redisServerAvailable, type RealServer, startRealServer } from '@fakeredis/tooling/conformance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mixins } from '../conformance/server.js';

/** redis-cli in subscribe mode: its output, and a way to wait for a number of lines. */
function subscriber(port: number, args: string[]): { child: ChildProcess; lines: (count: number) => Promise<string[]> } {
  const child = spawn('redis-cli', ['-p', String(port), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters: Array<() => void> = [];
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('latin1');
    for (const waiter of waiters.splice(0)) waiter();
  });
  const lines = (count: number) =>
    new Promise<string[]>((resolve) => {
      const check = () => {
        const all = output.split('\n');
        if (all.length > count) resolve(all.slice(0, count));
        else waiters.push(check);
      };
      check();
    });
  return { child, lines };
}

/**
 * One session: redis-cli subscribes (SUBSCRIBE c d, or -3 PSUBSCRIBE), then `publish`
 * sends messages from another connection; returns everything redis-cli printed.
 */
async function session(port: number, args: string[], confirmations: number, publish: () => Promise<void>, messages: number): Promise<string[]> {
  const sub = subscriber(port, args);
  try {
    await sub.lines(confirmations * 3);
    await publish();
    return await sub.lines(confirmations * 3 + messages);
  } finally {
    sub.child.kill();
  }
}

describe.skipIf(!redisServerAvailable())('redis-cli in subscribe mode over TCP (vs redis-server)', () => {
  let real: RealServer;
  let tcp: TcpFakeServer;
  beforeAll(async () => {
    real = await startRealServer();
    tcp = await new TcpFakeServer({ server: new FakeServer({ mixins }), port: 0 }).listen();
  });
  afterAll(async () => {
    await tcp?.close();
    tcp?.server.close();
    await real?.stop();
  });

  const cases: Array<{ name: string; args: string[]; confirmations: number; publish: Array<[string, string]>; messages: number }> = [
    { name: 'SUBSCRIBE (RESP2)', args: ['SUBSCRIBE', 'c', 'd'], confirmations: 2, publish: [['c', 'hello'], ['x', 'no'], ['d', 'two words']], messages: 6 },
    { name: 'PSUBSCRIBE (RESP3)', args: ['-3', 'PSUBSCRIBE', 'p*'], confirmations: 1, publish: [['pq', 'hi'], ['q', 'no']], messages: 4 },
    { name: 'SSUBSCRIBE', args: ['SSUBSCRIBE', 's'], confirmations: 1, publish: [], messages: 0 },
  ];

  for (const { name, args, confirmations, publish, messages } of cases) {
    it(name, async () => {
      const viaCli = (port: number) => async () => {
        for (const [channel, message] of publish) {
          const child = spawn('redis-cli', ['-p', String(port), 'PUBLISH', channel, message]);
          await new Promise((r) => child.on('close', r));
        }
      };
      const expected = await session(real.port, args, confirmations, viaCli(real.port), messages);
      const actual = await session(tcp.port as number, args, confirmations, viaCli(tcp.port as number), messages);
      expect(actual).toEqual(expected);
      expect(expected.length).toBe(confirmations * 3 + messages);
    });
  }

  it('the subscriber disappears when redis-cli exits', async () => {
    const sub = subscriber(tcp.port as number, ['SUBSCRIBE', 'gone']);
    await sub.lines(3);
    expect(tcp.server.pubsub.subscriptions().channels.get('gone')).toBe(1);
    sub.child.kill();
    await new Promise((r) => sub.child.on('close', r));
    for (let i = 0; i < 100 && tcp.server.pubsub.channelCount > 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(tcp.server.call('PUBSUB', 'NUMSUB', 'gone')).toEqual(['gone', 0]);
  });
});
