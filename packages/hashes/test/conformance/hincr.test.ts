import { runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { options } from './server.js';

/** A small deterministic generator (mulberry32) so operands repeat from run to run. */
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

/** Float operands of many shapes: integers, long fractions, exponents, hex floats. */
function operand(random: () => number): string {
  const int = (n: number) => Math.floor(random() * n);
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');
  const sign = random() < 0.4 ? '-' : random() < 0.1 ? '+' : '';
  switch (int(8)) {
    case 0: return `${sign}${int(1000)}`;
    case 1: return `${sign}${int(100)}.${digits(1 + int(3))}`;
    case 2: return `${sign}${digits(1 + int(6))}.${digits(1 + int(20))}`;
    case 3: return `${sign}${1 + int(9)}.${digits(int(5))}e${random() < 0.5 ? '-' : ''}${int(30)}`;
    case 4: return `${sign}0.${'0'.repeat(int(20))}${digits(1 + int(5))}`;
    case 5: return `${sign}${1 + int(9)}e${int(400)}`;
    case 6: return `${sign}0x${int(0xffff).toString(16)}.${int(0xff).toString(16)}p${int(20) - 10}`;
    default: return `${sign}.${digits(1 + int(18))}`;
  }
}

function randomFloatSteps(seed: number, count: number): Step[] {
  const random = generator(seed);
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    steps.push(['HSET', 'h', 'f', operand(random)], ['HINCRBYFLOAT', 'h', 'f', operand(random)], ['HINCRBYFLOAT', 'h', 'f', operand(random)]);
  }
  return steps;
}

runScenarios('hashes: HINCRBY', options, [
  {
    name: 'creates key and field, adds, returns the value',
    steps: [
      ['HINCRBY', 'h', 'a', '5'],
      ['HINCRBY', 'h', 'a', '-7'],
      ['HINCRBY', 'h', 'a', '0'],
      ['HGET', 'h', 'a'],
      ['HINCRBY', 'h', 'b', '-9223372036854775808'],
      ['HINCRBY', 'h', 'c', '9223372036854775807'],
      ['HMGET', 'h', 'b', 'c'],
    ],
  },
  {
    name: 'overflow in both directions leaves the value',
    steps: [
      ['HSET', 'h', 'max', '9223372036854775807', 'min', '-9223372036854775808'],
      ['HINCRBY', 'h', 'max', '1'],
      ['HINCRBY', 'h', 'min', '-1'],
      ['HINCRBY', 'h', 'max', '-9223372036854775808'],
      ['HINCRBY', 'h', 'min', '9223372036854775807'],
      ['HMGET', 'h', 'max', 'min'],
    ],
  },
  {
    name: 'stored values that are not integers',
    steps: [
      ['HSET', 'h', 'a', 'x', 'b', ' 1', 'c', '1 ', 'd', '1.0', 'e', '99999999999999999999', 'f', '', 'g', '007', 'i', '-0', 'j', '+1'],
      ['HINCRBY', 'h', 'a', '1'],
      ['HINCRBY', 'h', 'b', '1'],
      ['HINCRBY', 'h', 'c', '1'],
      ['HINCRBY', 'h', 'd', '1'],
      ['HINCRBY', 'h', 'e', '1'],
      ['HINCRBY', 'h', 'f', '1'],
      ['HINCRBY', 'h', 'g', '1'],
      ['HINCRBY', 'h', 'i', '1'],
      ['HINCRBY', 'h', 'j', '1'],
    ],
  },
  {
    name: 'bad increments are refused before the key is created',
    steps: [
      ['HINCRBY', 'h', 'a', 'x'],
      ['HINCRBY', 'h', 'a', '1.5'],
      ['HINCRBY', 'h', 'a', ''],
      ['HINCRBY', 'h', 'a', '9223372036854775808'],
      ['HINCRBY', 'h', 'a', ' 1'],
      ['EXISTS', 'h'],
      ['SET', 's', 'x'],
      ['HINCRBY', 's', 'a', 'x'],
      ['HINCRBY', 's', 'a', '1'],
      ['HINCRBY', 'h', 'a'],
      ['HINCRBY', 'h', 'a', '1', '2'],
    ],
  },
]);

runScenarios('hashes: HINCRBYFLOAT', options, [
  {
    name: 'long double sums and their human-friendly formatting',
    steps: [
      ['HINCRBYFLOAT', 'h', 'a', '10.5'],
      ['HINCRBYFLOAT', 'h', 'a', '0.1'],
      ['HINCRBYFLOAT', 'h', 'a', '-5.0e3'],
      ['HINCRBYFLOAT', 'h', 'b', '3.0e3'],
      ['HINCRBYFLOAT', 'h', 'c', '1e-20'],
      ['HINCRBYFLOAT', 'h', 'd', '-0'],
      ['HINCRBYFLOAT', 'h', 'e', '0x10p2'],
      ['HSET', 'h', 'i', '9223372036854775807'],
      ['HINCRBYFLOAT', 'h', 'i', '1'],
      ['HSET', 'h', 'k', '1e3'],
      ['HINCRBYFLOAT', 'h', 'k', '1'],
      ['HINCRBYFLOAT', 'h', 'big', '1e400'],
      ['HINCRBYFLOAT', 'h', 'big', '1'],
      // The long result made it a hash table, whose order is not defined.
      ['OBJECT', 'ENCODING', 'h'],
      { cmd: ['HGETALL', 'h'], compare: 'unordered' },
    ],
  },
  {
    name: 'errors: bad increment, infinity, stored non-floats, results out of range',
    steps: [
      ['HINCRBYFLOAT', 'h', 'a', 'x'],
      ['HINCRBYFLOAT', 'h', 'a', 'nan'],
      ['HINCRBYFLOAT', 'h', 'a', 'inf'],
      ['HINCRBYFLOAT', 'h', 'a', '-infinity'],
      ['HINCRBYFLOAT', 'h', 'a', ''],
      ['HINCRBYFLOAT', 'h', 'a', ' 1'],
      ['HINCRBYFLOAT', 'h', 'a', '1e5000'],
      ['EXISTS', 'h'],
      ['HSET', 'h', 'x', 'abc', 'sp', '1 ', 'inf', 'inf', 'max', '1e4932'],
      ['HINCRBYFLOAT', 'h', 'x', '1'],
      ['HINCRBYFLOAT', 'h', 'sp', '1'],
      ['HINCRBYFLOAT', 'h', 'inf', '1'],
      ['HINCRBYFLOAT', 'h', 'max', '1e4932'],
      ['HGET', 'h', 'max'],
      ['SET', 's', 'x'],
      ['HINCRBYFLOAT', 's', 'a', '1'],
      ['HINCRBYFLOAT', 's', 'a', 'inf'],
      ['HINCRBYFLOAT', 'h', 'a'],
    ],
  },
  { name: 'random operands (seed 1)', steps: randomFloatSteps(1, 60) },
  { name: 'random operands (seed 2)', steps: randomFloatSteps(2, 60) },
]);
