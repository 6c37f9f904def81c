import { describe, expect, it } from 'vitest';
import { asin, cos, sin } from '../../src/libm.js';

// Correctly rounded results (computed with 200-bit arithmetic) for arguments where V8's
// Math functions are one unit off; glibc, which redis-server uses, gives these.
describe('correctly rounded sin, cos, asin', () => {
  it('sin', () => {
    expect(sin(0.7110569999604752)).toBe(0.6526349952149689);
    expect(sin(0.1170282040801961)).toBe(0.11676125835551555);
    expect(sin(0.8077212298790557)).toBe(0.7227140867665541);
    expect(sin(-0.8077212298790557)).toBe(-0.7227140867665541);
  });

  it('cos', () => {
    expect(cos(0.4688919009495953)).toBe(0.8920695835844565);
    expect(cos(-1.1632064453620494)).toBe(0.39639780250615225);
    expect(cos(0.7660288681583614)).toBe(0.720669446479293);
  });

  it('asin', () => {
    expect(asin(0.6339030715794782)).toBe(0.6865893975104772);
    expect(asin(0.6037006660381801)).toBe(0.6481350103017735);
    expect(asin(0.8170015280214146)).toBe(0.9561917538041204);
  });

  it('exact and special values', () => {
    expect(sin(0)).toBe(0);
    expect(Object.is(sin(-0), -0)).toBe(true);
    expect(cos(0)).toBe(1);
    expect(asin(0)).toBe(0);
    expect(asin(1)).toBe(Math.PI / 2);
    expect(asin(-1)).toBe(-Math.PI / 2);
    expect(Number.isNaN(asin(1.0000000000000002))).toBe(true);
    expect(Number.isNaN(sin(Infinity))).toBe(true);
    expect(sin(1e300)).toBe(Math.sin(1e300));
  });

  it('agrees with the series near multiples of pi/2', () => {
    expect(cos(Math.PI / 2)).toBe(6.123233995736766e-17);
    expect(sin(Math.PI)).toBe(1.2246467991473532e-16);
    expect(sin(3 * Math.PI / 2)).toBe(-1);
  });
});
