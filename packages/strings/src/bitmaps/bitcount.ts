import { type Bytes, type CommandHandler, ERR_SYNTAX, hasArgumentToken, parseInteger } from '@fakeredis/core';
import { stringSource, stringType, type StringValue } from '../value.js';
import { type ByteRange, normalizeRange, parseBitUnit } from './bit-range.js';

const BITS_IN_BYTE = new Uint8Array(256);
for (let i = 1; i < 256; i++) BITS_IN_BYTE[i] = (BITS_IN_BYTE[i >> 1] as number) + (i & 1);

/** Number of set bits in bytes [start, end] of a string. */
export function popcount(source: Uint8Array | string, start: number, end: number): number {
  let count = 0;
  if (typeof source === 'string') {
    for (let i = start; i <= end; i++) count += BITS_IN_BYTE[source.charCodeAt(i)] as number;
  } else {
    for (let i = start; i <= end; i++) count += BITS_IN_BYTE[source[i] as number] as number;
  }
  return count;
}

function countInRange(value: StringValue, range: ByteRange): number {
  const { start, end, firstMask, lastMask } = range;
  if (start > end) return 0;
  const source = stringSource(value);
  let count = popcount(source, start, end);
  const byte = (i: number) => (typeof source === 'string' ? source.charCodeAt(i) : (source[i] as number));
  if (firstMask !== 0) count -= BITS_IN_BYTE[byte(start) & firstMask] as number;
  if (lastMask !== 0) count -= BITS_IN_BYTE[byte(end) & lastMask] as number;
  return count;
}

/**
 * BITCOUNT key [start end [BYTE | BIT]]. Redis 7.0 looks the key up first, so a missing
 * key answers 0 whatever the arguments; 7.2 validates the arguments first.
 */
export const BITCOUNT: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const argumentsFirst = client.server.versionAtLeast('7.2.0');
  let value: StringValue | undefined;
  if (!argumentsFirst) {
    value = stringType.read(client, key);
    if (value === undefined) return 0;
  }
  // BYTE | BIT came with Redis 7.0: where the command metadata lacks them (KeyDB 6.3), five arguments are a syntax error.
  if (argv.length === 4 || (argv.length === 5 && hasArgumentToken(client.server.profile, 'BITCOUNT', 'BIT'))) {
    const start = parseInteger(argv[2] as Bytes);
    const end = parseInteger(argv[3] as Bytes);
    const reversed = start < 0 && end < 0 && start > end;
    if (!argumentsFirst && reversed) return 0;
    const isBit = argv.length === 5 ? parseBitUnit(argv[4] as Bytes) : false;
    if (argumentsFirst) {
      value = stringType.read(client, key);
      if (value === undefined || reversed) return 0;
    }
    return countInRange(value as StringValue, normalizeRange(start, end, (value as StringValue).length, isBit));
  }
  if (argv.length === 2) {
    if (argumentsFirst) value = stringType.read(client, key);
    if (value === undefined) return 0;
    return countInRange(value, { start: 0, end: value.length - 1, firstMask: 0, lastMask: 0 });
  }
  throw ERR_SYNTAX;
};
