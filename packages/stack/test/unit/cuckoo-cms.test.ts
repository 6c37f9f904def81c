import { tmpdir } from 'node:os';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BooleanReply, type Bytes, coreMixins, type ErrorReply, FakeServer, type MapReply, SimpleString } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { BloomCommands } from '../../src/bloom/index.js';
import { murmurHash2, murmurHash64AHalves } from '../../src/bloom/murmur.js';
import { CountMinSketch, CountMinSketchCommands } from '../../src/cms/index.js';
import { CuckooCommands, CuckooFilter } from '../../src/cuckoo/index.js';

// [item, MurmurHash64A_Bloom(item, len, 0), MurmurHash2(item, len, seed 0, 1, 2)]: deps/murmur2/MurmurHash2.c
// of RedisBloom v2.8.20 compiled and run on x86-64.
const VECTORS: Array<[string, bigint, number, number, number]> = [
  ['', 0x0000000000000000n, 0, 1540447798, 3080895597],
  ['a', 0x071717d2d36b6b11n, 2456313694, 626045324, 754329161],
  ['abc', 0x9cc9c33498a95efbn, 324500635, 1621425345, 3876204518],
  ['abcdefgh', 0xafdb0257ff41aa98n, 69371878, 1080400154, 868593135],
  ['hello world, a longer item!', 0x8dc15a67dbf266b8n, 3413846945, 2357438671, 68477006],
];

describe('the hashes: CUCKOO_GEN_HASH (seed 0) and CMS_HASH (seed = row)', () => {
  it.each(VECTORS)('%j', (item, h64, s0, s1, s2) => {
    const [hi, lo] = murmurHash64AHalves(item as Bytes);
    expect((BigInt(hi) << 32n) | BigInt(lo)).toBe(h64);
    expect([0, 1, 2].map((seed) => murmurHash2(item as Bytes, seed))).toEqual([s0, s1, s2]);
  });
});

describe('cuckoo filter layout', () => {
  it.each(VECTORS)('%j: fingerprint hash % 255 + 1 in bucket hash % numBuckets', (item, h64) => {
    const cf = CuckooFilter.create(1024n, 2, 20, 1)!;
    expect([cf.numBuckets, cf.filters[0]!.data.length]).toEqual([512n, 1024]);
    cf.insert(item as Bytes, false);
    const fp = Number(h64 % 255n) + 1;
    const bucket = Number(h64 % 512n);
    expect(cf.filters[0]!.data[bucket * 2]).toBe(fp);
    expect(cf.filters[0]!.data.reduce((n, byte) => n + (byte !== 0 ? 1 : 0), 0)).toBe(1);
    expect(cf.count(item as Bytes)).toBe(1);
  });
  it('sizes: buckets rounded up to a power of two, CF.INFO Size and MEMORY USAGE\'s share', () => {
    const cf = CuckooFilter.create(100n, 2, 20, 1)!;
    expect([cf.numBuckets, cf.infoSize(), cf.memoryUsage()]).toEqual([64n, 184, 184]); // redis-server: Size 184, MEMORY USAGE 216
    expect(CuckooFilter.create(1000n, 3, 20, 5)!.expansion).toBe(8);
  });
  it('a full filter without expansion answers no space (-1); with expansion it grows', () => {
    const fixed = CuckooFilter.create(4n, 2, 20, 0)!;
    const statuses = Array.from({ length: 8 }, (_, i) => fixed.insert(`i${i}` as Bytes, false));
    expect(statuses).toContain(-1);
    const growing = CuckooFilter.create(4n, 2, 20, 2)!;
    for (let i = 0; i < 40; i++) expect(growing.insert(`i${i}` as Bytes, false)).toBe(1);
    expect(growing.filters.map((f) => f.numBuckets)).toEqual(growing.filters.map((_, i) => 2 * 2 ** i));
  });
  it('the SCANDUMP header is the packed 38-byte CFHeader and loads back', () => {
    const cf = CuckooFilter.create(64n, 4, 9, 2)!;
    cf.insert('a' as Bytes, false);
    const header = Buffer.from(cf.encodedHeader(), 'latin1');
    expect(header.length).toBe(38);
    expect([header.readBigUInt64LE(0), header.readBigUInt64LE(8), header.readBigUInt64LE(24), header.readUInt16LE(32), header.readUInt16LE(34), header.readUInt16LE(36)]).toEqual([1n, 16n, 1n, 4, 9, 2]);
    const copy = CuckooFilter.fromHeader(cf.encodedHeader())!;
    const [next, chunk] = cf.encodedChunk(1n)!;
    expect(next).toBe(65n);
    expect(copy.loadChunk(next, chunk)).toBe(true);
    expect(copy.has('a' as Bytes)).toBe(true);
    expect(cf.encodedChunk(next)).toBeUndefined();
  });
});

describe('count-min sketch layout', () => {
  it('row i counts an item at MurmurHash2(item, i) % width', () => {
    const cms = CountMinSketch.create(10n, 3n)!;
    expect(cms.incrBy('abc' as Bytes, 7n)).toBe(7);
    const [, , s0, s1, s2] = VECTORS[2]!;
    expect([cms.array[s0 % 10], cms.array[10 + (s1 % 10)], cms.array[20 + (s2 % 10)]]).toEqual([7, 7, 7]);
    expect(cms.array.reduce((n, c) => n + c, 0)).toBe(21);
    expect(cms.memoryUsage()).toBe(8 + 30 * 8); // redis-server's MEMORY USAGE: 280 with the key
  });
  it('a counter that wraps sticks at UINT32_MAX; merges check their sums', () => {
    const cms = CountMinSketch.create(4n, 2n)!;
    expect(cms.incrBy('a' as Bytes, 0xfffffffen)).toBe(0xfffffffe);
    expect(cms.incrBy('a' as Bytes, 5n)).toBe(0xffffffff);
    const dest = CountMinSketch.create(4n, 2n)!;
    expect(dest.mergeFrom([cms], [2n])).toBe(false);
    expect(dest.mergeFrom([cms, cms], [3_000_000n, -2_999_999n])).toBe(true);
    expect(dest.query('a' as Bytes)).toBe(0xffffffff);
    expect(dest.counter).toBe(cms.counter);
  });
});

describe('the mixins alone', () => {
  it('CuckooCommands composes with core only; DEBUG RELOAD keeps the filter', () => {
    const server = new FakeServer({ mixins: [...coreMixins, CuckooCommands], config: { 'enable-debug-command': 'yes', dir: mkdtempSync(join(tmpdir(), 'fakeredis-stack-')) } });
    try {
      expect(server.call('CF.ADD', 'k', 'x')).toEqual(new BooleanReply(true));
      expect(server.call('TYPE', 'k')).toEqual(new SimpleString('MBbloomCF'));
      server.call('CF.INSERT', 'k', 'ITEMS', ...Array.from({ length: 3000 }, (_, i) => `x${i}`));
      const info = JSON.stringify(server.call('CF.INFO', 'k'));
      const dump = server.call('CF.SCANDUMP', 'k', '1');
      expect(server.call('DEBUG', 'RELOAD')).toEqual(new SimpleString('OK'));
      expect(JSON.stringify(server.call('CF.INFO', 'k'))).toBe(info);
      expect(server.call('CF.SCANDUMP', 'k', '1')).toEqual(dump);
      expect((server.call('BF.ADD', 'b', 'x') as ErrorReply).message).toMatch(/^ERR unknown command 'BF.ADD'/);
      expect((server.call('CMS.INFO', 'b') as ErrorReply).message).toMatch(/^ERR unknown command 'CMS.INFO'/);
    } finally {
      server.close();
    }
  });

  it('CountMinSketchCommands composes with core only; DEBUG RELOAD keeps the sketch', () => {
    const server = new FakeServer({ mixins: [...coreMixins, CountMinSketchCommands], config: { 'enable-debug-command': 'yes', dir: mkdtempSync(join(tmpdir(), 'fakeredis-stack-')) } });
    try {
      expect(server.call('CMS.INITBYPROB', 'k', '0.01', '0.01')).toEqual(new SimpleString('OK'));
      expect(server.call('TYPE', 'k')).toEqual(new SimpleString('CMSk-TYPE'));
      server.call('CMS.INCRBY', 'k', 'a', '3', 'b', '4000000000');
      expect(server.call('DEBUG', 'RELOAD')).toEqual(new SimpleString('OK'));
      expect(server.call('CMS.QUERY', 'k', 'a', 'b', 'c')).toEqual([3, 4000000000, 0]);
      expect((server.call('CF.ADD', 'b', 'x') as ErrorReply).message).toMatch(/^ERR unknown command 'CF.ADD'/);
    } finally {
      server.close();
    }
  });

  it('with Bloom, Cuckoo and CMS together MODULE LIST shows one bf module', () => {
    const server = new FakeServer({ mixins: [...coreMixins, BloomCommands, CuckooCommands, CountMinSketchCommands] });
    try {
      const modules = server.call('MODULE', 'LIST') as MapReply[];
      expect(modules.map((module) => module.entries)).toEqual([[['name', 'bf'], ['ver', 20820], ['path', ''], ['args', []]]]);
    } finally {
      server.close();
    }
  });

  it('src/cuckoo and src/cms import nothing of the other modules (only the murmur2 hashes and the module I/O helpers)', () => {
    for (const dir of ['cuckoo', 'cms']) {
      const root = resolve(__dirname, '../../src', dir);
      for (const file of readdirSync(root)) {
        const imports = [...readFileSync(resolve(root, file), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
        for (const path of imports) expect(path.startsWith('./') || ['@fakeredis/core', '../bloom/murmur.js', '../module-io.js'].includes(path), `${dir}/${file}: ${path}`).toBe(true);
      }
    }
  });
});
