import { runAllVersions } from './server.js';

const adds = (key: string, n: number, from = 1, fields: string[] = ['f', 'v']): string[][] =>
  Array.from({ length: n }, (_, i) => ['XADD', key, `${from + i}-1`, ...fields]);
const info = (key = 's'): string[] => ['XINFO', 'STREAM', key];

// XTRIM and XADD's trimming: exact and approximate (whole nodes), LIMIT, and the node
// layout behind XINFO's radix-tree fields and MEMORY USAGE.
runAllVersions('streams: trimming and nodes', [
  { name: 'XTRIM MAXLEN exact', events: true, steps: [
    ...adds('s', 10), ['XTRIM', 's', 'MAXLEN', '7'], ['XTRIM', 's', 'MAXLEN', '=', '5'], ['XTRIM', 's', 'MAXLEN', '9'], ['XRANGE', 's', '-', '+'], info(), ['MEMORY', 'USAGE', 's'],
    ['XTRIM', 's', 'MAXLEN', '0'], info(), ['MEMORY', 'USAGE', 's'], ['EXISTS', 's'],
  ] },
  { name: 'XTRIM MINID exact', events: true, steps: [
    ...adds('s', 10), ['XTRIM', 's', 'MINID', '4'], ['XTRIM', 's', 'MINID', '=', '6-1'], ['XTRIM', 's', 'MINID', '2'], ['XRANGE', 's', '-', '+'], info(), ['XTRIM', 's', 'MINID', '100'], info(),
  ] },
  { name: 'approximate trimming removes whole nodes only', steps: [
    ...adds('s', 250), info(), ['MEMORY', 'USAGE', 's'], ['XTRIM', 's', 'MAXLEN', '~', '180'], ['XLEN', 's'], ['XTRIM', 's', 'MAXLEN', '~', '140'], ['XLEN', 's'], info(),
    ['XTRIM', 's', 'MINID', '~', '230'], ['XLEN', 's'], ['XTRIM', 's', 'MINID', '~', '251'], ['XLEN', 's'], info(), ['MEMORY', 'USAGE', 's'], ['XTRIM', 's', 'MAXLEN', '~', '0'], info(),
  ] },
  { name: 'LIMIT caps the work of approximate trimming', steps: [
    ...adds('s', 450), ['XTRIM', 's', 'MAXLEN', '~', '0', 'LIMIT', '150'], ['XLEN', 's'], ['XTRIM', 's', 'MAXLEN', '~', '0', 'LIMIT', '99'], ['XLEN', 's'],
    ['XTRIM', 's', 'MAXLEN', '~', '0', 'LIMIT', '0'], ['XLEN', 's'], info(),
  ] },
  { name: 'XADD with MAXLEN and MINID', events: true, steps: [
    ...adds('s', 5), ['XADD', 's', 'MAXLEN', '3', '6-1', 'f', 'v'], ['XADD', 's', 'MAXLEN', '~', '1', '7-1', 'f', 'v'], ['XADD', 's', 'MINID', '6', '8-1', 'f', 'v'],
    ['XADD', 's', 'MINID', '~', '8', 'LIMIT', '5', '9-1', 'f', 'v'], ['XRANGE', 's', '-', '+'], info(), ['XADD', 's', 'MAXLEN', '0', '10-1', 'f', 'v'], info(),
  ] },
  { name: 'XTRIM errors', steps: [
    ['XADD', 's', '1-1', 'f', 'v'], ['XTRIM', 's'], ['XTRIM', 's', 'MAXLEN'], ['XTRIM', 's', 'FOO', '1'], ['XTRIM', 's', 'MAXLEN', 'x'], ['XTRIM', 's', 'MAXLEN', '-1'],
    ['XTRIM', 's', 'MAXLEN', '1', 'MINID', '1'], ['XTRIM', 's', 'MINID', 'x'], ['XTRIM', 's', 'MINID', '+'], ['XTRIM', 's', 'LIMIT', '1'], ['XTRIM', 's', 'LIMIT', '0'],
    ['XTRIM', 's', 'MAXLEN', '1', 'LIMIT', '10'], ['XTRIM', 's', 'MAXLEN', '~', '1', 'LIMIT', 'x'], ['XTRIM', 's', 'MAXLEN', '~', '1', 'LIMIT', '-1'], ['XTRIM', 's', 'MAXLEN', '~'],
    ['XTRIM', 's', 'MAXLEN', '=', '0', 'NOMKSTREAM'], ['XTRIM', 'missing', 'MAXLEN', '0'], ['XTRIM', 'missing', 'MAXLEN', 'x'], ['XLEN', 's'],
  ] },
  { name: 'nodes split by entries: XINFO and MEMORY USAGE at every size', steps: [
    ...adds('s', 99), info(), ['MEMORY', 'USAGE', 's'], ...adds('s', 2, 100), info(), ['MEMORY', 'USAGE', 's'], ...adds('s', 100, 102), info(), ['MEMORY', 'USAGE', 's'],
    ['MEMORY', 'USAGE', 's', 'SAMPLES', '0'], ['MEMORY', 'USAGE', 's', 'SAMPLES', '1'],
  ] },
  { name: 'nodes split by bytes: big values', steps: [
    ...Array.from({ length: 12 }, (_, i) => ['XADD', 's', `${i + 1}-0`, 'f', 'x'.repeat(500 + i)]), info(), ['MEMORY', 'USAGE', 's'], ['MEMORY', 'USAGE', 's', 'SAMPLES', '0'],
  ] },
  { name: 'different fields, counts past 127, XDEL shrinking a node', steps: [
    ...Array.from({ length: 130 }, (_, i) => ['XADD', 's', `${i + 1}-${i}`, i % 3 === 0 ? 'a' : 'b', String(i * 1000), 'c', '-5']), ['MEMORY', 'USAGE', 's'], info(),
    ['XDEL', 's', '1-0', '2-1', '3-2'], ['MEMORY', 'USAGE', 's'], ['XDEL', 's', '101-100', '102-101'], ['MEMORY', 'USAGE', 's'], info(),
  ] },
  { name: 'radix-tree nodes with ids far apart', steps: [
    ['XADD', 's', '1-1', 'f', 'v'], ['XADD', 's', '300-1', 'f', 'v'], ['XADD', 's', '18446744073709551615-5', 'f', 'v'], info(),
  ] },
]);

runAllVersions('streams: node limits from the config', [
  { name: 'three entries a node, 200 bytes a node', steps: [
    ...adds('s', 10), info(), ['MEMORY', 'USAGE', 's'], ['XADD', 's', '20-1', 'f', 'x'.repeat(150)], ['XADD', 's', '21-1', 'f', 'y'], info(), ['MEMORY', 'USAGE', 's'],
    ['XTRIM', 's', 'MAXLEN', '~', '5'], ['XLEN', 's'], ['XDEL', 's', '9-1', '10-1'], info(), ['CONFIG', 'SET', 'stream-node-max-entries', '0'], ...adds('s', 5, 30), info(),
    ['CONFIG', 'SET', 'stream-node-max-bytes', '0'], ...adds('s', 5, 40), info(), ['MEMORY', 'USAGE', 's'],
  ] },
], { 'stream-node-max-entries': '3', 'stream-node-max-bytes': '200' });
