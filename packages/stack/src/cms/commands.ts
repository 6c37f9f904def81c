import {
  type Bytes, type Client, type CommandHandler, errWrongArity, int64Reply, MapReply, OK, type Reply, SimpleString, tryParseDouble,
  tryParseInt64,
} from '@fakeredis/core';
import { CountMinSketch, cmsType } from './sketch.js';
import {
  ERR_CMS_DEPTH, ERR_CMS_DIMENSIONS, ERR_CMS_INCRBY_OVERFLOW, ERR_CMS_INIT_ARGUMENTS, ERR_CMS_KEY_EXISTS, ERR_CMS_MERGE_OVERFLOW,
  ERR_CMS_NEGATIVE, ERR_CMS_NO_KEY, ERR_CMS_NUMKEYS, ERR_CMS_NUMKEYS_POSITIVE, ERR_CMS_OOM, ERR_CMS_OVER_ESTIMATION, ERR_CMS_PARSE_NUMBER,
  ERR_CMS_PROB, ERR_CMS_WEIGHT, ERR_CMS_WIDTH, ERR_CMS_WRONG_KEYS, ERR_CMS_WRONG_KEYS_WEIGHTS,
} from './errors.js';

/**
 * CMS.* as src/rm_cms.c of RedisBloom 2.8 answers them. The module registers each command
 * with arity -1 and checks the argument count itself. A key it opens for writing is
 * signalled modified when the command ends (RM_CloseKey), whatever the command did.
 */

const LLONG_MAX = (1n << 63n) - 1n;

/** The value at a key opened for writing (RM_OpenKey), and the key signalled modified at the end. */
function withWriteKey<T>(client: Client, key: Bytes, body: () => T): T {
  try {
    return body();
  } finally {
    client.db.signalModifiedKey(key);
  }
}

/** GetCMSKey: the sketch at a key, "key does not exist" when missing, WRONGTYPE for another type. */
function getSketch(client: Client, key: Bytes, write: boolean): CountMinSketch {
  const cms = write ? cmsType.write(client.db, key, client) : cmsType.read(client, key);
  if (cms === undefined) throw ERR_CMS_NO_KEY;
  return cms;
}

/** (size_t) of a double as x86-64 converts it: 0 past 2^64 (and for infinities), read back as a long long. */
function toSizeT(d: number): bigint {
  if (!(d < 2 ** 64) || d < 0) return 0n;
  return BigInt.asIntN(64, BigInt(Math.trunc(d)));
}

/**
 * CMS_DimFromProb: width = ceil(2 / error), depth = ceil(log10f(prob) / log10f(0.5)), the
 * logarithms and their quotient in single precision as the module computes them.
 */
function dimFromProb(error: number, prob: number): [bigint, bigint] {
  const depth = Math.ceil(Math.fround(Math.fround(Math.log10(Math.fround(prob))) / Math.fround(Math.log10(0.5))));
  return [toSizeT(Math.ceil(2 / error)), toSizeT(depth)];
}

/** CMS.INITBYDIM key width depth / CMS.INITBYPROB key error probability: the key must not exist, whatever its type. */
function create(client: Client, argv: Bytes[], byDim: boolean): Reply {
  if (argv.length !== 4) throw errWrongArity(byDim ? 'cms.initbydim' : 'cms.initbyprob');
  const key = argv[1]!;
  return withWriteKey(client, key, () => {
    if (client.db.lookupWrite(key, client) !== undefined) throw ERR_CMS_KEY_EXISTS;
    let width: bigint;
    let depth: bigint;
    if (byDim) {
      const w = tryParseInt64(argv[2]!);
      if (w === undefined || w < 1n) throw ERR_CMS_WIDTH;
      const d = tryParseInt64(argv[3]!);
      if (d === undefined || d < 1n) throw ERR_CMS_DEPTH;
      [width, depth] = [w, d];
    } else {
      const error = tryParseDouble(argv[2]!);
      if (error === undefined || !(error > 0) || error >= 1) throw ERR_CMS_OVER_ESTIMATION;
      const prob = tryParseDouble(argv[3]!);
      if (prob === undefined || !(prob > 0) || prob >= 1) throw ERR_CMS_PROB;
      [width, depth] = dimFromProb(error, prob);
    }
    if (width < 1n || depth < 1n || width > LLONG_MAX / depth) throw ERR_CMS_INIT_ARGUMENTS;
    const cms = CountMinSketch.create(width, depth);
    if (cms === undefined) throw ERR_CMS_OOM;
    cmsType.add(client.db, key, cms);
    return OK;
  });
}

/** CMS.INITBYDIM key width depth */
export const CMS_INITBYDIM: CommandHandler = (client, argv) => create(client, argv, true);

/** CMS.INITBYPROB key error probability */
export const CMS_INITBYPROB: CommandHandler = (client, argv) => create(client, argv, false);

/** CMS.INCRBY key item increment [item increment ...]: every pair parsed first; a counter at UINT32_MAX answers an overflow error in its place. */
export const CMS_INCRBY: CommandHandler = (client, argv) => {
  if (argv.length < 4 || argv.length % 2 === 1) throw errWrongArity('cms.incrby');
  const key = argv[1]!;
  return withWriteKey(client, key, () => {
    const cms = getSketch(client, key, true);
    const values: bigint[] = [];
    for (let i = 3; i < argv.length; i += 2) {
      const value = tryParseInt64(argv[i]!);
      if (value === undefined) throw ERR_CMS_PARSE_NUMBER;
      if (value < 0n) throw ERR_CMS_NEGATIVE;
      values.push(value);
    }
    return values.map((value, i): Reply => {
      const count = cms.incrBy(argv[2 + 2 * i]!, value);
      return count !== 0xffffffff ? count : ERR_CMS_INCRBY_OVERFLOW;
    });
  });
};

/** CMS.QUERY key item [item ...] */
export const CMS_QUERY: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('cms.query');
  const cms = getSketch(client, argv[1]!, false);
  return argv.slice(2).map((item) => cms.query(item));
};

/**
 * CMS.MERGE destination numKeys source [source ...] [WEIGHTS weight [weight ...]]. The
 * destination must exist; WEIGHTS is found anywhere after numKeys (a source of that name
 * too); each source's weight is parsed before the source is looked up.
 */
export const CMS_MERGE: CommandHandler = (client, argv) => {
  if (argv.length < 4) throw errWrongArity('cms.merge');
  const key = argv[1]!;
  return withWriteKey(client, key, () => {
    const dest = getSketch(client, key, true);
    const numKeys = tryParseInt64(argv[2]!);
    if (numKeys === undefined) throw ERR_CMS_NUMKEYS;
    if (numKeys <= 0n) throw ERR_CMS_NUMKEYS_POSITIVE;
    const rest = argv.slice(3);
    const at = rest.findIndex((arg) => arg.length === 7 && arg.toUpperCase() === 'WEIGHTS');
    if (at < 0) {
      if (numKeys !== BigInt(rest.length)) throw ERR_CMS_WRONG_KEYS;
    } else if (BigInt(at) !== numKeys || BigInt(rest.length) !== 1n + numKeys * 2n) {
      throw ERR_CMS_WRONG_KEYS_WEIGHTS;
    }
    const n = Number(numKeys);
    const sources: CountMinSketch[] = [];
    const weights: bigint[] = [];
    for (let i = 0; i < n; i++) {
      const weight = at < 0 ? 1n : tryParseInt64(rest[n + 1 + i]!);
      if (weight === undefined) throw ERR_CMS_WEIGHT;
      const source = getSketch(client, rest[i]!, false);
      if (source.width !== dest.width || source.depth !== dest.depth) throw ERR_CMS_DIMENSIONS;
      sources.push(source);
      weights.push(weight);
    }
    if (!dest.mergeFrom(sources, weights)) throw ERR_CMS_MERGE_OVERFLOW;
    return OK;
  });
};

const status = (text: string): SimpleString => new SimpleString(text);

/** CMS.INFO key: width, depth and count (a map in RESP3). */
export const CMS_INFO: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('cms.info');
  const cms = getSketch(client, argv[1]!, false);
  return new MapReply([[status('width'), cms.width], [status('depth'), cms.depth], [status('count'), int64Reply(BigInt.asIntN(64, cms.counter))]]);
};
