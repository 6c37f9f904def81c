import {
  type Bytes, type Client, type CommandHandler, DoubleReply, errWrongArity, int64Reply, MapReply, OK, type Reply, SimpleString,
  tryParseDouble, tryParseInt64,
} from '@fakeredis/core';
import { TDigest, tdigestType, toLongLong } from './tdigest.js';
import {
  ERR_TDIGEST_ALLOCATION, ERR_TDIGEST_CDF_PARSE, ERR_TDIGEST_COMPRESSION_PARSE, ERR_TDIGEST_COMPRESSION_RANGE, ERR_TDIGEST_CUT_ORDER,
  ERR_TDIGEST_CUT_RANGE, ERR_TDIGEST_DEST_ALLOCATION, ERR_TDIGEST_EXISTS, ERR_TDIGEST_HIGH_PARSE, ERR_TDIGEST_LOW_PARSE, ERR_TDIGEST_NOT_FOUND,
  ERR_TDIGEST_NUMKEYS_PARSE, ERR_TDIGEST_NUMKEYS_RANGE, ERR_TDIGEST_OVERFLOW, ERR_TDIGEST_QUANTILE_PARSE, ERR_TDIGEST_QUANTILE_RANGE,
  ERR_TDIGEST_RANK_PARSE, ERR_TDIGEST_RANK_RANGE, ERR_TDIGEST_VAL_FINITE, ERR_TDIGEST_VAL_PARSE, ERR_TDIGEST_VALUE_PARSE, ERR_TDIGEST_WRONG_KEYWORD,
} from './errors.js';

/**
 * TDIGEST.* as src/rm_tdigest.c of RedisBloom 2.8 answers them. The module registers each
 * command with arity -1 and checks the argument count itself. Reads merge the buffered
 * samples first (td_compress), so TDIGEST.INFO's counts change after a QUANTILE. A key
 * opened for writing is signalled modified when the command ends (RM_CloseKey).
 */

const DEFAULT_COMPRESSION = 100;

/** _TDigest_KeyCheck on a key opened for reading or writing. */
function getDigest(client: Client, key: Bytes, write: boolean): TDigest {
  const td = write ? tdigestType.write(client.db, key, client) : tdigestType.read(client, key);
  if (td === undefined) throw ERR_TDIGEST_NOT_FOUND;
  return td;
}

/** RMUtil_ArgIndex: the first argument equal to `token` in any case. */
function argIndex(args: Bytes[], token: string): number {
  return args.findIndex((arg) => arg.length === token.length && arg.toUpperCase() === token);
}

/** _TDigest_ParseCompressionParameter. */
function parseCompression(arg: Bytes): number {
  const value = tryParseInt64(arg);
  if (value === undefined) throw ERR_TDIGEST_COMPRESSION_PARSE;
  if (value <= 0n) throw ERR_TDIGEST_COMPRESSION_RANGE;
  return Number(value);
}

/** A double argument as RedisModule_StringToDouble reads it (nan refused). */
const parseDouble = (arg: Bytes): number | undefined => tryParseDouble(arg);

/** C's round(): halves away from zero. */
function cRound(x: number): number {
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

/** _halfRoundDown: halves toward zero. */
function halfRoundDown(f: number): number {
  const intPart = Math.trunc(f);
  const frac = f - intPart;
  if (Math.abs(frac) <= 0.5) return intPart;
  return intPart >= 0.0 ? intPart + 1.0 : intPart - 1.0;
}

/** TDIGEST.CREATE key [COMPRESSION compression] */
export const TDIGEST_CREATE: CommandHandler = (client, argv) => {
  if (argv.length !== 2 && argv.length !== 4) throw errWrongArity('tdigest.create');
  const key = argv[1]!;
  const db = client.db;
  try {
    if (tdigestType.write(db, key, client) !== undefined) throw ERR_TDIGEST_EXISTS;
    let compression = DEFAULT_COMPRESSION;
    if (argv.length === 4) {
      // The keyword may stand in either place; the value is always the last argument.
      if (argIndex(argv.slice(2), 'COMPRESSION') === -1) throw ERR_TDIGEST_WRONG_KEYWORD;
      compression = parseCompression(argv[3]!);
    }
    const td = TDigest.create(compression);
    if (td === undefined) throw ERR_TDIGEST_ALLOCATION;
    tdigestType.add(db, key, td);
    return OK;
  } finally {
    db.signalModifiedKey(key);
  }
};

/** TDIGEST.RESET key */
export const TDIGEST_RESET: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('tdigest.reset');
  const key = argv[1]!;
  try {
    getDigest(client, key, true).reset();
    return OK;
  } finally {
    client.db.signalModifiedKey(key);
  }
};

/** TDIGEST.ADD key value [value ...]: every value parsed before any is added. */
export const TDIGEST_ADD: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('tdigest.add');
  const key = argv[1]!;
  try {
    const td = getDigest(client, key, true);
    const values = argv.slice(2).map((arg) => {
      const value = parseDouble(arg);
      if (value === undefined) throw ERR_TDIGEST_VAL_PARSE;
      if (!Number.isFinite(value)) throw ERR_TDIGEST_VAL_FINITE;
      return value;
    });
    for (const value of values) if (!td.add(value, 1n)) throw ERR_TDIGEST_OVERFLOW;
    return OK;
  } finally {
    client.db.signalModifiedKey(key);
  }
};

/**
 * TDIGEST.MERGE destination numkeys source [source ...] [COMPRESSION compression] [OVERRIDE]
 * A new digest (the given compression, else the destination's, else the largest of the
 * sources') gets the destination's nodes (unless OVERRIDE) and each source's, and replaces
 * the destination: its TTL goes, and a `new` event is emitted as for a new key.
 */
export const TDIGEST_MERGE: CommandHandler = (client, argv) => {
  if (argv.length < 4) throw errWrongArity('tdigest.merge');
  const destination = argv[1]!;
  const db = client.db;
  const start = tdigestType.read(client, destination);
  const numkeys = tryParseInt64(argv[2]!);
  if (numkeys === undefined) throw ERR_TDIGEST_NUMKEYS_PARSE;
  if (numkeys <= 0n) throw ERR_TDIGEST_NUMKEYS_RANGE;
  if (numkeys > BigInt(argv.length - 3)) throw errWrongArity('tdigest.merge');
  let compression = start !== undefined ? Number(toLongLong(start.compression)) : 0;
  let useMax = start === undefined;
  let override = false;
  const rest = 3 + Number(numkeys);
  if (rest < argv.length) {
    const options = argv.slice(rest);
    const at = argIndex(options, 'COMPRESSION');
    if (at > -1) {
      useMax = false;
      if (rest + at + 1 >= argv.length) throw errWrongArity('tdigest.merge');
      compression = parseCompression(argv[rest + at + 1]!);
    }
    if (argIndex(options, 'OVERRIDE') > -1) {
      override = true;
      if (at === -1) {
        useMax = true;
        compression = 0;
      }
    } else if (at === -1) {
      throw ERR_TDIGEST_WRONG_KEYWORD;
    }
  }
  const sources: TDigest[] = [];
  for (let i = 0; i < Number(numkeys); i++) {
    const name = argv[3 + i]!;
    let source: TDigest;
    if (name !== destination) {
      source = getDigest(client, name, false);
    } else {
      if (start === undefined) throw ERR_TDIGEST_NOT_FOUND;
      source = start;
    }
    sources.push(source);
    if (useMax) compression = Math.max(compression, Number(toLongLong(source.compression)));
  }
  const merged = TDigest.create(compression);
  if (merged === undefined) throw ERR_TDIGEST_DEST_ALLOCATION;
  if (start !== undefined && !override) merged.mergeFrom(start);
  for (const source of sources) if (!merged.mergeFrom(source)) throw ERR_TDIGEST_OVERFLOW;
  // RedisModule_ModuleTypeSetValue: the old value deleted (no event), the new one added.
  try {
    if (db.lookupWrite(destination, client) !== undefined) db.delete(destination);
    tdigestType.add(db, destination, merged);
  } finally {
    db.signalModifiedKey(destination);
  }
  return OK;
};

/** TDIGEST.MIN key: nan when empty. */
export const TDIGEST_MIN: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('tdigest.min');
  const td = getDigest(client, argv[1]!, false);
  return new DoubleReply(td.size() > 0n ? td.min : NaN);
};

/** TDIGEST.MAX key: nan when empty. */
export const TDIGEST_MAX: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('tdigest.max');
  const td = getDigest(client, argv[1]!, false);
  return new DoubleReply(td.size() > 0n ? td.max : NaN);
};

/** TDIGEST.RANK and REVRANK: -2 when empty, -1 / n outside the samples, else the rounded cdf times n. */
function rankGeneric(client: Client, argv: Bytes[], reverse: boolean): Reply {
  if (argv.length < 3) throw errWrongArity(reverse ? 'tdigest.revrank' : 'tdigest.rank');
  const td = getDigest(client, argv[1]!, false);
  const values = argv.slice(2).map((arg) => {
    const value = parseDouble(arg);
    if (value === undefined) throw ERR_TDIGEST_VALUE_PARSE;
    return value;
  });
  const size = Number(td.size());
  const { min, max } = td;
  return values.map((value) => {
    let rank: number;
    if (size === 0) rank = -2;
    else if (value < min) rank = reverse ? size : -1;
    else if (value > max) rank = reverse ? -1 : size;
    else {
      const scaled = td.cdf(value) * size;
      const absolute = reverse ? cRound(scaled) : halfRoundDown(scaled);
      rank = reverse ? cRound(size - absolute) : absolute;
    }
    return int64Reply(toLongLong(rank));
  });
}

/** TDIGEST.RANK key value [value ...] */
export const TDIGEST_RANK: CommandHandler = (client, argv) => rankGeneric(client, argv, false);

/** TDIGEST.REVRANK key value [value ...] */
export const TDIGEST_REVRANK: CommandHandler = (client, argv) => rankGeneric(client, argv, true);

/** TDIGEST.BYRANK and BYREVRANK: nan when empty, min / max at rank 0, inf past the samples, else the quantile rank / n. */
function byRankGeneric(client: Client, argv: Bytes[], reverse: boolean): Reply {
  if (argv.length < 3) throw errWrongArity(reverse ? 'tdigest.byrevrank' : 'tdigest.byrank');
  const td = getDigest(client, argv[1]!, false);
  const ranks = argv.slice(2).map((arg) => {
    const rank = tryParseInt64(arg);
    if (rank === undefined) throw ERR_TDIGEST_RANK_PARSE;
    if (rank < 0n) throw ERR_TDIGEST_RANK_RANGE;
    return Number(rank);
  });
  const size = Number(td.size());
  const { min, max } = td;
  return ranks.map((rank) => {
    let value: number;
    if (size === 0) value = NaN;
    else if (rank === 0) value = reverse ? max : min;
    else if (rank >= size) value = reverse ? -Infinity : Infinity;
    else value = td.quantile((reverse ? size - rank - 1 : rank) / size);
    return new DoubleReply(value);
  });
}

/** TDIGEST.BYRANK key rank [rank ...] */
export const TDIGEST_BYRANK: CommandHandler = (client, argv) => byRankGeneric(client, argv, false);

/** TDIGEST.BYREVRANK key rank [rank ...] */
export const TDIGEST_BYREVRANK: CommandHandler = (client, argv) => byRankGeneric(client, argv, true);

/** TDIGEST.QUANTILE key quantile [quantile ...]: each ascending run walks the nodes once, as the module does. */
export const TDIGEST_QUANTILE: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('tdigest.quantile');
  const td = getDigest(client, argv[1]!, false);
  const qs = argv.slice(2).map((arg) => {
    const q = parseDouble(arg);
    if (q === undefined) throw ERR_TDIGEST_QUANTILE_PARSE;
    if (q < 0 || q > 1.0) throw ERR_TDIGEST_QUANTILE_RANGE;
    return q;
  });
  const values: number[] = [];
  for (let i = 0; i < qs.length; i++) {
    const first = i;
    while (i < qs.length - 1 && qs[i]! <= qs[i + 1]!) ++i;
    values.push(...td.quantiles(qs.slice(first, i + 1)));
  }
  return values.map((value) => new DoubleReply(value));
};

/** TDIGEST.CDF key value [value ...] */
export const TDIGEST_CDF: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('tdigest.cdf');
  const td = getDigest(client, argv[1]!, false);
  const values = argv.slice(2).map((arg) => {
    const value = parseDouble(arg);
    if (value === undefined) throw ERR_TDIGEST_CDF_PARSE;
    return value;
  });
  return values.map((value) => new DoubleReply(td.cdf(value)));
};

/** TDIGEST.TRIMMED_MEAN key low_cut_percentile high_cut_percentile */
export const TDIGEST_TRIMMED_MEAN: CommandHandler = (client, argv) => {
  if (argv.length !== 4) throw errWrongArity('tdigest.trimmed_mean');
  const td = getDigest(client, argv[1]!, false);
  const low = parseDouble(argv[2]!);
  if (low === undefined) throw ERR_TDIGEST_LOW_PARSE;
  const high = parseDouble(argv[3]!);
  if (high === undefined) throw ERR_TDIGEST_HIGH_PARSE;
  if (low < 0.0 || low > 1.0 || high < 0.0 || high > 1.0) throw ERR_TDIGEST_CUT_RANGE;
  if (low >= high) throw ERR_TDIGEST_CUT_ORDER;
  return new DoubleReply(td.trimmedMean(low, high));
};

const status = (text: string): SimpleString => new SimpleString(text);

/** TDIGEST.INFO key: the digest's fields as they stand (no merge first). */
export const TDIGEST_INFO: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('tdigest.info');
  const td = getDigest(client, argv[1]!, false);
  return new MapReply([
    [status('Compression'), int64Reply(toLongLong(td.compression))],
    [status('Capacity'), td.cap],
    [status('Merged nodes'), td.mergedNodes],
    [status('Unmerged nodes'), td.unmergedNodes],
    [status('Merged weight'), int64Reply(td.mergedWeight)],
    [status('Unmerged weight'), int64Reply(td.unmergedWeight)],
    [status('Observations'), int64Reply(td.size())],
    [status('Total compressions'), int64Reply(td.totalCompressions)],
    [status('Memory usage'), int64Reply(td.memUsage())],
  ]);
};
