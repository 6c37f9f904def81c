import { type Bytes, coreMixins, FakeServer } from '@fakeredis/core';
import { CuckooCommands, CuckooFilter } from '../../src/cuckoo/index.js';
import { corrupt, modulePayload, runBloomScenarios } from './server.js';

const items = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** A filter made by the fake's structure (the scenarios compare its SCANDUMP with the module's first). */
function filterOf(capacity: number, bucketSize: number, maxIterations: number, expansion: number, add: string[]): CuckooFilter {
  const cf = CuckooFilter.create(BigInt(capacity), bucketSize, maxIterations, expansion) as CuckooFilter;
  for (const item of add) cf.insert(item as Bytes, false);
  return cf;
}

/** A CFHeader with the given fields. */
function header(numItems: number, numBuckets: number, numDeletes: number, numFilters: number, bucketSize: number, maxIterations: number, expansion: number): Buffer {
  const buf = Buffer.alloc(38);
  buf.writeBigUInt64LE(BigInt(numItems), 0);
  buf.writeBigUInt64LE(BigInt(numBuckets), 8);
  buf.writeBigUInt64LE(BigInt(numDeletes), 16);
  buf.writeBigUInt64LE(BigInt(numFilters), 24);
  buf.writeUInt16LE(bucketSize, 32);
  buf.writeUInt16LE(maxIterations, 34);
  buf.writeUInt16LE(expansion, 36);
  return buf;
}

/** Every CF.LOADCHUNK of a SCANDUMP walk over `cf` into `key`. */
function loadChunks(key: string, cf: CuckooFilter): Array<Array<string | Buffer>> {
  const steps: Array<Array<string | Buffer>> = [['CF.LOADCHUNK', key, '1', Buffer.from(cf.encodedHeader(), 'latin1')]];
  for (let pos = 1n; ; ) {
    const chunk = cf.encodedChunk(pos);
    if (chunk === undefined) break;
    steps.push(['CF.LOADCHUNK', key, String(chunk[0]), Buffer.from(chunk[1], 'latin1')]);
    pos = chunk[0];
  }
  return steps;
}

runBloomScenarios('cuckoo: CF.*', [
  { name: 'ADD, ADDNX, EXISTS, MEXISTS, COUNT, DEL, INFO: a default filter', steps: [
    ['CF.ADD', 'cf', 'a'], ['CF.ADD', 'cf', 'a'], ['CF.ADDNX', 'cf', 'a'], ['CF.ADDNX', 'cf', 'b'], ['CF.EXISTS', 'cf', 'a'], ['CF.EXISTS', 'cf', 'z'],
    ['CF.MEXISTS', 'cf', 'a', 'b', 'x', 'y'], ['CF.COUNT', 'cf', 'a'], ['CF.COUNT', 'cf', 'b'], ['CF.COUNT', 'cf', 'z'], ['CF.INFO', 'cf'],
    ['CF.DEL', 'cf', 'a'], ['CF.COUNT', 'cf', 'a'], ['CF.DEL', 'cf', 'z'], ['CF.DEL', 'cf', 'a'], ['CF.DEL', 'cf', 'a'], ['CF.EXISTS', 'cf', 'a'], ['CF.INFO', 'cf'],
    ['CF.EXISTS', 'missing', 'a'], ['CF.MEXISTS', 'missing', 'a', 'b'], ['CF.COUNT', 'missing', 'a'], ['CF.DEL', 'missing', 'a'], ['CF.INFO', 'missing'],
    ['TYPE', 'cf'], ['OBJECT', 'ENCODING', 'cf'], ['MEMORY', 'USAGE', 'cf'],
  ] },
  { name: 'many items: sub-filters, false positives, counts', steps: [
    ['CF.RESERVE', 'cf', '100'], ['CF.INSERT', 'cf', 'ITEMS', ...items('item:', 400)], ['CF.INSERT', 'cf', 'ITEMS', ...items('item:', 50)], ['CF.INFO', 'cf'],
    ['CF.MEXISTS', 'cf', ...items('absent-', 400)], ['CF.MEXISTS', 'cf', ...items('item:', 30)], ['CF.COUNT', 'cf', 'item:3'], ['CF.COUNT', 'cf', 'item:399'],
    ['MEMORY', 'USAGE', 'cf'], ['CF.INSERTNX', 'cf', 'ITEMS', ...items('item:', 20), ...items('new:', 20)], ['CF.INFO', 'cf'],
  ] },
  { name: 'BUCKETSIZE, MAXITERATIONS, EXPANSION: growth and a full filter', steps: [
    ['CF.RESERVE', 'e2', '20', 'BUCKETSIZE', '3', 'EXPANSION', '2'], ['CF.INSERT', 'e2', 'ITEMS', ...items('x', 300)], ['CF.INFO', 'e2'],
    ['CF.RESERVE', 'e3', '16', 'EXPANSION', '3'], ['CF.INSERT', 'e3', 'ITEMS', ...items('y', 200)], ['CF.INFO', 'e3'], ['CF.MEXISTS', 'e3', ...items('y', 10), ...items('n', 50)],
    ['CF.RESERVE', 'full', '8', 'EXPANSION', '0'], ['CF.INSERT', 'full', 'ITEMS', ...items('f', 20)], ['CF.ADD', 'full', 'more'], ['CF.ADDNX', 'full', 'more2'],
    ['CF.INSERTNX', 'full', 'ITEMS', 'f0', 'zz', 'f1'], ['CF.INFO', 'full'], ['CF.COUNT', 'full', 'f0'],
    ['CF.RESERVE', 'mi', '8', 'MAXITERATIONS', '1', 'EXPANSION', '0', 'BUCKETSIZE', '1'], ['CF.INSERT', 'mi', 'ITEMS', ...items('m', 12)], ['CF.INFO', 'mi'],
    ['CF.RESERVE', 'big', '1000000', 'BUCKETSIZE', '4'], ['CF.INFO', 'big'], ['MEMORY', 'USAGE', 'big'],
    ['CF.RESERVE', 'max', '2', 'BUCKETSIZE', '1', 'EXPANSION', '1'], ['CF.INSERT', 'max', 'ITEMS', ...items('k', 90)], ['CF.INFO', 'max'], ['CF.ADD', 'max', 'one'],
    ['CF.INSERT', 'max', 'ITEMS', 'two'], ['CF.ADDNX', 'max', 'k1'], ['CF.EXISTS', 'max', 'k1'], ['CF.DEL', 'max', 'k1'], ['CF.INFO', 'max'],
  ] },
  { name: 'duplicates: ADD counts them, DEL removes one at a time', steps: [
    ['CF.RESERVE', 'd', '4', 'BUCKETSIZE', '2'], ...Array.from({ length: 6 }, () => ['CF.ADD', 'd', 'same']), ['CF.COUNT', 'd', 'same'], ['CF.INFO', 'd'],
    ['CF.DEL', 'd', 'same'], ['CF.COUNT', 'd', 'same'], ['CF.INFO', 'd'], ['CF.DEL', 'd', 'same'], ['CF.DEL', 'd', 'same'], ['CF.INFO', 'd'],
  ] },
  { name: 'DEL compacts once deletes pass a tenth of the items', steps: [
    ['CF.RESERVE', 'c', '8', 'BUCKETSIZE', '2', 'EXPANSION', '2'], ['CF.INSERT', 'c', 'ITEMS', ...items('c', 60)], ['CF.INFO', 'c'],
    ...items('c', 40).map((item) => ['CF.DEL', 'c', item]), ['CF.INFO', 'c'], ['CF.MEXISTS', 'c', ...items('c', 60)], ['CF.INSERT', 'c', 'ITEMS', ...items('d', 30)], ['CF.INFO', 'c'],
    ['CF.RESERVE', 'c1', '4', 'BUCKETSIZE', '1'], ['CF.INSERT', 'c1', 'ITEMS', ...items('q', 20)], ['CF.INFO', 'c1'], ...items('q', 12).map((item) => ['CF.DEL', 'c1', item]),
    ['CF.INFO', 'c1'], ['CF.MEXISTS', 'c1', ...items('q', 20)],
  ] },
  { name: 'CF.DEBUG and CF.COMPACT: fingerprints moved down, emptied sub-filters dropped, deletions reset', steps: [
    ['CF.ADD', 'dflt', 'a'], ['CF.DEBUG', 'dflt'], ['CF.COMPACT', 'dflt'], ['CF.DEBUG', 'dflt'],
    ['CF.RESERVE', 'c', '8', 'BUCKETSIZE', '2', 'EXPANSION', '2'], ['CF.INSERT', 'c', 'ITEMS', ...items('c', 60)], ['CF.DEBUG', 'c'],
    ...items('c', 5).map((item) => ['CF.DEL', 'c', item]), ['CF.DEBUG', 'c'], ['CF.COMPACT', 'c'], ['CF.DEBUG', 'c'], ['CF.INFO', 'c'], ['CF.MEXISTS', 'c', ...items('c', 60)],
    ['CF.SCANDUMP', 'c', '0'], ['CF.SCANDUMP', 'c', '1'],
    ['CF.RESERVE', 'q', '4', 'BUCKETSIZE', '1', 'EXPANSION', '1'], ['CF.INSERT', 'q', 'ITEMS', ...items('q', 20)], ['CF.DEBUG', 'q'],
    ...items('q', 3).map((item) => ['CF.DEL', 'q', item]), ['CF.COMPACT', 'q'], ['CF.DEBUG', 'q'], ['CF.MEXISTS', 'q', ...items('q', 20)], ['CF.COMPACT', 'q'], ['CF.DEBUG', 'q'],
    ['CF.RESERVE', 'r', '1000', 'BUCKETSIZE', '4', 'MAXITERATIONS', '7', 'EXPANSION', '3'], ['CF.DEBUG', 'r'], ['CF.COMPACT', 'r'],
    ['CF.DEBUG', 'missing'], ['CF.COMPACT', 'missing'], ['SET', 's', 'v'], ['CF.DEBUG', 's'], ['CF.COMPACT', 's'], ['BF.ADD', 'bf', 'a'], ['CF.DEBUG', 'bf'], ['CF.COMPACT', 'bf'],
    ['CF.DEBUG'], ['CF.DEBUG', 'c', 'x'], ['CF.COMPACT'], ['CF.COMPACT', 'c', 'x'], ['cf.compact', 'c'], ['cf.debug', 'c'],
    ['WATCH', 'missing'], ['CF.COMPACT', 'missing'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'c'], ['CF.DEBUG', 'c'], ['MULTI'], ['PING'], ['EXEC'],
  ] },
  { name: 'CF.COMPACT emits no keyspace event', events: true, steps: [
    ['CF.RESERVE', 'c', '8', 'BUCKETSIZE', '2', 'EXPANSION', '2'], ['CF.INSERT', 'c', 'ITEMS', ...items('c', 30)], ['CF.DEL', 'c', 'c1'], ['CF.COMPACT', 'c'], ['CF.DEBUG', 'c'],
  ] },
  { name: 'CF.RESERVE errors', steps: [
    ['CF.RESERVE', 'k'], ['CF.RESERVE', 'k', '10', 'BUCKETSIZE'], ['CF.RESERVE'], ['CF.RESERVE', 'k', 'x'], ['CF.RESERVE', 'k', '1.5'], ['CF.RESERVE', 'k', '3'],
    ['CF.RESERVE', 'k', '-5'], ['CF.RESERVE', 'k', '0'], ['CF.RESERVE', 'k', '4'], ['CF.INFO', 'k'], ['CF.RESERVE', 'k', '4'],
    ['CF.RESERVE', 'b', '10', 'BUCKETSIZE', 'x'], ['CF.RESERVE', 'b', '10', 'BUCKETSIZE', '0'], ['CF.RESERVE', 'b', '10', 'BUCKETSIZE', '256'], ['CF.RESERVE', 'b', '10', 'BUCKETSIZE', '6'],
    ['CF.RESERVE', 'b', '10', 'MAXITERATIONS', 'x'], ['CF.RESERVE', 'b', '10', 'MAXITERATIONS', '0'], ['CF.RESERVE', 'b', '10', 'MAXITERATIONS', '65536'],
    ['CF.RESERVE', 'b', '10', 'EXPANSION', 'x'], ['CF.RESERVE', 'b', '10', 'EXPANSION', '-1'], ['CF.RESERVE', 'b', '10', 'EXPANSION', '32769'],
    ['CF.RESERVE', 'b', 'x', 'EXPANSION', '-1'], ['CF.RESERVE', 'b', '10', 'MAXITERATIONS', '0', 'BUCKETSIZE', '0'], ['CF.RESERVE', 'b', '10', 'EXPANSION', '0', 'BUCKETSIZE', '0'],
    ['CF.RESERVE', 'b', '10', 'junk', 'value'], ['CF.RESERVE', 'b', '10', 'bucketsize', '255'], ['CF.RESERVE', 'b2', '510', 'bucketsize', '255', 'maxiterations', '65535', 'expansion', '32768'],
    ['CF.INFO', 'b2'], ['CF.RESERVE', 'b3', '100', 'EXPANSION', '5'], ['CF.INFO', 'b3'], ['CF.RESERVE', 'b4', '100', 'EXPANSION', '3', 'EXPANSION', '9'], ['CF.INFO', 'b4'],
    ['CF.RESERVE', 'MAXITERATIONS', '7'], ['CF.INFO', 'MAXITERATIONS'], ['CF.RESERVE', 'b6', '1025', 'BUCKETSIZE', '1'], ['CF.INFO', 'b6'],
    ['SET', 's', 'v'], ['CF.RESERVE', 's', '100'], ['CF.RESERVE', 's', '1'], ['CF.RESERVE', 'big', '9223372036854775807', 'BUCKETSIZE', '1'], ['EXISTS', 'big'],
    ['CF.RESERVE', 'b7', '100', 'EXPANSION', '0'], ['CF.INFO', 'b7'],
  ] },
  { name: 'CF.INSERT and CF.INSERTNX options and errors', steps: [
    ['CF.INSERT', 'i', 'ITEMS', 'a', 'b'], ['CF.INFO', 'i'], ['CF.INSERT', 'j', 'CAPACITY', '50', 'ITEMS', ...items('q', 80)], ['CF.INFO', 'j'],
    ['CF.INSERT', 'n', 'NOCREATE', 'ITEMS', 'a'], ['CF.INSERTNX', 'n', 'NOCREATE', 'ITEMS', 'a'], ['EXISTS', 'n'], ['CF.INSERT', 'x', 'ITEMS'], ['CF.INSERT', 'x', 'CAPACITY'],
    ['CF.INSERT', 'x', 'CAPACITY', '5'], ['CF.INSERT', 'x'], ['CF.INSERT', 'x', 'CAPACITY', 'abc', 'ITEMS', 'a'], ['CF.INSERT', 'x', 'CAPACITY', '3', 'ITEMS', 'a'],
    ['CF.INSERT', 'x', 'CAPACITY', '-3', 'ITEMS', 'a'], ['CF.INSERT', 'x', 'FOO', 'ITEMS', 'a'], ['CF.INSERT', 'x', '', 'ITEMS', 'a'], ['CF.INSERT', 'y', 'iii', 'a'],
    ['CF.INSERT', 'y2', 'cap', '4', 'nx', 'i', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], ['CF.INFO', 'y2'], ['CF.INSERTNX', 'y3', 'c', '4', 'items', 'a', 'a', 'b'],
    ['CF.INFO', 'y3'], ['CF.INSERT', 'i', 'CAPACITY', '100000', 'ITEMS', 'c'], ['CF.INFO', 'i'], ['CF.INSERT', 'i', 'ITEMS', 'CAPACITY', 'x'], ['CF.INSERTNX', 'i', 'ITEMS', 'a', 'CAPACITY', 'x'],
    ['SET', 's', 'v'], ['CF.INSERT', 's', 'ITEMS', 'a'], ['CF.INSERTNX', 's', 'NOCREATE', 'ITEMS', 'a'], ['CF.INSERT', 'z', 'CAPACITY', '9223372036854775807', 'ITEMS', 'a'],
  ] },
  { name: 'arity and WRONGTYPE', steps: [
    ['CF.ADD', 'k'], ['CF.ADD', 'k', 'a', 'b'], ['CF.ADDNX', 'k'], ['CF.ADDNX', 'k', 'a', 'b'], ['CF.EXISTS', 'k'], ['CF.EXISTS', 'k', 'a', 'b'], ['CF.MEXISTS', 'k'],
    ['CF.COUNT', 'k'], ['CF.COUNT', 'k', 'a', 'b'], ['CF.DEL', 'k'], ['CF.DEL', 'k', 'a', 'b'], ['CF.INFO'], ['CF.INFO', 'a', 'b'], ['CF.SCANDUMP', 'k'],
    ['CF.SCANDUMP', 'k', '0', '1'], ['CF.LOADCHUNK', 'k', '1'], ['CF.INSERTNX', 'k', 'ITEMS'], ['cf.Add', 'k'], ['SET', 's', 'v'], ['CF.ADD', 's', 'a'], ['CF.ADDNX', 's', 'a'],
    ['CF.EXISTS', 's', 'a'], ['CF.MEXISTS', 's', 'a'], ['CF.COUNT', 's', 'a'], ['CF.DEL', 's', 'a'], ['CF.INFO', 's'], ['CF.SCANDUMP', 's', '0'], ['CF.SCANDUMP', 's', 'x'],
    ['CF.LOADCHUNK', 's', '1', 'x'], ['CF.LOADCHUNK', 's', '5', 'x'], ['CF.LOADCHUNK', 's', 'x', 'x'], ['CF.LOADCHUNK', 'missing', '2', 'x'], ['CF.SCANDUMP', 'missing', '0'],
    ['BF.ADD', 'bf', 'a'], ['CF.ADD', 'bf', 'a'], ['CF.EXISTS', 'bf', 'a'], ['CF.ADD', 'cf', 'a'], ['BF.ADD', 'cf', 'a'], ['BF.EXISTS', 'cf', 'a'], ['CMS.QUERY', 'cf', 'a'],
  ] },
  { name: 'SCANDUMP and LOADCHUNK: bytes, positions and a copy', steps: [
    ['CF.RESERVE', 'cf', '64', 'BUCKETSIZE', '4'], ['CF.SCANDUMP', 'cf', '0'], ['CF.SCANDUMP', 'cf', '1'], ['CF.INSERT', 'cf', 'ITEMS', ...items('k', 120)],
    ['CF.SCANDUMP', 'cf', '0'], ['CF.SCANDUMP', 'cf', '1'], ['CF.SCANDUMP', 'cf', '5'], ['CF.SCANDUMP', 'cf', '65'], ['CF.SCANDUMP', 'cf', '129'], ['CF.SCANDUMP', 'cf', '300'],
    ['CF.SCANDUMP', 'cf', '-1'], ['CF.SCANDUMP', 'cf', 'x'], ['CF.INFO', 'cf'],
    ...loadChunks('copy', filterOf(64, 4, 20, 1, items('k', 120))), ['CF.INFO', 'copy'], ['CF.MEXISTS', 'copy', ...items('k', 10), ...items('z', 20)], ['CF.SCANDUMP', 'copy', '1'],
    ['CF.LOADCHUNK', 'copy', '1', header(1, 16, 0, 1, 4, 20, 1)], ['CF.LOADCHUNK', 'copy', '0', 'y'], ['CF.LOADCHUNK', 'copy', 'x', 'y'], ['CF.LOADCHUNK', 'copy', '-3', 'y'],
    ['CF.LOADCHUNK', 'copy', '2', 'y'], ['CF.LOADCHUNK', 'copy', '2', 'yy'], ['CF.LOADCHUNK', 'copy', '3', 'yy'], ['CF.LOADCHUNK', 'copy', '65', 'y'],
    ['CF.LOADCHUNK', 'copy', '129', 'y'], ['CF.LOADCHUNK', 'copy', '300', 'yyyy'], ['CF.LOADCHUNK', 'copy', '1000', 'y'], ['CF.LOADCHUNK', 'copy', '5', ''],
    ['CF.SCANDUMP', 'copy', '1'], ['CF.SCANDUMP', 'copy', '65'],
  ] },
  { name: 'a SCANDUMP walk over sub-filters, and its LOADCHUNK copy', steps: [
    ['CF.RESERVE', 'src', '10', 'BUCKETSIZE', '2', 'EXPANSION', '2'], ['CF.INSERT', 'src', 'ITEMS', ...items('s', 100)], ['CF.INFO', 'src'], ['CF.SCANDUMP', 'src', '0'],
    ['CF.SCANDUMP', 'src', '1'], ['CF.SCANDUMP', 'src', '17'], ['CF.SCANDUMP', 'src', '49'], ['CF.SCANDUMP', 'src', '113'], ['CF.SCANDUMP', 'src', '241'],
    ...loadChunks('dst', filterOf(10, 2, 20, 2, items('s', 100))), ['CF.INFO', 'dst'], ['CF.MEXISTS', 'dst', ...items('s', 20), ...items('t', 50)], ['CF.ADD', 'dst', 'new'], ['CF.INFO', 'dst'],
    ['CF.DEL', 'dst', 's1'], ['CF.INFO', 'dst'],
  ] },
  { name: 'LOADCHUNK headers: accepted and refused', steps: [
    ['CF.LOADCHUNK', 'h', '1', header(0, 16, 0, 1, 2, 20, 1)], ['CF.INFO', 'h'], ['CF.SCANDUMP', 'h', '0'], ['CF.ADD', 'h', 'a'], ['CF.SCANDUMP', 'h', '0'],
    ['CF.LOADCHUNK', 'h3', '1', header(5, 8, 2, 3, 2, 10, 3)], ['CF.INFO', 'h3'], ['CF.INSERT', 'h3', 'ITEMS', ...items('w', 150)], ['CF.INFO', 'h3'], ['CF.SCANDUMP', 'h3', '0'],
    ['CF.DEL', 'h3', 'w5'], ['CF.INFO', 'h3'], ['CF.LOADCHUNK', 'h4', '1', header(0, 8, 0, 65537, 1, 5, 2)], ['CF.INFO', 'h4'],
    ['CF.LOADCHUNK', 'bad', '1', header(0, 16, 0, 1, 2, 20, 1).subarray(0, 37)], ['CF.LOADCHUNK', 'bad', '1', Buffer.concat([header(0, 16, 0, 1, 2, 20, 1), Buffer.from([0])])],
    ['CF.LOADCHUNK', 'bad', '1', header(0, 12, 0, 1, 2, 20, 1)], ['CF.LOADCHUNK', 'bad', '1', header(0, 0, 0, 1, 2, 20, 1)], ['CF.LOADCHUNK', 'bad', '1', header(0, 16, 0, 0, 2, 20, 1)],
    ['CF.LOADCHUNK', 'bad', '1', header(0, 16, 0, 1, 0, 20, 1)], ['CF.LOADCHUNK', 'bad', '1', header(0, 16, 0, 1, 256, 20, 1)], ['CF.LOADCHUNK', 'bad', '1', header(0, 16, 0, 1, 2, 0, 1)],
    ['CF.LOADCHUNK', 'bad', '1', header(0, 16, 0, 2, 2, 20, 0)], ['CF.LOADCHUNK', 'bad', '1', header(0, 16, 0, 65536, 2, 20, 1)], ['EXISTS', 'bad'],
    ['CF.LOADCHUNK', 'ok0', '1', header(0, 16, 0, 1, 2, 20, 0)], ['CF.INSERT', 'ok0', 'ITEMS', ...items('o', 40)], ['CF.INFO', 'ok0'],
  ] },
  { name: 'generic commands on a cuckoo filter', events: true, steps: [
    ['CF.ADD', 'cf', 'a'], ['RENAME', 'cf', 'cf2'], ['CF.EXISTS', 'cf2', 'a'], ['COPY', 'cf2', 'cf3'], ['EXPIRE', 'cf2', '100'], ['TTL', 'cf2'], ['PERSIST', 'cf2'],
    ['CF.RESERVE', 'r', '10'], ['CF.INSERT', 'r', 'ITEMS', 'a'], ['CF.INSERTNX', 'r', 'ITEMS', 'a'], ['CF.ADDNX', 'r', 'b'], ['CF.DEL', 'r', 'a'], ['CF.DEL', 'r', 'zz'],
    ['CF.LOADCHUNK', 'l', '1', header(0, 16, 0, 1, 2, 20, 1)], ['CF.LOADCHUNK', 'l', '2', 'ab'], ['CF.EXISTS', 'nope', 'a'], ['CF.COUNT', 'nope', 'a'], ['DEL', 'cf2', 'r'], ['SET', 's', 'v'],
    ['SCAN', '0', 'TYPE', 'MBbloomCF'], ['COPY', 'l', 'l2'], ['COPY', 'l', 's', 'REPLACE'], ['GET', 's'],
  ] },
  { name: 'new keys and key misses (event classes n and m)', events: 'KEnm', steps: [
    ['CF.ADD', 'a', 'x'], ['CF.RESERVE', 'b', '10'], ['CF.INSERT', 'c', 'ITEMS', 'x'], ['CF.INSERT', 'd', 'NOCREATE', 'ITEMS', 'x'], ['CF.ADDNX', 'e', 'x'],
    ['CF.LOADCHUNK', 'f', '1', header(0, 16, 0, 1, 2, 20, 1)], ['CF.EXISTS', 'g', 'x'], ['CF.MEXISTS', 'g', 'x'], ['CF.COUNT', 'g', 'x'], ['CF.INFO', 'g'], ['CF.SCANDUMP', 'g', '0'],
    ['CF.DEL', 'g', 'x'], ['CF.EXISTS', 'a', 'x'], ['CF.LOADCHUNK', 'h', '2', 'x'], ['CF.RESERVE', 'a', '10'],
  ] },
  { name: 'a key opened for writing is signalled modified: WATCH', steps: [
    ['CF.ADD', 'cf', 'a'], ['WATCH', 'cf'], ['CF.ADDNX', 'cf', 'a'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'cf'], ['CF.RESERVE', 'cf', '10'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 'cf'], ['CF.RESERVE', 'cf', 'x'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'cf'], ['CF.EXISTS', 'cf', 'a'], ['CF.INFO', 'cf'], ['CF.SCANDUMP', 'cf', '0'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 'cf'], ['CF.DEL', 'cf', 'zz'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'nf'], ['CF.INSERT', 'nf', 'NOCREATE', 'ITEMS', 'a'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 'lc'], ['CF.LOADCHUNK', 'lc', 'x', 'x'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'd'], ['CF.DEL', 'd', 'a'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 'i'], ['CF.INSERT', 'i', 'FOO', 'ITEMS', 'a'], ['MULTI'], ['PING'], ['EXEC'],
  ] },
  { name: 'inside MULTI, and binary items', steps: [
    ['MULTI'], ['CF.ADD', 'cf', 'a'], ['CF.INSERT', 'cf', 'ITEMS', 'a', 'b'], ['CF.COUNT', 'cf', 'a'], ['CF.ADD', 'cf'], ['EXEC'],
    ['CF.INSERT', 'b', 'ITEMS', Buffer.from([0, 255, 1]), Buffer.from([]), 'long-item-over-eight-bytes', '1234567', '12345678'],
    ['CF.MEXISTS', 'b', Buffer.from([0, 255, 1]), '', '12345678', '123456789'], ['CF.COUNT', 'b', ''], ['CF.SCANDUMP', 'b', '1'],
  ] },
]);

/** DUMP of a filter made by the fake with `commands` (the scenarios compare DUMP with the module's first). */
function dumpOf(...commands: string[][]): Buffer {
  const server = new FakeServer({ mixins: [...coreMixins, CuckooCommands] });
  try {
    for (const command of commands) server.call(...command);
    return Buffer.from(server.call('DUMP', 'k') as string, 'latin1');
  } finally {
    server.close();
  }
}

const grown = dumpOf(['CF.RESERVE', 'k', '8', 'EXPANSION', '2', 'BUCKETSIZE', '2', 'MAXITERATIONS', '7'], ['CF.INSERT', 'k', 'ITEMS', ...items('d', 40)], ['CF.DEL', 'k', 'd1']);

// Encoding 2: numFilters 1, numBuckets 4, numItems 1, then the buckets (2 slots each): the
// fingerprint of "a" (196) in its first bucket (1).
const OLD_FILTER = [2, 1, 2, 4, 2, 1, 5, 8, 0, 0, 196, 0, 0, 0, 0, 0, 0];

runBloomScenarios('cuckoo: DUMP and RESTORE (the module type MBbloomCF, encoding version 4)', [
  { name: 'DUMP bytes, RESTORE of them, the filter after the round trip', steps: [
    ['CF.RESERVE', 'k', '8', 'EXPANSION', '2', 'BUCKETSIZE', '2', 'MAXITERATIONS', '7'], ['CF.INSERT', 'k', 'ITEMS', ...items('d', 40)], ['CF.DEL', 'k', 'd1'], ['DUMP', 'k'],
    ['CF.ADD', 'small', 'x'], ['DUMP', 'small'], ['RESTORE', 'copy', '0', grown], ['CF.INFO', 'copy'], ['CF.MEXISTS', 'copy', 'd0', 'd1', 'd39', 'zz'], ['CF.SCANDUMP', 'copy', '0'],
    ['DUMP', 'copy'], ['RESTORE', 'copy', '0', grown], ['RESTORE', 'copy', '0', grown, 'REPLACE'], ['TYPE', 'copy'], ['CF.ADD', 'copy', 'more'], ['CF.INFO', 'copy'],
    ['RESTORE', 'bad', '0', corrupt(grown, 10, 0x05)], ['RESTORE', 'bad', '0', corrupt(grown, 11, 0x00)], ['RESTORE', 'bad', '0', corrupt(grown, 12, 0x00)], ['EXISTS', 'bad'],
  ] },
  { name: 'older encodings: version 2 and 3 load with the defaults, 5 is refused', steps: [
    ['RESTORE', 'v2', '0', modulePayload('MBbloomCF', 2, OLD_FILTER)], ['CF.INFO', 'v2'], ['CF.EXISTS', 'v2', 'a'], ['CF.COUNT', 'v2', 'a'], ['CF.SCANDUMP', 'v2', '0'],
    ['CF.INSERT', 'v2', 'ITEMS', ...items('o', 30)], ['CF.INFO', 'v2'], ['DUMP', 'v2'], ['RESTORE', 'v3', '0', modulePayload('MBbloomCF', 3, OLD_FILTER)], ['CF.INFO', 'v3'],
    ['RESTORE', 'v5', '0', modulePayload('MBbloomCF', 5, OLD_FILTER)], ['RESTORE', 'z', '0', modulePayload('MBbloomCF', 2, [2, 0, 2, 4, 2, 1, 0])],
    ['RESTORE', 'z', '0', modulePayload('MBbloomCF', 2, [2, 1, 2, 0, 2, 1, 0])], ['RESTORE', 'z', '0', modulePayload('CMSk-TYPE', 1, [2, 1, 2, 1, 2, 0, 5, 4, 0, 0, 0, 0, 0])],
    ['RESTORE', 'z', '0', modulePayload('CMSk-TYPE', 0, [2, 0, 2, 1, 2, 0, 5, 0, 0])], ['RESTORE', 'z', '0', modulePayload('CMSk-TYPE', 0, [2, 1, 2, 1, 2, 0, 5, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0])],
    ['RESTORE', 'z', '0', modulePayload('CMSk-TYPE', 0, [2, 1, 2, 2, 2, 9, 5, 8, 3, 0, 0, 0, 6, 0, 0, 0, 0])], ['CMS.INFO', 'z'], ['CMS.QUERY', 'z', 'a', 'b', 'c'], ['EXISTS', 'v5'],
  ] },
]);

runBloomScenarios('cuckoo and count-min sketch: generic probes', [
  { name: 'probe', steps: [
    ['CF.ADD', 'cf', 'a'], ['CMS.INITBYDIM', 'cms', '5', '2'], ['RENAME', 'cms', 'cms2'], ['DEBUG', 'DIGEST-VALUE', 'cf', 'cms2'], ['OBJECT', 'REFCOUNT', 'cf'], ['STRLEN', 'cms2'], ['GET', 'cf'],
    ['MOVE', 'cf', '1'], ['SELECT', '1'], ['CF.EXISTS', 'cf', 'a'], ['SWAPDB', '0', '1'], ['SELECT', '0'], ['CF.COUNT', 'cf', 'a'], ['UNLINK', 'cf'], ['DEBUG', 'DIGEST'],
    ['SELECT', '1'], ['CMS.INFO', 'cms2'], ['MEMORY', 'USAGE', 'cms2', 'SAMPLES', '0'], ['SORT', 'cms2'], ['APPEND', 'cms2', 'x'], ['CF.ADD', 'cms2', 'x'],
    ['CMS.INFO', 'cf'], ['CMS.INCRBY', 'cf', 'a', '1'], ['CF.ADD', 'cf', 'a'], ['CMS.MERGE', 'cms2', '1', 'cf'],
  ] },
]);
