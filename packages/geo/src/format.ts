/**
 * printf's fixed-point formatting of a double ("%.Nf"), exact: the value's binary
 * expansion is rounded to N decimals, ties to even, as glibc does. Distances print with
 * "%.4f", coordinates in error messages with "%f" and GEOPOS with "%.17Lf" (the long
 * double holds the double exactly), trailing zeros removed.
 */
export function formatFixed(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  const negative = value < 0 || Object.is(value, -0);
  const [mantissa, exponent] = decompose(Math.abs(value));
  const scale = 10n ** BigInt(digits);
  let q: bigint;
  if (exponent >= 0) {
    q = (mantissa << BigInt(exponent)) * scale;
  } else {
    const shift = BigInt(-exponent);
    const scaled = mantissa * scale;
    q = scaled >> shift;
    const rem = scaled - (q << shift);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  const text = q.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

/** A positive finite double as mantissa * 2^exponent. */
function decompose(value: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  if (biased === 0) return [fraction, -1074];
  return [fraction | (1n << 52n), biased - 1075];
}

/**
 * addReplyDoubleDistance: "%.4f" in Redis 7.0; 7.2's fixedpoint_d2string rounds the
 * double product d * 10^4 to an integer (llrint, ties to even) and prints that instead,
 * which can differ in the last digit.
 */
export function formatDistance(meters: number, redis72 = false): string {
  if (!redis72 || !Number.isFinite(meters)) return formatFixed(meters, 4);
  if (meters === 0) return '0.0000';
  const scaled = roundHalfEven(meters * 10000);
  const digits = BigInt(Math.abs(scaled)).toString().padStart(5, '0');
  return `${scaled < 0 ? '-' : ''}${digits.slice(0, -4)}.${digits.slice(-4)}`;
}

/** llrint in the default rounding mode: to the nearest integer, ties to even. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/**
 * ld2string(LD_STR_HUMAN): "%.17Lf" with trailing zeros and a bare '.' removed, and
 * "-0" written "0", as GEOPOS and WITHCOORD print coordinates.
 */
export function formatHumanDouble(value: number): string {
  let text = formatFixed(value, 17);
  if (text.includes('.')) text = text.replace(/0+$/, '').replace(/\.$/, '');
  return text === '-0' ? '0' : text;
}
