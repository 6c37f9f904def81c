import { type Bytes, type CommandHandler, formatDouble, isToken, parseScanCursor, parseScanOptions } from '@fakeredis/core';
import { zsetType } from '../value.js';
import { listpackScoreText } from '../listpack.js';

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT count] [NOSCORES] (NOSCORES from Redis 8.0
 * and Valkey 8.0; before, the word is a syntax error). A listpack is returned whole, in
 * order, with cursor 0, as Redis does for small encodings; its scores print as the
 * listpack holds them (integers as integers). A skiplist is walked with a cursor that
 * never misses a member present for the whole scan (Redis walks its hash table, whose
 * order is its own), scores printed as doubles. Scores are bulk strings in RESP3 too.
 */
export const ZSCAN: CommandHandler = (client, argv) => {
  const cursor = parseScanCursor(argv[2] as Bytes);
  const zset = zsetType.read(client, argv[1] as Bytes);
  if (zset === undefined) return ['0' as Bytes, []];
  const noScoresAllowed = client.server.versionAtLeast('8.0.0');
  let noScores = false;
  const { count, match } = parseScanOptions(argv, 3, (i) => {
    if (!noScoresAllowed || !isToken(argv[i] as Bytes, 'NOSCORES')) return 0;
    noScores = true;
    return 1;
  });
  const format = client.server.encoder.doubleFormat;
  const found: Bytes[] = [];
  if (zset.encoding() === 'listpack') {
    for (const [member, score] of zset.entries()) {
      if (match !== undefined && !match(member)) continue;
      found.push(member);
      if (!noScores) found.push(listpackScoreText(score, format));
    }
    return ['0' as Bytes, found];
  }
  const next = zset.scan(cursor, count, (member, score) => {
    if (match !== undefined && !match(member)) return;
    found.push(member);
    if (!noScores) found.push(formatDouble(score, format) as Bytes);
  });
  return [String(next) as Bytes, found];
};
