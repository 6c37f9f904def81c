import { runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

/** A small deterministic generator (mulberry32) so the operands repeat from run to run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Operands of many shapes: integers, long fractions, exponents, hex floats, extremes. */
function operand(random: () => number): string {
  const int = (n: number) => Math.floor(random() * n);
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');
  const sign = random() < 0.4 ? '-' : random() < 0.1 ? '+' : '';
  switch (int(10)) {
    case 0: return `${sign}${int(1000)}`;
    case 1: return `${sign}${int(100)}.${digits(1 + int(3))}`;
    case 2: return `${sign}${digits(1 + int(6))}.${digits(1 + int(20))}`;
    case 3: return `${sign}${1 + int(9)}.${digits(int(5))}e${random() < 0.5 ? '-' : ''}${int(30)}`;
    case 4: return `${sign}0.${'0'.repeat(int(20))}${digits(1 + int(5))}`;
    case 5: return `${sign}${digits(15 + int(10))}`;
    case 6: return `${sign}${1 + int(9)}e${int(4000)}`;
    case 7: return `${sign}0x${int(0xffff).toString(16)}.${int(0xff).toString(16)}p${int(20) - 10}`;
    case 8: return `${sign}.${digits(1 + int(18))}`;
    default: return `${sign}${digits(1 + int(4))}.${digits(1 + int(4))}E+${int(5)}`;
  }
}

function randomPairs(seed: number, count: number): Step[] {
  const random = generator(seed);
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    steps.push(['SET', 'f', operand(random)], ['INCRBYFLOAT', 'f', operand(random)], ['INCRBYFLOAT', 'f', operand(random)]);
  }
  return steps;
}

runScenarios('strings: INCRBYFLOAT', options, [
  { name: 'long double arithmetic and formatting', steps: [
    ['INCRBYFLOAT', 'k', '10.5'], ['INCRBYFLOAT', 'k', '0.1'], ['SET', 'k', '3.0e3'], ['INCRBYFLOAT', 'k', '1'], ['SET', 'k', '5.0e3'], ['INCRBYFLOAT', 'k', '2.0e-3'],
    ['SET', 'k', '0.1'], ['INCRBYFLOAT', 'k', '0.2'], ['INCRBYFLOAT', 'k', '-0.3'], ['SET', 'k', '1'], ['INCRBYFLOAT', 'k', '1e-17'],
    ['SET', 'k', '1'], ['INCRBYFLOAT', 'k', '5e-18'], ['SET', 'k', '-1'], ['INCRBYFLOAT', 'k', '5e-18'], ['SET', 'k', '-0'], ['INCRBYFLOAT', 'k', '-0'],
    ['SET', 'k', '123456789012345678901234567890'], ['INCRBYFLOAT', 'k', '0'], ['SET', 'k', '1.7e308'], ['INCRBYFLOAT', 'k', '1.7e308'],
    ['SET', 'k', '0.000000000000000015'], ['INCRBYFLOAT', 'k', '0'], ['SET', 'k', '-0.000000000000000001'], ['INCRBYFLOAT', 'k', '0'],
  ] },
  { name: 'input forms strtold accepts', steps: [
    ['SET', 'k', '0x1p3'], ['INCRBYFLOAT', 'k', '0.5'], ['INCRBYFLOAT', 'k', '0X.8P1'], ['INCRBYFLOAT', 'k', '+1.'], ['INCRBYFLOAT', 'k', '.25'],
    ['INCRBYFLOAT', 'k', '1E2'], ['INCRBYFLOAT', 'k', '0x1'], ['INCRBYFLOAT', 'k', '2e-4951'], ['INCRBYFLOAT', 'k', '0e99999'], ['INCRBYFLOAT', 'k', '0x0p99999'],
    ['SET', 'k', '1e4932'], ['INCRBYFLOAT', 'k', '1.18e4932'], ['INCRBYFLOAT', 'k', '1e4932'], ['GET', 'k'],
  ] },
  { name: 'invalid floats', steps: [
    ['SET', 'k', '1'], ['INCRBYFLOAT', 'k', 'abc'], ['INCRBYFLOAT', 'k', ''], ['INCRBYFLOAT', 'k', ' 1'], ['INCRBYFLOAT', 'k', '1 '], ['INCRBYFLOAT', 'k', '1e'],
    ['INCRBYFLOAT', 'k', '0x'], ['INCRBYFLOAT', 'k', '.'], ['INCRBYFLOAT', 'k', '1e5000'], ['INCRBYFLOAT', 'k', '-1e5000'], ['INCRBYFLOAT', 'k', '1e-4951'],
    ['INCRBYFLOAT', 'k', 'nan'], ['INCRBYFLOAT', 'k', '-nan'], ['INCRBYFLOAT', 'k', 'nan(1)'], ['INCRBYFLOAT', 'k', '1\x000'], ['INCRBYFLOAT', 'k', 'infin'],
    ['INCRBYFLOAT', 'k', '0x1p'], ['INCRBYFLOAT', 'k', '1e+'], ['INCRBYFLOAT', 'k', '1.2.3'], ['GET', 'k'],
    ['SET', 'k', 'x'], ['INCRBYFLOAT', 'k', '1'], ['INCRBYFLOAT', 'k', 'x'], ['SET', 'k', `${'1'.repeat(5119)}`], ['INCRBYFLOAT', 'k', '1'],
    ['SET', 'k', '1'], ['INCRBYFLOAT', 'k', `${'1'.repeat(5120)}`], ['INCRBYFLOAT', 'k', `0.${'0'.repeat(5000)}1`],
  ] },
  { name: 'infinity and NaN results', steps: [
    ['SET', 'k', '1'], ['INCRBYFLOAT', 'k', 'inf'], ['INCRBYFLOAT', 'k', '-INF'], ['INCRBYFLOAT', 'k', 'Infinity'], ['SET', 'k', 'inf'], ['INCRBYFLOAT', 'k', '1'],
    ['INCRBYFLOAT', 'k', '-inf'], ['SET', 'k', '1.1e4932'], ['INCRBYFLOAT', 'k', '1.1e4932'], ['GET', 'k'],
  ] },
  { name: 'other types, TTL and encoding', steps: [
    ['LPUSH', 'l', 'a'], ['INCRBYFLOAT', 'l', '1'], ['INCRBYFLOAT', 'l', 'x'], ['SET', 'k', '10', 'EX', '100'], ['INCRBYFLOAT', 'k', '1.5'], ['TTL', 'k'],
    ['OBJECT', 'ENCODING', 'k'], ['INCRBYFLOAT', 'k', '0.5'], ['GET', 'k'], ['OBJECT', 'ENCODING', 'k'], ['INCR', 'k'], ['OBJECT', 'ENCODING', 'k'],
    ['INCRBYFLOAT', 'n', '1e30'], ['OBJECT', 'ENCODING', 'n'], ['INCRBYFLOAT', 'm', '1e50'], ['OBJECT', 'ENCODING', 'm'], ['APPEND', 'm', 'x'], ['OBJECT', 'ENCODING', 'm'],
  ] },
  { name: 'random operands (seed 1)', steps: randomPairs(1, 150) },
  { name: 'random operands (seed 2)', steps: randomPairs(2, 150) },
  { name: 'random operands (seed 3)', steps: randomPairs(3, 150) },
]);
