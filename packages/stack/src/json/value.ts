/**
 * RedisJSON 2.8's document values (ijson's IValue as the module keeps them): null, booleans,
 * numbers that remember whether they were written as integers, strings, arrays and objects
 * in insertion order. Parsing follows serde_json's grammar and error texts, serializing its
 * compact writer (floats as ryu prints them) and RedisJSON's INDENT/NEWLINE/SPACE formatter.
 */

/** A number written with a decimal point or exponent (ijson's float representation). */
export class JFloat {
  constructor(readonly value: number) {}
}

/** An array, with the capacity ijson would have reserved (JSON.DEBUG MEMORY counts it). */
export class JArray {
  constructor(
    public items: JValue[],
    public cap: number,
  ) {}
}

/**
 * An object: keys in insertion order, a removal moves the last entry into the removed one's
 * place (ijson's swap_remove), as JSON.DEL shows on the module.
 */
export class JObject {
  keys: string[] = [];
  vals: JValue[] = [];
  cap = 0;
  private index = new Map<string, number>();

  get size(): number {
    return this.keys.length;
  }

  get(key: string): JValue | undefined {
    const i = this.index.get(key);
    return i === undefined ? undefined : this.vals[i];
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** Replaces a present key's value in place, else appends (growing as ijson's reserve does). */
  set(key: string, value: JValue): void {
    const i = this.index.get(key);
    if (i !== undefined) {
      this.vals[i] = value;
      return;
    }
    if (this.keys.length === this.cap) this.cap = grow(this.cap, this.keys.length + 1);
    this.index.set(key, this.keys.length);
    this.keys.push(key);
    this.vals.push(value);
  }

  remove(key: string): boolean {
    const i = this.index.get(key);
    if (i === undefined) return false;
    const last = this.keys.length - 1;
    this.index.delete(key);
    if (i !== last) {
      this.keys[i] = this.keys[last]!;
      this.vals[i] = this.vals[last]!;
      this.index.set(this.keys[i]!, i);
    }
    this.keys.pop();
    this.vals.pop();
    return true;
  }

  clear(): void {
    this.keys = [];
    this.vals = [];
    this.index.clear();
  }
}

/**
 * A value. Integers are JS numbers when safe, bigints past 2^53 (int64, or uint64 above
 * INT64_MAX as serde_json reads them); numbers written with a point or exponent are JFloat.
 */
export type JValue = null | boolean | number | bigint | JFloat | string | JArray | JObject;

const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;

/** ijson's growth of a full array or object: double, at least 4, at least what is needed. */
export function grow(cap: number, needed: number): number {
  return Math.max(4, cap * 2, needed);
}

/** A JS integer as the value type keeps it (a bigint past 2^53). */
export function intValue(n: bigint): number | bigint {
  return n >= -9007199254740991n && n <= 9007199254740991n ? Number(n) : n;
}

/** The kinds RedisJSON's evaluator sees (SelectValueType): a uint64 above INT64_MAX is a double to it. */
export type Kind = 'null' | 'bool' | 'long' | 'double' | 'string' | 'array' | 'object';

export function kindOf(v: JValue): Kind {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return 'long';
    case 'bigint':
      return v > I64_MAX ? 'double' : 'long';
    case 'string':
      return 'string';
    default:
      return v instanceof JFloat ? 'double' : v instanceof JArray ? 'array' : 'object';
  }
}

/** JSON.TYPE's names (a uint64 above INT64_MAX is still an "integer"). */
export function typeName(v: JValue): string {
  if (typeof v === 'bigint') return 'integer';
  const kind = kindOf(v);
  return kind === 'bool' ? 'boolean' : kind === 'long' ? 'integer' : kind === 'double' ? 'number' : kind;
}

/** get_double: the number as a double. */
export function toDouble(v: JValue): number {
  return v instanceof JFloat ? v.value : Number(v as number | bigint);
}

/** A deep copy (ijson's clone reserves exactly the length). */
export function cloneValue(v: JValue): JValue {
  if (v instanceof JArray) return new JArray(v.items.map(cloneValue), v.items.length);
  if (v instanceof JObject) {
    const o = new JObject();
    for (let i = 0; i < v.keys.length; i++) o.set(v.keys[i]!, cloneValue(v.vals[i]!));
    o.cap = v.keys.length;
    return o;
  }
  return v;
}

/**
 * Deep equality. `numeric`: IValue's PartialEq (numbers equal by value whatever their
 * representation), as a filter's `==` compares two document values; otherwise KeyValue's
 * is_equal for JSON.ARRINDEX (integers and doubles never equal, objects by their keys).
 */
export function valuesEqual(a: JValue, b: JValue, numeric = false): boolean {
  if (a instanceof JArray) {
    return b instanceof JArray && a.items.length === b.items.length && a.items.every((x, i) => valuesEqual(x, b.items[i]!, numeric));
  }
  if (a instanceof JObject) {
    if (!(b instanceof JObject) || a.size !== b.size) return false;
    for (let i = 0; i < a.keys.length; i++) {
      const other = b.get(a.keys[i]!);
      if (other === undefined || !valuesEqual(a.vals[i]!, other, numeric)) return false;
    }
    return true;
  }
  const ka = kindOf(a);
  const kb = kindOf(b);
  if ((ka === 'long' || ka === 'double') && (kb === 'long' || kb === 'double')) {
    if (ka === 'long' && kb === 'long') return BigInt(a as number | bigint) === BigInt(b as number | bigint);
    if (!numeric && ka !== kb) return false;
    return toDouble(a) === toDouble(b);
  }
  return a === b;
}

// ---------------------------------------------------------------------------------------
// Parsing (serde_json's grammar and messages)

/** A JSON text serde_json refuses; `message` is its Display ("expected value at line 1 column 1"). */
export class JsonSyntaxError extends Error {}

/** serde_json's remaining_depth: the 128th nested array or object is refused. */
const RECURSION_LIMIT = 128;

class Parser {
  pos = 0;
  depth = 0;
  constructor(
    readonly text: string,
    readonly limitDepth: boolean,
  ) {}

  /** serde_json's position: line and column (bytes of the line up to `at`). */
  fail(message: string, at: number = this.pos): never {
    let line = 1;
    let lineStart = 0;
    const end = Math.min(at, this.text.length);
    for (let i = 0; i < end; i++) {
      if (this.text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    const column = Buffer.byteLength(this.text.slice(lineStart, end), 'utf8');
    throw new JsonSyntaxError(`${message} at line ${line} column ${column}`);
  }

  /** An error about the character at pos (serde_json's peek_error: its column counts it). */
  failHere(message: string): never {
    return this.fail(message, this.pos + 1);
  }

  skipWs(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else break;
    }
  }

  value(): JValue {
    this.skipWs();
    if (this.pos >= this.text.length) this.fail('EOF while parsing a value');
    const c = this.text[this.pos]!;
    switch (c) {
      case 'n':
        return this.ident('null', null);
      case 't':
        return this.ident('true', true);
      case 'f':
        return this.ident('false', false);
      case '"':
        this.pos++;
        return this.string();
      case '[':
        return this.array();
      case '{':
        return this.object();
      case '-':
        this.pos++;
        return this.number(true);
      default:
        if (c >= '0' && c <= '9') return this.number(false);
        return this.failHere('expected value');
    }
  }

  ident(word: string, value: JValue): JValue {
    this.pos++;
    for (let i = 1; i < word.length; i++) {
      if (this.pos >= this.text.length) this.fail('EOF while parsing a value');
      if (this.text[this.pos] !== word[i]) this.failHere('expected ident');
      this.pos++;
    }
    return value;
  }

  enter(): void {
    if (this.limitDepth && ++this.depth >= RECURSION_LIMIT) this.failHere('recursion limit exceeded');
  }

  array(): JArray {
    this.enter();
    this.pos++;
    const items: JValue[] = [];
    let cap = 0;
    this.skipWs();
    if (this.text[this.pos] === ']') {
      this.pos++;
      this.depth--;
      return new JArray(items, 0);
    }
    for (;;) {
      const v = this.value();
      if (items.length === cap) cap = grow(cap, items.length + 1);
      items.push(v);
      this.skipWs();
      if (this.pos >= this.text.length) this.fail('EOF while parsing a list');
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        this.skipWs();
        if (this.text[this.pos] === ']') this.failHere('trailing comma');
        continue;
      }
      if (c === ']') {
        this.pos++;
        this.depth--;
        return new JArray(items, cap);
      }
      this.failHere('expected `,` or `]`');
    }
  }

  object(): JObject {
    this.enter();
    this.pos++;
    const o = new JObject();
    this.skipWs();
    if (this.text[this.pos] === '}') {
      this.pos++;
      this.depth--;
      return o;
    }
    for (;;) {
      this.skipWs();
      if (this.pos >= this.text.length) this.fail('EOF while parsing an object');
      if (this.text[this.pos] !== '"') this.failHere(this.text[this.pos] === '}' ? 'trailing comma' : 'key must be a string');
      this.pos++;
      const key = this.string();
      this.skipWs();
      if (this.pos >= this.text.length) this.fail('EOF while parsing an object');
      if (this.text[this.pos] !== ':') this.failHere('expected `:`');
      this.pos++;
      // A repeated key keeps its first place and the last value (ijson's insert).
      o.set(key, this.value());
      this.skipWs();
      if (this.pos >= this.text.length) this.fail('EOF while parsing an object');
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        this.depth--;
        return o;
      }
      this.failHere('expected `,` or `}`');
    }
  }

  string(): string {
    const t = this.text;
    let out = '';
    let start = this.pos;
    for (;;) {
      if (this.pos >= t.length) this.fail('EOF while parsing a string');
      const c = t.charCodeAt(this.pos);
      if (c === 0x22) {
        out += t.slice(start, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) this.failHere('control character (\\u0000-\\u001F) found while parsing a string');
      if (c !== 0x5c) {
        this.pos++;
        continue;
      }
      out += t.slice(start, this.pos);
      this.pos++;
      if (this.pos >= t.length) this.fail('EOF while parsing a string');
      const e = t[this.pos]!;
      this.pos++;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const hi = this.hex4();
          if (hi >= 0xdc00 && hi <= 0xdfff) this.fail('lone leading surrogate in hex escape');
          if (hi >= 0xd800 && hi <= 0xdbff) {
            if (t[this.pos] !== '\\' || t[this.pos + 1] !== 'u') this.fail('unexpected end of hex escape', this.pos + 1);
            this.pos += 2;
            const lo = this.hex4();
            if (lo < 0xdc00 || lo > 0xdfff) this.fail('lone leading surrogate in hex escape');
            out += String.fromCharCode(hi, lo);
          } else {
            out += String.fromCharCode(hi);
          }
          break;
        }
        default:
          this.fail('invalid escape');
      }
      start = this.pos;
    }
  }

  hex4(): number {
    let n = 0;
    for (let i = 0; i < 4; i++) {
      if (this.pos >= this.text.length) this.fail('EOF while parsing a string');
      const d = parseInt(this.text[this.pos]!, 16);
      if (Number.isNaN(d)) this.failHere('invalid escape');
      n = n * 16 + d;
      this.pos++;
    }
    return n;
  }

  number(negative: boolean): JValue {
    const t = this.text;
    const start = negative ? this.pos - 1 : this.pos;
    const isDigit = (i: number): boolean => {
      const c = t.charCodeAt(i);
      return c >= 48 && c <= 57;
    };
    if (this.pos >= t.length) this.fail('EOF while parsing a value');
    if (!isDigit(this.pos)) this.failHere('invalid number');
    if (t[this.pos] === '0') {
      this.pos++;
      if (isDigit(this.pos)) this.failHere('invalid number');
    } else {
      while (isDigit(this.pos)) this.pos++;
    }
    let float = false;
    if (t[this.pos] === '.') {
      float = true;
      this.pos++;
      if (this.pos >= t.length) this.fail('EOF while parsing a value');
      if (!isDigit(this.pos)) this.failHere('invalid number');
      while (isDigit(this.pos)) this.pos++;
    }
    if (t[this.pos] === 'e' || t[this.pos] === 'E') {
      float = true;
      this.pos++;
      if (t[this.pos] === '+' || t[this.pos] === '-') this.pos++;
      if (this.pos >= t.length) this.fail('EOF while parsing a value');
      if (!isDigit(this.pos)) this.failHere('invalid number');
      while (isDigit(this.pos)) this.pos++;
    }
    const text = t.slice(start, this.pos);
    // Up to 15 digits is exact as a double: no BigInt needed.
    if (!float && text.length <= 15) return Number(text) + 0;
    if (!float) {
      const n = BigInt(text);
      // serde_json reads integers past u64 (or below i64) as doubles.
      if (n <= U64_MAX && n >= I64_MIN) return intValue(n);
    }
    const d = Number(text);
    if (!Number.isFinite(d)) this.fail('number out of range');
    return new JFloat(d);
  }
}

/** serde_json::from_str into a value; `limitDepth` false as the RDB loader reads (no recursion limit). */
export function parseJson(text: string, limitDepth = true): JValue {
  const p = new Parser(text, limitDepth);
  const v = p.value();
  p.skipWs();
  if (p.pos < text.length) p.failHere('trailing characters');
  return v;
}

// ---------------------------------------------------------------------------------------
// Serializing (serde_json's writer, ryu's floats, RedisJSON's formatter)

/** ryu's text of a finite double as serde_json writes it: `1.5`, `3.0`, `1e30`, `1.5e-7`. */
export function formatFloat(d: number): string {
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  const sign = d < 0 ? '-' : '';
  const [mantissa, exp] = Math.abs(d).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const length = digits.length;
  const k = Number(exp) - length + 1; // the value is digits * 10^k
  const kk = length + k; // the decimal point's place after the first digit
  if (k >= 0 && kk <= 16) return `${sign}${digits}${'0'.repeat(k)}.0`;
  if (kk > 0 && kk <= 16) return `${sign}${digits.slice(0, kk)}.${digits.slice(kk)}`;
  if (kk > -5 && kk <= 0) return `${sign}0.${'0'.repeat(-kk)}${digits}`;
  const e = kk - 1;
  return length === 1 ? `${sign}${digits}e${e}` : `${sign}${digits[0]}.${digits.slice(1)}e${e}`;
}

/** A number's text as serde_json writes it. */
export function formatNumber(v: number | bigint | JFloat): string {
  return v instanceof JFloat ? formatFloat(v.value) : String(v);
}

const ESCAPES: Record<number, string> = { 0x22: '\\"', 0x5c: '\\\\', 0x08: '\\b', 0x0c: '\\f', 0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t' };
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

/** serde_json's string: quotes, backslashes and control characters escaped, the rest as is. */
export function quoteString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const e = ESCAPES[c];
    if (e !== undefined) out += e;
    else if (c < 0x20) out += `\\u00${c.toString(16).padStart(2, '0')}`;
    else out += s[i];
  }
  return out + '"';
}

/** JSON.GET's INDENT / NEWLINE / SPACE (RedisJsonFormatter); all unset is serde_json's compact writer. */
export interface FormatOptions {
  indent?: string;
  newline?: string;
  space?: string;
}

/** What the serializer walks: a document value, or a list of them (a JSONPath's results), or a map of path to results. */
export type Serializable = JValue | Serializable[] | Map<string, Serializable | undefined>;

export function serialize(v: Serializable, format?: FormatOptions): string {
  if (format === undefined || (format.indent === undefined && format.newline === undefined && format.space === undefined)) return compact(v);
  const out: string[] = [];
  writeFormatted(v, out, format, 0);
  return out.join('');
}

function compact(v: Serializable): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string': return quoteString(v);
    case 'boolean': return v ? 'true' : 'false';
    case 'number':
    case 'bigint': return String(v);
  }
  if (v instanceof JFloat) return formatFloat(v.value);
  if (v instanceof JArray || Array.isArray(v)) {
    const items: Serializable[] = v instanceof JArray ? v.items : v;
    let out = '[';
    for (let i = 0; i < items.length; i++) out += i > 0 ? `,${compact(items[i]!)}` : compact(items[i]!);
    return out + ']';
  }
  let out = '{';
  if (v instanceof JObject) {
    for (let i = 0; i < v.keys.length; i++) out += `${i > 0 ? ',' : ''}${quoteString(v.keys[i]!)}:${compact(v.vals[i]!)}`;
  } else {
    let first = true;
    for (const [k, val] of v) {
      out += `${first ? '' : ','}${quoteString(k)}:${compact(val ?? null)}`;
      first = false;
    }
  }
  return out + '}';
}

/**
 * RedisJsonFormatter: each element or member on a NEWLINE indented by INDENT per level,
 * SPACE after a colon; an empty array or object stays `[]` / `{}`.
 */
function writeFormatted(v: Serializable, out: string[], f: FormatOptions, level: number): void {
  const newline = (depth: number): void => {
    if (f.newline !== undefined) out.push(f.newline);
    if (f.indent !== undefined) out.push(f.indent.repeat(depth));
  };
  if (v instanceof JArray || Array.isArray(v)) {
    const items: Serializable[] = v instanceof JArray ? v.items : v;
    out.push('[');
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out.push(',');
      newline(level + 1);
      writeFormatted(items[i]!, out, f, level + 1);
    }
    if (items.length > 0) newline(level);
    out.push(']');
  } else if (v instanceof JObject || v instanceof Map) {
    const entries: Array<[string, Serializable | undefined]> = v instanceof JObject ? v.keys.map((k, i) => [k, v.vals[i]!]) : [...v];
    out.push('{');
    entries.forEach(([k, val], i) => {
      if (i > 0) out.push(',');
      newline(level + 1);
      out.push(quoteString(k), ':');
      if (f.space !== undefined) out.push(f.space);
      writeFormatted(val ?? null, out, f, level + 1);
    });
    if (entries.length > 0) newline(level);
    out.push('}');
  } else {
    out.push(compact(v));
  }
}

// ---------------------------------------------------------------------------------------
// Memory (RedisIValueJsonKeyManager::get_memory)

const STATIC_LO = -128;
const STATIC_HI = 384;
const SHORT_LO = -(1 << 23);
const SHORT_HI = 1 << 23;

/** get_memory_impl: ijson's heap bytes under a value (8 per pointer-sized word). */
function memoryOf(v: JValue): number {
  if (v === null || typeof v === 'boolean') return 0;
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8');
  if (v instanceof JFloat) return 16;
  if (typeof v === 'number' || typeof v === 'bigint') {
    const n = Number(v);
    if (n >= STATIC_LO && n < STATIC_HI) return 0;
    if (n >= SHORT_LO && n < SHORT_HI) return 4;
    return 16;
  }
  if (v instanceof JArray) {
    if (v.cap === 0) return 0;
    let sum = 0;
    for (const item of v.items) sum += memoryOf(item);
    return sum + (v.cap + 2) * 8;
  }
  if (v.cap === 0) return 0;
  let sum = 0;
  for (let i = 0; i < v.keys.length; i++) sum += Buffer.byteLength(v.keys[i]!, 'utf8') + memoryOf(v.vals[i]!);
  return sum + (v.cap * 3 + 2) * 8;
}

/** get_memory: the value's heap plus the 8-byte IValue itself (JSON.DEBUG MEMORY, MEMORY USAGE's part). */
export function valueMemory(v: JValue): number {
  return memoryOf(v) + 8;
}
