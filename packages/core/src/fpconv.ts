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

/** fpconv's multiply: the high 64 bits of the 128-bit product, rounded (its 32-bit partial products give the same). */
function multiply(a: Fp, b: Fp): Fp {
  return { frac: (a.frac * b.frac + (1n << 63n)) >> 64n, exp: a.exp + b.exp + 64 };
}

const TENS = Array.from({ length: 20 }, (_, i) => 10n ** BigInt(19 - i));
const float64 = new Float64Array(1);
const bits64 = new BigUint64Array(float64.buffer);
const HIDDEN = 1n << 52n;

/**
 * Recent results: the BigInt arithmetic costs some microseconds a value, and replies print
 * the same scores again and again (ZRANGE WITHSCORES of one set).
 */
const recent = new Map<number, { digits: string; K: number }>();
const RECENT_MAX = 4096;

/** grisu2 of |d| (finite, not zero): the digits and K (the value is digits * 10^K). */
export function grisu2(d: number): { digits: string; K: number } {
  const abs = Math.abs(d);
  let result = recent.get(abs);
  if (result === undefined) {
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(abs, (result = computeGrisu2(abs)));
  }
  return result;
}

function computeGrisu2(abs: number): { digits: string; K: number } {
  float64[0] = abs;
  const bits = bits64[0]!;
  let frac = bits & (HIDDEN - 1n);
  let exp = Number(bits >> 52n);
  if (exp !== 0) {
    frac += HIDDEN;
    exp -= 1075;
  } else {
    exp = -1074;
  }
  // get_normalized_boundaries: upper = (2 frac + 1) / 2 shifted until bit 53 is set, then by 10.
  let upperFrac = (frac << 1n) + 1n;
  let upperExp = exp - 1;
  while ((upperFrac & (HIDDEN << 1n)) === 0n) {
    upperFrac <<= 1n;
    upperExp--;
  }
  upperFrac <<= 10n;
  upperExp -= 10;
  const lShift = frac === HIDDEN ? 2 : 1;
  const lowerFrac = ((frac << BigInt(lShift)) - 1n) << BigInt(exp - lShift - upperExp);
  // normalize
  let wFrac = frac;
  let wExp = exp;
  while ((wFrac & HIDDEN) === 0n) {
    wFrac <<= 1n;
    wExp--;
  }
  wFrac <<= 11n;
  wExp -= 11;
  const { fp: cp, k } = findCachedPow10(upperExp);
  const w = multiply({ frac: wFrac, exp: wExp }, cp);
  const upper = multiply({ frac: upperFrac, exp: upperExp }, cp);
  const lower = multiply({ frac: lowerFrac, exp: upperExp }, cp);
  lower.frac = (lower.frac + 1n) & MASK64;
  upper.frac = (upper.frac - 1n) & MASK64;
  let K = -k;
  // generate_digits
  const wfrac = (upper.frac - w.frac) & MASK64;
  let delta = (upper.frac - lower.frac) & MASK64;
  const shift = BigInt(-upper.exp);
  const one = 1n << shift;
  // part1 < 2^32 (the exponent is within -60..-32): plain numbers.
  let part1 = Number(upper.frac >> shift);
  let part2 = upper.frac & (one - 1n);
  let digits = '';
  let kappa = 10;
  for (let i = 10; kappa > 0; i++) {
    const div = 10 ** (19 - i);
    const digit = Math.floor(part1 / div);
    if (digit !== 0 || digits.length > 0) digits += digit;
    part1 -= digit * div;
    kappa--;
    const tmp = (BigInt(part1) << shift) + part2;
    if (tmp <= delta) {
      K += kappa;
      return { digits: roundDigit(digits, delta, tmp, BigInt(div) << shift, wfrac), K };
    }
  }
  let unit = 18;
  for (;;) {
    part2 = (part2 * 10n) & MASK64;
    delta = (delta * 10n) & MASK64;
    kappa--;
    const digit = Number(part2 >> shift);
    if (digit !== 0 || digits.length > 0) digits += digit;
    part2 &= one - 1n;
    if (part2 < delta) {
      K += kappa;
      return { digits: roundDigit(digits, delta, part2, one, (wfrac * TENS[unit]!) & MASK64), K };
    }
    unit--;
  }
}

/** round_digit: lowers the last digit while that brings the digits nearer w and stays in range. */
function roundDigit(digits: string, delta: bigint, rem: bigint, kappa: bigint, frac: bigint): string {
  let last = digits.charCodeAt(digits.length - 1) - 48;
  const start = last;
  while (rem < frac && delta - rem >= kappa && (rem + kappa < frac || frac - rem > rem + kappa - frac)) {
    last--;
    rem += kappa;
  }
  return last === start ? digits : digits.slice(0, -1) + String.fromCharCode(48 + last);
}
