import { type Bytes, type Client, type Database, MutableString, tryParseInt64 } from '@fakeredis/core';
import { ERR_BIT_OFFSET } from '../errors.js';
import { stringType, unshareString } from '../value.js';

/**
 * A bit offset argument, as Redis's getBitOffsetFromArgument reads it: a non-negative
 * int64 whose byte (offset >> 3) is below proto-max-bulk-len. With `hash` and a width,
 * "#n" means n * bits (BITFIELD), multiplied with C's wrapping int64 arithmetic.
 */
export function parseBitOffset(client: Client, arg: Bytes, hash = false, bits = 0): number {
  const useHash = hash && bits > 0 && arg.charCodeAt(0) === 0x23;
  let offset = tryParseInt64(useHash ? arg.slice(1) : arg);
  if (offset === undefined) throw ERR_BIT_OFFSET;
  if (useHash) offset = BigInt.asIntN(64, offset * BigInt(bits));
  if (offset < 0n || offset >> 3n >= BigInt(client.server.config.getNumber('proto-max-bulk-len'))) {
    throw ERR_BIT_OFFSET;
  }
  return Number(offset);
}

/**
 * Redis's lookupStringForBitCommand: the raw string at a key, created or zero-padded so
 * that bit `maxbit` exists. `dirty` says it was created or grew.
 */
export function lookupStringForBitCommand(db: Database, key: Bytes, maxbit: number): { raw: MutableString; dirty: boolean } {
  const length = Math.floor(maxbit / 8) + 1;
  const current = stringType.write(db, key);
  if (current === undefined) {
    const raw = new MutableString('' as Bytes, length);
    raw.ensureLength(length);
    db.add(key, raw);
    return { raw, dirty: true };
  }
  const raw = unshareString(db, key, current);
  const before = raw.length;
  raw.ensureLength(length);
  return { raw, dirty: raw.length !== before };
}

/** Byte `i` of a string's bytes, 0 past its end (bitmaps are zero-padded to the right). */
export function byteOrZero(source: Uint8Array | string, i: number): number {
  if (i >= source.length) return 0;
  return typeof source === 'string' ? source.charCodeAt(i) : (source[i] as number);
}
