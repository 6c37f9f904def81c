import type { Bytes } from '@fakeredis/core';

/**
 * The hashes of RedisBloom's deps/murmur2 (Austin Appleby's MurmurHash2, as
 * deps/bloom/bloom.c uses them). Keys are latin1 strings: one char per byte. Blocks are
 * read little-endian, as on the x86-64 and arm64 hosts the module runs on.
 */

// 64-bit arithmetic on pairs of uint32 halves (BigInt is several times slower here).
const M_HI = 0xc6a4a793;
const M_LO = 0x5bd1e995;
let resultHi = 0;
let resultLo = 0;

/** (hi:lo * M) mod 2^64 into resultHi:resultLo. */
function mulM(hi: number, lo: number): void {
  const a0 = lo & 0xffff;
  const a1 = lo >>> 16;
  const p00 = a0 * 0xe995;
  const p01 = a0 * 0x5bd1;
  const p10 = a1 * 0xe995;
  const p11 = a1 * 0x5bd1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  resultLo = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const carry = p11 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  resultHi = (carry + Math.imul(hi, M_LO) + Math.imul(lo, M_HI)) >>> 0;
}

/** MurmurHash64A_Bloom(key, len, seed), the seed and the result as uint32 halves (into resultHi:resultLo). */
function murmur64(data: Bytes, seedHi: number, seedLo: number): void {
  const len = data.length;
  mulM(0, len);
  let hHi = (seedHi ^ resultHi) >>> 0;
  let hLo = (seedLo ^ resultLo) >>> 0;
  const blocks = len >> 3;
  for (let b = 0; b < blocks; b++) {
    const o = b * 8;
    const lo = (data.charCodeAt(o) | (data.charCodeAt(o + 1) << 8) | (data.charCodeAt(o + 2) << 16) | (data.charCodeAt(o + 3) << 24)) >>> 0;
    const hi = (data.charCodeAt(o + 4) | (data.charCodeAt(o + 5) << 8) | (data.charCodeAt(o + 6) << 16) | (data.charCodeAt(o + 7) << 24)) >>> 0;
    mulM(hi, lo);
    // k ^= k >> 47: only the high half's top 17 bits reach the low half.
    mulM(resultHi, (resultLo ^ (resultHi >>> 15)) >>> 0);
    mulM((hHi ^ resultHi) >>> 0, (hLo ^ resultLo) >>> 0);
    hHi = resultHi;
    hLo = resultLo;
  }
  const rest = len & 7;
  if (rest !== 0) {
    const o = blocks * 8;
    for (let i = rest - 1; i >= 0; i--) {
      if (i >= 4) hHi = (hHi ^ (data.charCodeAt(o + i) << (8 * (i - 4)))) >>> 0;
      else hLo = (hLo ^ (data.charCodeAt(o + i) << (8 * i))) >>> 0;
    }
    mulM(hHi, hLo);
    hHi = resultHi;
    hLo = resultLo;
  }
  mulM(hHi, (hLo ^ (hHi >>> 15)) >>> 0);
  resultLo = (resultLo ^ (resultHi >>> 15)) >>> 0;
}

/** MurmurHash64A_Bloom(key, len, seed). */
export function murmurHash64A(data: Bytes, seed: bigint): bigint {
  murmur64(data, Number(seed >> 32n), Number(seed & 0xffffffffn));
  return (BigInt(resultHi) << 32n) | BigInt(resultLo);
}

/** MurmurHash64A_Bloom(key, len, 0) as [high, low] uint32 halves: the cuckoo filter's CUCKOO_GEN_HASH. */
export function murmurHash64AHalves(data: Bytes): [number, number] {
  murmur64(data, 0, 0);
  return [resultHi, resultLo];
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

/** bloom_hashval: the two 64-bit hashes (as uint32 halves) whose combinations a + i*b pick a filter's bits. */
export interface BloomHash {
  readonly aHi: number;
  readonly aLo: number;
  readonly bHi: number;
  readonly bLo: number;
}

/** bloom_calc_hash64: 64-bit hashing (the FORCE64 option every BF command sets). */
export function bloomHash64(data: Bytes): BloomHash {
  murmur64(data, M_HI, M_LO);
  const aHi = resultHi;
  const aLo = resultLo;
  murmur64(data, aHi, aLo);
  return { aHi, aLo, bHi: resultHi, bLo: resultLo };
}

/** bloom_calc_hash: 32-bit hashing, for a filter loaded from a header without FORCE64. */
export function bloomHash32(data: Bytes): BloomHash {
  const a = murmurHash2(data, 0x9747b28c);
  return { aHi: 0, aLo: a, bHi: 0, bLo: murmurHash2(data, a) };
}
