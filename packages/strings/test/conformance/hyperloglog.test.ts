import { runScenarios, type Step } from '@fakeredis/tooling/conformance';
import { options, optionsWith } from './server.js';

/** n distinct element names from a prefix. */
function elements(prefix: string, n: number, start = 0): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${start + i}`);
}

/** An HLL header: magic, encoding, 3 unused bytes, cached cardinality (top bit = stale). */
function header(encoding: number, card: number[] = [0, 0, 0, 0, 0, 0, 0, 0]): number[] {
  return [0x48, 0x59, 0x4c, 0x4c, encoding, 0, 0, 0, ...card];
}
const STALE = [0, 0, 0, 0, 0, 0, 0, 0x80];
/** XZERO opcode bytes for a run of n zero registers. */
const xzero = (n: number) => [0x40 | ((n - 1) >> 8), (n - 1) & 0xff];
/** VAL opcode: value 1..32, run 1..4. */
const val = (value: number, run: number) => 0x80 | ((value - 1) << 2) | (run - 1);

const hll = (...bytes: number[]) => Buffer.from(bytes);

runScenarios('hyperloglog: PFADD, PFCOUNT', options, [
  { name: 'a new HLL is sparse and has Redis bytes', steps: [
    ['PFADD', 'h'], ['GET', 'h'], ['PFADD', 'h'], ['PFCOUNT', 'h'], ['PFADD', 'h', 'a'], ['GET', 'h'], ['PFADD', 'h', 'a'], ['PFADD', 'h', 'b', 'c', 'a'],
    ['GET', 'h'], ['PFCOUNT', 'h'], ['GET', 'h'], ['PFADD', 'h', 'd'], ['GET', 'h'], ['PFCOUNT', 'h'], ['OBJECT', 'ENCODING', 'h'], ['STRLEN', 'h'],
  ] },
  { name: 'binary and empty elements', steps: [
    ['PFADD', 'h', '', Buffer.from([0]), Buffer.from([255, 0, 1]), 'x'.repeat(100), Buffer.alloc(17, 0xfe)], ['GET', 'h'], ['PFCOUNT', 'h'],
  ] },
  { name: 'hundreds of elements stay sparse', steps: [
    ['PFADD', 'h', ...elements('e', 300)], ['GET', 'h'], ['PFCOUNT', 'h'], ['PFDEBUG', 'ENCODING', 'h'], ['PFADD', 'h', ...elements('f', 200)], ['GET', 'h'], ['PFCOUNT', 'h'],
  ] },
  { name: 'thousands of elements promote to dense', steps: [
    ['PFADD', 'h', ...elements('e', 3000)], ['PFDEBUG', 'ENCODING', 'h'], ['GET', 'h'], ['PFCOUNT', 'h'], ['GET', 'h'],
    ['PFADD', 'h', ...elements('x', 20000)], ['PFCOUNT', 'h'], ['GET', 'h'], ['STRLEN', 'h'],
  ] },
  { name: 'counts equal Redis counts at many sizes', steps: [1, 10, 100, 1000, 5000, 30000, 100000].flatMap((n): Step[] => [
    ['DEL', 'h'], ['PFADD', 'h', ...elements(`n${n}-`, n)], ['PFCOUNT', 'h'],
  ]) },
  { name: 'PFCOUNT of several keys is the union', steps: [
    ['PFADD', 'a', ...elements('e', 500)], ['PFADD', 'b', ...elements('e', 500, 250)], ['PFADD', 'c', ...elements('z', 5000)],
    ['PFCOUNT', 'a', 'b'], ['PFCOUNT', 'a', 'b', 'c'], ['PFCOUNT', 'a', 'nope'], ['PFCOUNT', 'nope', 'nope2'], ['GET', 'a'], ['PFCOUNT', 'a', 'a'],
  ] },
  { name: 'errors: other types and strings that are not HLLs', steps: [
    ['PFCOUNT', 'nope'], ['SET', 's', 'foo'], ['PFADD', 's', 'a'], ['PFCOUNT', 's'], ['PFCOUNT', 's', 'nope'], ['LPUSH', 'l', 'a'], ['PFADD', 'l', 'a'],
    ['PFCOUNT', 'l'], ['PFCOUNT', 'nope', 'l'], ['SET', 'i', '1234567890123456789'], ['PFADD', 'i', 'a'], ['SET', 'x', 'HYLLxxxxxxxxxxxxxxxxxx'], ['PFADD', 'x', 'a'],
    ['SET', 'd', hll(...header(0), 0, 0)], ['PFCOUNT', 'd'], ['SET', 'e', hll(...header(2), ...xzero(16384))], ['PFCOUNT', 'e'], ['SET', 't', hll(...header(1).slice(0, 15))], ['PFADD', 't'],
    ['PFCOUNT'], ['PFADD'],
  ] },
  { name: 'corrupted sparse HLLs', steps: [
    ['SET', 'h', hll(...header(1, STALE), ...xzero(16383))], ['PFCOUNT', 'h'], ['GET', 'h'], ['PFCOUNT', 'h', 'h'],
    ['SET', 'h', hll(...header(1), ...xzero(16383))], ['PFCOUNT', 'h'], ['OBJECT', 'ENCODING', 'h'],
    ['SET', 'v', hll(...header(1, STALE), ...xzero(16383), val(3, 4))], ['PFCOUNT', 'v'], ['PFCOUNT', 'v', 'nope'],
    ['SET', 'w', hll(...header(1, STALE), ...xzero(16384), val(2, 1))], ['PFCOUNT', 'w'], ['PFADD', 'w', 'a', 'b', 'c'], ['GET', 'w'],
    ['SET', 'z', hll(...header(1, STALE))], ['PFCOUNT', 'z'], ['PFADD', 'z', 'a'], ['SET', 'y', hll(...header(1, STALE), 0x40)], ['PFCOUNT', 'y'], ['PFADD', 'y', 'a'],
  ] },
  { name: 'a cached cardinality is trusted', steps: [
    ['PFADD', 'h', 'a', 'b'], ['PFCOUNT', 'h'], ['SETRANGE', 'h', '8', Buffer.from([7, 0, 0, 0, 0, 0, 0, 0])], ['PFCOUNT', 'h'],
    ['SETRANGE', 'h', '8', Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])], ['PFCOUNT', 'h'], ['SETRANGE', 'h', '15', Buffer.from([0x80])], ['PFCOUNT', 'h'], ['GET', 'h'],
  ] },
  { name: 'sparse values above 32 promote to dense', steps: [
    ['SET', 'h', hll(...header(1, STALE), ...xzero(100), val(32, 1), ...xzero(16283))], ['PFCOUNT', 'h'], ['PFADD', 'h', 'a'], ['PFDEBUG', 'ENCODING', 'h'],
    ['PFDEBUG', 'GETREG', 'h'],
  ] },
  { name: 'PFADD and PFCOUNT make the value raw and keep the TTL', steps: [
    ['PFADD', 'h', 'a'], ['SET', 'c', 'x'], ['GET', 'h'], ['PFADD', 'h', 'b'], ['EXPIRE', 'h', '100'], ['PFADD', 'h', 'c'], ['TTL', 'h'],
    ['PFCOUNT', 'h'], ['TTL', 'h'], ['OBJECT', 'ENCODING', 'h'],
  ] },
]);

runScenarios('hyperloglog: copies of HLL bytes', options, [
  { name: 'an HLL written with SET is an embstr until a PF command unshares it', steps: [
    ['SET', 'h', hll(...header(1), ...xzero(8436), val(1, 1), ...xzero(4274), val(2, 1), ...xzero(3068), val(1, 1), ...xzero(603))],
    ['OBJECT', 'ENCODING', 'h'], ['PFCOUNT', 'h'], ['OBJECT', 'ENCODING', 'h'], ['GET', 'h'],
    ['SET', 'g', hll(...header(1, STALE), ...xzero(8436), val(1, 1), ...xzero(4274), val(2, 1), ...xzero(3068), val(1, 1), ...xzero(603))],
    ['PFCOUNT', 'g'], ['GET', 'g'], ['PFADD', 'g', 'a', 'b', 'c', 'd'], ['GET', 'g'], ['SET', 'f', hll(...header(1), ...xzero(16384))], ['PFADD', 'f'],
    ['OBJECT', 'ENCODING', 'f'], ['SET', 'f', hll(...header(1), ...xzero(16384))], ['PFDEBUG', 'ENCODING', 'f'], ['OBJECT', 'ENCODING', 'f'],
  ] },
]);

runScenarios('hyperloglog: PFMERGE', options, [
  { name: 'merges into a new or existing key', steps: [
    ['PFADD', 'a', ...elements('e', 100)], ['PFADD', 'b', ...elements('e', 100, 50)], ['PFMERGE', 'd', 'a', 'b'], ['PFCOUNT', 'd'], ['GET', 'd'],
    ['PFMERGE', 'a', 'b'], ['PFCOUNT', 'a'], ['GET', 'a'], ['PFMERGE', 'n'], ['GET', 'n'], ['PFMERGE', 'm', 'nope'], ['GET', 'm'], ['PFDEBUG', 'ENCODING', 'm'],
  ] },
  { name: 'dense inputs make a dense result', steps: [
    ['PFADD', 'a', ...elements('e', 5000)], ['PFADD', 'b', 'x', 'y'], ['PFMERGE', 'b', 'a'], ['PFDEBUG', 'ENCODING', 'b'], ['PFCOUNT', 'b'], ['GET', 'b'],
    ['PFADD', 's', 'q'], ['PFMERGE', 'd', 's', 'a'], ['GET', 'd'], ['PFMERGE', 'a', 's'], ['GET', 'a'],
  ] },
  { name: 'merging many sparse HLLs promotes when too large', steps: [
    ['PFADD', 'a', ...elements('a', 800)], ['PFADD', 'b', ...elements('b', 800)], ['PFADD', 'c', ...elements('c', 800)], ['PFMERGE', 'd', 'a', 'b', 'c'],
    ['PFDEBUG', 'ENCODING', 'd'], ['GET', 'd'], ['PFCOUNT', 'd'],
  ] },
  { name: 'errors', steps: [
    ['SET', 's', 'foo'], ['PFADD', 'h', 'a'], ['PFMERGE', 'h', 's'], ['PFMERGE', 's', 'h'], ['LPUSH', 'l', 'a'], ['PFMERGE', 'h', 'l'], ['PFMERGE', 'l', 'h'],
    ['SET', 'c', hll(...header(1, STALE), ...xzero(16383))], ['PFMERGE', 'h', 'c'], ['PFMERGE', 'new', 'c'], ['EXISTS', 'new'], ['PFMERGE'],
  ] },
  { name: 'keeps the TTL of the target', steps: [['PFADD', 'h', 'a'], ['EXPIRE', 'h', '100'], ['PFMERGE', 'h'], ['TTL', 'h']] },
]);

runScenarios('hyperloglog: PFDEBUG', options, [
  { name: 'subcommands', steps: [
    ['PFADD', 'h', 'a', 'b', 'c'], ['PFDEBUG', 'DECODE', 'h'], ['PFDEBUG', 'ENCODING', 'h'], ['PFDEBUG', 'TODENSE', 'h'], ['PFDEBUG', 'TODENSE', 'h'],
    ['PFDEBUG', 'ENCODING', 'h'], ['PFDEBUG', 'DECODE', 'h'], ['GET', 'h'], ['PFADD', 'g', 'x'], ['PFDEBUG', 'GETREG', 'g'], ['PFDEBUG', 'encoding', 'g'], ['GET', 'g'],
  ] },
  { name: 'errors', steps: [
    ['PFDEBUG', 'ENCODING', 'nope'], ['PFDEBUG', 'FOO', 'nope'], ['SET', 's', 'x'], ['PFDEBUG', 'FOO', 's'], ['PFADD', 'h', 'a'], ['PFDEBUG', 'FOO', 'h'],
    ['PFDEBUG', 'GETREG'], ['PFDEBUG', 'GETREG', 'h', 'x'], ['SET', 'c', hll(...header(1, STALE), ...xzero(16383))], ['PFDEBUG', 'TODENSE', 'c'], ['PFDEBUG', 'DECODE', 'c'],
    ['PFDEBUG', 'GETREG', 'c'], ['SET', 'e', hll(...header(1), ...xzero(16384))], ['OBJECT', 'ENCODING', 'e'], ['PFDEBUG', 'FOO', 'e'], ['OBJECT', 'ENCODING', 'e'],
  ] },
]);

runScenarios('hyperloglog: hll-sparse-max-bytes', optionsWith({ 'hll-sparse-max-bytes': '200' }), [
  { name: 'a small limit promotes early', steps: [
    ['CONFIG', 'GET', 'hll-sparse-max-bytes'], ['PFADD', 'h', ...elements('e', 40)], ['PFDEBUG', 'ENCODING', 'h'], ['GET', 'h'],
    ['PFADD', 'h', ...elements('f', 40)], ['PFDEBUG', 'ENCODING', 'h'], ['GET', 'h'], ['PFCOUNT', 'h'],
  ] },
  { name: 'CONFIG SET changes the limit', steps: [
    ['CONFIG', 'SET', 'hll-sparse-max-bytes', '0'], ['PFADD', 'h', 'a'], ['PFDEBUG', 'ENCODING', 'h'], ['CONFIG', 'SET', 'hll-sparse-max-bytes', '3kb'],
    ['CONFIG', 'GET', 'hll-sparse-max-bytes'], ['PFADD', 'g', ...elements('e', 500)], ['PFDEBUG', 'ENCODING', 'g'], ['CONFIG', 'SET', 'hll-sparse-max-bytes', '-1'],
    ['CONFIG', 'SET', 'hll-sparse-max-bytes', 'abc'],
  ] },
]);

runScenarios('hyperloglog: runs past the last register', options, [
  { name: 'a VAL run ending past register 16383 is corrupt', steps: [
    ['SET', 'v', hll(...header(1, STALE), ...xzero(16382), val(3, 4))], ['PFCOUNT', 'v'], ['PFCOUNT', 'v', 'nope'], ['PFMERGE', 'd', 'v'], ['PFDEBUG', 'TODENSE', 'v'],
    ['SET', 'w', hll(...header(1, STALE), ...xzero(16384), val(17, 4))], ['PFCOUNT', 'w'], ['PFCOUNT', 'w', 'w'], ['PFMERGE', 'w'], ['PFDEBUG', 'GETREG', 'w'],
    ['SET', 'z', hll(...header(1, STALE), ...xzero(16380), 0x05)], ['PFCOUNT', 'z'], ['PFCOUNT', 'z', 'nope'], ['PFMERGE', 'z'],
    ['PFADD', 'h', 'a'], ['APPEND', 'h', Buffer.from([0xc3])], ['PFCOUNT', 'h', 'nope'], ['PFADD', 'h', 'b'], ['PFCOUNT', 'h'],
  ] },
]);

// PFSELFTEST runs ten million additions in one go, as Redis does: seconds of CPU time,
// many times that on a busy machine, so its reply is awaited for up to two minutes.
runScenarios('hyperloglog: PFSELFTEST', options, [
  { name: 'PFSELFTEST passes, with its arity and metadata', testTimeoutMs: 300_000, steps: [
    ['PFADD', 'h', 'a'], { cmd: ['PFSELFTEST'], async: true }, { await: 'a', timeoutMs: 120_000 }, ['PFCOUNT', 'h'], ['PFSELFTEST', 'x'],
    ['COMMAND', 'INFO', 'PFSELFTEST'], ['COMMAND', 'DOCS', 'PFSELFTEST'], ['COMMAND', 'GETKEYS', 'PFSELFTEST'],
    { cmd: ['ACL', 'CAT', 'hyperloglog'], compare: 'unordered' },
  ] },
]);
