import { type Bytes, type CommandHandler, DoubleReply, ERR_SYNTAX, NULL_ARRAY, type Reply, errWrongArity, isToken } from '@fakeredis/core';
import { zsetType } from '../value.js';
import { parseLexRange, parseScoreRange } from '../ranges.js';

/** ZCARD key */
export const ZCARD: CommandHandler = (client, argv) => zsetType.read(client, argv[1] as Bytes)?.size ?? 0;

/** ZSCORE key member: a double, or null. */
export const ZSCORE: CommandHandler = (client, argv) => {
  const score = zsetType.read(client, argv[1] as Bytes)?.score(argv[2] as Bytes);
  return score === undefined ? null : new DoubleReply(score);
};

/** ZMSCORE key member [member ...]: a double or null per member; a missing key gives nulls. */
export const ZMSCORE: CommandHandler = (client, argv) => {
  const zset = zsetType.read(client, argv[1] as Bytes);
  const reply: Reply[] = [];
  for (let j = 2; j < argv.length; j++) {
    const score = zset?.score(argv[j] as Bytes);
    reply.push(score === undefined ? null : new DoubleReply(score));
  }
  return reply;
};

/**
 * zrankGenericCommand: ZRANK / ZREVRANK key member [WITHSCORE] (WITHSCORE from Redis 7.2;
 * 7.0's arity refuses it).
 */
function zrankGeneric(reverse: boolean): CommandHandler {
  return (client, argv) => {
    let withScore = false;
    if (argv.length > 4) throw errWrongArity(reverse ? 'zrevrank' : 'zrank');
    if (argv.length === 4) {
      if (!isToken(argv[3] as Bytes, 'WITHSCORE')) throw ERR_SYNTAX;
      withScore = true;
    }
    const zset = zsetType.read(client, argv[1] as Bytes);
    const member = argv[2] as Bytes;
    const rank = zset?.rank(member, reverse);
    if (rank === undefined) return withScore ? NULL_ARRAY : null;
    return withScore ? [rank, new DoubleReply(zset?.score(member) as number)] : rank;
  };
}

export const ZRANK = zrankGeneric(false);
export const ZREVRANK = zrankGeneric(true);

/** ZCOUNT key min max: O(log n) from the ranks of the range's ends. */
export const ZCOUNT: CommandHandler = (client, argv) => {
  const range = parseScoreRange(argv[2] as Bytes, argv[3] as Bytes);
  return zsetType.read(client, argv[1] as Bytes)?.countInScoreRange(range) ?? 0;
};

/** ZLEXCOUNT key min max */
export const ZLEXCOUNT: CommandHandler = (client, argv) => {
  const range = parseLexRange(argv[2] as Bytes, argv[3] as Bytes);
  return zsetType.read(client, argv[1] as Bytes)?.countInLexRange(range) ?? 0;
};
