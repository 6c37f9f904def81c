import { type Bytes, type CommandHandler, isToken, parseScanCursor, parseScanOptions } from '@fakeredis/core';
import { hashType } from '../value/hash-value.js';
import { isExpired } from './field-access.js';

/**
 * HSCAN key cursor [MATCH pattern] [COUNT count] [NOVALUES]. A listpack is returned
 * whole with cursor 0, whatever the cursor, as Redis does; a hash table is walked in
 * the stable order of its fields. Logically expired fields are left out.
 */
export const HSCAN: CommandHandler = (client, argv) => {
  const cursor = parseScanCursor(argv[2] as Bytes);
  const key = argv[1] as Bytes;
  const hash = hashType.read(client, key);
  if (hash === undefined) return ['0' as Bytes, []];
  // NOVALUES arrived in Redis 7.4; before it the word is a syntax error.
  const noValuesAllowed = client.server.versionAtLeast('7.4.0');
  let noValues = false;
  const { count, match } = parseScanOptions(argv, 3, (i) => {
    if (!noValuesAllowed || !isToken(argv[i] as Bytes, 'NOVALUES')) return 0;
    noValues = true;
    return 1;
  });
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
