import {
  BooleanReply, type Bytes, type Client, type CommandHandler, errWrongArity, ErrorReply, formatDoubleG, int64Reply, MapReply, OK, type Reply,
  SimpleString, tryParseDouble, tryParseInt64,
} from '@fakeredis/core';
import { BLOOM_OPT_FORCE64, BLOOM_OPT_NO_SCALING, BLOOM_OPT_NOROUND, BloomChain, bloomType } from './chain.js';
import {
  ERR_BF_BAD_ARGUMENT, ERR_BF_BAD_CAPACITY, ERR_BF_BAD_ERROR_RATE, ERR_BF_BAD_EXPANSION, ERR_BF_CAPACITY_RANGE, ERR_BF_CREATE,
  ERR_BF_ERROR_RATE_RANGE, ERR_BF_EXPANSION_RANGE, ERR_BF_FULL, ERR_BF_INFO_VALUE, ERR_BF_INSERT, ERR_BF_INSERT_CAPACITY,
  ERR_BF_INSERT_ERROR_RATE, ERR_BF_INSERT_EXPANSION, ERR_BF_LOADCHUNK_ITER, ERR_BF_NO_EXPANSION, ERR_BF_NONSCALING_EXPAND,
  ERR_BF_BAD_DATA, ERR_BF_ITEM_EXISTS, ERR_BF_NOT_FOUND, ERR_BF_OOM, ERR_BF_SCANDUMP_ITER, ERR_BF_UNKNOWN_ARGUMENT,
} from './errors.js';

/**
 * BF.* as src/rebloom.c of RedisBloom 2.8 answers them. The module registers each command
 * with arity -1 and checks the argument count itself. A key it opens for writing is
 * signalled modified when the command ends (RM_CloseKey), whatever the command did, so a
 * WATCH on it fails even after an error.
 */

const DEFAULT_ERROR_RATE = 0.01;
const DEFAULT_CAPACITY = 100n;
const DEFAULT_EXPANSION = 2n;

interface InsertOptions {
  capacity: bigint;
  errorRate: number;
  autocreate: boolean;
  multi: boolean;
  expansion: bigint;
  nonScaling: number;
}

/** RMUtil_ArgIndex: the first argument (the command's name included) equal to `token` in any case. */
function argIndex(argv: Bytes[], token: string): number {
  const upper = token.toUpperCase();
  return argv.findIndex((arg) => arg.length === token.length && arg.toUpperCase() === upper);
}

/** bfCreateChain: 64-bit hashing and unrounded sizes; the expansion is kept as an unsigned int. */
function createChain(options: InsertOptions): BloomChain {
  const made = BloomChain.create(options.capacity, options.errorRate, BLOOM_OPT_FORCE64 | BLOOM_OPT_NOROUND | options.nonScaling, Number(BigInt.asUintN(32, options.expansion)));
  if (made === 'oom') throw ERR_BF_OOM;
  if (made === 'invalid') throw ERR_BF_CREATE;
  return made;
}

/** bfInsertCommon: adds the items, stopping after a full non-scaling filter's error. */
function insertGeneric(client: Client, key: Bytes, items: Bytes[], options: InsertOptions): Reply {
  const db = client.db;
  try {
    let sb = bloomType.write(db, key, client);
    if (sb === undefined) {
      if (!options.autocreate) throw ERR_BF_NOT_FOUND;
      sb = bloomType.add(db, key, createChain(options));
    }
    const replies: Reply[] = [];
    let rv = 0;
    for (let i = 0; i < items.length && rv !== -2; i++) {
      rv = sb.add(items[i]!);
      replies.push(rv === -2 ? ERR_BF_FULL : rv === -1 ? ERR_BF_INSERT : new BooleanReply(rv === 1));
    }
    return options.multi ? replies : (replies[0] as Reply);
  } finally {
    db.signalModifiedKey(key);
  }
}

/** BF.RESERVE key error_rate capacity [EXPANSION expansion] [NONSCALING] */
export const BF_RESERVE: CommandHandler = (client, argv) => {
  if (argv.length < 4 || argv.length > 7) throw errWrongArity('bf.reserve');
  const errorRate = tryParseDouble(argv[2]!);
  if (errorRate === undefined) throw ERR_BF_BAD_ERROR_RATE;
  if (errorRate >= 1 || errorRate <= 0) throw ERR_BF_ERROR_RATE_RANGE;
  const capacity = tryParseInt64(argv[3]!);
  if (capacity === undefined) throw ERR_BF_BAD_CAPACITY;
  if (capacity <= 0n) throw ERR_BF_CAPACITY_RANGE;
  const nonScaling = argIndex(argv, 'NONSCALING') !== -1 ? BLOOM_OPT_NO_SCALING : 0;
  let expansion = DEFAULT_EXPANSION;
  const at = argIndex(argv, 'EXPANSION');
  if (at + 1 === argv.length) throw ERR_BF_NO_EXPANSION;
  if (at !== -1) {
    if (nonScaling) throw ERR_BF_NONSCALING_EXPAND;
    const parsed = tryParseInt64(argv[at + 1]!);
    if (parsed === undefined) throw ERR_BF_BAD_EXPANSION;
    if (parsed < 1n) throw ERR_BF_EXPANSION_RANGE;
    expansion = parsed;
  }
  const key = argv[1]!;
  const db = client.db;
  try {
    if (bloomType.write(db, key, client) !== undefined) throw ERR_BF_ITEM_EXISTS;
    bloomType.add(db, key, createChain({ capacity, errorRate, autocreate: true, multi: false, expansion, nonScaling }));
    return OK;
  } finally {
    db.signalModifiedKey(key);
  }
};


/** BF.ADD key item */
export const BF_ADD: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('bf.add');
  return insertGeneric(client, argv[1]!, argv.slice(2), defaultOptions(false));
};

/** BF.MADD key item [item ...] */
export const BF_MADD: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('bf.madd');
  return insertGeneric(client, argv[1]!, argv.slice(2), defaultOptions(true));
};

function defaultOptions(multi: boolean): InsertOptions {
  return { capacity: DEFAULT_CAPACITY, errorRate: DEFAULT_ERROR_RATE, autocreate: true, multi, expansion: DEFAULT_EXPANSION, nonScaling: 0 };
}

/**
 * BF.INSERT key [CAPACITY c] [ERROR e] [EXPANSION x] [NOCREATE] [NONSCALING] ITEMS item [item ...]
 * Options are told apart by their first letters only, as the module does (any word
 * starting with "i" begins the items; "e" then "r" is ERROR, another "e" word EXPANSION).
 */
export const BF_INSERT: CommandHandler = (client, argv) => {
  const options = defaultOptions(true);
  if (argv.length < 4) throw errWrongArity('bf.insert');
  let itemsIndex = -1;
  let pos = 2;
  while (pos < argv.length && itemsIndex < 0) {
    const arg = argv[pos]!.toLowerCase();
    switch (arg.charAt(0)) {
      case 'i':
        itemsIndex = ++pos;
        break;
      case 'e': {
        if (++pos === argv.length) throw errWrongArity('bf.insert');
        if (arg.charAt(1) === 'r') {
          const rate = tryParseDouble(argv[pos++]!);
          if (rate === undefined) throw ERR_BF_INSERT_ERROR_RATE;
          options.errorRate = rate;
        } else {
          const expansion = tryParseInt64(argv[pos++]!);
          if (expansion === undefined) throw ERR_BF_INSERT_EXPANSION;
          options.expansion = expansion;
        }
        break;
      }
      case 'c': {
        if (++pos === argv.length) throw errWrongArity('bf.insert');
        const capacity = tryParseInt64(argv[pos++]!);
        if (capacity === undefined) throw ERR_BF_INSERT_CAPACITY;
        options.capacity = capacity;
        break;
      }
      case 'n':
        if (arg.charAt(2) === 'c') options.autocreate = false;
        else options.nonScaling = BLOOM_OPT_NO_SCALING;
        pos++;
        break;
      default:
        throw ERR_BF_UNKNOWN_ARGUMENT;
    }
  }
  if (itemsIndex < 0 || itemsIndex === argv.length) throw errWrongArity('bf.insert');
  if (!(options.errorRate > 0) || options.errorRate >= 1 || options.capacity < 1n || options.expansion < 1n) throw ERR_BF_BAD_ARGUMENT;
  return insertGeneric(client, argv[1]!, argv.slice(itemsIndex), options);
};

/** BF.EXISTS and BF.MEXISTS: a missing key, or one of another type, holds nothing. */
function existsGeneric(client: Client, argv: Bytes[], multi: boolean): Reply {
  const value = client.db.lookupRead(argv[1]!, client);
  const sb = bloomType.is(value) ? value : undefined;
  const replies = argv.slice(2).map((item) => new BooleanReply(sb !== undefined && sb.has(item)));
  return multi ? replies : (replies[0] as Reply);
}

/** BF.EXISTS key item */
export const BF_EXISTS: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('bf.exists');
  return existsGeneric(client, argv, false);
};

/** BF.MEXISTS key item [item ...] */
export const BF_MEXISTS: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('bf.mexists');
  return existsGeneric(client, argv, true);
};

/** BF.CARD key: 0 for a missing key. */
export const BF_CARD: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('bf.card');
  const sb = bloomType.read(client, argv[1]!);
  return sb === undefined ? 0 : int64Reply(BigInt.asIntN(64, sb.size));
};

/** The filter at a key opened for reading: "not found" when missing, WRONGTYPE for another type. */
function readChain(client: Client, key: Bytes): BloomChain {
  const sb = bloomType.read(client, key);
  if (sb === undefined) throw ERR_BF_NOT_FOUND;
  return sb;
}

const INFO_FIELDS: Record<string, string> = { capacity: 'Capacity', size: 'Size', filters: 'Number of filters', items: 'Number of items inserted', expansion: 'Expansion rate' };

/** BF.INFO key [CAPACITY | SIZE | FILTERS | ITEMS | EXPANSION] */
export const BF_INFO: CommandHandler = (client, argv) => {
  if (argv.length !== 2 && argv.length !== 3) throw errWrongArity('bf.info');
  const sb = readChain(client, argv[1]!);
  const values: Record<string, Reply> = {
    capacity: int64Reply(BigInt.asIntN(64, sb.capacity())),
    size: sb.memUsage(),
    filters: sb.filters.length,
    items: int64Reply(BigInt.asIntN(64, sb.size)),
    expansion: sb.options & BLOOM_OPT_NO_SCALING ? null : sb.growth,
  };
  if (argv.length === 3) {
    const field = argv[2]!.toLowerCase();
    const name = Object.hasOwn(INFO_FIELDS, field) ? INFO_FIELDS[field] : undefined;
    if (name === undefined) throw ERR_BF_INFO_VALUE;
    // A map of one field in RESP3, the bare value in an array of one in RESP2.
    return client.protocol === 3 ? new MapReply([[status(name), values[field] as Reply]]) : [values[field] as Reply];
  }
  return new MapReply(Object.keys(INFO_FIELDS).map((field) => [status(INFO_FIELDS[field]!), values[field] as Reply]));
};

const status = (text: string): SimpleString => new SimpleString(text);

/**
 * BF.DEBUG key: the chain's item count, then a line per filter as the module prints it
 * (bits 2^n2 when the header loaded none; the ratio with printf's %g).
 */
export const BF_DEBUG: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('bf.debug');
  const sb = readChain(client, argv[1]!);
  const hashWidth = sb.options & BLOOM_OPT_FORCE64 ? 64 : 32;
  return [
    `size:${sb.size}` as Bytes,
    ...sb.filters.map((link) => {
      const bits = link.bits !== 0 ? BigInt(link.bits) : BigInt.asUintN(64, 1n << BigInt(link.n2 & 63));
      return `bytes:${link.bytes} bits:${bits} hashes:${link.hashes} hashwidth:${hashWidth} capacity:${link.entries} size:${link.size} ratio:${formatDoubleG(link.error, 6)}` as Bytes;
    }),
  ];
};

/** BF.SCANDUMP key iterator: [1, header] from 0, then [next, chunk] until [0, ""]. */
export const BF_SCANDUMP: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('bf.scandump');
  const sb = readChain(client, argv[1]!);
  const iter = tryParseInt64(argv[2]!);
  if (iter === undefined) throw ERR_BF_SCANDUMP_ITER;
  if (iter === 0n) return [1, sb.encodedHeader()];
  const [next, chunk] = sb.encodedChunk(iter);
  return [int64Reply(next), chunk];
};

/** BF.LOADCHUNK key iterator data: iterator 1 on a missing key makes the filter from a header. */
export const BF_LOADCHUNK: CommandHandler = (client, argv) => {
  if (argv.length !== 4) throw errWrongArity('bf.loadchunk');
  const iter = tryParseInt64(argv[2]!);
  if (iter === undefined) throw ERR_BF_LOADCHUNK_ITER;
  const key = argv[1]!;
  const data = argv[3]!;
  const db = client.db;
  try {
    const sb = bloomType.write(db, key, client);
    if (sb === undefined) {
      if (iter !== 1n) throw ERR_BF_NOT_FOUND;
      const made = BloomChain.fromHeader(data);
      if (made === undefined) throw ERR_BF_BAD_DATA;
      bloomType.add(db, key, made);
      return OK;
    }
    const error = sb.loadChunk(iter, data);
    if (error !== undefined) throw new ErrorReply(error);
    return OK;
  } finally {
    db.signalModifiedKey(key);
  }
};

