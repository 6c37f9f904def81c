import { type Bytes, type CommandHandler, ERR_SYNTAX, hasArgumentToken, parseInteger } from '@fakeredis/core';
import { ERR_BIT_ARGUMENT } from '../errors.js';
import { stringSource, stringType, type StringValue } from '../value.js';
import { normalizeRange, parseBitUnit } from './bit-range.js';

/**
 * Redis's redisBitpos over bytes [offset, offset + count): the position of the first bit
 * equal to `bit`. With none found, -1 when looking for 1, and count * 8 when looking for
 * 0 (the string is taken as zero-padded on the right).
 */
function bitposInBytes(byteAt: (i: number) => number, offset: number, count: number, bit: number): number {
  const skip = bit ? 0 : 0xff;
  for (let i = 0; i < count; i++) {
    const byte = byteAt(offset + i);
    if (byte === skip) continue;
    for (let j = 0; j < 8; j++) {
      if (((byte >> (7 - j)) & 1) === bit) return i * 8 + j;
    }
  }
  return bit ? -1 : count * 8;
}

/** The same search in one byte held apart (edge bytes of a BIT range). */
function bitposInByte(byte: number, bit: number): number {
  return bitposInBytes(() => byte, 0, 1, bit);
}

/**
 * BITPOS key bit [start [end [BYTE | BIT]]]. Without an explicit end, a search for 0 may
 * answer the first bit past the string; with one, the range is closed and -1 means none.
 * Redis 7.0 looks the key up before parsing the range; 7.2 parses first.
 */
export const BITPOS: CommandHandler = (client, argv) => {
  const key = argv[1] as Bytes;
  const bit = parseInteger(argv[2] as Bytes);
  if (bit !== 0 && bit !== 1) throw ERR_BIT_ARGUMENT;
  const argumentsFirst = client.server.versionAtLeast('7.2.0');
  const missing = bit ? -1 : 0;
  let value: StringValue | undefined;
  if (!argumentsFirst) {
    value = stringType.read(client, key);
    if (value === undefined) return missing;
  }
  const argc = argv.length;
  let start = 0;
  let end = 0;
  let isBit = false;
  let endGiven = false;
  // BYTE | BIT came with Redis 7.0 (absent from KeyDB 6.3's metadata: six arguments are a syntax error there).
  if (argc === 4 || argc === 5 || (argc === 6 && hasArgumentToken(client.server.profile, 'BITPOS', 'BIT'))) {
    start = parseInteger(argv[3] as Bytes);
    if (argc === 6) isBit = parseBitUnit(argv[5] as Bytes);
    if (argc >= 5) {
      end = parseInteger(argv[4] as Bytes);
      endGiven = true;
    }
    if (argumentsFirst) value = stringType.read(client, key);
    if (value === undefined) return missing;
    if (!endGiven) end = isBit ? value.length * 8 + 7 : value.length - 1;
  } else if (argc === 3) {
    if (argumentsFirst) value = stringType.read(client, key);
    if (value === undefined) return missing;
    end = value.length - 1;
  } else {
    throw ERR_SYNTAX;
  }

  const range =
    argc === 3 ? { start, end, firstMask: 0, lastMask: 0 } : normalizeRange(start, end, value.length, isBit);
  if (range.start > range.end) return -1;
  const source = stringSource(value);
  const byteAt = typeof source === 'string' ? (i: number) => source.charCodeAt(i) : (i: number) => source[i] as number;
  const { firstMask, lastMask } = range;
  let first = range.start;
  let bytes = range.end - range.start + 1;
  let pos: number;
  found: {
    if (firstMask) {
      let edge = bit ? byteAt(first) & ~firstMask & 0xff : byteAt(first) | firstMask;
      if (lastMask && bytes === 1) edge = bit ? edge & ~lastMask & 0xff : edge | lastMask;
      pos = bitposInByte(edge, bit);
      if (bytes === 1 || (pos !== -1 && pos !== 8)) break found;
      first++;
      bytes--;
    }
    // A last byte with bits outside the range is searched apart, masked.
    const whole = bytes - (lastMask ? 1 : 0);
    if (whole > 0) {
      pos = bitposInBytes(byteAt, first, whole, bit);
      if (bytes === whole || (pos !== -1 && pos !== whole * 8)) break found;
      first += whole;
      bytes -= whole;
    }
    const edge = bit ? byteAt(range.end) & ~lastMask & 0xff : byteAt(range.end) | lastMask;
    pos = bitposInByte(edge, bit);
  }
  // With an explicit end, running past the range while looking for 0 finds nothing.
  if (endGiven && bit === 0 && pos === bytes * 8) return -1;
  if (pos !== -1) pos += first * 8;
  return pos;
};
