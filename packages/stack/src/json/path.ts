import { JArray, JObject, type JValue, kindOf, toDouble, valuesEqual } from './value.js';

/**
 * RedisJSON 2.8's JSONPath (json_path/src/grammar.pest and json_path.rs), not RFC 9535:
 * its own grammar (`$a` and `$*` without a dot, literals of `a-zA-Z0-9-_`~+#%$^/:`, spaces
 * skipped between tokens and after a quote, decimals without exponents), negative or
 * too-large indexes clamped into the array (`[-10]` of a 3-element array is its first),
 * slices whose start and end are clamped the same way and whose step is positive, filters
 * over arrays and objects with `&&` before `||`, comparisons that are false across types,
 * `=~` with a regex, and a non-singular `@` or `$` term matching when any of its nodes does.
 * Parse errors carry pest's positives: the named rules tried at the furthest position a
 * rule started from, sorted and deduplicated as pest reports them.
 */

export type StringRule = 'string_value' | 'string_value_escape_1' | 'string_value_escape_2';

export type Step =
  | { t: 'lit'; name: string }
  | { t: 'all' }
  | { t: 'scan' }
  | { t: 'strs'; items: Array<{ raw: string; rule: StringRule }> }
  | { t: 'idx'; items: string[] }
  | { t: 'range'; kind: 'full' | 'right' | 'all' | 'left'; a?: string; b?: string; step?: string }
  | { t: 'filter'; f: Filter };

export type Term =
  | { t: 'cur'; steps?: Step[] }
  | { t: 'root'; steps?: Step[] }
  | { t: 'dec'; text: string }
  | { t: 'str'; raw: string; rule: StringRule }
  | { t: 'bool'; v: boolean }
  | { t: 'null' };

type Operand = { t: 'single'; a: Term; op?: string; b?: Term } | { t: 'group'; f: Filter };
export interface Filter {
  first: Operand;
  rest: Array<{ rel: 'and' | 'or'; operand: Operand }>;
}

/** A compiled path: its steps (the root's pairs). */
export interface Query {
  steps: Step[];
}

/** A path pest refuses; `message` is QueryCompilationError's Display. */
export class PathSyntaxError extends Error {}

// pest's Rule enum order (EOI first, then the grammar's rules) sorts the positives.
const RULE_ORDER = [
  'EOI', 'literal', 'string', 'string_escape', 'string_value', 'string_value_escape_1', 'string_value_escape_2', 'string_list',
  'pos_number', 'number', 'decimal', 'numbers_list', 'numbers_range', 'right_range', 'all_range', 'left_range', 'full_range',
  'from_current', 'from_root', 'select_term', 'op', 'ge', 'gt', 'le', 'lt', 'eq', 'ne', 're', 'boolean', 'boolean_true',
  'boolean_false', 'null', 'term', 'single_filter', 'filter_relation', 'and', 'or', 'inner_filter', 'filter', 'all', 'full_scan',
  'bracket', 'element', 'first_element', 'root', 'simple_root', 'query', 'simple_query',
];

/** The json_path crate's Display of a rule in error texts. */
const RULE_TEXT: Record<string, string> = {
  literal: '<string>', all: "'*'", full_scan: "'..'", numbers_list: "'<number>[,<number>,...]'",
  string_list: "'<string>[,<string>,...]'", numbers_range: "['start:end:steps']", number: "'<number>'",
  filter: "'[?(filter_expression)]'",
};

const isLiteralChar = (c: string): boolean => /[a-zA-Z0-9\-_`~+#%$^/:]/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** A PEG parser of grammar.pest with pest's implicit whitespace and its error tracking. */
class PathParser {
  pos = 0;
  atomic = false;
  attemptPos = 0;
  attempts: string[] = [];

  constructor(readonly s: string) {}

  private attemptsAt(pos: number): number {
    return this.attemptPos === pos ? this.attempts.length : 0;
  }

  /** ParserState::rule: runs a named rule, restoring the position and tracking it on failure. */
  rule<T>(name: string, body: () => T | undefined, atomic = false): T | undefined {
    const start = this.pos;
    const index = start === this.attemptPos ? this.attempts.length : 0;
    const prev = this.attemptsAt(start);
    const outer = this.atomic;
    if (atomic) this.atomic = true;
    const result = body();
    this.atomic = outer;
    if (result === undefined) {
      this.pos = start;
      if (!this.atomic) this.track(name, start, index, prev);
    }
    return result;
  }

  private track(name: string, pos: number, index: number, prev: number): void {
    const curr = this.attemptsAt(pos);
    // One nested rule tried here already says what was expected.
    if (curr > prev && curr - prev === 1) return;
    if (pos === this.attemptPos) this.attempts.length = index;
    if (pos > this.attemptPos) {
      this.attempts = [];
      this.attemptPos = pos;
    }
    if (pos === this.attemptPos) this.attempts.push(name);
  }

  /** Implicit WHITESPACE between the tokens of non-atomic rules. */
  skip(): void {
    if (!this.atomic) while (this.s[this.pos] === ' ') this.pos++;
  }

  str(text: string): boolean {
    if (this.s.startsWith(text, this.pos)) {
      this.pos += text.length;
      return true;
    }
    return false;
  }

  /** A sequence: restores the position when `body` fails. */
  seq<T>(body: () => T | undefined): T | undefined {
    const start = this.pos;
    const r = body();
    if (r === undefined) this.pos = start;
    return r;
  }

  query(): Step[] | undefined {
    if (!this.str('$')) return undefined;
    this.skip();
    const steps = this.seq(() => this.root()) ?? [];
    this.skip();
    return this.rule('EOI', () => (this.pos === this.s.length ? true : undefined)) ? steps : undefined;
  }

  root(): Step[] | undefined {
    return this.rule('root', () => {
      const steps: Step[] = [];
      if (!this.element(steps) && !this.firstElement(steps)) return undefined;
      for (;;) {
        const save = this.pos;
        this.skip();
        if (!this.element(steps)) {
          this.pos = save;
          return steps;
        }
      }
    });
  }

  literal(): string | undefined {
    return this.rule('literal', () => {
      const start = this.pos;
      while (this.pos < this.s.length && isLiteralChar(this.s[this.pos]!)) this.pos++;
      return this.pos > start ? this.s.slice(start, this.pos) : undefined;
    }, true);
  }

  all(): Step | undefined {
    return this.rule('all', () => (this.str('*') ? { t: 'all' as const } : undefined));
  }

  fullScan(): Step | undefined {
    return this.rule('full_scan', () => (this.str('..') ? { t: 'scan' as const } : undefined));
  }

  firstElement(steps: Step[]): boolean {
    const name = this.literal();
    if (name !== undefined) {
      steps.push({ t: 'lit', name });
      return true;
    }
    const all = this.all();
    if (all !== undefined) steps.push(all);
    return all !== undefined;
  }

  element(steps: Step[]): boolean {
    const found =
      this.seq(() => {
        if (!this.str('.')) return undefined;
        this.skip();
        const name = this.literal();
        return name === undefined ? undefined : [{ t: 'lit', name } as Step];
      }) ??
      this.seq(() => {
        const scan = this.fullScan();
        if (scan === undefined) return undefined;
        this.skip();
        const name = this.literal();
        if (name !== undefined) return [scan, { t: 'lit', name } as Step];
        const all = this.all();
        if (all !== undefined) return [scan, all];
        const inner = this.bracketed();
        return inner === undefined ? undefined : [scan, inner];
      }) ??
      this.seq(() => {
        if (!this.str('.')) return undefined;
        this.skip();
        const all = this.all();
        return all === undefined ? undefined : [all];
      }) ??
      this.seq(() => {
        this.str('.');
        this.skip();
        const inner = this.bracketed();
        return inner === undefined ? undefined : [inner];
      });
    if (found === undefined) return false;
    steps.push(...found);
    return true;
  }

  /** "[" ~ bracket ~ "]" */
  bracketed(): Step | undefined {
    return this.seq(() => {
      if (!this.str('[')) return undefined;
      this.skip();
      const step = this.bracket();
      if (step === undefined) return undefined;
      this.skip();
      return this.str(']') ? step : undefined;
    });
  }

  bracket(): Step | undefined {
    return (
      this.numbersRange() ??
      this.numbersList() ??
      this.stringList() ??
      this.all() ??
      this.seq(() => {
        if (!this.str('?')) return undefined;
        this.skip();
        const f = this.filter();
        return f === undefined ? undefined : { t: 'filter' as const, f };
      })
    );
  }

  number(): string | undefined {
    return this.rule('number', () => {
      const start = this.pos;
      if (this.s[this.pos] === '-') this.pos++;
      const c = this.s[this.pos];
      if (!isDigit(c)) return undefined;
      this.pos++;
      if (c !== '0') while (isDigit(this.s[this.pos])) this.pos++;
      return this.s.slice(start, this.pos);
    }, true);
  }

  posNumber(): string | undefined {
    return this.rule('pos_number', () => {
      const start = this.pos;
      const c = this.s[this.pos];
      if (!isDigit(c) || c === '0') return undefined;
      while (isDigit(this.s[this.pos])) this.pos++;
      return this.s.slice(start, this.pos);
    }, true);
  }

  /** ((":" ~ pos_number) | ":")? : the step, '' for a bare colon, undefined for none. */
  rangeStep(): string | undefined {
    const withStep = this.seq(() => {
      if (!this.str(':')) return undefined;
      this.skip();
      return this.posNumber();
    });
    if (withStep !== undefined) return withStep;
    return this.str(':') ? '' : undefined;
  }

  numbersRange(): Step | undefined {
    return this.rule('numbers_range', () => {
      const full = this.rule('full_range', () => {
        const a = this.number();
        if (a === undefined) return undefined;
        this.skip();
        if (!this.str(':')) return undefined;
        this.skip();
        const b = this.number();
        if (b === undefined) return undefined;
        const step = this.optionalStep();
        return { t: 'range' as const, kind: 'full' as const, a, b, step };
      });
      if (full !== undefined) return full;
      const right = this.rule('right_range', () => {
        if (!this.str(':')) return undefined;
        this.skip();
        const b = this.number();
        if (b === undefined) return undefined;
        return { t: 'range' as const, kind: 'right' as const, b, step: this.optionalStep() };
      });
      if (right !== undefined) return right;
      const all = this.rule('all_range', () => {
        if (!this.str(':')) return undefined;
        return { t: 'range' as const, kind: 'all' as const, step: this.optionalStep() };
      });
      if (all !== undefined) return all;
      return this.rule('left_range', () => {
        const a = this.number();
        if (a === undefined) return undefined;
        this.skip();
        if (!this.str(':')) return undefined;
        return { t: 'range' as const, kind: 'left' as const, a, step: this.optionalStep() };
      });
    });
  }

  /** `~ (step)?`: whitespace is skipped only when the optional part matches. */
  optionalStep(): string | undefined {
    const save = this.pos;
    this.skip();
    const step = this.rangeStep();
    if (step === undefined) this.pos = save;
    return step === '' ? undefined : step;
  }

  numbersList(): Step | undefined {
    return this.rule('numbers_list', () => {
      const first = this.number();
      if (first === undefined) return undefined;
      const items = [first];
      for (;;) {
        const next = this.seq(() => {
          this.skip();
          if (!this.str(',')) return undefined;
          this.skip();
          return this.number();
        });
        if (next === undefined) return { t: 'idx' as const, items };
        items.push(next);
      }
    });
  }

  stringValue(rule: StringRule): string {
    const forbidden = rule === 'string_value' ? '"\\\'' : rule === 'string_value_escape_1' ? '"\\' : "'\\";
    const quote = rule === 'string_value_escape_1' ? '"' : "'";
    // Atomic rules always match (possibly empty); tracked like any rule but never failing.
    return this.rule(rule, () => {
      const start = this.pos;
      for (;;) {
        const c = this.s[this.pos];
        if (c === undefined) break;
        if (!forbidden.includes(c)) {
          this.pos++;
          continue;
        }
        if (rule !== 'string_value' && c === '\\' && (this.s[this.pos + 1] === quote || this.s[this.pos + 1] === '\\')) {
          this.pos += 2;
          continue;
        }
        break;
      }
      return this.s.slice(start, this.pos);
    }, true)!;
  }

  string(): { raw: string; rule: StringRule } | undefined {
    const alternatives: Array<[string, StringRule]> = [["'", 'string_value'], ['"', 'string_value'], ['"', 'string_value_escape_1'], ["'", 'string_value_escape_2']];
    for (const [quote, rule] of alternatives) {
      const found = this.seq(() => {
        if (!this.str(quote)) return undefined;
        this.skip();
        const raw = this.stringValue(rule);
        this.skip();
        return this.str(quote) ? { raw, rule } : undefined;
      });
      if (found !== undefined) return found;
    }
    return undefined;
  }

  stringList(): Step | undefined {
    return this.rule('string_list', () => {
      const first = this.string();
      if (first === undefined) return undefined;
      const items = [first];
      for (;;) {
        const next = this.seq(() => {
          this.skip();
          if (!this.str(',')) return undefined;
          this.skip();
          return this.string();
        });
        if (next === undefined) return { t: 'strs' as const, items };
        items.push(next);
      }
    });
  }

  filter(): Filter | undefined {
    return this.rule('filter', () => {
      const first = this.innerFilter();
      if (first === undefined) return undefined;
      const rest: Filter['rest'] = [];
      for (;;) {
        const next = this.seq(() => {
          this.skip();
          const rel = this.rule('and', () => (this.str('&&') ? ('and' as const) : undefined)) ?? this.rule('or', () => (this.str('||') ? ('or' as const) : undefined));
          if (rel === undefined) return undefined;
          this.skip();
          const operand = this.innerFilter();
          return operand === undefined ? undefined : { rel, operand };
        });
        if (next === undefined) return { first, rest };
        rest.push(next);
      }
    });
  }

  innerFilter(): Operand | undefined {
    const single = this.rule('single_filter', () => {
      const a = this.term();
      if (a === undefined) return undefined;
      const withOp = this.seq(() => {
        this.skip();
        const op = this.op();
        if (op === undefined) return undefined;
        this.skip();
        const b = this.term();
        return b === undefined ? undefined : { t: 'single' as const, a, op, b };
      });
      return withOp ?? { t: 'single' as const, a };
    });
    if (single !== undefined) return single;
    return this.seq(() => {
      if (!this.str('(')) return undefined;
      this.skip();
      const f = this.filter();
      if (f === undefined) return undefined;
      this.skip();
      return this.str(')') ? { t: 'group' as const, f } : undefined;
    });
  }

  op(): string | undefined {
    for (const [name, text] of [['ge', '>='], ['gt', '>'], ['le', '<='], ['lt', '<'], ['eq', '=='], ['ne', '!='], ['re', '=~']] as const) {
      const found = this.rule(name, () => (this.str(text) ? name : undefined), true);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  term(): Term | undefined {
    const select = (rule: string, sigil: string, t: 'cur' | 'root'): Term | undefined =>
      this.rule(rule, () => {
        if (!this.str(sigil)) return undefined;
        const steps = this.seq(() => {
          this.skip();
          return this.root();
        });
        return steps === undefined ? { t } : { t, steps };
      });
    return (
      select('from_current', '@', 'cur') ??
      select('from_root', '$', 'root') ??
      this.rule('decimal', () => {
        const n = this.number();
        if (n === undefined) return undefined;
        let text = n;
        if (this.s[this.pos] === '.' && isDigit(this.s[this.pos + 1])) {
          const start = this.pos;
          this.pos++;
          while (isDigit(this.s[this.pos])) this.pos++;
          text += this.s.slice(start, this.pos);
        }
        return { t: 'dec' as const, text };
      }, true) ??
      (() => {
        const s = this.string();
        return s === undefined ? undefined : { t: 'str' as const, raw: s.raw, rule: s.rule };
      })() ??
      this.rule('boolean_true', () => (this.str('true') ? { t: 'bool' as const, v: true } : undefined), true) ??
      this.rule('boolean_false', () => (this.str('false') ? { t: 'bool' as const, v: false } : undefined), true) ??
      this.rule('null', () => (this.str('null') ? { t: 'null' as const } : undefined), true)
    );
  }

  error(): PathSyntaxError {
    const positives = [...new Set(this.attempts)].sort((a, b) => RULE_ORDER.indexOf(a) - RULE_ORDER.indexOf(b));
    const text = positives.map((r) => RULE_TEXT[r] ?? r).join(', ');
    const at = this.attemptPos;
    const detail = text.length === 0 ? 'parsing error' : `expected one of the following: ${text}`;
    return new PathSyntaxError(`Error occurred at position ${at}, Error at position ${at}: ${detail}`);
  }
}

const cache = new Map<string, Query>();

/** json_path::compile: the query, or PathSyntaxError with pest's message. */
export function compile(path: string): Query {
  const cached = cache.get(path);
  if (cached !== undefined) return cached;
  const p = new PathParser(path);
  const steps = p.query();
  if (steps === undefined) throw p.error();
  const q = { steps };
  if (cache.size > 1000) cache.clear();
  cache.set(path, q);
  return q;
}

/** Query::is_static: only literals and single-element lists, so at most one result. */
export function isStatic(q: Query): boolean {
  return q.steps.every((s) => s.t === 'lit' || ((s.t === 'idx' || s.t === 'strs') && s.items.length === 1));
}

// ---------------------------------------------------------------------------------------
// Evaluation (PathCalculator)

/** A result: the value and, when paths are tracked, its path from the root (keys, indexes as decimal text). */
export interface Match {
  value: JValue;
  path?: string[];
}

type TermResult =
  | { k: 'int'; v: bigint }
  | { k: 'float'; v: number }
  | { k: 'str'; v: string; literal: boolean }
  | { k: 'bool'; v: boolean }
  | { k: 'null' }
  | { k: 'value'; v: JValue }
  | { k: 'list'; v: JValue[] }
  | { k: 'invalid' };

/** calc_abs_index: a negative index counts from the end, both clamped into 0..n. */
function absIndex(text: string, n: number): number {
  const i = Number(text);
  return i >= 0 ? Math.min(i, n) : Math.max(i + n, 0);
}

const unescape1 = (s: string): string => s.replaceAll('\\\\', '\\').replaceAll('\\"', '"');
const unescape2 = (s: string): string => s.replaceAll('\\\\', '\\').replaceAll("\\'", "'");

class Calculator {
  readonly results: Match[] = [];
  constructor(
    readonly root: JValue,
    readonly track: boolean,
  ) {}

  push(value: JValue, path: string[] | undefined): void {
    this.results.push(this.track ? { value, path: path!.slice() } : { value });
  }

  /** The value's children in order, with their path elements. */
  private children(json: JValue, visit: (key: string, value: JValue) => void): void {
    if (json instanceof JObject) {
      for (let i = 0; i < json.keys.length; i++) visit(json.keys[i]!, json.vals[i]!);
    } else if (json instanceof JArray) {
      for (let i = 0; i < json.items.length; i++) visit(String(i), json.items[i]!);
    }
  }

  private descend(steps: Step[], at: number, key: string, value: JValue, path: string[] | undefined): void {
    if (path !== undefined) path.push(key);
    this.calc(steps, at, value, path);
    if (path !== undefined) path.pop();
  }

  private fullScan(steps: Step[], at: number, json: JValue, path: string[] | undefined): void {
    this.children(json, (key, value) => {
      this.descend(steps, at, key, value, path);
      if (path !== undefined) path.push(key);
      this.fullScan(steps, at, value, path);
      if (path !== undefined) path.pop();
    });
  }

  calc(steps: Step[], at: number, json: JValue, path: string[] | undefined): void {
    const step = steps[at];
    if (step === undefined) {
      this.push(json, path);
      return;
    }
    const next = at + 1;
    switch (step.t) {
      case 'scan':
        this.calc(steps, next, json, path);
        this.fullScan(steps, next, json, path);
        return;
      case 'all':
        this.children(json, (key, value) => this.descend(steps, next, key, value, path));
        return;
      case 'lit': {
        const v = json instanceof JObject ? json.get(step.name) : undefined;
        if (v !== undefined) this.descend(steps, next, step.name, v, path);
        return;
      }
      case 'strs':
        if (!(json instanceof JObject)) return;
        for (const { raw, rule } of step.items) {
          // calc_strings: with paths tracked the two escape rules' replacements are swapped
          // and the path records the text as written, as the module does.
          const key = rule === 'string_value' ? raw : (rule === 'string_value_escape_1') !== this.track ? unescape1(raw) : unescape2(raw);
          const v = json.get(key);
          if (v !== undefined) this.descend(steps, next, this.track ? raw : key, v, path);
        }
        return;
      case 'idx':
        if (!(json instanceof JArray)) return;
        for (const text of step.items) {
          const i = absIndex(text, json.items.length);
          if (i < json.items.length) this.descend(steps, next, String(i), json.items[i]!, path);
        }
        return;
      case 'range': {
        if (!(json instanceof JArray)) return;
        const n = json.items.length;
        const start = step.a === undefined ? 0 : absIndex(step.a, n);
        const end = step.b === undefined ? n : absIndex(step.b, n);
        const by = step.step === undefined ? 1 : Number(step.step);
        for (let i = start; i < end && i < n; i += by) this.descend(steps, next, String(i), json.items[i]!, path);
        return;
      }
      case 'filter':
        this.children(json, (key, value) => {
          if (this.filter(step.f, value)) this.descend(steps, next, key, value, path);
        });
        return;
    }
  }

  filter(f: Filter, json: JValue): boolean {
    let result = this.operand(f.first, json);
    for (let i = 0; i < f.rest.length; i++) {
      const { rel, operand } = f.rest[i]!;
      if (rel === 'and') {
        if (!result) continue;
        result = this.operand(operand, json);
      } else {
        if (result) break;
        // The rest after an OR is evaluated on its own (AND binds tighter).
        return this.filter({ first: operand, rest: f.rest.slice(i + 1) }, json);
      }
    }
    return result;
  }

  operand(o: Operand, json: JValue): boolean {
    if (o.t === 'group') return this.filter(o.f, json);
    const a = this.term(o.a, json);
    if (o.op === undefined) return a.k !== 'invalid';
    const b = this.term(o.b!, json);
    switch (o.op) {
      case 'gt': return ordMatches(a, b, (c) => c > 0);
      case 'ge': return ordMatches(a, b, (c) => c >= 0);
      case 'lt': return ordMatches(a, b, (c) => c < 0);
      case 'le': return ordMatches(a, b, (c) => c <= 0);
      case 'eq': return termEq(a, b);
      case 'ne': return !termEq(a, b);
      default: return termRe(a, b);
    }
  }

  term(t: Term, json: JValue): TermResult {
    switch (t.t) {
      case 'dec': {
        if (/^-?\d+$/.test(t.text)) {
          const n = BigInt(t.text);
          if (n >= -(1n << 63n) && n < 1n << 63n) return { k: 'int', v: n };
        }
        return { k: 'float', v: Number(t.text) };
      }
      case 'bool': return { k: 'bool', v: t.v };
      case 'null': return { k: 'null' };
      case 'str':
        return t.rule === 'string_value' ? { k: 'str', v: t.raw, literal: true } : { k: 'str', v: t.rule === 'string_value_escape_1' ? unescape2(t.raw) : unescape1(t.raw), literal: false };
      case 'cur':
      case 'root': {
        const from = t.t === 'cur' ? json : this.root;
        if (t.steps === undefined) return { k: 'value', v: from };
        const inner = new Calculator(this.root, false);
        inner.calc(t.steps, 0, from, undefined);
        const found = inner.results;
        return found.length === 0 ? { k: 'invalid' } : found.length === 1 ? { k: 'value', v: found[0]!.value } : { k: 'list', v: found.map((m) => m.value) };
      }
    }
  }
}

/** A document value as a comparison operand (arrays and objects compare with nothing). */
function scalar(v: JValue): TermResult | undefined {
  switch (kindOf(v)) {
    case 'long': return { k: 'int', v: BigInt(v as number | bigint) };
    case 'double': return { k: 'float', v: toDouble(v) };
    case 'string': return { k: 'str', v: v as string, literal: false };
    case 'bool': return { k: 'bool', v: v as boolean };
    case 'null': return { k: 'null' };
    default: return undefined;
  }
}

/** TermEvaluationResult::cmp: an ordering, or undefined when not comparable. */
function compare(a: TermResult, b: TermResult): number | undefined {
  if (a.k === 'value') {
    const s = scalar(a.v);
    return s === undefined ? undefined : compare(s, b);
  }
  if (b.k === 'value') {
    const s = scalar(b.v);
    return s === undefined ? undefined : compare(a, s);
  }
  if ((a.k === 'int' || a.k === 'float') && (b.k === 'int' || b.k === 'float')) {
    if (a.k === 'int' && b.k === 'int') return a.v < b.v ? -1 : a.v > b.v ? 1 : 0;
    const x = Number(a.v);
    const y = Number(b.v);
    return x > y ? 1 : x < y ? -1 : 0;
  }
  if (a.k === 'str' && b.k === 'str') return Buffer.compare(Buffer.from(a.v, 'utf8'), Buffer.from(b.v, 'utf8'));
  if (a.k === 'bool' && b.k === 'bool') return Number(a.v) - Number(b.v);
  if (a.k === 'null' && b.k === 'null') return 0;
  return undefined;
}

function ordMatches(a: TermResult, b: TermResult, pred: (c: number) => boolean): boolean {
  if (a.k === 'list') return a.v.some((v) => ordMatches({ k: 'value', v }, b, pred));
  if (b.k === 'list') return b.v.some((v) => ordMatches(a, { k: 'value', v }, pred));
  const c = compare(a, b);
  return c !== undefined && pred(c);
}

function termEq(a: TermResult, b: TermResult): boolean {
  if (a.k === 'list') return a.v.some((v) => termEq({ k: 'value', v }, b));
  if (b.k === 'list') return b.v.some((v) => termEq(a, { k: 'value', v }));
  if (a.k === 'value' && b.k === 'value') return valuesEqual(a.v, b.v, true);
  return compare(a, b) === 0;
}

const regexCache = new Map<string, RegExp | null>();

/** The regex crate's pattern as a JS RegExp (leading inline flags become flags); null when it does not compile. */
function toRegExp(pattern: string): RegExp | null {
  let re = regexCache.get(pattern);
  if (re !== undefined) return re;
  let flags = 'u';
  let source = pattern;
  const inline = /^\(\?([imsx]+)\)/.exec(source);
  if (inline !== null) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if (f !== 'x' && !flags.includes(f)) flags += f;
  }
  try {
    re = new RegExp(source, flags);
  } catch {
    re = null;
  }
  if (regexCache.size > 1000) regexCache.clear();
  regexCache.set(pattern, re);
  return re;
}

function termRe(a: TermResult, b: TermResult): boolean {
  if (a.k === 'list') return a.v.some((v) => termRe({ k: 'value', v }, b));
  if (b.k === 'list') return b.v.some((v) => termRe(a, { k: 'value', v }));
  if (a.k !== 'value' || typeof a.v !== 'string') return false;
  // Only a quoted pattern without escapes or a string value is a regex (re_match).
  const pattern = b.k === 'str' && b.literal ? b.v : b.k === 'value' && typeof b.v === 'string' ? b.v : undefined;
  if (pattern === undefined) return false;
  const re = toRegExp(pattern);
  return re !== null && re.test(a.v);
}

/** calc_once / calc_once_with_paths: the query's matches in the document, in the module's order. */
export function select(q: Query, doc: JValue, track = false): Match[] {
  const c = new Calculator(doc, track);
  c.calc(q.steps, 0, doc, track ? [] : undefined);
  return c.results;
}

