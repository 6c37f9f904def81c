import { describe, expect, it } from 'vitest';
import { type Bytes, compileGlob, compileScanPattern, matchGlob } from '../src/index.js';

const m = (pattern: string, subject: string, nocase = false) => matchGlob(pattern as Bytes, subject as Bytes, nocase);

/** Milliseconds a call takes. */
function timed(fn: () => void): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

describe('glob matcher', () => {
  it('matches stars, question marks and literals', () => {
    expect(m('h*llo', 'heeeello')).toBe(true);
    expect(m('h*llo', 'hllo')).toBe(true);
    expect(m('h?llo', 'hllo')).toBe(false);
    expect(m('a*', 'a')).toBe(true);
    expect(m('*a', 'ba')).toBe(true);
    expect(m('*a', 'ab')).toBe(false);
    expect(m('a*b*c', 'aXbYc')).toBe(true);
    expect(m('a*b*c', 'aXbY')).toBe(false);
    expect(m('abc', 'abcd')).toBe(false);
  });

  it('matches the empty subject only with the empty pattern, as stringmatchlen does', () => {
    expect(m('', '')).toBe(true);
    expect(m('*', '')).toBe(false);
    expect(m('**', '')).toBe(false);
    expect(m('', 'a')).toBe(false);
    // KEYS and SCAN treat "*" as "no filter", empty key included.
    expect(compileScanPattern('*' as Bytes)).toBeUndefined();
    expect(compileScanPattern('**' as Bytes)?.('' as Bytes)).toBe(false);
  });

  it('handles classes with Redis quirks', () => {
    expect(m('[abc]', 'b')).toBe(true);
    expect(m('[^abc]', 'b')).toBe(false);
    expect(m('[^abc]', 'd')).toBe(true);
    expect(m('[c-a]', 'b')).toBe(true); // reversed range swapped
    expect(m('[]', ']')).toBe(false); // empty class
    expect(m('[^]', 'x')).toBe(true); // negated empty class
    expect(m('[]a]', ']a]')).toBe(false);
    expect(m('[\\]]', ']')).toBe(true);
    expect(m('[a-]', '^')).toBe(true); // a range from 'a' down to ']'
    expect(m('[abc', 'c')).toBe(true); // unclosed: the class runs to the end
    expect(m('[', '[')).toBe(false);
    expect(m('[^', 'x')).toBe(true);
    // Bounds compare as signed chars: [a-\xff] is [\xff..a], so it takes \xff and NUL..a.
    expect(m('[a-\xff]', '\xff')).toBe(true);
    expect(m('[a-\xff]', '\x00')).toBe(true);
    expect(m('[a-\xff]', 'b')).toBe(false);
    expect(m('[a-\xff]', '\xe9')).toBe(false);
  });

  it('handles escapes and literal braces', () => {
    expect(m('\\*', '*')).toBe(true);
    expect(m('\\*', 'a')).toBe(false);
    expect(m('a\\', 'a\\')).toBe(true); // a trailing backslash is literal
    expect(m('x\\y', 'xy')).toBe(true);
    expect(m('{a,b}', '{a,b}')).toBe(true);
    expect(m('{a,b}', 'a')).toBe(false);
    expect(m('a.b', 'aXb')).toBe(false);
  });

  it('is binary-safe', () => {
    expect(m('a\x00*', 'a\x00\xff\n')).toBe(true);
    expect(m('?', '\x00')).toBe(true);
    expect(m('*', 'a\nb')).toBe(true);
    expect(m('a*b', 'a\r\nb')).toBe(true);
    expect(m('\xe9', '\xe9')).toBe(true);
  });

  it('folds only ASCII letters in the nocase variant, as CONFIG GET does', () => {
    expect(m('MAXMEMORY*', 'maxmemory-policy', true)).toBe(true);
    expect(m('MAXMEMORY*', 'maxmemory-policy')).toBe(false);
    expect(m('[A-C]x', 'bX', true)).toBe(true);
    expect(m('[A]', 'a', true)).toBe(true);
    expect(m('[\\A]', 'a', true)).toBe(false); // escaped class members compare exactly
    expect(m('[Z-a]', 'z', true)).toBe(false); // bounds swapped before folding: z..a is empty
    expect(m('\xc9', '\xe9', true)).toBe(false); // no Latin-1 folding
    expect(m('*\xc9*', 'x\xe9x', true)).toBe(false);
  });

  it('gives up past 1000 nested stars, as Redis 7.0 does', () => {
    expect(m('*a'.repeat(1000), 'a'.repeat(1000))).toBe(true);
    expect(m('*a'.repeat(1001), 'a'.repeat(1001))).toBe(false);
  });

  it('never backtracks exponentially', () => {
    const long = 'a'.repeat(200_000);
    expect(timed(() => expect(m('*a*a*a*a*b', long)).toBe(false))).toBeLessThan(500);
    expect(timed(() => expect(m('*a*a*a*a*a*a*a*a*a*a*a*a*b', long)).toBe(false))).toBeLessThan(500);
    expect(timed(() => expect(m('*?*?*?*?*?*?*?*?*b', long)).toBe(false))).toBeLessThan(500);
    expect(timed(() => expect(m('*[ab]*[ab]*[ab]*c', long)).toBe(false))).toBeLessThan(500);
    expect(timed(() => expect(m(`${'*a'.repeat(900)}b`, 'a'.repeat(5000))).toBe(false))).toBeLessThan(500);
    expect(timed(() => expect(m('a*a', long)).toBe(true))).toBeLessThan(500);
  });

  it('caches compiled patterns', () => {
    expect(compileGlob('user:*' as Bytes)).toBe(compileGlob('user:*' as Bytes));
    expect(compileGlob('user:*' as Bytes, true)).not.toBe(compileGlob('user:*' as Bytes));
  });
});
