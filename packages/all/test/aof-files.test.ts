import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aofState, enablePersistence } from '@fakeredis/core';
import { connectFake, connectReal, normalizeTimes, redisServerAvailable, startRealServer, type WireConnection } from '@fakeredis/tooling/conformance';
import { describe, expect, it } from 'vitest';
import { FakeServer } from '../src/index.js';
import { plain, send, rewriteDone } from './wire-helpers.js';

/**
 * Multi-part AOF directories between the fake and redis-server 7.0: what either writes
 * (manifest, base file with or without RDB preamble, incr files) loads in the other with
 * the same dataset (DEBUG DIGEST), passes redis-check-aof, and is named and laid out as
 * redis-server lays it out; a truncated incr file is cut back as Redis cuts it.
 */

const many = (n: number, f: (i: number) => string[]): string[] => Array.from({ length: n }, (_, i) => f(i)).flat();

/** Before the rewrite: one key of every type and encoding. */
const FIRST: string[][] = [
  ['SET', 'str', 'hello'], ['SET', 'int', '12345'], ['SET', 'ttl', 'v'], ['PEXPIREAT', 'ttl', '4102444800000'],
  ['RPUSH', 'list', 'a', '1', 'b'], ['RPUSH', 'biglist', ...many(200, (i) => [`element-${i}`])],
  ['SADD', 'intset', '1', '2', '300000'], ['SADD', 'set', 'a', 'b', 'c'],
  ['ZADD', 'zlp', '1', 'a', '2.5', 'b'], ['ZADD', 'zsl', ...many(200, (i) => [String(i / 3), `m${i}`])],
  ['HSET', 'hlp', 'f', 'v', 'n', '1'], ['HSET', 'hht', ...many(600, (i) => [`f${i}`, `v${i}`])],
  ['XADD', 'stream', '1-1', 'a', '1'], ['XADD', 'stream', '2-1', 'a', '2', 'b', '3'], ['XGROUP', 'CREATE', 'stream', 'g', '0'],
  ['PFADD', 'hll', 'a', 'b', 'c'], ['SELECT', '5'], ['SET', 'in-db-5', 'x'], ['SELECT', '0'],
];
/** After it: writes that go to the new incr file, rewritten as Redis propagates them. */
const SECOND: string[][] = [
  ['SET', 'ex', 'v', 'EX', '1000'], ['INCRBYFLOAT', 'float', '1.5'], ['SADD', 'one', 'x'], ['SPOP', 'one'], ['SPOP', 'set', '5'], ['LPOP', 'list'], ['EXPIRE', 'str', '5000'],
  ['MULTI'], ['SET', 'm1', '1'], ['SELECT', '3'], ['SET', 'm2', '2'], ['EXEC'], ['HINCRBYFLOAT', 'hlp', 'n', '0.5'],
  ['FUNCTION', 'LOAD', "#!lua name=mylib\nredis.register_function('f', function() return 1 end)"],
  ['EVAL', "redis.call('set', 'e1', 'x'); redis.call('rpush', 'e2', 'y'); return 1", '0'], ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '1', 'STREAMS', 'stream', '>'],
];


/** The commands of the scenario on one connection: AOF on, FIRST, a rewrite, SECOND. */
async function writeAof(conn: WireConnection, startWithConfigSet: boolean): Promise<number> {
  if (startWithConfigSet) {
    expect(await send(conn, ['CONFIG', 'SET', 'appendonly', 'yes'])).toBe('OK');
    await rewriteDone(conn);
  }
  for (const cmd of FIRST) await send(conn, cmd);
  expect(await send(conn, ['BGREWRITEAOF'])).toBe('Background append only file rewriting started');
  await rewriteDone(conn);
  // Times near now in the incr file are compared as seconds from here.
  const now = Date.now();
  for (const cmd of SECOND) await send(conn, cmd);
  return now;
}

const listing = (dir: string): string[] => readdirSync(join(dir, 'appendonlydir')).sort();
const file = (dir: string, name: string): string => readFileSync(join(dir, 'appendonlydir', name), 'latin1');
const lastIncr = (dir: string): string => listing(dir).filter((f) => f.endsWith('.incr.aof')).pop() as string;

function checkAof(dir: string): string {
  const run = spawnSync('redis-check-aof', [join(dir, 'appendonlydir', 'appendonly.aof.manifest')], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`;
}

describe.skipIf(!redisServerAvailable())('AOF directories between the fake and redis-server 7.0', () => {
  for (const preamble of ['yes', 'no']) {
    it(`the fake writes what redis-server writes and each loads the other's (aof-use-rdb-preamble ${preamble})`, async () => {
      const fakeDir = mkdtempSync(join(tmpdir(), 'fakeredis-aof-'));
      const realDir = mkdtempSync(join(tmpdir(), 'fakeredis-aof-real-'));
      const fake = new FakeServer({ config: { dir: fakeDir, 'enable-debug-command': 'yes', 'aof-use-rdb-preamble': preamble, appendfsync: 'always' } });
      const real = await startRealServer(['--dir', realDir, '--aof-use-rdb-preamble', preamble, '--appendfsync', 'always']);
      const realConn = await connectReal(real.port);
      const fakeConn = connectFake(fake);
      try {
        const realNow = await writeAof(realConn.conn, true);
        const fakeNow = await writeAof(fakeConn.conn, true);
        const digest = await send(realConn.conn, ['DEBUG', 'DIGEST']);
        expect(await send(fakeConn.conn, ['DEBUG', 'DIGEST'])).toBe(digest);
        // The same files, manifest and incr file (times made relative) as redis-server's.
        expect(listing(fakeDir)).toEqual(listing(realDir));
        expect(file(fakeDir, 'appendonly.aof.manifest')).toBe(file(realDir, 'appendonly.aof.manifest'));
        expect(normalizeTimes(file(fakeDir, lastIncr(fakeDir)), fakeNow)).toBe(normalizeTimes(file(realDir, lastIncr(realDir)), realNow));
        expect(checkAof(fakeDir)).toContain('is valid');
        fake.close();
        realConn.close();
        await real.stop();
        // redis-server starts from the fake's directory, the fake from redis-server's.
        const fromFake = await startRealServer(['--dir', fakeDir, '--appendonly', 'yes']);
        const fromReal = new FakeServer({ config: { dir: realDir, appendonly: 'yes', 'enable-debug-command': 'yes' } });
        enablePersistence(fromReal);
        const c = await connectReal(fromFake.port);
        try {
          expect(await send(c.conn, ['DEBUG', 'DIGEST'])).toBe(digest);
          expect(fromReal.command('DEBUG', 'DIGEST')).toBe(digest);
          expect(await send(c.conn, ['FUNCTION', 'LIST'])).toEqual(plain((await connectFake(fromReal).conn.send(['FUNCTION', 'LIST']))));
        } finally {
          c.close();
          await fromFake.stop();
          fromReal.close();
        }
      } finally {
        fakeConn.close();
        realConn.close();
        fake.close();
        await real.stop();
      }
    });
  }

  it('a server started with appendonly yes writes a base file and an incr file at once, as redis-server does', async () => {
    const fakeDir = mkdtempSync(join(tmpdir(), 'fakeredis-aof-'));
    const realDir = mkdtempSync(join(tmpdir(), 'fakeredis-aof-real-'));
    const real = await startRealServer(['--dir', realDir, '--appendonly', 'yes', '--appendfsync', 'always']);
    const fake = new FakeServer({ config: { dir: fakeDir, appendonly: 'yes' } });
    enablePersistence(fake);
    const c = await connectReal(real.port);
    try {
      expect(listing(fakeDir)).toEqual(listing(realDir));
      expect(file(fakeDir, 'appendonly.aof.manifest')).toBe(file(realDir, 'appendonly.aof.manifest'));
      await send(c.conn, ['SET', 'k', 'v']);
      fake.command('SET', 'k', 'v');
      expect(file(fakeDir, 'appendonly.aof.1.incr.aof')).toBe(file(realDir, 'appendonly.aof.1.incr.aof'));
      const info = (text: string) => text.split('\r\n').filter((l) => /^aof_(enabled|current_size|base_size|rewrites):/.test(l));
      expect(info(String(fake.command('INFO', 'persistence')))).toEqual(info(String(await send(c.conn, ['INFO', 'persistence']))));
    } finally {
      c.close();
      await real.stop();
      fake.close();
    }
  });

  it('BGREWRITEAOF with AOF off writes a base file and a manifest; the growth rule starts rewrites with AOF on', async () => {
    const fakeDir = mkdtempSync(join(tmpdir(), 'fakeredis-aof-'));
    const realDir = mkdtempSync(join(tmpdir(), 'fakeredis-aof-real-'));
    const real = await startRealServer(['--dir', realDir, '--appendfsync', 'always']);
    const fake = new FakeServer({ config: { dir: fakeDir } });
    const c = await connectReal(real.port);
    const f = connectFake(fake);
    try {
      for (const conn of [c.conn, f.conn]) {
        await send(conn, ['SET', 'k', 'v']);
        expect(await send(conn, ['BGREWRITEAOF'])).toBe('Background append only file rewriting started');
        await rewriteDone(conn);
      }
      expect(listing(fakeDir)).toEqual(listing(realDir));
      expect(file(fakeDir, 'appendonly.aof.manifest')).toBe(file(realDir, 'appendonly.aof.manifest'));
      for (const conn of [c.conn, f.conn]) {
        await send(conn, ['CONFIG', 'SET', 'appendonly', 'yes']);
        await rewriteDone(conn);
        await send(conn, ['CONFIG', 'SET', 'auto-aof-rewrite-min-size', '1024', 'auto-aof-rewrite-percentage', '100']);
        for (let i = 0; i < 100; i++) await send(conn, ['SET', `key:${i}`, 'x'.repeat(20)]);
        // The cron (10 times a second) sees the growth past the base's size.
        await new Promise((r) => setTimeout(r, 400));
        await rewriteDone(conn);
      }
      const rewrites = (text: unknown) => /aof_rewrites:(\d+)/.exec(String(text))?.[1];
      const count = rewrites(await send(c.conn, ['INFO', 'persistence']));
      // BGREWRITEAOF, CONFIG SET appendonly yes, then the growth rule.
      expect(Number(count)).toBeGreaterThanOrEqual(3);
      expect(rewrites(await send(f.conn, ['INFO', 'persistence']))).toBe(count);
      expect(listing(fakeDir)).toEqual(listing(realDir));
      expect(file(fakeDir, 'appendonly.aof.manifest')).toBe(file(realDir, 'appendonly.aof.manifest'));
    } finally {
      c.close();
      f.close();
      await real.stop();
      fake.close();
    }
  });

  it('a truncated incr file is cut back to its last whole command with aof-load-truncated, and refused without', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-aof-'));
    const writer = new FakeServer({ config: { dir, appendonly: 'yes' } });
    enablePersistence(writer);
    for (let i = 0; i < 20; i++) writer.command('SET', `k${i}`, `v${i}`);
    writer.command('MULTI');
    writer.command('SET', 'm', '1');
    writer.command('INCR', 'n');
    writer.command('EXEC');
    writer.close();
    const incr = join(dir, 'appendonlydir', 'appendonly.aof.1.incr.aof');
    truncateSync(incr, statSync(incr).size - 7);
    const copy = mkdtempSync(join(tmpdir(), 'fakeredis-aof-'));
    cpSync(dir, copy, { recursive: true });
    const refused = mkdtempSync(join(tmpdir(), 'fakeredis-aof-'));
    cpSync(dir, refused, { recursive: true });

    const real = await startRealServer(['--dir', dir, '--appendonly', 'yes']);
    const c = await connectReal(real.port);
    const fake = new FakeServer({ config: { dir: copy, appendonly: 'yes', 'enable-debug-command': 'yes' } });
    try {
      enablePersistence(fake);
      expect(fake.command('DEBUG', 'DIGEST')).toBe(await send(c.conn, ['DEBUG', 'DIGEST']));
      expect(fake.command('DBSIZE')).toBe(20);
      expect(statSync(join(copy, 'appendonlydir', 'appendonly.aof.1.incr.aof')).size).toBe(statSync(incr).size);
    } finally {
      c.close();
      await real.stop();
      fake.close();
    }
    const strict = new FakeServer({ config: { dir: refused, appendonly: 'yes', 'aof-load-truncated': 'no' } });
    expect(() => enablePersistence(strict)).toThrow();
    strict.close();
    expect(() => execFileSync('redis-server', ['--port', '0', '--dir', refused, '--appendonly', 'yes', '--aof-load-truncated', 'no'], { stdio: 'ignore', timeout: 5000 })).toThrow();
  });
});
