import { type Bytes, coreMixins, FakeServer, RdbReader } from '@fakeredis/core';
import type { Wire } from '@fakeredis/tooling/conformance';
import { murmurHash2 } from '../../src/bloom/murmur.js';
import { TopKCommands } from '../../src/topk/index.js';
import { corrupt, runBloomScenarios } from './server.js';

/**
 * TOPK.* against the module. Where an item lands in a bucket another item holds, the
 * module draws rand() (decay^count): these scenarios keep to what does not depend on the
 * server's random state — items that share no bucket, or decay 1, where every draw
 * decays. topk-random.test.ts checks the draws themselves against a server whose seed it
 * recovers.
 */

const items = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** `n` items named `prefix`N that share no bucket in any row of a width x depth sketch with each other and with `fixed` (so no draw decides anything). */
function apart(n: number, width = 8, depth = 7, prefix = 'i', fixed: Array<string | Buffer> = []): string[] {
  const used = Array.from({ length: depth }, () => new Set<number>());
  const buckets = (item: string | Buffer): number[] => {
    const bytes = (typeof item === 'string' ? item : item.toString('latin1')) as Bytes;
    return Array.from({ length: depth }, (_, row) => murmurHash2(bytes, row) % width);
  };
  for (const item of fixed) {
    const rows = buckets(item);
    if (rows.some((bucket, row) => used[row]!.has(bucket))) throw new Error('the fixed items collide');
    rows.forEach((bucket, row) => used[row]!.add(bucket));
  }
  const chosen: string[] = [];
  for (let i = 0; chosen.length < n; i++) {
    const item = `${prefix}${i}`;
    const rows = buckets(item);
    if (rows.some((bucket, row) => used[row]!.has(bucket))) continue;
    rows.forEach((bucket, row) => used[row]!.add(bucket));
    chosen.push(item);
  }
  return chosen;
}

const [a, b, c, d, e] = apart(5) as [string, string, string, string, string];
/** Items apart in the 50 x 3 sketches. */
const [p, q, r, s] = apart(4, 50, 3, 'w') as [string, string, string, string];
/** The 5000 x 4 sketch's items. */
const xs = apart(20, 5000, 4, 'x');
const zs = apart(30, 5000, 4, 'z', [...xs, 'y']);
/** The binary items and three more, apart in the 100 x 3 sketch. */
const binary = [Buffer.from([0x61, 0, 0x62]), Buffer.from(''), Buffer.from([0xff, 0xfe])];
const [b1, b2, b3, b4] = apart(4, 100, 3, 'big', binary) as [string, string, string, string];
/** The 20 x 2 sketch's items, the empty item among them. */
const [t1, t2, t3, t4, t5] = apart(5, 20, 2, 't', ['']) as [string, string, string, string, string];

/**
 * A Top-K DUMP decoded (LZF undone) with the heap items' pointers zeroed: the module saves
 * its raw struct HeapBucket array, pointers included, which no two processes share. The
 * rest (each field, the buckets, the heap's other bytes, the items) is compared as is.
 */
function maskPointers(reply: Wire): Wire {
  if (reply.t !== 'bulk') return reply;
  const r = new RdbReader(Buffer.from(reply.v, 'latin1'));
  const parts: string[] = [`type ${r.byte()} id ${r.lengthBig()}`];
  const uint = (): string => `${r.length()}:${r.lengthBig()}`;
  const k = Number(uint().split(':')[1]);
  parts.push(`k ${k}`, `width ${uint()}`, `depth ${uint()}`, `decay ${r.length()}:${r.double()}`);
  r.length();
  parts.push(`buckets ${r.blob().toString('hex')}`);
  r.length();
  const heap = r.blob();
  for (let i = 0; i < k; i++) heap.fill(0, i * 24 + 8, i * 24 + 16);
  parts.push(`heap ${heap.toString('hex')}`);
  for (let i = 0; i < k; i++) parts.push(`item ${r.length()}:${r.blob().toString('hex')}`);
  parts.push(`rest ${r.data.subarray(r.pos, r.data.length - 8).toString('hex')}`);
  return { t: 'bulk', v: parts.join('\n') };
}

/** The sketch of the DUMP scenario, and the fake's DUMP of it (its pointers zero; the module ignores them when loading). */
const made = [['TOPK.RESERVE', 'tk', '3', '20', '2', '0.8'], ['TOPK.ADD', 'tk', t1, t2, ''], ['TOPK.INCRBY', 'tk', t3, '4']];
const madeDump = (() => {
  const server = new FakeServer({ mixins: [...coreMixins, TopKCommands] });
  try {
    for (const command of made) server.call(...command);
    return Buffer.from(server.call('DUMP', 'tk') as string, 'latin1');
  } finally {
    server.close();
  }
})();

runBloomScenarios('topk: TOPK.*', [
  { name: 'RESERVE with the defaults, ADD, QUERY, COUNT, LIST, INFO', steps: [
    ['TOPK.RESERVE', 'tk', '3'], ['TOPK.ADD', 'tk', a, b, a, c], ['TOPK.LIST', 'tk'], ['TOPK.LIST', 'tk', 'WITHCOUNT'], ['TOPK.QUERY', 'tk', a, b, d, 'nope'],
    ['TOPK.COUNT', 'tk', a, b, c, d], ['TOPK.INFO', 'tk'], ['TOPK.ADD', 'tk', d, d, d], ['TOPK.LIST', 'tk', 'WITHCOUNT'], ['TOPK.QUERY', 'tk', a, b, c, d],
    ['TOPK.COUNT', 'tk', a, b, c, d], ['TOPK.INCRBY', 'tk', e, '10', b, '3'], ['TOPK.LIST', 'tk', 'withcount'], ['TYPE', 'tk'], ['OBJECT', 'ENCODING', 'tk'],
    ['MEMORY', 'USAGE', 'tk'], ['TOPK.ADD', 'tk', a], ['TOPK.LIST', 'tk', 'WITHCOUNT'],
  ] },
  { name: 'a wide sketch: expelled items, ties in the list', steps: [
    ['TOPK.RESERVE', 'w', '5', '5000', '4', '0.9'], ['TOPK.INFO', 'w'], ['TOPK.ADD', 'w', ...xs], ['TOPK.LIST', 'w', 'WITHCOUNT'],
    ['TOPK.INCRBY', 'w', xs[3]!, '5', xs[7]!, '5', xs[11]!, '2', 'y', '100000'], ['TOPK.LIST', 'w', 'WITHCOUNT'], ['TOPK.ADD', 'w', ...zs, xs[3]!, xs[3]!],
    ['TOPK.LIST', 'w', 'WITHCOUNT'], ['TOPK.COUNT', 'w', xs[3]!, xs[7]!, 'y', zs[1]!, 'missing'], ['MEMORY', 'USAGE', 'w'],
    ['TOPK.RESERVE', 'one', '1', '50', '3', '0.5'], ['TOPK.ADD', 'one', p, q, p], ['TOPK.LIST', 'one', 'WITHCOUNT'], ['TOPK.INCRBY', 'one', q, '3'], ['TOPK.LIST', 'one', 'WITHCOUNT'],
  ] },
  { name: 'decay 1: every colliding unit decays a bucket, takeovers', steps: [
    ['TOPK.RESERVE', 'd', '2', '1', '1', '1'], ['TOPK.INCRBY', 'd', 'a', '5'], ['TOPK.ADD', 'd', 'b'], ['TOPK.LIST', 'd', 'WITHCOUNT'], ['TOPK.COUNT', 'd', 'a', 'b'],
    ['TOPK.INCRBY', 'd', 'b', '10'], ['TOPK.LIST', 'd', 'WITHCOUNT'], ['TOPK.COUNT', 'd', 'a', 'b'], ['TOPK.QUERY', 'd', 'a', 'b'], ['TOPK.INCRBY', 'd', 'c', '6', 'a', '1'],
    ['TOPK.LIST', 'd', 'WITHCOUNT'], ['TOPK.COUNT', 'd', 'a', 'b', 'c'], ['TOPK.RESERVE', 'd2', '3', '2', '3', '1'], ['TOPK.ADD', 'd2', ...items('q', 12)],
    ['TOPK.LIST', 'd2', 'WITHCOUNT'], ['TOPK.INCRBY', 'd2', 'q1', '300', 'q2', '700', 'q3', '1000'], ['TOPK.LIST', 'd2', 'WITHCOUNT'], ['TOPK.COUNT', 'd2', ...items('q', 12)],
    ['TOPK.INCRBY', 'd2', 'big', '100000', 'big', '100000'], ['TOPK.LIST', 'd2', 'WITHCOUNT'],
  ] },
  { name: 'INCRBY 0 and increments past the heap', steps: [
    ['TOPK.RESERVE', 'z', '2', '50', '3', '0.9'], ['TOPK.INCRBY', 'z', p, '0'], ['TOPK.LIST', 'z', 'WITHCOUNT'], ['TOPK.QUERY', 'z', p], ['TOPK.COUNT', 'z', p],
    ['TOPK.INCRBY', 'z', q, '0', r, '0'], ['TOPK.QUERY', 'z', p, q, r], ['TOPK.ADD', 'z', p], ['TOPK.LIST', 'z', 'WITHCOUNT'], ['TOPK.INCRBY', 'z', p, '0'],
    ['TOPK.LIST', 'z', 'WITHCOUNT'],
  ] },
  { name: 'binary and empty items (replies end at a NUL byte, as C strings)', steps: [
    ['TOPK.RESERVE', 'bin', '3', '100', '3', '0.9'], ['TOPK.ADD', 'bin', ...binary], ['TOPK.LIST', 'bin', 'WITHCOUNT'],
    ['TOPK.QUERY', 'bin', ...binary], ['TOPK.COUNT', 'bin', ...binary], ['TOPK.INCRBY', 'bin', b1, '5', b2, '6', b3, '7'], ['TOPK.ADD', 'bin', b4],
    ['TOPK.LIST', 'bin', 'WITHCOUNT'],
  ] },
  { name: 'RESERVE errors', steps: [
    ['TOPK.RESERVE', 'k'], ['TOPK.RESERVE', 'k', '3', '8'], ['TOPK.RESERVE', 'k', '3', '8', '7'], ['TOPK.RESERVE', 'k', '3', '8', '7', '0.9', 'x'], ['TOPK.RESERVE', 'k', '0'],
    ['TOPK.RESERVE', 'k', '-1'], ['TOPK.RESERVE', 'k', 'x'], ['TOPK.RESERVE', 'k', '4294967296'], ['TOPK.RESERVE', 'k', '1.5'], ['TOPK.RESERVE', 'k', '3', '0', '7', '0.9'],
    ['TOPK.RESERVE', 'k', '3', '4294967296', '7', '0.9'], ['TOPK.RESERVE', 'k', '3', 'x', '7', '0.9'], ['TOPK.RESERVE', 'k', '3', '8', '0', '0.9'], ['TOPK.RESERVE', 'k', '3', '8', '-2', '0.9'],
    ['TOPK.RESERVE', 'k', '3', '8', '7', '0'], ['TOPK.RESERVE', 'k', '3', '8', '7', '1.01'], ['TOPK.RESERVE', 'k', '3', '8', '7', '-0.5'], ['TOPK.RESERVE', 'k', '3', '8', '7', 'nan'],
    ['TOPK.RESERVE', 'k', '3', '8', '7', 'inf'], ['TOPK.RESERVE', 'k', '3', '8', '7', 'x'], ['TOPK.RESERVE', 'k', '0', 'x', '7', '0.9'], ['TOPK.RESERVE', 'k', '3', '4294967295', '4294967295', '0.9'],
    ['TOPK.RESERVE', 'k', '3', '8', '7', '1'], ['TOPK.INFO', 'k'], ['TOPK.RESERVE', 'k', '3'], ['TOPK.RESERVE', 'k', '0'], ['SET', 's', 'v'], ['TOPK.RESERVE', 's', '3'],
    ['TOPK.RESERVE', 's', 'x'], ['TOPK.RESERVE', 'e', '7', '1', '1', '1e-300'], ['TOPK.INFO', 'e'], ['TOPK.RESERVE', 'f', '2', '3', '4', '.5'], ['TOPK.INFO', 'f'],
    ['TOPK.RESERVE', 'g', '2', '3', '4', '0.1234567890123'], ['TOPK.INFO', 'g'],
  ] },
  { name: 'errors of the other commands', steps: [
    ['TOPK.ADD', 'k'], ['TOPK.ADD', 'missing', 'a'], ['TOPK.INCRBY', 'k', 'a'], ['TOPK.INCRBY', 'k', 'a', '1', 'b'], ['TOPK.INCRBY', 'missing', 'a', '1'],
    ['TOPK.QUERY', 'k'], ['TOPK.QUERY', 'missing', 'a'], ['TOPK.COUNT', 'k'], ['TOPK.COUNT', 'missing', 'a'], ['TOPK.LIST'], ['TOPK.LIST', 'k', 'WITHCOUNT', 'x'],
    ['TOPK.LIST', 'missing'], ['TOPK.LIST', 'missing', 'nope'], ['TOPK.INFO'], ['TOPK.INFO', 'k', 'x'], ['TOPK.INFO', 'missing'], ['SET', 's', 'v'], ['TOPK.ADD', 's', 'a'],
    ['TOPK.INCRBY', 's', 'a', '1'], ['TOPK.QUERY', 's', 'a'], ['TOPK.COUNT', 's', 'a'], ['TOPK.LIST', 's'], ['TOPK.INFO', 's'], ['TOPK.RESERVE', 'k', '2', '50', '3', '0.9'],
    ['TOPK.INCRBY', 'k', p, '-1'], ['TOPK.INCRBY', 'k', p, '100001'], ['TOPK.INCRBY', 'k', p, 'x'], ['TOPK.INCRBY', 'k', p, '1.5'], ['TOPK.INCRBY', 'k', p, '100000'],
    ['TOPK.INCRBY', 'k', q, '2', r, '-5'], ['TOPK.LIST', 'k', 'WITHCOUNT'], ['TOPK.LIST', 'k', 'with'], ['TOPK.LIST', 'k', ''], ['TOPK.LIST', 'k', 'W'], ['TOPK.LIST', 'k', 'withcountx'],
    ['TOPK.LIST', 'k', 'count'], ['TOPK.LIST', 'k', Buffer.from('WITHCOUNT\0x', 'latin1')], ['TOPK.LIST', 'k', Buffer.from('WITH\0', 'latin1')], ['TOPK.LIST', 's', 'x'],
    ['topk.Add', 'k'],
  ] },
  { name: 'generic commands on a Top-K', events: true, steps: [
    ['TOPK.RESERVE', 'tk', '2', '50', '3', '0.9'], ['TOPK.ADD', 'tk', p], ['RENAME', 'tk', 'tk2'], ['TOPK.LIST', 'tk2'], ['COPY', 'tk2', 'tk3'], ['EXPIRE', 'tk2', '100'],
    ['TTL', 'tk2'], ['PERSIST', 'tk2'], ['TYPE', 'tk2'], ['EXISTS', 'tk2'], ['TOPK.INCRBY', 'tk2', q, '2'], ['TOPK.QUERY', 'tk2', p], ['TOPK.COUNT', 'tk2', p],
    ['SCAN', '0', 'TYPE', 'TopK-TYPE'], ['DEL', 'tk2'], ['TOPK.ADD', 'tk2', p], ['TOPK.RESERVE', 'tk2', '1'],
  ] },
  { name: 'new keys and key misses (event classes n and m)', events: 'KEnm', steps: [
    ['TOPK.RESERVE', 'a', '2'], ['TOPK.ADD', 'b', 'x'], ['TOPK.INCRBY', 'b', 'x', '1'], ['TOPK.QUERY', 'b', 'x'], ['TOPK.COUNT', 'b', 'x'], ['TOPK.LIST', 'b'], ['TOPK.INFO', 'b'],
    ['TOPK.RESERVE', 'a', '2'],
  ] },
  { name: 'a key opened for writing is signalled modified: WATCH', steps: [
    ['TOPK.RESERVE', 'tk', '2', '50', '3', '0.9'], ['WATCH', 'tk'], ['TOPK.QUERY', 'tk', 'a'], ['TOPK.COUNT', 'tk', 'a'], ['TOPK.LIST', 'tk'], ['TOPK.INFO', 'tk'],
    ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'tk'], ['TOPK.ADD', 'tk', 'a'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'tk'], ['TOPK.INCRBY', 'tk', 'a', 'x'], ['MULTI'], ['PING'], ['EXEC'],
    ['WATCH', 'tk'], ['TOPK.RESERVE', 'tk', '2'], ['MULTI'], ['PING'], ['EXEC'], ['WATCH', 'nk'], ['TOPK.ADD', 'nk', 'a'], ['MULTI'], ['PING'], ['EXEC'],
  ] },
  { name: 'DUMP (pointers masked) and RESTORE', steps: [
    ...made, { cmd: ['DUMP', 'tk'], compare: { map: maskPointers } }, ['TOPK.RESERVE', 'empty', '2'], { cmd: ['DUMP', 'empty'], compare: { map: maskPointers } },
    ['RESTORE', 'copy', '0', madeDump], ['TOPK.LIST', 'copy', 'WITHCOUNT'], ['TOPK.INFO', 'copy'], ['TOPK.QUERY', 'copy', t1, t2, '', t3], ['TOPK.COUNT', 'copy', t1, t2, '', t3],
    ['TOPK.ADD', 'copy', t4, t5], ['TOPK.LIST', 'copy', 'WITHCOUNT'], { cmd: ['DUMP', 'copy'], compare: { map: maskPointers } }, ['TOPK.ADD', 'copy', ''],
    ['TOPK.LIST', 'copy', 'WITHCOUNT'], ['RESTORE', 'copy', '0', madeDump], ['RESTORE', 'copy', '0', madeDump, 'REPLACE'], ['TYPE', 'copy'], ['MEMORY', 'USAGE', 'copy'],
    // Byte 10 is k's opcode, 11 k, 13 width, 15 depth. (Not a k above the heap's slots: the
    // module's loader then frees pointers read past its heap array, and may crash.)
    ['RESTORE', 'bad', '0', corrupt(madeDump, 10, 1)], ['RESTORE', 'bad', '0', corrupt(madeDump, 11, 0)], ['RESTORE', 'bad', '0', corrupt(madeDump, 13, 0)], ['RESTORE', 'bad', '0', corrupt(madeDump, 15, 3)], ['RESTORE', 'k2', '0', corrupt(madeDump, 11, 2)], ['EXISTS', 'bad', 'k2'],
  ] },
  { name: 'inside MULTI', steps: [
    ['MULTI'], ['TOPK.RESERVE', 'tk', '2', '50', '3', '0.9'], ['TOPK.ADD', 'tk', p, q, r], ['TOPK.LIST', 'tk'], ['TOPK.ADD', 'tk'], ['TOPK.INCRBY', 'tk', p, 'x'], ['EXEC'],
  ] },
]);

runBloomScenarios('topk and tdigest: command metadata', [
  { name: 'COMMAND INFO, DOCS and LIST of the TOPK.* and TDIGEST.* commands', steps: [
    ['COMMAND', 'INFO', 'topk.reserve', 'topk.add', 'topk.incrby', 'topk.query', 'topk.count', 'topk.list', 'topk.info'],
    ['COMMAND', 'INFO', 'tdigest.create', 'tdigest.add', 'tdigest.merge', 'tdigest.reset', 'tdigest.min', 'tdigest.quantile', 'tdigest.byrevrank', 'tdigest.trimmed_mean', 'tdigest.info'],
    ['COMMAND', 'DOCS', 'topk.add', 'topk.count', 'tdigest.quantile'], { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'topk.*'], compare: 'unordered' },
    { cmd: ['COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'tdigest.*'], compare: 'unordered' }, ['COMMAND', 'GETKEYS', 'TDIGEST.MERGE', 'd', '2', 'a', 'b'],
    ['COMMAND', 'GETKEYS', 'TOPK.ADD', 'k', 'a', 'b'],
  ] },
]);

runBloomScenarios('topk and tdigest: generic probes', [
  { name: 'DEBUG DIGEST, OBJECT, GET, MOVE, SWAPDB, RANDOMKEY, UNLINK', steps: [
    ['TOPK.RESERVE', 'tk', '2', '50', '3', '0.9'], ['TOPK.ADD', 'tk', p], ['TDIGEST.CREATE', 'td'], ['TDIGEST.ADD', 'td', '1'], ['DEBUG', 'DIGEST-VALUE', 'tk', 'td'],
    ['OBJECT', 'REFCOUNT', 'tk'], ['OBJECT', 'ENCODING', 'td'], ['STRLEN', 'tk'], ['GET', 'td'], ['MOVE', 'tk', '1'], ['SELECT', '1'], ['TOPK.LIST', 'tk'], ['SWAPDB', '0', '1'],
    ['SELECT', '0'], ['TOPK.QUERY', 'tk', p], ['RANDOMKEY'], ['SELECT', '1'], ['TDIGEST.MIN', 'td'], ['UNLINK', 'td'], ['SELECT', '0'], ['DEBUG', 'DIGEST'],
    ['APPEND', 'tk', 'x'], ['TDIGEST.ADD', 'tk', '1'], ['TOPK.ADD', 'td', 'x'],
  ] },
]);
