/**
 * The x87 80-bit "long double" that Redis's INCRBYFLOAT and HINCRBYFLOAT compute with
 * on x86-64: a 64-bit significand (explicit integer bit), exponents from -16382
 * (subnormals down to 2^-16445) to 16383, round-to-nearest-even. Emulated exactly with BigInt: parsing as
 * glibc's strtold (correctly rounded), addition, and printf's "%.17Lf" (correctly rounded,
 * ties to even) as Redis's ld2string(LD_STR_HUMAN) uses it.
 */

/** A finite value is (-1)^neg * m * 2^e with 0 <= m < 2^64; inf and nan are flags. */
export interface LongDouble {
  readonly kind: 'finite' | 'inf' | 'nan';
  readonly neg: boolean;
  readonly m: bigint;
  readonly e: number;
}

/** Exponent of the least significant bit of the smallest subnormal. */
const MIN_LSB_EXP = -16445;
/** Exponent of the leading bit of the largest finite value. */
const MAX_TOP_EXP = 16383;
const SIGNIFICAND_BITS = 64;
/** Redis refuses longer inputs (MAX_LONG_DOUBLE_CHARS). */
const MAX_LONG_DOUBLE_CHARS = 5 * 1024;

const NAN: LongDouble = { kind: 'nan', neg: false, m: 0n, e: 0 };

function finite(neg: boolean, m: bigint, e: number): LongDouble {
  return { kind: 'finite', neg, m, e };
}

function infinity(neg: boolean): LongDouble {
  return { kind: 'inf', neg, m: 0n, e: 0 };
}

export function isZero(x: LongDouble): boolean {
  return x.kind === 'finite' && x.m === 0n;
}

/** Number of bits of a non-negative BigInt. */
export function bitLength(n: bigint): number {
  if (n === 0n) return 0;
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0] as string, 16)));
}

/**
 * Rounds (n + sticky*epsilon) * 2^exp2 to the nearest long double, ties to even.
 * `sticky` says nonzero bits were dropped below n's last bit; callers that set it give
 * n at least 66 significant bits so the rounding decision is exact.
 */
export function roundToLongDouble(neg: boolean, n: bigint, exp2: number, sticky = false): LongDouble {
  if (n === 0n) return finite(neg, 0n, 0);
  const top = exp2 + bitLength(n) - 1;
  let lsb = Math.max(top - (SIGNIFICAND_BITS - 1), MIN_LSB_EXP);
  const shift = lsb - exp2;
  let m: bigint;
  if (shift <= 0) {
    m = n << BigInt(-shift);
  } else {
    const s = BigInt(shift);
    m = n >> s;
    const rem = n & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (sticky || (m & 1n) === 1n))) m += 1n;
  }
  if (m === 0n) return finite(neg, 0n, 0);
  if (m >> BigInt(SIGNIFICAND_BITS) !== 0n) {
    m >>= 1n;
    lsb += 1;
  }
  if (lsb + bitLength(m) - 1 > MAX_TOP_EXP) return infinity(neg);
  return finite(neg, m, lsb);
}

/** a + b, rounded to long double as the x87 FPU does in round-to-nearest mode. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
  if (a.kind === 'nan' || b.kind === 'nan') return NAN;
  if (a.kind === 'inf' || b.kind === 'inf') {
    if (a.kind === 'inf' && b.kind === 'inf' && a.neg !== b.neg) return NAN;
    return a.kind === 'inf' ? a : b;
  }
  if (a.m === 0n && b.m === 0n) return finite(a.neg && b.neg, 0n, 0);
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const e = Math.min(a.e, b.e);
  const va = a.m << BigInt(a.e - e);
  const vb = b.m << BigInt(b.e - e);
  const sum = (a.neg ? -va : va) + (b.neg ? -vb : vb);
  if (sum === 0n) return finite(false, 0n, 0);
  return sum < 0n ? roundToLongDouble(true, -sum, e) : roundToLongDouble(false, sum, e);
}

const DECIMAL = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/;
const HEXADECIMAL = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/;
const INFINITY_TEXT = /^([+-]?)(?:inf|infinity)$/i;

/** An exponent's text as a number, saturated far beyond any representable magnitude. */
function exponentValue(text: string | undefined): number {
  if (text === undefined) return 0;
  const value = Number(text);
  return Math.max(-1e9, Math.min(1e9, value));
}

/**
 * strtold as Redis's string2ld uses it: the whole string must be one number (decimal or
 * hexadecimal, inf/infinity allowed), no leading space, at most 5119 bytes; NaN,
 * overflow to infinity and underflow to zero are rejected. Undefined when invalid.
 */
export function parseLongDouble(s: string): LongDouble | undefined {
  if (s.length === 0 || s.length >= MAX_LONG_DOUBLE_CHARS) return undefined;
  const dec = DECIMAL.exec(s);
  if (dec) {
    const [, sign, whole = '', fraction = '', exponent] = dec;
    if (whole.length + fraction.length === 0) return undefined;
    return rejectRangeErrors(parseDecimal(sign === '-', whole + fraction, exponentValue(exponent) - fraction.length));
  }
  const hex = HEXADECIMAL.exec(s);
  if (hex) {
    const [, sign, whole = '', fraction = '', exponent] = hex;
    if (whole.length + fraction.length === 0) return undefined;
    return rejectRangeErrors(parseHex(sign === '-', whole + fraction, exponentValue(exponent) - 4 * fraction.length));
  }
  const inf = INFINITY_TEXT.exec(s);
  if (inf) return infinity(inf[1] === '-');
  return undefined;
}

/** strtold's ERANGE cases that string2ld refuses: overflow, and underflow all the way to zero. */
function rejectRangeErrors(parsed: { value: LongDouble; nonzeroInput: boolean }): LongDouble | undefined {
  const { value, nonzeroInput } = parsed;
  if (value.kind === 'inf') return undefined;
  if (nonzeroInput && isZero(value)) return undefined;
  return value;
}

function parseDecimal(neg: boolean, digits: string, exp10: number): { value: LongDouble; nonzeroInput: boolean } {
  const significant = digits.replace(/^0+/, '');
  if (significant.length === 0) return { value: finite(neg, 0n, 0), nonzeroInput: false };
  const d = BigInt(significant);
  // The value lies in [10^(magnitude-1), 10^magnitude): far outside the range it saturates.
  const magnitude = significant.length + exp10;
  if (magnitude > 4934) return { value: infinity(neg), nonzeroInput: true };
  if (magnitude < -4952) return { value: finite(neg, 0n, 0), nonzeroInput: true };
  if (exp10 >= 0) return { value: roundToLongDouble(neg, d * 10n ** BigInt(exp10), 0), nonzeroInput: true };
  const divisor = 10n ** BigInt(-exp10);
  const scale = Math.max(0, bitLength(divisor) - bitLength(d) + 70);
  const scaled = d << BigInt(scale);
  const quotient = scaled / divisor;
  const sticky = scaled % divisor !== 0n;
  return { value: roundToLongDouble(neg, quotient, -scale, sticky), nonzeroInput: true };
}

function parseHex(neg: boolean, digits: string, exp2: number): { value: LongDouble; nonzeroInput: boolean } {
  const h = BigInt(`0x${digits}`);
  if (h === 0n) return { value: finite(neg, 0n, 0), nonzeroInput: false };
  const top = exp2 + bitLength(h) - 1;
  if (top > MAX_TOP_EXP + 1) return { value: infinity(neg), nonzeroInput: true };
  if (top < MIN_LSB_EXP - 2) return { value: finite(neg, 0n, 0), nonzeroInput: true };
  return { value: roundToLongDouble(neg, h, exp2), nonzeroInput: true };
}

const FRACTION_DIGITS = 17;
const FRACTION_SCALE = 10n ** BigInt(FRACTION_DIGITS);

/**
 * printf("%.17Lf") with the trailing zeros (and a bare '.') removed and "-0" written as
 * "0": Redis's human-friendly long double format. Only for finite values.
 */
export function formatLongDoubleHuman(x: LongDouble): string {
  if (x.kind !== 'finite') throw new RangeError('only finite long doubles are formatted');
  let text: string;
  if (x.e >= 0) {
    text = (x.m << BigInt(x.e)).toString();
  } else {
    const shift = BigInt(-x.e);
    const scaled = x.m * FRACTION_SCALE;
    let q = scaled >> shift;
    const rem = scaled & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
    const digits = q.toString().padStart(FRACTION_DIGITS + 1, '0');
    const whole = digits.slice(0, -FRACTION_DIGITS);
    const fraction = digits.slice(-FRACTION_DIGITS).replace(/0+$/, '');
    text = fraction.length > 0 ? `${whole}.${fraction}` : whole;
  }
  if (x.neg && text !== '0') return `-${text}`;
  return text;
}
