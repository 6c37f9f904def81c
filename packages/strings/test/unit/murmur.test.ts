import { describe, expect, it } from 'vitest';
import { HLL_HASH_SEED, hllPatternLength, murmurHash64A } from '../../src/hyperloglog/murmur.js';

const MASK = (1n << 64n) - 1n;
const M = 0xc6a4a7935bd1e995n;

/** MurmurHash64A written directly from its definition with BigInt, as a reference. */
function reference(data: Uint8Array, seed: bigint): bigint {
  let h = (seed ^ (BigInt(data.length) * M)) & MASK;
  const blocks = data.length - (data.length & 7);
  for (let i = 0; i < blocks; i += 8) {
    let k = 0n;
    for (let b = 7; b >= 0; b--) k = (k << 8n) | BigInt(data[i + b] as number);
    k = (k * M) & MASK;
    k ^= k >> 47n;
    k = (k * M) & MASK;
    h ^= k;
    h = (h * M) & MASK;
  }
  const rest = data.length & 7;
  if (rest > 0) {
    for (let b = rest - 1; b >= 0; b--) h ^= BigInt(data[blocks + b] as number) << BigInt(8 * b);
    h = (h * M) & MASK;
  }
  h ^= h >> 47n;
  h = (h * M) & MASK;
  h ^= h >> 47n;
  return h;
}

describe('MurmurHash64A', () => {
  it('matches the BigInt reference on inputs of every length class', () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff);
    for (let len = 0; len < 70; len++) {
      for (let round = 0; round < 5; round++) {
        const bytes = Uint8Array.from({ length: len }, () => next() & 0xff);
        const text = Buffer.from(bytes).toString('latin1');
        const { hi, lo } = murmurHash64A(text, HLL_HASH_SEED);
        expect((BigInt(hi) << 32n) | BigInt(lo)).toBe(reference(bytes, BigInt(HLL_HASH_SEED)));
      }
    }
  });

  it('gives the register index and pattern length Redis computes', () => {
    // PFADD h a b c on Redis 7.0, PFDEBUG DECODE h: Z:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603
    const found = ['a', 'b', 'c'].map(hllPatternLength).sort((x, y) => x.index - y.index);
    expect(found).toEqual([
      { index: 8436, count: 1 },
      { index: 12711, count: 2 },
      { index: 15780, count: 1 },
    ]);
  });

  it('caps the pattern length at 51', () => {
    for (let i = 0; i < 2000; i++) {
      const { index, count } = hllPatternLength(`e${i}`);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(16384);
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(51);
    }
  });
});
