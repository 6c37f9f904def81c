import {
  BooleanReply, type Bytes, type Client, type CommandHandler, errWrongArity, type ErrorReply, int64Reply, MapReply, OK, type Reply,
  type RedisValue, SimpleString, tryParseInt64,
} from '@fakeredis/core';
import {
  CF_DEFAULT_BUCKETSIZE, CF_DEFAULT_EXPANSION, CF_DEFAULT_MAX_ITERATIONS, CF_HEADER_SIZE, CuckooFilter, cuckooType, EXISTS, INSERTED,
  NO_SPACE,
} from './filter.js';
import {
  ERR_CF_BAD_CAPACITY, ERR_CF_BUCKETSIZE_RANGE, ERR_CF_CAPACITY_TOO_SMALL, ERR_CF_COMPACT_NOT_FOUND, ERR_CF_CREATE, ERR_CF_DEL_NOT_FOUND, ERR_CF_EXPANSION_RANGE,
  ERR_CF_FULL, ERR_CF_INVALID_HEADER, ERR_CF_INVALID_POSITION, ERR_CF_ITEM_EXISTS, ERR_CF_LOAD_CHUNK, ERR_CF_LOAD_HEADER,
  ERR_CF_MAX_EXPANSIONS, ERR_CF_MAXITERATIONS_RANGE, ERR_CF_NOT_FOUND, ERR_CF_OOM, ERR_CF_OOM_CREATE, ERR_CF_PARSE_BUCKETSIZE,
  ERR_CF_PARSE_EXPANSION, ERR_CF_PARSE_MAXITERATIONS, ERR_CF_UNKNOWN_ARGUMENT,
} from './errors.js';

/**
 * CF.* as src/rebloom.c of RedisBloom 2.8 answers them. The module registers each command
 * with arity -1 and checks the argument count itself. A key it opens for writing is
 * signalled modified when the command ends (RM_CloseKey), whatever the command did.
 */

/** CFDefaultInitCapacity: the capacity of a filter CF.ADD or CF.INSERT creates. */
const DEFAULT_CAPACITY = 1024n;

/** CFMaxExpansions: a filter with this many sub-filters takes no more items. */
const MAX_EXPANSIONS = 32;

/** RMUtil_ArgIndex: the first argument (the command's name included) equal to `token` in any case. */
function argIndex(argv: Bytes[], token: string): number {
  return argv.findIndex((arg) => arg.length === token.length && arg.toUpperCase() === token);
}

/**
 * A CF.RESERVE option's value: the argument after its name, parsed as the module does.
 * The module reads past the arguments when the name comes last (redis-server crashes);
 * here that is a parse error.
 */
function optionValue(argv: Bytes[], name: string, fallback: bigint, parseError: ErrorReply, rangeError: ErrorReply, min: bigint, max: bigint): bigint {
  const at = argIndex(argv, name);
  if (at === -1) return fallback;
  const value = at + 1 < argv.length ? tryParseInt64(argv[at + 1]!) : undefined;
  if (value === undefined) throw parseError;
  if (value < min || value > max) throw rangeError;
  return value;
}

/** The value at a key opened for writing (RM_OpenKey), and the key signalled modified at the end. */
function withWriteKey<T>(client: Client, key: Bytes, body: (value: RedisValue | undefined) => T): T {
  try {
    return body(client.db.lookupWrite(key, client));
  } finally {
    client.db.signalModifiedKey(key);
  }
}

/** cfCreate: "Could not create filter" below two buckets' worth, out of memory past the fake's limit. */
function createFilter(client: Client, key: Bytes, capacity: bigint, bucketSize: number, maxIterations: number, expansion: number): CuckooFilter {
  if (capacity < BigInt(bucketSize * 2)) throw ERR_CF_CREATE;
  const cf = CuckooFilter.create(capacity, bucketSize, maxIterations, expansion);
  if (cf === undefined) throw ERR_CF_OOM_CREATE;
  return cuckooType.add(client.db, key, cf);
}

/** CF.RESERVE key capacity [BUCKETSIZE n] [MAXITERATIONS n] [EXPANSION n]: options found anywhere, the key included. */
export const CF_RESERVE: CommandHandler = (client, argv) => {
  if (argv.length < 3 || argv.length % 2 === 0) throw errWrongArity('cf.reserve');
  const capacity = tryParseInt64(argv[2]!);
  if (capacity === undefined) throw ERR_CF_BAD_CAPACITY;
  const maxIterations = optionValue(argv, 'MAXITERATIONS', BigInt(CF_DEFAULT_MAX_ITERATIONS), ERR_CF_PARSE_MAXITERATIONS, ERR_CF_MAXITERATIONS_RANGE, 1n, 65535n);
  const bucketSize = optionValue(argv, 'BUCKETSIZE', BigInt(CF_DEFAULT_BUCKETSIZE), ERR_CF_PARSE_BUCKETSIZE, ERR_CF_BUCKETSIZE_RANGE, 1n, 255n);
  const expansion = optionValue(argv, 'EXPANSION', BigInt(CF_DEFAULT_EXPANSION), ERR_CF_PARSE_EXPANSION, ERR_CF_EXPANSION_RANGE, 0n, 32768n);
  if (bucketSize * 2n > capacity) throw ERR_CF_CAPACITY_TOO_SMALL;
  return withWriteKey(client, argv[1]!, (value) => {
    if (value !== undefined) {
      cuckooType.check(value); // WRONGTYPE first
      throw ERR_CF_ITEM_EXISTS;
    }
    createFilter(client, argv[1]!, capacity, Number(bucketSize), Number(maxIterations), Number(expansion));
    return OK;
  });
};

interface InsertOptions {
  nx: boolean;
  autocreate: boolean;
  multi: boolean;
  capacity: bigint;
}

/**
 * cfInsertCommon. RESP3 answers booleans, except CF.INSERTNX (integers, as in RESP2); in a
 * multi-item reply a full filter answers -1 (false for CF.INSERT in RESP3) and the next
 * items are still tried.
 */
function insertCommon(client: Client, key: Bytes, items: Bytes[], options: InsertOptions): Reply {
  return withWriteKey(client, key, (value) => {
    let cf = value === undefined ? undefined : cuckooType.check(value);
    if (cf === undefined) {
      if (!options.autocreate) throw ERR_CF_NOT_FOUND;
      cf = createFilter(client, key, options.capacity, CF_DEFAULT_BUCKETSIZE, CF_DEFAULT_MAX_ITERATIONS, CF_DEFAULT_EXPANSION);
    }
    if (cf.filters.length >= MAX_EXPANSIONS) throw ERR_CF_MAX_EXPANSIONS;
    const booleans = client.protocol === 3 && (!options.nx || !options.multi);
    const replies: Reply[] = [];
    for (const item of items) {
      const status = cf.insert(item, options.nx);
      if (status === INSERTED || status === EXISTS) {
        replies.push(booleans ? new BooleanReply(status === INSERTED) : status);
      } else if (!options.multi) {
        throw status === NO_SPACE ? ERR_CF_FULL : ERR_CF_OOM;
      } else {
        replies.push(client.protocol === 3 && !options.nx ? new BooleanReply(false) : -1);
      }
    }
    return options.multi ? replies : (replies[0] as Reply);
  });
}

/** CF.ADD key item */
export const CF_ADD: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('cf.add');
  return insertCommon(client, argv[1]!, [argv[2]!], { nx: false, autocreate: true, multi: false, capacity: DEFAULT_CAPACITY });
};

/** CF.ADDNX key item */
export const CF_ADDNX: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('cf.addnx');
  return insertCommon(client, argv[1]!, [argv[2]!], { nx: true, autocreate: true, multi: false, capacity: DEFAULT_CAPACITY });
};

/**
 * CF.INSERT / CF.INSERTNX key [CAPACITY c] [NOCREATE] ITEMS item [item ...]: options told
 * apart by their first letter only, as the module does (any word starting with "i" begins
 * the items, with "n" is NOCREATE).
 */
function insertCommand(client: Client, argv: Bytes[], name: string, nx: boolean): Reply {
  const options: InsertOptions = { nx, autocreate: true, multi: true, capacity: DEFAULT_CAPACITY };
  if (argv.length < 4) throw errWrongArity(name);
  let itemsAt = -1;
  let pos = 2;
  while (pos < argv.length && itemsAt < 0) {
    switch (argv[pos]!.charAt(0).toLowerCase()) {
      case 'c': {
        if (++pos === argv.length) throw errWrongArity(name);
        const capacity = tryParseInt64(argv[pos++]!);
        if (capacity === undefined) throw ERR_CF_BAD_CAPACITY;
        if (capacity < BigInt(2 * CF_DEFAULT_BUCKETSIZE)) throw ERR_CF_CAPACITY_TOO_SMALL;
        options.capacity = capacity;
        break;
      }
      case 'i':
        itemsAt = ++pos;
        break;
      case 'n':
        options.autocreate = false;
        pos++;
        break;
      default:
        throw ERR_CF_UNKNOWN_ARGUMENT;
    }
  }
  if (itemsAt < 0 || itemsAt === argv.length) throw errWrongArity(name);
  return insertCommon(client, argv[1]!, argv.slice(itemsAt), options);
}

/** CF.INSERT key [CAPACITY c] [NOCREATE] ITEMS item [item ...] */
export const CF_INSERT: CommandHandler = (client, argv) => insertCommand(client, argv, 'cf.insert', false);

/** CF.INSERTNX key [CAPACITY c] [NOCREATE] ITEMS item [item ...] */
export const CF_INSERTNX: CommandHandler = (client, argv) => insertCommand(client, argv, 'cf.insertnx', true);

/** CFCheck_RedisCommand: a missing key, or one of another type, holds nothing. CF.COUNT answers integers in RESP3 too. */
function check(client: Client, argv: Bytes[], multi: boolean, count: boolean): Reply {
  const value = client.db.lookupRead(argv[1]!, client);
  const cf = cuckooType.is(value) ? value : undefined;
  const booleans = client.protocol === 3 && !count;
  const replies = argv.slice(2).map((item): Reply => {
    const n = cf === undefined ? 0 : count ? cf.count(item) : cf.has(item) ? 1 : 0;
    return booleans ? new BooleanReply(n !== 0) : n;
  });
  return multi ? replies : (replies[0] as Reply);
}

/** CF.EXISTS key item */
export const CF_EXISTS: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('cf.exists');
  return check(client, argv, false, false);
};

/** CF.MEXISTS key item [item ...] */
export const CF_MEXISTS: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('cf.mexists');
  return check(client, argv, true, false);
};

/** CF.COUNT key item */
export const CF_COUNT: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('cf.count');
  return check(client, argv, false, true);
};

/** CF.DEL key item: "Not found" for a missing key or one of another type. */
export const CF_DEL: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('cf.del');
  return withWriteKey(client, argv[1]!, (value) => {
    if (!cuckooType.is(value)) throw ERR_CF_DEL_NOT_FOUND;
    const deleted = value.delete(argv[2]!);
    return client.protocol === 3 ? new BooleanReply(deleted) : deleted ? 1 : 0;
  });
};

/**
 * CF.COMPACT key: moves fingerprints down to older sub-filters, going on past one that
 * cannot be emptied, and drops emptied newest ones; the deletions count starts over. A
 * missing key or one of another type is "Cuckoo filter was not found".
 */
export const CF_COMPACT: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('cf.compact');
  return withWriteKey(client, argv[1]!, (value) => {
    if (!cuckooType.is(value)) throw ERR_CF_COMPACT_NOT_FOUND;
    value.compact(true);
    return OK;
  });
};

/** The filter at a key opened for reading: "not found" when missing, WRONGTYPE for another type. */
function readFilter(client: Client, key: Bytes): CuckooFilter {
  const cf = cuckooType.read(client, key);
  if (cf === undefined) throw ERR_CF_NOT_FOUND;
  return cf;
}

const status = (text: string): SimpleString => new SimpleString(text);

/** CF.INFO key */
export const CF_INFO: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('cf.info');
  const cf = readFilter(client, argv[1]!);
  return new MapReply([
    [status('Size'), cf.infoSize()],
    [status('Number of buckets'), int64Reply(BigInt.asIntN(64, cf.numBuckets))],
    [status('Number of filters'), cf.filters.length],
    [status('Number of items inserted'), int64Reply(BigInt.asIntN(64, cf.numItems))],
    [status('Number of items deleted'), int64Reply(BigInt.asIntN(64, cf.numDeletes))],
    [status('Bucket size'), cf.bucketSize],
    [status('Expansion rate'), cf.expansion],
    [status('Max iterations'), cf.maxIterations],
  ]);
};

/** CF.DEBUG key: the filter's fields in one line, as the module prints them. */
export const CF_DEBUG: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('cf.debug');
  const cf = readFilter(client, argv[1]!);
  return `bktsize:${cf.bucketSize} buckets:${cf.numBuckets} items:${cf.numItems} deletes:${cf.numDeletes} filters:${cf.filters.length} max_iterations:${cf.maxIterations} expansion:${cf.expansion}` as Bytes;
};

/** CF.SCANDUMP key iterator: [1, header] from 0, then [next, chunk] until [0, nil]; [0, nil] at once for a filter with no items. */
export const CF_SCANDUMP: CommandHandler = (client, argv) => {
  if (argv.length !== 3) throw errWrongArity('cf.scandump');
  const pos = tryParseInt64(argv[2]!);
  if (pos === undefined || pos < 0n) throw ERR_CF_INVALID_POSITION;
  const cf = readFilter(client, argv[1]!);
  if (cf.numItems === 0n) return [0, null];
  if (pos === 0n) return [1, cf.encodedHeader()];
  const chunk = cf.encodedChunk(pos);
  return chunk === undefined ? [0, null] : [int64Reply(chunk[0]), chunk[1]];
};

/** CF.LOADCHUNK key iterator data: iterator 1 makes the filter from a header at a missing key. */
export const CF_LOADCHUNK: CommandHandler = (client, argv) => {
  if (argv.length !== 4) throw errWrongArity('cf.loadchunk');
  const key = argv[1]!;
  const data = argv[3]!;
  return withWriteKey(client, key, (value) => {
    const pos = tryParseInt64(argv[2]!);
    if (pos === undefined || pos === 0n) throw ERR_CF_INVALID_POSITION;
    const cf = value === undefined ? undefined : cuckooType.check(value);
    if (pos === 1n) {
      if (cf !== undefined) throw ERR_CF_ITEM_EXISTS;
      if (data.length !== CF_HEADER_SIZE) throw ERR_CF_INVALID_HEADER;
      const made = CuckooFilter.fromHeader(data);
      if (made === undefined) throw ERR_CF_LOAD_HEADER;
      cuckooType.add(client.db, key, made);
      return OK;
    }
    if (cf === undefined) throw ERR_CF_NOT_FOUND;
    if (!cf.loadChunk(pos, data)) throw ERR_CF_LOAD_CHUNK;
    return OK;
  });
};
