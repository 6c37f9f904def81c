import { runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { options, seq } from './server.js';

const usage = (key = 'l'): Step => ['MEMORY', 'USAGE', key, 'SAMPLES', '0'];

/** LINSERTs at positions that hit node middles, ends and neighbours, sizing after each. */
function insertsThrough(count: number, element: string): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < count; i++) {
    const pivot = `e${(i * 37) % 300}`;
    steps.push(['LINSERT', 'l', i % 2 === 0 ? 'BEFORE' : 'AFTER', pivot, `${element}${i}`], usage());
  }
  return steps;
}

// OBJECT ENCODING (always quicklist in 7.0) and MEMORY USAGE, which exposes the quicklist
// node layout: where pushes open nodes, LINSERT splits and merges, pops empty nodes,
// under byte-size fills (-1 .. -5, below -5) and count fills (0, small, large).
runScenarios('lists: encoding and node layout', options, [
  { name: 'OBJECT ENCODING is quicklist at any size', steps: [
    ['RPUSH', 'l', 'a'], ['OBJECT', 'ENCODING', 'l'], ['RPUSH', 'l', ...seq(1000)], ['OBJECT', 'ENCODING', 'l'], ['LTRIM', 'l', '0', '0'], ['OBJECT', 'ENCODING', 'l'],
    ['CONFIG', 'GET', 'list-max-listpack-size'], ['CONFIG', 'GET', 'list-max-ziplist-size'], ['CONFIG', 'GET', 'list-compress-depth'],
  ] },
  { name: 'MEMORY USAGE of small and large lists, default and sampled', steps: [
    ['RPUSH', 'l', 'a', 'b', 'c'], ['MEMORY', 'USAGE', 'l'], ['RPUSH', 'l', ...seq(5000)], ['MEMORY', 'USAGE', 'l'], ['MEMORY', 'USAGE', 'l', 'SAMPLES', '1'], usage(),
    ['RPUSH', 'n', '1', '-1', '127', '128', '4095', '-4096', '32767', '-32768', '8388607', '2147483647', '9223372036854775807', '-9223372036854775808'], usage('n'),
    ['RPUSH', 'big', 'x'.repeat(63), 'y'.repeat(64), 'z'.repeat(4095), 'w'.repeat(4096), 'v'.repeat(20000)], usage('big'),
  ] },
  { name: 'LPUSH and RPUSH fill nodes by bytes (fill -2)', steps: [
    ['RPUSH', 'l', ...seq(3000, 'element:')], usage(), ['LPUSH', 'l', ...seq(3000, 'head:')], usage(), ['LPOP', 'l', '2999'], usage(), ['RPOP', 'l', '3001'], usage(),
  ] },
  ...[-1, -3, -4, -5, -6, -100].map((fill) => ({
    name: `fill ${fill}`,
    steps: [
      ['CONFIG', 'SET', 'list-max-listpack-size', String(fill)], ['RPUSH', 'l', ...seq(3000)], usage(), ['LPUSH', 'l', ...seq(2000, 'x')], usage(),
      ['LINSERT', 'l', 'BEFORE', 'e1500', 'mid'], usage(), ['LREM', 'l', '0', 'e7'], usage(),
    ] as Step[],
  })),
  ...[0, 1, 3, 128, 40000].map((fill) => ({
    name: `count fill ${fill}`,
    steps: [
      ['CONFIG', 'SET', 'list-max-ziplist-size', String(fill)], ['RPUSH', 'l', ...seq(400)], usage(), ['LPUSH', 'l', ...seq(50, 'x')], usage(), ['RPUSH', 'l', 'v'.repeat(9000)], usage(),
      ...insertsThrough(12, 'ins'), ['LTRIM', 'l', '10', '-10'], usage(), ['LREM', 'l', '0', 'e30'], usage(), ['LPOP', 'l', '7'], usage(),
    ] as Step[],
  })),
  { name: 'LINSERT splits full nodes and merges neighbours (fill -1)', steps: [
    ['CONFIG', 'SET', 'list-max-listpack-size', '-1'], ['RPUSH', 'l', ...seq(1200)], usage(), ...insertsThrough(30, 'a-longer-inserted-element-'),
    ['LINSERT', 'l', 'AFTER', 'e1199', 'tail'], usage(), ['LINSERT', 'l', 'BEFORE', 'e0', 'head'], usage(), ['LRANGE', 'l', '0', '5'], ['LRANGE', 'l', '-5', '-1'],
  ] },
  { name: 'LINSERT of big elements near node ends', steps: [
    ['CONFIG', 'SET', 'list-max-listpack-size', '4'], ['RPUSH', 'l', ...seq(12)], usage(), ['LINSERT', 'l', 'AFTER', 'e3', 'A'], usage(), ['LINSERT', 'l', 'BEFORE', 'e4', 'B'], usage(),
    ['LINSERT', 'l', 'AFTER', 'e1', 'C'], usage(), ['LINSERT', 'l', 'BEFORE', 'e9', 'x'.repeat(9000)], usage(), ['LINSERT', 'l', 'AFTER', 'e9', 'D'], usage(),
    ['LRANGE', 'l', '0', '-1'],
  ] },
  { name: 'a list keeps the fill it was created with', steps: [
    ['CONFIG', 'SET', 'list-max-listpack-size', '2'], ['RPUSH', 'a', ...seq(10)], ['CONFIG', 'SET', 'list-max-listpack-size', '-2'], ['RPUSH', 'a', ...seq(10, 'x')], usage('a'),
    ['RPUSH', 'b', ...seq(20)], usage('b'), ['COPY', 'a', 'c'], usage('c'), ['RPUSH', 'c', 'y', 'z'], usage('c'), ['RENAME', 'a', 'd'], ['RPUSH', 'd', 'q'], usage('d'),
  ] },
  { name: 'LMOVE between lists of different fills', steps: [
    ['CONFIG', 'SET', 'list-max-listpack-size', '1'], ['RPUSH', 's', ...seq(6)], ['CONFIG', 'SET', 'list-max-listpack-size', '-2'], ['RPUSH', 'd', 'x'],
    ['LMOVE', 's', 'd', 'LEFT', 'RIGHT'], ['LMOVE', 's', 'd', 'RIGHT', 'LEFT'], usage('s'), usage('d'), ['LMOVE', 's', 'n', 'LEFT', 'LEFT'], usage('n'),
  ] },
]);
