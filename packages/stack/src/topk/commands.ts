import {
  BooleanReply, type Bytes, type Client, type CommandHandler, DoubleReply, errWrongArity, MapReply, OK, type Reply, SimpleString,
  tryParseDouble, tryParseInt64,
} from '@fakeredis/core';
import { MAX_TOPK_BYTES, TopK, topkType } from './heavykeeper.js';
import {
  ERR_TOPK_EXISTS, ERR_TOPK_INCREMENT, ERR_TOPK_INVALID_DECAY, ERR_TOPK_INVALID_DEPTH, ERR_TOPK_INVALID_K, ERR_TOPK_INVALID_WIDTH,
  ERR_TOPK_NOT_FOUND, ERR_TOPK_OOM, ERR_TOPK_WITHCOUNT,
} from './errors.js';
import { serverRandom } from './random.js';
import { cString } from './rdb.js';

/**
 * TOPK.* as src/rm_topk.c of RedisBloom 2.8 answers them. The module registers each
 * command with arity -1 and checks the argument count itself. A key it opens for writing
 * is signalled modified when the command ends (RM_CloseKey), whatever the command did.
 */

const DEFAULT_WIDTH = 8;
const DEFAULT_DEPTH = 7;
const DEFAULT_DECAY = 0.9;
const UINT32_MAX = 0xffffffffn;
const MAX_INCREMENT = 100000n;

/** A reply of the module's RedisModule_ReplyWithCString: null for no item, else up to its first NUL byte. */
const itemReply = (item: Bytes | undefined | null): Reply => (item === undefined || item === null ? null : cString(item));

/** GetTopKKey: the sketch, "key does not exist" when missing, WRONGTYPE for another type. */
function getTopK(client: Client, key: Bytes, write: boolean): TopK {
  const topk = write ? topkType.write(client.db, key, client) : topkType.read(client, key);
  if (topk === undefined) throw ERR_TOPK_NOT_FOUND;
  return topk;
}

/** An argument as the module's uint32 parameters take it: 1 to 2^32-1. */
function parseUint32(arg: Bytes): number | undefined {
  const value = tryParseInt64(arg);
  return value === undefined || value > UINT32_MAX || value < 1n ? undefined : Number(value);
}

/** TOPK.RESERVE key topk [width depth decay] */
export const TOPK_RESERVE: CommandHandler = (client, argv) => {
  if (argv.length !== 3 && argv.length !== 6) throw errWrongArity('topk.reserve');
  const key = argv[1]!;
  const db = client.db;
  try {
    if (db.lookupWrite(key, client) !== undefined) throw ERR_TOPK_EXISTS;
    const k = parseUint32(argv[2]!);
    if (k === undefined) throw ERR_TOPK_INVALID_K;
    let width = DEFAULT_WIDTH;
    let depth = DEFAULT_DEPTH;
    let decay = DEFAULT_DECAY;
    if (argv.length === 6) {
      const w = parseUint32(argv[3]!);
      if (w === undefined) throw ERR_TOPK_INVALID_WIDTH;
      const d = parseUint32(argv[4]!);
      if (d === undefined) throw ERR_TOPK_INVALID_DEPTH;
      const parsed = tryParseDouble(argv[5]!);
      if (parsed === undefined || parsed <= 0 || parsed > 1) throw ERR_TOPK_INVALID_DECAY;
      width = w;
      depth = d;
      decay = parsed;
    }
    // The module's calloc fails for a huge sketch; the fake refuses past 1 GiB.
    if (width * depth * 8 + k * 24 > MAX_TOPK_BYTES) throw ERR_TOPK_OOM;
    topkType.add(db, key, TopK.create(k, width, depth, decay));
    return OK;
  } finally {
    db.signalModifiedKey(key);
  }
};

/** TOPK.ADD key items...: the item each one expelled from the list, or null. */
export const TOPK_ADD: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('topk.add');
  const key = argv[1]!;
  try {
    const topk = getTopK(client, key, true);
    const random = serverRandom(client.server);
    return argv.slice(2).map((item) => itemReply(topk.add(item, 1, random)));
  } finally {
    client.db.signalModifiedKey(key);
  }
};

/**
 * TOPK.INCRBY key item increment [item increment ...]. The module stops at a bad increment
 * with its error in the array, the items before it added. (When pairs follow the bad one,
 * the module has announced more elements than it sends and the connection's next replies
 * fill them; the fake answers the array it sent.)
 */
export const TOPK_INCRBY: CommandHandler = (client, argv) => {
  if (argv.length < 4 || argv.length % 2 === 1) throw errWrongArity('topk.incrby');
  const key = argv[1]!;
  try {
    const topk = getTopK(client, key, true);
    const random = serverRandom(client.server);
    const replies: Reply[] = [];
    for (let i = 2; i < argv.length; i += 2) {
      const increment = tryParseInt64(argv[i + 1]!);
      if (increment === undefined || increment < 0n || increment > MAX_INCREMENT) {
        replies.push(ERR_TOPK_INCREMENT);
        break;
      }
      replies.push(itemReply(topk.add(argv[i]!, Number(increment), random)));
    }
    return replies;
  } finally {
    client.db.signalModifiedKey(key);
  }
};

/** TOPK.QUERY key items...: 1 / 0 in RESP2, booleans in RESP3. */
export const TOPK_QUERY: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('topk.query');
  const topk = getTopK(client, argv[1]!, false);
  return argv.slice(2).map((item) => (client.protocol === 3 ? new BooleanReply(topk.query(item)) : topk.query(item) ? 1 : 0));
};

/** TOPK.COUNT key items... (deprecated in the module, still answered). */
export const TOPK_COUNT: CommandHandler = (client, argv) => {
  if (argv.length < 3) throw errWrongArity('topk.count');
  const topk = getTopK(client, argv[1]!, false);
  return argv.slice(2).map((item) => topk.count(item));
};

/** strncasecmp(arg, "WITHCOUNT", strlen of arg) == 0: a prefix of the word in any case, and the comparison ends at a NUL. */
function isWithCount(arg: Bytes): boolean {
  const word = 'WITHCOUNT';
  for (let i = 0; i < arg.length; i++) {
    const c = arg.charCodeAt(i);
    if (i === word.length) return c === 0;
    const upper = c >= 0x61 && c <= 0x7a ? c - 0x20 : c;
    if (upper !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** TOPK.LIST key [WITHCOUNT]: the heap by count, stopping at the first empty slot. Any prefix of WITHCOUNT (even "") counts. */
export const TOPK_LIST: CommandHandler = (client, argv) => {
  if (argv.length !== 2 && argv.length !== 3) throw errWrongArity('topk.list');
  let withCount = false;
  if (argv.length === 3) {
    if (!isWithCount(argv[2]!)) throw ERR_TOPK_WITHCOUNT;
    withCount = true;
  }
  const topk = getTopK(client, argv[1]!, false);
  const replies: Reply[] = [];
  for (const slot of topk.list()) {
    const count = topk.heapCount[slot]!;
    if (count === 0) break;
    replies.push(itemReply(topk.heapItem[slot]));
    if (withCount) replies.push(count);
  }
  return replies;
};

/** TOPK.INFO key: k, width, depth, decay (a map in RESP3). */
export const TOPK_INFO: CommandHandler = (client, argv) => {
  if (argv.length !== 2) throw errWrongArity('topk.info');
  const topk = getTopK(client, argv[1]!, false);
  return new MapReply([
    [new SimpleString('k'), topk.k],
    [new SimpleString('width'), topk.width],
    [new SimpleString('depth'), topk.depth],
    [new SimpleString('decay'), new DoubleReply(topk.decay)],
  ]);
};
