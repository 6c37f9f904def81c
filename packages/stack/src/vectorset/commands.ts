import {
  type Bytes, type Client, type CommandHandler, bool, bytesFromBuffer, double, errWrongArity, type FakeServer, MapReply, NULL_ARRAY, type Reply,
  INT64_MIN, SimpleString, tryParseDouble, tryParseInt64, versionAtLeast,
} from '@fakeredis/core';
import {
  ERR_VSET_ADD_PROJECTION, ERR_VSET_COUNT, ERR_VSET_COUNT_INTEGER, ERR_VSET_COUNT_VALUE, ERR_VSET_EF, ERR_VSET_EPSILON, ERR_VSET_FILTER_EF,
  ERR_VSET_M, ERR_VSET_M_MISMATCH, ERR_VSET_NO_KEY, ERR_VSET_NOT_FOUND, ERR_VSET_OPTION, ERR_VSET_OPTION_AFTER_ELEMENT,
  ERR_VSET_PROJECTION_MISMATCH, ERR_VSET_QUANT_MISMATCH, ERR_VSET_RANGE_END, ERR_VSET_RANGE_ORDER, ERR_VSET_RANGE_START, ERR_VSET_VECTOR,
  ERR_VSET_TOO_MANY_RANDOM, ERR_VSET_VSIM_SYNTAX, errDimensionMismatch, MAX_REPEATED_RANDOM_MEMBERS, errFilterSyntax, errProjectionInput,
} from './errors.js';
import { compileFilter, type FilterDialect, FilterSyntaxError, runFilter, type Token } from './expr.js';
import type { SimdPath } from './float.js';
import { QUANT_BIN, QUANT_NONE, QUANT_Q8, type QuantType, type VectorNode, VectorSet, vectorSetType } from './vset.js';

/**
 * The vector-set commands as modules/vector-sets/vset.c answers them. The module checks
 * argument counts itself (Redis 8.0 registers every command with arity -1) and names
 * commands in upper case, as registered. It emits no keyspace events of its own; a key
 * it opens for writing is signalled modified when the command ends (RM_CloseKey). VSIM
 * and VADD CAS run on a thread in Redis; here they answer at once, as with NOTHREAD.
 */

/** VSET_DEFAULT_C_EF, VSET_DEFAULT_SEARCH_EF, VSET_DEFAULT_COUNT, HNSW_DEFAULT_M and its limits. */
const DEFAULT_SEARCH_EF = 100;
const DEFAULT_COUNT = 10;
const DEFAULT_M = 16n;
const MIN_M = 4n;
const MAX_M = 4096n;
/** VSET_MAX_VECTOR_DIM (from Redis 8.2): longer vectors are an invalid specification. */
const MAX_VECTOR_DIM = 1 << 16;

/** What differs between the module's versions, decided once per server from its profile. */
interface VectorSetProfile {
  /** 8.2+: dimensions capped at 2^16, REDUCE no larger than the input, VSIM EF at most 10^6, the search's EF capped at the set's size. */
  readonly limits: boolean;
  readonly filter: FilterDialect;
  /** The float dot product's code path (8.6's AVX-512 loop on the reference x86-64 machine). */
  readonly simd: SimdPath;
}

const profiles = new WeakMap<FakeServer, VectorSetProfile>();

function vsetProfile(server: FakeServer): VectorSetProfile {
  let profile = profiles.get(server);
  if (profile === undefined) {
    const from82 = versionAtLeast(server.profile, '8.2.0');
    profile = {
      limits: from82,
      filter: { nullLiteral: from82, stringIn: from82 },
      simd: versionAtLeast(server.profile, '8.6.0') ? 'avx512' : 'scalar',
    };
    profiles.set(server, profile);
  }
  return profile;
}

const upper = (arg: Bytes): string => arg.toUpperCase();

/** The value at a key opened for writing, and the key signalled modified at the end. */
function withWriteKey<T>(client: Client, key: Bytes, body: () => T): T {
  try {
    return body();
  } finally {
    client.db.signalModifiedKey(key);
  }
}

interface ParsedVector {
  vec: Float32Array;
  /** The REDUCE dimension, 0 without REDUCE. */
  reduce: number;
  /** Arguments read from `start` on. */
  consumed: number;
}

/** parseVector: [REDUCE dim] FP32 blob | VALUES n v1 .. vn from argv[start]; undefined for an invalid specification. */
function parseVector(argv: Bytes[], start: number, allowReduce: boolean, limits: boolean): ParsedVector | undefined {
  let reduce = 0;
  let consumed = 0;
  if (allowReduce && argv.length > start + 2 && upper(argv[start]!) === 'REDUCE') {
    const r = tryParseInt64(argv[start + 1]!);
    if (r === undefined || r <= 0n) return undefined;
    // The module keeps it in a uint32_t.
    reduce = Number(BigInt.asUintN(32, r));
    start += 2;
    consumed += 2;
  }
  const format = upper(argv[start]!);
  let vec: Float32Array;
  if (format === 'FP32') {
    if (argv.length < start + 2) return undefined;
    const blob = argv[start + 1]!;
    if (blob.length % 4 !== 0 || blob.length < 4) return undefined;
    if (limits && blob.length / 4 > MAX_VECTOR_DIM) return undefined;
    const bytes = Buffer.from(blob, 'latin1');
    vec = new Float32Array(blob.length / 4);
    for (let i = 0; i < vec.length; i++) vec[i] = bytes.readFloatLE(i * 4);
    consumed += 2;
  } else if (format === 'VALUES') {
    if (argv.length < start + 2) return undefined;
    const n = tryParseInt64(argv[start + 1]!);
    if (n === undefined || n < 1n || (limits && n > BigInt(MAX_VECTOR_DIM))) return undefined;
    if (BigInt(argv.length) < BigInt(start + 2) + n) return undefined;
    vec = new Float32Array(Number(n));
    for (let j = 0; j < vec.length; j++) {
      const v = tryParseDouble(argv[start + 2 + j]!);
      if (v === undefined) return undefined;
      vec[j] = v;
    }
    consumed += vec.length + 2;
  } else {
    return undefined;
  }
  if (limits && reduce > vec.length) return undefined;
  return { vec, reduce, consumed };
}

/**
 * VADD key [REDUCE dim] FP32 blob | VALUES num v1 .. vn element [CAS] [NOQUANT | Q8 | BIN]
 * [EF n] [SETATTR json] [M n]: 1 when the element was added, 0 when an existing one was
 * updated (its vector re-inserted; its attribute replaced only with SETATTR).
 */
export const VADD: CommandHandler = (client, argv) => {
  if (argv.length < 5) throw errWrongArity('VADD');
  const profile = vsetProfile(client.server);
  const parsed = parseVector(argv, 2, true, profile.limits);
  if (parsed === undefined) throw ERR_VSET_VECTOR;
  const { reduce, consumed } = parsed;
  let vec = parsed.vec;
  const dim = vec.length;
  if (argv.length - 2 - consumed < 1) throw errWrongArity('VADD');
  let m = DEFAULT_M;
  let attrib: Bytes | undefined;
  let quant: QuantType = QUANT_Q8;
  for (let j = 2 + consumed + 1; j < argv.length; j++) {
    const opt = upper(argv[j]!);
    if (opt === 'CAS') continue;
    if (opt === 'EF' && j + 1 < argv.length) {
      const ef = tryParseInt64(argv[++j]!);
      if (ef === undefined || ef <= 0n || ef > 1000000n) throw ERR_VSET_EF;
    } else if (opt === 'M' && j + 1 < argv.length) {
      const value = tryParseInt64(argv[++j]!);
      if (value === undefined || value < MIN_M || value > MAX_M) throw ERR_VSET_M;
      m = value;
    } else if (opt === 'SETATTR' && j + 1 < argv.length) {
      attrib = argv[++j]!;
    } else if (opt === 'NOQUANT') quant = QUANT_NONE;
    else if (opt === 'BIN') quant = QUANT_BIN;
    else if (opt === 'Q8') quant = QUANT_Q8;
    else throw ERR_VSET_OPTION_AFTER_ELEMENT;
  }
  const key = argv[1]!;
  const element = argv[2 + consumed]!;
  return withWriteKey(client, key, () => {
    let vset = vectorSetType.write(client.db, key, client);
    if (vset === undefined) {
      vset = VectorSet.create(client.server, reduce !== 0 ? reduce : dim, quant, Number(m), reduce !== 0 ? dim : undefined, profile.simd);
      if (reduce !== 0) vec = vset.project(vec);
      vectorSetType.add(client.db, key, vset);
    } else {
      if (vset.quant !== quant) throw ERR_VSET_QUANT_MISMATCH;
      if (BigInt(vset.m) !== m) throw ERR_VSET_M_MISMATCH;
      if ((vset.projection === undefined && vset.dim !== dim) || (vset.projection !== undefined && vset.dim !== reduce)) {
        throw errDimensionMismatch(dim, vset.dim);
      }
      if (reduce !== 0) {
        if (vset.projection === undefined) throw ERR_VSET_ADD_PROJECTION;
        if (reduce !== vset.dim) throw ERR_VSET_PROJECTION_MISMATCH;
      }
      if (vset.projection !== undefined) {
        if (dim !== vset.projection.inputDim) throw errProjectionInput(dim, vset.projection.inputDim);
        vec = vset.project(vec);
      }
    }
    return bool(vset.insert(client.server, element, vec, attrib));
  });
};

/** A found element and its distance, in the order Redis's search returns them. */
interface Hit {
  readonly node: VectorNode;
  readonly distance: number;
}

/**
 * The k nearest elements passing the filter, as hnsw_ground_truth_with_filter finds them:
 * every node scanned in list order (newest first) into a priority queue of k, where an
 * element ties ahead of those pushed before it unless the queue is full. Redis's HNSW
 * search returns the same while the set holds no more than k elements; past that it is
 * approximate, and ties may come in the order its graph walk met them.
 */
function search(vset: VectorSet, query: Float32Array, k: number, accept: ((node: VectorNode) => boolean) | undefined): Hit[] {
  const encoded = vset.encode(query);
  // Ordered worst first, as the module's pqueue.
  const items: Hit[] = [];
  for (const node of vset.listOrder()) {
    if (accept !== undefined && !accept(node)) continue;
    const distance = vset.distance(encoded, node);
    if (items.length < k) {
      let i = items.length;
      while (i > 0 && items[i - 1]!.distance < distance) i--;
      items.splice(i, 0, { node, distance });
    } else {
      if (distance >= items[0]!.distance) continue;
      let i = 0;
      while (i < k - 1 && items[i + 1]!.distance > distance) i++;
      items.splice(0, 1);
      items.splice(i, 0, { node, distance });
    }
  }
  return items.reverse();
}

/**
 * VSIM key ELE element | FP32 blob | VALUES num v1 .. vn [WITHSCORES] [WITHATTRIBS]
 * [COUNT n] [EPSILON d] [EF n] [FILTER expr] [FILTER-EF n] [TRUTH] [NOTHREAD]: elements by
 * similarity (1 - cosine distance / 2). RESP3 answers a map when scores or attributes
 * are asked for (both: [score, attributes] per element); RESP2 a flat array.
 */
export const VSIM: CommandHandler = (client, argv) => {
  if (argv.length < 4) throw errWrongArity('VSIM');
  const profile = vsetProfile(client.server);
  const vset = vectorSetType.read(client, argv[1]!);
  if (vset === undefined) return [];
  let vec: Float32Array;
  let vectorArgs: number;
  if (upper(argv[2]!) === 'ELE') {
    const node = vset.nodes.get(argv[3]!);
    if (node === undefined) throw ERR_VSET_NOT_FOUND;
    vec = vset.vectorOf(node);
    vectorArgs = 2;
  } else {
    const parsed = parseVector(argv, 2, false, profile.limits);
    if (parsed === undefined) throw ERR_VSET_VECTOR;
    vec = parsed.vec;
    vectorArgs = parsed.consumed;
    if (vset.projection !== undefined && vec.length !== vset.dim) {
      if (vec.length !== vset.projection.inputDim) throw errProjectionInput(vec.length, vset.projection.inputDim);
      vec = vset.project(vec);
    }
  }
  if (vec.length !== vset.dim) throw errDimensionMismatch(vec.length, vset.dim);
  let withScores = false;
  let withAttribs = false;
  let count = BigInt(DEFAULT_COUNT);
  let ef = 0n;
  let epsilon = 2;
  let filter: Token[] | undefined;
  for (let j = 2 + vectorArgs; j < argv.length;) {
    const opt = upper(argv[j]!);
    const hasValue = j + 1 < argv.length;
    if (opt === 'WITHSCORES') withScores = true;
    else if (opt === 'WITHATTRIBS') withAttribs = true;
    else if (opt === 'TRUTH' || opt === 'NOTHREAD') {
      // TRUTH is the linear scan this fake always does; NOTHREAD is how it always runs.
    } else if (opt === 'COUNT' && hasValue) {
      const value = tryParseInt64(argv[j + 1]!);
      if (value === undefined || value <= 0n) throw ERR_VSET_COUNT;
      count = value;
      j++;
    } else if (opt === 'EPSILON' && hasValue) {
      const value = tryParseDouble(argv[j + 1]!);
      if (value === undefined || value <= 0) throw ERR_VSET_EPSILON;
      epsilon = value;
      j++;
    } else if (opt === 'EF' && hasValue) {
      const value = tryParseInt64(argv[j + 1]!);
      if (value === undefined || value <= 0n || (profile.limits && value > 1000000n)) throw ERR_VSET_EF;
      ef = value;
      j++;
    } else if (opt === 'FILTER-EF' && hasValue) {
      const value = tryParseInt64(argv[j + 1]!);
      if (value === undefined || value <= 0n) throw ERR_VSET_FILTER_EF;
      j++;
    } else if (opt === 'FILTER' && hasValue) {
      const expr = argv[j + 1]!;
      try {
        filter = compileFilter(expr, profile.filter);
      } catch (e) {
        if (!(e instanceof FilterSyntaxError)) throw e;
        const at = e.position >= expr.length ? 0 : e.position;
        const near = expr.slice(at);
        const nul = near.indexOf('\0');
        throw errFilterSyntax(nul < 0 ? near : near.slice(0, nul));
      }
      j++;
    } else {
      throw ERR_VSET_VSIM_SYNTAX;
    }
    j++;
  }
  // VSIM_execute: EF at least COUNT (default 100), at most the set's size from 8.2.
  if (ef === 0n) ef = BigInt(DEFAULT_SEARCH_EF);
  if (count > ef) ef = count;
  if (profile.limits && ef > BigInt(vset.size)) ef = BigInt(vset.size);
  const k = Number(ef > BigInt(vset.size) ? BigInt(vset.size) : ef);
  const program = filter;
  const accept = program === undefined ? undefined : (node: VectorNode) => node.attrib !== undefined && runFilter(program, node.attrib, profile.filter);
  const hits = search(vset, vec, Math.max(k, 0), accept);
  const maxDistance = Math.fround(epsilon);
  const limit = count < BigInt(hits.length) ? Number(count) : hits.length;
  const resp3 = client.protocol === 3;
  const flat: Reply[] = [];
  const entries: Array<[Reply, Reply]> = [];
  for (let i = 0; i < limit; i++) {
    const { node, distance } = hits[i]!;
    if (Math.fround(distance / 2) > maxDistance) break;
    const score = double(1 - distance / 2);
    const attrib = node.attrib ?? null;
    if (resp3 && (withScores || withAttribs)) {
      entries.push([node.element, withScores && withAttribs ? [score, attrib] : withScores ? score : attrib]);
      continue;
    }
    flat.push(node.element);
    if (withScores) flat.push(score);
    if (withAttribs) flat.push(attrib);
  }
  return resp3 && (withScores || withAttribs) ? new MapReply(entries) : flat;
};

/** VDIM key */
export const VDIM: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('VDIM');
  const vset = vectorSetType.read(client, argv[1]!);
  if (vset === undefined) throw ERR_VSET_NO_KEY;
  return vset.dim;
};

/** VCARD key */
export const VCARD: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('VCARD');
  return vectorSetType.read(client, argv[1]!)?.size ?? 0;
};

/** VREM key element: the key goes with its last element (RedisModule_DeleteKey: no event). */
export const VREM: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('VREM');
  const key = argv[1]!;
  return withWriteKey(client, key, () => {
    const vset = vectorSetType.write(client.db, key, client);
    if (vset === undefined || !vset.remove(argv[2]!)) return bool(false);
    if (vset.size === 0) client.db.delete(key);
    return bool(true);
  });
};

const QUANT_NAMES = ['f32', 'int8', 'bin'];

/** VEMB key element [RAW]: the de-quantized vector, or RAW's quantization, stored bytes, L2 norm (and Q8's range). */
export const VEMB: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('VEMB');
  let raw = false;
  for (let j = 3; j < argv.length; j++) {
    if (upper(argv[j]!) !== 'RAW') throw ERR_VSET_OPTION;
    raw = true;
  }
  const vset = vectorSetType.read(client, argv[1]!);
  const node = vset?.nodes.get(argv[2]!);
  if (vset === undefined || node === undefined) return null;
  if (raw) {
    const v = node.vector;
    const reply: Reply[] = [
      new SimpleString(QUANT_NAMES[vset.quant]!),
      bytesFromBuffer(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)),
      double(node.l2),
    ];
    if (vset.quant === QUANT_Q8) reply.push(double(node.range));
    return reply;
  }
  return [...vset.vectorOf(node)].map((x) => double(x));
};

/** VSETATTR key element json: an empty string removes the attribute. */
export const VSETATTR: CommandHandler = (client, argv) => {
  if (argv.length !== 4) throw errWrongArity('VSETATTR');
  const key = argv[1]!;
  return withWriteKey(client, key, () => {
    const vset = vectorSetType.write(client.db, key, client);
    const node = vset?.nodes.get(argv[2]!);
    if (vset === undefined || node === undefined) return bool(false);
    vset.setAttribute(node, argv[3]!);
    return bool(true);
  });
};

/** VGETATTR key element */
export const VGETATTR: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('VGETATTR');
  return vectorSetType.read(client, argv[1]!)?.nodes.get(argv[2]!)?.attrib ?? null;
};

const status = (text: string): SimpleString => new SimpleString(text);

/** VINFO key: the set's parameters; max-level from the levels drawn at random for each element, as Redis draws them. */
export const VINFO: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('VINFO');
  const vset = vectorSetType.read(client, argv[1]!);
  if (vset === undefined) return NULL_ARRAY;
  return new MapReply([
    [status('quant-type'), status(QUANT_NAMES[vset.quant]!)],
    [status('hnsw-m'), vset.m],
    [status('vector-dim'), vset.dim],
    [status('projection-input-dim'), vset.projection?.inputDim ?? 0],
    [status('size'), vset.size],
    [status('max-level'), vset.maxLevel],
    [status('attributes-count'), vset.numAttribs],
    [status('vset-uid'), vset.id],
    [status('hnsw-max-node-uid'), vset.lastId],
  ]);
};

/**
 * VRANDMEMBER key [count]: uniform picks from the server's seedable generator (Redis
 * walks its graph at random). A positive count over a fifth of the set is a run of the
 * node list from a random node, wrapping at its end, as in Redis.
 */
export const VRANDMEMBER: CommandHandler = (client, argv) => {
  if (argv.length !== 2 && argv.length !== 3) throw errWrongArity('VRANDMEMBER');
  const withCount = argv.length === 3;
  let count = 1n;
  if (withCount) {
    const value = tryParseInt64(argv[2]!);
    if (value === undefined) throw ERR_VSET_COUNT_INTEGER;
    if (value === 0n) return [];
    count = value;
  }
  const vset = vectorSetType.read(client, argv[1]!);
  if (vset === undefined || vset.size === 0) return withCount ? [] : null;
  const random = client.server.random;
  const list = [...vset.listOrder()];
  const pick = (): VectorNode => list[random.int(list.length)]!;
  if (!withCount) return pick().element;
  const unique = count > 0n;
  // -LLONG_MIN stays negative in C, and Redis asserts on the negative reply length.
  if (count === INT64_MIN) return [];
  let n = unique ? count : -count;
  if (unique && n > BigInt(list.length)) n = BigInt(list.length);
  if (n > BigInt(MAX_REPEATED_RANDOM_MEMBERS)) throw ERR_VSET_TOO_MANY_RANDOM;
  const total = Number(n);
  const out: Bytes[] = [];
  if (!unique) {
    for (let i = 0; i < total; i++) out.push(pick().element);
  } else if (total <= list.length * 0.2) {
    const seen = new Set<Bytes>();
    while (out.length < total) {
      const element = pick().element;
      if (seen.has(element)) continue;
      seen.add(element);
      out.push(element);
    }
  } else {
    let at = random.int(list.length);
    for (let i = 0; i < total; i++) {
      out.push(list[at]!.element);
      at = (at + 1) % list.length;
    }
  }
  return out;
};

/** VISMEMBER key element */
export const VISMEMBER: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('VISMEMBER');
  const vset = vectorSetType.read(client, argv[1]!);
  return bool(vset?.nodes.has(argv[2]!) === true);
};

interface RangeOp {
  readonly incl: boolean;
  readonly min: boolean;
  readonly max: boolean;
  readonly ele: Bytes;
}

/** vsetParseRangeOp: "-", "+", "[element" or "(element". */
function parseRangeOp(arg: Bytes): RangeOp | undefined {
  if (arg === '-') return { incl: false, min: true, max: false, ele: '' as Bytes };
  if (arg === '+') return { incl: false, min: false, max: true, ele: '' as Bytes };
  if (arg.length < 2 || (arg[0] !== '[' && arg[0] !== '(')) return undefined;
  return { incl: arg[0] === '[', min: false, max: false, ele: arg.slice(1) as Bytes };
}

/** VRANGE key start end [count]: elements in memcmp order between the bounds; a negative count is no limit. */
export const VRANGE: CommandHandler = (client, argv) => {
  if (argv.length < 4 || argv.length > 5) throw errWrongArity('VRANGE');
  let count = -1n;
  if (argv.length === 5) {
    const value = tryParseInt64(argv[4]!);
    if (value === undefined) throw ERR_VSET_COUNT_VALUE;
    count = value;
  }
  const start = parseRangeOp(argv[2]!);
  if (start === undefined) throw ERR_VSET_RANGE_START;
  const end = parseRangeOp(argv[3]!);
  if (end === undefined) throw ERR_VSET_RANGE_END;
  if (start.max || end.min) throw ERR_VSET_RANGE_ORDER;
  const vset = vectorSetType.read(client, argv[1]!);
  if (vset === undefined) return [];
  const sorted = vset.sortedElements();
  let lo = 0;
  let hi = sorted.length;
  if (!start.min) {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const e = sorted[mid]!;
      if (e < start.ele || (!start.incl && e === start.ele)) lo = mid + 1;
      else hi = mid;
    }
  }
  const out: Bytes[] = [];
  for (let i = lo; i < sorted.length; i++) {
    if (count >= 0n && BigInt(out.length) >= count) break;
    const e = sorted[i]!;
    if (!end.max && (end.incl ? e > end.ele : e >= end.ele)) break;
    out.push(e);
  }
  return out;
};
