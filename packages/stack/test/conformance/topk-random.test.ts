import { type ChildProcess, spawn } from 'node:child_process';
import { coreMixins, FakeServer, serverProfile } from '@fakeredis/core';
import { type Arg, compare, connectFake, connectReal, freePort, showWire, type Wire } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GlibcRandom, RAND_MAX, seedTopKRandom, TopKCommands } from '../../src/topk/index.js';
import { REDISBLOOM_ENV } from './server.js';

/**
 * Top-K's decay draws against the module, bit for bit. redis-server seeds glibc's rand()
 * once, srand(time(NULL) ^ getpid() ^ tv_usec), and the module draws from it. This test
 * starts redis-server 7.0.15 itself (and 7.4.1 when FAKEREDIS_REDIS_7_4 names it), so it
 * knows the pid and the second; reads 48 draws through a sketch where each ADD of a new
 * item says whether rand() / RAND_MAX < 0.5; finds the one seed of the million or so
 * candidates that gives them; seeds the fake with it; and compares every reply of both to
 * the probe and a workload of colliding items at several decays (2,000 commands, about
 * 311,000 draws; counts past the 256-entry table, where the decay is
 * pow(table[255], count / 255) * table[count % 255], included).
 */

const PROBE_BITS = 48;
const probe: Arg[][] = [
  ['TOPK.RESERVE', 'probe', '1', '1', '1', '0.5'],
  ['TOPK.INCRBY', 'probe', 'first', '1'],
  ...Array.from({ length: PROBE_BITS }, (_, i) => ['TOPK.ADD', 'probe', `p${i}`]),
];

/** A workload whose answers hang on the draws: narrow sketches, several decays, large increments. */
function workload(): Arg[][] {
  const steps: Arg[][] = [
    ['TOPK.RESERVE', 'a', '5', '4', '3', '0.9'], ['TOPK.RESERVE', 'b', '3', '2', '2', '0.5'], ['TOPK.RESERVE', 'c', '4', '3', '2', '0.999'],
    ['TOPK.RESERVE', 'd', '10', '8', '7', '0.95'],
  ];
  let x = 1;
  const next = (n: number): number => {
    x = (x * 48271) % 2147483647;
    return x % n;
  };
  for (let i = 0; i < 2000; i++) {
    const key = 'abcd'[next(4)]!;
    const item = `w${next(key === 'd' ? 40 : 12)}`;
    switch (next(6)) {
      case 0: steps.push(['TOPK.INCRBY', key, item, String(next(key === 'c' ? 3000 : 300)), `w${next(12)}`, String(next(50))]); break;
      case 1: steps.push(['TOPK.LIST', key, 'WITHCOUNT']); break;
      case 2: steps.push(['TOPK.COUNT', key, item, `w${next(12)}`]); break;
      case 3: steps.push(['TOPK.QUERY', key, item]); break;
      default: steps.push(['TOPK.ADD', key, item, `w${next(12)}`, `w${next(40)}`]);
    }
  }
  for (const key of ['a', 'b', 'c', 'd']) steps.push(['TOPK.LIST', key, 'WITHCOUNT']);
  return steps;
}

/** The seed among time ^ pid ^ usec (usec below 10^6, time in the window) whose draws give `bits`. */
function findSeed(pid: number, fromSecond: number, toSecond: number, bits: boolean[]): number[] {
  const found = new Set<number>();
  const random = new GlibcRandom(1);
  for (let t = fromSecond; t <= toSecond; t++) {
    for (let usec = 0; usec < 1000000; usec++) {
      const seed = (t ^ pid ^ usec) >>> 0;
      random.seed(seed);
      let i = 0;
      while (i < bits.length && random.next() / RAND_MAX < 0.5 === bits[i]) i++;
      if (i === bits.length) found.add(seed);
    }
  }
  return [...found];
}

const module = referenceBinary(REDISBLOOM_ENV);

const servers: Array<[string, string | undefined, string]> = [['redis-server', 'redis-server', '7.0'], ['Redis 7.4', referenceBinary(referenceEnv('redis', '7.4')), '7.4']];

for (const [label, binary, version] of servers) describe.skipIf(module === undefined || binary === undefined)(`topk: decay draws against ${label}'s rand() (needs ${REDISBLOOM_ENV})`, () => {
  let child: ChildProcess;
  let port: number;
  let started: [number, number];

  beforeAll(async () => {
    port = await freePort();
    const before = Math.floor(Date.now() / 1000);
    child = spawn(binary!, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp', '--dbfilename', `topk-random-${port}.rdb`, '--loadmodule', module!], { stdio: 'ignore' });
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        const { conn, close } = await connectReal(port);
        const pong = await conn.send(['PING']);
        close();
        if (pong.t === 'simple') break;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    started = [before, Math.floor(Date.now() / 1000)];
  });

  afterAll(() => {
    child?.kill('SIGKILL');
  });

  it('the seed is found from the draws, and every reply of the probe and the workload is the module\'s', async () => {
    const real = await connectReal(port);
    const realReplies: Wire[] = [];
    for (const command of probe) realReplies.push(await real.conn.send(command));
    const bits = realReplies.slice(2).map((reply) => {
      // A new item takes the bucket (and the list, expelling the last) exactly when its draw decays the count.
      if (reply.t !== 'array' || reply.v.length !== 1) throw new Error(`unexpected reply ${showWire(reply)}`);
      return reply.v[0]!.t === 'bulk';
    });
    const seeds = findSeed(child.pid!, started[0] - 1, started[1] + 1, bits);
    expect(seeds.length).toBe(1);

    const server = new FakeServer({ mixins: [...coreMixins, TopKCommands], profile: serverProfile('redis', version) });
    try {
      seedTopKRandom(server, seeds[0]!);
      const fake = connectFake(server);
      const mismatches: string[] = [];
      const steps = [...probe, ...workload()];
      for (const [index, command] of steps.entries()) {
        const expected = index < probe.length ? realReplies[index]! : await real.conn.send(command);
        const diff = compare(expected, await fake.conn.send(command), 'exact');
        if (diff) mismatches.push(`step ${index} ${command.join(' ')}: ${diff}`);
        if (mismatches.length > 5) break;
      }
      fake.close();
      expect(mismatches.join('\n')).toBe('');
    } finally {
      server.close();
      real.close();
    }
  }, 600_000);
});
