/**
 * VSIM's FILTER expressions (modules/vector-sets/expr.c and fastjson.c): numbers, strings,
 * tuples, null, `.field` selectors read from the element's JSON attributes, arithmetic,
 * comparisons, `in`, `and` / `or` / `not`, compiled to a postfix program and run per
 * element. Every failure to read an attribute makes the expression false, as in Redis.
 */

export type Token =
  | { kind: 'num'; num: number }
  | { kind: 'str'; str: string }
  | { kind: 'tuple'; items: Token[] }
  | { kind: 'null' }
  | { kind: 'sel'; name: string }
  | { kind: 'op'; op: Op };

type Op = '(' | ')' | 'not' | '**' | '*' | '/' | '%' | '+' | '-' | '>' | '>=' | '<' | '<=' | '==' | '!=' | 'in' | 'and' | 'or';

/** ExprOptable: spelling, operator, precedence, arity. */
const OPERATORS: ReadonlyArray<readonly [string, Op, number, number]> = [
  ['(', '(', 7, 0], [')', ')', 7, 0], ['!', 'not', 6, 1], ['not', 'not', 6, 1], ['**', '**', 5, 2],
  ['*', '*', 4, 2], ['/', '/', 4, 2], ['%', '%', 4, 2], ['+', '+', 3, 2], ['-', '-', 3, 2],
  ['>', '>', 2, 2], ['>=', '>=', 2, 2], ['<', '<', 2, 2], ['<=', '<=', 2, 2], ['==', '==', 2, 2], ['!=', '!=', 2, 2],
  ['in', 'in', 2, 2], ['and', 'and', 1, 2], ['&&', 'and', 1, 2], ['or', 'or', 0, 2], ['||', 'or', 0, 2],
];
const PRECEDENCE = new Map(OPERATORS.map(([, op, prec]) => [op, prec]));
const ARITY = new Map(OPERATORS.map(([, op, , arity]) => [op, arity]));
const OP_SPECIAL = '+-*%/!()<>=|&';

const isSpace = (c: string | undefined): boolean => c !== undefined && ' \t\n\v\f\r'.includes(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isSelectorChar = (c: string | undefined): boolean => isAlpha(c) || isDigit(c) || c === '_' || c === '-';

const DECIMAL = /^([+-]?)(\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)(?:[pP]([+-]?\d+))?/;
const SPECIAL = /^([+-]?)(infinity|inf|nan(?:\([0-9A-Za-z_]*\))?)/i;

/** C's strtod: the value and how many characters it read (0 when none). */
export function strtod(s: string): { value: number; end: number } {
  let i = 0;
  while (isSpace(s[i])) i++;
  const rest = s.slice(i);
  const hex = HEX.exec(rest);
  if (hex && (hex[2]! + hex[3]!).length > 0) {
    const mantissa = parseInt(hex[2]! + hex[3]!, 16);
    let value = mantissa * 2 ** (Number(hex[4] ?? 0) - 4 * hex[3]!.length);
    if (hex[1] === '-') value = -value;
    return { value, end: i + hex[0].length };
  }
  const special = SPECIAL.exec(rest);
  if (special) {
    const word = special[2]!.toLowerCase();
    const value = word.startsWith('nan') ? NaN : special[1] === '-' ? -Infinity : Infinity;
    return { value, end: i + special[0].length };
  }
  const dec = DECIMAL.exec(rest);
  if (dec) return { value: Number(dec[0]), end: i + dec[0].length };
  return { value: 0, end: 0 };
}

/** strtod that must read the whole string (the module's checks of endptr). */
function strtodWhole(s: string): number | undefined {
  const { value, end } = strtod(s);
  return end === s.length ? value : undefined;
}

/**
 * What the server's version of expr.c has: from Redis 8.2, `null` is a value and `in` of
 * two strings tests for a substring; in 8.0 `null` is dropped when compiling and that `in` is false.
 */
export interface FilterDialect {
  readonly nullLiteral: boolean;
  readonly stringIn: boolean;
}

export class FilterSyntaxError extends Error {
  constructor(readonly position: number) {
    super('syntax error');
  }
}

/** exprTokenize: the tokens, or a FilterSyntaxError at the offending position. */
function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let p = 0;
  const parseNumber = (): Token | undefined => {
    const start = p;
    while (isDigit(expr[p]) || expr[p] === '.' || expr[p] === 'e' || expr[p] === 'E' || (p === start && expr[p] === '-')) {
      if (p - start >= 255) return undefined;
      p++;
    }
    const num = strtodWhole(expr.slice(start, p));
    return num === undefined ? undefined : { kind: 'num', num };
  };
  const parseString = (): Token | undefined => {
    const quote = expr[p]!;
    p++;
    const start = p;
    while (p < expr.length) {
      if (expr[p] === '\\' && p + 1 < expr.length) {
        p += 2;
        continue;
      }
      if (expr[p] === quote) {
        const str = expr.slice(start, p);
        p++;
        return { kind: 'str', str };
      }
      p++;
    }
    return undefined;
  };
  const parseTuple = (): Token | undefined => {
    const items: Token[] = [];
    p++;
    for (;;) {
      while (isSpace(expr[p])) p++;
      if (expr[p] === ']') {
        p++;
        break;
      }
      let item: Token | undefined;
      if (isDigit(expr[p]) || expr[p] === '-') item = parseNumber();
      else if (expr[p] === '"' || expr[p] === "'") item = parseString();
      if (item === undefined) return undefined;
      items.push(item);
      while (isSpace(expr[p])) p++;
      if (expr[p] === ']') {
        p++;
        break;
      }
      if (expr[p] !== ',') return undefined;
      p++;
    }
    return { kind: 'tuple', items };
  };
  const parseOperatorOrLiteral = (): Token | undefined => {
    const start = p;
    while (p < expr.length && (isAlpha(expr[p]) || OP_SPECIAL.includes(expr[p]!))) p++;
    const word = expr.slice(start, p);
    if (word === 'null') return { kind: 'null' };
    let best: readonly [string, Op, number, number] | undefined;
    for (const entry of OPERATORS) {
      if (word.startsWith(entry[0]) && (best === undefined || entry[0].length > best[0].length)) best = entry;
    }
    if (best === undefined) return undefined;
    p = start + best[0].length;
    return { kind: 'op', op: best[1] };
  };
  for (;;) {
    while (isSpace(expr[p])) p++;
    const last = tokens[tokens.length - 1];
    const minusIsNumber = last === undefined || (last.kind === 'op' && last.op !== ')');
    if (p >= expr.length) return tokens;
    const c = expr[p];
    let token: Token | undefined;
    if (isDigit(c) || (minusIsNumber && c === '-' && isDigit(expr[p + 1]))) token = parseNumber();
    else if (c === '"' || c === "'") token = parseString();
    else if (c === '.' && isSelectorChar(expr[p + 1])) {
      p++;
      const start = p;
      while (isSelectorChar(expr[p])) p++;
      token = { kind: 'sel', name: expr.slice(start, p) };
    } else if (c === '[') token = parseTuple();
    else if (isAlpha(c) || OP_SPECIAL.includes(c!)) token = parseOperatorOrLiteral();
    if (token === undefined) throw new FilterSyntaxError(p);
    tokens.push(token);
  }
}

/**
 * exprCompile: the postfix program. Errors found after tokenizing point at offset 0 (the
 * module never records token offsets), so Redis's message quotes the whole expression.
 */
export function compileFilter(expr: string, dialect: FilterDialect): Token[] {
  // The module copies the expression with strdup: it ends at the first NUL byte.
  const nul = expr.indexOf('\0');
  const tokens = tokenize(nul < 0 ? expr : expr.slice(0, nul));
  const program: Token[] = [];
  const ops: Op[] = [];
  let items = 0;
  const emit = (op: Op): void => {
    const arity = ARITY.get(op)!;
    if (items < arity) throw new FilterSyntaxError(0);
    program.push({ kind: 'op', op });
    items = items - arity + 1;
  };
  for (const token of tokens) {
    if (token.kind === 'null' && !dialect.nullLiteral) continue;
    if (token.kind !== 'op') {
      program.push(token);
      items++;
      continue;
    }
    const op = token.op;
    if (op === '(') {
      ops.push(op);
      continue;
    }
    if (op === ')') {
      for (;;) {
        const top = ops.pop();
        if (top === undefined) throw new FilterSyntaxError(0);
        if (top === '(') break;
        emit(top);
      }
      continue;
    }
    const prec = PRECEDENCE.get(op)!;
    for (;;) {
      const top = ops[ops.length - 1];
      if (top === undefined || top === '(') break;
      const topPrec = PRECEDENCE.get(top)!;
      if (topPrec < prec) break;
      if (op === '**' && topPrec <= prec) break;
      ops.pop();
      emit(top);
    }
    ops.push(op);
  }
  while (ops.length > 0) {
    const op = ops.pop()!;
    if (op === '(') throw new FilterSyntaxError(0);
    emit(op);
  }
  if (items !== 1) throw new FilterSyntaxError(0);
  return program;
}

function toNum(t: Token): number {
  if (t.kind === 'num') return t.num;
  if (t.kind === 'str' && t.str.length < 256) {
    const { value, end } = strtod(t.str);
    return end === t.str.length ? value : 0;
  }
  return 0;
}

function toBool(t: Token): boolean {
  if (t.kind === 'num') return t.num !== 0;
  if (t.kind === 'str') return t.str.length !== 0;
  return t.kind !== 'null';
}

function equal(a: Token, b: Token): boolean {
  if (a.kind === 'str' && b.kind === 'str') return a.str === b.str;
  if (a.kind === 'num' && b.kind === 'num') return a.num === b.num;
  if (a.kind === 'null' || b.kind === 'null') return a.kind === b.kind;
  return toNum(a) === toNum(b);
}

/** exprRun: true when the program's result is true for this attribute string. */
export function runFilter(program: readonly Token[], json: string, dialect: FilterDialect): boolean {
  const stack: Token[] = [];
  for (const t of program) {
    if (t.kind === 'sel') {
      const value = t.name.length > 0 ? jsonExtractField(json, t.name) : undefined;
      if (value === undefined) return false;
      stack.push(value);
      continue;
    }
    if (t.kind !== 'op') {
      stack.push(t);
      continue;
    }
    const b = stack.pop()!;
    const a = ARITY.get(t.op) === 2 ? stack.pop()! : b;
    let r: number;
    switch (t.op) {
      case 'not': r = toBool(b) ? 0 : 1; break;
      case '**': r = Math.pow(toNum(a), toNum(b)); break;
      case '*': r = toNum(a) * toNum(b); break;
      case '/': r = toNum(a) / toNum(b); break;
      case '%': r = toNum(a) % toNum(b); break; // C's fmod
      case '+': r = toNum(a) + toNum(b); break;
      case '-': r = toNum(a) - toNum(b); break;
      case '>': r = toNum(a) > toNum(b) ? 1 : 0; break;
      case '>=': r = toNum(a) >= toNum(b) ? 1 : 0; break;
      case '<': r = toNum(a) < toNum(b) ? 1 : 0; break;
      case '<=': r = toNum(a) <= toNum(b) ? 1 : 0; break;
      case '==': r = equal(a, b) ? 1 : 0; break;
      case '!=': r = equal(a, b) ? 0 : 1; break;
      case 'in':
        if (b.kind === 'tuple') r = b.items.some((item) => equal(a, item)) ? 1 : 0;
        else r = dialect.stringIn && a.kind === 'str' && b.kind === 'str' ? (b.str.includes(a.str) ? 1 : 0) : 0;
        break;
      case 'and': r = toBool(a) && toBool(b) ? 1 : 0; break;
      case 'or': r = toBool(a) || toBool(b) ? 1 : 0; break;
      default: r = 0;
    }
    stack.push({ kind: 'num', num: r });
  }
  const final = stack.pop();
  return final !== undefined && toBool(final);
}


/* ---- fastjson.c: a top-level field of the attribute JSON, as an expression token ---- */

const isNumberChar = (c: string | undefined): boolean => isDigit(c) || c === '-' || c === '+' || c === '.' || c === 'e' || c === 'E';

function skipSpaces(s: string, p: number): number {
  while (p < s.length && isSpace(s[p])) p++;
  return p;
}

/** jsonSkipString: the position after the closing quote, or -1. */
function skipString(s: string, p: number): number {
  if (s[p] !== '"') return -1;
  p++;
  while (p < s.length) {
    if (s[p] === '\\') {
      p += 2;
      continue;
    }
    if (s[p] === '"') return p + 1;
    p++;
  }
  return -1;
}

function skipBracketed(s: string, p: number, opener: string, closer: string): number {
  let depth = 1;
  p++;
  while (p < s.length && depth > 0) {
    const c = s[p];
    if (c === '"') {
      p = skipString(s, p);
      if (p < 0) return -1;
      continue;
    }
    if (c === opener) depth++;
    else if (c === closer) depth--;
    p++;
  }
  return depth === 0 ? p : -1;
}

function skipValue(s: string, p: number): number {
  p = skipSpaces(s, p);
  if (p >= s.length) return -1;
  const literal = (lit: string): number => (s.startsWith(lit, p) ? p + lit.length : -1);
  switch (s[p]) {
    case '"': return skipString(s, p);
    case '{': return skipBracketed(s, p, '{', '}');
    case '[': return skipBracketed(s, p, '[', ']');
    case 't': return literal('true');
    case 'f': return literal('false');
    case 'n': return literal('null');
    default: {
      const start = p;
      while (p < s.length && isNumberChar(s[p])) p++;
      return p > start ? p : -1;
    }
  }
}

/** jsonParseValueToken: the token and the position after it, or undefined. */
function parseValue(s: string, p: number): [Token, number] | undefined {
  p = skipSpaces(s, p);
  if (p >= s.length) return undefined;
  const c = s[p];
  if (c === '"') {
    p++;
    let out = '';
    let q = p;
    while (q < s.length && s[q] !== '"') {
      if (s[q] === '\\') {
        q++;
        if (q >= s.length) break;
        const e = s[q]!;
        out += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e;
        q++;
        continue;
      }
      out += s[q];
      q++;
    }
    if (q >= s.length) return undefined;
    return [{ kind: 'str', str: out }, q + 1];
  }
  if (c === '[') {
    p = skipSpaces(s, p + 1);
    const items: Token[] = [];
    if (s[p] === ']') return [{ kind: 'tuple', items }, p + 1];
    for (;;) {
      const item = parseValue(s, p);
      if (item === undefined) return undefined;
      items.push(item[0]);
      p = skipSpaces(s, item[1]);
      if (p >= s.length) return undefined;
      if (s[p] === ',') {
        p = skipSpaces(s, p + 1);
        continue;
      }
      if (s[p] === ']') return [{ kind: 'tuple', items }, p + 1];
      return undefined;
    }
  }
  if (c === '{') return undefined;
  const literal = (lit: string, token: Token): [Token, number] | undefined => {
    if (!s.startsWith(lit, p)) return undefined;
    const next = s[p + lit.length];
    if (next !== undefined && !isSpace(next) && next !== ',' && next !== ']' && next !== '}') return undefined;
    return [token, p + lit.length];
  };
  if (c === 't') return literal('true', { kind: 'num', num: 1 });
  if (c === 'f') return literal('false', { kind: 'num', num: 0 });
  if (c === 'n') return literal('null', { kind: 'null' });
  if (isDigit(c) || c === '-' || c === '+') {
    const start = p;
    while (p < s.length && p - start < 255 && isNumberChar(s[p])) p++;
    const num = strtodWhole(s.slice(start, p));
    return num === undefined ? undefined : [{ kind: 'num', num }, p];
  }
  return undefined;
}

/** jsonExtractField: the value of a top-level key (compared as raw bytes), or undefined. */
export function jsonExtractField(json: string, field: string): Token | undefined {
  let p = skipSpaces(json, 0);
  if (json[p] !== '{') return undefined;
  p++;
  for (;;) {
    p = skipSpaces(json, p);
    if (p >= json.length || json[p] === '}' || json[p] !== '"') return undefined;
    const keyEnd = skipString(json, p);
    if (keyEnd < 0) return undefined;
    const match = json.slice(p + 1, keyEnd - 1) === field;
    p = skipSpaces(json, keyEnd);
    if (json[p] !== ':') return undefined;
    p = skipSpaces(json, p + 1);
    if (p >= json.length) return undefined;
    if (match) return parseValue(json, p)?.[0];
    p = skipValue(json, p);
    if (p < 0) return undefined;
    p = skipSpaces(json, p);
    if (json[p] !== ',') return undefined;
    p++;
  }
}
