import { type Bytes, isToken } from '../bytes.js';
import { ERR_COUNT_NOT_POSITIVE, ERR_NUMKEYS_NOT_POSITIVE, ERR_SYNTAX } from '../errors/index.js';
import { tryParseInt64 } from '../numbers.js';

/** The arguments LMPOP, BLMPOP, ZMPOP and BZMPOP share. */
export interface MultiPopArgs<W> {
  keys: Bytes[];
  /** LEFT|RIGHT or MIN|MAX, as the command's own parser reads it. */
  where: W;
  /** COUNT, 1 when absent. */
  count: number;
}

/**
 * `numkeys key [key ...] <where> [COUNT count]` from `numkeysIndex`, with Redis's checks
 * in its order: numkeys, then where (`parseWhere` throws for a bad word), then COUNT once.
 */
export function parseMultiPopArgs<W>(argv: readonly Bytes[], numkeysIndex: number, parseWhere: (arg: Bytes) => W): MultiPopArgs<W> {
  const numkeys = tryParseInt64(argv[numkeysIndex] as Bytes);
  if (numkeys === undefined || numkeys < 1n) throw ERR_NUMKEYS_NOT_POSITIVE;
  const whereIndex = numkeysIndex + Number(numkeys) + 1;
  if (whereIndex >= argv.length) throw ERR_SYNTAX;
  const where = parseWhere(argv[whereIndex] as Bytes);
  let count = -1;
  for (let j = whereIndex + 1; j < argv.length; j++) {
    if (count === -1 && isToken(argv[j], 'COUNT') && j < argv.length - 1) {
      const value = tryParseInt64(argv[++j] as Bytes);
      if (value === undefined || value < 1n) throw ERR_COUNT_NOT_POSITIVE;
      count = Number(value);
    } else {
      throw ERR_SYNTAX;
    }
  }
  return { keys: argv.slice(numkeysIndex + 1, whereIndex), where, count: count === -1 ? 1 : count };
}
