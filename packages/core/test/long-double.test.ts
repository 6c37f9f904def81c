import { describe, expect, it } from 'vitest';
import {
  addLongDouble,
  bitLength,
  formatLongDoubleHuman,
  type LongDouble,
  parseLongDouble,
  roundToLongDouble,
} from '../src/long-double.js';

const parse = (s: string): LongDouble => {
  const value = parseLongDouble(s);
  if (value === undefined) throw new Error(`not a long double: ${s}`);
  return value;
};
const sum = (a: string, b: string) => formatLongDoubleHuman(addLongDouble(parse(a), parse(b)));

describe('long double emulation', () => {
  it('rounds to a 64-bit significand, ties to even', () => {
    // 2^64 + 1 lies halfway between 2^64 and 2^64 + 2: it rounds to the even significand.
    const x = roundToLongDouble(false, (1n << 64n) + 1n, 0);
    expect(x.m << BigInt(x.e)).toBe(1n << 64n);
    const y = roundToLongDouble(false, (1n << 64n) + 3n, 0);
    expect(y.m << BigInt(y.e)).toBe((1n << 64n) + 4n);
    // Exactly halfway plus a sticky bit below rounds up, even to an odd significand.
    const z = roundToLongDouble(false, (1n << 65n) + 2n, -1, true);
    expect(z.m << BigInt(z.e)).toBe((1n << 64n) + 2n);
    expect(roundToLongDouble(false, 1n, 16384).kind).toBe('inf');
    expect(roundToLongDouble(false, 1n, 16383).kind).toBe('finite');
  });

  it('keeps subnormals down to 2^-16445 and flushes below half of it', () => {
    expect(roundToLongDouble(false, 1n, -16445)).toMatchObject({ kind: 'finite', m: 1n, e: -16445 });
    expect(roundToLongDouble(false, 1n, -16446).m).toBe(0n); // exactly half: ties to even (zero)
    expect(roundToLongDouble(false, 3n, -16447).m).toBe(1n); // 0.75 of the smallest: rounds up
  });

  it('adds exactly, then rounds once', () => {
    expect(sum('10.5', '0.1')).toBe('10.6');
    expect(sum('3.0e3', '1')).toBe('3001');
    expect(sum('5.0e3', '2.0e-3')).toBe('5000.00199999999999978');
    expect(sum('0.1', '0.2')).toBe('0.3');
    expect(sum('1', '1e-17')).toBe('1.00000000000000001');
    expect(sum('1', '5e-18')).toBe('1');
    expect(sum('-1', '5e-18')).toBe('-1');
    expect(sum('1e20', '1')).toBe('100000000000000000000');
    expect(sum('1', '-1')).toBe('0');
    expect(addLongDouble(parse('-0'), parse('-0')).neg).toBe(true);
    expect(addLongDouble(parse('1'), parse('-1')).neg).toBe(false);
  });

  it('formats with %.17Lf, trailing zeros and "-0" removed', () => {
    expect(formatLongDoubleHuman(parse('123456789012345678901234567890'))).toBe('123456789012345678899921813504');
    expect(formatLongDoubleHuman(parse('0.000000000000000015'))).toBe('0.00000000000000002');
    expect(formatLongDoubleHuman(parse('0.000000000000000005'))).toBe('0');
    expect(formatLongDoubleHuman(parse('-0.000000000000000001'))).toBe('0');
    expect(formatLongDoubleHuman(parse('-0'))).toBe('0');
    expect(formatLongDoubleHuman(parse('-2.5'))).toBe('-2.5');
    expect(formatLongDoubleHuman(parse('-9223372036854775808'))).toBe('-9223372036854775808');
    expect(() => formatLongDoubleHuman(parse('inf'))).toThrow();
  });

  it('parses what strtold accepts and string2ld keeps', () => {
    expect(formatLongDoubleHuman(parse('0x1p3'))).toBe('8');
    expect(formatLongDoubleHuman(parse('0X.8P1'))).toBe('1');
    expect(formatLongDoubleHuman(parse('+1.'))).toBe('1');
    expect(formatLongDoubleHuman(parse('.25'))).toBe('0.25');
    expect(formatLongDoubleHuman(parse('1E2'))).toBe('100');
    expect(parse('INFINITY')).toMatchObject({ kind: 'inf', neg: false });
    expect(parse('-inf')).toMatchObject({ kind: 'inf', neg: true });
    expect(parse('0e99999').m).toBe(0n);
    expect(parse('2e-4951').kind).toBe('finite');
    for (const bad of ['', ' 1', '1 ', '1e', '0x', '.', 'nan', '-nan', 'nan(1)', 'infin', '1e5000', '1e-4951', '0x1p', '1\u00000', '1'.repeat(5120), '1.2.3', '+-1']) {
      expect(parseLongDouble(bad), bad).toBeUndefined();
    }
    expect(parseLongDouble(`${'0'.repeat(5118)}1`)?.kind).toBe('finite');
    expect(parseLongDouble('1'.repeat(5119))).toBeUndefined(); // 1.1e5118 overflows
  });

  it('rounds decimal input correctly near a tie', () => {
    // 1 + 2^-64 is exactly halfway between 1 and the next long double: even wins.
    const half = (10n ** 64n * ((1n << 64n) + 1n)) / (1n << 64n);
    const text = `1.${(half - 10n ** 64n).toString().padStart(64, '0')}`;
    expect(parse(text)).toMatchObject({ m: 1n << 63n, e: -63 });
    expect(parse(`${text}1`)).toMatchObject({ m: (1n << 63n) + 1n, e: -63 });
  });

  it('measures bit lengths', () => {
    expect(bitLength(0n)).toBe(0);
    expect(bitLength(1n)).toBe(1);
    expect(bitLength(255n)).toBe(8);
    expect(bitLength(1n << 100n)).toBe(101);
  });
});
