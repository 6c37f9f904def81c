import { type Bytes, cString, isToken } from '../../bytes.js';
import type { CommandHandler } from '../../dispatch/mixin.js';
import { ERR_INVALID_CURSOR, ERR_NOT_INTEGER, ERR_SYNTAX } from '../../errors/index.js';
import { compileScanPattern, type GlobMatcher } from '../../glob.js';
import { parseInteger } from '../../numbers.js';
import { LOOKUP_NOTOUCH } from '../../database.js';
import { typeOf } from '../../values/object.js';

/** KEYS pattern: logically expired keys are left out but not deleted, as Redis does. */
export const KEYS: CommandHandler = (client, argv) => {
  const db = client.db;
  const match = compileScanPattern(argv[1] as Bytes);
  const found: Bytes[] = [];
  for (const key of db.keys()) {
    if ((match === undefined || match(key)) && !db.keyIsExpired(key)) found.push(key);
  }
  return found;
};

const ULONG_MAX = 18446744073709551615n;
const SPACE = /^[ \t\n\v\f\r]/;

/**
 * A SCAN cursor as Redis reads it with strtoul: optional sign ("-1" wraps to the largest
 * cursor), digits, nothing else up to a NUL; an empty string is cursor 0; leading space
 * is refused.
 */
export function parseScanCursor(arg: Bytes): number {
  arg = cString(arg);
  const m = /^([+-]?)([0-9]*)$/.exec(arg);
  if (m === null || SPACE.test(arg) || (m[2] === '' && m[1] !== '')) throw ERR_INVALID_CURSOR;
  let value = BigInt(m[2] || '0');
  if (value > ULONG_MAX) throw ERR_INVALID_CURSOR;
  if (m[1] === '-' && value !== 0n) value = ULONG_MAX + 1n - value;
  return Number(value);
}

export interface ScanOptions {
  count: number;
  match: GlobMatcher | undefined;
}

/**
 * The options SCAN, SSCAN, HSCAN and ZSCAN share (scanGenericCommand), from argv[start]:
 * COUNT n (below 1 is a syntax error) and MATCH pattern, in any order, the last one
 * winning. `extra` reads a command's own options at argv[i] and returns how many
 * arguments it used (0: not one of its options); anything else is a syntax error.
 */
export function parseScanOptions(argv: readonly Bytes[], start: number, extra?: (i: number) => number): ScanOptions {
  const options: ScanOptions = { count: 10, match: undefined };
  let i = start;
  while (i < argv.length) {
    const option = argv[i] as Bytes;
    const hasValue = i + 1 < argv.length;
    if (hasValue && isToken(option, 'COUNT')) {
      options.count = parseInteger(argv[i + 1] as Bytes, ERR_NOT_INTEGER);
      if (options.count < 1) throw ERR_SYNTAX;
      i += 2;
    } else if (hasValue && isToken(option, 'MATCH')) {
      options.match = compileScanPattern(argv[i + 1] as Bytes);
      i += 2;
    } else {
      const used = extra?.(i) ?? 0;
      if (used === 0) throw ERR_SYNTAX;
      i += used;
    }
  }
  return options;
}

/** SCAN cursor [MATCH pattern] [COUNT count] [TYPE type]; reply [next cursor, keys]. */
export const SCAN: CommandHandler = (client, argv) => {
  const cursor = parseScanCursor(argv[1] as Bytes);
  let typeName: string | undefined;
  const { count, match } = parseScanOptions(argv, 2, (i) => {
    if (i + 1 >= argv.length || !isToken(argv[i] as Bytes, 'TYPE')) return 0;
    typeName = cString(argv[i + 1] as Bytes).toLowerCase();
    return 2;
  });
  const db = client.db;
  const batch: Bytes[] = [];
  const next = db.scan(cursor, count, (key) => batch.push(key));
  const found: Bytes[] = [];
  for (const key of batch) {
    if (match !== undefined && !match(key)) continue;
    if (typeName !== undefined) {
      // A counted read lookup, as Redis's; it collects an expired key, whose type is then
      // "none": the expiry check below no longer sees it, so SCAN TYPE none lists it.
      const entry = db.lookupReadEntry(key, LOOKUP_NOTOUCH, client);
      if ((entry === undefined ? 'none' : typeOf(entry.value).toLowerCase()) !== typeName) continue;
    }
    if (db.keyIsExpired(key)) {
      db.has(key); // collect it (emits "expired")
      continue;
    }
    found.push(key);
  }
  return [String(next) as Bytes, found];
};

/** RANDOMKEY: a random live key from the seeded generator; expired keys met are collected. */
export const RANDOMKEY: CommandHandler = (client) => client.db.randomKey() ?? null;

/** DBSIZE counts expired keys not yet collected, as Redis does. */
export const DBSIZE: CommandHandler = (client) => client.db.size;
