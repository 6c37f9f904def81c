import { Random } from '@fakeredis/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HllData } from '../../src/hyperloglog/hll.js';
import { hllSelfTest } from '../../src/hyperloglog/pfselftest.js';

/** PFSELFTEST checks the fake's own HLL code: it passes on it and fails when it is wrong. */
describe('PFSELFTEST (hllSelfTest)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes on the HLL code as it is', () => {
    expect(hllSelfTest(new Random(1), 3000)).toBeUndefined();
  }, 120_000);

  it('reports a register that does not keep its value', () => {
    const get = HllData.prototype.denseGet;
    vi.spyOn(HllData.prototype, 'denseGet').mockImplementation(function (this: HllData, regnum: number) {
      return regnum === 7 ? (get.call(this, regnum) + 1) & 63 : get.call(this, regnum);
    });
    expect(hllSelfTest(new Random(1), 3000)?.message).toMatch(/^TESTFAILED Register 7 should be \d+ but is \d+$/);
  });

  it('reports a sparse HLL promoted too early', () => {
    const sparseSet = HllData.prototype.sparseSet;
    vi.spyOn(HllData.prototype, 'sparseSet').mockImplementation(function (this: HllData, i: number, c: number) {
      return sparseSet.call(this, i, c, 0);
    });
    expect(hllSelfTest(new Random(1), 3000)?.message).toBe('TESTFAILED sparse encoding not used');
  });

  it('reports dense and sparse counts that disagree', () => {
    const sparseSet = HllData.prototype.sparseSet;
    vi.spyOn(HllData.prototype, 'sparseSet').mockImplementation(function (this: HllData, i: number, c: number, m: number) {
      return sparseSet.call(this, i, Math.max(1, c - 1), m);
    });
    expect(hllSelfTest(new Random(1), 3000)?.message).toBe('TESTFAILED dense/sparse disagree');
  });

  it('reports an estimate off by more than six standard errors', () => {
    // Every register read one higher: dense and sparse agree, the estimate is wrong.
    const histogram = HllData.prototype.histogram;
    vi.spyOn(HllData.prototype, 'histogram').mockImplementation(function (this: HllData) {
      const histo = histogram.call(this) as Int32Array;
      return Int32Array.from({ length: 64 }, (_, v) => (v === 0 ? 0 : (histo[v - 1] as number)));
    });
    expect(hllSelfTest(new Random(1), 3000)?.message).toMatch(/^TESTFAILED Too big error\. card:1 abserr:\d+$/);
  });
});
