import { coreMixins, FakeServer, serverProfile } from '@fakeredis/core';
import { StringCommands } from '@fakeredis/strings';
import type { CommandStep, Scenario, Wire } from '@fakeredis/tooling/conformance';
import { referenceEnv, runReferenceScenarios } from '@fakeredis/tooling/conformance/reference';
import { VectorSetCommands } from '../../src/vectorset/index.js';

/**
 * Redis 8's vector sets against redis-server 8.0.6 and 8.6.3 (built locally, named by
 * FAKEREDIS_REDIS_8_0 / FAKEREDIS_REDIS_8_6; skipped without them). The sets stay smaller
 * than VSIM's exploration factor, where Redis's HNSW search finds every element, so
 * results and scores are compared exactly. Elements at exactly the same distance come in
 * the order Redis's graph walk meets them, which the fake does not model: such ties are
 * compared with TRUTH (a linear scan) only. VLINKS, VINFO's max-level and random picks
 * depend on Redis's random levels and graph and are left out.
 */

const mixins = [...coreMixins, StringCommands, VectorSetCommands];

/** `n` pseudo-random components in -1..1 with 3 decimals, from a seed. */
function components(n: number, seed: number): string[] {
  const out: string[] = [];
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 48271) % 2147483647;
    out.push(String(((x % 2001) - 1000) / 1000));
  }
  return out;
}

const values = (n: number, seed: number): string[] => ['VALUES', String(n), ...components(n, seed)];

function fp32(...xs: number[]): Buffer {
  const b = Buffer.alloc(xs.length * 4);
  xs.forEach((x, i) => b.writeFloatLE(x, i * 4));
  return b;
}

/** VADDs of `count` elements e0.. of dimension `dim`, with extra options. */
function adds(key: string, count: number, dim: number, seed: number, ...options: string[]): string[][] {
  return Array.from({ length: count }, (_, i) => ['VADD', key, ...values(dim, seed + i * 7919), `e${i}`, ...options]);
}

const INFO_FIELDS = ['VCARD', 'VDIM'] as const;

/**
 * VINFO with max-level (the random levels Redis drew) and vset-uid (a count of the sets
 * the process made so far) masked, after checking their form.
 */
function maskVinfo(reply: Wire): Wire {
  const masked = (name: string, value: Wire): Wire => {
    if (name !== 'max-level' && name !== 'vset-uid') return value;
    if (value.t !== 'int' || !/^\d+$/.test(value.v)) throw new Error(`VINFO ${name}: ${JSON.stringify(value)}`);
    return { t: 'int', v: 'N' };
  };
  const name = (w: Wire): string => ('v' in w && typeof w.v === 'string' ? w.v : '');
  if (reply.t === 'map') return { t: 'map', v: reply.v.map(([k, v]) => [k, masked(name(k), v)]) };
  if (reply.t === 'array') return { t: 'array', v: reply.v.map((v, i) => (i % 2 === 1 ? masked(name(reply.v[i - 1]!), v) : v)) };
  return reply;
}

/** COMMAND DOCS without the summaries (prose the command metadata files do not hold). */
function withoutSummaries(reply: Wire): Wire {
  const isSummary = (w: Wire | undefined): boolean => w !== undefined && (w.t === 'bulk' || w.t === 'simple') && w.v === 'summary';
  if (reply.t === 'map') return { t: 'map', v: reply.v.filter(([k]) => !isSummary(k)).map(([k, v]) => [k, withoutSummaries(v)]) };
  if (reply.t !== 'array') return reply;
  const out: Wire[] = [];
  for (let i = 0; i < reply.v.length; i++) {
    if (reply.v.length % 2 === 0 && i % 2 === 0 && isSummary(reply.v[i])) {
      i++;
      continue;
    }
    out.push(withoutSummaries(reply.v[i]!));
  }
  return { t: 'array', v: out };
}

const vinfo = (key: string): CommandStep => ({ cmd: ['VINFO', key], compare: { map: maskVinfo } });

const COMMANDS = ['VADD', 'VREM', 'VSIM', 'VDIM', 'VCARD', 'VEMB', 'VSETATTR', 'VGETATTR', 'VINFO', 'VRANDMEMBER', 'VISMEMBER'];

const scenarios: Scenario[] = [
  {
    name: 'VADD, VCARD, VDIM, VISMEMBER, VEMB of Q8 vectors, TYPE and encoding',
    steps: [
      ['VADD', 'v', 'VALUES', '3', '1', '2', '3', 'a'],
      ['VADD', 'v', 'VALUES', '3', '1', '2', '3', 'a'],
      ['VADD', 'v', 'VALUES', '3', '-0.5', '0.25', '100', 'b'],
      ['VADD', 'v', 'values', '3', '0', '0', '0', 'zero'],
      ['VADD', 'v', 'VALUES', '3', '1e-3', '-7', '3.3333', 'c'],
      ...INFO_FIELDS.map((cmd) => [cmd, 'v']),
      ['VISMEMBER', 'v', 'a'], ['VISMEMBER', 'v', 'nope'], ['VISMEMBER', 'nokey', 'a'],
      ['VEMB', 'v', 'a'], ['VEMB', 'v', 'b'], ['VEMB', 'v', 'zero'], ['VEMB', 'v', 'c'], ['VEMB', 'v', 'c', 'RAW'], ['VEMB', 'v', 'zero', 'raw'],
      ['VEMB', 'v', 'nope'], ['VEMB', 'nokey', 'a'], ['VEMB', 'v', 'a', 'junk'], ['VEMB', 'nokey', 'a', 'junk'],
      ['TYPE', 'v'], ['OBJECT', 'ENCODING', 'v'], ['VCARD', 'nokey'], ['VDIM', 'nokey'],
    ],
  },
  {
    name: 'NOQUANT and BIN sets: VEMB, RAW, VSIM scores',
    steps: [
      ['VADD', 'f', 'VALUES', '4', '1', '2', '3', '4', 'a', 'NOQUANT'],
      ['VADD', 'f', 'VALUES', '4', '-1', '0.5', '3', '-4', 'b', 'NOQUANT'],
      ['VADD', 'f', 'FP32', fp32(0.1, 0.25, 0.3, 0.4), 'c', 'NOQUANT'],
      ['VEMB', 'f', 'a'], ['VEMB', 'f', 'b'], ['VEMB', 'f', 'c'], ['VEMB', 'f', 'b', 'RAW'],
      ['VSIM', 'f', 'VALUES', '4', '1', '1', '1', '1', 'WITHSCORES', 'TRUTH'],
      ['VSIM', 'f', 'VALUES', '4', '1', '1', '1', '0.9', 'WITHSCORES'],
      ['VSIM', 'f', 'ELE', 'b', 'WITHSCORES'],
      ['VADD', 'bn', 'VALUES', '5', '1', '-2', '3', '0', '5', 'a', 'BIN'],
      ['VADD', 'bn', 'VALUES', '5', '-1', '-2', '3', '4', '5', 'b', 'BIN'],
      ['VEMB', 'bn', 'a'], ['VEMB', 'bn', 'b', 'RAW'],
      ['VSIM', 'bn', 'VALUES', '5', '1', '1', '1', '1', '1', 'WITHSCORES', 'TRUTH'],
      ['VADD', 'bn', 'VALUES', '5', '1', '1', '1', '1', '1', 'c'],
      ['VADD', 'bn', 'VALUES', '5', '1', '1', '1', '1', '1', 'c', 'NOQUANT'],
      ['VADD', 'f', 'VALUES', '4', '1', '1', '1', '1', 'c', 'BIN'],
      ['VADD', 'f', 'VALUES', '4', '1', '1', '1', '1', 'c', 'Q8'],
      ['VADD', 'f', 'VALUES', '4', '1', '1', '1', '1', 'd', 'NOQUANT', 'Q8'],
      ['VADD', 'f', 'VALUES', '4', '1', '1', '1', '1', 'd', 'Q8', 'NOQUANT'],
      ['VCARD', 'f'],
    ],
  },
  {
    name: 'special floats: NaN, infinities, subnormals, -0, huge and tiny components',
    steps: [
      ['VADD', 'q', 'FP32', fp32(NaN, 1, 2), 'nan'], ['VADD', 'q', 'FP32', fp32(Infinity, 1, 2), 'inf'], ['VADD', 'q', 'FP32', fp32(1e-45, -1e-45, 0), 'sub'],
      ['VADD', 'q', 'FP32', fp32(-0, 0, -0), 'negzero'], ['VADD', 'q', 'VALUES', '3', '1e38', '-3e38', '1', 'huge'], ['VADD', 'q', 'VALUES', '3', '1e-39', '2e-39', '0', 'tiny'],
      ['VADD', 'q', 'VALUES', '3', '1e300', '1', '1', 'over'],
      ['VEMB', 'q', 'nan'], ['VEMB', 'q', 'inf'], ['VEMB', 'q', 'sub'], ['VEMB', 'q', 'negzero'], ['VEMB', 'q', 'huge'], ['VEMB', 'q', 'tiny'], ['VEMB', 'q', 'over'],
      ['VEMB', 'q', 'huge', 'RAW'], ['VEMB', 'q', 'tiny', 'RAW'], ['VEMB', 'q', 'nan', 'RAW'],
      ['VSIM', 'q', 'VALUES', '3', '1', '1', '1', 'WITHSCORES', 'TRUTH', 'COUNT', '20'],
      ['VADD', 'f', 'FP32', fp32(NaN, 1, 2), 'nan', 'NOQUANT'], ['VADD', 'f', 'FP32', fp32(1e-45, -1e-45, 0), 'sub', 'NOQUANT'], ['VADD', 'f', 'VALUES', '3', '1e38', '-3e38', '1', 'huge', 'NOQUANT'],
      ['VEMB', 'f', 'nan'], ['VEMB', 'f', 'sub'], ['VEMB', 'f', 'huge'], ['VEMB', 'f', 'huge', 'RAW'],
      ['VSIM', 'f', 'VALUES', '3', '1', '1', '1', 'WITHSCORES', 'TRUTH'],
    ],
  },
  {
    name: 'VSIM over 40 Q8 vectors of 24 dimensions: VALUES, FP32, ELE, COUNT, EPSILON, EF, TRUTH, NOTHREAD',
    steps: [
      ...adds('s', 40, 24, 11),
      ['VSIM', 's', ...values(24, 5), 'WITHSCORES'],
      ['VSIM', 's', ...values(24, 5), 'COUNT', '40', 'WITHSCORES'],
      ['VSIM', 's', ...values(24, 6), 'COUNT', '100'],
      ['VSIM', 's', 'ELE', 'e3', 'WITHSCORES', 'COUNT', '5'],
      ['VSIM', 's', 'ELE', 'e3', 'COUNT', '5', 'TRUTH'],
      ['VSIM', 's', 'ELE', 'e7', 'NOTHREAD', 'EF', '500', 'WITHSCORES'],
      ['VSIM', 's', ...values(24, 8), 'EPSILON', '0.5', 'WITHSCORES', 'COUNT', '40'],
      ['VSIM', 's', ...values(24, 8), 'EPSILON', '0.2', 'WITHSCORES', 'COUNT', '40'],
      ['VSIM', 's', 'FP32', fp32(...components(24, 9).map(Number)), 'WITHSCORES', 'COUNT', '3'],
      ['VSIM', 's', 'VALUES', '24', ...Array(24).fill('0'), 'WITHSCORES', 'COUNT', '3', 'TRUTH'],
    ],
  },
  {
    name: 'dimensions past the SIMD widths: 70 and 130 components, Q8 and NOQUANT',
    steps: [
      ...adds('q', 12, 70, 3),
      ...adds('n', 12, 130, 5, 'NOQUANT'),
      ...adds('n16', 8, 16, 17, 'NOQUANT'),
      ...adds('n33', 8, 33, 19, 'NOQUANT'),
      ['VSIM', 'q', ...values(70, 1), 'WITHSCORES', 'COUNT', '12'],
      ['VSIM', 'q', 'ELE', 'e4', 'WITHSCORES', 'COUNT', '12'],
      ['VSIM', 'n', ...values(130, 2), 'WITHSCORES', 'COUNT', '12'],
      ['VSIM', 'n', 'ELE', 'e4', 'WITHSCORES', 'COUNT', '12'],
      ['VSIM', 'n16', ...values(16, 2), 'WITHSCORES', 'COUNT', '12'],
      ['VSIM', 'n33', ...values(33, 2), 'WITHSCORES', 'COUNT', '12'],
      ['VEMB', 'q', 'e1'], ['VEMB', 'n', 'e2'], ['VEMB', 'n33', 'e2'],
    ],
  },
  {
    name: 'attributes: SETATTR, VSETATTR, VGETATTR, WITHATTRIBS, an update keeps them',
    steps: [
      ['VADD', 'v', 'VALUES', '2', '1', '0', 'a', 'SETATTR', '{"n":1}'],
      ['VADD', 'v', 'VALUES', '2', '0', '1', 'b'],
      ['VADD', 'v', 'VALUES', '2', '1', '1', 'c', 'SETATTR', ''],
      ['VGETATTR', 'v', 'a'], ['VGETATTR', 'v', 'b'], ['VGETATTR', 'v', 'c'], ['VGETATTR', 'v', 'nope'], ['VGETATTR', 'nokey', 'a'],
      ['VSIM', 'v', 'VALUES', '2', '1', '0.1', 'WITHATTRIBS'],
      ['VSIM', 'v', 'VALUES', '2', '1', '0.1', 'WITHSCORES', 'WITHATTRIBS'],
      ['VSIM', 'v', 'VALUES', '2', '1', '0.1', 'WITHATTRIBS', 'WITHSCORES', 'COUNT', '2'],
      ['VSETATTR', 'v', 'b', '{"n":2,"s":"x"}'], ['VSETATTR', 'v', 'a', ''], ['VSETATTR', 'v', 'nope', '{}'], ['VSETATTR', 'nokey', 'a', '{}'],
      ['VGETATTR', 'v', 'a'], ['VGETATTR', 'v', 'b'],
      ['VADD', 'v', 'VALUES', '2', '0.5', '1', 'b'], ['VGETATTR', 'v', 'b'],
      ['VADD', 'v', 'VALUES', '2', '0.5', '1', 'b', 'SETATTR', '{"n":3}'], ['VGETATTR', 'v', 'b'],
      ['VADD', 'v', 'VALUES', '2', '0.5', '1', 'b', 'SETATTR', ''], ['VGETATTR', 'v', 'b'],
      ['VSIM', 'v', 'ELE', 'a', 'WITHSCORES', 'WITHATTRIBS'],
    ],
  },
  {
    name: 'VREM: the last element takes the key; VINFO fields but max-level',
    steps: [
      ['VADD', 'v', 'VALUES', '2', '1', '0', 'a', 'M', '8'],
      ['VADD', 'v', 'VALUES', '2', '0', '1', 'b', 'M', '8', 'SETATTR', '{}'],
      ['VREM', 'v', 'nope'], ['VREM', 'v', 'a'], ['VREM', 'v', 'a'], ['VCARD', 'v'], ['EXISTS', 'v'],
      ['VREM', 'v', 'b'], ['EXISTS', 'v'], ['VREM', 'v', 'b'], ['VREM', 'nokey', 'x'],
      ['VINFO', 'nokey'],
    ],
  },
  {
    name: 'VINFO: quantization, M, dimensions, projection, sizes, attributes, node ids (max-level and vset-uid masked)',
    steps: [
      ['VADD', 'q', 'VALUES', '3', '1', '2', '3', 'a'], vinfo('q'),
      ['VADD', 'q', 'VALUES', '3', '1', '2', '3', 'a', 'SETATTR', '{}'], ['VADD', 'q', 'VALUES', '3', '1', '2', '4', 'b'], vinfo('q'),
      ['VSETATTR', 'q', 'b', '{"a":1}'], ['VREM', 'q', 'a'], vinfo('q'),
      ['VADD', 'n', 'VALUES', '2', '1', '2', 'a', 'NOQUANT', 'M', '64'], vinfo('n'),
      ['VADD', 'b', 'REDUCE', '2', 'VALUES', '5', '1', '2', '3', '4', '5', 'a', 'BIN', 'M', '4'], vinfo('b'),
      ['MEMORY', 'USAGE', 'q'], ['MEMORY', 'USAGE', 'n'], ['MEMORY', 'USAGE', 'b'],
    ],
  },
  {
    name: 'MEMORY USAGE: element and attribute sizes (the first 20 of the list sampled), M, quantization, projection',
    steps: [
      ...Array.from({ length: 25 }, (_, i) => ['VADD', 'm', ...values(8, i + 1), `${'e'.repeat(i * 3)}${i}`, ...(i % 3 === 0 ? ['SETATTR', `{"i":${'1'.repeat(i * 2 + 1)}}`] : [])]),
      ['MEMORY', 'USAGE', 'm'], ['MEMORY', 'USAGE', 'm', 'SAMPLES', '0'], ['VREM', 'm', '0'], ['MEMORY', 'USAGE', 'm'],
      ['VADD', 'n', 'VALUES', '3', '1', '2', '3', 'x'.repeat(100), 'NOQUANT', 'M', '100'], ['MEMORY', 'USAGE', 'n'],
      ['VADD', 'r', 'REDUCE', '7', ...values(50, 3), 'a', 'BIN'], ['MEMORY', 'USAGE', 'r'],
    ],
  },
  {
    name: 'module and command introspection: MODULE LIST, COMMAND INFO, COMMAND DOCS (but summaries), GETKEYS, names in errors',
    steps: [
      ['MODULE', 'LIST'], ['CONFIG', 'GET', 'vset*'], ['COMMAND', 'INFO', ...COMMANDS], { cmd: ['COMMAND', 'DOCS', ...COMMANDS], compare: { map: withoutSummaries } },
      ['COMMAND', 'GETKEYS', 'VADD', 'k', 'VALUES', '1', '1', 'a'], ['vcard', 'x'], ['Vcard'],
      ['ACL', 'SETUSER', 'u', 'on', 'nopass', '~*', '-@all', '+vcard', '+VSIM'], { cmd: ['AUTH', 'u', 'x'], conn: 'b' }, { cmd: ['VCARD', 'k'], conn: 'b' },
      { cmd: ['vsim', 'k', 'ELE', 'a'], conn: 'b' }, { cmd: ['VADD', 'k', 'VALUES', '1', '1', 'a'], conn: 'b' }, ['ACL', 'GETUSER', 'u'], ['ACL', 'DELUSER', 'u'],
    ],
  },
  {
    name: 'MULTI and WATCH',
    steps: [
      ['WATCH', 'v'], { cmd: ['VADD', 'v', 'VALUES', '1', '1', 'a'], conn: 'b' }, ['MULTI'], ['VCARD', 'v'], ['EXEC'],
      ['WATCH', 'v'], { cmd: ['VSETATTR', 'v', 'nope', '{}'], conn: 'b' }, ['MULTI'], ['VCARD', 'v'], ['EXEC'],
      ['WATCH', 'v'], { cmd: ['VREM', 'v', 'nope'], conn: 'b' }, ['MULTI'], ['VCARD', 'v'], ['EXEC'],
      ['MULTI'], ['VADD', 'v', 'VALUES', '1', '2', 'b', 'CAS'], ['VSIM', 'v', 'ELE', 'b', 'WITHSCORES', 'TRUTH'], ['VADD', 'v', 'junk'], ['EXEC'],
    ],
  },
  {
    name: 'REDUCE: projection, VSIM with the input dimension and the reduced one',
    steps: [
      ['VADD', 'r', 'REDUCE', '3', ...values(8, 1), 'a'],
      ['VADD', 'r', 'REDUCE', '3', ...values(8, 2), 'b'],
      ['VADD', 'r', ...values(8, 3), 'c'],
      ['VADD', 'r', 'REDUCE', '4', ...values(8, 3), 'c'],
      ['VADD', 'r', 'REDUCE', '3', ...values(7, 3), 'c'],
      ['VADD', 'r', 'REDUCE', '3', ...values(3, 3), 'c'],
      ['VADD', 'x', ...values(3, 3), 'c'],
      ['VADD', 'x', 'REDUCE', '3', ...values(3, 3), 'd'],
      ['VADD', 'x', 'REDUCE', '2', ...values(3, 3), 'd'],
      ['VDIM', 'r'], ['VEMB', 'r', 'a'], ['VEMB', 'r', 'b'],
      ['VSIM', 'r', ...values(8, 4), 'WITHSCORES'],
      ['VSIM', 'r', ...values(3, 4), 'WITHSCORES'],
      ['VSIM', 'r', ...values(5, 4), 'WITHSCORES'],
      ['VSIM', 'r', 'ELE', 'a', 'WITHSCORES'],
      ['VADD', 'big', 'REDUCE', '9', ...values(8, 3), 'c'],
    ],
  },
  {
    name: 'VADD errors and their order',
    steps: [
      ['VADD', 'v'], ['VADD', 'v', 'VALUES', '1'], ['VADD', 'v', 'VALUES', '1', '1'],
      ['VADD', 'v', 'VALUES', '2', '1', 'a'], ['VADD', 'v', 'VALUES', '0', 'a', 'b'], ['VADD', 'v', 'VALUES', '-1', 'a', 'b'], ['VADD', 'v', 'VALUES', 'x', 'a', 'b'],
      ['VADD', 'v', 'VALUES', '1', 'nan', 'a'], ['VADD', 'v', 'VALUES', '1', 'inf', 'a', 'NOQUANT'], ['VADD', 'v', 'VALUES', '1', ' 1', 'a'],
      ['VADD', 'v', 'FP32', 'abc', 'a'], ['VADD', 'v', 'FP32', '', 'a'], ['VADD', 'v', 'XX', '1', 'a'], ['VADD', 'v', 'REDUCE', '0', 'VALUES', '1', '1', 'a'],
      ['VADD', 'v', 'REDUCE', 'x', 'VALUES', '1', '1', 'a'], ['VADD', 'v', 'REDUCE', '2', 'VALUES', '1', '1'],
      ['VADD', 'v', 'VALUES', '1', '1', 'a', 'EF'], ['VADD', 'v', 'VALUES', '1', '1', 'a', 'EF', '0'], ['VADD', 'v', 'VALUES', '1', '1', 'a', 'EF', '1000001'],
      ['VADD', 'v', 'VALUES', '1', '1', 'a', 'EF', 'x'], ['VADD', 'v', 'VALUES', '1', '1', 'a', 'M', '3'], ['VADD', 'v', 'VALUES', '1', '1', 'a', 'M', '4097'],
      ['VADD', 'v', 'VALUES', '1', '1', 'a', 'M'], ['VADD', 'v', 'VALUES', '1', '1', 'a', 'SETATTR'], ['VADD', 'v', 'VALUES', '1', '1', 'a', 'junk'],
      ['VADD', 'v', 'VALUES', '1', '1', 'a', 'cas', 'ef', '1000000', 'm', '4096', 'setattr', '{}'],
      ['VADD', 'v', 'VALUES', '1', '1', 'b'], ['VADD', 'v', 'VALUES', '1', '1', 'b', 'M', '4096'], ['VADD', 'v', 'VALUES', '2', '1', '1', 'b', 'M', '4096'],
      ['VADD', 'v', 'VALUES', '1', '1', 'b', 'M', '4096', 'NOQUANT'],
      ['SET', 's', 'x'], ['VADD', 's', 'VALUES', '1', '1', 'a'], ['VADD', 's', 'VALUES', '1', '1', 'a', 'junk'],
      ['VSIM', 's', 'ELE', 'a'], ['VCARD', 's'], ['VDIM', 's'], ['VEMB', 's', 'a'], ['VREM', 's', 'a'], ['VSETATTR', 's', 'a', '{}'], ['VGETATTR', 's', 'a'],
      ['VINFO', 's'], ['VRANDMEMBER', 's'], ['VISMEMBER', 's', 'a'],
      ['VCARD'], ['VCARD', 'a', 'b'], ['VDIM'], ['VREM', 'v'], ['VEMB', 'v'], ['VSETATTR', 'v', 'a'], ['VGETATTR', 'v'], ['VINFO'], ['VRANDMEMBER'],
      ['VRANDMEMBER', 'v', '1', '2'], ['VISMEMBER', 'v'], ['VSIM', 'v', 'ELE'],
    ],
  },
  {
    name: 'VSIM errors and their order',
    steps: [
      ['VSIM', 'nokey', 'junk', 'junk'], ['VSIM', 'nokey', 'ELE', 'a'],
      ['VADD', 'v', 'VALUES', '2', '1', '0', 'a'],
      ['VSIM', 'v', 'ELE', 'nope'], ['VSIM', 'v', 'junk', 'a'], ['VSIM', 'v', 'VALUES', '3', '1', '2', '3'], ['VSIM', 'v', 'VALUES', '2', '1'],
      ['VSIM', 'v', 'FP32', fp32(1)], ['VSIM', 'v', 'REDUCE', '1', 'VALUES', '2', '1', '2'],
      ['VSIM', 'v', 'ELE', 'a', 'COUNT'], ['VSIM', 'v', 'ELE', 'a', 'COUNT', '0'], ['VSIM', 'v', 'ELE', 'a', 'COUNT', 'x'],
      ['VSIM', 'v', 'ELE', 'a', 'EPSILON', '0'], ['VSIM', 'v', 'ELE', 'a', 'EPSILON', 'x'], ['VSIM', 'v', 'ELE', 'a', 'EF', '0'],
      ['VSIM', 'v', 'ELE', 'a', 'FILTER-EF', '0'], ['VSIM', 'v', 'ELE', 'a', 'FILTER-EF', '1'], ['VSIM', 'v', 'ELE', 'a', 'junk'],
      ['VSIM', 'v', 'ELE', 'a', 'FILTER'], ['VSIM', 'v', 'ELE', 'a', 'FILTER', '.a ='], ['VSIM', 'v', 'ELE', 'a', 'FILTER', '(.a'],
      ['VSIM', 'v', 'ELE', 'a', 'FILTER', '.a == "x'], ['VSIM', 'v', 'ELE', 'a', 'FILTER', '.a == 1e'], ['VSIM', 'v', 'ELE', 'a', 'FILTER', '.a == @'],
      ['VSIM', 'v', 'ELE', 'a', 'FILTER', '.a ==  [1, x]'], ['VSIM', 'v', 'ELE', 'a', 'FILTER', '.a + + 1'], ['VSIM', 'v', 'ELE', 'a', 'FILTER', '1 2'],
      ['VSIM', 'v', 'ELE', 'a', 'FILTER', ''], ['VSIM', 'v', 'ELE', 'a', 'FILTER', ')'], ['VSIM', 'v', 'ELE', 'a', 'FILTER', 'foo'],
      ['VSIM', 'v', 'ELE', 'a', 'FILTER', '.a == 1 and'], ['VSIM', 'v', 'ELE', 'a', 'FILTER', 'not'],
      ['VSIM', 'v', 'ELE', 'a', 'COUNT', '0', 'junk'],
    ],
  },
  {
    name: 'FILTER: arithmetic, comparisons, in, and/or/not, selectors, strings, null',
    steps: [
      ['VADD', 'm', 'VALUES', '2', '1', '0', 'm1', 'SETATTR', '{"year": 1984, "rating": 4.5, "genre": "action", "tags": ["a", "b"], "ok": true}'],
      ['VADD', 'm', 'VALUES', '2', '0.9', '0.1', 'm2', 'SETATTR', '{"year": 2010, "rating": 3, "genre": "drama", "ok": false, "n": null}'],
      ['VADD', 'm', 'VALUES', '2', '0.8', '0.2', 'm3', 'SETATTR', '{"year": "1999", "genre": "action drama", "obj": {"x": 1}}'],
      ['VADD', 'm', 'VALUES', '2', '0.7', '0.3', 'm4'],
      ['VADD', 'm', 'VALUES', '2', '0.6', '0.4', 'm5', 'SETATTR', 'not json'],
      ['VADD', 'm', 'VALUES', '2', '0.5', '0.5', 'm6', 'SETATTR', '{"year":1950,"genre":"x\\"y","esc":"a\\nb"}'],
      ...[
        '.year > 1990', '.year >= 1984 and .year < 2000', '.year == 1999', '.year == "1999"', '.genre == "action"', ".genre == 'action'",
        '.genre in ["action", "drama"]', '.genre in ["x"]', '"a" in .tags', '.year in [1984, 2010]', 'not (.year > 2000)', '!.ok', '.ok',
        '.rating * 2 > 8', '.year % 100 == 84', '.year / 2 > 1000', '2 ** 3 ** 2 == 512', '(2 + 3) * 4 == 20', '-5 + .year > 2000',
        '.year - -5 == 1989', '.missing', '.obj', '.n == null', '.ok == null', 'null', '.year > 1900 or .genre', '.year && .genre || 0',
        '"act" in .genre', '.genre in "action drama"', '.esc == "a\nb"', '.year > 1e3', '.rating', '.tags', '1', '0', '"x"', '""',
        '.year == 1984.0', '.year != 1984', '.genre != "action"', '.year>1980and.year<1990', '.yearx > 0', '.year-x > 0',
      ].flatMap((expr) => [['VSIM', 'm', 'VALUES', '2', '1', '0', 'FILTER', expr, 'WITHATTRIBS']]),
      ['VSIM', 'm', 'VALUES', '2', '1', '0', 'FILTER', '.year > 0', 'FILTER-EF', '500', 'COUNT', '2'],
      ['VSIM', 'm', 'VALUES', '2', '1', '0', 'FILTER', '.year > 0', 'TRUTH', 'WITHSCORES'],
    ],
  },
  {
    name: 'VRANDMEMBER: counts that do not depend on the draw',
    steps: [
      ['VADD', 'v', 'VALUES', '1', '1', 'a'],
      ['VRANDMEMBER', 'v'], ['VRANDMEMBER', 'v', '1'], ['VRANDMEMBER', 'v', '5'], ['VRANDMEMBER', 'v', '-3'], ['VRANDMEMBER', 'v', '0'],
      ['VRANDMEMBER', 'nokey'], ['VRANDMEMBER', 'nokey', '3'], ['VRANDMEMBER', 'nokey', '0'], ['VRANDMEMBER', 'v', 'x'], ['VRANDMEMBER', 'nokey', 'x'],
      ['VRANDMEMBER', 'v', '9223372036854775807'], ['VRANDMEMBER', 'v', '-9223372036854775807', 'x'],
    ],
  },
  {
    name: "keyspace events with the 'new' class: a vector set made by VADD",
    events: 'KEAn',
    steps: [['VADD', 'v', 'VALUES', '1', '1', 'a'], ['VADD', 'v', 'VALUES', '1', '2', 'b'], ['VREM', 'v', 'a'], ['VREM', 'v', 'b'], ['VADD', 'v', 'REDUCE', '1', 'VALUES', '2', '1', '2', 'a']],
  },
  {
    name: 'generic commands: RENAME, COPY, DEL, EXISTS, keyspace events',
    events: true,
    steps: [
      ['VADD', 'v', 'VALUES', '1', '1', 'a'], ['VADD', 'v', 'VALUES', '1', '2', 'b'], ['VREM', 'v', 'a'], ['VSETATTR', 'v', 'b', '{}'],
      ['COPY', 'v', 'w'], ['RENAME', 'v', 'w'], ['VCARD', 'w'], ['VREM', 'w', 'b'], ['EXISTS', 'w'],
      ['VADD', 'v', 'VALUES', '1', '1', 'a'], ['DEL', 'v'], ['VADD', 'v', 'VALUES', '1', '1', 'a'], ['EXPIRE', 'v', '100'], ['TTL', 'v'],
    ],
  },
];

const scenarios86: Scenario[] = [
  {
    name: 'VRANGE: bounds, counts, errors',
    steps: [
      ...['b', 'a', 'c', 'ab', 'B', '', 'zz'].filter((e) => e !== '').map((e, i) => ['VADD', 'v', 'VALUES', '1', String(i + 1), e]),
      ['VRANGE', 'v', '-', '+'], ['VRANGE', 'v', '[a', '[b'], ['VRANGE', 'v', '(a', '(c'], ['VRANGE', 'v', '[ab', '+', '2'], ['VRANGE', 'v', '-', '(b', '0'],
      ['VRANGE', 'v', '-', '+', '-1'], ['VRANGE', 'v', '[zzz', '+'], ['VRANGE', 'v', '(c', '[a'], ['VRANGE', 'nokey', '-', '+'],
      ['VRANGE', 'v', 'a', '+'], ['VRANGE', 'v', '-', 'b'], ['VRANGE', 'v', '+', '+'], ['VRANGE', 'v', '-', '-'], ['VRANGE', 'v', '[', '+'],
      ['VRANGE', 'v', '-', '+', 'x'], ['VRANGE', 'v', '-'], ['VRANGE', 'v', '-', '+', '1', '2'], ['SET', 's', 'x'], ['VRANGE', 's', '-', '+'],
      ['VRANGE', 'nokey', 'x', '+'], ['VRANGE', 'v', '', '+'],
    ],
  },
  {
    name: 'Redis 8.6 limits: vector dimension, REDUCE larger than the input, VSIM EF',
    steps: [
      ['VADD', 'v', 'VALUES', '65537', '1', 'a'], ['VADD', 'v', 'REDUCE', '4', 'VALUES', '3', '1', '2', '3', 'a'],
      ['VADD', 'v', 'VALUES', '2', '1', '2', 'a'], ['VSIM', 'v', 'ELE', 'a', 'EF', '1000001'], ['VSIM', 'v', 'VALUES', '65537', '1'],
    ],
  },
  {
    name: 'the module config vset-force-single-threaded-execution',
    steps: [
      ['CONFIG', 'GET', 'vset*'], ['CONFIG', 'SET', 'vset-force-single-threaded-execution', 'maybe'], ['CONFIG', 'SET', 'vset-force-single-threaded-execution', 'YES'],
      ['CONFIG', 'GET', 'vset-force-single-threaded-execution'], ['VADD', 'v', 'VALUES', '1', '1', 'a', 'CAS'], ['VSIM', 'v', 'ELE', 'a'],
      ['CONFIG', 'SET', 'vset-force-single-threaded-execution', 'no'],
    ],
  },
];

for (const version of ['8.0', '8.6']) {
  const createServer = (config: Record<string, string>) => new FakeServer({ profile: serverProfile('redis', version), mixins, config });
  runReferenceScenarios(referenceEnv('redis', version), `vectorset (Redis ${version})`, { createServer }, version === '8.6' ? [...scenarios, ...scenarios86] : scenarios);
}
