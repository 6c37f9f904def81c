/**
 * RedisTimeSeries' number texts: values are parsed with fast_double_parser (a number at the
 * start of the argument, the rest ignored) and sample values are sent in RESP2 as
 * dragonbox's shortest text (deps/dragonbox to_chars), which differs from Redis's %.17g.
 */

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * fast_double_parser's parse_number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? at the
 * start of the text (a C string: it ends at a NUL); what follows is ignored. Undefined
 * where the module answers "invalid value": no number at the start, a leading zero
 * followed by a digit, a '.' or an exponent without digits, or a result out of range.
 */
export function parseValue(text: string): number | undefined {
  let p = 0;
  if (text.charCodeAt(p) === 45) {
    p++;
    if (!isDigit(text.charCodeAt(p))) return undefined;
  }
  if (text.charCodeAt(p) === 48) {
    p++;
    if (isDigit(text.charCodeAt(p))) return undefined;
  } else {
    if (!isDigit(text.charCodeAt(p))) return undefined;
    while (isDigit(text.charCodeAt(p))) p++;
  }
  if (text.charCodeAt(p) === 46) {
    p++;
    if (!isDigit(text.charCodeAt(p))) return undefined;
    while (isDigit(text.charCodeAt(p))) p++;
  }
  const e = text.charCodeAt(p);
  if (e === 101 || e === 69) {
    p++;
    const sign = text.charCodeAt(p);
    if (sign === 45 || sign === 43) p++;
    if (!isDigit(text.charCodeAt(p))) return undefined;
    while (isDigit(text.charCodeAt(p))) p++;
  }
  const value = Number(text.slice(0, p));
  return Number.isFinite(value) ? value : undefined;
}

const view = new DataView(new ArrayBuffer(8));

/**
 * dragonbox_double_to_chars: the shortest digits, printed without an exponent when
 * dragonbox's decimal exponent (before trailing zeros are removed) is in [-16, 0] and the
 * number is at least 1, else as d.dddE±x.
 */
export function formatValue(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const sign = d < 0 ? '-' : '';
  const [mantissa = '', exp = '0'] = Math.abs(d).toExponential().split('e');
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  const sciExp = Number(exp);
  const e = sciExp - (digits.length - 1); // value = digits * 10^e
  if (digits.length + e > 0 && rawExponent(d, e) <= 0) {
    if (e >= 0) return sign + digits + '0'.repeat(e);
    const point = digits.length + e;
    return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  return `${sign}${digits[0]}${digits.length > 1 ? `.${digits.slice(1)}` : ''}E${sciExp}`;
}

/**
 * The decimal exponent dragonbox's to_decimal returns (trailing zeros kept): the coarser
 * grid (one more than floor(log10 2^e2), or for a power of two its shorter-interval
 * variant) when the shortest representation `e` lies on it, else the finer one.
 */
function rawExponent(d: number, e: number): number {
  view.setFloat64(0, d);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bits = (hi >>> 20) & 0x7ff;
  const e2 = bits === 0 ? -1074 : bits - 1075;
  const shorter = (hi & 0xfffff) === 0 && lo === 0 && bits > 1;
  const coarse = shorter ? Math.floor((e2 * 631305 - 261663) / 2 ** 21) + 1 : Math.floor((e2 * 315653) / 2 ** 20) + 1;
  return e >= coarse ? coarse : coarse - 1;
}
