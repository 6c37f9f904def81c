import { type Bytes, type CommandHandler, formatDouble, parseScanCursor, parseScanOptions } from '@fakeredis/core';
import { readZset } from '../access.js';
import { listpackScoreText } from '../listpack.js';

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT count]. A listpack is returned whole, in
 * order, with cursor 0, as Redis does for small encodings; its scores print as the
 * listpack holds them (integers as integers). A skiplist is walked with a cursor that
 * never misses a member present for the whole scan (Redis walks its hash table, whose
 * order is its own), scores printed as doubles. Scores are bulk strings in RESP3 too.
 */
export const ZSCAN: CommandHandler = (client, argv) => {
  const cursor = parseScanCursor(argv[2] as Bytes);
  const zset = readZset(client, argv[1] as Bytes);
  if (zset === undefined) return ['0' as Bytes, []];
  const { count, match } = parseScanOptions(argv, 3);
  const format = client.server.encoder.doubleFormat;
  const found: Bytes[] = [];
  if (zset.encoding() === 'listpack') {
    for (const [member, score] of zset.entries()) {
      if (match !== undefined && !match(member)) continue;
      found.push(member, listpackScoreText(score, format));
    }
    return ['0' as Bytes, found];
  }
  const next = zset.scan(cursor, count, (member, score) => {
    if (match === undefined || match(member)) found.push(member, formatDouble(score, format) as Bytes);
  });
  return [String(next) as Bytes, found];
};
