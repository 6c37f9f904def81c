/**
 * sin, cos and asin rounded correctly to the nearest double, as glibc's libm (which
 * redis-server calls) returns them in all but rare hard cases. V8's Math.sin, cos and
 * asin (fdlibm) are off by one unit in the last place for about 3% of arguments, which
 * shows in distances printed with 17 digits (STOREDIST scores). The values are computed
 * in double-double arithmetic (about 106 bits) and rounded once.
 */

import { type DoubleDouble, ddAdd as add, ddMul as mul, quickTwoSum, twoProd, twoSum } from '@fakeredis/core';

type DD = DoubleDouble;

/** 1/n! for n = 2..27 as double-doubles. */
const INV_FACT: DD[] = [
  [1, 0], [1, 0],
  [0.5, 0], [0.16666666666666666, 9.25185853854297e-18], [0.041666666666666664, 2.3129646346357427e-18],
  [0.008333333333333333, 1.1564823173178714e-19], [0.001388888888888889, -5.300543954373577e-20],
  [0.0001984126984126984, 1.7209558293420705e-22], [2.48015873015873e-5, 2.1511947866775882e-23],
  [2.7557319223985893e-6, -1.858393274046472e-22], [2.755731922398589e-7, 2.3767714622250297e-23],
  [2.505210838544172e-8, -1.448814070935912e-24], [2.08767569878681e-9, -1.20734505911326e-25],
  [1.6059043836821613e-10, 1.2585294588752098e-26], [1.1470745597729725e-11, 2.0655512752830745e-28],
  [7.647163731819816e-13, 7.03872877733453e-30], [4.779477332387385e-14, 4.399205485834081e-31],
  [2.8114572543455206e-15, 1.6508842730861433e-31], [1.5619206968586225e-16, 1.1910679660273754e-32],
  [8.22063524662433e-18, 2.2141894119604265e-34], [4.110317623312165e-19, 1.4412973378659527e-36],
  [1.9572941063391263e-20, -1.3643503830087908e-36], [8.896791392450574e-22, -7.911402614872376e-38],
  [3.868170170630684e-23, -8.843177655482344e-40], [1.6117375710961184e-24, -3.6846573564509766e-41],
  [6.446950284384474e-26, -1.9330404233703465e-42], [2.4795962632247976e-27, -1.2953730964765229e-43],
  [9.183689863795546e-29, 1.4303150396787322e-45],
];

/** pi/2 as three doubles (about 160 bits). */
const PIO2_1 = 1.5707963267948966;
const PIO2_2 = 6.123233995736766e-17;
const PIO2_3 = -1.4973849048591698e-33;

/** Past this the reduction below loses bits; such arguments do not reach a decision. */
const REDUCTION_LIMIT = 1e6;

/** x - k*pi/2 as a double-double, |result| <= pi/4 (Cody-Waite with a three-part pi/2). */
function reduce(x: number): { r: DD; quadrant: number } {
  const k = Math.round(x / PIO2_1);
  const [a, ae] = twoProd(k, PIO2_1);
  let r = twoSum(x, -a);
  r = add(r, [-ae, 0]);
  r = add(r, negate(twoProd(k, PIO2_2)));
  r = add(r, [-k * PIO2_3, 0]);
  return { r, quadrant: ((k % 4) + 4) % 4 };
}

function negate(a: DD): DD {
  return [-a[0], -a[1]];
}

/** sin(r) = r - r z (1/3! - z (1/5! - z (...))) with z = r^2, for |r| <= pi/4. */
function sinSeries(r: DD): DD {
  const z = mul(r, r);
  let p: DD = INV_FACT[27] as DD;
  for (let n = 25; n >= 3; n -= 2) p = add(INV_FACT[n] as DD, negate(mul(z, p)));
  return add(r, negate(mul(mul(r, z), p)));
}

/** cos(r) = 1 - z (1/2! - z (1/4! - z (...))), for |r| <= pi/4. */
function cosSeries(r: DD): DD {
  const z = mul(r, r);
  let p: DD = INV_FACT[26] as DD;
  for (let n = 24; n >= 2; n -= 2) p = add(INV_FACT[n] as DD, negate(mul(z, p)));
  return add([1, 0], negate(mul(z, p)));
}

function sinDD(x: number): DD {
  const { r, quadrant } = reduce(x);
  switch (quadrant) {
    case 0: return sinSeries(r);
    case 1: return cosSeries(r);
    case 2: return negate(sinSeries(r));
    default: return negate(cosSeries(r));
  }
}

function cosDD(x: number): DD {
  const { r, quadrant } = reduce(x);
  switch (quadrant) {
    case 0: return cosSeries(r);
    case 1: return negate(sinSeries(r));
    case 2: return negate(cosSeries(r));
    default: return sinSeries(r);
  }
}

export function sin(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) > REDUCTION_LIMIT) return Math.sin(x);
  if (x === 0) return x;
  const [hi, lo] = sinDD(x);
  return hi + lo;
}

export function cos(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) > REDUCTION_LIMIT) return Math.cos(x);
  const [hi, lo] = cosDD(x);
  return hi + lo;
}

/** asin by one Newton step on sin from V8's estimate (error then far below an ulp). */
export function asin(x: number): number {
  const y0 = Math.asin(x);
  if (!Number.isFinite(y0) || x === 0 || Math.abs(x) === 1) return y0;
  const [sh, sl] = sinDD(y0);
  const [ch] = cosDD(y0);
  const [dh, dl] = twoSum(x, -sh);
  const correction = (dh + (dl - sl)) / ch;
  return y0 + correction;
}
