import { type Bytes, coreMixins, FakeServer } from '@fakeredis/core';
import { BloomChain } from '../../src/bloom/chain.js';
import { BloomCommands } from '../../src/bloom/index.js';
import { corrupt, runBloomScenarios } from './server.js';

const items = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** A SCANDUMP header made by the fake's structure (the scenarios compare it with the module's SCANDUMP first). */
function header(capacity: number, error: number, options: number, growth: number, add: string[] = []): Buffer {
  const sb = BloomChain.create(BigInt(capacity), error, options, growth) as BloomChain;
  for (const item of add) sb.add(item as Bytes);
  return Buffer.from(sb.encodedHeader(), 'latin1');
}

/** Every BF.LOADCHUNK of a SCANDUMP walk over a filter the fake's structure made (compared with the module's SCANDUMP in the scenarios). */
function loadChunks(key: string, capacity: number, error: number, growth: number, add: string[]): Array<Array<string | Buffer>> {
  const sb = BloomChain.create(BigInt(capacity), error, 5, growth) as BloomChain;
  for (const item of add) sb.add(item as Bytes);
  const steps: Array<Array<string | Buffer>> = [['BF.LOADCHUNK', key, '1', Buffer.from(sb.encodedHeader(), 'latin1')]];
  for (let iter = 1n; ; ) {
    const [next, chunk] = sb.encodedChunk(iter);
    if (next === 0n) break;
    steps.push(['BF.LOADCHUNK', key, String(next), Buffer.from(chunk, 'latin1')]);
    iter = next;
  }
  return steps;
}

runBloomScenarios('bloom: BF.*', [
  { name: 'BF.ADD, EXISTS, MADD, MEXISTS, CARD, INFO: default filter', steps: [
    ['BF.ADD', 'bf', 'a'], ['BF.ADD', 'bf', 'a'], ['BF.EXISTS', 'bf', 'a'], ['BF.EXISTS', 'bf', 'b'], ['BF.MADD', 'bf', 'a', 'b', 'c'],
    ['BF.MEXISTS', 'bf', 'a', 'b', 'x', 'y'], ['BF.CARD', 'bf'], ['BF.CARD', 'missing'], ['BF.INFO', 'bf'], ['BF.EXISTS', 'missing', 'a'],
    ['BF.MEXISTS', 'missing', 'a', 'b'], ['TYPE', 'bf'], ['OBJECT', 'ENCODING', 'bf'], ['MEMORY', 'USAGE', 'bf'],
  ] },
  { name: 'scaling: 1000 items into capacity 10 (filters, false positives, sizes)', steps: [
    ['BF.RESERVE', 'bf', '0.1', '10'], ['BF.MADD', 'bf', ...items('item:', 500)], ['BF.MADD', 'bf', ...items('more-', 500)], ['BF.INFO', 'bf'],
    ['BF.MEXISTS', 'bf', ...items('absent-', 400)], ['BF.CARD', 'bf'], ['MEMORY', 'USAGE', 'bf'],
  ] },
  { name: 'EXPANSION and NONSCALING', steps: [
    ['BF.RESERVE', 'e', '0.01', '7', 'EXPANSION', '5'], ['BF.MADD', 'e', ...items('x', 100)], ['BF.INFO', 'e'],
    ['BF.RESERVE', 'n', '0.2', '5', 'NONSCALING'], ['BF.MADD', 'n', ...items('y', 8)], ['BF.ADD', 'n', 'z'], ['BF.ADD', 'n', 'y0'], ['BF.INFO', 'n'],
    ['BF.INFO', 'n', 'EXPANSION'], ['BF.INFO', 'n', 'capacity'], ['BF.INFO', 'e', 'Size'], ['BF.INFO', 'e', 'filters'], ['BF.INFO', 'e', 'ITEMS'],
    ['BF.INFO', 'e', 'expansion'], ['BF.INFO', 'e', 'other'], ['BF.INFO', 'e', 'capacity', 'x'],
    ['BF.RESERVE', 'big', '0.0001', '100000', 'EXPANSION', '1'], ['BF.INFO', 'big'], ['BF.RESERVE', 'wrap', '0.5', '3', 'EXPANSION', '4294967297'], ['BF.INFO', 'wrap'],
    ['BF.MADD', 'wrap', 'a', 'b', 'c', 'd', 'e', 'f'], ['BF.INFO', 'wrap'],
  ] },
  { name: 'a filter of more than 2^26 bits (12 MB)', steps: [
    ['BF.RESERVE', 'huge', '0.0001', '5000000'], ['BF.MADD', 'huge', ...items('h', 300)], ['BF.MEXISTS', 'huge', ...items('h', 10), ...items('nope', 300)], ['BF.INFO', 'huge'],
  ] },
  { name: 'BF.RESERVE errors', steps: [
    ['BF.RESERVE', 'k'], ['BF.RESERVE', 'k', '0.1'], ['BF.RESERVE', 'k', '0.1', '10', 'a', 'b', 'c', 'd'], ['BF.RESERVE', 'k', 'x', '10'],
    ['BF.RESERVE', 'k', '1', '10'], ['BF.RESERVE', 'k', '0', '10'], ['BF.RESERVE', 'k', '-0.5', '10'], ['BF.RESERVE', 'k', 'nan', '10'], ['BF.RESERVE', 'k', 'inf', '10'],
    ['BF.RESERVE', 'k', '0.1', 'x'], ['BF.RESERVE', 'k', '0.1', '0'], ['BF.RESERVE', 'k', '0.1', '1.5'], ['BF.RESERVE', 'k', '0.1', '10', 'EXPANSION'],
    ['BF.RESERVE', 'k', '0.1', '10', 'NONSCALING', 'EXPANSION', '2'], ['BF.RESERVE', 'k', '0.1', '10', 'EXPANSION', 'x'], ['BF.RESERVE', 'k', '0.1', '10', 'EXPANSION', '0'],
    ['BF.RESERVE', 'k', '0.1', '10', 'EXPANSION', '-1'], ['BF.RESERVE', 'k', '0.1', '10', 'junk'], ['BF.RESERVE', 'k', '0.1', '10'], ['BF.RESERVE', 'EXPANSION', '0.1', '10'],
    ['BF.RESERVE', 'NONSCALING', '0.1', '10'], ['BF.INFO', 'NONSCALING'], ['SET', 's', 'v'], ['BF.RESERVE', 's', '0.1', '10'], ['bf.reserve', 'k2', '1e-3', '12', 'expansion', '3', 'nonscaling'],
    ['BF.RESERVE', 'k3', '0.1', '10', 'EXPANSION', '3', 'EXPANSION', '4'], ['BF.INFO', 'k3'],
  ] },
  { name: 'BF.INSERT options and errors', steps: [
    ['BF.INSERT', 'i', 'ITEMS', 'a', 'b'], ['BF.INFO', 'i'], ['BF.INSERT', 'j', 'CAPACITY', '50', 'ERROR', '0.05', 'EXPANSION', '3', 'ITEMS', ...items('q', 80)], ['BF.INFO', 'j'],
    ['BF.INSERT', 'n', 'NOCREATE', 'ITEMS', 'a'], ['BF.INSERT', 'ns', 'NONSCALING', 'CAPACITY', '3', 'ITEMS', 'a', 'b', 'c', 'd', 'e'], ['BF.INFO', 'ns'],
    ['BF.INSERT', 'x', 'ITEMS'], ['BF.INSERT', 'x', 'CAPACITY'], ['BF.INSERT', 'x', 'CAPACITY', '5'], ['BF.INSERT', 'x'], ['BF.INSERT', 'x', 'ERROR', 'abc', 'ITEMS', 'a'],
    ['BF.INSERT', 'x', 'EXPANSION', 'abc', 'ITEMS', 'a'], ['BF.INSERT', 'x', 'CAPACITY', 'abc', 'ITEMS', 'a'], ['BF.INSERT', 'x', 'FOO', 'ITEMS', 'a'],
    ['BF.INSERT', 'x', 'ERROR', '2', 'ITEMS', 'a'], ['BF.INSERT', 'x', 'CAPACITY', '0', 'ITEMS', 'a'], ['BF.INSERT', 'x', 'EXPANSION', '0', 'ITEMS', 'a'],
    ['BF.INSERT', 'x', 'ERROR', '0', 'ITEMS', 'a'], ['BF.INSERT', 'y', 'iii', 'a'], ['BF.INSERT', 'y2', 'E', '4', 'er', '0.2', 'c', '20', 'ncx', 'i', 'a'], ['BF.INFO', 'y2'],
    ['BF.INSERT', 'y3', 'nonscaling', 'expansion', '5', 'items', 'a'], ['BF.INFO', 'y3'], ['BF.INSERT', 'y4', '', 'ITEMS', 'a'], ['SET', 's', 'v'],
    ['BF.INSERT', 's', 'ITEMS', 'a'], ['BF.INSERT', 'i', 'CAPACITY', '1000', 'ITEMS', 'c'], ['BF.INFO', 'i'],
  ] },
  { name: 'arity and WRONGTYPE', steps: [
    ['BF.ADD', 'k'], ['BF.ADD', 'k', 'a', 'b'], ['BF.MADD', 'k'], ['BF.EXISTS', 'k'], ['BF.EXISTS', 'k', 'a', 'b'], ['BF.MEXISTS', 'k'], ['BF.CARD'], ['BF.CARD', 'a', 'b'],
    ['BF.INFO'], ['BF.INFO', 'a', 'b', 'c'], ['BF.SCANDUMP', 'k'], ['BF.LOADCHUNK', 'k', '1'], ['bf.Add', 'k'], ['SET', 's', 'v'], ['BF.ADD', 's', 'a'], ['BF.MADD', 's', 'a'],
    ['BF.EXISTS', 's', 'a'], ['BF.MEXISTS', 's', 'a'], ['BF.CARD', 's'], ['BF.INFO', 's'], ['BF.INFO', 'missing'], ['BF.INFO', 's', 'bad'], ['BF.SCANDUMP', 's', '0'],
    ['BF.SCANDUMP', 'missing', '0'], ['BF.LOADCHUNK', 's', '1', 'x'], ['BF.LOADCHUNK', 'missing', '2', 'x'],
  ] },
  { name: 'SCANDUMP and LOADCHUNK: bytes and a copy', steps: [
    ['BF.RESERVE', 'bf', '0.01', '50'], ['BF.MADD', 'bf', ...items('k', 120)], ['BF.SCANDUMP', 'bf', '0'], ['BF.SCANDUMP', 'bf', '1'], ['BF.SCANDUMP', 'bf', '121'],
    ['BF.SCANDUMP', 'bf', '-1'], ['BF.SCANDUMP', 'bf', '100000'], ['BF.SCANDUMP', 'bf', 'x'], ['BF.SCANDUMP', 'bf', '5'],
    ['BF.LOADCHUNK', 'copy', '1', header(50, 0.01, 5, 2, items('k', 120))], ['BF.INFO', 'copy'], ['BF.MEXISTS', 'copy', 'k1', 'k2'],
    ['BF.LOADCHUNK', 'copy', 'x', 'y'], ['BF.LOADCHUNK', 'copy', '0', 'y'], ['BF.LOADCHUNK', 'copy', '3', 'yyyy'], ['BF.LOADCHUNK', 'copy', '100000', 'y'],
    ['BF.LOADCHUNK', 'copy', '2', 'y'], ['BF.SCANDUMP', 'copy', '1'], ['BF.LOADCHUNK', 'bad', '1', 'short'], ['BF.LOADCHUNK', 'bad', '1', header(10, 0.5, 5, 2).subarray(0, 40)],
    ['BF.LOADCHUNK', 'bad', '2', header(10, 0.5, 5, 2)], ['EXISTS', 'bad'], ['BF.RESERVE', 'nsc', '0.3', '20', 'NONSCALING'], ['BF.MADD', 'nsc', 'a', 'b'], ['BF.SCANDUMP', 'nsc', '0'],
    ['BF.SCANDUMP', 'nsc', '1'],
  ] },
  { name: 'a SCANDUMP walk over three filters and its LOADCHUNK copy', steps: [
    ['BF.RESERVE', 'src', '0.02', '30', 'EXPANSION', '2'], ['BF.MADD', 'src', ...items('s', 200)], ['BF.INFO', 'src'], ['BF.SCANDUMP', 'src', '0'], ['BF.SCANDUMP', 'src', '1'],
    ['BF.SCANDUMP', 'src', '41'], ['BF.SCANDUMP', 'src', '120'], ['BF.SCANDUMP', 'src', '400'],
    ...loadChunks('dst', 30, 0.02, 2, items('s', 200)), ['BF.INFO', 'dst'], ['BF.MEXISTS', 'dst', ...items('s', 5), ...items('t', 50)], ['BF.ADD', 'dst', 'new'], ['BF.INFO', 'dst'],
  ] },
  { name: 'LOADCHUNK of headers the module made otherwise (32-bit hashing, rounded sizes)', steps: [
    ['BF.LOADCHUNK', 'h32', '1', header(100, 0.01, 1, 2)], ['BF.MADD', 'h32', ...items('w', 150)], ['BF.INFO', 'h32'], ['BF.SCANDUMP', 'h32', '0'], ['BF.SCANDUMP', 'h32', '1'],
    ['BF.LOADCHUNK', 'round', '1', header(100, 0.01, 4, 3)], ['BF.MADD', 'round', ...items('w', 400)], ['BF.INFO', 'round'], ['BF.SCANDUMP', 'round', '0'],
    ['BF.LOADCHUNK', 'bits', '1', header(12, 0.01, 6, 2)], ['BF.MADD', 'bits', ...items('w', 3000)], ['BF.INFO', 'bits'], ['BF.SCANDUMP', 'bits', '0'],
    ['BF.LOADCHUNK', 'badopt', '1', header(10, 0.1, 16 | 4, 2)],
  ] },
  { name: 'generic commands on a Bloom filter', events: true, steps: [
    ['BF.ADD', 'bf', 'a'], ['RENAME', 'bf', 'bf2'], ['BF.EXISTS', 'bf2', 'a'], ['COPY', 'bf2', 'bf3'], ['BF.ADD', 'bf3', 'b'], ['BF.EXISTS', 'bf2', 'b'], ['BF.EXISTS', 'bf3', 'b'],
    ['EXPIRE', 'bf3', '100'], ['TTL', 'bf3'], ['PERSIST', 'bf3'], ['EXISTS', 'bf2', 'bf3'], ['DEL', 'bf2'], ['TYPE', 'bf3'], ['BF.RESERVE', 'r', '0.1', '10'], ['BF.INSERT', 'r', 'ITEMS', 'a'],
    ['BF.LOADCHUNK', 'l', '1', header(10, 0.1, 5, 2)], ['BF.ADD', 'r', 'a'], ['BF.EXISTS', 'nope', 'a'], ['BF.CARD', 'nope'], ['DEL', 'bf3', 'r'], ['SET', 's', 'v'],
    // One filter and one string left: the filtered list has one key, whatever the dict's order.
    ['SCAN', '0', 'TYPE', 'MBbloom--'], ['SCAN', '0', 'TYPE', 'mbbloom--'], ['COPY', 'l', 'l2'], ['COPY', 'missing', 'l2'], ['COPY', 'l', 's'],
  ] },
  { name: 'new keys and key misses (event classes n and m)', events: 'KEnm', steps: [
    ['BF.ADD', 'a', 'x'], ['BF.RESERVE', 'b', '0.1', '10'], ['BF.INSERT', 'c', 'ITEMS', 'x'], ['BF.INSERT', 'd', 'NOCREATE', 'ITEMS', 'x'], ['BF.MADD', 'e', 'x', 'y'],
    ['BF.LOADCHUNK', 'f', '1', header(10, 0.1, 5, 2)], ['BF.EXISTS', 'g', 'x'], ['BF.MEXISTS', 'g', 'x'], ['BF.CARD', 'g'], ['BF.INFO', 'g'], ['BF.SCANDUMP', 'g', '0'],
    ['BF.EXISTS', 'a', 'x'], ['BF.LOADCHUNK', 'h', '2', 'x'], ['BF.RESERVE', 'a', '0.1', '10'],
  ] },
  { name: 'a key opened for writing is signalled modified: WATCH', steps: [
    ['BF.ADD', 'bf', 'a'], ['WATCH', 'bf'], ['BF.ADD', 'bf', 'a'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'bf'], ['BF.RESERVE', 'bf', '0.1', '10'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 'bf'], ['BF.EXISTS', 'bf', 'a'], ['BF.INFO', 'bf'], ['BF.SCANDUMP', 'bf', '0'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'nf'], ['BF.INSERT', 'nf', 'NOCREATE', 'ITEMS', 'a'],
    ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'lc'], ['BF.LOADCHUNK', 'lc', '5', 'x'], ['MULTI'], ['PING'], ['EXEC'],
  ] },
  { name: 'inside MULTI', steps: [
    ['MULTI'], ['BF.ADD', 'bf', 'a'], ['BF.MADD', 'bf', 'a', 'b'], ['BF.INFO', 'bf', 'items'], ['BF.ADD', 'bf'], ['EXEC'],
  ] },
  { name: 'BF.DEBUG: the chain and each filter (bytes, bits, hashes, hash width, capacity, items, %g ratio)', steps: [
    ['BF.ADD', 'd', 'a'], ['BF.DEBUG', 'd'], ['BF.RESERVE', 'c', '0.001', '7', 'EXPANSION', '3'], ['BF.MADD', 'c', ...items('c', 30)], ['BF.DEBUG', 'c'],
    ['BF.RESERVE', 'tie', '0.001953125', '10'], ['BF.DEBUG', 'tie'], ['BF.RESERVE', 'half', '0.5', '1', 'EXPANSION', '1'], ['BF.MADD', 'half', ...items('h', 14)], ['BF.DEBUG', 'half'],
    ['BF.RESERVE', 'ns', '0.123456789', '1000', 'NONSCALING'], ['BF.DEBUG', 'ns'], ['BF.RESERVE', 'tiny', '0.0000001', '3'], ['BF.DEBUG', 'tiny'],
    ['BF.LOADCHUNK', 'h32', '1', header(100, 0.01, 1, 2)], ['BF.DEBUG', 'h32'], ['BF.LOADCHUNK', 'pow2', '1', header(100, 0.01, 4, 3)], ['BF.DEBUG', 'pow2'],
    ['BF.LOADCHUNK', 'bits', '1', header(12, 0.01, 6, 2)], ['BF.DEBUG', 'bits'],
    ['BF.DEBUG', 'missing'], ['SET', 's', 'v'], ['BF.DEBUG', 's'], ['BF.DEBUG'], ['BF.DEBUG', 'd', 'x'], ['bf.debug', 'd'],
  ] },
  { name: 'MODULE LIST and binary items', steps: [
    { cmd: ['MODULE', 'LIST'], compare: { except: ['path'] } }, { cmd: ['HELLO'], compare: { except: ['path', 'id'] } }, ['BF.MADD', 'b', Buffer.from([0, 255, 1]), Buffer.from([]), 'long-item-over-eight-bytes', '1234567', '12345678'],
    ['BF.MEXISTS', 'b', Buffer.from([0, 255, 1]), '', '12345678', '123456789'], ['BF.SCANDUMP', 'b', '1'],
  ] },
]);

/** DUMP of a filter made by the fake with `commands` (the scenarios compare DUMP with the module's first). */
function dumpOf(...commands: string[][]): Buffer {
  const server = new FakeServer({ mixins: [...coreMixins, BloomCommands] });
  try {
    for (const command of commands) server.call(...command);
    return Buffer.from(server.call('DUMP', 'k') as string, 'latin1');
  } finally {
    server.close();
  }
}

const scaled = dumpOf(['BF.RESERVE', 'k', '0.05', '20', 'EXPANSION', '3'], ['BF.MADD', 'k', ...items('d', 100)]);

runBloomScenarios('bloom: DUMP and RESTORE (the module type MBbloom--, encoding version 4)', [
  { name: 'DUMP bytes, RESTORE of them, filters after the round trip', steps: [
    ['BF.RESERVE', 'k', '0.05', '20', 'EXPANSION', '3'], ['BF.MADD', 'k', ...items('d', 100)], ['DUMP', 'k'], ['BF.ADD', 'small', 'x'], ['DUMP', 'small'],
    ['BF.RESERVE', 'ns', '0.01', '1000', 'NONSCALING'], ['DUMP', 'ns'], ['RESTORE', 'copy', '0', scaled], ['BF.INFO', 'copy'], ['BF.MEXISTS', 'copy', 'd1', 'd99', 'zz'],
    ['BF.SCANDUMP', 'copy', '0'], ['DUMP', 'copy'], ['RESTORE', 'copy', '0', scaled], ['RESTORE', 'copy', '0', scaled, 'REPLACE'], ['TYPE', 'copy'],
    ['RESTORE', 'bad', '0', corrupt(scaled, 2, 0x99)], ['RESTORE', 'bad', '0', corrupt(scaled, 9, 0x05)], ['RESTORE', 'bad', '0', corrupt(scaled, 10, 0x04)],
    ['RESTORE', 'bad', '0', corrupt(scaled, 11, 0x00)], ['RESTORE', 'bad', '0', corrupt(scaled, scaled.length - 11, 0x02)], ['EXISTS', 'bad'],
  ] },
]);

runBloomScenarios('bloom: generic probes', [
  { name: 'probe', steps: [
    ['BF.ADD', 'bf', 'a'], ['DEBUG', 'DIGEST-VALUE', 'bf'], { cmd: ['DUMP', 'bf'], compare: 'none' }, ['OBJECT', 'REFCOUNT', 'bf'], ['STRLEN', 'bf'], ['GET', 'bf'],
    ['MOVE', 'bf', '1'], ['SELECT', '1'], ['BF.EXISTS', 'bf', 'a'], ['SWAPDB', '0', '1'], ['SELECT', '0'], ['BF.CARD', 'bf'], ['RANDOMKEY'], ['UNLINK', 'bf'], ['DEBUG', 'DIGEST'],
  ] },
]);
