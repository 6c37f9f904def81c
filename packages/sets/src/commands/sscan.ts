import {
  type Bytes,
  type CommandHandler,
  compileScanPattern,
  ERR_NOT_INTEGER,
  ERR_SYNTAX,
  parseInteger,
  parseScanCursor,
  isToken,
} from '@fakeredis/core';
import { readSet } from '../access.js';

/**
 * SSCAN key cursor [MATCH pattern] [COUNT count]. A hashtable is walked with a cursor
 * that never misses a member present for the whole scan; an intset (or a 7.2 listpack)
 * is returned whole in one call with cursor 0, as Redis does for small encodings.
 */
export const SSCAN: CommandHandler = (client, argv) => {
  const cursor = parseScanCursor(argv[2] as Bytes);
  const set = readSet(client, argv[1] as Bytes);
  // A missing key answers an empty scan before the options are read.
  if (set === undefined) return ['0' as Bytes, []];
  let count = 10;
  let pattern: Bytes | undefined;
  for (let i = 3; i < argv.length; i += 2) {
    const option = argv[i] as Bytes;
    const hasValue = i + 1 < argv.length;
    if (hasValue && isToken(option, 'COUNT')) {
      count = parseInteger(argv[i + 1] as Bytes, ERR_NOT_INTEGER);
      if (count < 1) throw ERR_SYNTAX;
    } else if (hasValue && isToken(option, 'MATCH')) {
      pattern = argv[i + 1] as Bytes;
    } else {
      throw ERR_SYNTAX;
    }
  }
  const match = pattern === undefined ? undefined : compileScanPattern(pattern);
  const found: Bytes[] = [];
  const keep = (member: Bytes) => {
    if (match === undefined || match(member)) found.push(member);
  };
  let next = 0;
  if (set.encoding() === 'hashtable') next = set.scan(cursor, count, keep);
  else for (const member of set.members()) keep(member);
  return [String(next) as Bytes, found];
};
