/**
 * The digits of Redis 7.2+'s fpconv_dtoa (deps/fpconv: Grisu2 with a table of cached
 * powers of ten). Grisu2 finds a round-trip representation but not always the one a
 * shortest-digits algorithm picks: with two candidates equally near (common for values
 * that came from a float32) it may end on the other last digit, and a few values get a
 * longer form. Computed here with the same 64-bit arithmetic, in BigInt.
 */

const MASK64 = (1n << 64n) - 1n;
const FIRST_POWER = -348;
const STEP_POWERS = 8;
const NPOWERS = 87;
const EXP_MIN = -60;
const EXP_MAX = -32;

interface Fp {
  frac: bigint;
  exp: number;
}

let powers: Fp[] | undefined;

/** powers_ten: 10^k for k = -348, -340, ... 340 as 64-bit normalized mantissas rounded to nearest, with their binary exponents. */
function cachedPowers(): Fp[] {
  if (powers !== undefined) return powers;
  powers = [];
  for (let i = 0; i < NPOWERS; i++) {
    const k = FIRST_POWER + i * STEP_POWERS;
    // value = num / den exactly; find e with 2^63 <= value / 2^e < 2^64.
    const num = k >= 0 ? 10n ** BigInt(k) : 1n;
    const den = k >= 0 ? 1n : 10n ** BigInt(-k);
    let e = Math.floor(k * Math.log2(10)) - 63;
    for (;;) {
      const scaledNum = e >= 0 ? num : num << BigInt(-e);
      const scaledDen = e >= 0 ? den << BigInt(e) : den;
      const q = scaledNum / scaledDen;
      if (q < 1n << 63n) {
        e--;
        continue;
      }
      if (q >= 1n << 64n) {
        e++;
        continue;
      }
      const r = scaledNum - q * scaledDen;
      let frac = q;
      if (r * 2n >= scaledDen) frac += 1n;
      powers.push({ frac, exp: e });
      break;
    }
  }
  return powers;
}

function findCachedPow10(exp: number): { fp: Fp; k: number } {
  const table = cachedPowers();
  const approx = Math.trunc(-(exp + NPOWERS) * 0.30102999566398114);
  let idx = Math.trunc((approx - FIRST_POWER) / STEP_POWERS);
  for (;;) {
    const current = exp + table[idx]!.exp + 64;
    if (current < EXP_MIN) idx++;
    else if (current > EXP_MAX) idx--;
    else return { fp: table[idx]!, k: FIRST_POWER + idx * STEP_POWERS };
  }
}

function multiply(a: Fp, b: Fp): Fp {
  const lo = 0xffffffffn;
  const ahBl = (a.frac >> 32n) * (b.frac & lo);
  const alBh = (a.frac & lo) * (b.frac >> 32n);
  const alBl = (a.frac & lo) * (b.frac & lo);
  const ahBh = (a.frac >> 32n) * (b.frac >> 32n);
  let tmp = (ahBl & lo) + (alBh & lo) + (alBl >> 32n);
  tmp += 1n << 31n;
  return { frac: (ahBh + (ahBl >> 32n) + (alBh >> 32n) + (tmp >> 32n)) & MASK64, exp: a.exp + b.exp + 64 };
}

const TENS = Array.from({ length: 20 }, (_, i) => 10n ** BigInt(19 - i));

/** grisu2: the digits and K (the value is digits * 10^K). */
export function grisu2(d: number): { digits: string; K: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(d));
  const bits = view.getBigUint64(0);
  const hidden = 1n << 52n;
  let frac = bits & (hidden - 1n);
  let exp = Number((bits >> 52n) & 0x7ffn);
  if (exp !== 0) {
    frac += hidden;
    exp -= 1075;
  } else {
    exp = -1074;
  }
  // get_normalized_boundaries
  let upper: Fp = { frac: (frac << 1n) + 1n, exp: exp - 1 };
  while ((upper.frac & (hidden << 1n)) === 0n) {
    upper.frac <<= 1n;
    upper.exp--;
  }
  upper = { frac: (upper.frac << 10n) & MASK64, exp: upper.exp - 10 };
  const lShift = frac === hidden ? 2 : 1;
  let lower: Fp = { frac: (frac << BigInt(lShift)) - 1n, exp: exp - lShift };
  lower = { frac: (lower.frac << BigInt(lower.exp - upper.exp)) & MASK64, exp: upper.exp };
  // normalize
  let w: Fp = { frac, exp };
  while ((w.frac & hidden) === 0n) {
    w.frac <<= 1n;
    w.exp--;
  }
  w = { frac: (w.frac << 11n) & MASK64, exp: w.exp - 11 };
  const { fp: cp, k } = findCachedPow10(upper.exp);
  w = multiply(w, cp);
  upper = multiply(upper, cp);
  lower = multiply(lower, cp);
  lower.frac = (lower.frac + 1n) & MASK64;
  upper.frac = (upper.frac - 1n) & MASK64;
  let K = -k;
  // generate_digits
  const wfrac = (upper.frac - w.frac) & MASK64;
  let delta = (upper.frac - lower.frac) & MASK64;
  const shift = BigInt(-upper.exp);
  const one = 1n << shift;
  let part1 = upper.frac >> shift;
  let part2 = upper.frac & (one - 1n);
  const digits: number[] = [];
  let kappa = 10;
  for (let i = 10; kappa > 0; i++) {
    const div = TENS[i]!;
    const digit = part1 / div;
    if (digit !== 0n || digits.length > 0) digits.push(Number(digit));
    part1 -= digit * div;
    kappa--;
    const tmp = ((part1 << shift) & MASK64) + part2;
    if (tmp <= delta) {
      K += kappa;
      roundDigit(digits, delta, tmp, (div << shift) & MASK64, wfrac);
      return { digits: digits.join(''), K };
    }
  }
  let unit = 18;
  for (;;) {
    part2 = (part2 * 10n) & MASK64;
    delta = (delta * 10n) & MASK64;
    kappa--;
    const digit = part2 >> shift;
    if (digit !== 0n || digits.length > 0) digits.push(Number(digit));
    part2 &= one - 1n;
    if (part2 < delta) {
      K += kappa;
      roundDigit(digits, delta, part2, one, (wfrac * TENS[unit]!) & MASK64);
      return { digits: digits.join(''), K };
    }
    unit--;
  }
}

function roundDigit(digits: number[], delta: bigint, rem: bigint, kappa: bigint, frac: bigint): void {
  const last = digits.length - 1;
  while (rem < frac && delta - rem >= kappa && (rem + kappa < frac || frac - rem > rem + kappa - frac)) {
    digits[last] = digits[last]! - 1;
    rem += kappa;
  }
}
