import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enableRdbPersistence, loadRdbFile, persistenceState } from '@fakeredis/core';
import { connectFake, connectReal, redisServerAvailable, startRealServer, type WireConnection } from '@fakeredis/tooling/conformance';
import { describe, expect, it } from 'vitest';
import { FakeServer } from '../src/index.js';
import { plain } from './wire-helpers.js';

/**
 * dump.rdb files between the fake and redis-server 7.0: a file either writes loads in
 * the other with the same keys, values, encodings and expiry; a damaged file is refused.
 */

const many = (n: number, f: (i: number) => string[]): string[] => Array.from({ length: n }, (_, i) => f(i)).flat();

/** Commands that build one key of every type and encoding, in two databases. */
const DATASET: string[][] = [
  ['SET', 'str', 'hello'], ['SET', 'int', '12345'], ['SET', 'long', 'abc'.repeat(50)], ['SET', 'ttl', 'v'], ['PEXPIREAT', 'ttl', '4102444800000'],
  ['RPUSH', 'list', 'a', '1', 'b'], ['RPUSH', 'biglist', ...many(500, (i) => [`element-${i}`])],
  ['SADD', 'intset', '1', '2', '300000'], ['SADD', 'set', 'a', 'b', 'c'],
  ['ZADD', 'zlp', '1', 'a', '2.5', 'b'], ['ZADD', 'zsl', ...many(200, (i) => [String(i / 3), `m${i}`])],
  ['HSET', 'hlp', 'f', 'v', 'n', '1'], ['HSET', 'hht', ...many(600, (i) => [`f${i}`, `v${i}`])],
  ['XADD', 'stream', '1-1', 'a', '1'], ['XADD', 'stream', '2-1', 'a', '2', 'b', '3'], ['XGROUP', 'CREATE', 'stream', 'g', '0'],
  ['PFADD', 'hll', 'a', 'b', 'c'],
  ['SELECT', '5'], ['SET', 'in-db-5', 'x'], ['SELECT', '0'],
  ['FUNCTION', 'LOAD', "#!lua name=mylib\nredis.register_function('f', function() return 1 end)"],
];

/** Reads that show a key's value whatever its type (sorted where the order is the hash seed's). */
function reads(type: string, key: string): string[][] {
  const common = [['TYPE', key], ['OBJECT', 'ENCODING', key], ['PEXPIRETIME', key]];
  switch (type) {
    case 'string': return [...common, ['GET', key]];
    case 'list': return [...common, ['LRANGE', key, '0', '-1']];
    case 'set': return [...common, ['SORT', key, 'ALPHA']];
    case 'zset': return [...common, ['ZRANGE', key, '0', '-1', 'WITHSCORES']];
    case 'hash': return [...common, ['HLEN', key], ['HGET', key, 'f'], ['HGET', key, 'f599']];
    case 'stream': return [...common, ['XRANGE', key, '-', '+'], ['XINFO', 'GROUPS', key]];
    default: return common;
  }
}

async function snapshot(send: (cmd: string[]) => Promise<unknown>): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const db of ['0', '5']) {
    await send(['SELECT', db]);
    const keys = ((await send(['KEYS', '*'])) as string[]).sort();
    out.push(db, keys);
    for (const key of keys) {
      const type = (await send(['TYPE', key])) as string;
      for (const cmd of reads(type, key)) out.push(await send(cmd));
    }
  }
  await send(['SELECT', '0']);
  out.push(await send(['FUNCTION', 'LIST']));
  return out;
}

const realSend = (conn: WireConnection) => async (cmd: string[]) => plain(await conn.send(cmd));
describe.skipIf(!redisServerAvailable())('RDB files between the fake and redis-server 7.0', () => {
  it("the fake's dump.rdb loads in redis-server with the same dataset", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-rdb-'));
    const fake = new FakeServer({ config: { dir, 'enable-debug-command': 'yes' } });
    for (const cmd of DATASET) fake.command(...cmd);
    expect(fake.command('SAVE')).toBe('OK');
    const real = await startRealServer(['--dir', dir, '--dbfilename', 'dump.rdb']);
    const { conn, close } = await connectReal(real.port);
    try {
      // The dataset's digest (DEBUG DIGEST) is the fake's.
      expect(plain(await conn.send(['DEBUG', 'DIGEST']))).toBe(fake.command('DEBUG', 'DIGEST'));
      const expected = await snapshot(realSend(conn));
      // The same commands on another real server, saved and reloaded there, give what was
      // loaded (a load picks encodings: a short HyperLogLog comes back embstr).
      const fresh = await startRealServer(['--dir', mkdtempSync(join(tmpdir(), 'fakeredis-rdb-'))]);
      const other = await connectReal(fresh.port);
      try {
        for (const cmd of DATASET) await other.conn.send(cmd);
        expect(plain(await other.conn.send(['DEBUG', 'RELOAD']))).toBe('OK');
        expect(await snapshot(realSend(other.conn))).toEqual(expected);
      } finally {
        other.close();
        await fresh.stop();
      }
    } finally {
      close();
      await real.stop();
      fake.close();
    }
  });

  it("redis-server's dump.rdb loads in the fake at start with the same dataset", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-rdb-'));
    const real = await startRealServer(['--dir', dir, '--dbfilename', 'dump.rdb']);
    const { conn, close } = await connectReal(real.port);
    try {
      for (const cmd of DATASET) await conn.send(cmd);
      // DEBUG RELOAD saves the file and shows what a load makes of it (encodings).
      expect(plain(await conn.send(['DEBUG', 'RELOAD']))).toBe('OK');
      const expected = await snapshot(realSend(conn));
      const fake = new FakeServer({ config: { dir, 'enable-debug-command': 'yes' } });
      enableRdbPersistence(fake);
      const wire = connectFake(fake);
      try {
        expect(await snapshot(realSend(wire.conn))).toEqual(expected);
        expect(persistenceState(fake).lastLoadKeysLoaded).toBe(15);
        // DEBUG DIGEST-VALUE of every key, and DEBUG DIGEST of the dataset, as redis-server's.
        for (const db of ['0', '5']) {
          await conn.send(['SELECT', db]);
          await wire.conn.send(['SELECT', db]);
          const keys = (plain(await conn.send(['KEYS', '*'])) as string[]).sort();
          expect(plain(await wire.conn.send(['DEBUG', 'DIGEST-VALUE', ...keys]))).toEqual(plain(await conn.send(['DEBUG', 'DIGEST-VALUE', ...keys])));
        }
        await conn.send(['SELECT', '0']);
        await wire.conn.send(['SELECT', '0']);
        expect(plain(await wire.conn.send(['DEBUG', 'DIGEST']))).toEqual(plain(await conn.send(['DEBUG', 'DIGEST'])));
        // And the fake's own save of it loads back in the fake.
        expect(fake.command('DEBUG', 'RELOAD')).toBe('OK');
        expect(await snapshot(realSend(wire.conn))).toEqual(expected);
      } finally {
        wire.close();
        fake.close();
      }
    } finally {
      close();
      await real.stop();
    }
  });
});

describe('damaged RDB files', () => {
  function saved(): { dir: string; data: Buffer } {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-rdb-'));
    const fake = new FakeServer({ config: { dir, 'enable-debug-command': 'yes' } });
    for (const cmd of DATASET) fake.command(...cmd);
    fake.command('SAVE');
    fake.close();
    return { dir, data: readFileSync(join(dir, 'dump.rdb')) };
  }

  it.each([
    ['truncated', (d: Buffer) => d.subarray(0, d.length - 100), 'Short read or OOM loading DB. Unrecoverable error, aborting now.'],
    ['cut after the header', (d: Buffer) => d.subarray(0, 20), 'Short read or OOM loading DB. Unrecoverable error, aborting now.'],
    ['with a flipped byte', (d: Buffer) => { const c = Buffer.from(d); c[c.length - 12] = (c[c.length - 12] as number) ^ 0xff; return c; }, /Wrong RDB checksum|Short read|integrity|Unknown/],
    ['with a wrong checksum', (d: Buffer) => { const c = Buffer.from(d); c[c.length - 1] = (c[c.length - 1] as number) ^ 1; return c; }, /^Wrong RDB checksum expected: \([0-9a-f]+\) got \([0-9a-f]+\)\. Aborting now\.$/],
    ['of a newer version', (d: Buffer) => Buffer.concat([Buffer.from('REDIS0011'), d.subarray(9)]), "Can't handle RDB format version 11"],
    ['not an RDB file', () => Buffer.from('hello world'), 'Wrong signature trying to load DB from file'],
  ])('a file %s is refused and the dataset is left as it was', (_name, damage, reason) => {
    const { dir, data } = saved();
    writeFileSync(join(dir, 'dump.rdb'), damage(data));
    const fake = new FakeServer({ config: { dir, 'enable-debug-command': 'yes' } });
    fake.command('SET', 'kept', 'yes');
    const failure = loadRdbFile(fake, false);
    if (typeof reason === 'string') expect(failure).toBe(reason);
    else expect(failure).toMatch(reason);
    expect(fake.command('DBSIZE')).toBe(1);
    expect(fake.command('GET', 'kept')).toBe('yes');
    expect(() => fake.command('DEBUG', 'RELOAD', 'NOSAVE')).toThrow('ERR Error trying to load the RDB dump');
    expect(fake.command('DBSIZE')).toBe(1);
    fake.close();
  });
});

describe.skipIf(!redisServerAvailable())('stop-writes-on-bgsave-error against redis-server 7.0', () => {
  it('a failed BGSAVE refuses writes, PING, queued writes and script writes with MISCONF', async () => {
    const realDir = mkdtempSync(join(tmpdir(), 'fakeredis-rdb-'));
    const fakeDir = mkdtempSync(join(tmpdir(), 'fakeredis-rdb-'));
    const real = await startRealServer(['--dir', realDir, '--save', '900 1']);
    const { conn, close } = await connectReal(real.port);
    const fake = new FakeServer({ config: { dir: fakeDir, save: '900 1' } });
    const wire = connectFake(fake);
    try {
      const both = async (cmd: string[]) => [plain(await conn.send(cmd)), plain(await wire.conn.send(cmd))];
      await both(['SET', 'a', '1']);
      rmSync(realDir, { recursive: true });
      rmSync(fakeDir, { recursive: true });
      await both(['BGSAVE']);
      for (let i = 0; i < 50 && (plain(await conn.send(['INFO', 'persistence'])) as string).includes('rdb_bgsave_in_progress:1'); i++) await new Promise((r) => setTimeout(r, 100));
      await persistenceState(fake).pending;
      for (const cmd of [['SET', 'a', '2'], ['PING'], ['GET', 'a'], ['MULTI'], ['SET', 'a', '3'], ['GET', 'a'], ['EXEC'], ['EVAL', "return redis.call('get', 'a')", '0']]) {
        const [r, f] = await both(cmd);
        expect(f, cmd.join(' ')).toEqual(r);
      }
      const [r, f] = await both(['EVAL', "return redis.call('set', 'a', '4')", '0']);
      expect(String(f).replace(/script: \w+/, 'script')).toEqual(String(r).replace(/script: \w+/, 'script'));
      expect(String(f)).toMatch(/^MISCONF /);
    } finally {
      wire.close();
      fake.close();
      close();
      await real.stop();
    }
  });
});

describe.skipIf(!redisServerAvailable())('LRU and LFU data in RDB files with redis-server 7.0', () => {
  it.each([
    ['allkeys-lru', 'IDLETIME', '1000', ['OBJECT', 'IDLETIME', 'k']],
    ['allkeys-lfu', 'FREQ', '100', ['OBJECT', 'FREQ', 'k']],
  ])('%s: the figure survives a file both ways', async (policy, option, value, read) => {
    const dir = mkdtempSync(join(tmpdir(), 'fakeredis-rdb-'));
    const real = await startRealServer(['--dir', dir, '--maxmemory-policy', policy]);
    const { conn, close } = await connectReal(real.port);
    try {
      await conn.send(['SET', 'src', 'v']);
      const dumped = await conn.send(['DUMP', 'src']);
      await conn.send(['RESTORE', 'k', '0', Buffer.from((dumped as { v: string }).v, 'latin1'), option, value]);
      await conn.send(['SAVE']);
      const fake = new FakeServer({ config: { dir, 'maxmemory-policy': policy, 'enable-debug-command': 'yes' } });
      enableRdbPersistence(fake);
      expect(Number(fake.command(...read))).toBeGreaterThanOrEqual(Number(value));
      expect(Number(fake.command(...read))).toBeLessThanOrEqual(Number(value) + 2);
      // The fake's file read back by redis-server.
      fake.command('SAVE');
      fake.close();
      expect(plain(await conn.send(['DEBUG', 'RELOAD', 'NOSAVE']))).toBe('OK');
      expect(Number(plain(await conn.send(read)))).toBeGreaterThanOrEqual(Number(value));
      expect(Number(plain(await conn.send(read)))).toBeLessThanOrEqual(Number(value) + 2);
    } finally {
      close();
      await real.stop();
    }
  });
});
