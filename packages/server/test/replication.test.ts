import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisServerAvailable } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { afterAll, describe, expect, it } from 'vitest';
import Redis from 'ioredis';
import type { FakeServer } from '@fakeredis/core';
import { TcpFakeServer } from '../src/index.js';
import { buildCli, cliEnv, cliPath, freePort, rawConnection, redisCli } from './helpers.js';

/**
 * A real redis-server 7.0 as a replica of TcpFakeServer (and, for comparison, of a real
 * redis-server): the handshake, the full resync (disk and diskless), the stream, ROLE,
 * INFO replication, WAIT and the disconnection of the replica.
 */

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fakeredis-repl-'));
  dirs.push(dir);
  return dir;
}

/** Starts a real redis-server on a private port with `args`, resolved once it answers PING. */
async function startRedis(args: string[], binary = 'redis-server'): Promise<{ port: number; child: ChildProcess; stop: () => void }> {
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--save', '', '--dir', tempDir(), '--daemonize', 'no', '--enable-debug-command', 'yes', ...args], { stdio: 'ignore' });
  children.push(child);
  for (let i = 0; i < 200; i++) {
    if ((await cli(port, 'PING').catch(() => '')) === 'PONG\n') break;
    await sleep(25);
  }
  return { port, child, stop: () => child.kill('SIGKILL') };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cli = async (port: number, ...args: string[]): Promise<string> => (await redisCli(['-p', String(port), ...args])).stdout;

/** Waits until `check` holds (polling), failing after `ms`. */
async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error('condition not reached');
}

/** Keys whose DEBUG DIGEST-VALUE or TTL presence differs between the fake and the replica, per database. */
async function differingKeys(master: FakeServer, replicaPort: number, dbs: string[]): Promise<string[]> {
  const out: string[] = [];
  const replica = new Redis(replicaPort, { lazyConnect: true });
  await replica.connect();
  for (const db of dbs) {
    master.command('SELECT', db);
    await replica.select(Number(db));
    const keys = master.command<string[]>('KEYS', '*').sort();
    const theirKeys = (await replica.keys('*')).sort();
    if (keys.join() !== theirKeys.join()) out.push(`${db}: keys ${keys.join(' ')} / ${theirKeys.join(' ')}`);
    for (const key of keys) {
      const mine = `${master.command('DEBUG', 'DIGEST-VALUE', key)} ${master.command('PTTL', key) !== -1 ? 'ttl' : ''}`;
      const theirs = `${await replica.call('DEBUG', 'DIGEST-VALUE', key)} ${(await replica.pttl(key)) !== -1 ? 'ttl' : ''}`;
      if (mine !== theirs) out.push(`${db}:${key} ${mine} / ${theirs}`);
    }
  }
  master.command('SELECT', '0');
  replica.disconnect();
  return out;
}

async function linkUp(replicaPort: number): Promise<boolean> {
  return (await cli(replicaPort, 'INFO', 'replication')).includes('master_link_status:up');
}

describe.skipIf(!redisServerAvailable())('a real replica of fakeredis-server', () => {
  it('syncs (diskless, no delay) and follows the dataset', async () => {
    const tcp = await new TcpFakeServer({ port: 0, config: { 'repl-diskless-sync-delay': 0, dir: tempDir(), 'enable-debug-command': 'yes' } }).listen();
    const master = tcp.server;
    master.call('SET', 'a', '1');
    master.call('RPUSH', 'l', 'x', 'y');
    const replica = await startRedis(['--replicaof', '127.0.0.1', String(tcp.port)]);
    await until(() => linkUp(replica.port));
    expect(await cli(replica.port, 'GET', 'a')).toBe('1\n');
    expect(await cli(replica.port, 'DEBUG', 'DIGEST')).toBe(`${master.command('DEBUG', 'DIGEST')}\n`);
    replica.stop();
    await tcp.close();
  });

  it('follows a workload: MULTI, EVAL, expiry, SPOP, blocking pops, databases', async () => {
    const tcp = await new TcpFakeServer({ port: 0, config: { 'repl-diskless-sync-delay': 0, dir: tempDir(), 'enable-debug-command': 'yes' } }).listen();
    const master = tcp.server;
    master.seed(7);
    master.call('SET', 'before', 'sync');
    const replica = await startRedis(['--replicaof', '127.0.0.1', String(tcp.port)]);
    await until(() => linkUp(replica.port));
    const a = new Redis(tcp.port!, { lazyConnect: true });
    const b = new Redis(tcp.port!, { lazyConnect: true });
    await a.connect();
    await b.connect();
    const popped = b.blpop('queue', 5);
    await a.set('k', 'v', 'EX', 100);
    await a.incrbyfloat('f', '1.5');
    await a.multi().set('m1', '1').incr('m1').lpush('queue', 'x', 'y').exec();
    expect(await popped).toEqual(['queue', 'y']);
    await a.sadd('s', 'a', 'b', 'c', 'd', 'e');
    await a.spop('s', 2);
    await a.srandmember('s');
    await a.eval("redis.call('set', KEYS[1], ARGV[1]); return redis.call('incr', KEYS[2])", 2, 'e1', 'e2', 'val');
    await a.set('short', '1', 'PX', 50);
    await a.expire('before', 1000);
    await a.select(3);
    await a.hset('h', 'a', '1', 'b', '2');
    await a.zadd('z', 1, 'one', 2, 'two');
    await a.zpopmin('z');
    await a.setex('gone', 1, 'x');
    await sleep(1200);
    await a.get('gone');
    await a.select(0);
    await a.get('short');
    expect(await a.wait(1, 5000)).toBe(1);
    for (const db of ['0', '3']) {
      const keys = (await cli(replica.port, '-n', db, 'KEYS', '*')).split('\n').filter(Boolean).sort();
      expect(keys).toEqual((master.command('SELECT', db), master.command<string[]>('KEYS', '*').sort()));
    }
    expect(await differingKeys(master, replica.port, ['0', '3'])).toEqual([]);
    master.command('SELECT', '0');
    expect(await cli(replica.port, 'DEBUG', 'DIGEST')).toBe(`${master.command('DEBUG', 'DIGEST')}\n`);
    a.disconnect();
    b.disconnect();
    replica.stop();
    await tcp.close();
  });

  it.each([
    ['diskless, attached before', { 'repl-diskless-sync-delay': 0 }, false],
    ['from a file on disk written while the workload runs', { 'repl-diskless-sync': 'no', 'rdb-key-save-delay': 5000 }, true],
    ['diskless after the delay, attached while the workload runs', { 'repl-diskless-sync-delay': 1 }, true],
  ] as const)('follows a random workload of every data type (seeded): %s', async (_name, config, midway) => {
    const tcp = await new TcpFakeServer({ port: 0, config: { dir: tempDir(), 'enable-debug-command': 'yes', ...config } }).listen();
    const master = tcp.server;
    master.seed(11);
    let replica: Awaited<ReturnType<typeof startRedis>> | undefined;
    if (!midway) {
      replica = await startRedis(['--replicaof', '127.0.0.1', String(tcp.port)]);
      await until(() => linkUp(replica!.port));
    }
    const a = new Redis(tcp.port!, { lazyConnect: true });
    await a.connect();
    let seed = 12345;
    // mulberry32
    const rand = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    const key = (prefix: string) => `${prefix}${rand(8)}`;
    const templates: Array<() => Array<string | number>> = [
      () => ['SET', key('s'), String(rand(1000))],
      () => ['SET', key('s'), 'x', 'EX', 1000 + rand(100)],
      () => ['SET', key('s'), 'y', 'PX', 100000, 'GET'],
      () => ['SET', key('s'), 'z', 'KEEPTTL'],
      () => ['INCRBY', key('n'), rand(10)],
      () => ['INCRBYFLOAT', key('f'), '1.25'],
      () => ['APPEND', key('s'), 'ab'],
      () => ['SETRANGE', key('s'), rand(5), 'zz'],
      () => ['GETEX', key('s'), 'EX', 500],
      () => ['GETDEL', key('s')],
      () => ['EXPIRE', key('s'), 300],
      () => ['PEXPIRE', key('l'), 400000],
      () => ['PERSIST', key('s')],
      () => ['DEL', key('s'), key('l')],
      () => ['RENAME', key('h'), key('h')],
      () => ['LPUSH', key('l'), 'a', 'b', 'c'],
      () => ['RPOP', key('l'), 2],
      () => ['LMOVE', key('l'), key('l'), 'LEFT', 'RIGHT'],
      () => ['LINSERT', key('l'), 'BEFORE', 'a', 'q'],
      () => ['LTRIM', key('l'), 0, 3],
      () => ['SADD', key('t'), 'a', 'b', 'c', 'd', String(rand(20))],
      () => ['SPOP', key('t')],
      () => ['SPOP', key('t'), 2],
      () => ['SMOVE', key('t'), key('t'), 'a'],
      () => ['SUNIONSTORE', key('t'), key('t'), key('t')],
      () => ['SINTERSTORE', key('t'), key('t'), key('t')],
      () => ['HSET', key('h'), 'f', String(rand(9)), 'g', 'v'],
      () => ['HINCRBYFLOAT', key('h'), 'x', '0.5'],
      () => ['HDEL', key('h'), 'f'],
      () => ['HSETNX', key('h'), 'n', '1'],
      () => ['ZADD', key('z'), rand(100), `m${rand(10)}`, rand(100), `m${rand(10)}`],
      () => ['ZINCRBY', key('z'), 2.5, 'm1'],
      () => ['ZPOPMIN', key('z')],
      () => ['ZPOPMAX', key('z'), 2],
      () => ['ZREMRANGEBYRANK', key('z'), 0, 0],
      () => ['ZUNIONSTORE', key('z'), 2, key('z'), key('z'), 'WEIGHTS', 1, 2],
      () => ['PFADD', key('p'), 'a', String(rand(100))],
      () => ['PFMERGE', key('p'), key('p')],
      () => ['SETBIT', key('b'), rand(64), 1],
      () => ['BITOP', 'OR', key('b'), key('b'), key('b')],
      () => ['BITFIELD', key('b'), 'INCRBY', 'u8', 0, 7],
      () => ['GEOADD', key('g'), '13.36', '38.11', `p${rand(3)}`],
      () => ['COPY', key('h'), key('h'), 'REPLACE'],
      () => ['EVAL', "redis.call('incr', KEYS[1]); return redis.call('sadd', KEYS[2], ARGV[1])", 2, key('n'), key('t'), 'e'],
      () => ['EVAL', "return redis.call('spop', KEYS[1])", 1, key('t')],
      () => ['SELECT', rand(3)],
    ];
    const commands: Array<Array<string | number>> = [];
    for (let i = 0; i < 1500; i++) commands.push((templates[rand(templates.length)] as () => Array<string | number>)());
    for (let i = 0; i < commands.length; i += 50) {
      if (midway && i === 500) replica = await startRedis(['--replicaof', '127.0.0.1', String(tcp.port)]);
      if (midway && i >= 500) await sleep(50);
      const batch = commands.slice(i, i + 50);
      if (rand(4) === 0) {
        const multi = a.multi();
        for (const command of batch) multi.call(...(command as [string, ...Array<string | number>]));
        await multi.exec();
      } else {
        const pipeline = a.pipeline();
        for (const command of batch) pipeline.call(...(command as [string, ...Array<string | number>]));
        await pipeline.exec();
      }
    }
    if (replica === undefined) throw new Error('no replica');
    await until(() => linkUp(replica!.port));
    expect(await a.wait(1, 5000)).toBe(1);
    const sizes = [0, 1, 2].map((db) => master.databases[db]!.size);
    expect(sizes.reduce((x, y) => x + y)).toBeGreaterThan(30);
    expect(await differingKeys(master, replica.port, ['0', '1', '2'])).toEqual([]);
    expect(await cli(replica.port, 'DEBUG', 'DIGEST')).toBe(`${master.command('DEBUG', 'DIGEST')}\n`);
    a.disconnect();
    replica.stop();
    await tcp.close();
  }, 60_000);

  it('follows streams: XADD with generated ids, consumer groups, XREADGROUP, XCLAIM, XAUTOCLAIM, XTRIM', async () => {
    const tcp = await new TcpFakeServer({ port: 0, config: { 'repl-diskless-sync-delay': 0, dir: tempDir(), 'enable-debug-command': 'yes' } }).listen();
    const master = tcp.server;
    const replica = await startRedis(['--replicaof', '127.0.0.1', String(tcp.port)]);
    await until(() => linkUp(replica.port));
    const a = new Redis(tcp.port!, { lazyConnect: true });
    await a.connect();
    for (let i = 0; i < 5; i++) await a.xadd('st', '*', 'f', String(i));
    await a.xadd('st', 'MAXLEN', '~', '100', '*', 'f', 'x');
    await a.xgroup('CREATE', 'st', 'g', '0');
    await a.xreadgroup('GROUP', 'g', 'c', 'COUNT', 2, 'STREAMS', 'st', '>');
    await a.xclaim('st', 'g', 'd', 0, (await a.xrange('st', '-', '+', 'COUNT', 1))[0]![0]);
    await a.xautoclaim('st', 'g', 'e', 0, '0', 'COUNT', 1);
    await a.xtrim('st', 'MAXLEN', 4);
    expect(await a.wait(1, 5000)).toBe(1);
    expect(await differingKeys(master, replica.port, ['0'])).toEqual([]);
    expect(await cli(replica.port, 'DEBUG', 'DIGEST')).toBe(`${master.command('DEBUG', 'DIGEST')}\n`);
    a.disconnect();
    replica.stop();
    await tcp.close();
  });
});

describe.skipIf(!redisServerAvailable())('fakeredis-server (the CLI) as a master', () => {
  it('acts on the replication directives and a real replica follows it', async () => {
    buildCli();
    const port = await freePort();
    const child = spawn(process.execPath, [cliPath, '--port', String(port), '--dir', tempDir(), '--repl-diskless-sync-delay', '0', '--repl-backlog-size', '2mb', '--min-replicas-max-lag', '5'], { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    await until(async () => stdout.includes('Ready to accept connections'), 60_000);
    expect(stdout).not.toContain('does not act on');
    await cli(port, 'SET', 'k', 'v');
    const replica = await startRedis(['--replicaof', '127.0.0.1', String(port)]);
    await until(() => linkUp(replica.port));
    expect(await cli(replica.port, 'GET', 'k')).toBe('v\n');
    expect(stdout).toMatch(/\* Synchronization with replica 127\.0\.0\.1:\d+ succeeded/);
    replica.stop();
    child.kill('SIGTERM');
  }, 120_000);
});

for (const version of ['7.2', '7.4']) {
  const binary = referenceBinary(referenceEnv('redis', version));
  describe.skipIf(binary === undefined)(`a real redis-server ${version} replica of a fake emulating ${version}`, () => {
    it('syncs the RDB of that version and follows writes, WAIT counting it', async () => {
      const tcp = await new TcpFakeServer({ port: 0, version, config: { 'repl-diskless-sync-delay': 0, dir: tempDir(), 'enable-debug-command': 'yes' } }).listen();
      const master = tcp.server;
      master.call('SET', 'a', '1');
      master.call('HSET', 'h', 'f', 'v');
      master.call('ZADD', 'z', '1', 'm');
      const replica = await startRedis(['--replicaof', '127.0.0.1', String(tcp.port)], binary);
      await until(() => linkUp(replica.port));
      await cli(tcp.port!, 'RPUSH', 'l', 'x');
      expect(await cli(tcp.port!, 'WAIT', '1', '5000')).toBe('1\n');
      expect(await differingKeys(master, replica.port, ['0'])).toEqual([]);
      expect(await cli(replica.port, 'DEBUG', 'DIGEST')).toBe(`${master.command('DEBUG', 'DIGEST')}\n`);
      replica.stop();
      await tcp.close();
    });
  });
}

{
  const binary = referenceBinary(referenceEnv('redis', '7.2'));
  describe.skipIf(binary === undefined)('WAITAOF with replicas, as redis-server 7.2 counts them (REPLCONF ACK ... FACK)', () => {
    /** SET, then WAITAOF on the master: what it answers with the replica's AOF on, then off. */
    const scenario = async (master: number, replica: number): Promise<string[]> => {
      const out: string[] = [];
      await cli(replica, 'CONFIG', 'SET', 'appendonly', 'yes');
      await until(async () => (await cli(replica, 'INFO', 'persistence')).includes('aof_rewrite_in_progress:0'));
      await cli(replica, 'REPLICAOF', '127.0.0.1', String(master));
      await until(() => linkUp(replica));
      const waitaof = async (...args: string[]) => (await redisCli(['-p', String(master)], `SET k ${args.join('')}\nWAITAOF ${args.join(' ')}\n`)).stdout;
      // The replica's AOF restarted with a rewrite after the sync; its FACK reaches the write.
      out.push(await waitaof('0', '1', '10000'));
      out.push(await waitaof('1', '1', '10000'));
      out.push(await cli(master, 'WAITAOF', '0', '2', '100'));
      await cli(replica, 'CONFIG', 'SET', 'appendonly', 'no');
      // Without its AOF a replica sends no FACK: the last one it sent stays.
      out.push(await waitaof('0', '1', '1500'));
      out.push((await redisCli(['-p', String(master)], 'MULTI\nSET k v\nWAITAOF 0 1 0\nEXEC\n')).stdout);
      await cli(replica, 'REPLICAOF', 'NO', 'ONE');
      return out;
    };
    const fakeServer = async (): Promise<number> => {
      const tcp = await new TcpFakeServer({ port: 0, version: '7.2', config: { 'repl-diskless-sync-delay': 0, dir: tempDir() } }).listen();
      fakes.push(tcp);
      return tcp.port as number;
    };
    const fakes: TcpFakeServer[] = [];
    afterAll(async () => {
      for (const tcp of fakes) await tcp.close();
    });

    it('a fake replica sends FACK: a real master counts it', async () => {
      const master = await startRedis(['--appendonly', 'yes', '--repl-diskless-sync-delay', '0'], binary);
      const real = await scenario(master.port, (await startRedis([], binary)).port);
      const fake = await scenario(master.port, await fakeServer());
      expect(fake).toEqual(real);
    }, 60_000);

    it("a fake master counts a real replica's FACK", async () => {
      const replica = await startRedis([], binary);
      const real = await scenario((await startRedis(['--appendonly', 'yes', '--repl-diskless-sync-delay', '0'], binary)).port, replica.port);
      const fakeMaster = await fakeServer();
      await cli(fakeMaster, 'CONFIG', 'SET', 'appendonly', 'yes');
      const fake = await scenario(fakeMaster, replica.port);
      expect(fake).toEqual(real);
    }, 60_000);
  });
}

describe.skipIf(!redisServerAvailable())('SIGTERM with a lagging replica, as redis-server 7.0 does it', () => {
  it('waits up to shutdown-timeout, logs the lagging replica, then exits', async () => {
    buildCli();
    const run = async (kind: 'real' | 'fake'): Promise<string[]> => {
      const port = await freePort();
      const dir = tempDir();
      const args = ['--port', String(port), '--dir', dir, '--save', '', '--shutdown-timeout', '1', '--repl-diskless-sync-delay', '0', '--repl-ping-replica-period', '3600'];
      const child = kind === 'real'
        ? spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] })
        : spawn(process.execPath, [cliPath, ...args], { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      let stdout = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await until(async () => stdout.includes('Ready to accept connections'), 60_000);
      const replica = await startRedis(['--replicaof', '127.0.0.1', String(port)]);
      await until(() => linkUp(replica.port));
      // The master has logged the end of the sync (a loaded machine reaps the diskless child later).
      await until(async () => (await cli(port, 'INFO', 'replication')).includes('state=online'));
      replica.child.kill('SIGSTOP');
      await cli(port, 'SET', 'k', 'v');
      child.kill('SIGTERM');
      const code = await exited;
      replica.child.kill('SIGCONT');
      replica.stop();
      const lines = stdout.split('\n').map((l) => /^\d+:M \d+ \w+ \d+ [\d:.]+ ([*#]) (.*)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null).map((m) => `${m[1]} ${m[2]}`);
      const start = lines.findIndex((l) => l.includes('User requested shutdown'));
      return [`exit ${code}`, ...lines.slice(start, start + 4).map((l) => l.replace(/127\.0\.0\.1:\d+/g, '<replica>').replace(/offset \d+ behind/, 'offset <n> behind').replace(/lag=\d+/, 'lag=<lag>'))];
    };
    const real = await run('real');
    const fake = await run('fake');
    expect(fake).toEqual(real);
    expect(real).toContain('* Waiting for replicas before shutting down.');
  }, 120_000);
});

/** A master to compare: a real redis-server or fakeredis's TcpFakeServer, both on private ports. */
interface Master {
  port: number;
  stop(): Promise<void>;
}

async function realMaster(config: Record<string, string | number>): Promise<Master> {
  const args = Object.entries(config).flatMap(([name, value]) => [`--${name}`, String(value)]);
  const real = await startRedis(args);
  return { port: real.port, stop: async () => real.stop() };
}

async function fakeMaster(config: Record<string, string | number>): Promise<Master> {
  const tcp = await new TcpFakeServer({ port: 0, config: { dir: tempDir(), 'enable-debug-command': 'yes', ...config } }).listen();
  return { port: tcp.port as number, stop: () => tcp.close() };
}

const MASTERS = { real: realMaster, fake: fakeMaster };

/**
 * Resolves once a whole RDB transfer has arrived on a replica link: `$<length>` and that
 * many bytes, or `$EOF:<mark>` and the mark again (an RDB's own bytes may hold 0xff).
 */
async function rdbReceived(received: () => string, ms = 10_000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    const data = received();
    const eof = /\$EOF:([0-9a-f]{40})\r\n/.exec(data);
    if (eof !== null && data.indexOf(eof[1] as string, eof.index + eof[0].length) >= 0) return;
    const bulk = /\$(\d+)\r\nREDIS/.exec(data);
    if (bulk !== null && data.length - (bulk.index + bulk[0].length - 5) >= Number(bulk[1])) return;
    await sleep(20);
  }
  throw new Error('no whole RDB received');
}

/** RESP multibulk of `args`. */
function request(...args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`).join('')}`;
}

/** Sends requests on a new connection and returns what came back within `ms`. */
async function exchange(port: number, requests: string[], ms = 300): Promise<string> {
  const conn = await rawConnection({ port });
  conn.socket.write(requests.join(''));
  await sleep(ms);
  conn.socket.destroy();
  return conn.received();
}

/** Runs `scenario` against a real and a fake master started with `config`, and returns both results. */
async function onBoth<T>(config: Record<string, string | number>, scenario: (master: Master) => Promise<T>): Promise<{ real: T; fake: T }> {
  const out: Partial<Record<'real' | 'fake', T>> = {};
  for (const kind of ['real', 'fake'] as const) {
    const master = await MASTERS[kind](config);
    try {
      out[kind] = await scenario(master);
    } finally {
      await master.stop();
    }
  }
  return out as { real: T; fake: T };
}

/** INFO replication with what differs per run masked (ids, ports, times). */
function maskInfo(info: string): string {
  return info
    .replace(/master_replid:[0-9a-f]{40}/, 'master_replid:<id>')
    .replace(/port=\d+/g, 'port=<port>')
    .replace(/lag=\d+/g, 'lag=<lag>');
}

describe.skipIf(!redisServerAvailable())('fakeredis-server as a master answers as redis-server 7.0', () => {
  it('REPLCONF options, their errors, and commands refused before a sync', async () => {
    const longAddress = 'a'.repeat(300);
    const sequences = [
      [request('REPLCONF', 'listening-port', '9999'), request('REPLCONF', 'capa', 'eof', 'capa', 'psync2', 'capa', 'other'), request('REPLCONF', 'foo', 'bar'), request('PING')],
      [request('REPLCONF', 'ack', '5'), request('REPLCONF', 'getack', '*'), request('REPLCONF', 'ACK', 'x'), request('PING')],
      [request('REPLCONF', 'rdb-only', '2'), request('REPLCONF', 'rdb-only', 'x'), request('REPLCONF', 'rdb-only', '1'), request('REPLCONF', 'listening-port', 'x'), request('REPLCONF', 'listening-port', '-5')],
      [request('REPLCONF', 'ip-address', longAddress), request('REPLCONF', 'ip-address', '10.0.0.1'), request('REPLCONF'), request('REPLCONF', 'a'), request('REPLCONF', 'listening-port', '1', 'bad', 'x')],
      [request('REPLCONF', 'rdb-filter-only', "'unbalanced"), request('REPLCONF', 'rdb-filter-only', 'functions x'), request('REPLCONF', 'rdb-filter-only', 'functions'), request('REPLCONF', 'rdb-filter-only', '')],
      [request('PSYNC', 'x', 'y'), request('PSYNC', 'abc', '1', 'failover'), request('PSYNC', '?'), request('SYNC', 'x'), request('MULTI'), request('PSYNC', '?', '-1'), request('SYNC'), request('REPLCONF', 'ack', '1'), request('EXEC')],
      // A filter needs the EOF capability.
      [request('REPLCONF', 'rdb-filter-only', ''), request('PSYNC', '?', '-1')],
      // Pipelined after a reply still pending: refused.
      [request('PING') + request('PSYNC', '?', '-1')],
    ];
    const results = await onBoth({}, async (master) => {
      const out: string[] = [];
      for (const sequence of sequences) out.push(await exchange(master.port, sequence));
      return out;
    });
    expect(results.fake).toEqual(results.real);
  });

  it('a full resync: FULLRESYNC, the RDB with its replication aux fields (diskless and disk), and the stream', async () => {
    const shape = async (master: Master): Promise<string[]> => {
      await cli(master.port, 'SET', 'k', 'v');
      await cli(master.port, 'CONFIG', 'SET', 'repl-ping-replica-period', '3600');
      const conn = await rawConnection({ port: master.port });
      conn.socket.write(request('REPLCONF', 'capa', 'eof', 'capa', 'psync2'));
      await conn.waitFor('+OK\r\n');
      conn.socket.write(request('PSYNC', '?', '-1'));
      await rdbReceived(conn.received, 5000).catch(() => undefined);
      await sleep(200);
      // A diskless replica gets the stream from its first ACK on.
      conn.socket.write(request('REPLCONF', 'ACK', '0'));
      await sleep(100);
      await cli(master.port, 'SET', 'after', '1');
      await cli(master.port, 'SELECT', '2');
      await cli(master.port, '-n', '2', 'DEL', 'nothing');
      await cli(master.port, '-n', '2', 'LPUSH', 'l', 'a');
      await sleep(200);
      const received = conn.received();
      conn.socket.destroy();
      return describeSync(received);
    };
    const diskless = await onBoth({ 'repl-diskless-sync-delay': 0 }, shape);
    expect(diskless.fake).toEqual(diskless.real);
    expect(diskless.real[0]).toMatch(/^\+FULLRESYNC <id> 0\r\n\$EOF:<mark>\r\n$/);
    expect(diskless.real[3]).toContain('SELECT');
    const disk = await onBoth({ 'repl-diskless-sync': 'no' }, shape);
    expect(disk.fake).toEqual(disk.real);
    expect(disk.real[0]).toMatch(/^\+FULLRESYNC <id> 0\r\n\$<length>\r\n$/);
  });
});

describe.skipIf(!redisServerAvailable())('fakeredis-server with a real replica answers as redis-server 7.0 does with it', () => {
  it('INFO replication, ROLE, WAIT, CLIENT LIST, min-replicas-to-write, a partial resync and the replica leaving', async () => {
    const scenario = async (master: Master): Promise<string[]> => {
      const out: string[] = [];
      const m = (...args: string[]) => cli(master.port, ...args);
      await m('SET', 'a', '1');
      out.push(maskInfo(await m('INFO', 'replication')));
      const replica = await startRedis(['--replicaof', '127.0.0.1', String(master.port)]);
      await until(() => linkUp(replica.port));
      await until(async () => (await m('INFO', 'replication')).includes('state=online'));
      await m('SET', 'b', '2');
      await m('MULTI');
      out.push(await redisCli(['-p', String(master.port)], 'MULTI\nSET c 3\nINCR n\nEXEC\n').then((r) => r.stdout));
      out.push(await m('WAIT', '1', '2000'));
      out.push(await m('WAIT', '0', '0'));
      out.push(await m('WAIT', '2', '300'));
      // FAILOVER's checks with a replica connected (none that would start one on redis-server).
      for (const args of [['FORCE'], ['TO', '127.0.0.1', '1'], ['TO', '127.0.0.1', '1', 'FORCE'], ['TIMEOUT', '10', 'TO', '127.0.0.1', '1', 'FORCE'], ['TIMEOUT', '0'], ['TO', '127.0.0.1', 'x'], ['ABORT']]) {
        out.push(await m('FAILOVER', ...args));
      }
      await until(async () => /offset=(\d+)/.exec(await m('INFO', 'replication'))?.[1] === /master_repl_offset:(\d+)/.exec(await m('INFO', 'replication'))?.[1]);
      out.push(maskInfo(await m('INFO', 'replication')));
      out.push((await m('ROLE')).replace(/^\d{4,5}$/m, '<port>'));
      out.push((await cli(master.port, '-3', 'ROLE')).replace(/^\d{4,5}$/m, '<port>'));
      out.push((await m('CLIENT', 'LIST', 'TYPE', 'replica')).replace(/^.*flags=(\S+).*cmd=(\S+).*$/m, 'flags=$1 cmd=$2'));
      out.push((await m('INFO', 'clients')).split('\r\n').filter((l) => l.startsWith('connected_clients')).join());
      out.push(await m('CONFIG', 'SET', 'min-replicas-to-write', '2'));
      out.push(await m('SET', 'x', '1'));
      out.push(await m('GET', 'a'));
      out.push(await redisCli(['-p', String(master.port)], 'MULTI\nSET x 1\nEXEC\n').then((r) => r.stdout));
      out.push((await m('INFO', 'replication')).split('\r\n').filter((l) => l.startsWith('min_slaves')).join());
      out.push(await m('CONFIG', 'SET', 'min-replicas-to-write', '1'));
      out.push(await m('SET', 'x', '1'));
      out.push(await m('CONFIG', 'SET', 'min-replicas-to-write', '0'));
      // The link drops: the replica comes back with PSYNC and continues from the backlog.
      out.push(await m('CLIENT', 'KILL', 'TYPE', 'replica'));
      await m('SET', 'during', 'gap');
      await until(() => linkUp(replica.port));
      await until(async () => (await m('INFO', 'replication')).includes('state=online'));
      out.push((await m('INFO', 'stats')).split('\r\n').filter((l) => l.startsWith('sync_')).join());
      await m('SET', 'after', 'gap');
      out.push(await m('WAIT', '1', '2000'));
      out.push(await cli(replica.port, 'GET', 'during'));
      out.push(await cli(replica.port, 'GET', 'after'));
      replica.stop();
      await until(async () => (await m('INFO', 'replication')).includes('connected_slaves:0'));
      out.push(maskInfo(await m('INFO', 'replication')));
      out.push(await m('ROLE'));
      return out;
    };
    const results = await onBoth({ 'repl-ping-replica-period': 3600 }, scenario);
    expect(results.fake).toEqual(results.real);
  }, 60_000);
});

describe.skipIf(!redisServerAvailable())('the replication backlog as redis-server 7.0 keeps it', () => {
  it('repl-backlog-size, the block-sized history and memory, and which PSYNC offsets it can serve', async () => {
    const value = 'v'.repeat(1000);
    const scenario = async (master: Master): Promise<string[]> => {
      const out: string[] = [];
      const m = (...args: string[]) => cli(master.port, ...args);
      const fields = async () =>
        [...(await m('INFO', 'replication')).split('\r\n'), ...(await m('INFO', 'memory')).split('\r\n')]
          .filter((l) => /^(master_repl_offset|repl_backlog|mem_replication_backlog|mem_total_replication|mem_clients_slaves|mem_not_counted_for_evict)/.test(l))
          .join(' ');
      out.push(await m('CONFIG', 'SET', 'repl-backlog-size', '20000'));
      const conn = await rawConnection({ port: master.port });
      conn.socket.write(request('REPLCONF', 'capa', 'eof', 'capa', 'psync2'));
      await conn.waitFor('+OK\r\n');
      conn.socket.write(request('PSYNC', '?', '-1'));
      await rdbReceived(conn.received);
      await sleep(100);
      conn.socket.write(request('REPLCONF', 'ACK', '0'));
      await sleep(100);
      const id = /FULLRESYNC ([0-9a-f]{40})/.exec(conn.received())?.[1] as string;
      out.push(await fields());
      await redisCli(['-p', String(master.port)], Array.from({ length: 80 }, (_, i) => `SET key${i} ${value}\n`).join(''));
      out.push(await fields());
      out.push(await m('CONFIG', 'SET', 'repl-backlog-size', '1'));
      out.push(await m('CONFIG', 'GET', 'repl-backlog-size'));
      await m('SET', 'one', 'more');
      out.push(await fields());
      const offset = Number(/master_repl_offset:(\d+)/.exec(await m('INFO', 'replication'))?.[1]);
      const first = Number(/repl_backlog_first_byte_offset:(\d+)/.exec(await m('INFO', 'replication'))?.[1]);
      for (const [replid, at] of [[id, first], [id, first - 1], [id, offset + 1], [id, offset + 2], ['0'.repeat(40), first], ['?', first]] as const) {
        const psyncConn = await rawConnection({ port: master.port });
        psyncConn.socket.write(request('REPLCONF', 'capa', 'psync2'));
        await psyncConn.waitFor('+OK\r\n');
        psyncConn.socket.write(request('PSYNC', replid, String(at)));
        // A full resync's RDB comes when its BGSAVE is written (later on a loaded machine).
        await Promise.race([rdbReceived(psyncConn.received, 5000).catch(() => undefined), psyncConn.waitFor('+CONTINUE')]);
        await sleep(300);
        psyncConn.socket.destroy();
        const psync = psyncConn.received();
        const masked = psync.replace(/[0-9a-f]{40}/g, '<id>');
        // Newlines a master sends while the BGSAVE runs are left out (the replica skips them).
        const head = /^\+OK\r\n(\+FULLRESYNC <id> \d+\r\n\n*\$\d+|\+CONTINUE <id>)\r\n/.exec(masked)?.[0] ?? masked;
        out.push(`${head.replace(/\n+\$/, '$')}<${masked.length - head.length} bytes>`);
      }
      out.push((await m('INFO', 'stats')).split('\r\n').filter((l) => l.startsWith('sync_')).join());
      conn.socket.destroy();
      return out;
    };
    const results = await onBoth({ 'repl-ping-replica-period': 3600, 'repl-diskless-sync-delay': 0, 'repl-diskless-sync': 'no' }, scenario);
    expect(results.fake).toEqual(results.real);
  }, 60_000);
});

describe.skipIf(!redisServerAvailable())('what a master logs about its replicas', () => {
  it('the lines of a diskless and a disk sync and of the replica leaving, as redis-server 7.0 logs them', async () => {
    const run = async (kind: 'real' | 'fake', config: Record<string, string | number>): Promise<string[]> => {
      let lines: string[] = [];
      let master: Master;
      if (kind === 'real') {
        const logfile = join(tempDir(), 'master.log');
        master = await realMaster({ ...config, logfile, loglevel: 'notice' });
        const { readFileSync } = await import('node:fs');
        const read = () => readFileSync(logfile, 'utf8').split('\n')
          .map((l) => /^\d+:M \d+ \w+ \d+ [\d:.]+ ([*#.-]) (.*)$/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => `${m[1]} ${m[2]}`);
        const stop = master.stop;
        master = { port: master.port, stop: async () => { lines = read(); await stop(); } };
      } else {
        const tcp = await new TcpFakeServer({ port: 0, config: { dir: tempDir(), ...config } }).listen();
        const symbols = { warning: '#', notice: '*', verbose: '-', debug: '.' } as const;
        const seen: string[] = [];
        tcp.server.hooks.log ??= [];
        tcp.server.hooks.log.push((level, message) => { if (level === 'warning' || level === 'notice') seen.push(`${symbols[level]} ${message}`); });
        master = { port: tcp.port as number, stop: async () => { lines = seen; await tcp.close(); } };
      }
      const replica = await startRedis(['--replicaof', '127.0.0.1', String(master.port)]);
      await until(() => linkUp(replica.port));
      await until(async () => (await cli(master.port, 'INFO', 'replication')).includes('state=online'));
      replica.stop();
      await until(async () => (await cli(master.port, 'INFO', 'replication')).includes('connected_slaves:0'));
      await master.stop();
      // From the first replica line on; the replica's port and the replication ids vary.
      const start = lines.findIndex((l) => l.includes('asks for synchronization'));
      return lines.slice(start).map((l) => l.replace(/127\.0\.0\.1:\d+/g, '<replica>').replace(/[0-9a-f]{40}/g, '<id>').replace(/pid \d+/, 'pid <pid>'));
    };
    for (const config of [{ 'repl-diskless-sync-delay': 0 }, { 'repl-diskless-sync': 'no' }] as Array<Record<string, string | number>>) {
      const real = await run('real', config);
      const fake = await run('fake', config);
      expect(fake).toEqual(real);
    }
  }, 60_000);
});

describe.skipIf(!redisServerAvailable())('replica links a redis-server 7.0 master treats specially', () => {
  it('SYNC, rdb-only, a replica that gets a reply or touches the keyspace, repl-timeout, repl-backlog-ttl, WAIT in MULTI', async () => {
    /** A raw replica: the handshake, then what it received until `ms` after the RDB, and whether the link was closed. */
    const attach = async (port: number, handshake: string[], sync: string, after: string[] = [], ms = 300): Promise<string> => {
      const conn = await rawConnection({ port });
      for (const line of handshake) {
        conn.socket.write(line);
        await conn.waitFor('+OK\r\n');
      }
      conn.socket.write(sync);
      await rdbReceived(conn.received, 5000).catch(() => undefined);
      await sleep(100);
      for (const line of after) conn.socket.write(line);
      let closed = false;
      void conn.closed.then(() => (closed = true));
      await sleep(ms);
      conn.socket.destroy();
      const received = conn.received().replace(/[0-9a-f]{40}/g, '<id>');
      const head = /^(?:\+OK\r\n)*\n*(?:\+FULLRESYNC <id> \d+\r\n)?\n*(?:\$EOF:<id>\r\n|\$\d+\r\n)?/.exec(received)?.[0] ?? '';
      // Newlines a master sends while the BGSAVE runs are left out (the replica skips them).
      return `${head.replace(/\n+(?=[+$])/g, '')}<${received.length - head.length} bytes>${closed ? ' closed' : ''}`;
    };
    const scenario = async (master: Master): Promise<string[]> => {
      const out: string[] = [];
      const m = (...args: string[]) => cli(master.port, ...args);
      await m('SET', 'k', 'v');
      // The old protocol: no FULLRESYNC line, the RDB as a bulk.
      out.push(await attach(master.port, [], request('SYNC')));
      // rdb-only: the RDB, then the link is closed.
      out.push(await attach(master.port, [request('REPLCONF', 'rdb-only', '1'), request('REPLCONF', 'capa', 'eof')], request('PSYNC', '?', '-1')));
      // A replica whose command makes a reply, or touches the keyspace, is dropped.
      out.push(await attach(master.port, [request('REPLCONF', 'capa', 'psync2')], request('PSYNC', '?', '-1'), [request('PING')]));
      out.push(await attach(master.port, [request('REPLCONF', 'capa', 'psync2')], request('PSYNC', '?', '-1'), [request('GET', 'k')]));
      out.push(await attach(master.port, [request('REPLCONF', 'capa', 'psync2')], request('PSYNC', '?', '-1'), [request('REPLCONF', 'ACK', '1'), request('REPLCONF', 'GETACK', '*'), request('SYNC')]));
      // WAIT in MULTI answers at once.
      out.push((await redisCli(['-p', String(master.port)], 'MULTI\nWAIT 5 0\nEXEC\n')).stdout);
      out.push((await m('INFO', 'replication')).split('\r\n').filter((l) => /^(connected_slaves|repl_backlog_active)/.test(l)).join());
      // A replica that never acknowledges is dropped after repl-timeout.
      await m('CONFIG', 'SET', 'repl-timeout', '1');
      out.push(await attach(master.port, [request('REPLCONF', 'capa', 'psync2')], request('PSYNC', '?', '-1'), [], 3500));
      await m('CONFIG', 'SET', 'repl-timeout', '60');
      // Without replicas the backlog goes after repl-backlog-ttl, with a new replication ID.
      const before = /master_replid:(\w+)/.exec(await m('INFO', 'replication'))?.[1];
      await m('CONFIG', 'SET', 'repl-backlog-ttl', '1');
      await until(async () => (await m('INFO', 'replication')).includes('repl_backlog_active:0'), 5000);
      const info = await m('INFO', 'replication');
      out.push(`${/master_replid:(\w+)/.exec(info)?.[1] !== before} ${info.split('\r\n').filter((l) => /^(master_repl_offset|repl_backlog|master_replid2)/.test(l)).join()}`);
      out.push((await m('INFO', 'stats')).split('\r\n').filter((l) => l.startsWith('sync_')).join());
      return out;
    };
    const results = await onBoth({ 'repl-ping-replica-period': 3600, 'repl-diskless-sync-delay': 0 }, scenario);
    expect(results.fake).toEqual(results.real);
  }, 60_000);
});

describe.skipIf(!redisServerAvailable())('min-replicas-to-write and scripts, as redis-server 7.0 answers', () => {
  it('a script without flags fails at its write, a flagged one is refused before it runs, reads run', async () => {
    const results = await onBoth({ 'min-replicas-to-write': 1 }, async (master) => {
      const out: string[] = [];
      const m = (...args: string[]) => cli(master.port, ...args);
      out.push(await m('EVAL', "return redis.call('set', KEYS[1], 'v')", '1', 'k'));
      out.push(await m('EVAL', "return redis.pcall('set', KEYS[1], 'v')", '1', 'k'));
      out.push(await m('EVAL', "#!lua\nreturn redis.call('get', KEYS[1])", '1', 'k'));
      out.push(await m('EVAL', "#!lua flags=no-writes\nreturn redis.call('get', KEYS[1])", '1', 'k'));
      out.push(await m('EVAL', "return redis.call('get', KEYS[1])", '1', 'k'));
      out.push(await m('EVAL_RO', "return redis.call('get', KEYS[1])", '1', 'k'));
      out.push((await m('INFO', 'errorstats')).replace(/\r/g, ''));
      return out;
    });
    expect(results.fake).toEqual(results.real);
  }, 60_000);
});

describe.skipIf(!redisServerAvailable())('SHUTDOWN with replicas, as redis-server 7.0 does it', () => {
  it('waits for a lagging replica with writes paused; ABORT cancels it; in sync it shuts down at once', async () => {
    const scenario = async (kind: 'real' | 'fake'): Promise<string[]> => {
      const out: string[] = [];
      let lines: () => string[];
      let master: Master;
      if (kind === 'real') {
        const logfile = join(tempDir(), 'master.log');
        master = await realMaster({ logfile, 'repl-ping-replica-period': 3600, 'repl-diskless-sync-delay': 0 });
        const { readFileSync } = await import('node:fs');
        lines = () => readFileSync(logfile, 'utf8').split('\n')
          .map((l) => /^\d+:M \d+ \w+ \d+ [\d:.]+ ([*#]) (.*)$/.exec(l))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => `${m[1]} ${m[2]}`);
      } else {
        const tcp = await new TcpFakeServer({ port: 0, config: { dir: tempDir(), 'repl-ping-replica-period': 3600, 'repl-diskless-sync-delay': 0 } }).listen();
        const seen: string[] = [];
        tcp.server.hooks.log ??= [];
        tcp.server.hooks.log.push((level, message) => { if (level === 'warning' || level === 'notice') seen.push(`${level === 'warning' ? '#' : '*'} ${message}`); });
        lines = () => seen;
        master = { port: tcp.port as number, stop: () => tcp.close() };
      }
      const m = (...args: string[]) => cli(master.port, ...args);
      const replica = await startRedis(['--replicaof', '127.0.0.1', String(master.port)]);
      await until(() => linkUp(replica.port));
      await m('SET', 'a', '1');
      out.push(await m('WAIT', '1', '2000'));
      replica.child.kill('SIGSTOP');
      await m('SET', 'b', '2');
      const shutdown = await rawConnection({ port: master.port });
      shutdown.socket.write(request('SHUTDOWN'));
      await sleep(300);
      out.push(`shutdown: ${JSON.stringify(shutdown.received())}`);
      const writer = await rawConnection({ port: master.port });
      writer.socket.write(request('SET', 'c', '3'));
      await sleep(300);
      out.push(`paused write: ${JSON.stringify(writer.received())}`);
      // CLIENT UNPAUSE ends CLIENT PAUSE's own pause: the shutdown's holds.
      out.push(await m('CLIENT', 'PAUSE', '100', 'WRITE'), await m('CLIENT', 'UNPAUSE'));
      await sleep(200);
      out.push(`still paused: ${JSON.stringify(writer.received())}`);
      out.push(await m('GET', 'a'));
      out.push((await m('INFO', 'replication')).split('\r\n').filter((l) => l.startsWith('slave0')).map((l) => l.replace(/port=\d+/, 'port=<port>').replace(/lag=\d+/, 'lag=<lag>')).join());
      out.push(await m('SHUTDOWN', 'ABORT'));
      await sleep(200);
      out.push(`shutdown: ${JSON.stringify(shutdown.received())}`);
      out.push(`write: ${JSON.stringify(writer.received())}`);
      out.push(await m('SHUTDOWN', 'ABORT'));
      replica.child.kill('SIGCONT');
      out.push(await m('WAIT', '1', '3000'));
      // In sync: no wait; the replicas are counted on the way out.
      const last = await rawConnection({ port: master.port });
      last.socket.write(request('SHUTDOWN', 'NOSAVE'));
      await last.closed;
      shutdown.socket.destroy();
      writer.socket.destroy();
      replica.stop();
      await sleep(200);
      const logged = lines();
      const start = logged.findIndex((l) => l === '# User requested shutdown...');
      out.push(...logged.slice(start).filter((l) => !/ready to exit|Saving|DB saved|Removing the pid/.test(l)).map((l) => l.replace(/127\.0\.0\.1:\d+/g, '<replica>')));
      if (kind === 'fake') await master.stop();
      return out;
    };
    const real = await scenario('real');
    const fake = await scenario('fake');
    expect(fake).toEqual(real);
  }, 60_000);
});

/**
 * What a replica receives, in parts that do not vary between runs: the preamble (ids, the
 * EOF mark and the length masked), the RDB's aux field names and keys, and the stream after it.
 */
function describeSync(received: string): string[] {
  const m = /^\+OK\r\n(\n*)\+FULLRESYNC ([0-9a-f]{40}) (\d+)\r\n\n*(?:\$EOF:([0-9a-f]{40})\r\n|\$(\d+)\r\n)/.exec(received);
  if (m === null) return [`unexpected: ${JSON.stringify(received.slice(0, 200))}`];
  const preamble = `+FULLRESYNC <id> ${m[3]}\r\n${m[4] !== undefined ? '$EOF:<mark>' : '$<length>'}\r\n`;
  const body = received.slice(m[0].length);
  let rdbLength: number;
  if (m[4] !== undefined) rdbLength = body.indexOf(m[4]);
  else rdbLength = Number(m[5]);
  const rdb = body.slice(0, rdbLength);
  const stream = body.slice(rdbLength + (m[4] !== undefined ? 40 : 0));
  const aux = [...rdb.matchAll(/\xfa[\s\S]([a-z-]+)/g)].map((a) => a[1]);
  return [preamble, `aux: ${aux.join(' ')}`, `rdb: ${rdb.slice(0, 9)} ${rdb.includes('\x01k\x01v') ? 'k=v' : 'no k'}`, `stream: ${JSON.stringify(stream.replace(/^\n+/, ''))}`];
}
