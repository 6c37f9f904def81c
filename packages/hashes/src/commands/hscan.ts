import {
  type Bytes,
  type CommandHandler,
  compileScanPattern,
  ERR_NOT_INTEGER,
  ERR_SYNTAX,
  type GlobMatcher,
  parseInteger,
  parseScanCursor,
  isToken,
} from '@fakeredis/core';
import { readHash } from './context.js';
import { isExpired } from './field-access.js';

interface ScanOptions {
  count: number;
  match: GlobMatcher | undefined;
  noValues: boolean;
}

/** MATCH, COUNT and (Redis 7.4) NOVALUES, in any order; anything else is a syntax error. */
function parseOptions(argv: Bytes[], noValuesAllowed: boolean): ScanOptions {
  const options: ScanOptions = { count: 10, match: undefined, noValues: false };
  let i = 3;
  while (i < argv.length) {
    const arg = argv[i] as Bytes;
    const hasValue = i + 1 < argv.length;
    if (hasValue && isToken(arg, 'COUNT')) {
      options.count = parseInteger(argv[i + 1] as Bytes, ERR_NOT_INTEGER);
      if (options.count < 1) throw ERR_SYNTAX;
      i += 2;
    } else if (hasValue && isToken(arg, 'MATCH')) {
      options.match = compileScanPattern(argv[i + 1] as Bytes);
      i += 2;
    } else if (noValuesAllowed && isToken(arg, 'NOVALUES')) {
      options.noValues = true;
      i += 1;
    } else {
      throw ERR_SYNTAX;
    }
  }
  return options;
}

/**
 * HSCAN key cursor [MATCH pattern] [COUNT count] [NOVALUES]. A listpack is returned
 * whole with cursor 0, whatever the cursor, as Redis does; a hash table is walked in
 * the stable order of its fields. Logically expired fields are left out.
 */
const hscan: CommandHandler = (client, argv) => {
  const cursor = parseScanCursor(argv[2] as Bytes);
  const key = argv[1] as Bytes;
  const hash = readHash(client, key);
  if (hash === undefined) return ['0' as Bytes, []];
  const { count, match, noValues } = parseOptions(argv, client.server.versionAtLeast('7.4.0'));
  const now = client.server.now();
  const found: Bytes[] = [];
  const visit = (field: Bytes): void => {
    const entry = hash.get(field);
    if (entry === undefined || isExpired(entry, now)) return;
    if (match !== undefined && !match(field)) return;
    found.push(field);
    if (!noValues) found.push(entry.value);
  };
  const next = hash.scan(cursor, count, visit);
  return [String(next) as Bytes, found];
};

export const hscanCommands: Record<string, CommandHandler> = { HSCAN: hscan };
