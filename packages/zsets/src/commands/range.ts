import {
  type Bytes,
  type Client,
  type CommandHandler,
  ERR_SYNTAX,
  type Reply,
  isToken,
  parseInteger,
} from '@fakeredis/core';
import { ERR_ZRANGE_BYLEX_WITHSCORES, ERR_ZRANGE_LIMIT } from '../errors.js';
import { parseLexRange, parseScoreRange } from '../ranges.js';
import { rangeReply } from '../replies.js';
import { storeZset } from '../store.js';
import { SortedSet, zsetType } from '../value.js';

type RangeType = 'auto' | 'rank' | 'score' | 'lex';
type Direction = 'auto' | 'forward' | 'reverse';

/**
 * ZRANGE and its older forms (zrangeGenericCommand): options after <key> <min> <max>,
 * then the range (in [max, min] order for a reversed score or lex range), then the key.
 * `destination` is ZRANGESTORE's, which refuses WITHSCORES.
 */
function zrangeGeneric(
  client: Client,
  argv: Bytes[],
  keyIndex: number,
  destination: Bytes | undefined,
  presetType: RangeType,
  presetDirection: Direction,
): Reply {
  let rangeType = presetType;
  let direction = presetDirection;
  let withScores = false;
  let offset = 0;
  let limit = -1;
  let limited = false;
  for (let j = keyIndex + 3; j < argv.length; j++) {
    const arg = argv[j] as Bytes;
    const left = argv.length - j - 1;
    if (destination === undefined && isToken(arg, 'WITHSCORES')) withScores = true;
    else if (isToken(arg, 'LIMIT') && left >= 2) {
      offset = parseInteger(argv[j + 1] as Bytes);
      limit = parseInteger(argv[j + 2] as Bytes);
      limited = true;
      j += 2;
    } else if (direction === 'auto' && isToken(arg, 'REV')) direction = 'reverse';
    else if (rangeType === 'auto' && isToken(arg, 'BYLEX')) rangeType = 'lex';
    else if (rangeType === 'auto' && isToken(arg, 'BYSCORE')) rangeType = 'score';
    else throw ERR_SYNTAX;
  }
  const reverse = direction === 'reverse';
  if (rangeType === 'auto') rangeType = 'rank';
  // Redis tells "LIMIT given" by the count it read: LIMIT x -1 passes with a rank range.
  if (limited && limit !== -1 && rangeType === 'rank') throw ERR_ZRANGE_LIMIT;
  if (withScores && rangeType === 'lex') throw ERR_ZRANGE_BYLEX_WITHSCORES;

  let minArg = argv[keyIndex + 1] as Bytes;
  let maxArg = argv[keyIndex + 2] as Bytes;
  if (reverse && rangeType !== 'rank') [minArg, maxArg] = [maxArg, minArg];
  const key = argv[keyIndex] as Bytes;

  let entries: (zset: SortedSet) => Iterable<[Bytes, number]>;
  if (rangeType === 'rank') {
    const start = parseInteger(minArg);
    const end = parseInteger(maxArg);
    entries = (zset) => rankRange(zset, start, end, reverse);
  } else if (rangeType === 'score') {
    const range = parseScoreRange(minArg, maxArg);
    entries = (zset) => limitEntries(zset, offset, limit, (skip) => zset.rangeByScore(range, reverse, skip));
  } else {
    const range = parseLexRange(minArg, maxArg);
    entries = (zset) => limitEntries(zset, offset, limit, (skip) => zset.rangeByLex(range, reverse, skip));
  }

  const zset = zsetType.read(client, key);
  if (destination !== undefined) {
    const result = new SortedSet('skiplist');
    if (zset !== undefined) for (const [member, score] of entries(zset)) result.set(member, score);
    return storeZset(client, destination, result, 'zrangestore');
  }
  if (zset === undefined) return [];
  return rangeReply(entries(zset), withScores);
}

/** Ranks as Z[REV]RANGE takes them: negative from the end, clamped, empty when crossed. */
function* rankRange(zset: SortedSet, start: number, end: number, reverse: boolean): IterableIterator<[Bytes, number]> {
  const length = zset.size;
  if (start < 0) start += length;
  if (end < 0) end += length;
  if (start < 0) start = 0;
  if (start > end || start >= length) return;
  if (end >= length) end = length - 1;
  yield* zset.rangeByRank(start, end, reverse);
}

/**
 * LIMIT offset count over a score or lex range: a negative offset gives nothing (Redis
 * walks past the end), a negative count everything from the offset.
 */
function* limitEntries(
  zset: SortedSet,
  offset: number,
  limit: number,
  range: (skip: number) => Iterable<[Bytes, number]>,
): IterableIterator<[Bytes, number]> {
  if (offset < 0 || (offset > 0 && offset >= zset.size)) return;
  if (limit === 0) return;
  let left = limit;
  for (const entry of range(offset)) {
    yield entry;
    if (left > 0 && --left === 0) return;
  }
}

export const ZRANGE: CommandHandler = (client, argv) => zrangeGeneric(client, argv, 1, undefined, 'auto', 'auto');
export const ZRANGESTORE: CommandHandler = (client, argv) =>
  zrangeGeneric(client, argv, 2, argv[1] as Bytes, 'auto', 'auto');
export const ZREVRANGE: CommandHandler = (client, argv) => zrangeGeneric(client, argv, 1, undefined, 'rank', 'reverse');
export const ZRANGEBYSCORE: CommandHandler = (client, argv) =>
  zrangeGeneric(client, argv, 1, undefined, 'score', 'forward');
export const ZREVRANGEBYSCORE: CommandHandler = (client, argv) =>
  zrangeGeneric(client, argv, 1, undefined, 'score', 'reverse');
export const ZRANGEBYLEX: CommandHandler = (client, argv) => zrangeGeneric(client, argv, 1, undefined, 'lex', 'forward');
export const ZREVRANGEBYLEX: CommandHandler = (client, argv) =>
  zrangeGeneric(client, argv, 1, undefined, 'lex', 'reverse');
