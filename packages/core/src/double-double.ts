/**
 * Double-double arithmetic (a value as an unevaluated sum hi + lo, about 106 bits), for
 * modules that must return what glibc's correctly rounded libm returns where V8's Math
 * functions are one unit in the last place off (geo's sin/cos/asin, the stack's log/pow).
 */

export type DoubleDouble = [hi: number, lo: number];

const SPLITTER = 134217729; // 2^27 + 1

/** a + b exactly, as a double-double. */
export function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  const bb = s - a;
  return [s, a - (s - bb) + (b - bb)];
}

/** a + b exactly when |a| >= |b|. */
export function quickTwoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  return [s, b - (s - a)];
}

/** a * b exactly (Dekker's split). */
export function twoProd(a: number, b: number): DoubleDouble {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

export function ddAdd(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [s, e1] = twoSum(a[0], b[0]);
  const [t, f] = twoSum(a[1], b[1]);
  let [hi, lo] = quickTwoSum(s, e1 + t);
  [hi, lo] = quickTwoSum(hi, lo + f);
  return [hi, lo];
}

export function ddMul(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const [p, e] = twoProd(a[0], b[0]);
  return quickTwoSum(p, e + (a[0] * b[1] + a[1] * b[0]));
}
