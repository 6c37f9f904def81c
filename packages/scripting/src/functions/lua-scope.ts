/**
 * Finds the global variable references of a Lua 5.1 chunk: every name in expression or
 * assignment position that no enclosing `local`, parameter, `for` variable (or the
 * implicit `self` of a method and `arg` of a vararg function, as Lua 5.1 declares them)
 * binds. The library sandbox (sandbox.ts) rewrites each of them to go through a table
 * of its own, which is how a library's global accesses follow Redis's rules: only
 * `redis.register_function` and a few fields of `redis` while the library loads, the
 * full API when its functions run, and never KEYS / ARGV.
 *
 * This is a recursive-descent reading of Lua 5.1's grammar (lparser.c) that keeps only
 * scopes; it is given code that already compiled, and throws LuaScopeError on anything
 * it does not understand (the caller then runs the library without the rewrite).
 */

export class LuaScopeError extends Error {}

type TokenKind = 'name' | 'keyword' | 'number' | 'string' | 'op' | 'eof';

interface Token {
  kind: TokenKind;
  /** The text of names, keywords and operators. */
  text: string;
  /** Offset of the token's first character in the code. */
  start: number;
}

const KEYWORDS = new Set([
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'if', 'in',
  'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
]);

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\v' || c === '\f';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
const isAlnum = (c: string): boolean => isAlpha(c) || isDigit(c);

/** Splits Lua 5.1 source into tokens (llex.c), skipping comments. */
export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  const n = code.length;
  let i = 0;
  /** Length of `[==[` at `at` (the number of `=`), or -1 when it is not a long bracket. */
  const longBracket = (at: number): number => {
    if (code[at] !== '[') return -1;
    let j = at + 1;
    while (code[j] === '=') j++;
    return code[j] === '[' ? j - at - 1 : -1;
  };
  const skipLong = (at: number, level: number): number => {
    const close = `]${'='.repeat(level)}]`;
    const end = code.indexOf(close, at + level + 2);
    if (end < 0) throw new LuaScopeError('unfinished long string');
    return end + close.length;
  };
  while (i < n) {
    const c = code[i] as string;
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '-' && code[i + 1] === '-') {
      const level = longBracket(i + 2);
      if (level >= 0) i = skipLong(i + 2, level);
      else {
        const eol = code.indexOf('\n', i);
        const cr = code.indexOf('\r', i);
        const end = eol < 0 ? cr : cr < 0 ? eol : Math.min(eol, cr);
        i = end < 0 ? n : end;
      }
      continue;
    }
    const start = i;
    if (isAlpha(c)) {
      while (i < n && isAlnum(code[i] as string)) i++;
      const text = code.slice(start, i);
      tokens.push({ kind: KEYWORDS.has(text) ? 'keyword' : 'name', text, start });
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(code[i + 1] ?? ''))) {
      while (i < n && (isDigit(code[i] as string) || code[i] === '.')) i++;
      if (code[i] === 'e' || code[i] === 'E') {
        i++;
        if (code[i] === '+' || code[i] === '-') i++;
      }
      while (i < n && isAlnum(code[i] as string)) i++;
      tokens.push({ kind: 'number', text: code.slice(start, i), start });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && code[i] !== c) {
        if (code[i] === '\\') i++;
        else if (code[i] === '\n' || code[i] === '\r') throw new LuaScopeError('unfinished string');
        i++;
      }
      if (i >= n) throw new LuaScopeError('unfinished string');
      i++;
      tokens.push({ kind: 'string', text: '', start });
      continue;
    }
    if (c === '[') {
      const level = longBracket(i);
      if (level >= 0) {
        i = skipLong(i, level);
        tokens.push({ kind: 'string', text: '', start });
        continue;
      }
    }
    const three = code.slice(i, i + 3);
    const two = code.slice(i, i + 2);
    if (three === '...') {
      i += 3;
      tokens.push({ kind: 'op', text: three, start });
    } else if (two === '..' || two === '==' || two === '~=' || two === '<=' || two === '>=') {
      i += 2;
      tokens.push({ kind: 'op', text: two, start });
    } else if ('+-*/%^#<>=(){}[];:,.'.includes(c)) {
      i++;
      tokens.push({ kind: 'op', text: c, start });
    } else {
      throw new LuaScopeError(`unexpected character ${JSON.stringify(c)}`);
    }
  }
  tokens.push({ kind: 'eof', text: '<eof>', start: n });
  return tokens;
}

const BINARY_OPS = new Set(['+', '-', '*', '/', '%', '^', '..', '==', '~=', '<', '<=', '>', '>=', 'and', 'or']);
const UNARY_OPS = new Set(['-', 'not', '#']);
const BLOCK_FOLLOW = new Set(['else', 'elseif', 'end', 'until', '<eof>']);

/** A global reference: where its name starts, and whether it is assigned (`x = 1`, `function x() end`). */
export interface GlobalReference {
  readonly at: number;
  write: boolean;
}

/** The global name references of `code`, in order (see the module comment). */
export function globalReferences(code: string): GlobalReference[] {
  return readScopes(code).globals;
}

/**
 * Whether a library's functions may keep state from one call to the next: a function
 * reads or assigns a local of an enclosing scope (an upvalue) that is not plain: plain is
 * a local declared with a literal (a number, a string, nil, true, false, or an expression
 * of them alone) or a function, and never assigned again. A table, or anything a
 * function assigns, may change between calls; a plain local cannot (a function a plain
 * local holds is read by the same rule). Any enclosing function counts, not only the
 * library's level: a function run while the library loads (`(function() local n = 0
 * return function() n = n + 1 end end)()`) keeps its locals too, so a closure over a
 * table made per call is taken as keeping state as well (it then only runs on its
 * functions worker). Throws LuaScopeError as globalReferences does.
 */
export function libraryKeepsState(code: string): boolean {
  return readScopes(code).keepsState;
}

/** A local: the function depth it is declared at (0: the library's level), and whether it is plain (libraryKeepsState). */
interface Binding {
  readonly depth: number;
  plain: boolean;
}

/** What an expression is: plain (literals alone, or a function) or not. */
type Kind = 'plain' | 'other';

function readScopes(code: string): { globals: GlobalReference[]; keepsState: boolean } {
  const tokens = tokenize(code);
  const globals: GlobalReference[] = [];
  /** Scopes, innermost last; each holds the locals it declares. */
  const scopes: Array<Map<string, Binding>> = [new Map()];
  /** Functions the parser is inside (0: the library's own code, which runs once as it loads). */
  let depth = 0;
  /** Locals that functions they enclose use (upvalues). */
  const used: Binding[] = [];
  let pos = 0;

  const peek = (ahead = 0): Token => tokens[Math.min(pos + ahead, tokens.length - 1)] as Token;
  const is = (text: string, ahead = 0): boolean => {
    const t = peek(ahead);
    return (t.kind === 'op' || t.kind === 'keyword' || t.kind === 'eof') && t.text === text;
  };
  const next = (): Token => tokens[pos++] as Token;
  const expect = (text: string): void => {
    if (!is(text)) throw new LuaScopeError(`'${text}' expected near '${peek().text}'`);
    pos++;
  };
  const name = (): Token => {
    const t = next();
    if (t.kind !== 'name') throw new LuaScopeError(`name expected near '${t.text}'`);
    return t;
  };
  const declare = (n: string, kind: Kind = 'other'): void => {
    (scopes[scopes.length - 1] as Map<string, Binding>).set(n, { depth, plain: kind === 'plain' });
  };
  const atBlockEnd = (): boolean => {
    const t = peek();
    return (t.kind === 'keyword' || t.kind === 'eof') && BLOCK_FOLLOW.has(t.text);
  };
  const binding = (n: string): Binding | undefined => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const b = (scopes[i] as Map<string, Binding>).get(n);
      if (b !== undefined) return b;
    }
    return undefined;
  };
  /** Records a name's use: the global reference made, or the local named. */
  const reference = (t: Token): GlobalReference | Binding => {
    const local = binding(t.text);
    if (local !== undefined) {
      if (local.depth < depth) used.push(local);
      return local;
    }
    const ref = { at: t.start, write: false };
    globals.push(ref);
    return ref;
  };
  const isGlobal = (r: GlobalReference | Binding | undefined): r is GlobalReference => r !== undefined && 'at' in r;
  /** An assignment to a name: a global is written; a local is no longer plain (its value may be anything now). */
  const assign = (r: GlobalReference | Binding | undefined): void => {
    if (isGlobal(r)) r.write = true;
    else if (r !== undefined) r.plain = false;
  };
  const inScope = (body: () => void): void => {
    scopes.push(new Map());
    try {
      body();
    } finally {
      scopes.pop();
    }
  };

  function block(): void {
    for (;;) {
      if (atBlockEnd()) return;
      if (is('return')) {
        next();
        if (!atBlockEnd() && !is(';')) expressionList();
        if (is(';')) next();
        return;
      }
      if (is('break')) {
        next();
        if (is(';')) next();
        return;
      }
      statement();
      if (is(';')) next();
    }
  }

  function statement(): void {
    const t = peek();
    if (t.kind === 'keyword') {
      switch (t.text) {
        case 'if':
          next();
          expression();
          expect('then');
          inScope(block);
          while (is('elseif')) {
            next();
            expression();
            expect('then');
            inScope(block);
          }
          if (is('else')) {
            next();
            inScope(block);
          }
          expect('end');
          return;
        case 'while':
          next();
          expression();
          expect('do');
          inScope(block);
          expect('end');
          return;
        case 'do':
          next();
          inScope(block);
          expect('end');
          return;
        case 'for': {
          next();
          const first = name();
          if (is('=')) {
            next();
            expression();
            expect(',');
            expression();
            if (is(',')) {
              next();
              expression();
            }
            expect('do');
            inScope(() => {
              declare(first.text, 'plain');
              block();
            });
          } else {
            const names = [first.text];
            while (is(',')) {
              next();
              names.push(name().text);
            }
            expect('in');
            expressionList();
            expect('do');
            inScope(() => {
              for (const n of names) declare(n);
              block();
            });
          }
          expect('end');
          return;
        }
        case 'repeat':
          next();
          // The condition sees the block's locals.
          inScope(() => {
            block();
            expect('until');
            expression();
          });
          return;
        case 'function': {
          next();
          const target = reference(name());
          // `function f()` assigns f; `function a.b()` reads a.
          if (!is('.') && !is(':')) assign(target);
          let method = false;
          while (is('.')) {
            next();
            name();
          }
          if (is(':')) {
            next();
            name();
            method = true;
          }
          functionBody(method);
          return;
        }
        case 'local':
          next();
          if (is('function')) {
            next();
            declare(name().text, 'plain');
            functionBody(false);
            return;
          }
          {
            const names = [name().text];
            while (is(',')) {
              next();
              names.push(name().text);
            }
            // `local a, b`: nil, plain; a name past the values is nil too, unless the last value
            // (not plain) may be a call with more results.
            let kinds: Kind[] = names.map(() => 'plain');
            if (is('=')) {
              next();
              const values = expressionList();
              kinds = names.map((_, i) => values[i] ?? (values[values.length - 1] as Kind));
            }
            names.forEach((n, i) => declare(n, kinds[i]));
          }
          return;
        default:
          throw new LuaScopeError(`unexpected '${t.text}'`);
      }
    }
    // An assignment or a call. A target that is a bare name is assigned.
    const targets = [suffixedExpression()];
    if (is('=') || is(',')) {
      while (is(',')) {
        next();
        targets.push(suffixedExpression());
      }
      expect('=');
      for (const target of targets) assign(target);
      expressionList();
    }
  }

  function functionBody(method: boolean): void {
    expect('(');
    depth++;
    inScope(() => {
      if (method) declare('self');
      if (!is(')')) {
        for (;;) {
          if (is('...')) {
            next();
            // LUA_COMPAT_VARARG: a vararg function has a local `arg`.
            declare('arg');
            break;
          }
          declare(name().text);
          if (!is(',')) break;
          next();
        }
      }
      expect(')');
      block();
      expect('end');
    });
    depth--;
  }

  /** The kind of each expression. */
  function expressionList(): Kind[] {
    const kinds = [expression()];
    while (is(',')) {
      next();
      kinds.push(expression());
    }
    return kinds;
  }

  function expression(): Kind {
    let literals = true;
    let operands = 0;
    let last: 'literal' | 'function' | 'other' = 'other';
    for (;;) {
      while ((peek().kind === 'op' || peek().kind === 'keyword') && UNARY_OPS.has(peek().text)) next();
      last = simpleExpression();
      operands++;
      if (last !== 'literal') literals = false;
      const op = peek();
      if ((op.kind === 'op' || op.kind === 'keyword') && BINARY_OPS.has(op.text)) {
        next();
        continue;
      }
      return literals || (operands === 1 && last === 'function') ? 'plain' : 'other';
    }
  }

  function simpleExpression(): 'literal' | 'function' | 'other' {
    const t = peek();
    if (t.kind === 'number' || t.kind === 'string') {
      next();
      return 'literal';
    }
    if (t.kind === 'keyword') {
      if (t.text === 'nil' || t.text === 'true' || t.text === 'false') {
        next();
        return 'literal';
      }
      if (t.text === 'function') {
        next();
        functionBody(false);
        return 'function';
      }
    }
    if (t.kind === 'op') {
      if (t.text === '...') {
        next();
        return 'other';
      }
      if (t.text === '{') {
        table();
        return 'other';
      }
    }
    suffixedExpression();
    return 'other';
  }

  /** The name referenced when the expression is that name alone. */
  function primaryExpression(): GlobalReference | Binding | undefined {
    const t = next();
    if (t.kind === 'name') return reference(t);
    if (t.kind === 'op' && t.text === '(') {
      expression();
      expect(')');
      return undefined;
    }
    throw new LuaScopeError(`unexpected symbol near '${t.text}'`);
  }

  /** The name referenced when the expression is a name alone (assignable). */
  function suffixedExpression(): GlobalReference | Binding | undefined {
    let bare = primaryExpression();
    for (;; bare = undefined) {
      const t = peek();
      if (t.kind === 'string') {
        next();
      } else if (t.kind === 'op' && t.text === '.') {
        next();
        name();
      } else if (t.kind === 'op' && t.text === '[') {
        next();
        expression();
        expect(']');
      } else if (t.kind === 'op' && t.text === ':') {
        next();
        name();
        callArguments();
      } else if (t.kind === 'op' && (t.text === '(' || t.text === '{')) {
        callArguments();
      } else {
        return bare;
      }
    }
  }

  function callArguments(): void {
    const t = peek();
    if (t.kind === 'string') {
      next();
    } else if (is('{')) {
      table();
    } else {
      expect('(');
      if (!is(')')) expressionList();
      expect(')');
    }
  }

  function table(): void {
    expect('{');
    while (!is('}')) {
      if (is('[')) {
        next();
        expression();
        expect(']');
        expect('=');
        expression();
      } else if (peek().kind === 'name' && is('=', 1)) {
        next();
        next();
        expression();
      } else {
        expression();
      }
      if (is(',') || is(';')) next();
      else break;
    }
    expect('}');
  }

  block();
  if (peek().kind !== 'eof') throw new LuaScopeError(`'<eof>' expected near '${peek().text}'`);
  return { globals, keepsState: used.some((b) => !b.plain) };
}
