import type { Bytes } from '@fakeredis/core';

/**
 * The hashes of RedisBloom's deps/murmur2 (Austin Appleby's MurmurHash2, as
 * deps/bloom/bloom.c uses them). Keys are latin1 strings: one char per byte. Blocks are
 * read little-endian, as on the x86-64 and arm64 hosts the module runs on.
 */

const MASK64 = 0xffffffffffffffffn;
const M64 = 0xc6a4a7935bd1e995n;

/** MurmurHash64A_Bloom(key, len, seed). */
export function murmurHash64A(data: Bytes, seed: bigint): bigint {
  const len = data.length;
  let h = (seed ^ ((BigInt(len) * M64) & MASK64)) & MASK64;
  const blocks = len >> 3;
  for (let b = 0; b < blocks; b++) {
    const o = b * 8;
    const lo = (data.charCodeAt(o) | (data.charCodeAt(o + 1) << 8) | (data.charCodeAt(o + 2) << 16) | (data.charCodeAt(o + 3) << 24)) >>> 0;
    const hi = (data.charCodeAt(o + 4) | (data.charCodeAt(o + 5) << 8) | (data.charCodeAt(o + 6) << 16) | (data.charCodeAt(o + 7) << 24)) >>> 0;
    let k = (BigInt(hi) << 32n) | BigInt(lo);
    k = (k * M64) & MASK64;
    k ^= k >> 47n;
    k = (k * M64) & MASK64;
    h ^= k;
    h = (h * M64) & MASK64;
  }
  const rest = len & 7;
  if (rest !== 0) {
    const o = blocks * 8;
    for (let i = rest - 1; i >= 0; i--) h ^= BigInt(data.charCodeAt(o + i)) << BigInt(8 * i);
    h = (h * M64) & MASK64;
  }
  h ^= h >> 47n;
  h = (h * M64) & MASK64;
  h ^= h >> 47n;
  return h;
}

/** MurmurHash2(key, len, seed): 32 bits. */
export function murmurHash2(data: Bytes, seed: number): number {
  const m = 0x5bd1e995;
  let len = data.length;
  let h = (seed ^ len) >>> 0;
  let o = 0;
  while (len >= 4) {
    let k = data.charCodeAt(o) | (data.charCodeAt(o + 1) << 8) | (data.charCodeAt(o + 2) << 16) | (data.charCodeAt(o + 3) << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m) ^ k;
    o += 4;
    len -= 4;
  }
  // The tail, last byte first (the C switch falls through).
  if (len === 3) h ^= data.charCodeAt(o + 2) << 16;
  if (len >= 2) h ^= data.charCodeAt(o + 1) << 8;
  if (len >= 1) h = Math.imul(h ^ data.charCodeAt(o), m);
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h >>> 0;
}

/** bloom_hashval: the two hashes whose combinations a + i*b pick a filter's bits. */
export interface BloomHash {
  readonly a: bigint;
  readonly b: bigint;
}

/** bloom_calc_hash64: 64-bit hashing (the FORCE64 option every BF command sets). */
export function bloomHash64(data: Bytes): BloomHash {
  const a = murmurHash64A(data, M64);
  return { a, b: murmurHash64A(data, a) };
}

/** bloom_calc_hash: 32-bit hashing, for a filter loaded from a header without FORCE64. */
export function bloomHash32(data: Bytes): BloomHash {
  const a = murmurHash2(data, 0x9747b28c);
  return { a: BigInt(a), b: BigInt(murmurHash2(data, a)) };
}
