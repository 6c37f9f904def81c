import { type Bytes, type Client, type CommandHandler, parseInteger } from '@fakeredis/core';
import { parseLexRange, parseScoreRange } from '../ranges.js';
import { type SortedSet, zsetType } from '../value.js';

/**
 * zremrangeGenericCommand: ZREMRANGEBYRANK / BYSCORE / BYLEX; the range is parsed before
 * the key is looked up; an emptied zset is deleted (its `del` after the command's event).
 */
function zremrangeGeneric(client: Client, key: Bytes, event: string, remove: (zset: SortedSet) => number): number {
  const db = client.db;
  const zset = zsetType.write(db, key, client);
  if (zset === undefined) return 0;
  const deleted = remove(zset);
  if (deleted > 0) {
    db.signalModifiedKey(key);
    zsetType.notify(db, event, key);
    zsetType.deleteIfEmpty(db, key, zset);
    client.server.addDirty(deleted);
  }
  return deleted;
}

/** ZREMRANGEBYRANK key start stop */
export const ZREMRANGEBYRANK: CommandHandler = (client, argv) => {
  let start = parseInteger(argv[2] as Bytes);
  let end = parseInteger(argv[3] as Bytes);
  return zremrangeGeneric(client, argv[1] as Bytes, 'zremrangebyrank', (zset) => {
    const length = zset.size;
    if (start < 0) start += length;
    if (end < 0) end += length;
    if (start < 0) start = 0;
    if (start > end || start >= length) return 0;
    if (end >= length) end = length - 1;
    return zset.deleteRangeByRank(start, end);
  });
};

/** ZREMRANGEBYSCORE key min max */
export const ZREMRANGEBYSCORE: CommandHandler = (client, argv) => {
  const range = parseScoreRange(argv[2] as Bytes, argv[3] as Bytes);
  return zremrangeGeneric(client, argv[1] as Bytes, 'zremrangebyscore', (zset) => zset.deleteRangeByScore(range));
};

/** ZREMRANGEBYLEX key min max */
export const ZREMRANGEBYLEX: CommandHandler = (client, argv) => {
  const range = parseLexRange(argv[2] as Bytes, argv[3] as Bytes);
  return zremrangeGeneric(client, argv[1] as Bytes, 'zremrangebylex', (zset) => zset.deleteRangeByLex(range));
};
