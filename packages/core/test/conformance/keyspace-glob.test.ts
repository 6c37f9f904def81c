import { runScenarios, type Scenario, type Step } from '@fakeredis/tooling/conformance';
import { keyspaceServer } from '../keyspace/fixtures.js';

// The glob matcher against redis-server: every subject is a key, every pattern a KEYS
// (compared unordered, since the order of KEYS is the hash table's).
const options = { createServer: (config: Record<string, string>) => keyspaceServer({ config }) };
const latin1 = (s: string) => Buffer.from(s, 'latin1');

const SUBJECTS = [
  '', 'a', 'b', 'c', 'A', 'B', 'Z', 'z', 'ab', 'abc', 'abd', 'aXc', 'abcabc', 'aaa', 'aaab', 'hello', 'hallo', 'hxllo',
  'hllo', 'heeeello', 'Hello', 'HELLO', '[', ']', '^', '-', '\\', '*', '?', '{', '}', '{a,b}', 'a-', 'a]', '[a]',
  'x\\y', 'x*y', 'x?y', 'x[y', 'a\nb', 'a\r\nb', '\x00', 'a\x00b', '\x7f', '\x80', '\xe9', '\xc9', '\xff', 'a\xffb',
  'user:1', 'user:10', 'user:100', 'user:', 'session:abc:data', '__keyspace@0__:foo', 'a.b', 'a+b', '(a)', '$', 'a|b',
];

const PATTERNS = [
  '', '*', '**', '***', '?', '??', '???', 'a', 'a*', '*a', '*a*', 'a*c', 'a?c', 'a*b*c', '*b*', 'h?llo', 'h*llo',
  'h[ae]llo', 'h[^e]llo', 'h[a-b]llo', 'h[b-a]llo', '[abc]', '[^abc]', '[a-c]', '[c-a]', '[A-Z]', '[a-Z]', '[Z-a]',
  '[', '[^', '[a', '[a-', '[a-]', '[]', '[]a]', '[^]', '[^]]', '[\\]]', '[\\]', '[\\', '[]]', '[--]', '[^a-', '[a-c',
  '\\', '\\\\', '\\*', '\\?', '\\[', 'x\\y', 'x\\\\y', 'x\\*y', 'x[\\*]y', 'x*y', 'x?y', '{a,b}', '{', '}',
  'a\\', 'a\\\\', '\\a', '*\\', '[\\-]', '[a\\-c]', 'user:*', 'user:?', 'user:??', 'user:[0-9]', 'user:[0-9]*',
  '*:*:*', '__keyspace@*__:*', 'a.b', 'a+b', '(a)', '$', 'a|b', 'a*\\*', '*\\\\*', 'Hello', 'HELLO', '[hH]ello',
  'a\nb', 'a?b', 'a??b', 'a*b', '\x00', 'a\x00b', 'a?', '?\x00?', '\xe9', '\xc9', '[\xc0-\xff]', '[\x80-\xff]',
  '[\x00-\x7f]', '[\xff-a]', '[a-\xff]', '[^\x80-\xff]', '\xff*', '*\xff*', '[\x7f-\x80]',
];

const keySteps: Step[] = SUBJECTS.map((s) => ['SET', latin1(s), '1']);

/** Deterministic pseudo-random numbers (mulberry32), so the fuzz corpus never changes. */
function generator(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
}

function fuzzScenario(seed: number): Scenario {
  const next = generator(seed);
  const pick = (alphabet: string[], length: number) => Array.from({ length }, () => alphabet[next(alphabet.length)]).join('');
  const keyAlphabet = ['a', 'b', 'A', 'B', 'z', '[', ']', '^', '-', '\\', '*', '?', '\xe9', '\xff', '\x00', '\n'];
  const patternAlphabet = ['a', 'b', 'A', 'z', '*', '*', '?', '[', ']', '^', '-', '\\', '\xe9', '\xff', '\x00'];
  const keys = new Set<string>();
  while (keys.size < 150) keys.add(pick(keyAlphabet, 1 + next(6)));
  const steps: Step[] = [...keys].map((k) => ['SET', latin1(k), '1']);
  for (let i = 0; i < 250; i++) steps.push({ cmd: ['KEYS', latin1(pick(patternAlphabet, next(9)))], compare: 'unordered' });
  return { name: `random patterns, seed ${seed}`, steps };
}

runScenarios('glob: KEYS patterns', options, [
  {
    name: 'a corpus of patterns against a corpus of keys',
    steps: [...keySteps, ...PATTERNS.map((p): Step => ({ cmd: ['KEYS', latin1(p)], compare: 'unordered' }))],
  },
  {
    name: 'without the empty key',
    steps: [
      ['SET', 'a', '1'], ['SET', 'ab', '1'], ['KEYS', ''], ...['*', '**', 'a*'].map((p): Step => ({ cmd: ['KEYS', p], compare: 'unordered' })),
    ],
  },
  {
    name: 'many stars against long keys, and the nesting limit of 1000',
    steps: [
      ...[999, 1000, 1001, 1002, 1500].map((n): Step => ['SET', 'a'.repeat(n), '1']),
      ['SET', 'ab'.repeat(1001), '1'],
      ['SET', 'a'.repeat(20000), '1'],
      ...['*a'.repeat(999), '*a'.repeat(1000), '*a'.repeat(1001), '*a'.repeat(1002), 'a*'.repeat(1000), 'a*'.repeat(1001),
        '*a*b'.repeat(600), '*?'.repeat(1001), '*a*a*a*a*a*a*a*a*b', `${'a'.repeat(19999)}*`, '*a*a*a*a*a*a*a*a*a'].map(
        (p): Step => ({ cmd: ['KEYS', p], compare: 'unordered' }),
      ),
    ],
  },
  ...[1, 2, 3, 4].map(fuzzScenario),
]);
