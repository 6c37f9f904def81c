import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectFake, connectReal, redisServerAvailable, startRealServer, type WireConnection } from '@fakeredis/tooling/conformance';
import { referenceBinary, referenceEnv } from '@fakeredis/tooling/conformance/reference';
import { describe, expect, it } from 'vitest';
import { FakeServer } from '../src/index.js';
import { plain, send, rewriteDone } from './wire-helpers.js';

/**
 * The AOF base file of a rewrite (BGREWRITEAOF), compared with the one redis-server writes
 * for the same dataset: with `aof-use-rdb-preamble no` the dataset as commands
 * (rewriteAppendOnlyFileRio: FUNCTION LOAD, SELECT, SET, RPUSH / SADD / ZADD / HMSET 64
 * elements a command, XADD / XSETID / XGROUP / XCLAIM, PEXPIREAT, 7.4's HPEXPIREAT per
 * field), with it an RDB. Redis 7.0.15, and the reference servers FAKEREDIS_REDIS_7_2,
 * _7_4, _8_0, _8_6 when set. Each key's commands are compared exactly (byte for byte) when
 * its encoding has a defined order (listpacks, intsets, lists, streams); a hashtable's
 * elements (a set, a skiplist's dict, a hash table) come in Redis's hash order, so there
 * the batch sizes are compared and the elements as a multiset. Keys of a database come in
 * hash order too: they are compared as a map.
 */

const range = (n: number, f: (i: number) => string[]): string[] => Array.from({ length: n }, (_, i) => f(i)).flat();
const LIBRARY = "#!lua name=mylib\nredis.register_function('f', function() return 1 end)";

/** One key of each type and encoding, several databases, TTLs, a stream with groups and pending entries. */
function workload(version: string): string[][] {
  const steps: string[][] = [
    ['FUNCTION', 'LOAD', LIBRARY],
    ['SET', 'str', 'hello'], ['SET', 'int', '12345'], ['SET', 'ttl', 'v'], ['PEXPIREAT', 'ttl', '4102444800000'],
    ['RPUSH', 'list', 'a', '1', 'b', '-7'], ['RPUSH', 'biglist', ...range(150, (i) => [i % 3 === 0 ? String(i) : `element-${i}`])],
    ['SADD', 'intset', '3', '1', '2', '-300000'], ['SADD', 'bigintset', ...range(130, (i) => [String(i * 7)])],
    ['SADD', 'set', 'a', 'b', 'c'], ['SADD', 'bigset', ...range(200, (i) => [`m${i}`])],
    ['ZADD', 'zlp', '1', 'a', '2.5', 'b', '0.1', 'c', '-inf', 'd', '1e10', 'e', '3.0000000000000004', 'f', '123456789012345678', 'g'],
    ['ZADD', 'zsl', ...range(200, (i) => [String(i / 3), `m${i}`])],
    ['HSET', 'hlp', 'f', 'v', 'n', '1', 'neg', '-5'], ['HSET', 'hht', ...range(600, (i) => [`f${i}`, `v${i}`])],
    ['XADD', 'stream', '1-1', 'a', '1'], ['XADD', 'stream', '2-1', 'a', '2', 'b', '3'], ['XADD', 'stream', '3-0', 'c', '4'], ['XDEL', 'stream', '2-1'],
    ['XGROUP', 'CREATE', 'stream', 'g2', '0'], ['XGROUP', 'CREATE', 'stream', 'g1', '$'],
    ['XREADGROUP', 'GROUP', 'g2', 'zed', 'COUNT', '1', 'STREAMS', 'stream', '>'], ['XREADGROUP', 'GROUP', 'g2', 'amy', 'STREAMS', 'stream', '>'],
    ['XGROUP', 'CREATECONSUMER', 'stream', 'g2', 'idle'], ['XGROUP', 'CREATECONSUMER', 'stream', 'g1', 'bob'],
    ['XADD', 'emptystream', 'MAXLEN', '0', '5-5', 'x', 'y'], ['XGROUP', 'CREATE', 'mkstream', 'g', '$', 'MKSTREAM'],
    ['ZADD', 'zttl', '1', 'a'], ['PEXPIREAT', 'zttl', '4102444800000'],
    ['SELECT', '5'], ['SET', 'in-db-5', 'x'], ['HSET', 'h5', 'a', 'b'], ['SELECT', '0'],
  ];
  if (version >= '7.4') {
    steps.push(
      ['HSET', 'hfe', 'a', '1', 'b', '2', 'c', '3', 'd', '4'], ['HPEXPIREAT', 'hfe', '4102444800000', 'FIELDS', '1', 'c'], ['HPEXPIREAT', 'hfe', '4102444700000', 'FIELDS', '1', 'a'],
      ['HSET', 'hfeht', ...range(600, (i) => [`f${i}`, `v${i}`])], ['HPEXPIREAT', 'hfeht', '4102444800000', 'FIELDS', '2', 'f7', 'f9'],
      ['HSET', 'hpersisted', 'a', '1', 'b', '2'], ['HPEXPIREAT', 'hpersisted', '4102444800000', 'FIELDS', '1', 'a'], ['HPERSIST', 'hpersisted', 'FIELDS', '1', 'a'],
    );
  }
  if (version >= '7.2') steps.push(['SADD', 'lpset', 'x', 'y', 'z', 'w']);
  if (version >= '8.6') {
    // Idempotent producers (auto ids only): XCFGSET for limits off the defaults, XIDMPRECORD per live iid.
    steps.push(
      // XCFGSET clears the recorded iids; an iid whose entry was trimmed is not written.
      ['XADD', 'idmp', 'IDMP', 'p0', 'i0', '*', 'f', 'v'], ['XCFGSET', 'idmp', 'IDMP-DURATION', '500', 'IDMP-MAXSIZE', '50'],
      ['XADD', 'idmp', 'IDMP', 'p2', 'i1', '*', 'f', 'v'], ['XADD', 'idmp', 'IDMP', 'p1', 'i2', '*', 'f', 'v'], ['XADD', 'idmp', 'IDMPAUTO', 'p1', '*', 'f', 'w'],
      ['XADD', 'idmp', 'IDMP', 'p1', 'i3', '*', 'f', 'x'], ['XTRIM', 'idmp', 'MAXLEN', '3'],
      ['XADD', 'idmpdefault', 'IDMP', 'p', 'i', '*', 'f', 'v'],
    );
  }
  return steps;
}

/** Keys whose encoding iterates in hash order (compared as multisets): a small set is a listpack from 7.2. */
const hashOrdered = (version: string): Set<string> => new Set(['bigset', 'zsl', 'hht', 'hfeht', ...(version >= '7.2' ? [] : ['set'])]);


/** DEBUG DIGEST-VALUE of every key of databases 0 and 5, by name. */
async function digests(conn: WireConnection): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const db of ['0', '5']) {
    await send(conn, ['SELECT', db]);
    const keys = (await send(conn, ['KEYS', '*'])) as string[];
    for (const key of keys) out[`${db}:${key}`] = await send(conn, ['DEBUG', 'DIGEST-VALUE', key]);
  }
  await send(conn, ['SELECT', '0']);
  return out;
}

/** The workload, a rewrite, and the base file's bytes (latin1) and name. */
async function writeBase(conn: WireConnection, dir: string, version: string): Promise<{ name: string; text: string }> {
  for (const cmd of workload(version)) await send(conn, cmd);
  expect(await send(conn, ['BGREWRITEAOF'])).toBe('Background append only file rewriting started');
  await rewriteDone(conn);
  const name = readdirSync(join(dir, 'appendonlydir')).find((f) => f.includes('.base.')) as string;
  return { name, text: readFileSync(join(dir, 'appendonlydir', name), 'latin1') };
}

/** An AOF text as its commands. */
function parseCommands(text: string): string[][] {
  const out: string[][] = [];
  let pos = 0;
  while (pos < text.length) {
    const header = /^\*(\d+)\r\n/.exec(text.slice(pos, pos + 32));
    if (header === null) throw new Error(`not a command at ${pos}: ${JSON.stringify(text.slice(pos, pos + 40))}`);
    pos += header[0].length;
    const args: string[] = [];
    for (let i = 0; i < Number(header[1]); i++) {
      const bulk = /^\$(\d+)\r\n/.exec(text.slice(pos, pos + 32)) as RegExpExecArray;
      pos += bulk[0].length;
      args.push(text.slice(pos, pos + Number(bulk[1])));
      pos += Number(bulk[1]) + 2;
    }
    out.push(args);
  }
  return out;
}

/**
 * The base as what can be compared: the commands before the first SELECT (function
 * libraries), then per database a map from each key to its commands, normalized where
 * the order is Redis's hash order.
 */
function comparable(text: string, version: string): { head: string[][]; dbs: Record<string, Record<string, unknown>> } {
  const head: string[][] = [];
  const dbs: Record<string, Record<string, string[][]>> = {};
  let db: string | undefined;
  for (const argv of parseCommands(text)) {
    if (argv[0] === 'SELECT') {
      db = argv[1] as string;
      dbs[db] = {};
      continue;
    }
    if (db === undefined) {
      head.push(argv);
      continue;
    }
    const key = (argv[0] === 'XGROUP' ? argv[2] : argv[1]) as string;
    ((dbs[db] as Record<string, string[][]>)[key] ??= []).push(argv);
  }
  // Auto-generated stream ids (times) as the order they first appear in, per key.
  for (const keys of Object.values(dbs)) {
    for (const cmds of Object.values(keys)) {
      const ids = new Map<string, string>();
      for (const argv of cmds) {
        for (let i = 0; i < argv.length; i++) {
          const arg = argv[i] as string;
          if (/^\d{13}-\d+$/.test(arg)) argv[i] = ids.get(arg) ?? ids.set(arg, `id#${ids.size}`).get(arg) as string;
        }
      }
    }
  }
  const normalized: Record<string, Record<string, unknown>> = {};
  for (const [id, keys] of Object.entries(dbs)) {
    normalized[id] = Object.fromEntries(Object.entries(keys).map(([key, cmds]) => [key, hashOrdered(version).has(key) ? multiset(cmds) : cmds]));
  }
  return { head, dbs: normalized };
}

/** A hash-ordered key's commands: their names and sizes, and their elements (pairs kept together) sorted. */
function multiset(cmds: string[][]): unknown {
  const shape = cmds.map((c) => `${c[0]} ${c.length}`).sort();
  const items: string[] = [];
  for (const c of cmds) {
    if (c[0] === 'HPEXPIREAT') items.push(`ttl ${c[2]} ${c[5]}`);
    else if (c[0] === 'SADD') items.push(...c.slice(2));
    else for (let i = 2; i < c.length; i += 2) items.push(`${c[i]} ${c[i + 1]}`);
  }
  return { shape, items: items.sort() };
}

const versions: Array<{ version: string; binary: string | undefined }> = [
  { version: '7.0', binary: redisServerAvailable() ? 'redis-server' : undefined },
  ...['7.2', '7.4', '8.0', '8.6'].map((version) => ({ version, binary: referenceBinary(referenceEnv('redis', version)) })),
];

for (const { version, binary } of versions) {
  describe.skipIf(binary === undefined)(`AOF rewrite base vs redis ${version}`, () => {
    it('without RDB preamble: the dataset as the same commands; the fake\'s base loads in redis-server with the same digests', async () => {
      const fakeDir = mkdtempSync(join(tmpdir(), 'fakeredis-aofbase-'));
      const realDir = mkdtempSync(join(tmpdir(), 'fakeredis-aofbase-real-'));
      const fake = new FakeServer({ version, config: { dir: fakeDir, 'aof-use-rdb-preamble': 'no', 'enable-debug-command': 'yes' } });
      const real = await startRealServer(['--dir', realDir, '--aof-use-rdb-preamble', 'no', '--enable-debug-command', 'yes'], binary);
      const r = await connectReal(real.port);
      const f = connectFake(fake);
      try {
        const realBase = await writeBase(r.conn, realDir, version);
        const fakeBase = await writeBase(f.conn, fakeDir, version);
        expect(fakeBase.name).toBe(realBase.name);
        // XCLAIM's TIME is a pending entry's delivery time, which differs between the two servers.
        const times = (text: string): string => text.replace(/\$4\r\nTIME\r\n\$13\r\n\d{13}\r\n/g, '$4\r\nTIME\r\n$1\r\nT\r\n');
        expect(comparable(times(fakeBase.text), version)).toEqual(comparable(times(realBase.text), version));
        // Streams with auto-generated ids (times) differ by nature between the two servers.
        const fakeDigests = await digests(f.conn);
        const sameIds = (all: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(all).filter(([k]) => !k.startsWith('0:idmp')));
        expect(sameIds(fakeDigests)).toEqual(sameIds(await digests(r.conn)));
        // The fake's base loads in redis-server (started with appendonly yes on its directory).
        f.close();
        fake.close();
        r.close();
        await real.stop();
        const fromFake = await startRealServer(['--dir', fakeDir, '--appendonly', 'yes', '--enable-debug-command', 'yes'], binary);
        const c = await connectReal(fromFake.port);
        try {
          expect(await digests(c.conn)).toEqual(fakeDigests);
          expect(String(await send(c.conn, ['FCALL', 'f', '0']))).toBe('1');
        } finally {
          c.close();
          await fromFake.stop();
        }
      } finally {
        f.close();
        r.close();
        fake.close();
        await real.stop();
      }
    });

    it('with the RDB preamble (the default): the base is an RDB of the same version, named .base.rdb', async () => {
      const fakeDir = mkdtempSync(join(tmpdir(), 'fakeredis-aofbase-'));
      const realDir = mkdtempSync(join(tmpdir(), 'fakeredis-aofbase-real-'));
      const fake = new FakeServer({ version, config: { dir: fakeDir } });
      const real = await startRealServer(['--dir', realDir], binary);
      const r = await connectReal(real.port);
      const f = connectFake(fake);
      try {
        const realBase = await writeBase(r.conn, realDir, version);
        const fakeBase = await writeBase(f.conn, fakeDir, version);
        expect(fakeBase.name).toBe(realBase.name);
        expect(fakeBase.text.slice(0, 9)).toBe(realBase.text.slice(0, 9));
        expect(fakeBase.text).toContain('\xfa\x08aof-base\xc0\x01');
        expect(realBase.text).toContain('\xfa\x08aof-base\xc0\x01');
      } finally {
        f.close();
        r.close();
        fake.close();
        await real.stop();
      }
    });
  });
}
