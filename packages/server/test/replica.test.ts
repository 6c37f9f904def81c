import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisServerAvailable } from '@fakeredis/tooling/conformance';
import { afterAll, describe, expect, it } from 'vitest';
import Redis from 'ioredis';
import { TcpFakeServer } from '../src/index.js';
import { buildCli, cliEnv, cliPath, freePort, redisCli } from './helpers.js';

/**
 * The fake as a replica of a real redis-server 7.0.15 master (REPLICAOF host port): the
 * replies, ROLE and INFO replication compared with a real replica of the same master,
 * the full resync (disk and diskless), the stream of a random workload ending with the
 * same DEBUG DIGEST, READONLY, masterauth, and REPLICAOF NO ONE.
 */

const dirs: string[] = [];
const children: ChildProcess[] = [];
const servers: TcpFakeServer[] = [];
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  for (const server of servers) await server.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fakeredis-replica-'));
  dirs.push(dir);
  return dir;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cli = async (port: number, ...args: string[]): Promise<string> => (await redisCli(['-p', String(port), ...args])).stdout;

async function startRedis(args: string[] = []): Promise<number> {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--save', '', '--dir', tempDir(), '--daemonize', 'no', '--enable-debug-command', 'yes', ...args], { stdio: 'ignore' });
  children.push(child);
  for (let i = 0; i < 200; i++) {
    if ((await cli(port, 'PING').catch(() => '')) === 'PONG\n') break;
    await sleep(25);
  }
  return port;
}

async function startFake(config: Record<string, string | number> = {}): Promise<number> {
  const tcp = await new TcpFakeServer({ port: 0, config: { dir: tempDir(), 'enable-debug-command': 'yes', ...config } }).listen();
  servers.push(tcp);
  return tcp.port as number;
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(50);
  }
  throw new Error('condition not reached');
}

function infoFields(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0 && !line.startsWith('#')) map.set(line.slice(0, at), line.slice(at + 1));
  }
  return map;
}

async function info(port: number): Promise<Map<string, string>> {
  const client = new Redis(port);
  try {
    return infoFields(await client.info('replication'));
  } finally {
    client.disconnect();
  }
}

/** Waits until the replica at `port` has run all the master's stream. */
async function caughtUp(masterPort: number, port: number): Promise<void> {
  await until(async () => {
    const offset = (await info(masterPort)).get('master_repl_offset');
    const r = await info(port);
    return r.get('master_link_status') === 'up' && r.get('slave_repl_offset') === offset;
  });
}

/** A seeded random workload of every type, expiry, MULTI and deletions. */
async function workload(port: number, seed: number, count: number): Promise<void> {
  let state = seed;
  const rand = (n: number) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const client = new Redis(port);
  const pipeline = client.pipeline();
  for (let i = 0; i < count; i++) {
    const k = `k${rand(40)}`;
    switch (rand(14)) {
      case 0: pipeline.set(`s:${k}`, `v${rand(1000)}`); break;
      case 1: pipeline.incrby(`n:${k}`, rand(100)); break;
      case 2: pipeline.rpush(`l:${k}`, `e${rand(50)}`, `f${rand(50)}`); break;
      case 3: pipeline.lpop(`l:${k}`); break;
      case 4: pipeline.sadd(`t:${k}`, `m${rand(30)}`, String(rand(30))); break;
      case 5: pipeline.spop(`t:${k}`); break;
      case 6: pipeline.zadd(`z:${k}`, rand(100), `m${rand(30)}`); break;
      case 7: pipeline.hset(`h:${k}`, `f${rand(20)}`, `v${rand(100)}`); break;
      case 8: pipeline.xadd(`x:${k}`, '*', 'f', String(rand(10))); break;
      case 9: pipeline.set(`e:${k}`, 'x', 'PX', 1 + rand(300)); break;
      case 10: pipeline.del(`s:${k}`, `h:${k}`); break;
      case 11: pipeline.call('MULTI').incr(`n:${k}`).lpush(`l:${k}`, 'm').call('EXEC'); break;
      case 12: pipeline.select(rand(3)); break;
      default: pipeline.incrbyfloat(`f:${k}`, 1.5); break;
    }
  }
  await pipeline.exec();
  client.disconnect();
}

describe.skipIf(!redisServerAvailable())('the fake as a replica of redis-server 7.0', () => {
  it('replies to REPLICAOF, ROLE and INFO as a real replica does, and follows a random workload (diskless)', async () => {
    const master = await startRedis(['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0']);
    await workload(master, 1, 300);
    const real = await startRedis();
    const fake = await startFake();
    for (const port of [real, fake]) {
      expect(await cli(port, 'REPLICAOF', '127.0.0.1', String(master))).toBe('OK\n');
      expect(await cli(port, 'REPLICAOF', '127.0.0.1', String(master))).toBe('OK Already connected to specified master\n');
      expect(await cli(port, 'REPLICAOF', '127.0.0.1', '70000')).toBe('ERR Invalid master port\n\n');
    }
    for (const port of [real, fake]) await caughtUp(master, port);
    await workload(master, 2, 2000);
    for (const port of [real, fake]) await caughtUp(master, port);
    await sleep(400); // the master's expiry DELs
    for (const port of [real, fake]) await caughtUp(master, port);
    const digest = await cli(master, 'DEBUG', 'DIGEST');
    expect(await cli(fake, 'DEBUG', 'DIGEST')).toBe(digest);
    expect(await cli(real, 'DEBUG', 'DIGEST')).toBe(digest);
    // ROLE and INFO replication: the same fields and values (ids and offsets are the master's).
    expect(await cli(fake, 'ROLE')).toBe(await cli(real, 'ROLE'));
    const [r, f] = [await info(real), await info(fake)];
    expect([...f.keys()]).toEqual([...r.keys()]);
    for (const field of f.keys()) {
      if (field === 'master_last_io_seconds_ago') continue;
      expect([field, f.get(field)]).toEqual([field, r.get(field)]);
    }
    // The master's client: flag M, CLIENT LIST TYPE master.
    for (const port of [real, fake]) {
      const line = await cli(port, 'CLIENT', 'LIST', 'TYPE', 'master');
      expect(line).toMatch(new RegExp(`^id=\\d+ addr=127\\.0\\.0\\.1:${master} .* flags=M db=\\d+ `));
    }
    // A normal client cannot write; reads work.
    for (const port of [real, fake]) {
      expect(await cli(port, 'SET', 'a', '1')).toBe("READONLY You can't write against a read only replica.\n\n");
      expect(await cli(port, 'GET', 'missing')).toBe('\n');
    }
    // REPLICAOF NO ONE: a master again, the data kept, the master's ID the secondary one.
    for (const port of [real, fake]) expect(await cli(port, 'REPLICAOF', 'NO', 'ONE')).toBe('OK\n');
    const [r2, f2] = [await info(real), await info(fake)];
    expect([...f2.keys()]).toEqual([...r2.keys()]);
    for (const field of ['role', 'master_replid2', 'second_repl_offset', 'master_repl_offset', 'connected_slaves']) {
      expect([field, f2.get(field)]).toEqual([field, r2.get(field)]);
    }
    expect(f2.get('master_replid')).not.toBe(r.get('master_replid'));
    expect(await cli(fake, 'DEBUG', 'DIGEST')).toBe(digest);
    expect(await cli(fake, 'SET', 'a', '1')).toBe('OK\n');
    expect(await cli(fake, 'REPLICAOF', 'NO', 'ONE')).toBe('OK\n');
  }, 60_000);

  it('leaves expiry to the master, follows a reconnection, and writes with replica-read-only no', async () => {
    const master = await startRedis(['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0']);
    const real = await startRedis();
    const fake = await startFake();
    for (const port of [real, fake]) await cli(port, 'REPLICAOF', '127.0.0.1', String(master));
    for (const port of [real, fake]) await caughtUp(master, port);
    await cli(master, 'DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    await cli(master, 'SET', 'gone', 'x', 'PX', '50');
    for (const port of [real, fake]) await caughtUp(master, port);
    await sleep(150);
    // Expired but not deleted until the master says so: absent to reads, still counted.
    for (const cmd of [['GET', 'gone'], ['EXISTS', 'gone'], ['DBSIZE'], ['TTL', 'gone']]) {
      expect([cmd, await cli(fake, ...cmd)]).toEqual([cmd, await cli(real, ...cmd)]);
    }
    expect(await cli(fake, 'DBSIZE')).toBe('1\n');
    await cli(master, 'GET', 'gone');
    for (const port of [real, fake]) await caughtUp(master, port);
    expect(await cli(fake, 'DBSIZE')).toBe('0\n');
    // The master drops its replicas: they connect again and resynchronize.
    await cli(master, 'CLIENT', 'KILL', 'TYPE', 'replica');
    await cli(master, 'SET', 'after', 'reconnect');
    for (const port of [real, fake]) await caughtUp(master, port);
    expect(await cli(fake, 'GET', 'after')).toBe('reconnect\n');
    expect(await cli(fake, 'DEBUG', 'DIGEST')).toBe(await cli(master, 'DEBUG', 'DIGEST'));
    for (const port of [real, fake]) {
      expect(await cli(port, 'CONFIG', 'SET', 'replica-read-only', 'no')).toBe('OK\n');
      expect(await cli(port, 'SET', 'local', '1')).toBe('OK\n');
    }
    expect((await info(fake)).get('slave_read_only')).toBe('0');
  }, 60_000);

  it('loads a disk-style ($<length>) RDB, authenticates with masterauth / masteruser, starts from the replicaof directive', async () => {
    const master = await startRedis(['--repl-diskless-sync', 'no']);
    await cli(master, 'ACL', 'SETUSER', 'repl', 'on', '>pw', '~*', '&*', '+@all');
    await cli(master, 'CONFIG', 'SET', 'requirepass', 'secret');
    const auth = ['-a', 'secret', '--no-auth-warning'];
    await redisCli(['-p', String(master), ...auth, 'SET', 'before', 'sync']);
    const fake = await startFake({ replicaof: `127.0.0.1 ${master}`, masteruser: 'repl', masterauth: 'pw' });
    const client = new Redis({ port: master, password: 'secret' });
    await until(async () => (await info(fake)).get('master_link_status') === 'up');
    for (let i = 0; i < 100; i++) await client.rpush('list', String(i));
    await until(async () => (await info(fake)).get('slave_repl_offset') === infoFields(await client.info('replication')).get('master_repl_offset'));
    expect(await cli(fake, 'DEBUG', 'DIGEST')).toBe((await redisCli(['-p', String(master), ...auth, 'DEBUG', 'DIGEST'])).stdout);
    expect(await cli(fake, 'GET', 'before')).toBe('sync\n');
    // The master's WAIT counts the fake's acknowledgement.
    await client.set('w', '1');
    expect(await client.wait(1, 5000)).toBe(1);
    client.disconnect();
  }, 60_000);

  it('fakeredis-server --replicaof follows a real master and logs the sync as Redis does', async () => {
    buildCli();
    const master = await startRedis();
    await cli(master, 'SET', 'k', 'v');
    const port = await freePort();
    const child = spawn(process.execPath, [cliPath, '--port', String(port), '--dir', tempDir(), '--replicaof', '127.0.0.1', String(master)], { env: cliEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stdout = '';
    child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
    await until(async () => stdout.includes('Ready to accept connections'), 60_000);
    expect(stdout).not.toContain('does not act on');
    await caughtUp(master, port);
    expect(await cli(port, 'GET', 'k')).toBe('v\n');
    expect(stdout).toContain(`Connecting to MASTER 127.0.0.1:${master}`);
    expect(stdout).toContain('MASTER <-> REPLICA sync: Finished with success');
    child.kill('SIGTERM');
  }, 120_000);
});
