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
  const tokens = tokenize(code);
  const globals: GlobalReference[] = [];
  /** Scopes, innermost last; each holds the local names it declares. */
  const scopes: Array<Set<string>> = [new Set()];
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
  const declare = (n: string): void => {
    (scopes[scopes.length - 1] as Set<string>).add(n);
  };
  const atBlockEnd = (): boolean => {
    const t = peek();
    return (t.kind === 'keyword' || t.kind === 'eof') && BLOCK_FOLLOW.has(t.text);
  };
  const isLocal = (n: string): boolean => scopes.some((s) => s.has(n));
  /** Records a name's use; the global reference made, if it is one. */
  const reference = (t: Token): GlobalReference | undefined => {
    if (isLocal(t.text)) return undefined;
    const ref = { at: t.start, write: false };
    globals.push(ref);
    return ref;
  };
  const inScope = (body: () => void): void => {
    scopes.push(new Set());
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
              declare(first.text);
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
          const global = reference(name());
          // `function f()` assigns the global f; `function a.b()` reads a.
          if (global !== undefined && !is('.') && !is(':')) global.write = true;
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
            declare(name().text);
            functionBody(false);
            return;
          }
          {
            const names = [name().text];
            while (is(',')) {
              next();
              names.push(name().text);
            }
            if (is('=')) {
              next();
              expressionList();
            }
            for (const n of names) declare(n);
          }
          return;
        default:
          throw new LuaScopeError(`unexpected '${t.text}'`);
      }
    }
    // An assignment or a call. A target that is a bare global name is a write.
    const targets = [suffixedExpression()];
    if (is('=') || is(',')) {
      while (is(',')) {
        next();
        targets.push(suffixedExpression());
      }
      expect('=');
      for (const target of targets) if (target !== undefined) target.write = true;
      expressionList();
    }
  }

  function functionBody(method: boolean): void {
    expect('(');
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
  }

  function expressionList(): void {
    expression();
    while (is(',')) {
      next();
      expression();
    }
  }

  function expression(): void {
    for (;;) {
      while ((peek().kind === 'op' || peek().kind === 'keyword') && UNARY_OPS.has(peek().text)) next();
      simpleExpression();
      const op = peek();
      if ((op.kind === 'op' || op.kind === 'keyword') && BINARY_OPS.has(op.text)) {
        next();
        continue;
      }
      return;
    }
  }

  function simpleExpression(): void {
    const t = peek();
    if (t.kind === 'number' || t.kind === 'string') {
      next();
      return;
    }
    if (t.kind === 'keyword') {
      if (t.text === 'nil' || t.text === 'true' || t.text === 'false') {
        next();
        return;
      }
      if (t.text === 'function') {
        next();
        functionBody(false);
        return;
      }
    }
    if (t.kind === 'op') {
      if (t.text === '...') {
        next();
        return;
      }
      if (t.text === '{') {
        table();
        return;
      }
    }
    suffixedExpression();
  }

  /** The global reference when the expression is that name alone. */
  function primaryExpression(): GlobalReference | undefined {
    const t = next();
    if (t.kind === 'name') return reference(t);
    if (t.kind === 'op' && t.text === '(') {
      expression();
      expect(')');
      return undefined;
    }
    throw new LuaScopeError(`unexpected symbol near '${t.text}'`);
  }

  /** The global reference when the expression is a global name alone (an assignable global). */
  function suffixedExpression(): GlobalReference | undefined {
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
  return globals;
}
