import { type Bytes, type CommandHandler, parseScanCursor, parseScanOptions } from '@fakeredis/core';
import { setType } from '../value.js';

/**
 * SSCAN key cursor [MATCH pattern] [COUNT count]. A hashtable is walked with a cursor
 * that never misses a member present for the whole scan; an intset (or a 7.2 listpack)
 * is returned whole in one call with cursor 0, as Redis does for small encodings.
 */
export const SSCAN: CommandHandler = (client, argv) => {
  const cursor = parseScanCursor(argv[2] as Bytes);
  const set = setType.read(client, argv[1] as Bytes);
  // A missing key answers an empty scan before the options are read.
  if (set === undefined) return ['0' as Bytes, []];
  const { count, match } = parseScanOptions(argv, 3);
  const found: Bytes[] = [];
  const keep = (member: Bytes) => {
    if (match === undefined || match(member)) found.push(member);
  };
  let next = 0;
  if (set.encoding() === 'hashtable') next = set.scan(cursor, count, keep);
  else for (const member of set.members()) keep(member);
  return [String(next) as Bytes, found];
};
