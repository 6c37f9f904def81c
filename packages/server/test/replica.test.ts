import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { redisServerAvailable } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { afterAll, describe, expect, it } from 'vitest';
import Redis from 'ioredis';
import { TcpFakeServer } from '../src/index.js';
import { buildCli, cliEnv, cliPath, freePort, rawConnection, redisCli } from './helpers.js';

/**
 * The fake as a replica of a real redis-server 7.0.15 master (REPLICAOF host port): the
 * replies, ROLE and INFO replication compared with a real replica of the same master,
 * the full resync (disk and diskless), the stream of a random workload ending with the
 * same DEBUG DIGEST, READONLY (scripts too), masterauth, the master's client beyond ACL,
 * partial resynchronization after a dropped link and after failovers (REPLICAOF NO ONE,
 * FAILOVER either way), its own replicas following through it, and REPLICAOF NO ONE.
 * Scenarios run once with a real server in the fake's place and once with the fake, and
 * what they saw must be equal (replication IDs named by order of appearance).
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

/** The redis-server process listening on each port startRedis gave. */
const childOf = new Map<number, ChildProcess>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const cli = async (port: number, ...args: string[]): Promise<string> => (await redisCli(['-p', String(port), ...args])).stdout;

async function startRedis(args: string[] = [], binary = 'redis-server'): Promise<number> {
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--save', '', '--dir', tempDir(), '--daemonize', 'no', '--enable-debug-command', 'yes', ...args], { stdio: 'ignore' });
  children.push(child);
  childOf.set(port, child);
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

async function until(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
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

/**
 * A connection of the test's own that leaves no error behind: ioredis's CLIENT SETINFO
 * fails on 7.0 (ERR unknown subcommand, 2 per connection), and the pollers below connect
 * as often as a loaded machine makes them wait, so INFO errorstats would count the polls.
 */
const quietClient = (port: number): Redis => new Redis(port, { disableClientInfo: true });

async function info(port: number): Promise<Map<string, string>> {
  const client = quietClient(port);
  try {
    return infoFields(await client.info('replication'));
  } finally {
    client.disconnect();
  }
}

/** A master and replicas that send no PING of their own and sync diskless at once, so offsets compare. */
const QUIET = ['--repl-ping-replica-period', '3600', '--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0'];
const QUIET_FAKE = { 'repl-ping-replica-period': 3600, 'repl-diskless-sync-delay': 0 };

/** Names replication IDs by order of appearance (<id1>, <id2> ...), so two runs compare. */
function idNamer(): (text: string) => string {
  const ids = new Map<string, string>();
  return (text) =>
    text.replace(/[0-9a-f]{40}/g, (id) => {
      if (/^0+$/.test(id)) return id;
      if (!ids.has(id)) ids.set(id, `<id${ids.size + 1}>`);
      return ids.get(id) as string;
    });
}

/** INFO replication's `fields` as one line, IDs named. */
async function replicationFields(port: number, fields: RegExp, named: (text: string) => string): Promise<string> {
  return named([...(await info(port))].filter(([k]) => fields.test(k)).map(([k, v]) => `${k}:${v}`).join(' '));
}

/** Waits until the master at `port` has every replica online (its RDB through), as FAILOVER wants its target. */
async function replicasOnline(port: number): Promise<void> {
  await until(async () => {
    const fields = await info(port);
    const count = Number(fields.get('connected_slaves'));
    return count > 0 && [...fields.keys()].filter((k) => /^slave\d+$/.test(k) && fields.get(k)?.includes('state=online')).length === count;
  });
}

/** The first line a raw connection gets for `PSYNC ? -1`. */
async function psyncReply(port: number): Promise<string> {
  const conn = await rawConnection({ port });
  conn.socket.write('*3\r\n$5\r\nPSYNC\r\n$1\r\n?\r\n$2\r\n-1\r\n');
  await conn.waitFor('\r\n');
  conn.socket.destroy();
  return conn.received().split('\r\n')[0] as string;
}

/** INFO stats' sync_full, sync_partial_ok, sync_partial_err. */
async function syncStats(port: number): Promise<string> {
  return (await cli(port, 'INFO', 'stats')).split('\r\n').filter((l) => l.startsWith('sync_')).join(' ');
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
  const client = quietClient(port);
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

  it('after a dropped link continues with PSYNC; promoted (REPLICAOF NO ONE), its sibling and the old master continue from it', async () => {
    // The same scenario with X a real replica and X the fake; every replication ID shown by name.
    const scenario = async (xIsFake: boolean): Promise<string[]> => {
      const out: string[] = [];
      const m = await startRedis(QUIET);
      const x = xIsFake ? await startFake(QUIET_FAKE) : await startRedis(QUIET);
      const y = await startRedis(QUIET);
      const named = idNamer();
      const replication = (port: number, fields: RegExp) => replicationFields(port, fields, named);
      const ours = /^(role|master_link_status|master_replid2?|master_repl_offset|second_repl_offset|slave_repl_offset|slave_read_repl_offset|repl_backlog_active|repl_backlog_first_byte_offset|repl_backlog_histlen|connected_slaves)$/;
      await cli(m, 'SET', 'first', '1');
      out.push(named(await cli(m, 'INFO', 'replication')).split('\r\n').filter((l) => l.startsWith('master_replid')).join(' '));
      for (const port of [x, y]) await cli(port, 'REPLICAOF', '127.0.0.1', String(m));
      for (const port of [x, y]) await caughtUp(m, port);
      for (let i = 0; i < 50; i++) await cli(m, 'RPUSH', `l${i % 5}`, String(i));
      await cli(m, 'EVAL', "redis.call('SELECT', '2') redis.call('SET', 'db2', '1') return 1", '0');
      for (const port of [x, y]) await caughtUp(m, port);
      out.push(await replication(x, ours));
      // The master drops its replicas: each comes back asking PSYNC <id> <offset+1>, and continues.
      await cli(m, 'CLIENT', 'KILL', 'TYPE', 'replica');
      await cli(m, 'SET', 'during', 'gap');
      for (const port of [x, y]) await caughtUp(m, port);
      await cli(m, 'SET', 'after', 'gap');
      for (const port of [x, y]) await caughtUp(m, port);
      out.push(await syncStats(m));
      out.push(await replication(x, ours));
      out.push(await cli(x, 'GET', 'during'));
      // X is promoted: the master's ID becomes its secondary one, valid up to its offset + 1.
      out.push(await cli(x, 'REPLICAOF', 'NO', 'ONE'));
      out.push(await replication(x, ours));
      // The sibling and the old master follow X: both continue (+CONTINUE with X's new ID).
      await cli(y, 'REPLICAOF', '127.0.0.1', String(x));
      await until(async () => (await info(y)).get('master_link_status') === 'up');
      await cli(m, 'REPLICAOF', '127.0.0.1', String(x));
      await until(async () => (await info(m)).get('master_link_status') === 'up');
      await cli(x, 'SET', 'promoted', 'x');
      for (const port of [y, m]) await caughtUp(x, port);
      out.push(await syncStats(x));
      out.push(await replication(y, ours));
      out.push(await replication(m, ours));
      out.push(await replication(x, /^(connected_slaves|master_repl_offset)$/));
      for (const port of [x, y, m]) out.push(`${await cli(port, 'DBSIZE')}${await cli(port, '-n', '2', 'GET', 'db2')}${await cli(port, 'GET', 'promoted')}`);
      const digest = await cli(x, 'DEBUG', 'DIGEST');
      out.push(String((await cli(y, 'DEBUG', 'DIGEST')) === digest && (await cli(m, 'DEBUG', 'DIGEST')) === digest));
      return out;
    };
    const real = await scenario(false);
    const fake = await scenario(true);
    expect(fake).toEqual(real);
  }, 120_000);

  it('a master turned replica of its promoted replica continues with its own ID; a fake replica serves its own replicas', async () => {
    const scenario = async (fakeFirst: boolean): Promise<string[]> => {
      const out: string[] = [];
      const a = fakeFirst ? await startFake(QUIET_FAKE) : await startRedis(QUIET);
      const b = await startRedis(QUIET);
      const named = idNamer();
      const fields = /^(role|master_link_status|master_replid2?|master_repl_offset|second_repl_offset|slave_repl_offset|repl_backlog_first_byte_offset|repl_backlog_histlen|connected_slaves)$/;
      const replication = (port: number) => replicationFields(port, fields, named);
      // A has B as its replica; B is promoted; A follows B and continues from its own history.
      for (let i = 0; i < 20; i++) await cli(a, 'SET', `k${i}`, String(i));
      await cli(b, 'REPLICAOF', '127.0.0.1', String(a));
      await caughtUp(a, b);
      await cli(a, 'HSET', 'h', 'f', 'v');
      await caughtUp(a, b);
      out.push(await replication(a));
      out.push(await cli(b, 'REPLICAOF', 'NO', 'ONE'));
      await cli(b, 'SET', 'on-b', '1');
      out.push(await cli(a, 'REPLICAOF', '127.0.0.1', String(b)));
      await caughtUp(b, a);
      out.push(await syncStats(b));
      out.push(await replication(a));
      out.push(await cli(a, 'GET', 'on-b'));
      out.push(await cli(a, 'SET', 'x', '1'));
      // A (a replica now) gets a replica of its own: it syncs from A and follows B's stream through it.
      const c = await startRedis(QUIET);
      await cli(c, 'REPLICAOF', '127.0.0.1', String(a));
      await caughtUp(a, c);
      await cli(b, 'RPUSH', 'chained', 'a', 'b');
      await caughtUp(b, a);
      await caughtUp(a, c);
      out.push(await syncStats(a));
      out.push(await cli(c, 'LRANGE', 'chained', '0', '-1'));
      out.push(await replication(c));
      out.push(String((await cli(c, 'DEBUG', 'DIGEST')) === (await cli(b, 'DEBUG', 'DIGEST'))));
      return out;
    };
    const real = await scenario(false);
    const fake = await scenario(true);
    expect(fake).toEqual(real);
  }, 120_000);

  it('scripts on a read-only replica (READONLY in each form), and the master client bypassing ACL', async () => {
    const master = await startRedis(['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0']);
    const real = await startRedis();
    const fake = await startFake();
    await cli(master, 'FUNCTION', 'LOAD', [
      '#!lua name=lib',
      "redis.register_function('w', function() return redis.call('SET', 'x', '1') end)",
      "redis.register_function{function_name='r', callback=function() return redis.call('SET', 'x', '1') end, flags={'no-writes'}}",
      "redis.register_function{function_name='g', callback=function() return redis.call('GET', 'x') end, flags={'no-writes'}}",
    ].join('\n'));
    for (const port of [real, fake]) await cli(port, 'REPLICAOF', '127.0.0.1', String(master));
    for (const port of [real, fake]) await caughtUp(master, port);
    const commands: string[][] = [
      ['EVAL', "return redis.call('SET', 'x', '1')", '0'],
      ['EVAL', "redis.call('GET', 'x') return redis.call('SET', 'x', '1')", '0'],
      ['EVAL', "return redis.pcall('INCR', 'x')", '0'],
      ['EVAL', "return redis.call('GET', 'x')", '0'],
      ['EVAL', "#!lua\nreturn redis.call('SET', 'x', '1')", '0'],
      ['EVAL', "#!lua\nreturn 1", '0'],
      ['EVAL', "#!lua flags=no-writes\nreturn redis.call('SET', 'x', '1')", '0'],
      ['EVAL', "#!lua flags=no-writes\nreturn redis.call('GET', 'x')", '0'],
      ['EVAL_RO', "return redis.call('SET', 'x', '1')", '0'],
      ['FCALL', 'w', '0'],
      ['FCALL', 'r', '0'],
      ['FCALL', 'g', '0'],
      ['FCALL_RO', 'w', '0'],
      ['FCALL_RO', 'r', '0'],
      ['FUNCTION', 'LOAD', "#!lua name=other\nredis.register_function('o', function() return 1 end)"],
      ['SCRIPT', 'LOAD', 'return 1'],
    ];
    for (const cmd of commands) {
      expect([cmd, await cli(fake, ...cmd)]).toEqual([cmd, await cli(real, ...cmd)]);
    }
    // MULTI: a script queued before it was loaded is judged as it starts; once known, as it is queued.
    const body = "#!lua\nreturn redis.call('SET', 'y', '1')";
    const sha = (await cli(master, 'SCRIPT', 'LOAD', body)).trim();
    const transaction = async (port: number): Promise<string> => {
      const conn = await rawConnection({ port });
      conn.socket.write(`*1\r\n$5\r\nMULTI\r\n*3\r\n$7\r\nEVALSHA\r\n$40\r\n${sha}\r\n$1\r\n0\r\n`);
      await conn.waitFor('+QUEUED\r\n');
      await cli(port, 'SCRIPT', 'LOAD', body);
      conn.socket.write('*1\r\n$4\r\nEXEC\r\n*1\r\n$5\r\nMULTI\r\n*3\r\n$7\r\nEVALSHA\r\n$40\r\n' + sha + '\r\n$1\r\n0\r\n*1\r\n$4\r\nEXEC\r\n');
      await conn.waitFor('EXECABORT');
      conn.socket.destroy();
      await cli(port, 'SCRIPT', 'FLUSH');
      return conn.received();
    };
    expect(await transaction(fake)).toBe(await transaction(real));
    expect((await cli(fake, 'INFO', 'errorstats')).replace(/errorstat_NOSCRIPT.*\r\n/, '')).toBe((await cli(real, 'INFO', 'errorstats')).replace(/errorstat_NOSCRIPT.*\r\n/, ''));
    // The master's client runs as no user: a default user restricted to x* keys still gets every write.
    for (const port of [real, fake]) expect(await cli(port, 'ACL', 'SETUSER', 'default', 'resetkeys', '~x*', '-flushall')).toBe('OK\n');
    await cli(master, 'SET', 'foo', 'bar');
    await cli(master, 'FLUSHALL');
    await cli(master, 'SET', 'after', 'flush');
    for (const port of [real, fake]) await caughtUp(master, port);
    for (const port of [real, fake]) expect(await cli(port, 'ACL', 'SETUSER', 'default', 'allkeys', '+flushall')).toBe('OK\n');
    for (const cmd of [['GET', 'after'], ['DBSIZE'], ['ACL', 'LOG']]) expect([cmd, await cli(fake, ...cmd)]).toEqual([cmd, await cli(real, ...cmd)]);
    for (const port of [real, fake]) expect(await cli(port, 'CLIENT', 'LIST', 'TYPE', 'master')).toContain(' user=(superuser) ');
    // replica-ignore-maxmemory (the default): over maxmemory a replica evicts nothing and refuses nothing with OOM.
    for (const port of [real, fake]) await cli(port, 'CONFIG', 'SET', 'maxmemory', '1');
    await cli(master, 'SET', 'big', 'x'.repeat(2000));
    for (const port of [real, fake]) await caughtUp(master, port);
    for (const cmd of [['SET', 'a', '1'], ['STRLEN', 'big'], ['DBSIZE'], ['EVAL', "return redis.call('SET', 'x', '1')", '0'], ['EVAL', "#!lua flags=no-writes\nreturn redis.call('GET', 'after')", '0']]) {
      expect([cmd, await cli(fake, ...cmd)]).toEqual([cmd, await cli(real, ...cmd)]);
    }
    for (const port of [real, fake]) await cli(port, 'CONFIG', 'SET', 'maxmemory', '0');
    // A writable replica runs them.
    for (const port of [real, fake]) await cli(port, 'CONFIG', 'SET', 'replica-read-only', 'no');
    for (const cmd of [['EVAL', "return redis.call('SET', 'x', '2')", '0'], ['EVAL', "#!lua\nreturn redis.call('INCR', 'x')", '0'], ['FCALL', 'w', '0']]) {
      expect([cmd, await cli(fake, ...cmd)]).toEqual([cmd, await cli(real, ...cmd)]);
    }
  }, 60_000);

  it('FAILOVER TO the fake from its real master: PSYNC ... FAILOVER promotes it, the old master continues as its replica', async () => {
    const scenario = async (xIsFake: boolean): Promise<string[]> => {
      const out: string[] = [];
      const m = await startRedis(QUIET);
      const x = xIsFake ? await startFake(QUIET_FAKE) : await startRedis(QUIET);
      const named = idNamer();
      const fields = /^(role|master_link_status|master_replid2?|master_repl_offset|second_repl_offset|connected_slaves)$/;
      const replication = (port: number) => replicationFields(port, fields, named);
      await cli(m, 'SET', 'a', '1');
      await cli(x, 'REPLICAOF', '127.0.0.1', String(m));
      await caughtUp(m, x);
      await replicasOnline(m);
      out.push(await replication(m));
      out.push(await cli(m, 'FAILOVER', 'TO', '127.0.0.1', String(x)));
      await until(async () => (await info(x)).get('role') === 'master' && (await info(m)).get('master_link_status') === 'up');
      await cli(x, 'SET', 'b', '2');
      await caughtUp(x, m);
      out.push(await replication(x));
      out.push(await replication(m));
      out.push(await syncStats(x));
      out.push(await cli(m, 'GET', 'b'));
      // A PSYNC FAILOVER with another ID, and one sent to a master, are refused.
      const conn = await rawConnection({ port: m });
      conn.socket.write(`*4\r\n$5\r\nPSYNC\r\n$40\r\n${'1'.repeat(40)}\r\n$1\r\n1\r\n$8\r\nFAILOVER\r\n`);
      await conn.waitFor('\r\n');
      out.push(conn.received());
      conn.socket.destroy();
      out.push(await cli(x, 'PSYNC', 'x'.repeat(40), '1', 'FAILOVER'));
      return out;
    };
    const real = await scenario(false);
    const fake = await scenario(true);
    expect(fake).toEqual(real);
  }, 120_000);

  it('FAILOVER on the fake master: waits for its replica (TIMEOUT, ABORT, the refusals meanwhile), then becomes its replica', async () => {
    const scenario = async (aIsFake: boolean): Promise<string[]> => {
      const out: string[] = [];
      const a = aIsFake ? await startFake(QUIET_FAKE) : await startRedis(QUIET);
      const r = await startRedis(QUIET);
      const rChild = childOf.get(r) as ChildProcess;
      const named = idNamer();
      const fields = /^(role|master_link_status|master_failover_state|master_replid2?|master_repl_offset|second_repl_offset|connected_slaves)$/;
      const replication = (port: number) => replicationFields(port, fields, named);
      const state = async () => (await info(a)).get('master_failover_state');
      out.push(await cli(a, 'FAILOVER'));
      out.push(await cli(a, 'FAILOVER', 'ABORT'));
      await cli(a, 'SET', 'k', '1');
      await cli(r, 'REPLICAOF', '127.0.0.1', String(a));
      await caughtUp(a, r);
      await replicasOnline(a);
      // The replica stopped: it never acknowledges, the failover waits and times out.
      rChild.kill('SIGSTOP');
      await cli(a, 'SET', 'k', '2');
      // Without TIMEOUT it waits as long as it takes (a loaded machine may take more than any
      // timeout to send the next commands): the refusals meanwhile, then ABORT.
      out.push(await cli(a, 'FAILOVER', 'TO', '127.0.0.1', String(r)));
      out.push(String(await state()));
      out.push(await cli(a, 'FAILOVER'));
      out.push(await cli(a, 'REPLICAOF', '127.0.0.1', '1'));
      out.push(await psyncReply(a));
      out.push(await cli(a, 'GET', 'k'));
      out.push(await cli(a, 'FAILOVER', 'ABORT'));
      out.push(String(await state()));
      // With TIMEOUT it gives up on its own.
      out.push(await cli(a, 'FAILOVER', 'TO', '127.0.0.1', String(r), 'TIMEOUT', '300'));
      await until(async () => (await state()) === 'no-failover');
      rChild.kill('SIGCONT');
      await caughtUp(a, r);
      // Now it hands over: the fake becomes the replica of its replica, which continues the history.
      out.push(await cli(a, 'FAILOVER', 'TO', '127.0.0.1', String(r)));
      await until(async () => (await info(r)).get('role') === 'master' && (await info(a)).get('master_link_status') === 'up');
      await until(async () => (await state()) === 'no-failover');
      await cli(r, 'SET', 'k', '3');
      await caughtUp(r, a);
      out.push(await replication(a));
      out.push(await replication(r));
      out.push(await syncStats(r));
      out.push(await cli(a, 'GET', 'k'));
      out.push(await cli(a, 'FAILOVER'));
      out.push(await cli(a, 'SET', 'k', '4'));
      return out;
    };
    const real = await scenario(false);
    const fake = await scenario(true);
    expect(fake).toEqual(real);
  }, 120_000);

  it('repl-timeout on the replica: a master that went quiet is dropped, then continued with PSYNC (the cached master client again)', async () => {
    const master = await startRedis(QUIET);
    await cli(master, 'SET', 'k', '1');
    const real = await startRedis(QUIET);
    const fake = await startFake(QUIET_FAKE);
    const masterId = async (port: number) => /id=(\d+)/.exec(await cli(port, 'CLIENT', 'LIST', 'TYPE', 'master'))?.[1];
    const ids = new Map<number, string | undefined>();
    for (const port of [real, fake]) {
      await cli(port, 'CONFIG', 'SET', 'repl-timeout', '2');
      await cli(port, 'REPLICAOF', '127.0.0.1', String(master));
    }
    for (const port of [real, fake]) await caughtUp(master, port);
    for (const port of [real, fake]) ids.set(port, await masterId(port));
    const syncs = async () => (await cli(master, 'INFO', 'stats')).split('\r\n').filter((l) => l.startsWith('sync_')).map((l) => Number(l.split(':')[1]));
    const [full, partialOk, partialErr] = await syncs();
    const child = childOf.get(master) as ChildProcess;
    child.kill('SIGSTOP');
    try {
      for (const port of [real, fake]) await until(async () => (await info(port)).get('master_link_status') === 'down', 15_000);
    } finally {
      child.kill('SIGCONT');
    }
    await cli(master, 'SET', 'k', '2');
    for (const port of [real, fake]) await caughtUp(master, port);
    for (const port of [real, fake]) {
      expect(await cli(port, 'GET', 'k')).toBe('2\n');
      const id = await masterId(port);
      expect(id).toBeDefined();
      // replicationResurrectCachedMaster: the client it had, the same id.
      expect(id).toBe(ids.get(port));
    }
    // Both came back with a partial resynchronization.
    expect(await syncs()).toEqual([full, (partialOk as number) + 2, partialErr]);
  }, 60_000);

  it('REPLICAOF on a master: its blocked clients get UNBLOCKED and are closed, a paused one runs its command', async () => {
    const nobody = await freePort();
    const scenario = async (port: number): Promise<string[]> => {
      const out: string[] = [];
      const blpop = await rawConnection({ port });
      blpop.socket.write('*3\r\n$5\r\nBLPOP\r\n$1\r\nl\r\n$1\r\n0\r\n');
      const wait = await rawConnection({ port });
      wait.socket.write('*3\r\n$4\r\nWAIT\r\n$1\r\n1\r\n$1\r\n0\r\n');
      await until(async () => (await cli(port, 'INFO', 'clients')).includes('blocked_clients:2'));
      await cli(port, 'CLIENT', 'PAUSE', '100000', 'WRITE');
      const paused = await rawConnection({ port });
      paused.socket.write('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n');
      await until(async () => (await cli(port, 'INFO', 'clients')).includes('blocked_clients:3'));
      out.push(await cli(port, 'REPLICAOF', '127.0.0.1', String(nobody)));
      await Promise.all([blpop.closed, wait.closed]);
      out.push(blpop.received(), wait.received());
      out.push((await cli(port, 'INFO', 'clients')).split('\r\n').filter((l) => /^(connected|blocked)_clients/.test(l)).join(' '));
      await cli(port, 'CLIENT', 'UNPAUSE');
      await paused.waitFor('\r\n');
      out.push(paused.received());
      paused.socket.destroy();
      const stats = (await cli(port, 'INFO', 'commandstats')).split('\r\n').filter((l) => /^cmdstat_(blpop|wait|set):/.test(l)).map((l) => l.replace(/usec=\d+,usec_per_call=[\d.]+,/, ''));
      out.push(stats.sort().join(' '), (await cli(port, 'INFO', 'errorstats')).replace(/\r/g, ''));
      await cli(port, 'REPLICAOF', 'NO', 'ONE');
      return out;
    };
    const real = await scenario(await startRedis());
    const fake = await scenario(await startFake());
    expect(fake).toEqual(real);
    // 7.2 counts the unblocked commands as failed (unblockClientOnError), and when they end.
    const binary = referenceBinary(referenceEnv('redis', '7.2'));
    if (binary === undefined) return;
    const real72 = await scenario(await startRedis([], binary));
    const tcp = await new TcpFakeServer({ port: 0, version: '7.2', config: { dir: tempDir() } }).listen();
    servers.push(tcp);
    expect(await scenario(tcp.port as number)).toEqual(real72);
    expect(real72).not.toEqual(real);
  });

  it('MISCONF on a replica whose BGSAVE failed: PING and writes refused before READONLY, reads served', async () => {
    const master = await startRedis(QUIET);
    await cli(master, 'SET', 'k', '1');
    // A save into a directory that went away fails (dir is a protected config: set at start).
    const scenario = async (port: number, gone: string): Promise<string[]> => {
      const out: string[] = [];
      await cli(port, 'CONFIG', 'SET', 'save', '3600 1');
      await cli(port, 'REPLICAOF', '127.0.0.1', String(master));
      await caughtUp(master, port);
      rmSync(gone, { recursive: true, force: true });
      out.push(await cli(port, 'BGSAVE'));
      await until(async () => (await cli(port, 'INFO', 'persistence')).includes('rdb_last_bgsave_status:err'));
      for (const cmd of [['PING'], ['SET', 'k', '2'], ['GET', 'k'], ['EVAL', "return redis.call('GET', 'k')", '0'], ['EVAL', "return redis.pcall('SET', 'k', '3')", '0']]) out.push(await cli(port, ...cmd));
      await cli(port, 'CONFIG', 'SET', 'save', '');
      await cli(port, 'REPLICAOF', 'NO', 'ONE');
      return out;
    };
    // (The master's own writes: Redis panics unless repl-ignore-disk-write-error; the fake applies them.)
    const [realDir, fakeDir] = [tempDir(), tempDir()];
    const real = await scenario(await startRedis(['--dir', realDir]), realDir);
    const fakePort = await startFake({ dir: fakeDir });
    const fake = await scenario(fakePort, fakeDir);
    expect(fake).toEqual(real);
    // The fake applies its master's writes under MISCONF (a real replica panics without repl-ignore-disk-write-error).
    await cli(fakePort, 'CONFIG', 'SET', 'save', '3600 1');
    await cli(fakePort, 'REPLICAOF', '127.0.0.1', String(master));
    await caughtUp(master, fakePort);
    expect(await cli(fakePort, 'SET', 'k', '9')).toContain('MISCONF');
    await cli(master, 'SET', 'k', '2');
    await caughtUp(master, fakePort);
    expect(await cli(fakePort, 'GET', 'k')).toBe('2\n');
  });

  it('a master that answers PSYNC with -ERR (older than 2.8): SYNC, no replication ID, offsets from -1, no ACKs', async () => {
    // The RDB such a master sends: a real server's dump of one key.
    const dumpDir = tempDir();
    const source = await startRedis(['--dir', dumpDir]);
    await cli(source, 'SET', 'a', '1');
    await cli(source, 'SAVE');
    const rdb = readFileSync(join(dumpDir, 'dump.rdb'));
    const seen: string[] = [];
    const old = createServer((socket) => {
      let input = '';
      socket.on('error', () => {});
      socket.on('data', (chunk: Buffer) => {
        input += chunk.toString('latin1');
        for (;;) {
          const m = /^\*(\d+)\r\n/.exec(input);
          const args: string[] = [];
          let pos = 0;
          if (m === null) {
            // An inline command (Redis sends its SYNC so).
            const nl = input.indexOf('\r\n');
            if (nl < 0) return;
            args.push(...input.slice(0, nl).split(' '));
            pos = nl + 2;
          } else pos = m[0].length;
          for (let i = 0; i < Number(m?.[1] ?? 0); i++) {
            const l = /^\$(\d+)\r\n/.exec(input.slice(pos));
            if (l === null) return;
            pos += l[0].length;
            args.push(input.slice(pos, pos + Number(l[1])));
            pos += Number(l[1]) + 2;
          }
          if (pos > input.length) return;
          input = input.slice(pos);
          const name = (args[0] as string).toUpperCase();
          seen.push(name === 'REPLCONF' ? `REPLCONF ${args[1]}` : name);
          if (name === 'PING') socket.write('+PONG\r\n');
          else if (name === 'REPLCONF' && args[1]?.toUpperCase() !== 'ACK') socket.write('+OK\r\n');
          else if (name === 'PSYNC') socket.write("-ERR unknown command 'PSYNC'\r\n");
          else if (name === 'SYNC') {
            socket.write(`$${rdb.length}\r\n`);
            socket.write(rdb);
            setTimeout(() => socket.write('*2\r\n$6\r\nSELECT\r\n$1\r\n0\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n'), 200);
          }
        }
      });
    });
    await new Promise<void>((resolve) => old.listen(0, '127.0.0.1', () => resolve()));
    const oldPort = (old.address() as { port: number }).port;
    try {
      const scenario = async (port: number): Promise<string[]> => {
        seen.length = 0;
        await cli(port, 'REPLICAOF', '127.0.0.1', String(oldPort));
        await until(async () => (await cli(port, 'GET', 'k')) === 'v\n');
        // A second and a half: a replica of a PSYNC master would have sent an ACK by now.
        await sleep(1500);
        const fields = /^(role|master_link_status|master_sync_in_progress|slave_(read_)?repl_offset|master_replid2?|master_repl_offset|second_repl_offset|repl_backlog_(active|first_byte_offset|histlen))$/;
        const out = [[...(await info(port))].filter(([k]) => fields.test(k)).map(([k, v]) => `${k}:${v}`).join(' ')];
        out.push(await cli(port, 'ROLE'), await cli(port, 'GET', 'a'), seen.join(','));
        await cli(port, 'REPLICAOF', 'NO', 'ONE');
        return out;
      };
      const real = await scenario(await startRedis());
      const fake = await scenario(await startFake());
      expect(fake).toEqual(real);
    } finally {
      old.close();
    }
  }, 60_000);

  it('SYNC and PSYNC while the link to the master is down', async () => {
    const real = await startRedis();
    const fake = await startFake();
    const nobody = await freePort();
    for (const port of [real, fake]) await cli(port, 'REPLICAOF', '127.0.0.1', String(nobody));
    expect(await psyncReply(fake)).toBe(await psyncReply(real));
    // Each retries once a second: "connecting" until the refusal is read, then "connect".
    const role = async (port: number): Promise<string> => {
      let text = '';
      await until(async () => (text = await cli(port, 'ROLE')).includes('\nconnect\n'));
      return text;
    };
    expect(await role(fake)).toBe(await role(real));
  });

  it('replica-serve-stale-data no: MASTERDOWN while the link is down, and scripts with and without allow-stale', async () => {
    const master = await startRedis(QUIET);
    await cli(master, 'FUNCTION', 'LOAD', [
      '#!lua name=lib',
      "redis.register_function{function_name='s', callback=function() return redis.call('GET', 'x') end, flags={'allow-stale', 'no-writes'}}",
      "redis.register_function{function_name='t', callback=function() return 1 end, flags={'no-writes'}}",
      "redis.register_function{function_name='p', callback=function() return redis.call('PING') end, flags={'allow-stale', 'no-writes'}}",
    ].join('\n'));
    const real = await startRedis();
    const fake = await startFake();
    for (const port of [real, fake]) await cli(port, 'REPLICAOF', '127.0.0.1', String(master));
    for (const port of [real, fake]) await caughtUp(master, port);
    childOf.get(master)?.kill('SIGKILL');
    for (const port of [real, fake]) await until(async () => (await info(port)).get('master_link_status') === 'down');
    for (const port of [real, fake]) await cli(port, 'CONFIG', 'SET', 'replica-serve-stale-data', 'no');
    const commands: string[][] = [
      ['GET', 'x'], ['PING'], ['SET', 'x', '1'], ['INFO', 'keyspace'], ['CONFIG', 'GET', 'replica-serve-stale-data'],
      ['EVAL', 'return 1', '0'], ['EVAL_RO', 'return 1', '0'], ['EVAL', '#!lua\nreturn 1', '0'], ['EVAL', '#!lua flags=no-writes\nreturn 1', '0'],
      ['EVAL', "#!lua flags=allow-stale,no-writes\nreturn redis.call('GET', 'x')", '0'],
      ['EVAL', "#!lua flags=allow-stale,no-writes\nreturn redis.pcall('SET', 'x', '1')", '0'],
      ['EVAL', "#!lua flags=allow-stale,no-writes\nreturn redis.call('PING')", '0'],
      ['EVAL', "#!lua flags=allow-stale,no-writes\nreturn redis.call('INFO', 'server') ~= nil", '0'],
      ['FCALL', 's', '0'], ['FCALL', 't', '0'], ['FCALL_RO', 'p', '0'],
    ];
    const run = async (port: number) => {
      const out: string[] = [];
      for (const cmd of commands) out.push(await cli(port, ...cmd));
      out.push((await redisCli(['-p', String(port)], 'MULTI\nGET x\nEXEC\n')).stdout);
      // A script queued before it was loaded is judged as it starts.
      const body = `#!lua flags=no-writes\nreturn ${port}`;
      const sha = createHash('sha1').update(body).digest('hex');
      const conn = await rawConnection({ port });
      conn.socket.write(`*1\r\n$5\r\nMULTI\r\n*3\r\n$7\r\nEVALSHA\r\n$40\r\n${sha}\r\n$1\r\n0\r\n`);
      await conn.waitFor('+QUEUED\r\n');
      await cli(port, 'SCRIPT', 'LOAD', body);
      conn.socket.write('*1\r\n$4\r\nEXEC\r\n');
      await Promise.race([conn.waitFor('\r\n*1\r\n-'), sleep(5000)]);
      await Promise.race([conn.waitFor('script.\r\n'), sleep(1000)]);
      conn.socket.destroy();
      out.push(conn.received());
      await cli(port, 'CONFIG', 'SET', 'replica-read-only', 'no');
      out.push(await cli(port, 'SET', 'x', '1'));
      out.push(await cli(port, 'EVAL', "#!lua flags=allow-stale\nreturn redis.call('SET', 'x', '1')", '0'));
      await cli(port, 'CONFIG', 'SET', 'replica-serve-stale-data', 'yes');
      out.push(await cli(port, 'GET', 'x'), await cli(port, 'FCALL', 't', '0'));
      return out;
    };
    const expected = await run(real);
    expect(expected.join('')).toContain("'allow-stale' flag is not set on the script.");
    expect(await run(fake)).toEqual(expected);
  });

  it('FAILOVER in cluster mode is refused', async () => {
    const real = await startRedis(['--cluster-enabled', 'yes']);
    const fake = await startFake({ 'cluster-enabled': 'yes' });
    for (const cmd of [['FAILOVER'], ['FAILOVER', 'ABORT'], ['FAILOVER', 'TO', 'x', '1']]) expect([cmd, await cli(fake, ...cmd)]).toEqual([cmd, await cli(real, ...cmd)]);
  });
});
