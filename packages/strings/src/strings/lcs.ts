import {
  type Bytes,
  bytesFromBuffer,
  bytesToBuffer,
  type CommandHandler,
  ERR_SYNTAX,
  map,
  parseInt64,
  type RedisValue,
  type Reply,
  cString,
} from '@fakeredis/core';
import {
  ERR_LCS_ALLOCATION,
  ERR_LCS_EXCEEDS_BULK_LEN,
  ERR_LCS_LEN_AND_IDX,
  ERR_LCS_NOT_STRINGS,
  ERR_LCS_TOO_LONG,
  ERR_STRALGO_ALLOCATION,
  ERR_STRALGO_NO_STRINGS,
  ERR_STRALGO_STRINGS_OR_KEYS,
} from '../errors.js';
import { stringBuffer, stringType } from '../value.js';

const UINT32_MAX = 0xffffffff;

/** The bytes of an LCS operand: absent keys are empty strings, other types an error. */
function operand(value: RedisValue | undefined): Buffer | undefined {
  if (value === undefined) return Buffer.alloc(0);
  return stringType.is(value) ? stringBuffer(value) : undefined;
}

interface LcsOptions {
  getLen: boolean;
  getIdx: boolean;
  withMatchLen: boolean;
  minMatchLen: bigint;
}

/** LCS's and STRALGO LCS's options from argv[j]: IDX, LEN, WITHMATCHLEN, MINMATCHLEN len. False when argv[j] is none of them. */
function parseLcsOption(argv: readonly Bytes[], j: number, options: LcsOptions): number | false {
  const opt = cString(argv[j] as Bytes).toUpperCase();
  if (opt === 'IDX') options.getIdx = true;
  else if (opt === 'LEN') options.getLen = true;
  else if (opt === 'WITHMATCHLEN') options.withMatchLen = true;
  else if (opt === 'MINMATCHLEN' && argv.length - 1 - j > 0) {
    options.minMatchLen = parseInt64(argv[++j] as Bytes);
    if (options.minMatchLen < 0n) options.minMatchLen = 0n;
  } else return false;
  return j;
}

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]: the longest common
 * subsequence by the dynamic programming table Redis builds, with its limits and its
 * way of walking the table back to emit the matching ranges.
 */
export const LCS: CommandHandler = (client, argv) => {
  const a = operand(client.db.lookupRead(argv[1] as Bytes, client));
  const b = operand(client.db.lookupRead(argv[2] as Bytes, client));
  if (a === undefined || b === undefined) throw ERR_LCS_NOT_STRINGS;
  const options: LcsOptions = { getLen: false, getIdx: false, withMatchLen: false, minMatchLen: 0n };
  for (let j = 3; j < argv.length; j++) {
    const next = parseLcsOption(argv, j, options);
    if (next === false) throw ERR_SYNTAX;
    j = next;
  }
  if (options.getLen && options.getIdx) throw ERR_LCS_LEN_AND_IDX;
  if (a.length >= UINT32_MAX - 1 || b.length >= UINT32_MAX - 1) throw ERR_LCS_TOO_LONG;
  const cells = (a.length + 1) * (b.length + 1);
  if (cells * 4 > client.server.config.getNumber('proto-max-bulk-len')) throw ERR_LCS_EXCEEDS_BULK_LEN;
  return lcsReply(a, b, options, ERR_LCS_ALLOCATION);
};

/**
 * Redis 6.2's STRALGO LCS [IDX] [LEN] [MINMATCHLEN len] [WITHMATCHLEN] STRINGS a b | KEYS
 * ka kb (KeyDB 6.3): options and operands in any order, each checked as it comes (a key
 * of another type at once); no proto-max-bulk-len limit on the table.
 */
export const STRALGO: CommandHandler = (client, argv) => {
  if (cString(argv[1] as Bytes).toUpperCase() !== 'LCS') throw ERR_SYNTAX;
  const options: LcsOptions = { getLen: false, getIdx: false, withMatchLen: false, minMatchLen: 0n };
  let a: Buffer | undefined;
  let b: Buffer | undefined;
  for (let j = 2; j < argv.length; j++) {
    const opt = cString(argv[j] as Bytes).toUpperCase();
    const moreArgs = argv.length - 1 - j;
    if ((opt === 'STRINGS' || opt === 'KEYS') && moreArgs > 1) {
      if (a !== undefined) throw ERR_STRALGO_STRINGS_OR_KEYS;
      if (opt === 'STRINGS') {
        a = bytesToBuffer(argv[j + 1] as Bytes);
        b = bytesToBuffer(argv[j + 2] as Bytes);
      } else {
        a = operand(client.db.lookupRead(argv[j + 1] as Bytes, client));
        b = operand(client.db.lookupRead(argv[j + 2] as Bytes, client));
        if (a === undefined || b === undefined) throw ERR_LCS_NOT_STRINGS;
      }
      j += 2;
      continue;
    }
    const next = parseLcsOption(argv, j, options);
    if (next === false) throw ERR_SYNTAX;
    j = next;
  }
  if (a === undefined || b === undefined) throw ERR_STRALGO_NO_STRINGS;
  if (options.getLen && options.getIdx) throw ERR_LCS_LEN_AND_IDX;
  if (a.length >= UINT32_MAX - 1 || b.length >= UINT32_MAX - 1) throw ERR_LCS_TOO_LONG;
  return lcsReply(a, b, options, ERR_STRALGO_ALLOCATION);
};

/** The LCS table of a and b walked back (stralgoLCS / lcsCommand): the string, its length, or IDX's ranges. */
function lcsReply(a: Buffer, b: Buffer, options: LcsOptions, allocationError: Reply): Reply {
  const { getIdx, getLen, withMatchLen, minMatchLen } = options;
  const alen = a.length;
  const blen = b.length;
  const cells = (alen + 1) * (blen + 1);
  let table: Uint32Array;
  try {
    table = new Uint32Array(cells);
  } catch {
    throw allocationError;
  }
  const row = blen + 1;
  for (let i = 1; i <= alen; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= blen; j++) {
      if (ai === b[j - 1]) {
        table[i * row + j] = (table[(i - 1) * row + j - 1] as number) + 1;
      } else {
        const up = table[(i - 1) * row + j] as number;
        const left = table[i * row + j - 1] as number;
        table[i * row + j] = up > left ? up : left;
      }
    }
  }
  const total = table[alen * row + blen] as number;

  const computeLcs = getIdx || !getLen;
  const result = Buffer.alloc(computeLcs ? total : 0);
  const matches: Reply[] = [];
  let idx = total;
  let aStart = alen; // alen signals "no range being tracked"
  let aEnd = 0;
  let bStart = 0;
  let bEnd = 0;
  let i = alen;
  let j = blen;
  while (computeLcs && i > 0 && j > 0) {
    let emitRange = false;
    if (a[i - 1] === b[j - 1]) {
      result[idx - 1] = a[i - 1] as number;
      if (aStart === alen) {
        aStart = i - 1;
        aEnd = i - 1;
        bStart = j - 1;
        bEnd = j - 1;
      } else if (aStart === i && bStart === j) {
        // Contiguous with the range being tracked: extend it backwards.
        aStart--;
        bStart--;
      } else {
        emitRange = true;
      }
      if (aStart === 0 || bStart === 0) emitRange = true;
      idx--;
      i--;
      j--;
    } else {
      const up = table[(i - 1) * row + j] as number;
      const left = table[i * row + j - 1] as number;
      if (up > left) i--;
      else j--;
      if (aStart !== alen) emitRange = true;
    }
    const matchLen = aEnd - aStart + 1;
    if (emitRange) {
      if (getIdx && (minMatchLen === 0n || BigInt(matchLen) >= minMatchLen)) {
        const entry: Reply[] = [[aStart, aEnd], [bStart, bEnd]];
        if (withMatchLen) entry.push(matchLen);
        matches.push(entry);
      }
      aStart = alen;
    }
  }

  if (getIdx) return map([
      ['matches' as Bytes, matches],
      ['len' as Bytes, total],
    ]);
  if (getLen) return total;
  return bytesFromBuffer(result);
}
