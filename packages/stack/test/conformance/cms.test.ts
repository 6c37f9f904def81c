import { coreMixins, FakeServer } from '@fakeredis/core';
import { CountMinSketchCommands } from '../../src/cms/index.js';
import { corrupt, runBloomScenarios } from './server.js';

const items = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const pairs = (prefix: string, n: number, by: (i: number) => number): string[] => items(prefix, n).flatMap((item, i) => [item, String(by(i))]);

/** INITBYPROB arguments whose dimensions (single-precision logarithms, casts at the edges) the scenarios compare. */
const PROBS: Array<[string, string]> = [
  ['0.001', '0.01'], ['0.01', '0.5'], ['0.5', '0.25'], ['0.1', '0.125'], ['0.3', '0.001'], ['0.9', '0.9999'], ['0.2', '0.99999999'], ['0.7', '0.5'],
  ['0.05', '0.0625'], ['0.02', '0.03125'], ['0.999', '1e-30'], ['0.999', '1e-50'], ['0.5', '0.7'], ['0.4', '0.015625'], ['0.33', '0.1'], ['1e-300', '0.5'],
  ['1.5e-19', '0.5'], ['3e-19', '0.5'], ['0.6', '3.0517578125e-05'], ['0.6', '4e-05'], ['2e-1', '9.5e-1'], ['0.25', '0.0009765625'],
];

runBloomScenarios('count-min sketch: CMS.*', [
  { name: 'INITBYDIM, INCRBY, QUERY, INFO', steps: [
    ['CMS.INITBYDIM', 'c', '10', '3'], ['CMS.INCRBY', 'c', 'a', '5', 'b', '3'], ['CMS.INCRBY', 'c', 'a', '1'], ['CMS.QUERY', 'c', 'a', 'b', 'z'], ['CMS.INFO', 'c'],
    ['CMS.INCRBY', 'c', ...pairs('i', 60, (i) => i * 7)], ['CMS.QUERY', 'c', ...items('i', 60), ...items('n', 20)], ['CMS.INFO', 'c'], ['TYPE', 'c'],
    ['OBJECT', 'ENCODING', 'c'], ['MEMORY', 'USAGE', 'c'], ['CMS.INITBYDIM', 'wide', '2000', '7'], ['MEMORY', 'USAGE', 'wide'], ['CMS.INCRBY', 'wide', ...pairs('w', 500, (i) => i)],
    ['CMS.QUERY', 'wide', ...items('w', 50), ...items('v', 50)], ['CMS.INITBYDIM', 'one', '1', '1'], ['CMS.INCRBY', 'one', 'a', '2', 'b', '3'], ['CMS.QUERY', 'one', 'a', 'zz'],
    ['CMS.INCRBY', 'c', Buffer.from([0, 255, 1]), '4', '', '9', 'long-item-over-eight-bytes', '1'], ['CMS.QUERY', 'c', Buffer.from([0, 255, 1]), '', 'long-item-over-eight-bytes'],
  ] },
  { name: 'INITBYPROB dimensions', steps: PROBS.flatMap(([error, prob], i) => [['CMS.INITBYPROB', `p${i}`, error, prob], ['CMS.INFO', `p${i}`]]) },
  { name: 'INCRBY at the counters\' limit, and the count as a uint64', steps: [
    ['CMS.INITBYDIM', 'c', '100', '4'], ['CMS.INCRBY', 'c', 'a', '4294967294'], ['CMS.INCRBY', 'c', 'a', '0'], ['CMS.INCRBY', 'c', 'a', '1'], ['CMS.QUERY', 'c', 'a'],
    ['CMS.INCRBY', 'c', 'a', '5', 'b', '1'], ['CMS.INCRBY', 'c', 'b', '4294967295'], ['CMS.INCRBY', 'c', 'd', '4294967296', 'e', '0'], ['CMS.QUERY', 'c', 'a', 'b', 'd', 'e'],
    ['CMS.INCRBY', 'c', 'f', '4294967290', 'f', '3', 'f', '3'], ['CMS.INFO', 'c'], ['CMS.INCRBY', 'c', 'g', '9223372036854775807'], ['CMS.INFO', 'c'],
    ['CMS.INCRBY', 'c', 'g', '9223372036854775807', 'h', '9223372036854775807'], ['CMS.INFO', 'c'], ['CMS.QUERY', 'c', 'g', 'h', 'zz'],
  ] },
  { name: 'MERGE, WEIGHTS, and its errors', steps: [
    ['CMS.INITBYDIM', 'a', '50', '4'], ['CMS.INITBYDIM', 'b', '50', '4'], ['CMS.INITBYDIM', 'd', '50', '4'], ['CMS.INITBYDIM', 'o', '40', '4'],
    ['CMS.INCRBY', 'a', ...pairs('x', 30, (i) => i + 1)], ['CMS.INCRBY', 'b', ...pairs('x', 15, (i) => 2 * i)], ['CMS.MERGE', 'd', '2', 'a', 'b'], ['CMS.QUERY', 'd', ...items('x', 30)], ['CMS.INFO', 'd'],
    ['CMS.MERGE', 'd', '2', 'a', 'b', 'WEIGHTS', '3', '-1'], ['CMS.QUERY', 'd', ...items('x', 30)], ['CMS.INFO', 'd'], ['CMS.MERGE', 'd', '2', 'a', 'b', 'weights', '1', '-5'],
    ['CMS.INFO', 'd'], ['CMS.MERGE', 'd', '1', 'd', 'WEIGHTS', '2'], ['CMS.INFO', 'd'], ['CMS.MERGE', 'd', '3', 'a', 'd', 'a'], ['CMS.INFO', 'd'], ['CMS.MERGE', 'd', '1', 'a', 'WEIGHTS', '0'],
    ['CMS.INFO', 'd'], ['CMS.MERGE', 'missing', '1', 'a'], ['CMS.MERGE', 'd', 'x', 'a'], ['CMS.MERGE', 'd', '0', 'a'], ['CMS.MERGE', 'd', '-1', 'a'], ['CMS.MERGE', 'd', '2', 'a'],
    ['CMS.MERGE', 'd', '1', 'a', 'b'], ['CMS.MERGE', 'd', '2', 'a', 'b', 'WEIGHTS', '1'], ['CMS.MERGE', 'd', '2', 'a', 'b', 'WEIGHTS', '1', 'x'], ['CMS.MERGE', 'd', '2', 'a', 'b', 'WEIGHTS', 'x', '1'],
    ['CMS.MERGE', 'd', '1', 'WEIGHTS'], ['CMS.MERGE', 'd', '2', 'a', 'WEIGHTS', '1', '2'], ['CMS.MERGE', 'd', '2', 'a', 'missing'], ['CMS.MERGE', 'd', '2', 'missing', 'a', 'WEIGHTS', 'x', '1'],
    ['CMS.MERGE', 'd', '2', 'a', 'o'], ['CMS.MERGE', 'd', '1', 'a', 'WEIGHTS', '1.5'], ['CMS.MERGE', 'o', '1', 'a'], ['SET', 's', 'v'], ['CMS.MERGE', 's', '1', 'a'], ['CMS.MERGE', 'd', '1', 's'],
    ['CMS.MERGE', 'd', '2', 'a', 'b', 'WEIGHTS', '9223372036854775807', '1'], ['CMS.MERGE', 'd', '1', 'a', 'WEIGHTS', '-1'], ['CMS.INFO', 'd'],
    ['CMS.INCRBY', 'b', 'big', '4000000000'], ['CMS.MERGE', 'd', '2', 'a', 'b'], ['CMS.MERGE', 'd', '1', 'b', 'WEIGHTS', '2'], ['CMS.INFO', 'd'],
    ['CMS.MERGE', 'd', '2', 'b', 'b', 'WEIGHTS', '3000000', '-2999999'], ['CMS.INFO', 'd'], ['CMS.QUERY', 'd', 'big', 'x1'],
    ['CMS.MERGE', 'd', '2', 'b', 'a', 'WEIGHTS', '-1', '2000000'], ['CMS.INITBYDIM', 'z', '50', '4'], ['CMS.MERGE', 'd', '2', 'z', 'z', 'WEIGHTS', '-9223372036854775808', '5'], ['CMS.INFO', 'd'],
    ['CMS.MERGE', 'd', '1', 'd'], ['CMS.INFO', 'd'],
  ] },
  { name: 'CMS.INITBYDIM, INITBYPROB, INCRBY, QUERY, INFO errors and arity', steps: [
    ['CMS.INITBYDIM', 'k'], ['CMS.INITBYDIM', 'k', '1'], ['CMS.INITBYDIM', 'k', '1', '2', '3'], ['CMS.INITBYDIM', 'k', 'x', '2'], ['CMS.INITBYDIM', 'k', '0', '2'],
    ['CMS.INITBYDIM', 'k', '-1', 'x'], ['CMS.INITBYDIM', 'k', '2', 'x'], ['CMS.INITBYDIM', 'k', '2', '0'], ['CMS.INITBYDIM', 'k', '2.5', '1'], ['CMS.INITBYDIM', 'k', '9223372036854775807', '2'],
    ['CMS.INITBYDIM', 'k', '4611686018427387904', '1'], ['EXISTS', 'k'], ['CMS.INITBYPROB', 'k'],
    ['CMS.INITBYPROB', 'k', 'x', '0.1'], ['CMS.INITBYPROB', 'k', '0', '0.1'], ['CMS.INITBYPROB', 'k', '1', '0.1'], ['CMS.INITBYPROB', 'k', '-0.5', 'x'], ['CMS.INITBYPROB', 'k', 'nan', '0.1'],
    ['CMS.INITBYPROB', 'k', '0.1', 'x'], ['CMS.INITBYPROB', 'k', '0.1', '0'], ['CMS.INITBYPROB', 'k', '0.1', '1'], ['CMS.INITBYPROB', 'k', '0.1', 'inf'], ['CMS.INITBYPROB', 'k', ' 0.1', '0.5'],
    ['CMS.INITBYDIM', 'k', '5', '5'], ['CMS.INITBYDIM', 'k', '5', '5'], ['CMS.INITBYPROB', 'k', 'x', 'y'], ['SET', 's', 'v'], ['CMS.INITBYDIM', 's', '5', '5'], ['CMS.INITBYPROB', 's', '0', '0'],
    ['CMS.INCRBY', 'k'], ['CMS.INCRBY', 'k', 'a'], ['CMS.INCRBY', 'k', 'a', '1', 'b'], ['CMS.INCRBY', 'missing', 'a', '1'], ['CMS.INCRBY', 's', 'a', '1'], ['CMS.INCRBY', 'missing', 'a', 'x'],
    ['CMS.INCRBY', 'k', 'a', '1', 'b', 'x'], ['CMS.INCRBY', 'k', 'a', '1', 'b', '-1'], ['CMS.INCRBY', 'k', 'a', '-1', 'b', 'x'], ['CMS.INCRBY', 'k', 'a', '1.0'], ['CMS.QUERY', 'k', 'a', 'b'],
    ['CMS.QUERY', 'k'], ['CMS.QUERY', 'missing', 'a'], ['CMS.QUERY', 's', 'a'], ['CMS.INFO'], ['CMS.INFO', 'k', 'x'], ['CMS.INFO', 'missing'], ['CMS.INFO', 's'], ['CMS.MERGE', 'k', '1'],
    ['cms.Info', 'k'], ['BF.ADD', 'k', 'a'], ['CF.ADD', 'k', 'a'], ['BF.ADD', 'bf', 'a'], ['CMS.QUERY', 'bf', 'a'], ['CMS.INITBYDIM', 'bf', '5', '5'],
  ] },
  { name: 'generic commands on a sketch', events: true, steps: [
    ['CMS.INITBYDIM', 'c', '10', '2'], ['CMS.INCRBY', 'c', 'a', '1'], ['RENAME', 'c', 'c2'], ['CMS.QUERY', 'c2', 'a'], ['COPY', 'c2', 'c3'], ['EXPIRE', 'c2', '100'], ['TTL', 'c2'],
    ['CMS.INITBYPROB', 'p', '0.1', '0.1'], ['CMS.INITBYDIM', 'q', '10', '2'], ['CMS.MERGE', 'q', '1', 'c2'], ['CMS.INCRBY', 'q', 'a', 'x'], ['CMS.QUERY', 'nope', 'a'], ['DEL', 'c2', 'p'],
    ['SET', 's', 'v'], ['SCAN', '0', 'TYPE', 'CMSk-TYPE'], ['COPY', 'q', 's', 'REPLACE'],
  ] },
  { name: 'new keys and key misses (event classes n and m)', events: 'KEnm', steps: [
    ['CMS.INITBYDIM', 'a', '5', '5'], ['CMS.INITBYPROB', 'b', '0.1', '0.1'], ['CMS.INCRBY', 'c', 'x', '1'], ['CMS.QUERY', 'c', 'x'], ['CMS.INFO', 'c'], ['CMS.MERGE', 'c', '1', 'a'],
    ['CMS.MERGE', 'a', '1', 'c'], ['CMS.QUERY', 'a', 'x'], ['CMS.INITBYDIM', 'a', '5', '5'],
  ] },
  { name: 'a key opened for writing is signalled modified: WATCH', steps: [
    ['CMS.INITBYDIM', 'c', '5', '5'], ['WATCH', 'c'], ['CMS.INITBYDIM', 'c', '5', '5'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'n'], ['CMS.INITBYDIM', 'n', 'x', '5'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 'c'], ['CMS.INCRBY', 'c', 'a', 'x'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'c'], ['CMS.QUERY', 'c', 'a'], ['CMS.INFO', 'c'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 'c'], ['CMS.MERGE', 'c', 'x', 'c'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'm'], ['CMS.MERGE', 'm', '1', 'c'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 'i'], ['CMS.INCRBY', 'i', 'a', '1'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'c'], ['CMS.MERGE', 'd', '1', 'c'], ['MULTI'], ['PING'], ['EXEC'],
  ] },
  { name: 'inside MULTI', steps: [
    ['MULTI'], ['CMS.INITBYDIM', 'c', '5', '2'], ['CMS.INCRBY', 'c', 'a', '4294967295', 'b', '2'], ['CMS.QUERY', 'c', 'a', 'b'], ['CMS.INFO', 'c'], ['CMS.QUERY', 'c'], ['EXEC'],
  ] },
]);

/** DUMP of a sketch made by the fake with `commands` (the scenarios compare DUMP with the module's first). */
function dumpOf(...commands: string[][]): Buffer {
  const server = new FakeServer({ mixins: [...coreMixins, CountMinSketchCommands] });
  try {
    for (const command of commands) server.call(...command);
    return Buffer.from(server.call('DUMP', 'k') as string, 'latin1');
  } finally {
    server.close();
  }
}

const sketch = dumpOf(['CMS.INITBYDIM', 'k', '8', '3'], ['CMS.INCRBY', 'k', ...pairs('d', 20, (i) => i * 1000)]);

runBloomScenarios('count-min sketch: DUMP and RESTORE (the module type CMSk-TYPE, encoding version 0)', [
  { name: 'DUMP bytes, RESTORE of them, the sketch after the round trip', steps: [
    ['CMS.INITBYDIM', 'k', '8', '3'], ['CMS.INCRBY', 'k', ...pairs('d', 20, (i) => i * 1000)], ['DUMP', 'k'], ['CMS.INITBYPROB', 'p', '0.5', '0.5'], ['DUMP', 'p'],
    ['RESTORE', 'copy', '0', sketch], ['CMS.INFO', 'copy'], ['CMS.QUERY', 'copy', 'd1', 'd19', 'zz'], ['DUMP', 'copy'], ['RESTORE', 'copy', '0', sketch], ['RESTORE', 'copy', '0', sketch, 'REPLACE'],
    ['TYPE', 'copy'], ['CMS.INCRBY', 'copy', 'd1', '1'], ['RESTORE', 'bad', '0', corrupt(sketch, 11, 0x00)], ['RESTORE', 'bad', '0', corrupt(sketch, 12, 0x09)],
    ['RESTORE', 'bad', '0', corrupt(sketch, 13, 0x00)], ['RESTORE', 'bad', '0', corrupt(sketch, 19, 0x03)], ['EXISTS', 'bad'],
  ] },
]);
