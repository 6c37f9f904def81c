import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { BooleanReply, type Bytes, coreMixins, type ErrorReply, FakeServer, type MapReply, SimpleString } from '@fakeredis/core';
import { describe, expect, it } from 'vitest';
import { BloomChain, bloomHash32, bloomHash64, BloomCommands } from '../../src/bloom/index.js';
import type { BloomHash } from '../../src/bloom/murmur.js';
import { BLOOM_OPT_FORCE64, BLOOM_OPT_NO_SCALING, BLOOM_OPT_NOROUND, newLink } from '../../src/bloom/chain.js';

// [item, bloom_calc_hash64 a, b, bloom_calc_hash a, b]: deps/murmur2/MurmurHash2.c of
// RedisBloom v2.8.20 compiled and run on x86-64 with RedisBloom's seeds.
const VECTORS: Array<[string, bigint, bigint, number, number]> = [
  ['', 0x1ab11ea5a7b2c56en, 0xbbddcb5ab56dd547n, 0x106e08d9, 0x456d9087],
  ['a', 0x4292cee227b9150an, 0x7e9b527031f50c11n, 0xa2d0b27c, 0x2e36e8b4],
  ['ab', 0x2db1bf3a2e66542cn, 0x293d5ccc2e02cc02n, 0x12d8262a, 0x87ae788a],
  ['abc', 0xca52f3863690cd7bn, 0x492e507dc7ce3d23n, 0x1c94221b, 0x08e2b515],
  ['abcd', 0xc19f5358d983a6bfn, 0xe0cf7f46f508e46en, 0xb11ab5f4, 0x7796ea9c],
  ['abcdefg', 0x9fa0b24601c1e9a9n, 0x593e9b0945664832n, 0xeb595499, 0x3219f5ed],
  ['abcdefgh', 0xd435df7a565a8af1n, 0xbf3d673c0b1029cfn, 0xc70d55dd, 0xd8fd56f3],
  ['abcdefghi', 0xa2c004e44bd0a465n, 0x28459a22cef68950n, 0xdb106fbe, 0x9cc85bc8],
  ['hello world, a longer item!', 0xd938f18135e55a98n, 0x81415512db2390fbn, 0x12870fb6, 0x91f851e1],
];

const OPTIONS = BLOOM_OPT_FORCE64 | BLOOM_OPT_NOROUND;

describe('RedisBloom hashes (MurmurHash64A_Bloom, MurmurHash2 with the module seeds)', () => {
  it.each(VECTORS)('%j', (item, a64, b64, a32, b32) => {
    const wide = (h: BloomHash): [bigint, bigint] => [(BigInt(h.aHi) << 32n) | BigInt(h.aLo), (BigInt(h.bHi) << 32n) | BigInt(h.bLo)];
    expect(wide(bloomHash64(item as Bytes))).toEqual([a64, b64]);
    expect(wide(bloomHash32(item as Bytes))).toEqual([BigInt(a32), BigInt(b32)]);
  });
});

describe('bloom_init sizes (NOROUND, as BF.* creates them)', () => {
  it('capacity 100 at 0.01: the first filter gets half the rate', () => {
    const sb = BloomChain.create(100n, 0.01, OPTIONS, 2) as BloomChain;
    const link = sb.filters[0]!;
    expect([link.error, link.hashes, link.bytes, link.bits, link.entries]).toEqual([0.005, 8, 144, 1152, 100n]);
    expect(sb.memUsage()).toBe(240); // BF.INFO Size of a fresh BF.ADD filter on redis-server
  });
  it('scales by the expansion at half the error rate', () => {
    const sb = BloomChain.create(10n, 0.1, OPTIONS, 3) as BloomChain;
    for (let i = 0; i < 25; i++) sb.add(`i${i}` as Bytes);
    expect(sb.filters.map((link) => [link.entries, link.error])).toEqual([[10n, 0.05], [30n, 0.025]]);
    expect(sb.size).toBe(sb.filters.reduce((n, link) => n + link.size, 0n));
  });
  it('a non-scaling filter reports full (-2) once its capacity is reached', () => {
    const sb = BloomChain.create(2n, 0.1, OPTIONS | BLOOM_OPT_NO_SCALING, 2) as BloomChain;
    expect([sb.add('a' as Bytes), sb.add('b' as Bytes), sb.add('c' as Bytes), sb.add('a' as Bytes)]).toEqual([1, 1, -2, 0]);
    expect(sb.filters[0]!.error).toBe(0.1); // no tightening without scaling
  });
  it('refuses what bloom_init refuses', () => {
    expect(newLink(0n, 0.1, OPTIONS)).toBe('invalid');
    expect(newLink(10n, 1, OPTIONS)).toBe('invalid');
    expect(newLink(10n ** 15n, 0.001, OPTIONS)).toBe('oom');
  });
});

describe('bit positions: (a + i*b) mod 2^64 mod bits', () => {
  it.each([[100n, 0.01], [5_000_000n, 0.0001]])('capacity %s at %s sets the bits the 64-bit formula gives', (capacity, error) => {
    const sb = BloomChain.create(capacity, error, OPTIONS, 2) as BloomChain;
    const link = sb.filters[0]!;
    const item = 'hello world, a longer item!' as Bytes;
    sb.add(item);
    const h = bloomHash64(item);
    const a = (BigInt(h.aHi) << 32n) | BigInt(h.aLo);
    const b = (BigInt(h.bHi) << 32n) | BigInt(h.bLo);
    const expected = new Set(Array.from({ length: link.hashes }, (_, i) => Number(((a + BigInt(i) * b) & 0xffffffffffffffffn) % BigInt(link.bits))));
    const set: number[] = [];
    link.bf.forEach((byte, i) => {
      for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) set.push(i * 8 + bit);
    });
    expect(link.bits > 0x4000000).toBe(capacity > 1_000_000n); // both arithmetic paths
    expect(set).toEqual([...expected].sort((x, y) => x - y));
  });
});

describe('SCANDUMP encoding', () => {
  it('header: packed dumpedChainHeader and 53-byte links; chunks walk the filters', () => {
    const sb = BloomChain.create(100n, 0.01, OPTIONS, 2) as BloomChain;
    sb.add('a' as Bytes);
    const header = Buffer.from(sb.encodedHeader(), 'latin1');
    expect(header.length).toBe(20 + 53);
    expect([header.readBigUInt64LE(0), header.readUInt32LE(8), header.readUInt32LE(12), header.readUInt32LE(16)]).toEqual([1n, 1, OPTIONS, 2]);
    const copy = BloomChain.fromHeader(sb.encodedHeader())!;
    const [next, chunk] = sb.encodedChunk(1n);
    expect(next).toBe(145n);
    expect(copy.loadChunk(next, chunk)).toBeUndefined();
    expect(copy.has('a' as Bytes)).toBe(true);
    expect(sb.encodedChunk(next)).toEqual([0n, '']);
  });
});

describe('BloomCommands alone', () => {
  it('composes with core only: TYPE, BF.ADD, MODULE LIST', () => {
    const server = new FakeServer({ mixins: [...coreMixins, BloomCommands] });
    try {
      expect(server.call('BF.ADD', 'k', 'x')).toEqual(new BooleanReply(true));
      expect(server.call('TYPE', 'k')).toEqual(new SimpleString('MBbloom--'));
      const [module] = server.call('MODULE', 'LIST') as MapReply[];
      expect(module!.entries).toEqual([['name', 'bf'], ['ver', 20820], ['path', ''], ['args', []]]);
    } finally {
      server.close();
    }
  });

  it('DEBUG RELOAD saves and loads filters through the RDB format', () => {
    const server = new FakeServer({ mixins: [...coreMixins, BloomCommands], config: { 'enable-debug-command': 'yes', dir: mkdtempSync(join(tmpdir(), 'fakeredis-stack-')) } });
    try {
      server.call('BF.RESERVE', 'k', '0.01', '20', 'EXPANSION', '3');
      server.call('BF.MADD', 'k', ...Array.from({ length: 100 }, (_, i) => `x${i}`));
      const info = JSON.stringify(server.call('BF.INFO', 'k'));
      const dump = server.call('BF.SCANDUMP', 'k', '1');
      expect(server.call('DEBUG', 'RELOAD')).toEqual(new SimpleString('OK'));
      expect(JSON.stringify(server.call('BF.INFO', 'k'))).toBe(info);
      expect(server.call('BF.SCANDUMP', 'k', '1')).toEqual(dump);
      expect(server.call('BF.EXISTS', 'k', 'x42')).toEqual(new BooleanReply(true));
    } finally {
      server.close();
    }
  });

  it('without the mixin BF.* are unknown commands', () => {
    const server = new FakeServer({ mixins: [...coreMixins] });
    try {
      expect((server.call('BF.ADD', 'k', 'x') as ErrorReply).message).toMatch(/^ERR unknown command 'BF.ADD'/);
    } finally {
      server.close();
    }
  });
});
