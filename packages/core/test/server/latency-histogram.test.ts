import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from '../../src/mixins/server/latency.js';

// hdr_histogram(1 ns, 1 s, 2 significant figures) as Redis reports it: values from
// Redis's INFO latencystats and LATENCY HISTOGRAM for known durations.
describe('LatencyHistogram', () => {
  it('percentiles are the highest equivalent value of the bucket, in ns', () => {
    const h = new LatencyHistogram();
    h.record(1000);
    expect(h.valueAtPercentile(50)).toBe(1003); // INFO: p50=1.003
    h.record(2000);
    h.record(3000);
    expect(h.valueAtPercentile(50)).toBe(2007);
    expect(h.valueAtPercentile(99.9)).toBe(3007);
    expect(h.valueAtPercentile(0)).toBe(1000);
    expect(h.valueAtPercentile(100)).toBe(3007);
  });

  it("LATENCY HISTOGRAM's buckets: hdr's log iterator from 1024 ns, doubling", () => {
    const h = new LatencyHistogram();
    for (const us of [1, 3, 3, 40, 40, 40, 300, 2_000_000]) h.record(us * 1000);
    expect(h.cumulativeBuckets()).toEqual([[1, 1], [4, 3], [66, 6], [528, 7], [1073741, 8]]);
  });
});
