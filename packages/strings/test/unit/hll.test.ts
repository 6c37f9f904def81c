import { describe, expect, it } from 'vitest';
import {
  estimateCardinality,
  HLL_DENSE,
  HLL_DENSE_SIZE,
  HLL_REGISTERS,
  HLL_SPARSE,
  HllData,
  isValidHll,
  rawHistogram,
} from '../../src/hyperloglog/hll.js';

describe('HLL representation', () => {
  it('creates the 18-byte empty sparse HLL', () => {
    const empty = HllData.create();
    expect(empty.view().toString('hex')).toBe(`48594c4c01000000${'00'.repeat(8)}7fff`);
    expect(empty.decodeSparse()).toBe('Z:16384');
    expect(estimateCardinality(empty.histogram() as Int32Array)).toBe(0);
    expect(isValidHll(empty.view())).toBe(true);
  });

  it('keeps sparse and dense registers in agreement', () => {
    const sparse = HllData.create();
    const registers = new Uint8Array(HLL_REGISTERS);
    let state = 3;
    const next = () => (state = (state * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 400; i++) {
      const index = next() % HLL_REGISTERS;
      const count = 1 + (next() % 20);
      expect(sparse.sparseSet(index, count, 100000)).toBe(count > (registers[index] as number) ? 1 : 0);
      if (count > (registers[index] as number)) registers[index] = count;
    }
    expect(sparse.encoding).toBe(HLL_SPARSE);
    const merged = new Uint8Array(HLL_REGISTERS);
    expect(sparse.mergeInto(merged)).toBe(true);
    expect(merged).toEqual(registers);
    const sparseCount = estimateCardinality(sparse.histogram() as Int32Array);
    expect(sparse.toDense()).toBe(true);
    expect(sparse.encoding).toBe(HLL_DENSE);
    expect(sparse.len).toBe(HLL_DENSE_SIZE);
    for (let i = 0; i < HLL_REGISTERS; i++) expect(sparse.denseGet(i)).toBe(registers[i]);
    expect(estimateCardinality(sparse.histogram() as Int32Array)).toBe(sparseCount);
    expect(estimateCardinality(rawHistogram(registers))).toBe(sparseCount);
  });

  it('promotes when a value exceeds 32 or the size limit is passed', () => {
    const big = HllData.create();
    expect(big.sparseSet(5, 33, 3000)).toBe(1);
    expect(big.encoding).toBe(HLL_DENSE);
    expect(big.denseGet(5)).toBe(33);
    const small = HllData.create();
    expect(small.sparseSet(100, 3, 18)).toBe(1);
    expect(small.encoding).toBe(HLL_DENSE);
  });

  it('merges adjacent equal values into one opcode', () => {
    const h = HllData.create();
    h.sparseSet(10, 2, 3000);
    h.sparseSet(11, 2, 3000);
    h.sparseSet(12, 2, 3000);
    expect(h.decodeSparse()).toBe('z:10 v:2,3 Z:16371');
  });

  it('reports corrupted sparse data', () => {
    const h = HllData.create();
    h.len -= 1; // XZERO's second byte cut off: reads as zero (a run of 16129)
    expect(h.histogram()).toBeUndefined();
    expect(h.toDense()).toBe(false);
    expect(h.sparseSet(16383, 1, 3000)).toBe(-1);
  });

  it('validates headers', () => {
    const dense = HllData.create();
    dense.toDense();
    expect(isValidHll(dense.view())).toBe(true);
    expect(isValidHll(dense.view().subarray(0, HLL_DENSE_SIZE - 1))).toBe(false);
    expect(isValidHll(Buffer.from('HYLL\u0002'.padEnd(18, '\u0000'), 'latin1'))).toBe(false);
    expect(isValidHll(Buffer.from('HYLX\u0001'.padEnd(18, '\u0000'), 'latin1'))).toBe(false);
    expect(isValidHll(Buffer.from('HYLL\u0001', 'latin1'))).toBe(false);
  });
});
