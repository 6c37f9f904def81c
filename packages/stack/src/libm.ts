/**
 * log and pow as glibc's libm (which the modules call) returns them: rounded correctly to
 * the nearest double in all but rare hard cases. V8's Math.log and Math.pow (fdlibm) are
 * one unit in the last place off for about 1% of arguments, which changes a t-digest's
 * merges and a Top-K's decay draws. The values are computed in double-double arithmetic
 * (about 100 good bits) and rounded once.
 */

import { type DoubleDouble, ddAdd as add, ddMul as mul, quickTwoSum, twoProd, twoSum } from '@fakeredis/core';

type DD = DoubleDouble;

/** a / b for a double-double and a double (one correction step). */
function divDouble(a: DD, b: number): DD {
  const q1 = a[0] / b;
  const [p, e] = twoProd(q1, b);
  const [s, f] = twoSum(a[0], -p);
  const q2 = (s + (f - e + a[1])) / b;
  return quickTwoSum(q1, q2);
}

// ln 2 as a double-double.
const LN2: DD = [0.6931471805599453, 2.3190468138462996e-17];

/** exp(y) as a double-double, for |y| up to about 700. */
function expDD(y: number): DD {
  const k = Math.round(y / LN2[0]);
  // r = y - k*ln2, in double-double; |r| <= ~0.35.
  let r = add([y, 0], mul([-k, 0], LN2));
  // exp(r) = exp(r / 2^10)^(2^10): the series converges in a few terms.
  r = [r[0] / 1024, r[1] / 1024];
  let term: DD = [1, 0];
  let sum: DD = [1, 0];
  for (let n = 1; n <= 10; n++) {
    term = divDouble(mul(term, r), n);
    sum = add(sum, term);
  }
  for (let i = 0; i < 10; i++) sum = mul(sum, sum);
  // Scaling by 2^k in two steps keeps the factors representable.
  const half = Math.trunc(k / 2);
  const f1 = 2 ** half;
  const f2 = 2 ** (k - half);
  return [sum[0] * f1 * f2, sum[1] * f1 * f2];
}

/** glibc's log(x): correctly rounded for finite x > 0 (others as Math.log). */
export function log(x: number): number {
  if (!(x > 0) || x === Infinity || x === 1) return Math.log(x);
  const y0 = Math.log(x);
  // One Newton step on exp(y) = x from fdlibm's answer: y0 + (x - e)/e, e = exp(y0).
  const e = expDD(y0);
  const correction = (x - e[0] - e[1]) / e[0];
  return y0 + correction;
}

/** glibc's pow(base, n) for an integer n >= 0, correctly rounded (repeated squaring in double-double). */
export function powInt(base: number, n: number): number {
  if (n === 0) return 1;
  if (!Number.isFinite(base) || base === 0) return Math.pow(base, n);
  let result: DD = [1, 0];
  let square: DD = [base, 0];
  for (let e = n; ; ) {
    if (e % 2 === 1) result = mul(result, square);
    e = Math.floor(e / 2);
    if (e === 0) break;
    square = mul(square, square);
  }
  return result[0] + result[1];
}
