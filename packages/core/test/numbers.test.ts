import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDouble17g, formatDoubleG, formatDoubleShortest, tryParseDouble, tryParseInt64 } from '../src/numbers.js';

// Pairs of (Python repr of a double, C printf "%.17g" of it), made with Python's % operator,
// which formats with the C library's rules.
const printf17g: Array<[string, string]> = JSON.parse(
  readFileSync(new URL('./fixtures/printf17g.json', import.meta.url), 'utf8'),
);

describe('integers (string2ll)', () => {
  it('accepts canonical int64 text only', () => {
    expect(tryParseInt64('0')).toBe(0n);
    expect(tryParseInt64('-1')).toBe(-1n);
    expect(tryParseInt64('9223372036854775807')).toBe(9223372036854775807n);
    expect(tryParseInt64('-9223372036854775808')).toBe(-9223372036854775808n);
    for (const bad of ['', '+1', '01', '-0', ' 1', '1 ', '1.0', '9223372036854775808', '-9223372036854775809', '0x10', '1e3']) {
      expect(tryParseInt64(bad), bad).toBeUndefined();
    }
  });
});

describe('doubles (strtod as Redis checks it)', () => {
  it('parses what strtod parses, whole string only', () => {
    expect(tryParseDouble('1.5')).toBe(1.5);
    expect(tryParseDouble('+1.5')).toBe(1.5);
    expect(tryParseDouble('.5')).toBe(0.5);
    expect(tryParseDouble('5.')).toBe(5);
    expect(tryParseDouble('1e3')).toBe(1000);
    expect(tryParseDouble('inf')).toBe(Infinity);
    expect(tryParseDouble('-Infinity')).toBe(-Infinity);
    expect(tryParseDouble('0x10')).toBe(16);
    expect(tryParseDouble('0x1p3')).toBe(8);
  });
  it('rejects nan, spaces, trailing garbage, overflow and underflow', () => {
    for (const bad of ['', 'nan', 'NaN', ' 1', '1 ', '1a', '1e400', '-1e400', '1e-400', 'abc', '1,5', '0b1']) {
      expect(tryParseDouble(bad), bad).toBeUndefined();
    }
    expect(tryParseDouble('0')).toBe(0);
    expect(tryParseDouble('0e10')).toBe(0);
  });
});

describe('formatDouble17g', () => {
  it('matches C printf("%.17g") on a corpus', () => {
    for (const [repr, expected] of printf17g) {
      expect(formatDouble17g(Number(repr)), repr).toBe(expected);
    }
  });
  it('writes infinities as Redis does', () => {
    expect(formatDouble17g(Infinity)).toBe('inf');
    expect(formatDouble17g(-Infinity)).toBe('-inf');
  });
});

describe('formatDoubleShortest (Redis 7.2 d2string / fpconv layout)', () => {
  it('follows fpconv_dtoa layout rules', () => {
    const cases: Array<[number, string]> = [
      [1.1, '1.1'], [0.1, '0.1'], [-2.5, '-2.5'], [3, '3'], [1e17, '100000000000000000'],
      [1e21, '1e+21'], [1.5e-7, '1.5e-7'], [0.0001, '0.0001'], [1.2345e-5, '1.2345e-5'],
      [123.456, '123.456'], [1234567.5, '1234567.5'], [0.0012345678901234567, '0.0012345678901234567'],
      [1.5e300, '1.5e+300'], [-1e-300, '-1e-300'], [5e-324, '5e-324'], [Infinity, 'inf'], [-0, '-0'],
    ];
    for (const [value, expected] of cases) expect(formatDoubleShortest(value), String(value)).toBe(expected);
  });

  it("takes Grisu2's digits, not the shortest ones (ZSCORE of redis-server 8.6.3)", () => {
    const cases: Array<[number, string]> = [
      [0.0675889104604721, '0.06758891046047211'], [-0.86100006103515625, '-0.8610000610351563'],
      [0.00000854359985327895, '8.543599853278949e-6'], [218.41677856445312, '218.41677856445313'],
    ];
    for (const [value, expected] of cases) expect(formatDoubleShortest(value), String(value)).toBe(expected);
  });
});

describe('formatDoubleG (printf "%g" at another precision)', () => {
  it('rounds half to even from the exact value, as Python\'s "%g" (the C library\'s rules)', () => {
    const cases: Array<[number, string]> = [
      [0.0009765625, '0.000976562'], [0.005, '0.005'], [1234565, '1.23456e+06'], [6.103515625e-5, '6.10352e-05'], [0.123456789, '0.123457'],
      [1e-7, '1e-07'], [100000, '100000'], [1000000, '1e+06'], [0.0001, '0.0001'], [1e-5, '1e-05'], [-2.5, '-2.5'], [NaN, 'nan'],
    ];
    for (const [d, text] of cases) expect(formatDoubleG(d, 6), String(d)).toBe(text);
  });
});
