import {
  type Bytes,
  type CommandHandler,
  ERR_NOT_INTEGER,
  ERR_SYNTAX,
  errValueMustBetween,
  INT64_MAX,
  INT64_MIN,
  isToken,
  type Reply,
  tryParseInt64,
} from '@fakeredis/core';
import { ERR_COUNT_NEGATIVE, ERR_MAXLEN_NEGATIVE, ERR_RANK_ZERO } from '../errors.js';
import { listType } from '../value.js';

/** getPositiveLongFromObjectOrReply with the option's own message for both failures. */
function parseNonNegative(arg: Bytes, error: typeof ERR_COUNT_NEGATIVE): number {
  const value = tryParseInt64(arg);
  if (value === undefined || value < 0n) throw error;
  return Number(value);
}

/**
 * LPOS key element [RANK rank] [COUNT num-matches] [MAXLEN len]: the index of a match
 * (null when none), or with COUNT an array of up to num-matches indexes (0: all).
 * RANK n starts at the n-th match, counting from the tail when negative; MAXLEN caps
 * the elements compared. Options are parsed before the key is looked up.
 */
export const LPOS: CommandHandler = (client, argv) => {
  const element = argv[2] as Bytes;
  let rank = 1;
  // Redis 7.0 negates RANK -2^63 into itself (an overflow): every match is then at or
  // past the rank, and COUNT never ends the search. 7.2 refuses that value.
  let rankOverflow = false;
  let count = -1;
  let maxlen = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j] as Bytes;
    const more = j < argv.length - 1;
    if (isToken(opt, 'RANK') && more) {
      const value = tryParseInt64(argv[++j] as Bytes);
      if (value === undefined) throw ERR_NOT_INTEGER;
      if (value === INT64_MIN && client.server.versionAtLeast('7.2.0')) throw errValueMustBetween(-INT64_MAX, INT64_MAX);
      if (value === 0n) throw ERR_RANK_ZERO;
      rankOverflow = value === INT64_MIN;
      rank = Number(value);
    } else if (isToken(opt, 'COUNT') && more) {
      count = parseNonNegative(argv[++j] as Bytes, ERR_COUNT_NEGATIVE);
    } else if (isToken(opt, 'MAXLEN') && more) {
      maxlen = parseNonNegative(argv[++j] as Bytes, ERR_MAXLEN_NEGATIVE);
    } else {
      throw ERR_SYNTAX;
    }
  }
  const fromTail = rank < 0;
  if (fromTail) rank = -rank;

  const list = listType.read(client, argv[1] as Bytes);
  if (list === undefined) return count !== -1 ? [] : null;

  const length = list.length;
  const found: Reply[] = [];
  let matches = 0;
  for (let index = 0; index < length && (maxlen === 0 || index < maxlen); index++) {
    const position = fromTail ? length - index - 1 : index;
    if (list.at(position) !== element) continue;
    matches++;
    if (!rankOverflow && matches < rank) continue;
    if (count === -1) return position;
    found.push(position);
    if (!rankOverflow && count !== 0 && matches - rank + 1 >= count) break;
  }
  return count === -1 ? null : found;
};
