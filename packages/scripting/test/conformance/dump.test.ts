import { runScenarios } from '@fakeredis/tooling/conformance';
import { RdbWriter, withFooter } from '../../src/functions/rdb.js';
import { options } from './server.js';

// FUNCTION DUMP and RESTORE against redis-server 7.0, RESP2 and RESP3. A DUMP with one
// library is compared byte for byte (with several, Redis writes them in its dicts' hash
// order); the payloads given to RESTORE are built here with the package's RDB writer and
// checked by the real server too (its checksum, LZF and opcodes).

const FLUSH = ['FUNCTION', 'FLUSH'];
const lib = (name: string, code: string): string => `#!lua name=${name}\n${code}`;
const fn = (name: string, value: string | number): string => `redis.register_function('${name}', function() return ${typeof value === 'number' ? value : `'${value}'`} end)`;

const A = lib('a', fn('f', 1));
const A2 = lib('a', fn('f', 2));
const B = lib('b', fn('g', 'b'));
const B_CLASH = lib('b', fn('f', 'clash'));
const LONG = lib('long', [1, 2, 3, 4, 5, 6].map((i) => fn(`r${i}`, 'x'.repeat(40 * i))).join('\n'));
/** Code LZF cannot shorten by 4 bytes: stored as it is. */
const RANDOM = lib('rnd', `${fn('rnd', 'q')}\n-- ${Array.from({ length: 60 }, (_, i) => String.fromCharCode(33 + ((i * 37) % 90))).join('')}`);

/** A payload: each string as RDB_OPCODE_FUNCTION2 and an RDB string, or raw bytes, then the footer. */
function payload(parts: Array<string | number[]>, options: { version?: number; compress?: boolean } = {}): Buffer {
  const writer = new RdbWriter(options.compress ?? true);
  for (const part of parts) {
    if (typeof part === 'string') {
      writer.bytes([245]);
      writer.string(Buffer.from(part, 'latin1'));
    } else {
      writer.bytes(part);
    }
  }
  return Buffer.from(withFooter(writer.result(), options.version));
}

/** An RDB string of raw bytes (length-prefixed, 6-bit length). */
const rdbString = (s: string): number[] => [s.length, ...Buffer.from(s, 'latin1')];

const RESTORE = (p: Buffer, ...policy: string[]): Array<string | Buffer> => ['FUNCTION', 'RESTORE', p, ...policy];

runScenarios('scripting: FUNCTION DUMP and RESTORE', options, [
  { name: 'DUMP payloads, byte for byte', steps: [
    FLUSH, ['FUNCTION', 'DUMP'],
    ['FUNCTION', 'LOAD', A], ['FUNCTION', 'DUMP'], FLUSH, ['FUNCTION', 'LOAD', LONG], ['FUNCTION', 'DUMP'],
    FLUSH, ['FUNCTION', 'LOAD', RANDOM], ['FUNCTION', 'DUMP'], FLUSH, ['FUNCTION', 'LOAD', lib('x', fn('x', 'a'.repeat(300)))], ['FUNCTION', 'DUMP'],
    FLUSH, ['FUNCTION', 'LOAD', lib('y', `${fn('y', 1)}\n${'-- abcabcabcabc\n'.repeat(200)}`)], ['FUNCTION', 'DUMP'],
    ['CONFIG', 'SET', 'rdbcompression', 'no'], ['FUNCTION', 'DUMP'], ['CONFIG', 'SET', 'rdbcompression', 'yes'],
  ] },
  { name: 'RESTORE with each policy', steps: [
    FLUSH, RESTORE(payload([A])), ['FCALL', 'f', '0'], RESTORE(payload([A])), RESTORE(payload([A]), 'APPEND'), RESTORE(payload([A2]), 'replace'),
    ['FCALL', 'f', '0'], RESTORE(payload([B])), ['FCALL', 'g', '0'], { cmd: ['FUNCTION', 'LIST'], compare: 'unordered' },
    RESTORE(payload([B_CLASH]), 'REPLACE'), ['FCALL', 'f', '0'], ['FCALL', 'g', '0'], RESTORE(payload([lib('c', fn('F', 'c'))])), RESTORE(payload([lib('c', fn('g', 'c'))]), 'REPLACE'),
    RESTORE(payload([A, B]), 'REPLACE'), ['FCALL', 'g', '0'], RESTORE(payload([lib('c', fn('c', 'c'))]), 'FLUSH'), ['FCALL', 'f', '0'], ['FCALL', 'c', '0'],
    ['FUNCTION', 'STATS'], RESTORE(payload([]), 'FLUSH'), ['FUNCTION', 'STATS'], RESTORE(payload([LONG, RANDOM])), ['FCALL', 'r6', '0'], ['FCALL', 'rnd', '0'],
    RESTORE(payload([A], { compress: false })), ['FCALL', 'f', '0'], RESTORE(payload([A, A])), ['FUNCTION', 'STATS'],
  ] },
  { name: 'RESTORE errors', steps: [
    FLUSH, ['FUNCTION', 'LOAD', A],
    RESTORE(payload([B]), 'bogus'), RESTORE(payload([B]), 'FLUSH', 'x'), ['FUNCTION', 'RESTORE'], RESTORE(Buffer.alloc(0)), RESTORE(Buffer.from('short')),
    RESTORE(Buffer.from('0123456789')), RESTORE(payload([B], { version: 11 })), RESTORE(payload([B], { version: 9 })), ['FCALL', 'g', '0'],
    RESTORE(Buffer.concat([payload([lib('d', fn('d', 1))]).subarray(0, -1), Buffer.from([0])])),
    RESTORE(payload([[0, ...rdbString('k'), ...rdbString('v')]])), RESTORE(payload([[245]])), RESTORE(payload([[245, 0x3f]])), RESTORE(payload([[245, 0xc0, 5]])),
    RESTORE(payload([[245, 0xc4]])), RESTORE(payload([[245, 0xc3, 5, 10, 1, 2, 3, 4, 5]])), RESTORE(payload([[245, 0x80, 0, 0, 0, 3, 0x61]])),
    RESTORE(payload([lib('e', 'return 1 +')])), RESTORE(payload([lib('e', 'local x = 1')])), RESTORE(payload(['no header'])), RESTORE(payload([`#!lua name=e`])),
    RESTORE(payload([lib('e', 'local i = 0 while i < 10 do i = i + 1 end redis.register_function("e", function() return i end)')])), ['FCALL', 'e', '0'],
    RESTORE(payload([lib('f2', 'string.len("x")')])), ['FUNCTION', 'STATS'],
  ] },
  { name: 'RESTORE of the 7.0-rc format (RDB_OPCODE_FUNCTION)', steps: [
    FLUSH,
    RESTORE(payload([[246, ...rdbString('old'), ...rdbString('LUA'), 0, ...rdbString(`\n${fn('old', 'old')}`)]])), ['FCALL', 'old', '0'],
    RESTORE(payload([[246, ...rdbString('old2'), ...rdbString('lua'), 1, ...rdbString('described'), ...rdbString(`\n${fn('old2', 2)}`)]])), ['FCALL', 'old2', '0'],
    ['FUNCTION', 'LIST', 'LIBRARYNAME', 'old2', 'WITHCODE'], RESTORE(payload([[246, ...rdbString('old3'), ...rdbString('js'), 0, ...rdbString('x')]])),
    RESTORE(payload([[246, ...rdbString('old4')]])), RESTORE(payload([[246, ...rdbString('old4'), ...rdbString('lua')]])),
    RESTORE(payload([[246, ...rdbString('old4'), ...rdbString('lua'), 1]])), RESTORE(payload([[246, ...rdbString('old4'), ...rdbString('lua'), 0]])),
  ] },
]);
