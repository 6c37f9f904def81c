import type { Bytes } from './bytes.js';

/** Redis Cluster's hash slots. */
export const SLOT_COUNT = 16384;

/** CRC16-CCITT (XMODEM: polynomial 0x1021, initial 0), the checksum Redis Cluster hashes keys with. */
const TABLE = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let crc = i << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  TABLE[i] = crc;
}

function crc16(key: string, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) crc = ((crc << 8) & 0xffff) ^ (TABLE[((crc >> 8) ^ key.charCodeAt(i)) & 0xff] as number);
  return crc;
}

/**
 * A key's hash slot, as Redis's keyHashSlot: only the part between the first `{` and the
 * first `}` after it is hashed when that part is not empty (a hash tag), else the whole key.
 */
export function keyHashSlot(key: Bytes | string): number {
  const open = key.indexOf('{');
  if (open !== -1) {
    const close = key.indexOf('}', open + 1);
    if (close !== -1 && close !== open + 1) return crc16(key, open + 1, close) & 0x3fff;
  }
  return crc16(key, 0, key.length) & 0x3fff;
}

/**
 * patternHashSlot (Redis 7.4): the slot of every key a glob pattern can match, or -1 when
 * they may lie in several (a wildcard, a class or an escape before a complete hash tag).
 */
export function patternHashSlot(pattern: Bytes | string): number {
  let open = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' || c === '?' || c === '[' || c === '\\') return -1;
    if (open === -1 && c === '{') open = i;
    else if (open >= 0 && c === '}' && i === open + 1) open = -2; // '{}': the whole pattern is hashed
    else if (open >= 0 && c === '}') return crc16(pattern, open + 1, i) & 0x3fff;
  }
  return crc16(pattern, 0, pattern.length) & 0x3fff;
}
