import globToRegExp from 'glob-to-regexp';
import type { Bytes } from './bytes.js';

/**
 * Redis's glob matcher (util.c stringmatchlen), shared by KEYS, SCAN MATCH, PSUBSCRIBE,
 * PUBSUB CHANNELS, CONFIG GET, HSCAN ... with its exact semantics, quirks included:
 *
 * - `*` any run, `?` one byte, `\x` the byte x (a trailing `\` is a literal backslash);
 * - `[abc]`, `[^abc]`, `[a-z]` (reversed ranges swapped, bytes compared as signed chars
 *   like C's `char`), `\]` escapes inside a class; `[]` and `[^]` are an empty class and
 *   its negation; an unclosed `[abc` is a class running to the end of the pattern;
 * - binary-safe, braces and everything else literal;
 * - an empty subject matches only the empty pattern (KEYS and SCAN treat the pattern
 *   "*" as "everything" before calling the matcher: see compileScanPattern);
 * - the nesting limit of 1000 stars and the early exit of Redis 7.0, so no pattern
 *   backtracks exponentially: matching costs O(pattern x subject) at worst.
 *
 * `nocase` is CONFIG GET's variant: ASCII letters compare case-insensitively (C's
 * tolower in the C locale), except escaped bytes inside a class, as in Redis.
 */
export type GlobMatcher = (subject: Bytes) => boolean;

const STAR = 0;
const ANY = 1;
const LITERAL = 2;
const CLASS = 3;

/** The pattern as tokens; a run of stars is one STAR. */
interface Program {
  readonly kinds: Uint8Array;
  /** LITERAL: the byte (lower-cased when nocase). */
  readonly codes: Uint8Array;
  /** CLASS: a 256-entry table of the bytes it accepts. */
  readonly classes: Array<Uint8Array | undefined>;
  readonly nocase: boolean;
}

/** Redis gives up on a pattern nested deeper than this (stringmatchlen_impl). */
const MAX_NESTING = 1000;
const CACHE_LIMIT = 512;
const cache = new Map<string, GlobMatcher>();

/** A matcher for `pattern`; compiled matchers are cached (patterns repeat a lot). */
export function compileGlob(pattern: Bytes, nocase = false): GlobMatcher {
  const cacheKey = (nocase ? 'i' : 'c') + pattern;
  let matcher = cache.get(cacheKey);
  if (matcher === undefined) {
    matcher = regexMatcher(pattern, nocase) ?? programMatcher(parse(pattern, nocase));
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(cacheKey, matcher);
  }
  return matcher;
}

/** True when `subject` matches `pattern` (Redis's stringmatchlen). */
export function matchGlob(pattern: Bytes, subject: Bytes, nocase = false): boolean {
  return compileGlob(pattern, nocase)(subject);
}

/**
 * The filter of a MATCH option or a KEYS pattern: undefined when the pattern is exactly
 * "*", which Redis treats as "no filter" (so the empty key is listed too).
 */
export function compileScanPattern(pattern: Bytes): GlobMatcher | undefined {
  return pattern === '*' ? undefined : compileGlob(pattern);
}

// ---- the glob-to-regexp path -------------------------------------------------------

/**
 * glob-to-regexp gives Redis's answer for patterns made of literal bytes and at most one
 * run of stars (no `?`, `[`, `\`): it escapes every other regex character, and one `.*`
 * cannot backtrack badly. With nocase, only ASCII patterns qualify, since JS's `i` flag
 * folds Latin-1 letters that C's tolower leaves alone.
 */
function regexMatcher(pattern: Bytes, nocase: boolean): GlobMatcher | undefined {
  let starRuns = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 0x3f || c === 0x5b || c === 0x5c) return undefined; // ? [ \
    if (nocase && c > 0x7f) return undefined;
    if (c === 0x2a && pattern.charCodeAt(i - 1) !== 0x2a && ++starRuns > 1) return undefined;
  }
  const regex = globToRegExp(pattern, { flags: nocase ? 'si' : 's' });
  const empty = pattern.length === 0;
  // Redis's loop never runs on an empty subject: only the empty pattern matches it.
  return (subject) => (subject.length === 0 ? empty : regex.test(subject));
}

// ---- Redis's algorithm over tokens --------------------------------------------------

/** C's tolower in the C locale: ASCII letters only. */
function lower(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c + 32 : c;
}

/** A byte as C's (signed) char, as Redis compares range bounds. */
function signed(c: number): number {
  return c > 0x7f ? c - 256 : c;
}

type ClassItem =
  | { kind: 'escaped'; c: number }
  | { kind: 'literal'; c: number }
  | { kind: 'range'; start: number; end: number };

/** Tokenizes the pattern exactly as stringmatchlen walks it. */
function parse(pattern: Bytes, nocase: boolean): Program {
  const kinds: number[] = [];
  const codes: number[] = [];
  const classes: Array<Uint8Array | undefined> = [];
  const n = pattern.length;
  const at = (i: number) => pattern.charCodeAt(i);
  const push = (kind: number, code = 0, table?: Uint8Array) => {
    kinds.push(kind);
    codes.push(code);
    classes.push(table);
  };
  let i = 0;
  while (i < n) {
    const c = at(i);
    if (c === 0x2a) {
      while (at(i + 1) === 0x2a) i++;
      push(STAR);
      i++;
    } else if (c === 0x3f) {
      push(ANY);
      i++;
    } else if (c === 0x5b) {
      i++;
      const negate = i < n && at(i) === 0x5e;
      if (negate) i++;
      const items: ClassItem[] = [];
      for (;;) {
        if (i < n && at(i) === 0x5c && n - i >= 2) {
          items.push({ kind: 'escaped', c: at(i + 1) });
          i += 2;
        } else if (i < n && at(i) === 0x5d) {
          i++;
          break;
        } else if (i >= n) {
          break; // unclosed: the class runs to the end of the pattern
        } else if (n - i >= 3 && at(i + 1) === 0x2d) {
          items.push({ kind: 'range', start: at(i), end: at(i + 2) });
          i += 3;
        } else {
          items.push({ kind: 'literal', c: at(i) });
          i++;
        }
      }
      push(CLASS, 0, classTable(items, negate, nocase));
    } else if (c === 0x5c && n - i >= 2) {
      push(LITERAL, nocase ? lower(at(i + 1)) : at(i + 1));
      i += 2;
    } else {
      push(LITERAL, nocase ? lower(c) : c);
      i++;
    }
  }
  return { kinds: Uint8Array.from(kinds), codes: Uint8Array.from(codes), classes, nocase };
}

function classTable(items: ClassItem[], negate: boolean, nocase: boolean): Uint8Array {
  const table = new Uint8Array(256);
  for (let b = 0; b < 256; b++) {
    let match = false;
    for (const item of items) {
      if (item.kind === 'escaped') match ||= item.c === b;
      else if (item.kind === 'literal') match ||= nocase ? lower(item.c) === lower(b) : item.c === b;
      else {
        let start = signed(item.start);
        let end = signed(item.end);
        let c = signed(b);
        if (start > end) [start, end] = [end, start];
        if (nocase) {
          start = lower(start);
          end = lower(end);
          c = lower(c);
        }
        match ||= c >= start && c <= end;
      }
    }
    table[b] = match !== negate ? 1 : 0;
  }
  return table;
}

function programMatcher(program: Program): GlobMatcher {
  return (subject) => {
    const state = { skipLongerMatches: false };
    return matchFrom(program, 0, subject, 0, 0, state);
  };
}

/**
 * stringmatchlen_impl over tokens. A star tries the rest of the pattern at each later
 * position; once the rest failed from every position, no longer match of an earlier
 * star can help, so every enclosing star gives up too (skipLongerMatches).
 */
function matchFrom(
  program: Program,
  pi: number,
  subject: Bytes,
  si: number,
  nesting: number,
  state: { skipLongerMatches: boolean },
): boolean {
  if (nesting > MAX_NESTING) return false;
  const { kinds, codes, classes, nocase } = program;
  const n = kinds.length;
  const len = subject.length;
  while (pi < n && si < len) {
    switch (kinds[pi]) {
      case STAR:
        if (pi === n - 1) return true;
        for (; si < len; si++) {
          if (matchFrom(program, pi + 1, subject, si, nesting + 1, state)) return true;
          if (state.skipLongerMatches) return false;
        }
        state.skipLongerMatches = true;
        return false;
      case LITERAL: {
        const c = subject.charCodeAt(si);
        if ((nocase ? lower(c) : c) !== codes[pi]) return false;
        break;
      }
      case CLASS:
        if ((classes[pi] as Uint8Array)[subject.charCodeAt(si)] === 0) return false;
        break;
      default: // ANY
        break;
    }
    pi++;
    si++;
    if (si === len) {
      while (pi < n && kinds[pi] === STAR) pi++;
      break;
    }
  }
  return pi === n && si === len;
}
