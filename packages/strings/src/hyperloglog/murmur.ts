/**
 * MurmurHash64A, the 64-bit hash Redis's HyperLogLog uses (read little-endian, as Redis
 * does on every architecture), computed on 32-bit halves so no BigInt is needed.
 */

const M_HI = 0xc6a4a793;
const M_LO = 0x5bd1e995;

/** A 64-bit value as two unsigned 32-bit halves. */
export interface U64 {
  hi: number;
  lo: number;
}

/** The full 64-bit product of two unsigned 32-bit numbers. */
function mul32(a: number, b: number, out: U64): void {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const b0 = b & 0xffff;
  const b1 = b >>> 16;
  const low = a0 * b0;
  const mid1 = a1 * b0;
  const mid2 = a0 * b1;
  const carry = (low >>> 16) + (mid1 & 0xffff) + (mid2 & 0xffff);
  out.lo = (((carry & 0xffff) << 16) | (low & 0xffff)) >>> 0;
  out.hi = (a1 * b1 + (mid1 >>> 16) + (mid2 >>> 16) + (carry >>> 16)) >>> 0;
}

const product: U64 = { hi: 0, lo: 0 };

/** (hi, lo) * m modulo 2^64, into `out`. */
function mulM(hi: number, lo: number, out: U64): void {
  mul32(lo, M_LO, product);
  out.hi = (product.hi + Math.imul(hi, M_LO) + Math.imul(lo, M_HI)) >>> 0;
  out.lo = product.lo;
}

/** MurmurHash64A of the bytes of a latin1 string with a 32-bit seed. */
export function murmurHash64A(data: string, seed: number): U64 {
  const len = data.length;
  const h: U64 = { hi: 0, lo: 0 };
  const k: U64 = { hi: 0, lo: 0 };
  // h = seed ^ (len * m)
  mulM(0, len >>> 0, h);
  h.lo = (h.lo ^ seed) >>> 0;
  const blocks = len - (len & 7);
  for (let i = 0; i < blocks; i += 8) {
    const lo =
      (data.charCodeAt(i) | (data.charCodeAt(i + 1) << 8) | (data.charCodeAt(i + 2) << 16) | (data.charCodeAt(i + 3) << 24)) >>> 0;
    const hi =
      (data.charCodeAt(i + 4) | (data.charCodeAt(i + 5) << 8) | (data.charCodeAt(i + 6) << 16) | (data.charCodeAt(i + 7) << 24)) >>> 0;
    mulM(hi, lo, k); // k *= m
    k.lo = (k.lo ^ (k.hi >>> 15)) >>> 0; // k ^= k >> 47
    mulM(k.hi, k.lo, k); // k *= m
    h.hi = (h.hi ^ k.hi) >>> 0; // h ^= k
    h.lo = (h.lo ^ k.lo) >>> 0;
    mulM(h.hi, h.lo, h); // h *= m
  }
  const rest = len & 7;
  if (rest > 0) {
    let tailLo = 0;
    let tailHi = 0;
    for (let i = 0; i < rest; i++) {
      const byte = data.charCodeAt(blocks + i);
      if (i < 4) tailLo |= byte << (8 * i);
      else tailHi |= byte << (8 * (i - 4));
    }
    h.lo = (h.lo ^ tailLo) >>> 0;
    h.hi = (h.hi ^ tailHi) >>> 0;
    mulM(h.hi, h.lo, h);
  }
  h.lo = (h.lo ^ (h.hi >>> 15)) >>> 0; // h ^= h >> 47
  mulM(h.hi, h.lo, h); // h *= m
  h.lo = (h.lo ^ (h.hi >>> 15)) >>> 0; // h ^= h >> 47
  return h;
}

/** The seed Redis's hllPatLen hashes elements with. */
export const HLL_HASH_SEED = 0xadc83b19;
const HLL_P = 14;

/**
 * Redis's hllPatLen: the register an element maps to (the low 14 bits of its hash) and
 * the length of the 000..1 pattern in the remaining 50 bits (1 to 51).
 */
export function hllPatternLength(element: string): { index: number; count: number } {
  const { hi, lo } = murmurHash64A(element, HLL_HASH_SEED);
  const index = lo & ((1 << HLL_P) - 1);
  // hash >>= P, then set bit Q (50) so the count stops at 51.
  const restLo = ((lo >>> HLL_P) | (hi << (32 - HLL_P))) >>> 0;
  const restHi = ((hi >>> HLL_P) | (1 << (50 - 32))) >>> 0;
  const count = restLo !== 0 ? trailingZeros(restLo) + 1 : 32 + trailingZeros(restHi) + 1;
  return { index, count };
}

function trailingZeros(x: number): number {
  return 31 - Math.clz32(x & -x);
}
